"""Scale benchmark (issue 6). A script, never a timed test.

Generates a synthetic corpus of N plans x M initiatives x K status reports in a temporary copy of
the project (mkdocs.yml, overrides/, docs/, macros/), then measures in one run:

- the generator's build (``mkdocs build --strict``: YAML -> validated model -> pages), and
- the same site written as plain Markdown pages (each generated page saved as a .md file with the
  same front matter and body, the generated data files saved as static files, the same nav),
  built with the same theme and plugins but without our hooks,

and prints both times and their ratio, page count, total site size, median per-page HTML size,
search index size, peak memory of each build, and the time of ``validate`` over the corpus.

    .venv/bin/python bench/benchmark.py                      # 50 plans x 20 initiatives x 4 reports
    .venv/bin/python bench/benchmark.py --plans 3 --per-plan 10
    .venv/bin/python bench/benchmark.py --profile             # also cProfile the generator's build

Results of the runs kept in the repository: bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
STATUSES = ["grøn", "gul", "rød", "ikke_oplyst", "gennemført"]
WORDS = (
    "borgere patienter medarbejdere sygehus region digitalisering løsning platform data sikkerhed "
    "drift udvikling afprøvning implementering kvalitet ventetid behandling samarbejde kommuner "
    "journal booking telemedicin overblik gevinster leverancer risici tidsplan udbud kontrakt"
).split()

# Measures the build it runs: wall time and the peak resident memory of that build alone.
RUNNER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_kib": peak_kib, "returncode": result.returncode,
                  "output": (result.stdout + result.stderr)[-4000:]}))
"""


def text(seed: int, words: int) -> str:
    out = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(words)]
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
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
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
    """The generator's output for ``project`` written as a plain MkDocs project: static .md pages
    (``python3 run.py generate --engine mkdocs``: same theme, plugins and nav, no data loading)."""
    result = subprocess.run(
        [sys.executable, "-m", "actionplans", "generate", "--engine", "mkdocs", str(dest)],
        cwd=project,
        env=env_for(project),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"could not write the plain pages:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")
    return dest


def build(project: Path, out: Path) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, *cmd], cwd=project, env=env_for(project), capture_output=True, text=True
    )
    measured = json.loads(result.stdout)
    if measured["returncode"]:
        sys.exit(f"build failed in {project}:\n{measured['output']}")
    return measured


def site_figures(site: Path) -> dict[str, Any]:
    html = sorted(site.rglob("*.html"))
    sizes = [p.stat().st_size for p in html]
    initiative_sizes = [p.stat().st_size for p in html if p.parent.name[:2].isdigit() and "-indsats-" in p.parent.name]
    return {
        "pages": len(html),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "median_page_bytes": int(statistics.median(sizes)),
        "median_initiative_page_bytes": int(statistics.median(initiative_sizes)) if initiative_sizes else 0,
        "search_index_bytes": (site / "search" / "search_index.json").stat().st_size,
    }


def time_validate(project: Path) -> dict[str, float]:
    """``validate`` over the corpus as an editor runs it (CLI, incl. interpreter start) and in process."""
    data = project / "data"
    figures: dict[str, float] = {}
    cli = subprocess.run(
        [sys.executable, "-c", "import actionplans.cli"], cwd=project, env=env_for(project), capture_output=True
    )
    if cli.returncode == 0:
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "actionplans", "validate", "--data", str(data)],
            cwd=project,
            env=env_for(project),
            capture_output=True,
            text=True,
        )
        figures["validate_cli_seconds"] = time.perf_counter() - start
        if result.returncode:
            sys.exit(f"validate failed:\n{result.stdout}{result.stderr}")
    code = f"""
import datetime as dt, sys, time
sys.path.insert(0, {str(project)!r})
from pathlib import Path
from actionplans.source.repository import check_repository
start = time.perf_counter()
repo, problems = check_repository(Path({str(data)!r}), today=dt.date.fromisoformat({TODAY!r}))
print(time.perf_counter() - start, len(problems))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=project, env=env_for(project), capture_output=True, text=True, check=True
    )
    seconds, problems = out.stdout.split()
    if int(problems):
        sys.exit(f"the synthetic corpus has {problems} problems")
    figures["check_repository_seconds"] = float(seconds)
    return figures


def profile_build(project: Path, out: Path, dest: Path) -> None:
    stats = dest / "build.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    subprocess.run(cmd, cwd=project, env=env_for(project), capture_output=True, check=True)
    import pstats

    print(f"\ncProfile of the generator's build ({stats}), top 25 by cumulative time:")
    pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(25)
    print("\nThe same, only our code (actionplans/) and the YAML parser:")
    pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(r"actionplans/|yaml/(scanner|parser|composer)", 25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=50)
    parser.add_argument("--per-plan", type=int, default=20, help="initiatives per plan")
    parser.add_argument("--reports", type=int, default=4, help="status reports per initiative")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind; the fastest counts")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--profile", action="store_true", help="cProfile the generator's build")
    parser.add_argument("--profile-only", action="store_true", help="only generate the corpus and profile its build")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="actionplans-bench-"))
    try:
        started = time.perf_counter()
        project = make_project(tmp / "generated", args.plans, args.per_plan, args.reports)
        corpus_seconds = time.perf_counter() - started
        if args.profile_only:
            profile_build(project, tmp / "site-profiled", tmp)
            return 0
        plain = make_plain(project, tmp / "plain")
        gen_runs, plain_runs = [], []
        for i in range(args.repeat):  # interleaved, so both kinds see the same machine state
            gen_runs.append(build(project, tmp / f"site-generated-{i}"))
            plain_runs.append(build(plain, tmp / f"site-plain-{i}"))
        gen = min(gen_runs, key=lambda r: r["seconds"])
        pln = min(plain_runs, key=lambda r: r["seconds"])
        site = site_figures(tmp / "site-generated-0")
        plain_site = site_figures(tmp / "site-plain-0")
        validate = time_validate(project)
        figures = {
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": f"{platform.node()} · {platform.machine()} · {os.cpu_count()} CPUs · "
            f"{platform.platform(terse=True)} · Python {platform.python_version()}",
            "plans": args.plans,
            "initiatives": args.plans * args.per_plan,
            "reports_per_initiative": args.reports,
            "yaml_files": args.plans * (args.per_plan + 1),
            "build_generated_seconds": round(gen["seconds"], 2),
            "build_plain_seconds": round(pln["seconds"], 2),
            "ratio": round(gen["seconds"] / pln["seconds"], 3),
            "all_generated_seconds": [round(r["seconds"], 2) for r in gen_runs],
            "all_plain_seconds": [round(r["seconds"], 2) for r in plain_runs],
            "peak_rss_generated_mib": round(max(r["peak_kib"] for r in gen_runs) / 1024, 1),
            "peak_rss_plain_mib": round(max(r["peak_kib"] for r in plain_runs) / 1024, 1),
            **site,
            "plain_pages": plain_site["pages"],
            "plain_median_page_bytes": plain_site["median_page_bytes"],
            **{k: round(v, 3) for k, v in validate.items()},
            "corpus_generation_seconds": round(corpus_seconds, 2),
        }
        width = max(map(len, figures))
        for key, value in figures.items():
            print(f"{key:<{width}}  {value}")
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if args.profile:
            profile_build(project, tmp / "site-profiled", tmp)
        if args.keep:
            print(f"\nkept: {tmp}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
