"""``validate`` on two processors: the plan folders shared between this process and one child.

Plans are independent (every rule across files stays within one plan folder, see
``repository.check_plan``), so the two halves give exactly the problems one process gives; the
result is sorted and without repeats either way. Only above MIN_FILES files and with a second
processor: below that, starting the child costs more than it saves. The child is forked (it
inherits the imported modules, so it starts in milliseconds) and sends back its counts and
problems as JSON through a pipe. If it fails in any way, this process checks its share itself.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from actionplans.source import yamlsource
from actionplans.source.parsecache import ParseCache
from actionplans.source.problems import Problem
from actionplans.source.repository import Load, check_plan, scan_data
from actionplans.source.scan import _Scan

MIN_FILES = 400


def processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def check_counts(
    data_dir: Path,
    *,
    root: Path,
    today: dt.date,
    cache: ParseCache | None = None,
    min_files: int = MIN_FILES,
) -> tuple[int, int, list[Problem]]:
    """(plans, initiatives, problems) for ``data_dir``: what ``check_repository`` finds, without
    the repository itself. Raises DataError when there is no data folder."""
    found, problems = scan_data(data_dir, root)
    load: Load = cache.load if cache is not None else yamlsource.load
    halves = _halves(found)
    files = len(found.files)
    if not halves[1] or files < min_files or processors() < 2 or not hasattr(os, "fork"):
        counts = _check(found.plan_dirs, found, root, today, load)
    else:
        counts = _check_in_two(halves, found, root, today, load, cache)
    if cache is not None:
        cache.finish()
        cache.prune({plan_dir.name for plan_dir in found.plan_dirs})
    plans, initiatives, plan_problems = counts
    return plans, initiatives, sorted(set(problems + plan_problems))


def _halves(found: _Scan) -> tuple[list[Path], list[Path]]:
    """The plan folders in two groups of about the same number of files."""
    groups: tuple[list[Path], list[Path]] = ([], [])
    weights = [0, 0]
    for plan_dir in sorted(found.plan_dirs, key=lambda d: -len(found.initiatives.get(d, []))):
        lighter = 0 if weights[0] <= weights[1] else 1
        groups[lighter].append(plan_dir)
        weights[lighter] += 1 + len(found.initiatives.get(plan_dir, []))
    return groups


def _check(
    plan_dirs: list[Path], found: _Scan, root: Path, today: dt.date, load: Load
) -> tuple[int, int, list[Problem]]:
    plans = initiatives = 0
    problems: list[Problem] = []
    for plan_dir in plan_dirs:
        entry, plan_problems = check_plan(plan_dir, found, root, today, load)
        problems.extend(plan_problems)
        if entry is not None:
            plans += 1
            initiatives += len(entry.initiatives)
    return plans, initiatives, problems


def _check_in_two(
    halves: tuple[list[Path], list[Path]],
    found: _Scan,
    root: Path,
    today: dt.date,
    load: Load,
    cache: ParseCache | None,
) -> tuple[int, int, list[Problem]]:
    sys.stdout.flush()  # nothing buffered is written twice
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its half, its cache shards, the result as JSON, and out
        status = 1
        try:
            os.close(read_end)
            plans, initiatives, problems = _check(halves[1], found, root, today, load)
            if cache is not None:
                cache.finish()
            payload = {
                "plans": plans,
                "initiatives": initiatives,
                "problems": [[p.path, p.line, p.col, p.field, p.message] for p in problems],
            }
            with os.fdopen(write_end, "wb") as out:
                out.write(json.dumps(payload).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    mine = _check(halves[0], found, root, today, load)
    with os.fdopen(read_end, "rb") as answer:
        raw = answer.read()
    _, status = os.waitpid(pid, 0)
    theirs = _decode(raw) if status == 0 else None
    if theirs is None:  # the child failed: its share here, the same way
        theirs = _check(halves[1], found, root, today, load)
    return mine[0] + theirs[0], mine[1] + theirs[1], mine[2] + theirs[2]


def _decode(raw: bytes) -> tuple[int, int, list[Problem]] | None:
    try:
        payload: Any = json.loads(raw)
        problems = [Problem(str(p), int(line), int(col), str(f), str(m)) for p, line, col, f, m in payload["problems"]]
        return int(payload["plans"]), int(payload["initiatives"]), problems
    except (ValueError, TypeError, KeyError):
        return None
