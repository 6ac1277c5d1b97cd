"""axe-core (WCAG 2.0/2.1 A and AA rules) on every page of the built site (issue 6)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.examples import min_pages

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def describe(page_path: str, violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        lines.append(f"/{page_path}: {v['id']} ({v['impact']}): {v['help']} – {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more elements")
    return lines


@pytest.mark.browser
def test_axe_reports_no_violations_on_any_page(
    page: Page, site_url: str, html_pages: list[str], axe_source: str
) -> None:
    report: list[str] = []
    checked = 0
    for path in html_pages:
        page.goto(site_url + path)
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            TAGS,
        )
        report.extend(describe(path, result["violations"]))
        checked += 1
    assert checked == len(html_pages) >= min_pages()
    assert not report, f"axe found violations on {checked} pages:\n" + "\n".join(report)


@pytest.mark.browser
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


def test_every_page_links_to_the_accessibility_statement(built_site: Path, html_pages: list[str]) -> None:
    """Danish law: a link to the accessibility statement on every page; its URL comes from organisation.yml."""
    config = (ROOT / "organisation.yml").read_text(encoding="utf-8")
    url = re.search(r"^\s+accessibility_statement_url:\s*(\S+)", config, re.MULTILINE)
    assert url, "organisation.yml: extra.accessibility_statement_url is not set"
    link = f'<a class="ap-accessibility-statement" href="{url.group(1)}">Tilgængelighedserklæring</a>'
    for path in html_pages:
        file = built_site / (path + "index.html" if path.endswith("/") or not path else path)
        html = file.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer"') :]
        assert link in footer, f"/{path}: no footer link to the accessibility statement"
