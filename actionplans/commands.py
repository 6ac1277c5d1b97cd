"""What each command of the command line does: validate, new, changes, generate, search-index,
schema, serve/build (through MkDocs) and pages-root.

Every command works on the project in the current directory, prints Danish, and returns its exit
code: 0, or 1 with a message for an editor's mistake (never a traceback). Each imports what it
needs when it runs, so ``validate`` starts without the site's or MkDocs' modules. The arguments
and which command runs are :mod:`actionplans.cli` (split from there in issue 12).
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from actionplans.source.dates import build_date as today
from actionplans.source.problems import DataError, Problem


def print_problems(problems: list[Problem]) -> None:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
    if annotate:
        for problem in problems:
            print(problem.github_annotation())


def validate(data_dir: Path, *, use_cache: bool = True) -> int:
    from actionplans.source.parallel import check_counts
    from actionplans.source.parsecache import CACHE_DIR, ParseCache

    data_dir = data_dir.resolve() if data_dir.is_absolute() else Path.cwd() / data_dir
    root = data_dir.parent
    # A short-lived command: without the cyclic garbage collector. Loading makes ~70 objects per
    # line of YAML and none of them cycles worth collecting; with the collector on, its passes
    # over the growing heap made validate grow faster than the number of files (issue 13).
    gc.disable()
    try:
        # the parse cache lives in the project folder, beside data/ (.cache/ is never committed)
        cache = ParseCache(data_dir, root / CACHE_DIR if use_cache else None) if data_dir.is_dir() else None
        plans, initiatives, problems = check_counts(data_dir, root=root, today=today(), cache=cache)
    except DataError as exc:  # no data folder at all
        plans, initiatives, problems = 0, 0, exc.problems
    finally:
        gc.enable()
    if problems:
        print_problems(problems)
        n = len(problems)
        files = len({p.path for p in problems})
        print(
            f"\n{n} fejl i {files} {'fil' if files == 1 else 'filer'}. "
            f"Ret {'den' if n == 1 else 'dem'} og kør «python3 run.py validate» igen. "
            "Hjælp til hver besked: CONTRIBUTING.md, afsnittet «Fejlbeskeder»."
        )
        return 1
    print(
        f"OK: {plans} {'plan' if plans == 1 else 'planer'} og {initiatives} {'indsats' if initiatives == 1 else 'indsatser'} er tjekket uden fejl."
    )
    return 0


def new(data_dir: Path, plan: str, title: str) -> int:
    from actionplans.source import scaffold  # imported per command: `validate` starts faster without it

    try:
        path = scaffold.create(data_dir, plan, title, today=today())
    except scaffold.ScaffoldError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    print(f"Oprettet: {path.as_posix()}")
    print("Udfyld description og source (document, section), og kør derefter «python3 run.py validate».")
    return 0


def show_changes(data_dir: Path, base: str | None, head: str | None, audience: str = "offentlig") -> int:
    from actionplans.publish import changes
    from actionplans.source.audience import Audience

    try:
        text = changes.summary(data_dir, base, head, audience=Audience.parse(audience))
    except changes.GitError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    print(text, end="")
    return 0


def generate(root: Path, out: Path, engine: str) -> int:
    from actionplans import organisation
    from actionplans.engines.export import export
    from actionplans.publish.guards import PublishError

    if out.exists():
        print(f"Fejl: {out.as_posix()} findes allerede. Angiv en ny mappe (den bliver oprettet).", file=sys.stderr)
        return 1
    try:
        site = export(root, out, engine="mkdocs" if engine == "mkdocs" else "zensical", today=today())
    except DataError as exc:
        print_problems(exc.problems)
        print(f"\n{len(exc.problems)} fejl i data/. Intet er skrevet. Kør «python3 run.py validate».")
        return 1
    except (organisation.SettingsError, PublishError) as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    print(f"Skrevet: {len(site.pages)} sider og {len(site.files)} datafiler i {out.as_posix()}")
    print(f"Byg med: cd {out.as_posix()} && {engine} build")
    return 0


def search_index(site: Path) -> int:
    from actionplans.engines import search_index

    if not (site / "index.html").is_file():
        print(
            f"{site}: ingen bygget side her (index.html mangler). Byg siden først, fx «zensical build».",
            file=sys.stderr,
        )
        return 1
    try:
        print(search_index.index_site(site))
    except search_index.SearchIndexError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def write_schema(root: Path, *, check: bool) -> int:
    from actionplans.source import schema

    if check:
        stale = [
            name
            for name, model in schema.FILES.items()
            if not (root / schema.SCHEMA_DIR / name).exists()
            or (root / schema.SCHEMA_DIR / name).read_text(encoding="utf-8") != schema.render(model)
        ]
        for name in stale:
            print(f"{schema.SCHEMA_DIR}/{name}: forældet. Kør «python3 run.py schema» og commit filen.")
        return 1 if stale else 0
    changed = schema.write(root)
    for path in changed:
        print(f"Skrevet: {path.relative_to(root).as_posix()}")
    if not changed:
        print("Skemaerne er allerede opdaterede.")
    return 0


def mkdocs(command: str, extra: list[str]) -> int:
    """``mkdocs serve --livereload`` / ``mkdocs build --strict`` on the project in the current directory."""
    if not Path("mkdocs.yml").exists():
        print(
            f"Fejl: der er ingen mkdocs.yml i {Path.cwd()}. Kør kommandoen i projektmappen, "
            "eller opret et nyt projekt med «handleplaner init».",
            file=sys.stderr,
        )
        return 1
    flags = ["--strict"]
    if command == "serve":
        flags = ["--livereload"]
        if not {"--dirty", "--clean", "-c"} & set(extra) and _dirty_builds_work():
            flags.append("--dirty")  # build what an edit touches (actionplans/engines/incremental.py)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", command, *flags, *extra], env=env).returncode


def serve_zensical(extra: list[str]) -> int:
    """``serve --zensical [-a ADRESSE:PORT]``: the project under ``zensical serve``, generated
    again after every edit (actionplans/engines/zensical_serve.py)."""
    from actionplans.engines import zensical_serve

    if not Path("mkdocs.yml").exists():
        print(f"Fejl: der er ingen mkdocs.yml i {Path.cwd()}. Kør kommandoen i projektmappen.", file=sys.stderr)
        return 1
    address = None
    for flag in ("-a", "--dev-addr"):
        if flag in extra and extra.index(flag) + 1 < len(extra):
            address = extra[extra.index(flag) + 1]
    unknown = [a for a in extra if a not in ("-a", "--dev-addr", address)]
    if unknown:
        print(f"Fejl: serve --zensical kender kun -a ADRESSE:PORT, ikke {' '.join(unknown)}.", file=sys.stderr)
        return 2
    return zensical_serve.serve(Path.cwd(), address)


def _dirty_builds_work() -> bool:
    """Whether ``serve --dirty`` gives what a full build gives: not with Material's «search»
    plugin, which merges a dirty build's index as if exactly one page had changed."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open("mkdocs.yml", "rb") as f:
            plugins = yaml_load(f).get("plugins") or []
    except Exception:  # noqa: BLE001 - mkdocs itself reports a broken mkdocs.yml
        return False
    names = (
        list(plugins) if isinstance(plugins, dict) else [p if isinstance(p, str) else next(iter(p)) for p in plugins]
    )
    return not any(str(name).rsplit("/", 1)[-1] == "search" for name in names)


def pages_root(*, push: bool) -> int:
    from mkdocs.utils.yaml import yaml_load

    from actionplans import hosting, organisation

    try:
        with open("mkdocs.yml", "rb") as f:
            config = yaml_load(f)
        settings = organisation.from_extra(config.get("extra"))
        changed = hosting.update_pages_root(
            Path.cwd(),
            site_url=config.get("site_url") or "/",
            site_name=config.get("site_name", ""),
            organisation=settings.name,
            colour=settings.primary_color,
        )
        if changed and push:
            subprocess.run(["git", "push", "origin", hosting.BRANCH], check=True)
    except (OSError, organisation.SettingsError, hosting.HostingError, subprocess.CalledProcessError) as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    print("gh-pages: roden er opdateret." if changed else "gh-pages: roden var allerede opdateret.")
    return 0
