"""Versions for readers (issue 15): a page of an older version links to the same page in the
approved one, and a release title is text everywhere it is shown (version selector, «Udgivelser»).

The gh-pages layout that ``release`` and ``deploy`` make with mike is assembled from two builds of
the tiny site with ``ACTIONPLANS_VERSIONS=mike``: ``2024-06/`` (approved, also copied to
``godkendt/``, mike's ``--alias-type=copy``), ``live/``, an older ``2023-01`` listed only, and
``versions.json`` as ``release`` titles the versions and ``pages-root`` orders them. The release
title in releases.yml, and so in versions.json, is hostile; so is the older version's, written
unescaped (as by hand, or by a version of ``release`` before titles were escaped).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from actionplans.hosting import order_versions
from actionplans.publish.release import version_label
from tests.browser.conftest import serve
from tests.sitebuild import build, make_project

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

TINY = Path(__file__).resolve().parents[1] / "sites" / "tiny" / "data"
HOSTILE = "<img src=x onerror=\"window.__pwned='title'\"><script>window.__pwned='script'</script>{{ 7*7 }} & @alle"
RELEASES = f"""- version: "2024-06"
  title: {json.dumps(HOSTILE)}
  date: 2024-06-12
"""
PAGE = "demo/01-alfa/"
PREFIX = "/handleplaner/"  # the path of site_url in tests/sites/organisation.yml


@pytest.fixture(scope="module")
def pages_branch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("versions")
    project = make_project(tmp, TINY)
    (project / "releases.yml").write_text(RELEASES, encoding="utf-8")
    root = tmp / "gh-pages"
    for version in ("2024-06", "live"):
        built = build(project, "-d", str(root / version), env={"ACTIONPLANS_VERSIONS": "mike"})
        assert built.returncode == 0, built.output
    shutil.copytree(root / "2024-06", root / "godkendt")
    versions = [
        {"version": "live", "title": "Arbejdsudgave (ikke godkendt)", "aliases": []},
        {"version": "2024-06", "title": version_label("2024-06", HOSTILE, "12. juni 2024"), "aliases": ["godkendt"]},
        {"version": "2023-01", "title": f"2023-01 – {HOSTILE}", "aliases": []},
    ]
    (root / "versions.json").write_text(json.dumps(order_versions(versions), ensure_ascii=False), encoding="utf-8")
    with serve(root, PREFIX) as url:
        yield url


def _nothing_ran(page: Page) -> None:
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src=x]").count() == 0


def test_an_older_version_links_to_the_same_page_in_the_approved_one(page: Page, pages_branch: str) -> None:
    page.goto(pages_branch + "live/" + PAGE)
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    assert "Du læser ikke den gældende godkendte udgave af planen" in banner.inner_text()
    title = page.locator("article h1").first.inner_text()
    banner.get_by_role("link", name="Gå til samme side i den godkendte udgave").click()
    page.wait_for_url(pages_branch + "godkendt/" + PAGE)
    assert page.locator("article h1").first.inner_text() == title
    # the approved version (under its alias and under its own id) carries no banner
    for version in ("godkendt/", "2024-06/"):
        page.goto(pages_branch + version + PAGE)
        page.locator(".md-version__current").wait_for()  # the selector has read versions.json
        assert page.locator("[data-md-component=outdated]").is_hidden(), version


def test_a_hostile_release_title_is_text_in_the_version_selector(page: Page, pages_branch: str) -> None:
    page.goto(pages_branch + "live/" + PAGE)
    page.locator(".md-version__current").wait_for()  # the selector has read versions.json
    texts = page.locator(".md-version__link").evaluate_all("els => els.map(e => e.textContent.trim())")
    # approved first, live last; every title shown exactly as written
    assert texts == [f"2024-06 – {HOSTILE} (12. juni 2024)", f"2023-01 – {HOSTILE}", "Arbejdsudgave (ikke godkendt)"]
    _nothing_ran(page)


def test_a_hostile_release_title_is_text_on_the_releases_page(page: Page, pages_branch: str) -> None:
    page.goto(pages_branch + "2024-06/udgivelser/")
    assert page.locator(".ap-release h2").inner_text() == f"2024-06 – {HOSTILE}"
    _nothing_ran(page)
