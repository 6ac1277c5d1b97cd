"""The browser tab that tests share (conftest.py, ``page``) comes to each test as a new one would:
nothing a test leaves behind reaches the next (issue 12)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

# both tests in one process, in this order (tests/conftest.py schedules a group together)
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("shared-tab")]
LEFT: dict[str, object] = {}


def test_a_test_leaves_state_behind(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.evaluate("() => { localStorage.setItem('ap-left', '1'); sessionStorage.setItem('ap-left', '1'); }")
    page.context.add_cookies([{"name": "ap-left", "value": "1", "url": site_url}])
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 390, "height": 700})
    LEFT["tab"] = page


def test_the_next_test_gets_a_clean_tab(page: Page, site_url: str) -> None:
    assert LEFT.get("tab") is page  # the same tab, or this test would prove nothing
    assert page.url == "about:blank"
    assert page.viewport_size == {"width": 1280, "height": 900}
    assert page.context.cookies() == []
    page.goto(site_url)
    assert page.evaluate("() => [localStorage.getItem('ap-left'), sessionStorage.getItem('ap-left')]") == [None, None]
    assert page.evaluate("() => matchMedia('print').matches") is False
