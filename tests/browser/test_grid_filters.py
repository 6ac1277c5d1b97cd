"""Overview grid filters (issue 2): keyboard operable, visible focus, shareable URL, no-JS fallback."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.examples import about_published_examples

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# These pages are this repository's example plans (tests/examples.py).
pytestmark = [pytest.mark.browser, about_published_examples]

GRID = "region-sjaelland-2024/oversigt/"
CARDS = "[data-ap-cards] > li"


def visible_statuses(page: Page) -> list[str]:
    return page.locator(CARDS).evaluate_all(
        "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => e.dataset.status)"
    )


def has_visible_focus(page: Page) -> bool:
    """The focused element draws an outline (or a focus ring made of box-shadow) at least 2px wide."""
    return page.evaluate(
        """() => {
          const s = getComputedStyle(document.activeElement);
          const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
          return outline || (s.boxShadow && s.boxShadow !== 'none');
        }"""
    )


def tab_to(page: Page, selector: str, limit: int = 150) -> None:
    """Press Tab from the top of the page until ``selector`` has focus, like a keyboard user."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was not reached with {limit} presses of Tab")


def test_status_filter_by_keyboard_updates_url_and_survives_reload(page: Page, any_site_url: str, real_repo) -> None:
    every = len(real_repo.plan(GRID.split("/")[0]).initiatives)  # one card per initiative of the plan
    page.goto(any_site_url + GRID)
    form = page.locator("form[data-ap-filters]")
    assert form.is_visible(), "with JavaScript the filter form is shown"
    all_statuses = visible_statuses(page)
    assert len(all_statuses) == every
    assert "yellow" in all_statuses

    tab_to(page, "#filter-status")
    assert has_visible_focus(page), "the status select has no visible focus indicator"
    select = page.locator("#filter-status")
    wanted = select.locator("option", has_text="Gul – mindre afvigelser").get_attribute("value")
    assert wanted == "yellow"
    for _ in range(10):  # arrow keys on a closed <select> change the choice and fire "change"
        if select.input_value() == wanted:
            break
        page.keyboard.press("ArrowDown")
    assert select.input_value() == wanted

    shown = visible_statuses(page)
    assert shown == [s for s in all_statuses if s == "yellow"]
    assert "?status=yellow" in page.url
    assert page.locator("[data-ap-count]").inner_text() == f"Viser {len(shown)} af {every}."

    page.reload()
    assert page.locator("#filter-status").input_value() == "yellow"
    assert visible_statuses(page) == shown

    # The reset button is reachable by keyboard too and shows every card again.
    tab_to(page, "form[data-ap-filters] button[type=reset]")
    assert has_visible_focus(page), "the reset button has no visible focus indicator"
    page.keyboard.press("Enter")
    page.wait_for_function("() => !location.search.includes('status=')")
    assert len(visible_statuses(page)) == every


def test_without_javascript_every_card_shows_and_the_form_stays_hidden(
    browser: Browser, site_url: str, real_repo
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + GRID + "?status=yellow")
        assert page.locator("form[data-ap-filters]").is_hidden()
        assert len(visible_statuses(page)) == len(real_repo.plan(GRID.split("/")[0]).initiatives)
    finally:
        context.close()
