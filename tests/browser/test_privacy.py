"""No page requests anything from a host other than the site itself (GDPR; issue 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request

pytestmark = pytest.mark.browser
TABS = 6


def test_no_page_requests_another_host(browser: Browser, site_url: str, html_pages: list[str]) -> None:
    own = urlsplit(site_url).netloc
    requests: list[tuple[str, str]] = []  # (page, url) of every request, including workers'
    context = browser.new_context()
    tabs = [context.new_page() for _ in range(TABS)]
    showing: dict[object, str] = {}  # tab -> the path it shows

    def record(request: Request) -> None:
        try:
            where = showing.get(request.frame.page, "")
        except Exception:  # a worker's request has no frame
            where = "(worker)"
        requests.append((where, request.url))

    context.on("request", record)
    try:
        # Several tabs at a time: each page still loads fully and waits until the network is idle
        # (late requests such as a theme's API calls are caught), but the idle waits overlap.
        for start in range(0, len(html_pages), TABS):
            batch = list(zip(tabs, html_pages[start : start + TABS], strict=False))
            for tab, path in batch:
                showing[tab] = path
                tab.goto(site_url + path, wait_until="load")
            for tab, _ in batch:
                tab.wait_for_load_state("networkidle")
        # Search once too, so the search's own requests (Pagefind's script, index, worker) are recorded.
        page = tabs[0]
        showing[page] = ""
        page.goto(site_url, wait_until="networkidle")
        page.locator("header input[name=q]").fill("data")
        page.locator("header input[name=q]").press("Enter")
        page.wait_for_selector(".pagefind-ui__result-link")
        page.wait_for_load_state("networkidle")
        searched = [url for _, url in requests if "/pagefind/" in url]
        assert any(url.endswith(".pf_fragment") for url in searched), searched  # the search really ran
    finally:
        context.close()
    foreign = [
        (p, url)
        for p, url in requests
        if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != own
    ]
    print(f"{len(requests)} requests from {len(html_pages)} pages, {len(foreign)} to other hosts")
    assert len(requests) >= len(html_pages)
    assert not foreign, "requests to other hosts:\n" + "\n".join(f"  /{p}: {url}" for p, url in foreign)
