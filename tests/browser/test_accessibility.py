"""axe-core (WCAG 2.0/2.1 A and AA rules) on every kind of page of the internal and the public build (issue 6).

Which pages: ``visits`` (tests/browser/conftest.py, ``pages_to_visit``) opens one page of each kind
per plan, as tests/pagetypes.py tells them apart by their markup, plus the front page, the 404 page
and every hand-written page of both builds. Every page of both builds is still checked by the Nu Html
Checker (test_html_valid.py), the link checker (test_links.py) and the footer test below.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import plan_folders
from tests.examples import SETTINGS, about_published_examples
from tests.pagetypes import html_file
from tests.sitebuild import REAL_ADDRESSES

from .conftest import AXE_TAGS, Visit, hand_written_pages, pages_of

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
TAGS = AXE_TAGS  # the rules axe runs (WCAG 2.0/2.1 A and AA); also used by test_initialised_site.py


def describe(page_path: str, violations: list[dict], where: str = "") -> list[str]:
    """axe's violations on one page as readable lines; ``where`` names the build."""
    lines = []
    for v in violations:
        lines.append(f"{where}/{page_path}: {v['id']} ({v['impact']}): {v['help']} – {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more elements")
    return lines


@pytest.mark.browser
@pytest.mark.xdist_group("visits")
def test_axe_reports_no_violations_on_any_kind_of_page(visits: list[Visit], html_pages: list[str]) -> None:
    pages = [v for v in visits if v.path != "(worker)"]
    for audience in ("intern", "offentlig"):
        seen = {v.path for v in pages if v.audience == audience}
        assert {"", "404.html", *hand_written_pages()} <= seen, audience
    assert {p.split("/")[0] for p in html_pages} & {v.path.split("/")[0] for v in pages} >= set(plan_folders())
    report = [line for v in pages for line in describe(v.path, v.violations, f"{v.audience} ")]
    print(f"axe: {len(pages)} pages (the internal build has {len(html_pages)}), {len(report)} lines of report")
    assert not report, f"axe found violations on {len(pages)} pages:\n" + "\n".join(report)


@pytest.mark.browser
@about_published_examples  # searches a word of this repository's example plans (tests/examples.py)
def test_axe_reports_no_violations_on_search_results(page: Page, site_url: str, axe_source: str) -> None:
    """The search page as a reader sees it after a search: Pagefind's box, results, status tags."""
    page.goto(site_url + "soeg/?q=patologisvar")
    page.wait_for_selector(".pagefind-ui__result-tags")
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
    )
    report = describe("soeg/?q=patologisvar", result["violations"])
    assert not report, "axe found violations on the search results:\n" + "\n".join(report)


def test_every_page_links_to_the_accessibility_statement(built_site: Path, public_site: Path) -> None:
    """Danish law: a link to the accessibility statement on every page; its URL comes from organisation.yml."""

    def statement(settings: Path) -> str:
        url = re.search(r"^\s+accessibility_statement_url:\s*(\S+)", settings.read_text("utf-8"), re.MULTILINE)
        assert url, f"{settings}: extra.accessibility_statement_url is not set"
        return url.group(1)

    # the public build is made with this repository's example settings (tests/sitebuild.py, also after
    # init: tests/examples.py), real addresses in place of the placeholders
    public = statement(SETTINGS)
    for site, wanted in ((built_site, statement(ROOT / "organisation.yml")), (public_site, REAL_ADDRESSES[public])):
        link = f'<a class="ap-accessibility-statement" href="{wanted}">Tilgængelighedserklæring</a>'
        for path in pages_of(site):
            html = html_file(site, path).read_text(encoding="utf-8")
            footer = html[html.index('<footer class="md-footer"') :]
            assert link in footer, f"{site.name} /{path}: no footer link to the accessibility statement"
