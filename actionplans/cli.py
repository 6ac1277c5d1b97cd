"""Command line for editors, maintainers and CI: validate, serve, build, new, changes, generate,
search-index, schema, release, init, pages-root.

Three ways in, one code path: ``python3 run.py <command>`` on a fresh clone (creates .venv),
``handleplaner <command>`` after ``pip install .`` (the console script), and
``python -m actionplans <command>``. Every command works on the project in the current directory
(mkdocs.yml, organisation.yml, data/, overrides/, docs/): the package is the program, a clone
(or a directory made by ``init``) is the project. Output is Danish; an editor's mistake gives a
message and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
from pathlib import Path

from actionplans.source.dates import build_date as today
from actionplans.source.problems import DataError, Problem

EPILOG = "Se CONTRIBUTING.md for en vejledning til redaktører."


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=os.environ.get("ACTIONPLANS_PROG", "handleplaner"),
        description="Handleplaner som hjemmeside: tjek data, byg og udgiv siden. Kør kommandoerne i projektmappen "
        "(den med mkdocs.yml, organisation.yml og data/).",
        epilog=EPILOG,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    p = sub.add_parser("serve", help="byg siden og vis den på http://127.0.0.1:8000/ med automatisk genindlæsning")
    p.add_argument("mkdocs_args", nargs=argparse.REMAINDER, help="flere argumenter til mkdocs serve")
    p = sub.add_parser("build", help="byg siden strengt (mkdocs build --strict) i site/")
    p.add_argument("mkdocs_args", nargs=argparse.REMAINDER, help="flere argumenter til mkdocs build, fx -d mappe")

    p = sub.add_parser("validate", help="tjek alle filer under data/ (exit 1 ved fejl)", epilog=EPILOG)
    p.add_argument("--data", type=Path, default=Path("data"), help="datamappen (standard: data)")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="læs og tjek alle filer forfra uden at bruge eller gemme .cache/handleplaner (samme resultat, langsommere)",
    )

    p = sub.add_parser("new", help="opret en ny indsats med næste ledige nummer", epilog=EPILOG)
    p.add_argument("plan", help="planens mappenavn under data/, fx region-sjaelland-2024")
    p.add_argument("title", help="indsatsens titel i anførselstegn")
    p.add_argument("--data", type=Path, default=Path("data"), help="datamappen (standard: data)")

    p = sub.add_parser(
        "changes",
        help="hvad er ændret i data/ mellem to git-versioner (Markdown)",
        description=(
            "Uden argumenter: i en pull request på GitHub (GITHUB_BASE_REF er sat) sammenlignes "
            "med grenen der flettes ind i; ellers sammenlignes sidste commit (HEAD) med filerne "
            "på disken. Med ét argument: BASE mod HEAD. Med to: BASE mod HEAD-argumentet."
        ),
        epilog=EPILOG,
    )
    p.add_argument("base", nargs="?", help="git-version at sammenligne fra, fx main, v1 eller HEAD~3")
    p.add_argument("head", nargs="?", help="git-version at sammenligne til (standard: HEAD)")
    p.add_argument("--data", type=Path, default=Path("data"), help="datamappen (standard: data)")
    p.add_argument(
        "--audience",
        choices=["offentlig", "intern"],
        default="offentlig",
        help="offentlig (standard): kun det offentlige indhold – intet om interne indsatser, kladder, "
        "interne felter og noter, heller ikke titler eller antal; brug den i kommentarer andre kan læse. "
        "intern: alt, også interne indsatser og kladder",
    )

    p = sub.add_parser(
        "generate",
        help="skriv sidens sider og datafiler til en mappe, klar til en anden motor (fx Zensical)",
        epilog=EPILOG,
    )
    p.add_argument("out", type=Path, help="en ny mappe, fx build/zensical")
    p.add_argument("--engine", choices=("zensical", "mkdocs"), default="zensical", help="motoren (standard: zensical)")

    p = sub.add_parser(
        "search-index",
        help="byg søgeindekset (Pagefind) over en bygget side, fx efter zensical build (build gør det selv)",
        epilog=EPILOG,
    )
    p.add_argument("site", type=Path, help="mappen med den byggede side, fx build/zensical/site")

    p = sub.add_parser("schema", help="generér schemas/*.json ud fra modellen", epilog=EPILOG)
    p.add_argument("--check", action="store_true", help="skriv intet; exit 1 hvis filerne er forældede")

    p = sub.add_parser("release", help="udgiv en godkendt udgave som frossen version (se README)", add_help=False)
    p.add_argument("release_args", nargs=argparse.REMAINDER, help='VERSION "Titel" [--push]')

    from actionplans import init

    init.add_parser(sub)

    p = sub.add_parser(
        "pages-root",
        help="skriv 404.html og robots.txt i roden af gh-pages og sæt «godkendt» først i versionsvælgeren",
    )
    p.add_argument("--push", action="store_true", help="skub gh-pages til origin bagefter")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["release"]:  # release has its own parser (actionplans/publish/release.py)
        from actionplans.publish import release

        return release.main(argv[1:])
    if argv[:1] in (["serve"], ["build"]) and not {"-h", "--help"} & set(argv[1:]):
        # everything after the command goes to MkDocs as it is (argparse would take "-a" for its own)
        return mkdocs(argv[0], argv[2:] if argv[1:2] == ["--"] else argv[1:])
    args = _parser().parse_args(argv)
    if args.command in ("serve", "build"):
        return mkdocs(args.command, args.mkdocs_args)
    if args.command == "init":
        from actionplans import init

        return init.run(args)
    if args.command == "pages-root":
        return pages_root(push=args.push)
    if args.command == "validate":
        # Under CI the cache on disk is neither read nor written: a .cache/ that came with the
        # checkout (committed by mistake, or forged with a valid checksum) must never decide what
        # CI accepts. Locally it is the editor's own folder (parsecache.py).
        return validate(args.data, use_cache=not args.no_cache and not running_in_ci())
    if args.command == "new":
        return new(args.data, args.plan, args.title)
    if args.command == "changes":
        return show_changes(args.data, args.base, args.head, args.audience)
    if args.command == "generate":
        return generate(Path.cwd(), args.out, args.engine)
    if args.command == "search-index":
        return search_index(args.site)
    return write_schema(Path.cwd(), check=args.check)


def running_in_ci() -> bool:
    """CI services set ``CI`` (GitHub Actions also ``GITHUB_ACTIONS``); ``.ci/run`` sets ``CI=true``."""
    flag = os.environ.get("CI", "").strip().lower()
    return flag not in ("", "0", "false", "no") or os.environ.get("GITHUB_ACTIONS") == "true"


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
