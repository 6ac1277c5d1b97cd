"""A site made by `init` for another organisation passes axe with its own colour (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import pages_of, serve
from tests.browser.test_accessibility import TAGS, describe
from tests.sitebuild import build
from tests.test_init import cli, clone

if TYPE_CHECKING:
    from playwright.sync_api import Page

COLOUR = "#6b2a5e"  # a plum that passes 4.5:1 against white (7.9:1)
FLAGS = [
    "--organisation",
    "Aalborg Testkommune",
    "--title",
    "Aalborg Testkommunes handleplaner",
    "--site-url",
    "https://aalborg-test.example/plan/",
    "--repo-url",
    "https://github.com/aalborg-test/plan",
    "--colour",
    COLOUR,
    "--plan",
    "digitalisering-2026",
]


@pytest.fixture(scope="module")
def initialised_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    project = clone(tmp_path_factory.mktemp("init"))
    assert cli(project, "init", *FLAGS).returncode == 0
    assert cli(project, "new", "digitalisering-2026", "Digital post til borgerne").returncode == 0
    initiative = next((project / "data/digitalisering-2026/initiatives").glob("01-*.yml"))
    text = initiative.read_text(encoding="utf-8")
    text = text.replace('description: ""', "description: Borgerne får deres post digitalt.", 1)
    text = text.replace('document: ""', "document: Handleplan 2026", 1).replace('section: ""', "section: Indsats 1", 1)
    initiative.write_text(text, encoding="utf-8")
    assert cli(project, "validate").stdout.startswith("OK: 1 plan og 1 indsats er tjekket uden fejl.")
    built = build(project)
    assert built.returncode == 0, built.output
    with serve(built.site, "/plan/") as url:
        yield url, pages_of(built.site)


@pytest.mark.browser
def test_initialised_site_passes_axe_with_its_own_colour(
    page: Page, initialised_site: tuple[str, list[str]], axe_source: str
) -> None:
    base, pages = initialised_site
    assert "digitalisering-2026/01-digital-post-til-borgerne/" in pages
    report: list[str] = []
    for path in pages:
        page.goto(base + path)
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert header == "rgb(107, 42, 94)", (path, header)  # the organisation's colour is the one in use
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
        )
        report.extend(describe(path, result["violations"]))
    assert len(pages) > 8
    assert not report, "axe found violations:\n" + "\n".join(report)
