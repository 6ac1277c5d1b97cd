"""Print (issue 5): pages print without navigation or search, and status words survive black and white."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.examples import about_published_examples

if TYPE_CHECKING:
    from playwright.sync_api import Page

# These pages are this repository's example plans (tests/examples.py).
pytestmark = [pytest.mark.browser, about_published_examples]

WHOLE = "region-sjaelland-2024/hele-planen/"


def test_whole_plan_prints_every_initiative_without_site_chrome(page: Page, any_site_url: str) -> None:
    page.emulate_media(media="print")
    page.goto(any_site_url + WHOLE)
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


def test_whole_plan_print_opens_with_owner_period_approval_legend_and_data_date(page: Page, site_url: str) -> None:
    page.goto(site_url + WHOLE)
    hint = page.locator(".ap-whole .ap-screen-only")
    assert hint.is_visible() and "Udskriv" in hint.inner_text()  # on screen: how to print
    page.emulate_media(media="print")
    facts = page.locator(".ap-whole__facts")
    assert facts.is_visible()
    text = facts.inner_text()
    for expected in (
        "Ejer\nRegion Sjælland, Koncern Digitalisering",
        "Periode\n2024",
        "Godkendelse\nRegionsrådet, juni 2024",
        "Data pr.\n22. november 2026",
        "Seneste statusrapport\nStatusrapport september 2024",
    ):
        assert expected in text, expected
    legend = page.locator(".ap-whole .ap-legend")
    assert legend.is_visible() and "Rød – afviger fra rammerne" in legend.inner_text()
    assert hint.is_hidden()  # no on-screen hints on paper
    # the internal banner prints: a printed internal copy says it is internal
    banner = page.locator(".md-banner .ap-banner")
    assert banner.is_visible() and "Intern version" in banner.inner_text()
    # the facts come before the first initiative
    assert facts.evaluate("f => !!(f.compareDocumentPosition(document.querySelector('.ap-whole__initiative')) & 4)")


def test_status_report_prints_on_a4(page: Page, site_url: str) -> None:
    page.goto(site_url + "region-sjaelland-2024/statusrapport-2024-09/")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = {(round(float(w)), round(float(h))) for w, h in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)}
    assert sizes == {(595, 842)}, sizes  # A4 in points, every page
