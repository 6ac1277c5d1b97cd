"""The search finds initiatives by inflected Danish words, from the keyboard (issues 2 and 13).

A reader types into the header's search form and presses Enter; the search page runs the query
with Pagefind (Danish stemming from <html lang="da">) and lists the results with their status.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import TINY
from tests.examples import about_published_examples
from tests.sitebuild import build, make_project
from tests.test_site import _poison

from .conftest import serve

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Page

pytestmark = pytest.mark.browser

PLAN = "region-sjaelland-2024"
RESULT_LINKS = ".pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link"  # not sub-results


def search(page: Page, site_url: str, query: str, start: str = "") -> list[str]:
    """Type ``query`` into the header's search box like a reader, press Enter, and return the
    result links (paths, one per page, in Pagefind's order)."""
    page.goto(site_url + start)
    box = page.locator("header input[name=q]")
    box.click()
    box.press_sequentially(query, delay=10)
    box.press("Enter")
    page.wait_for_url("**/soeg/?q=*")
    # Pagefind shows «Søger efter …» first, then its count of results (or «Ingen resultater»), then
    # fills in the results (five at first) as their fragments arrive: wait until they are all there
    page.wait_for_function(
        "sel => { const m = document.querySelector('.pagefind-ui__message');"
        " if (!m || !/resultat/i.test(m.textContent) || /Søger/.test(m.textContent)) return false;"
        " const n = parseInt(m.textContent, 10) || 0;"
        " return document.querySelectorAll(sel).length >= Math.min(n, 5) }",
        arg=RESULT_LINKS,
    )
    return page.locator(RESULT_LINKS).evaluate_all("els => els.map(e => e.pathname)")


SHOWN = 5  # results Pagefind's interface shows before «Vis flere»
# (query, the initiative it must find, a word that page says)
INFLECTED = [
    ("patologisvar", f"{PLAN}/09-nedbringe-ventetid-for-patologisvar/", "patologi"),
    ("udeblivelserne", f"{PLAN}/15-oeget-fremmoede-til-ambulante-aftaler/", "udeblivelser"),
    # A prefix of an inflected form (what a reader has typed half-way) finds it too.
    ("udeblivelse", f"{PLAN}/15-oeget-fremmoede-til-ambulante-aftaler/", "udeblivelser"),
    # Inflected forms that appear nowhere on the site: found through their Danish stem.
    ("udeblivelsen", f"{PLAN}/15-oeget-fremmoede-til-ambulante-aftaler/", "udeblivelser"),
    ("patologisvarene", f"{PLAN}/09-nedbringe-ventetid-for-patologisvar/", "patologi"),
    ("henvisningernes", f"{PLAN}/03-beslutningsstoette-til-henvisninger/", "henvisninger"),
]


@about_published_examples  # this repository's example plans (tests/examples.py)
def test_search_finds_initiatives_by_inflected_words(page: Page, site_url: str, built_site: Path) -> None:
    """Each query through Pagefind on the search page, as its interface runs it (one page for all
    of them; the interface itself, from the header's form: the tests below). The page found says
    the word in its content."""
    page.goto(site_url + "soeg/")
    prefix = urlsplit(site_url).path
    missed = []
    for query, expected, says in INFLECTED:
        results = all_results(page, query)
        if prefix + expected not in results[:SHOWN]:  # among the results a reader sees first
            missed.append(f"searching {query!r} should list {prefix + expected} first {SHOWN}; got {results}")
        assert says in article_text(built_site / expected / "index.html").lower(), (expected, says)
    assert not missed, "\n".join(missed)


def article_text(html_file: Path) -> str:
    """The text of a built page's ``<article>`` (its content, without the site's chrome)."""
    html = html_file.read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return re.sub(r"<[^>]+>", " ", article)


@about_published_examples  # this repository's example plans (tests/examples.py)
def test_inflected_forms_in_the_test_are_really_absent_from_the_data() -> None:
    """Guards the test above: these words must not occur in data/, or it would prove nothing."""
    data = Path(__file__).resolve().parents[2] / "data"
    text = "\n".join(p.read_text(encoding="utf-8") for p in data.rglob("*.yml")).lower()
    for word in ("udeblivelsen", "patologisvarene", "henvisningernes"):
        assert not re.search(rf"\b{word}\b", text), word


def all_results(page: Page, query: str) -> list[str]:
    """Every result of ``query`` (paths), through Pagefind's own API on the search page, not just
    the five its interface shows at first."""
    return page.evaluate(
        """async (q) => {
          const pagefind = await import(new URL("../pagefind/pagefind.js", location).href);
          const search = await pagefind.search(q);
          return (await Promise.all(search.results.map((r) => r.data()))).map((d) => d.url);
        }""",
        query,
    )


@about_published_examples  # this repository's example plans (tests/examples.py)
def test_initiative_number_finds_that_initiative_first_not_its_neighbours(page: Page, site_url: str) -> None:
    """«Indsats 11» used to match every page whose prev/next links or sidebar name it (issue 13)."""
    start = f"{PLAN}/10-optimering-af-den-administrative-brug-af-sundhedsplatformen/"
    shown = search(page, site_url, "Indsats 11", start=start)
    prefix = urlsplit(site_url).path
    assert shown[0] == f"{prefix}{PLAN}/11-stabilisering-af-billeddiagnostik/", shown
    results = all_results(page, "Indsats 11")
    count = int(page.locator(".pagefind-ui__message").inner_text().split()[0])  # «6 resultater for …»
    assert len(results) == count <= 8, results
    # its neighbours name it only in their previous/next links: not a hit
    for neighbour in ("10-optimering", "12-styrke"):
        assert not any(neighbour in r for r in results), results
    for aggregate in ("oversigt", "tidslinje", "maalsaetninger", "hele-planen", "statusrapporter"):
        assert not any(f"/{aggregate}/" in r for r in results), results


@about_published_examples  # this repository's example plans (tests/examples.py)
def test_a_form_found_only_through_its_stem_is_found_through_the_interface(page: Page, site_url: str) -> None:
    """«udeblivelsen» is nowhere on the site: the interface, with its own options, finds it too."""
    query, expected, _ = INFLECTED[3]
    assert query == "udeblivelsen"
    assert urlsplit(site_url + expected).path in search(page, site_url, query)


@about_published_examples  # this repository's example plans (tests/examples.py)
def test_result_shows_the_initiatives_status_and_is_reached_by_keyboard(page: Page, any_site_url: str) -> None:
    search(page, any_site_url, "patologisvar")
    first = page.locator(".pagefind-ui__result").first
    assert "Status: Ikke oplyst" in first.locator(".pagefind-ui__result-tags").inner_text()
    # the count is announced to screen readers (a live region mirrors Pagefind's message)
    live = page.locator("#ap-search-status")
    assert live.get_attribute("role") == "status" and "resultat" in live.inner_text()
    # from the search field, Tab moves on to the results: the first result link gets focus
    page.locator(".pagefind-ui__search-input").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('pagefind-ui__result-link')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__result-link')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/09-nedbringe-ventetid-for-patologisvar/")


def test_search_page_explains_that_search_needs_a_web_server_when_opened_from_disk(
    page: Page, built_site_offline: str
) -> None:
    page.goto(built_site_offline + "soeg.html?q=patologisvar")
    note = page.locator("#ap-search-offline")
    note.wait_for(state="visible")
    assert "python3 -m http.server" in note.inner_text()
    assert page.locator(".pagefind-ui").count() == 0


@pytest.mark.slow
def test_hostile_text_in_the_data_is_shown_as_text_in_search_results(page: Page, tmp_path: Path) -> None:
    """Pagefind's results put excerpts in as HTML: text from data must arrive there as text."""
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    for path in data.rglob("*.yml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        poisoned = yaml.safe_dump(_poison(yaml.safe_load("\n".join(lines))), allow_unicode=True)
        path.write_text(lines[0] + "\n" + poisoned, encoding="utf-8")
    built = build(make_project(tmp_path, data))
    assert built.returncode == 0, built.output
    dialogs: list[str] = []

    def seen(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", seen)
    try:
        with serve(built.site) as url:
            search(page, url, "alert")
            results = page.locator(".pagefind-ui__results")
            assert "Indsats 1: TITLE" in results.inner_text()
            assert '<script>alert("x")</script>' in results.inner_text()  # shown, as written
            assert results.locator("script, img, a[href^=javascript]").count() == 0
            page.wait_for_timeout(300)
    finally:
        page.remove_listener("dialog", seen)  # the tab is shared with the next tests
    assert dialogs == []
