"""Compiled templates are kept between builds, outside the project, and never go stale (issue 12)."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

import jinja2
import pytest

from actionplans.site import templatecache

from .conftest import TINY
from .sitebuild import build, make_project


def cache_dir(tmp: Path) -> Path:
    return tmp / f"_jinja2-cache-{os.getuid()}"


def test_an_edited_template_is_used_at_once_and_the_cache_is_outside_the_project(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {"TMPDIR": str(temp)}
    first = build(make_project(tmp_path / "a", TINY), env=env)
    assert first.returncode == 0, first.output
    compiled = sorted(p.name for p in cache_dir(temp).iterdir())
    assert len(compiled) > 10  # the theme's and the views' templates
    assert stat.S_IMODE(cache_dir(temp).stat().st_mode) == 0o700
    # another copy of the project shares them (keyed by template name, not file path: the cache
    # does not grow with every copy, and every test makes one)
    project = make_project(tmp_path / "b", TINY)
    assert build(project, env=env).returncode == 0
    assert sorted(p.name for p in cache_dir(temp).iterdir()) == compiled
    assert not [p for p in tmp_path.rglob("*.cache") if temp not in p.parents], "compiled templates only in the cache"

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


def test_code_compiled_another_way_is_not_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Autoescaping (and the other compile-time settings) and Jinja's version are part of the key:
    code compiled without escaping is never run by an environment that escapes."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(templatecache, "_caches", {})
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "p.html").write_text("<p>{{ x }}</p>", encoding="utf-8")

    def render(autoescape: bool) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=autoescape)
        env.bytecode_cache = templatecache.template_cache(env)
        return env.get_template("p.html").render(x="<script>")

    assert render(False) == "<p><script></p>"
    assert render(True) == "<p>&lt;script&gt;</p>"
    assert len(list(cache_dir(tmp_path).iterdir())) == 2  # one compiled copy each way
    plain = jinja2.Environment()
    before = templatecache.fingerprint(plain)
    monkeypatch.setattr(jinja2, "__version__", "99.0")
    assert templatecache.fingerprint(plain) != before


def test_old_entries_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(templatecache, "_caches", {})
    folder = cache_dir(tmp_path)
    folder.mkdir(mode=0o700)
    old, recent, other = folder / "__jinja2_old.cache", folder / "__jinja2_recent.cache", folder / "notes.txt"
    for path in (old, recent, other):
        path.write_bytes(b"x")
    long_ago = time.time() - (templatecache.KEEP_DAYS + 1) * 86400
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    templatecache.template_cache(jinja2.Environment())
    assert sorted(p.name for p in folder.iterdir()) == ["__jinja2_recent.cache", "notes.txt"]
