"""The macro library for hand-written pages (macros/, actionplans/site/embeds.py): live data,
autoescaped, opt-in per page, for the build's audience."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from .conftest import TINY
from .sitebuild import build, make_project, set_real_addresses

pytestmark = pytest.mark.slow

STATUS_PAGE = """---
render_macros: true
---

# Status

{{ plan_status_summary("demo") }}

Se {{ initiative_link("demo", 1) }} for detaljer.

{{ status_table("demo") }}

{{ status_chart("demo") }}

{{ status_chart("demo") }}
"""
HOSTILE_TITLE = "Alfa <script>alert(1)</script> **fed** {{ 6 * 7 }} [klik](javascript:x)"
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/initiative.schema.json"


def project_with_status_page(tmp: Path, page: str = STATUS_PAGE) -> Path:
    data = tmp / "data"
    shutil.copytree(TINY, data)
    alfa = data / "demo" / "initiatives" / "01-alfa.yml"
    alfa.write_text(
        alfa.read_text(encoding="utf-8").replace("title: Alfa\n", f"title: '{HOSTILE_TITLE}'\n"), encoding="utf-8"
    )
    (data / "demo" / "initiatives" / "04-hemmelig.yml").write_text(
        f"{SCHEMA_LINE}\nnumber: 4\ntitle: Hemmelig CANARY\ndescription: x\nvisibility: intern\n"
        "source: {document: D, section: S}\n",
        encoding="utf-8",
    )
    project = make_project(tmp / "p", data)
    (project / "docs" / "status.md").write_text(page, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - Om siden: om.md\n" in text
    config.write_text(text.replace("  - Om siden: om.md\n", "  - Om siden: om.md\n  - Status: status.md\n"))
    return set_real_addresses(project)  # a public build stops on placeholder addresses


def test_macros_show_live_data_escaped(tmp_path: Path) -> None:
    built = build(project_with_status_page(tmp_path))
    assert built.returncode == 0, built.output
    html = built.page("status")
    text = unescape(re.sub(r"<[^>]+>", "", html))
    # the title is shown literally: not markup, not Markdown, not a template
    assert "<script>alert(1)" not in html and "<strong>fed</strong>" not in html and "42" not in text
    assert f"Indsats 1: {HOSTILE_TITLE}" in text
    assert 'href="../demo/01-alfa/"' in html  # linked relative to the page that calls the macro
    # the table: one row per initiative with its status as a word
    rows = re.findall(r"<tr><td>(\d+)</td>", html)
    assert rows == ["1", "2", "3", "4"]
    assert "Gul – mindre afvigelser" in html
    assert "Hemmelig CANARY" in html  # the internal site shows internal initiatives
    # the chart: an SVG with its description and a table of the same numbers, ids unique per call
    assert unescape(html).count('<svg class="ap-chart__svg"') == 2  # Markdown-inert: _ written as &#95;
    assert 'id="statusdiagram-demo-1-desc"' in html and 'id="statusdiagram-demo-2-desc"' in html
    assert "Nu (22. november 2026): 1 gul, 1 rød, 1 ikke oplyst, 1 gennemført (4 af 4)." in text
    assert 'fill="url(#statusdiagram-demo-1-p-yellow)"' in html
    assert 'href="../demo/statusrapport-2024-08/"' in html  # the table links each report's page


def test_macros_follow_the_audience(tmp_path: Path) -> None:
    built = build(project_with_status_page(tmp_path), env={"ACTIONPLANS_AUDIENCE": "offentlig"})
    assert built.returncode == 0, built.output
    html = built.page("status")
    assert "Hemmelig CANARY" not in html
    assert re.findall(r"<tr><td>(\d+)</td>", html) == ["1", "2", "3"]
    assert "Nu (22. november 2026): 1 gul, 1 rød, 1 gennemført (3 af 3)." in unescape(html)


def test_unknown_plan_stops_the_build_with_a_danish_message(tmp_path: Path) -> None:
    built = build(
        project_with_status_page(tmp_path, STATUS_PAGE.replace('status_table("demo")', 'status_table("demo2")'))
    )
    assert built.returncode != 0
    assert "status_table: planen «demo2» findes ikke. Mulige planer: demo" in built.output


LOADED = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config("mkdocs.yml", site_dir=sys.argv[1]))
print("mkdocs_macros loaded:", "mkdocs_macros" in sys.modules)
"""


@pytest.mark.parametrize("opted_in", [False, True])
def test_macros_are_loaded_only_when_a_page_asks_for_them(tmp_path: Path, opted_in: bool) -> None:
    """Importing mkdocs-macros costs more than a small site's pages (actionplans/engines/macros_plugin.py)."""
    import os
    import subprocess
    import sys

    project = project_with_status_page(tmp_path)
    if not opted_in:  # the same page as plain Markdown: its braces stay as written
        status = project / "docs" / "status.md"
        status.write_text(STATUS_PAGE.replace("render_macros: true", "title: Status"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", LOADED, str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTIONPLANS_TODAY": "2026-11-22", "PYTHONPATH": str(project)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"mkdocs_macros loaded: {opted_in}" in result.stdout
    page = (tmp_path / "site" / "status" / "index.html").read_text(encoding="utf-8")
    assert ('{{ plan_status_summary("demo") }}' in unescape(page)) is not opted_in
