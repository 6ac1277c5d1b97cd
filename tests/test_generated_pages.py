"""Generated pages reach the theme as the generator rendered them: no Markdown, no mkdocs-macros."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_macros.plugin import MacrosPlugin

from actionplans.engines.mkdocs_plugin import nav_titles
from actionplans.site.generate import Options, generate

from .conftest import TINY, TODAY
from .sitebuild import make_project


def test_generated_bodies_skip_markdown_and_macros(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_repo) -> None:
    converted: list[str] = []
    rendered: list[str] = []
    real_convert, real_render = markdown.Markdown.convert, MacrosPlugin.render

    def convert(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return real_convert(self, source)

    def render(self: MacrosPlugin, markdown: str, force_rendering: bool = False) -> str:
        rendered.append(markdown)
        return real_render(self, markdown, force_rendering)

    monkeypatch.setattr(markdown.Markdown, "convert", convert)
    monkeypatch.setattr(MacrosPlugin, "render", render)
    monkeypatch.setenv("ACTIONPLANS_TODAY", TODAY.isoformat())
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path, TINY)
    monkeypatch.chdir(project)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))

    site = generate(tiny_repo, Options(), today=TODAY)
    alfa = site.page("demo/01-alfa.md")
    assert alfa is not None
    # Markdown ran for the hand-written pages only; no generated body went through it or the macros
    handwritten = {p.relative_to(project / "docs").as_posix() for p in (project / "docs").glob("*.md")}
    assert len([s for s in converted if s.strip()]) == len(handwritten) == 1  # om.md («Udgivelser» is generated)
    assert not [s for s in converted + rendered if "<" in s and any(p.body[:80] in s for p in site.pages)]
    # the body is in the built page exactly as generated, and the page keeps its metadata and title
    built = (tmp_path / "site" / "demo" / "01-alfa" / "index.html").read_text(encoding="utf-8")
    assert alfa.body in built
    assert f"<title>{alfa.meta['title']} - " in built
    assert 'href="https://github.com/' in built and "/edit/main/data/demo/initiatives/01-alfa.yml" in built
    overview = (tmp_path / "site" / "demo" / "oversigt" / "index.html").read_text(encoding="utf-8")
    grid = site.page("demo/oversigt.md")
    assert grid is not None and f"<title>{grid.meta['title']} - " in overview


def test_nav_titles_name_pages_listed_with_a_label() -> None:
    nav = [{"Forside": "index.md"}, {"Demo": [{"Overblik": "demo/oversigt.md"}, {"Indsatser": ["demo/01-a.md"]}]}]
    assert nav_titles(nav) == {"index.md": "Forside", "demo/oversigt.md": "Overblik"}
