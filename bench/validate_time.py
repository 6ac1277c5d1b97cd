"""``validate`` as a whole command at scale (issue 13, target: under 1 s at 5,000 files).

Three ways an editor meets it, measured interleaved (cold, warm, one processor, cold, warm, ...)
so a shared machine's drift hits all of them:

- **cold**: ``validate --no-cache``: every file read and parsed (as CI does on a fresh clone);
- **warm**: ``validate`` with the parse cache of a previous run (``.cache/handleplaner/parsed``),
  as on an editor's machine after the first run; every rule still runs;
- **cold, one processor**: cold, pinned to one processor (``taskset``), so no second process.

Wall time includes the interpreter's start and the imports; CPU is user + sys of the whole
process tree. Call :func:`time_validate` from the benchmark, or run alone:

    .venv/bin/python bench/validate_time.py --sizes 1000,5000 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNNER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "returncode": result.returncode,
                  "output": (result.stdout + result.stderr)[-2000:]}))
"""


def _run(cmd: list[str], project: Path) -> dict[str, Any]:
    env = {**os.environ, "ACTIONPLANS_TODAY": "2026-11-22", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", RUNNER, *cmd], cwd=project, env=env, capture_output=True, text=True)
    measured: dict[str, Any] = json.loads(result.stdout)
    if measured["returncode"] != 0 or "OK:" not in measured["output"]:
        raise SystemExit(f"validate failed in {project}:\n{measured['output']}")
    return measured


def time_validate(project: Path, repeat: int = 3) -> dict[str, Any]:
    """Medians (and every run) of cold, warm and one-processor ``validate`` over ``project/data``."""
    base = [sys.executable, "-m", "actionplans", "validate", "--data", str(project / "data")]
    kinds: dict[str, list[str]] = {"cold": [*base, "--no-cache"], "warm": base}
    if shutil.which("taskset"):
        kinds["cold_one_cpu"] = ["taskset", "-c", "0", *base, "--no-cache"]
    _run(base, project)  # fills the cache for the warm runs
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for _ in range(repeat):
        for kind, cmd in kinds.items():
            runs[kind].append(_run(cmd, project))
    out: dict[str, Any] = {"files": sum(1 for _ in (project / "data").rglob("*.yml"))}
    for kind, measured in runs.items():
        out[f"validate_{kind}_seconds"] = round(statistics.median(r["seconds"] for r in measured), 3)
        out[f"validate_{kind}_cpu_seconds"] = round(statistics.median(r["cpu"] for r in measured), 3)
        out[f"validate_{kind}_all_seconds"] = [round(r["seconds"], 3) for r in measured]
    out["load_average"] = round(os.getloadavg()[0], 1)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000", help="initiatives, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.benchmark import make_project, shape

    tmp = Path(tempfile.mkdtemp(prefix="actionplans-validate-"))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            plans, per_plan = shape(size)
            project = make_project(tmp / str(size), plans, per_plan, 4)
            shutil.rmtree(project / "actionplans")  # the code under test is this checkout's
            print(json.dumps({"initiatives": size, **time_validate(project, args.repeat)}), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
