"""What keeps large sites fast without timing anything (timings live in bench/benchmark.py)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from actionplans import cli
from actionplans.source import parallel

from .conftest import TINY
from .search_index import fragments
from .sitebuild import Built


def test_validate_loads_without_the_cyclic_collector_and_turns_it_back_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []

    real = parallel.check_counts

    def spy(data_dir: Path, **kwargs: object):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(data_dir, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "check_counts", spy)
    assert gc.isenabled()
    assert cli.main(["validate", "--data", str(TINY)]) == 0
    assert seen == [False]  # off while loading ...
    assert gc.isenabled()  # ... and on again afterwards, also for callers in the same process
    assert "OK:" in capsys.readouterr().out


def test_only_initiative_plan_report_and_handwritten_pages_are_in_the_search_index(tiny_site: Built) -> None:
    """Overview, timeline, goals and whole plan repeat the initiatives' text, the front page and the
    list of reports too: only the pages a reader looks for are hits (issue 13), and of those only
    their content, not the site's navigation."""
    index = fragments(tiny_site.site)
    reports = sorted(u for u in index if u.startswith("demo/statusrapport-"))
    assert reports, sorted(index)
    assert sorted(index) == sorted(["demo/", "demo/01-alfa/", "demo/02-beta/", "demo/03-gamma/", "om/", *reports])
    for view in (
        "",
        "demo/oversigt",
        "demo/tidslinje",
        "demo/maalsaetninger",
        "demo/hele-planen",
        "soeg",
        "dataordbog",
    ):
        assert (tiny_site.site / view / "index.html").exists(), view  # built, just not indexed
    # an initiative page's own content, without the header, sidebar, breadcrumb, plan menu or pager
    alfa = index["demo/01-alfa/"]
    assert alfa["meta"]["title"] == "Indsats 1: Alfa"
    assert "patologisvar" in alfa["content"]
    for navigation in ("Indsats 2: Beta", "Oversigt", "Tidslinje", "Handleplaner for digitalisering", "Dataordbog"):
        assert navigation not in alfa["content"], navigation
