"""Compiled templates are kept between builds, outside the project, and never go stale (issue 12)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .conftest import TINY
from .sitebuild import build, make_project


def cache_dir(tmp: Path) -> Path:
    return tmp / f"_jinja2-cache-{os.getuid()}"


def test_an_edited_template_is_used_at_once_and_the_cache_is_outside_the_project(tmp_path: Path) -> None:
    project = make_project(tmp_path, TINY)
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {"TMPDIR": str(temp)}
    first = build(project, env=env)
    assert first.returncode == 0, first.output
    compiled = sorted(p.name for p in cache_dir(temp).iterdir())
    assert len(compiled) > 10  # the theme's and the views' templates
    assert stat.S_IMODE(cache_dir(temp).stat().st_mode) == 0o700
    assert not [p for p in project.rglob("*.cache")], "compiled templates do not belong in the project"

    # a theme override and a view template edited after they were compiled and cached
    views = project / "overrides/actionplans/initiative.html"
    views.write_text(views.read_text(encoding="utf-8") + "<p>REDIGERET-VISNING</p>\n", encoding="utf-8")
    theme = project / "overrides/main.html"
    theme.write_text(
        theme.read_text(encoding="utf-8") + "{% block footer %}REDIGERET-TEMA{% endblock %}\n", encoding="utf-8"
    )
    second = build(project, env=env)
    assert second.returncode == 0, second.output
    page = (second.site / "demo/01-alfa/index.html").read_text(encoding="utf-8")
    assert "REDIGERET-VISNING" in page and "REDIGERET-TEMA" in page


def test_a_cache_directory_that_is_a_link_elsewhere_is_not_used(tmp_path: Path) -> None:
    """The cache's name in a shared temp dir could be taken first by someone else, as a link to a
    directory of theirs holding planted code: Jinja refuses anything but a real directory of the
    user's own, and the build compiles its templates in memory instead."""
    project = make_project(tmp_path, TINY)
    temp, planted = tmp_path / "temp", tmp_path / "planted"
    temp.mkdir()
    planted.mkdir()
    (planted / "planted.cache").write_bytes(b"x")
    cache_dir(temp).symlink_to(planted, target_is_directory=True)
    built = build(project, env={"TMPDIR": str(temp)})
    assert built.returncode == 0, built.output
    assert [p.name for p in planted.iterdir()] == ["planted.cache"]  # nothing read or written there
