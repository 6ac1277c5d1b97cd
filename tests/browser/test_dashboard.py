"""The staff dashboard in Chromium (issue 14): signals, the attention filter, empty and
not-understood filter states, the status report page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.examples import about_published_examples

if TYPE_CHECKING:
    from playwright.sync_api import Page

# These pages are this repository's example plans (tests/examples.py).
pytestmark = [pytest.mark.browser, about_published_examples]

GRID = "region-sjaelland-2024/oversigt/"
CARDS = "[data-ap-cards] > li"


def visible_titles(page: Page) -> list[str]:
    return page.locator(CARDS).evaluate_all(
        "els => els.filter(e => !e.hidden && e.offsetParent !== null)"
        ".map(e => e.querySelector('.ap-card__number').textContent)"
    )


def test_attention_filter_shows_the_three_with_signals(page: Page, any_site_url: str) -> None:
    page.goto(any_site_url + GRID + "?opmaerksomhed=ja")
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


def test_charts_have_text_alternatives_and_print(page: Page, any_site_url: str) -> None:
    page.goto(any_site_url + "region-sjaelland-2024/tidslinje/")
    gantt = page.locator("#tidsplan svg[role=img]")
    assert gantt.is_visible()
    # the accessible name and description come from the SVG's <title> and <desc>
    name = gantt.evaluate(
        "s => s.getAttribute('aria-labelledby').split(' ').map(i => document.getElementById(i).textContent)"
    )
    assert name[0] == "Tidsplan for indsatser i Region Sjælland – Handleplan 2024"
    assert "Alle bjælker begynder ved planens periode (2024)" in name[1]
    assert "Statusrapport september 2024" in name[1] and "I dag, 22. november 2026" in name[1]
    table = page.locator("#tidsplan table")
    assert table.locator("tbody tr").count() == 15
    eleven = table.locator("tbody tr").nth(10).inner_text()
    assert "Indsats 11: Stabilisering af billeddiagnostik" in eleven and "31. december 2025" in eleven
    assert "ændret" in eleven
    assert "Ukendt" in table.locator("tbody tr").nth(2).inner_text()
    # a phone scrolls the chart sideways inside its own region; the page itself does not
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    region = page.locator("#tidsplan .ap-chart__scroll")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth") and region.get_attribute("tabindex") == "0"
    # in print the chart fits the page and keeps its colours and patterns
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="print")
    assert gantt.is_visible()
    assert gantt.evaluate("s => getComputedStyle(s).printColorAdjust") == "exact"
    assert gantt.evaluate("s => getComputedStyle(s).minWidth") == "0px"  # scales to the paper

    page.emulate_media(media="screen")
    page.goto(any_site_url + "region-sjaelland-2024/")
    chart = page.locator("#statusdiagram")
    rows = chart.locator("table tbody tr")
    assert rows.all_inner_texts() == [
        "Statusrapport september 2024\t1\t14\t15 af 15",
        "Nu (22. november 2026)\t1\t14\t15 af 15",
    ]
    assert chart.locator(".ap-chart__legend").inner_text().split("\n") == ["Gul – mindre afvigelser", "Ikke oplyst"]


def test_goals_matrix_on_a_phone(browser: object, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(site_url + "danske-regioner-2014-2016/maalsaetninger/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page does not scroll sideways
        wrap = page.locator(".ap-matrix-wrap")
        heads = wrap.locator("thead th").all_inner_texts()
        assert heads[0] == "Pejlemærke" and heads[1:] == [f"Målsætning {n}*" for n in range(1, 7)]  # * editorial
        overflowing = wrap.locator("tbody th").evaluate_all("ths => ths.filter(t => t.scrollWidth > t.clientWidth)")
        assert overflowing == []  # long words widen the column instead of spilling into the next
        cell = wrap.locator("tbody td").first
        assert cell.evaluate("c => parseFloat(getComputedStyle(c).borderRightWidth)") >= 1  # gridlines
        wrap.scroll_into_view_if_needed()
        wrap.evaluate("w => { w.scrollTop = 400; w.scrollLeft = 200; }")
        top = wrap.evaluate("w => w.getBoundingClientRect().top")
        # after scrolling down and sideways, the goal names and the initiatives are still in view
        assert abs(wrap.locator("thead th").nth(3).evaluate("t => t.getBoundingClientRect().top") - top) < 2
        left = wrap.evaluate("w => w.getBoundingClientRect().left")
        assert abs(wrap.locator("tbody th").nth(8).evaluate("t => t.getBoundingClientRect().left") - left) < 2
        # no word is broken mid-word, and status icons keep their size in narrow columns
        page.goto(site_url + "region-sjaelland-2024/")
        link = page.get_by_role("link", name="Befolkningsundersøgelse af sundhedsprofil")
        assert link.evaluate("a => getComputedStyle(a).overflowWrap") == "normal"
        icons = page.locator(".ap-table .ap-status__icon svg")
        sizes = icons.evaluate_all("els => els.map(e => Math.round(e.getBoundingClientRect().width))")
        assert len(set(sizes)) == 1 and sizes[0] >= 12, sizes
    finally:
        context.close()
