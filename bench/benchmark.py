"""Scale benchmark (issues 6 and 13). A script, never a timed test.

For each corpus size (``--sizes 30,1000,5000``; N plans x 20 initiatives x 4 status reports, 30 as
3 x 10), generates a synthetic corpus in a temporary copy of the project and measures, in one call:

- **build**: the project's ``mkdocs build --strict`` (which includes Pagefind's indexing, run by
  the ``actionplans`` plugin) against **plain mkdocs-material**: the same pages written as
  ordinary Markdown files (``python3 run.py generate --engine mkdocs``), the same nav, the theme
  with its own header and search box, and MkDocs' default plugin list (``search`` only: no macros,
  no actionplans, so the baseline includes the theme's search indexing as ours includes
  Pagefind's). Runs are interleaved (A B, B A, ...) and each pair gives a ratio, so drift of a
  shared machine hits both sides; wall time, CPU time (user + sys of the build's process tree,
  Pagefind included) and peak memory (largest single process) are recorded per run;
- **pages**: count, median page and initiative-page HTML size;
- **search**: bytes a reader downloads for search before the first result (raw and gzip, as a web
  server compresses them) and the time to the first result, in headless Chromium: the theme's
  search on the plain build (its index loads on the first page view) and Pagefind on ours (the
  header's form opens the search page, which loads Pagefind and the chunks the query needs);
- **validate**: ``python -m actionplans validate`` as a whole command (wall and CPU), and, where
  ``bench/validate_time.py`` / ``bench/reload_time.py`` exist, their figures.

    .venv/bin/python bench/benchmark.py                          # 30 and 1,000, two pairs each
    .venv/bin/python bench/benchmark.py --sizes 5000 --repeat 1
    .venv/bin/python bench/benchmark.py --profile-only --sizes 1000  # cProfile of our build

The machine this runs on may be shared: quote ratios of interleaved runs and CPU time, not single
wall times. Results kept in the repository: bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench.validate_time, bench.reload_time

TODAY = "2026-11-22"
STATUSES = ["grøn", "gul", "rød", "ikke_oplyst", "gennemført"]
FALLBACK_WORDS = (
    "borgere patienter medarbejdere sygehus region digitalisering løsning platform data sikkerhed "
    "drift udvikling afprøvning implementering kvalitet ventetid behandling samarbejde kommuner "
    "journal booking telemedicin overblik gevinster leverancer risici tidsplan udbud kontrakt"
).split()


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def real_words() -> list[str]:
    """Every word of the text in the project's own data/, in order and with repetition: the
    synthetic text draws from it, so its vocabulary and word frequencies (and with them index
    sizes and compression) are those of real plans, not of a few dozen words repeated."""
    words: list[str] = []
    for path in sorted((ROOT / "data").rglob("*.yml")):
        for value in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            words += re.findall(r"[^\W\d_]{2,}", value.lower())
    return words + FALLBACK_WORDS


WORDS = real_words()
QUERY = "telemedicin"  # a word of the synthetic text: every size has many hits
CHROMIUM = os.environ.get("ACTIONPLANS_CHROMIUM", "/usr/lib/chromium/chromium")

# Runs one command and measures it as a whole process tree: wall time, CPU time (user + sys of
# every finished child) and the peak resident memory of the largest process.
RUNNER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_kib": usage.ru_maxrss,
                  "returncode": result.returncode, "output": (result.stdout + result.stderr)[-4000:]}))
"""


def text(seed: int, words: int) -> str:
    out = random.Random(seed).choices(WORDS, k=words)
    out[0] = out[0].capitalize()
    return " ".join(out) + "."


def plan_yaml(p: int) -> dict[str, Any]:
    return {
        "title": f"Syntetisk handleplan {p}",
        "short_title": f"Plan {p:03d}",
        "owner": f"Region {p}, Digitalisering",
        "summary": text(p, 20),
        "period": {"start": "2024", "end": "2026"},
        "strategy": {"title": f"Strategi {p}", "period": {"start": "2023", "end": "2027"}},
        "approvals": [{"body": "Regionsrådet", "date": "2024-06", "text": "Planen godkendes."}],
        "goals": [{"id": f"m{g}", "title": f"Mål {g}: {text(g, 4)}", "text": text(p + g, 25)} for g in range(1, 5)],
        "status_scale": [
            {"status": "grøn", "definition": "Indsatsen holder sig inden for rammerne."},
            {"status": "gul", "definition": "Indsatsen har mindre afvigelser."},
            {"status": "rød", "definition": "Indsatsen afviger fra rammerne."},
        ],
        "milestones": [
            {"date": "2023-05", "body": "Regionsrådet", "text": "Strategien godkendes."},
            {"date": "2024-06", "body": "Regionsrådet", "text": "Handleplanen behandles."},
        ],
        "reporting": {"cadence_months": 6},
        "target_groups": [
            {"id": "borgere", "label": "Borgere"},
            {"id": "patienter", "label": "Patienter"},
            {"id": "personale", "label": "Klinisk personale"},
        ],
        "staff_brackets": [{"id": "under-200", "label": "< 200 medarbejdere"}, {"id": "over-200", "label": "> 200"}],
        "source": {"document": f"Handleplan {p} (syntetisk)"},
    }


def initiative_yaml(p: int, n: int, reports: int) -> dict[str, Any]:
    seed = p * 1000 + n
    start = dt.date(2024, 1, 15)
    # Sized like the real files in data/ (about 3 KB of YAML each).
    return {
        "number": n,
        "title": f"Indsats {n} i plan {p}: {text(seed, 4)}",
        "summary": text(seed + 1, 18),
        "description": "\n\n".join(text(seed + k, 50) for k in range(2)),
        "deliverables": text(seed + 5, 25) + "\n\n" + "\n".join(f"- {text(seed + k, 6)}" for k in range(3)),
        "effects": [text(seed + k, 8) for k in range(3)],
        "target_groups": ["borgere", "patienter"] if n % 2 else ["personale"],
        "staff_affected": "under-200" if n % 3 else "over-200",
        "goals": [{"goal": f"m{1 + n % 4}"}, {"goal": f"m{1 + (n + 1) % 4}"}],
        "end_date": f"{2025 + n % 2}-{1 + n % 12:02d}",
        "owner": f"Afdeling {n % 7}",
        "source": {"document": f"Handleplan {p} (syntetisk)", "section": f"Indsats #{n:02d}"},
        "reports": [
            {
                "date": (start + dt.timedelta(days=150 * r)).isoformat(),
                "status": STATUSES[(seed + r) % 4] if r < reports - 1 else STATUSES[(seed + r) % 5],
                "narrative": text(seed + r, 40),
                "corrective_actions": text(seed + r + 9, 25) if (seed + r) % 3 == 0 else None,
                "source": f"Statusrapport {r + 1}",
            }
            for r in range(reports)
        ],
    }


def make_project(dest: Path, plans: int, per_plan: int, reports: int) -> Path:
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "organisation.yml"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("docs", "overrides", "macros", "actionplans"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for p in range(1, plans + 1):
        plan_dir = dest / "data" / f"plan-{p:03d}"
        (plan_dir / "initiatives").mkdir(parents=True)
        dump(plan_dir / "plan.yml", plan_yaml(p))
        for n in range(1, per_plan + 1):
            dump(plan_dir / "initiatives" / f"{n:02d}-indsats-{n}.yml", initiative_yaml(p, n, reports))
    return dest


SCHEMA_LINE = {
    "plan.yml": "# yaml-language-server: $schema=../../schemas/plan.schema.json\n",
    "initiative": "# yaml-language-server: $schema=../../../schemas/initiative.schema.json\n",
}


def dump(path: Path, data: dict[str, Any]) -> None:
    header = SCHEMA_LINE["plan.yml" if path.name == "plan.yml" else "initiative"]
    clean = {k: v for k, v in data.items() if v is not None}
    if "reports" in clean:
        clean["reports"] = [{k: v for k, v in r.items() if v is not None} for r in clean["reports"]]
    body = yaml.safe_dump(clean, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + body, encoding="utf-8")


def env_for(project: Path) -> dict[str, str]:
    return {**os.environ, "ACTIONPLANS_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}


def make_plain(project: Path, dest: Path) -> Path:
    """The generator's output for ``project`` as a plain mkdocs-material project: every page a .md
    file, the same theme, overrides and nav, and MkDocs' default plugins (``search`` only)."""
    result = subprocess.run(
        [sys.executable, "-m", "actionplans", "generate", "--engine", "mkdocs", str(dest)],
        cwd=project,
        env=env_for(project),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"could not write the plain pages:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")
    config_file = dest / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["plugins"] = ["search"]  # what MkDocs uses when mkdocs.yml names no plugins
    config["extra_javascript"] = [s for s in config.get("extra_javascript", []) if "search.js" not in s]
    # the theme's own header, with its search box (ours replaces it with a form to the search page)
    for name in ("header.html", "ap-search-form.html"):
        (dest / "overrides" / "partials" / name).unlink()
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def measure(cmd: list[str], cwd: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, *cmd], cwd=cwd, env=env_for(cwd), capture_output=True, text=True
    )
    measured = json.loads(result.stdout)
    if measured["returncode"]:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{measured['output']}")
    return measured


def build(project: Path, out: Path) -> dict[str, Any]:
    return measure([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], project)


def site_figures(site: Path) -> dict[str, Any]:
    html = sorted(site.rglob("*.html"))
    sizes = [p.stat().st_size for p in html]
    initiative_sizes = [p.stat().st_size for p in html if p.parent.name[:2].isdigit() and "-indsats-" in p.parent.name]
    return {
        "pages": len(html),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "median_page_bytes": int(statistics.median(sizes)),
        "median_initiative_page_bytes": int(statistics.median(initiative_sizes)) if initiative_sizes else 0,
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def _downloaded(site: Path, urls: list[str]) -> dict[str, int]:
    raw = packed = 0
    for url in dict.fromkeys(urls):
        path = site / unquote(urlsplit(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            data = path.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data, 6))
    return {"bytes": raw, "gzip_bytes": packed, "requests": len(set(urls))}


def first_search(site: Path, engine: str) -> dict[str, Any]:
    """Search for QUERY in headless Chromium as a reader does, and report what was downloaded for
    search before the first result, and when it appeared (ms after the navigation that leads to it).

    ``theme``: the plain build's front page; its search index loads with the page; type the query.
    ``pagefind``: our build's front page; type the query in the header's form and press Enter; the
    search page loads Pagefind's interface and the index chunks the query needs."""
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        fetched: list[str] = []
        page.on("requestfinished", lambda request: fetched.append(request.url))
        page.goto(url, wait_until="load")
        if engine == "theme":
            # open the search and wait until the theme's worker has its index («Initialiserer
            # søgning» until then): a query typed before that can be lost
            page.locator("input.md-search__input").click()
            page.wait_for_function(
                "() => { const m = document.querySelector('.md-search-result__meta');"
                " return m && m.textContent.trim() && !/Initialiserer/i.test(m.textContent) }",
                timeout=600_000,
            )
            page.locator("input.md-search__input").press_sequentially(QUERY, delay=20)  # typed, as a reader
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            ms = page.evaluate("performance.now()")
            hits = page.locator(".md-search-result__item").count()
            searched = [u for u in fetched if "search" in u or "lunr" in u]
        else:
            page.locator("header input[name=q]").fill(QUERY)
            page.locator("header input[name=q]").press("Enter")
            page.wait_for_selector(".pagefind-ui__result-link", timeout=600_000)
            ms = page.evaluate("performance.now()")  # from the search page's navigation start
            hits = int(re.sub(r"\D", "", page.locator(".pagefind-ui__message").inner_text().split()[0]))  # «4.253»
            searched = [u for u in fetched if "/pagefind/" in u or "search.js" in u]
        browser.close()
    index_dir = site / ("search" if engine == "theme" else "pagefind")
    index_bytes = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())
    return {"first_result_ms": round(ms), "hits": hits, "index_bytes": index_bytes, **_downloaded(site, searched)}


def time_validate(project: Path, repeat: int) -> dict[str, Any]:
    """``validate --no-cache`` over the corpus (every file read, as in CI): a whole command,
    interpreter start included. bench/validate_time.py adds the warm and one-processor runs."""
    cmd = [sys.executable, "-m", "actionplans", "validate", "--data", str(project / "data"), "--no-cache"]
    runs = [measure(cmd, project) for _ in range(repeat)]
    return {
        "validate_seconds": [round(r["seconds"], 3) for r in runs],
        "validate_cpu_seconds": [round(r["cpu"], 3) for r in runs],
    }


# The speed work's own measurement modules (issue 13, items 3 and 4), where they exist: module ->
# its function taking (project, repeat=...) and returning a dict of figures.
SPEED_MODULES = {"validate_time": "time_validate", "reload_time": "time_reload"}


def speed_figures(project: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Validate time (cold, warm, one processor) and live-reload latency from
    ``bench/validate_time.py`` and ``bench/reload_time.py``, where they exist."""
    import importlib

    figures: dict[str, Any] = {}
    for name, function in SPEED_MODULES.items():
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError:
            figures[name] = f"not measured: bench/{name}.py is not in this checkout"
            continue
        measure_it = getattr(module, function, None)
        if measure_it is None:
            figures[name] = f"not measured: bench/{name}.py has no {function}()"
            continue
        figures[name] = measure_it(project, repeat=args.repeat)
    return figures


def profile_build(project: Path, out: Path, dest: Path) -> None:
    stats = dest / "build.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    subprocess.run(cmd, cwd=project, env=env_for(project), capture_output=True, check=True)
    import pstats

    print(f"\ncProfile of the project's build ({stats}), top 30 by cumulative time:")
    pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(30)


def shape(initiatives: int) -> tuple[int, int]:
    """(plans, initiatives per plan): 20 a plan, as in a real region's plan; 30 as 3 x 10."""
    return (3, 10) if initiatives == 30 else (max(1, initiatives // 20), min(20, initiatives))


def run_size(tmp: Path, initiatives: int, args: argparse.Namespace) -> dict[str, Any]:
    plans, per_plan = shape(initiatives)
    work = tmp / str(initiatives)
    project = make_project(work / "project", plans, per_plan, args.reports)
    plain = make_plain(project, work / "plain")
    gen_runs, plain_runs = [], []
    for i in range(args.repeat):  # interleaved A B, B A, ...: both kinds see the same machine
        order = [("gen", project), ("plain", plain)]
        for kind, where in order if i % 2 == 0 else reversed(order):
            (gen_runs if kind == "gen" else plain_runs).append(build(where, work / f"site-{kind}-{i}"))
    ratios = [g["seconds"] / p["seconds"] for g, p in zip(gen_runs, plain_runs, strict=True)]
    cpu_ratios = [g["cpu"] / p["cpu"] for g, p in zip(gen_runs, plain_runs, strict=True)]
    site = work / "site-gen-0"
    figures: dict[str, Any] = {
        "initiatives": plans * per_plan,
        "plans": plans,
        "yaml_files": plans * (per_plan + 1),
        "build_ratio_median": round(statistics.median(ratios), 3),
        "build_ratios": [round(r, 3) for r in ratios],
        "build_cpu_ratio_median": round(statistics.median(cpu_ratios), 3),
        "build_seconds": [round(r["seconds"], 2) for r in gen_runs],
        "plain_build_seconds": [round(r["seconds"], 2) for r in plain_runs],
        "build_cpu_seconds": [round(r["cpu"], 2) for r in gen_runs],
        "plain_build_cpu_seconds": [round(r["cpu"], 2) for r in plain_runs],
        "peak_rss_mib": round(max(r["peak_kib"] for r in gen_runs) / 1024, 1),
        "plain_peak_rss_mib": round(max(r["peak_kib"] for r in plain_runs) / 1024, 1),
        **site_figures(site),
        "plain_median_page_bytes": site_figures(work / "site-plain-0")["median_page_bytes"],
        **time_validate(project, args.repeat),
    }
    # Pagefind's share of our build: the same indexing step again over the built site, on its own
    step = "import sys; from pathlib import Path; from actionplans.engines.search_index import index_site; index_site(Path(sys.argv[1]))"
    indexed = measure([sys.executable, "-c", step, str(site)], project)
    figures["pagefind_index_seconds"] = round(indexed["seconds"], 2)
    figures["pagefind_index_cpu_seconds"] = round(indexed["cpu"], 2)
    figures["pagefind_index_bytes"] = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    theme_index = (work / "site-plain-0" / "search" / "search_index.json").read_bytes()
    figures["theme_index_bytes"] = len(theme_index)
    figures["theme_index_gzip_bytes"] = len(gzip.compress(theme_index, 6))
    if not args.no_search:
        for key, where, engine in (
            ("search_theme", work / "site-plain-0", "theme"),
            ("search_pagefind", site, "pagefind"),
        ):
            try:
                figures[key] = first_search(where, engine)
            except Exception as exc:  # a browser failure must not lose the build figures
                figures[key] = f"failed: {type(exc).__name__}: {str(exc)[:300]}"
    figures.update(speed_figures(project, args))
    if args.keep:
        figures["kept"] = str(work)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="30,1000", help="initiatives, comma-separated (e.g. 30,1000,5000)")
    parser.add_argument("--reports", type=int, default=4, help="status reports per initiative")
    parser.add_argument("--repeat", type=int, default=2, help="interleaved pairs of builds per size")
    parser.add_argument("--no-search", action="store_true", help="skip the searches in Chromium")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    parser.add_argument("--profile-only", action="store_true", help="only cProfile the project's build")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    tmp = Path(tempfile.mkdtemp(prefix="actionplans-bench-"))
    try:
        if args.profile_only:
            plans, per_plan = shape(sizes[0])
            project = make_project(tmp / "project", plans, per_plan, args.reports)
            profile_build(project, tmp / "site-profiled", tmp)
            return 0
        results = {
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": f"{platform.machine()} · {os.cpu_count()} CPUs · {platform.platform(terse=True)} · "
            f"Python {platform.python_version()} · load average {os.getloadavg()[0]:.1f} at start",
            "sizes": [],
        }
        for initiatives in sizes:
            figures = run_size(tmp, initiatives, args)
            results["sizes"].append(figures)
            print(json.dumps(figures, ensure_ascii=False, indent=1), flush=True)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
