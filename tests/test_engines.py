"""One generation step, two engines: the pages the MkDocs plugin builds are the pages `generate` writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from actionplans import cli
from actionplans.engines.export import export
from actionplans.site.generate import Options, generate

from .conftest import TINY, TODAY
from .sitebuild import make_project


def test_generate_is_engine_neutral(tiny_repo) -> None:
    """Link style is a parameter: the same page, linked for MkDocs (built URLs) and for Zensical (sources)."""
    url = generate(tiny_repo, Options(), today=TODAY).page("demo/01-alfa.md")
    source = generate(tiny_repo, Options(link_style="source"), today=TODAY).page("demo/01-alfa.md")
    assert url is not None and source is not None
    assert 'href="../02-beta/"' in url.body and 'href="02-beta.md"' in source.body
    assert 'href="../maalsaetninger/#maal-' in url.body and 'href="maalsaetninger.md#maal-' in source.body
    assert url.meta == source.meta


def test_page_metadata_carries_what_the_theme_needs(tiny_repo) -> None:
    site = generate(tiny_repo, Options(edit_base="https://example.invalid/edit/main/"), today=TODAY)
    alfa, front = site.page("demo/01-alfa.md"), site.page("index.md")
    assert alfa is not None and front is not None
    assert alfa.meta["edit_url"] == "https://example.invalid/edit/main/data/demo/initiatives/01-alfa.yml"
    assert alfa.meta["ap_plan"] == "demo" and alfa.meta["render_macros"] is False
    assert front.meta["edit_url"] is None and "ap_plan" not in front.meta  # made from many files
    front_matter = yaml.safe_load(alfa.document().split("---\n")[1])
    assert front_matter == alfa.meta

    # every generated page is in the navigation exactly once
    def paths(item):
        if isinstance(item, str):
            return [item]
        if isinstance(item, dict):
            return [p for v in item.values() for p in paths(v)]
        return [p for v in item for p in paths(v)]

    listed = paths(site.nav)
    assert sorted(listed) == sorted(p.path for p in site.pages)


def test_generate_writes_every_page_and_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    project = make_project(tmp_path, TINY)
    monkeypatch.chdir(project)
    assert cli.main(["generate", "out"]) == 0
    out = project / "out"
    written = {p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*") if p.is_file()}
    assert {"index.md", "demo/01-alfa.md", "dataordbog.md", "demo/data.json", "feed.xml", "om.md"} <= written
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "actionplans" not in str(config["plugins"]) and "hooks" not in config
    assert {"Om siden": "om.md"} in config["nav"]
    assert "assets/javascripts/search.js" in config["extra_javascript"]  # the same search under both engines
    assert not any("search" == (p if isinstance(p, str) else next(iter(p))) for p in config["plugins"])
    # an existing folder is never overwritten
    assert cli.main(["generate", "out"]) == 1
    assert "findes allerede" in capsys.readouterr().err


def test_generate_with_bad_data_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    beta = data / "demo" / "initiatives" / "02-beta.yml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("status: rød", "status: roed"), encoding="utf-8")
    project = make_project(tmp_path / "p", data)
    monkeypatch.chdir(project)
    assert cli.main(["generate", "out"]) == 1
    assert "«roed» er ikke en gyldig status" in capsys.readouterr().out
    assert not (project / "out").exists()


def test_export_for_mkdocs_links_by_url(tmp_path: Path) -> None:
    project = make_project(tmp_path, TINY)
    export(project, tmp_path / "out", engine="mkdocs", today=TODAY)
    alfa = (tmp_path / "out" / "docs" / "demo" / "01-alfa.md").read_text(encoding="utf-8")
    assert 'href="../02-beta/"' in alfa
