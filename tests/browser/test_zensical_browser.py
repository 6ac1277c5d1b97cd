"""The browser checks that carry over to the Zensical build (issue 12).

The site generated for Zensical (tests/conftest.py, ``zensical_site``) is served like the MkDocs
build and opened in Chromium: the front page, the 404 page and every hand-written page (each
shows Zensical's own header, navigation and footer), and every page with markup that the pages
checked in the MkDocs build do not show (tests/pagetypes.py), and one page of each template,
since colour contrast and scrolling depend on Zensical's own styles around the same markup
(13 of 46 pages today). axe finds no violation of WCAG 2.0/2.1 A and AA,
and no page asks another host for anything. Links are checked in tests/test_zensical.py. What does
not carry over is listed in README, «Zensical».
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from tests.conftest import plan_folders
from tests.pagetypes import html_file, kinds, page_types

from .conftest import _visit, hand_written_pages, pages_of, pages_to_visit, serve
from .test_accessibility import describe

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser
TEMPLATE = re.compile(r'<div class="ap-page ([^"]+)"')  # each view's template marks its page


def test_zensical_pages_pass_axe_and_ask_no_other_host(
    browser: Browser, axe_source: str, zensical_site: Path, built_site: Path, public_site: Path
) -> None:
    always = ["", "404.html", *hand_written_pages()]
    plans = plan_folders()
    # what axe already checks in the MkDocs build (the same generated pages in another theme): the
    # Zensical pages opened are the always-pages (every part of its own theme is on them) and
    # those showing markup the MkDocs pages checked do not
    checked = pages_to_visit(built_site, public_site)["intern"]
    covered = set().union(*(kinds(built_site, url, set(plans)) for url in checked))
    # and one page of each template: colour contrast and scrolling depend on Zensical's own styles
    # around the same markup, which the markup does not show
    pages = pages_of(zensical_site)
    templates: dict[str, str] = {}
    for url in pages:
        found = TEMPLATE.search(html_file(zensical_site, url).read_text(encoding="utf-8"))
        if found:
            templates.setdefault(found.group(1), url)
    assert len(templates) >= 8, templates  # front, plan, grid, timeline, initiative, report, ...
    paths = page_types(zensical_site, pages, plans, always=[*always, *templates.values()], covered=covered)
    with serve(zensical_site) as base:
        visits = _visit(browser, axe_source, "zensical", base, paths)
        own = urlsplit(base).netloc
    pages = [v for v in visits if v.path != "(worker)"]
    assert {v.path for v in pages} >= set(always)
    assert all(v.requests for v in pages)  # the recording works: every page loads its style sheets
    report = [line for v in pages for line in describe(v.path, v.violations, "zensical ")]
    foreign = [
        f"zensical /{v.path}: {url}"
        for v in visits
        for url in v.requests
        if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != own
    ]
    print(f"zensical: {len(pages)} of {len(pages_of(zensical_site))} pages opened")
    assert not report, "axe found violations in the Zensical build:\n" + "\n".join(report)
    assert not foreign, "requests to other hosts from the Zensical build:\n" + "\n".join(foreign)
