"""`python3 run.py serve --zensical`: the site under Zensical, generated again after an edit
(issue 12: what Zensical could not do yet; README «Zensical»)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from actionplans.engines.zensical_serve import sync

from .conftest import TINY, missing
from .sitebuild import TODAY, ZENSICAL, make_project
from .test_serve import free_port, get, wait_for

pytestmark = pytest.mark.slow
PAGE = "handleplaner/demo/01-alfa/"
ALFA = "data/demo/initiatives/01-alfa.yml"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    if not ZENSICAL.exists():
        missing(f"zensical is not installed in {ZENSICAL.parent} (python3 run.py test installs requirements.txt)")
    project = make_project(tmp_path, TINY)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "actionplans", "serve", "--zensical", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTIONPLANS_TODAY": TODAY},
            start_new_session=True,
        )
    try:
        yield f"http://127.0.0.1:{port}/", project, log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_an_edit_reaches_the_page_and_a_mistake_is_reported_in_danish(served: tuple[str, Path, Path]) -> None:
    url, project, log = served
    wait_for(url + PAGE, lambda status, body: status == 200 and "Indsats 1: Alfa" in body)
    target = project / ALFA
    good = target.read_text(encoding="utf-8")

    target.write_text(good.replace("title: Alfa\n", "title: Alfa <b>NYTITEL</b>\n", 1), encoding="utf-8")
    status, body = wait_for(url + PAGE, lambda status, body: "NYTITEL" in body)
    assert "Alfa &lt;b&gt;NYTITEL&lt;/b&gt;" in body and "<b>NYTITEL</b>" not in body  # text, never markup

    target.write_text(good.replace("title: Alfa\n", "title: [Alfa\n", 1), encoding="utf-8")
    wait_for(url + PAGE, lambda status, body: "01-alfa.yml:" in log.read_text(encoding="utf-8"))
    said = log.read_text(encoding="utf-8")
    assert f"{ALFA}:4:" in said and "Siden viser den seneste udgave uden fejl" in said and "Traceback" not in said
    status, body = get(url + PAGE)
    assert status == 200 and "NYTITEL" in body  # the last good site stays

    target.write_text(good, encoding="utf-8")
    wait_for(url + PAGE, lambda status, body: status == 200 and "NYTITEL" not in body and "Indsats 1: Alfa" in body)
    assert not (project / ".cache/handleplaner/zensical-ny").exists()


def test_sync_copies_what_differs_deletes_what_is_gone_and_leaves_zensicals_own(tmp_path: Path) -> None:
    fresh, served = tmp_path / "fresh", tmp_path / "served"
    for folder, files in (
        (fresh, {"docs/a.md": "ny", "docs/b.md": "samme", "mkdocs.yml": "x"}),
        (
            served,
            {
                "docs/a.md": "gammel",
                "docs/b.md": "samme",
                "docs/gone/c.md": "væk",
                "mkdocs.yml": "x",
                "site/index.html": "bygget",
                ".cache/1": "zensical",
            },
        ),
    ):
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    assert sync(fresh, served) == ["docs/a.md", "docs/gone/c.md"]
    left = sorted(p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_file())
    assert left == [".cache/1", "docs/a.md", "docs/b.md", "mkdocs.yml", "site/index.html"]
    assert (served / "docs/a.md").read_text(encoding="utf-8") == "ny" and not (served / "docs/gone").exists()
    assert sync(fresh, served) == []


def test_without_zensical_it_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from actionplans.engines import zensical_serve

    monkeypatch.setattr(zensical_serve, "ZENSICAL", tmp_path / "zensical")
    assert zensical_serve.serve(make_project(tmp_path, TINY)) == 1
    assert "Zensical er ikke installeret" in capsys.readouterr().err
    assert not (tmp_path / "project" / ".cache").exists()  # nothing generated, nothing started
