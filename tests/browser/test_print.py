"""Print (issue 5): pages print without navigation or search, and status words survive black and white."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

WHOLE = "region-sjaelland-2024/hele-planen/"


def test_whole_plan_prints_every_initiative_without_site_chrome(page: Page, site_url: str) -> None:
    page.emulate_media(media="print")
    page.goto(site_url + WHOLE)
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".ap-plan-nav"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} should not print"
    titles = page.locator("article.ap-whole__initiative h2[id$='-titel']").all_inner_texts()
    assert len(titles) == 15 and titles[0].startswith("Indsats 1:") and titles[-1].startswith("Indsats 15:")
    # each initiative starts on a new page
    assert page.locator("article.ap-whole__initiative").first.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    # status is a word in black on white, not a colour
    tag = page.locator(".ap-status").first
    assert "Gul – mindre afvigelser" in tag.inner_text()
    assert tag.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    assert tag.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000


def test_every_page_advertises_the_feed(page: Page, site_url: str) -> None:
    page.goto(site_url + "region-sjaelland-2024/01-afproevning-af-ai/")
    href = page.locator('head link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    assert href is not None and href.endswith("feed.xml")
    response = page.request.get(page.url.split("region-sjaelland-2024")[0] + "feed.xml")
    assert response.ok and b"<feed" in response.body()
