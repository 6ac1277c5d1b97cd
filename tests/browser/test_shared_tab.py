"""The browser tab that tests share (conftest.py, ``SharedTab``) comes to each test as a new one
would: nothing a test leaves behind reaches the next (issue 12)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import serve

if TYPE_CHECKING:
    from playwright.sync_api import Page

# the tests below run in one process, in this order (tests/conftest.py schedules a group together)
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("shared-tab")]
LEFT: dict[str, object] = {}
STORED = "() => [localStorage.getItem('ap-left'), sessionStorage.getItem('ap-left')]"


@pytest.fixture(scope="module")
def other_url(built_site: Path) -> Iterator[str]:
    """The same site from a second server: another origin, with storage of its own."""
    with serve(built_site) as url:
        yield url


def test_a_test_leaves_state_behind_on_two_sites(page: Page, site_url: str, other_url: str) -> None:
    for url in (site_url, other_url):  # ends on the second: the first is no longer shown
        page.goto(url)
        page.evaluate("() => { localStorage.setItem('ap-left', '1'); sessionStorage.setItem('ap-left', '1'); }")
    page.context.add_cookies([{"name": "ap-left", "value": "1", "url": site_url}])
    page.emulate_media(media="print", color_scheme="dark", reduced_motion="reduce")
    page.set_viewport_size({"width": 390, "height": 700})
    LEFT["tab"] = page


def test_the_next_test_gets_a_clean_tab(page: Page, site_url: str, other_url: str) -> None:
    assert LEFT.get("tab") is page  # the same tab, or this test would prove nothing
    assert page.url == "about:blank"
    assert page.viewport_size == {"width": 1280, "height": 900}
    assert page.context.cookies() == []
    for url in (site_url, other_url):
        page.goto(url)
        assert page.evaluate(STORED) == [None, None], url
    media = (
        "() => [matchMedia('print').matches, matchMedia('(prefers-color-scheme: dark)').matches,"
        " matchMedia('(prefers-reduced-motion: reduce)').matches]"
    )
    assert page.evaluate(media) == [False, False, False]
    page.emulate_media(media="print")  # and emulation still works after the reset (a CDP session
    page.goto(site_url)  # left attached by it once stopped it)
    assert page.evaluate("() => matchMedia('print').matches") is True


def test_a_test_closes_the_tab(page: Page) -> None:
    page.close()


def test_the_next_test_gets_a_new_open_tab(page: Page, site_url: str) -> None:
    assert not page.is_closed()
    page.goto(site_url)
    assert page.title()
