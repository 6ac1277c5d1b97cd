"""Material's search box finds initiatives by inflected Danish words (issue 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PLAN = "region-sjaelland-2024"


def search(page: Page, site_url: str, query: str) -> list[str]:
    """Type ``query`` into the search box like a reader and return the result links (paths)."""
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    meta = page.locator(".md-search-result__meta")
    # Material shows "Skriv for at søge" until the worker answered; wait for a real answer.
    page.wait_for_function(
        "q => { const m = document.querySelector('.md-search-result__meta');"
        " return document.querySelector('input.md-search__input').value === q && m"
        " && !/Skriv|Initialiserer/i.test(m.textContent) }",
        arg=query,
    )
    meta.wait_for()
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.pathname)")
    return hrefs


@pytest.mark.parametrize(
    ("query", "expected", "says"),
    [
        ("patologisvar", f"{PLAN}/09-nedbringe-ventetid-for-patologisvar/", "patologi"),
        ("udeblivelserne", f"{PLAN}/15-oeget-fremmoede-til-ambulante-aftaler/", "udeblivelser"),
        # A prefix of an inflected form (what a reader has typed half-way) finds it too.
        ("udeblivelse", f"{PLAN}/15-oeget-fremmoede-til-ambulante-aftaler/", "udeblivelser"),
        # Inflected forms that appear nowhere on the site: found through their Danish stem
        # (docs/assets/javascripts/search-da.js).
        ("udeblivelsen", f"{PLAN}/15-oeget-fremmoede-til-ambulante-aftaler/", "udeblivelser"),
        ("patologisvarene", f"{PLAN}/09-nedbringe-ventetid-for-patologisvar/", "patologi"),
        ("henvisningernes", f"{PLAN}/03-beslutningsstoette-til-henvisninger/", "henvisninger"),
    ],
)
def test_search_finds_initiative_by_inflected_word(
    page: Page, site_url: str, query: str, expected: str, says: str
) -> None:
    results = search(page, site_url, query)
    wanted = urlsplit(site_url + expected).path
    assert wanted in results, f"searching {query!r} should list {wanted}; got {results}"
    page.goto(site_url + expected)
    assert says in page.locator("article").inner_text().lower()


def test_inflected_forms_in_the_test_are_really_absent_from_the_data() -> None:
    """Guards the test above: these words must not occur in data/, or it would prove nothing."""
    import re
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "data"
    text = "\n".join(p.read_text(encoding="utf-8") for p in data.rglob("*.yml")).lower()
    for word in ("udeblivelsen", "patologisvarene", "henvisningernes"):
        assert not re.search(rf"\b{word}\b", text), word
