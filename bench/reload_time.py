"""Live reload at scale: from saving a data file to the changed page being served (issue 13).

Starts ``python -m actionplans serve`` (what ``python3 run.py serve`` runs: ``mkdocs serve
--livereload --dirty``) on a generated corpus, waits for the first build, then for each kind of
edit writes one initiative file and polls the edited page until the server answers with the new
text. The latency is the time from the write to that answer (the browser, told by live reload,
then fetches the same page). Each kind of edit is repeated; the machine's load is recorded, and
the CPU seconds the server's processes spent from the write to the answer (which a busy
machine does not inflate the way it inflates wall time).

Kinds of edit, in order:

- ``text``: a status report's narrative (the everyday edit): that plan's pages change;
- ``status``: the newest report's status: the plan's overview and the front page change too;
- ``title``: the initiative's title: the navigation changes, so every page is built;
- ``broken``: a syntax error (the Danish problems page appears), then ``fixed`` again.

``--mode full`` measures MkDocs' ordinary serve (no ``--dirty``) for comparison. Call
:func:`time_reload` from the benchmark, or run alone:

    .venv/bin/python bench/reload_time.py --sizes 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PATIENCE = 600.0  # seconds; a bound on a hung server, not a target


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=PATIENCE) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return str(exc.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return ""


def _page(url: str) -> str:
    """The page as built: without the live-reload script the server adds to each answer."""
    return re.sub(r"livereload\(\d+, \d+\)", "", _get(url))


def _wait_for(url: str, text: str, since: float, before: str | None = None) -> float:
    """Seconds from ``since`` until ``url`` answers with ``text`` in it (and, given ``before``,
    with something else than ``before``)."""
    while True:
        body = _page(url)
        if text in body and body != before:
            return time.perf_counter() - since
        if time.perf_counter() - since > PATIENCE:
            raise SystemExit(f"{url}: «{text}» not served after {PATIENCE} s")
        time.sleep(0.05)


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system, with reaped children) of ``pid`` and every process below it:
    what the server spent, whatever the machine's load (Linux /proc)."""
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += _tree_cpu(int(child))
    except (OSError, ValueError, IndexError):
        pass
    return total


@contextlib.contextmanager
def serving(project: Path, mode: str) -> Iterator[tuple[str, int]]:
    port = _free_port()
    address = ["-a", f"127.0.0.1:{port}"]
    if mode == "dirty":
        cmd = [sys.executable, "-m", "actionplans", "serve", *address]
    else:
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload", *address]
    env = {**os.environ, "ACTIONPLANS_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    log = open(project.parent / f"serve-{mode}.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}/handleplaner/", proc.pid
    finally:  # the whole group: `actionplans serve` runs mkdocs as a child of its own
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def _edits(text: str, round_: int) -> list[tuple[str, str, str]]:
    """(kind, new file text, text the page then shows) for one round of edits."""
    import yaml

    header, body = text.split("\n", 1)  # the schema comment, then YAML as the generator dumps it

    def dump(data: dict[str, Any]) -> str:
        return header + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)

    marker = f"Redigeret-{round_}-{int(time.time() * 1000)}"
    data = yaml.safe_load(body)
    data["reports"][0]["narrative"] = f"{marker} {data['reports'][0]['narrative']}"
    with_text = dump(data)
    current = data["reports"][-1]["status"]
    data["reports"][-1]["status"] = next(s for s in ("grøn", "gul", "rød") if s != current)
    with_status = dump(data)
    data["title"] = f"Titel-{marker} {data['title']}"
    with_title = dump(data)
    broken = with_title.replace("\ntitle: ", '\ntitle: "uafsluttet ', 1)
    return [
        ("text", with_text, marker),
        ("status", with_status, ""),  # the page changes: the status is shown everywhere
        ("title", with_title, f"Titel-{marker}"),
        ("broken", broken, "Fejl i data"),
        ("fixed", text, "Indsats"),
    ]


def _dirty_builds_work(project: Path) -> bool:
    """Whether ``run.py serve`` asks MkDocs for dirty builds in ``project`` (not with the theme's
    search plugin; see actionplans/commands.py)."""
    code = "from actionplans.commands import _dirty_builds_work as ok; print(ok())"
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True)
    return result.stdout.strip() == "True"


def time_reload(project: Path, repeat: int = 2, mode: str = "dirty") -> dict[str, Any]:
    """Median latency per kind of edit (and every run), with the first build's time."""
    target = sorted((project / "data").glob("*/initiatives/*.yml"))[0]
    page = f"{target.parent.parent.name}/{target.stem}/"
    original = target.read_text(encoding="utf-8")
    runs: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    with serving(project, mode) as (url, pid):
        started = time.perf_counter()
        first_build = _wait_for(url + page, "Indsats", started)
        for round_ in range(repeat):
            for kind, new_text, shown in _edits(original, round_):
                time.sleep(1.0)  # the watcher's own pause; and no two writes in one rebuild
                time.sleep(4.0)  # the search index of the last build (serve_search.py) is done
                before = _page(url + page)
                cpu_before = _tree_cpu(pid)
                since = time.perf_counter()
                target.write_text(new_text, encoding="utf-8")
                runs.setdefault(kind, []).append(round(_wait_for(url + page, shown, since, before), 2))
                cpu.setdefault(kind, []).append(round(_tree_cpu(pid) - cpu_before, 2))
    target.write_text(original, encoding="utf-8")
    return {
        "mode": mode,
        "dirty_builds": mode == "dirty" and _dirty_builds_work(project),
        "first_build_seconds": round(first_build, 1),
        **{f"reload_{kind}_seconds": statistics.median(values) for kind, values in runs.items()},
        "reload_all_seconds": runs,
        **{f"reload_{kind}_cpu_seconds": statistics.median(values) for kind, values in cpu.items()},
        "reload_all_cpu_seconds": cpu,
        "load_average": round(os.getloadavg()[0], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000", help="initiatives, comma-separated")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the five edits")
    parser.add_argument("--mode", choices=("dirty", "full", "both"), default="both")
    parser.add_argument(
        "--without-theme-search",
        action="store_true",
        help="drop Material's search plugin from the corpus's mkdocs.yml (it rules out dirty builds)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.benchmark import make_project, shape

    tmp = Path(tempfile.mkdtemp(prefix="actionplans-reload-"))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            plans, per_plan = shape(size)
            project = make_project(tmp / str(size), plans, per_plan, 4)
            if args.without_theme_search:
                text = (project / "mkdocs.yml").read_text(encoding="utf-8")
                start = text.index("\n  - search:")
                end = text.index("\n  - ", start + 1)
                (project / "mkdocs.yml").write_text(text[:start] + text[end:], encoding="utf-8")
            for mode in ("dirty", "full") if args.mode == "both" else (args.mode,):
                print(json.dumps({"initiatives": size, **time_reload(project, args.repeat, mode)}), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
