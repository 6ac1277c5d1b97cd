"""What keeps large sites fast without timing anything (timings live in bench/benchmark.py)."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from actionplans import cli
from actionplans.source.repository import check_repository

from .conftest import TINY
from .sitebuild import build, make_project


def test_validate_loads_without_the_cyclic_collector_and_turns_it_back_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []

    def spy(data_dir: Path, **kwargs: object):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return check_repository(data_dir, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "check_repository", spy)
    assert gc.isenabled()
    assert cli.main(["validate", "--data", str(TINY)]) == 0
    assert seen == [False]  # off while loading ...
    assert gc.isenabled()  # ... and on again afterwards, also for callers in the same process
    assert "OK:" in capsys.readouterr().out


def test_aggregate_pages_stay_out_of_the_search_index(tmp_path: Path) -> None:
    """Overview, timeline, goals and whole plan repeat the initiatives' text: only those are hits."""
    tiny_site = build(make_project(tmp_path, TINY))
    assert tiny_site.returncode == 0, tiny_site.output
    index = json.loads((tiny_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"demo/01-alfa/", "demo/02-beta/", "demo/03-gamma/", "demo/"} <= locations
    for view in ("oversigt", "tidslinje", "maalsaetninger", "hele-planen"):
        assert (tiny_site.site / "demo" / view / "index.html").exists(), view
        assert f"demo/{view}/" not in locations, view
