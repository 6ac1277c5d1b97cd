"""The staff dashboard in Chromium (issue 14): signals, the attention filter, empty and
not-understood filter states, the status report page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

GRID = "region-sjaelland-2024/oversigt/"
CARDS = "[data-ap-cards] > li"


def visible_titles(page: Page) -> list[str]:
    return page.locator(CARDS).evaluate_all(
        "els => els.filter(e => !e.hidden && e.offsetParent !== null)"
        ".map(e => e.querySelector('.ap-card__number').textContent)"
    )


def test_attention_filter_shows_the_three_with_signals(page: Page, site_url: str) -> None:
    page.goto(site_url + GRID + "?opmaerksomhed=ja")
    assert visible_titles(page) == ["Indsats 1", "Indsats 3", "Indsats 11"]
    three = page.locator(CARDS).nth(2)
    assert three.locator(".ap-signal").all_inner_texts() == [
        "Korrigerende handlinger",
        "Omlægning foreslået",
        "Slutdato ændret",
    ]
    assert "Ukendt (ændret fra 2024)" in three.inner_text()
    assert page.locator("[data-ap-message]").is_hidden()


def test_an_empty_result_says_why(page: Page, site_url: str) -> None:
    page.goto(site_url + GRID)
    empty = page.locator("[data-ap-empty]")
    assert empty.is_hidden()
    page.select_option("#filter-status", "yellow")
    page.select_option("#filter-opmaerksomhed", "nej")  # #1 is the only yellow one, and it has signals
    assert visible_titles(page) == []
    assert empty.is_visible()
    assert "Ingen indsatser passer til de valgte filtre" in empty.inner_text()
    assert page.locator("[data-ap-count]").inner_text() == "Viser 0 af 15."


def test_an_unknown_query_value_is_reported_not_ignored(page: Page, site_url: str) -> None:
    page.goto(site_url + GRID + "?status=red")
    message = page.locator("[data-ap-message]")
    assert message.is_visible()
    assert "Status = «red»" in message.inner_text() and "ikke forstået" in message.inner_text()
    assert len(visible_titles(page)) == 15
    # a filter the page does not offer (every target group is «Ikke oplyst») is explained too
    page.goto(site_url + GRID + "?maalgruppe=borgere")
    assert "Målgruppe kan ikke vælges" in page.locator("[data-ap-message]").inner_text()


def test_signals_are_explained_on_the_initiative_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "region-sjaelland-2024/11-stabilisering-af-billeddiagnostik/")
    box = page.locator(".ap-status-box .ap-signal-box")
    text = box.inner_text()
    assert "Slutdato ændret: Slutdatoen er ændret fra 2024 (planen) til 31. december 2025" in text
    assert "Slutdato overskredet: Slutdatoen 31. december 2025 er passeret" in text
    assert page.locator(".ap-status-box .ap-status").inner_text().strip() == "Ikke oplyst"
    # how the PDF was read is out of the reading flow, in a collapsed «Om kilden»
    notes = page.locator("details.ap-source-notes")
    assert not notes.evaluate("d => d.open")
    assert "Afkrydsningerne i MÅLGRUPPER" not in page.locator(".md-content").inner_text()
    notes.locator("summary").click()
    assert "Afkrydsningerne i MÅLGRUPPER" in page.locator(".md-content").inner_text()


def test_status_report_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "region-sjaelland-2024/statusrapporter/")
    page.get_by_role("link", name="Statusrapport september 2024").first.click()
    assert page.url.endswith("region-sjaelland-2024/statusrapport-2024-09/")
    assert page.locator("h1").inner_text() == "Statusrapport september 2024"
    rows = page.locator(".ap-report__table tbody tr")
    assert rows.count() == 15
    eleven = rows.nth(10).inner_text()
    assert "31. december 2025" in eleven and "2024" in eleven and "Slutdato ændret" in eleven
    assert page.locator(".ap-report__detail h3").all_inner_texts() == [
        "Indsats 1: Afprøvning af AI",
        "Indsats 3: Beslutningsstøtte til henvisninger",
        "Indsats 11: Stabilisering af billeddiagnostik",
    ]
    # printable: the site chrome goes, the report stays
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".ap-report__table").is_visible()
