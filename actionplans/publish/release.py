"""Publish an approved release: release notes from the data changes, a git tag, and a frozen
public version of the site beside the live one (with mike, the ecosystem's versioning tool).

    python3 run.py release VERSION "Titel" [--push]

1. checks data/ (stops on any problem);
2. writes the release notes – the Danish `changes` summary since the previous release tag – to
   the top of docs/udgivelser.md and commits them;
3. tags the commit ``release-VERSION``;
4. builds the public site (ACTIONPLANS_AUDIENCE=offentlig) into the gh-pages branch as version
   VERSION with the alias ``godkendt``, which becomes the default version readers see.
With --push, the gh-pages branch and the tag are pushed to origin.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from actionplans.publish import changes
from actionplans.source.dates import build_date as today
from actionplans.source.dates import format_date_da
from actionplans.source.repository import check_repository

NOTES = Path("docs/udgivelser.md")
HEADER = (
    "# Udgivelser\n\nGodkendte udgaver af planerne. Hver udgave står uændret på siden, også efter senere rettelser.\n"
)
VERSION = re.compile(r"^[0-9a-z][0-9a-z.-]*$")
TAG_PREFIX = "release-"
MIKE = Path(sys.executable).parent / "mike"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout.strip()


def previous_release() -> str | None:
    tags = _git("tag", "--list", f"{TAG_PREFIX}*", "--sort=-creatordate").splitlines()
    return tags[0] if tags else None


def release_notes(version: str, title: str, previous: str | None) -> str:
    if previous:
        body = changes.summary(Path("data"), previous, "HEAD").strip()
        since = f"Ændringer siden {previous.removeprefix(TAG_PREFIX)}:"
    else:
        body, since = "Første udgivelse.", ""
    heading = f"## {version} – {title}\n\nUdgivet {format_date_da(today())}."
    return "\n\n".join(part for part in (heading, since, body) if part) + "\n"


def write_notes(notes: str) -> None:
    current = NOTES.read_text(encoding="utf-8") if NOTES.exists() else HEADER
    rest = current[len(HEADER) :] if current.startswith(HEADER) else current
    NOTES.write_text(HEADER + "\n" + notes + rest, encoding="utf-8")


def deploy(version: str, *, push: bool, title: str | None = None) -> None:
    env = {
        **os.environ,
        "ACTIONPLANS_AUDIENCE": "offentlig",
        "ACTIONPLANS_VERSIONS": "mike",
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": f"{MIKE.parent}{os.pathsep}{os.environ.get('PATH', '')}",  # mike runs `mkdocs`
    }
    flags = ["--push"] if push else []
    mike = [str(MIKE)]
    # The version selector shows the title: what was approved and when (issue 15).
    label = ["--title", f"{version} – {title} ({format_date_da(today())})"] if title else []
    subprocess.run([*mike, "deploy", *flags, *label, "--update-aliases", version, "godkendt"], check=True, env=env)
    subprocess.run([*mike, "set-default", *flags, "godkendt"], check=True, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 run.py release", description=__doc__.split("\n\n")[0])
    parser.add_argument("version", help="udgavens navn, fx 2024-06 (små bogstaver, tal, punktum, bindestreg)")
    parser.add_argument("title", help='fx "Godkendt af Regionsrådet juni 2024"')
    parser.add_argument("--push", action="store_true", help="skub gh-pages og tagget til origin")
    args = parser.parse_args(argv)
    if not VERSION.match(args.version):
        print(f"«{args.version}» kan ikke bruges som navn. Brug fx 2024-06", file=sys.stderr)
        return 2
    _, problems = check_repository(Path("data"), today=today())
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        print("Udgivelsen er stoppet: ret fejlene i data/ først.", file=sys.stderr)
        return 1
    if _git("status", "--porcelain", "--", "data", str(NOTES)):
        print("Der er ændringer i data/ der ikke er committet. Commit dem først.", file=sys.stderr)
        return 1
    notes = release_notes(args.version, args.title, previous_release())
    write_notes(notes)
    _git("add", str(NOTES))
    _git("commit", "-q", "-m", f"Release notes for {args.version}")
    _git("tag", "-a", f"{TAG_PREFIX}{args.version}", "-m", args.title)
    try:
        deploy(args.version, push=args.push, title=args.title)
    except subprocess.CalledProcessError as exc:
        print(
            f"mike stoppede med fejl ({exc.returncode}); tagget {TAG_PREFIX}{args.version} er lavet.", file=sys.stderr
        )
        return 1
    if args.push:
        _git("push", "origin", f"{TAG_PREFIX}{args.version}")
    print(notes)
    print(f"Udgave {args.version} er lagt i gh-pages som «godkendt» (standardudgaven).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
