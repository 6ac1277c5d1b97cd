"""What keeps large sites fast without timing anything (timings live in bench/benchmark.py)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from actionplans import cli
from actionplans.source.repository import check_repository

from .conftest import TINY


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
