"""No page requests anything from a host other than the site itself (GDPR; issue 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request

pytestmark = pytest.mark.browser


def test_no_page_requests_another_host(browser: Browser, site_url: str, html_pages: list[str]) -> None:
    own = urlsplit(site_url).netloc
    requests: list[tuple[str, str]] = []  # (page, url) of every request, including workers'
    context = browser.new_context()
    current = {"page": ""}

    def record(request: Request) -> None:
        requests.append((current["page"], request.url))

    context.on("request", record)
    try:
        page = context.new_page()
        for path in html_pages:
            current["page"] = path
            page.goto(site_url + path, wait_until="networkidle")
        # Open the search once too, so the worker's own requests (index, stemmers) are recorded.
        page.goto(site_url, wait_until="networkidle")
        page.locator("input.md-search__input").press_sequentially("data")
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_load_state("networkidle")
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
