"""Command line for editors, maintainers and CI: validate, serve, build, new, changes, generate,
search-index, schema, release, init, pages-root.

Three ways in, one code path: ``python3 run.py <command>`` on a fresh clone (creates .venv),
``handleplaner <command>`` after ``pip install .`` (the console script), and
``python -m actionplans <command>``. Every command works on the project in the current directory
(mkdocs.yml, organisation.yml, data/, overrides/, docs/): the package is the program, a clone
(or a directory made by ``init``) is the project. Output is Danish; an editor's mistake gives a
message and exit code 1, never a traceback.

This module is the command line itself: the commands and their arguments (with Danish help) and
which function runs each. What a command does is in :mod:`actionplans.commands` (split from here
in issue 12); ``init`` and ``release`` bring their own parsers.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from actionplans.commands import (
    generate,
    mkdocs,
    new,
    pages_root,
    search_index,
    serve_zensical,
    show_changes,
    validate,
    write_schema,
)

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
    p.add_argument(
        "mkdocs_args",
        nargs=argparse.REMAINDER,
        help="flere argumenter til mkdocs serve; --zensical viser siden med Zensical i stedet (-a ADRESSE:PORT)",
    )
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
    if argv[:1] == ["serve"] and "--zensical" in argv[1:]:
        return serve_zensical([a for a in argv[1:] if a != "--zensical"])
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
