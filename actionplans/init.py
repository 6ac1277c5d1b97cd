"""``init``: set the project up for another organisation, in one command.

    handleplaner init --organisation "Region Nord" --title "Region Nords handleplaner" \\
        --site-url https://region-nord.github.io/handleplaner/ \\
        --repo-url https://github.com/region-nord/handleplaner --logo logo.svg --colour "#004b87"

Values not given as flags are asked for when the command runs in a terminal; otherwise a missing
value is an error. Everything is checked before anything is written (the colour's contrast
against white text included), so a mistake leaves the project as it was. Then:

1. ``organisation.yml`` – the one place for name, title, addresses, logo, colour – is rewritten;
2. the logo is copied to ``docs/assets/images/`` and used as logo and favicon;
3. the plans already in ``data/`` (the two example plans of a fresh clone) move to ``examples/``,
   which is not published (same folder depth, so their schema lines keep working);
4. ``data/<plan>/plan.yml`` is created: a first plan with the organisation as owner, ready to be
   filled in, that validates and builds as it is. Initiatives are added with ``new``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from actionplans.organisation import SETTINGS_FILE, SettingsError, check_colour
from actionplans.source.dates import build_date
from actionplans.source.repository import PLAN_SCHEMA_LINE
from actionplans.source.scaffold import slugify

EXAMPLES = "examples"
LOGO_DIR = Path("docs/assets/images")
LOGO_TYPES = {".svg", ".png"}
# MkDocs and the theme print settings into HTML without escaping; these would break the markup.
UNSAFE = re.compile(r'[<>"{}\x00-\x1f]')
URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")
DEFAULT_DATA_LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.da"}

QUESTIONS = [
    ("organisation", "Organisationens navn (fx «Region Nord»)"),
    ("title", "Sidens titel (fx «Region Nords handleplaner»)"),
    ("site_url", "Sidens adresse (fx https://region-nord.github.io/handleplaner/)"),
    ("repo_url", "Repositoryets adresse (fx https://github.com/region-nord/handleplaner)"),
    ("logo", "Sti til logoet (SVG eller PNG; tom: behold standardlogoet)"),
    ("colour", "Primærfarve som #rrggbb (skal give hvid tekst mindst 4,5:1 i kontrast, fx #004b87)"),
]


class InitError(Exception):
    """Wrong input; the message is Danish and names the flag."""


@dataclass(frozen=True)
class Answers:
    organisation: str
    title: str
    site_url: str
    repo_url: str
    logo: Path | None
    colour: str
    plan: str
    plan_title: str
    accessibility_statement_url: str | None


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="gør projektet klar til en ny organisation (navn, titel, adresser, logo, farve, første plan)",
        description=__doc__.split("\n\n")[0],
        epilog="Se README, afsnittet «Brug det til jeres egen plan».",
    )
    p.add_argument("--organisation", help="organisationens navn")
    p.add_argument("--title", help="sidens titel")
    p.add_argument("--site-url", help="adressen siden udgives på, fx https://org.github.io/handleplaner/")
    p.add_argument("--repo-url", help="repositoryets adresse, fx https://github.com/org/handleplaner")
    p.add_argument("--logo", help="logo som SVG eller PNG (tom: behold standardlogoet)")
    p.add_argument("--colour", "--farve", dest="colour", help="primærfarve som #rrggbb")
    p.add_argument("--plan", help="mappenavn for den første plan (standard: organisationens navn og årstal)")
    p.add_argument("--plan-title", help="den første plans titel (standard: «Handleplan ÅÅÅÅ»)")
    p.add_argument("--accessibility-statement-url", help="adressen på sidens tilgængelighedserklæring (was.digst.dk)")


def _ask(args: argparse.Namespace) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    interactive = sys.stdin.isatty()
    for key, question in QUESTIONS:
        value = getattr(args, key)
        if value is None and interactive:
            value = input(f"{question}: ").strip()
        if value is None and key != "logo":
            flag = "--" + key.replace("_", "-")
            raise InitError(
                f"{flag} mangler. Giv den som flag, eller kør kommandoen i en terminal for at blive spurgt."
            )
        values[key] = value or None
    return values


def _text(flag: str, value: str | None) -> str:
    value = (value or "").strip()
    if not value:
        raise InitError(f"{flag}: må ikke være tom.")
    if UNSAFE.search(value):
        raise InitError(f'{flag}: «{value}» indeholder et tegn der ikke kan bruges (< > " {{ }} eller linjeskift).')
    return value


def _url(flag: str, value: str | None, *, trailing_slash: bool) -> str:
    value = (value or "").strip()
    if not URL.match(value) or UNSAFE.search(value):
        raise InitError(f"{flag}: «{value}» er ikke en gyldig adresse. Skriv den fulde adresse, fx https://…/")
    if trailing_slash and not value.endswith("/"):
        value += "/"
    return value.rstrip("/") if not trailing_slash else value


def check(args: argparse.Namespace, root: Path, today: dt.date) -> Answers:
    """Every value checked; raises InitError (Danish) before anything is written."""
    values = _ask(args)
    organisation = _text("--organisation", values["organisation"])
    title = _text("--title", values["title"])
    site_url = _url("--site-url", values["site_url"], trailing_slash=True)
    repo_url = _url("--repo-url", values["repo_url"], trailing_slash=False)
    try:
        colour = check_colour((values["colour"] or "").strip(), where="--colour")
    except SettingsError as exc:
        raise InitError(str(exc)) from None
    logo = Path(values["logo"]).expanduser() if values["logo"] else None
    if logo is not None:
        if not logo.is_file():
            raise InitError(f"--logo: filen {logo} findes ikke.")
        if logo.suffix.lower() not in LOGO_TYPES:
            raise InitError(f"--logo: {logo.name} skal være en SVG- eller PNG-fil.")
    plan = args.plan or slugify(f"{organisation} {today.year}")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", plan):
        raise InitError(
            f"--plan: «{plan}» skal bestå af små bogstaver, tal og bindestreg, fx region-nord-{today.year}."
        )
    plan_title = _text("--plan-title", args.plan_title or f"Handleplan {today.year}")
    statement = args.accessibility_statement_url
    if statement is not None:
        statement = _url("--accessibility-statement-url", statement, trailing_slash=False)
    if not (root / "mkdocs.yml").exists():
        raise InitError(f"Der er ingen mkdocs.yml i {root}. Kør init i en klon af projektet.")
    if (root / "data" / plan).exists():
        raise InitError(f"--plan: data/{plan} findes allerede. Vælg et andet navn med --plan.")
    for existing in _plans(root):
        if (root / EXAMPLES / existing.name).exists():
            raise InitError(f"{EXAMPLES}/{existing.name} findes allerede; flyt eller slet den først.")
    return Answers(organisation, title, site_url, repo_url, logo, colour, plan, plan_title, statement)


def _plans(root: Path) -> list[Path]:
    data = root / "data"
    return sorted(p for p in data.iterdir() if p.is_dir()) if data.is_dir() else []


def settings_text(answers: Answers, logo: str, favicon: str, previous: dict) -> str:
    extra_previous = previous.get("extra") or {}
    organisation = extra_previous.get("organisation") or {}
    repo_name = answers.repo_url.rstrip("/").rsplit("/", 1)[-1]
    settings = {
        "site_name": answers.title,
        "site_description": f"{answers.organisation}: handleplaner og status for deres indsatser",
        "site_url": answers.site_url,
        "repo_url": answers.repo_url,
        "repo_name": repo_name,
        "copyright": f"© {answers.organisation}",
        "theme": {"logo": logo, "favicon": favicon},
        "extra": {
            "organisation": {
                "name": answers.organisation,
                "primary_color": answers.colour,
                "data_license": organisation.get("data_license") or DEFAULT_DATA_LICENSE,
            },
            "accessibility_statement_url": answers.accessibility_statement_url
            or extra_previous.get("accessibility_statement_url")
            or "https://www.was.digst.dk/",
        },
    }
    header = (
        "# The organisation's settings: the ONE place for who publishes this site and how it looks.\n"
        "# Written by `handleplaner init`; edit by hand or run init again. mkdocs.yml inherits this\n"
        "# file (INHERIT); the build checks extra.organisation (actionplans/organisation.py), the\n"
        "# primary colour's contrast against white text (WCAG 2.1 AA, 4.5:1) included.\n"
    )
    return header + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)


def plan_text(answers: Answers, today: dt.date) -> str:
    q = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731 - a YAML double-quoted string
    year = str(today.year)
    return f"""{PLAN_SCHEMA_LINE}
# The first plan, made by `handleplaner init`. Fill it in from the plan's own document: every
# field is described in DATA-FORMAT.md and, in VS Code/Codespaces, on hover. Add initiatives with
# `handleplaner new {answers.plan} "Titel"` (or `python3 run.py new …`).
title: {q(answers.plan_title)}
short_title: {q(answers.plan_title)}
owner: {q(answers.organisation)}
summary: {q(f"{answers.plan_title} for {answers.organisation}.")}
period: {{start: {q(year)}, end: {q(year)}}}
status_scale:
  - status: grøn
    definition: Indsatsen forløber som planlagt.
  - status: gul
    definition: Indsatsen har mindre afvigelser.
  - status: rød
    definition: Indsatsen har væsentlige afvigelser.
reporting:
  cadence_months: 6
source:
  document: {q(answers.plan_title)}
"""


def apply(answers: Answers, root: Path, today: dt.date) -> list[str]:
    """Write everything; return what was done, for the summary."""
    done = []
    settings_path = root / SETTINGS_FILE
    previous = yaml.safe_load(settings_path.read_text(encoding="utf-8")) if settings_path.exists() else {}
    previous = previous if isinstance(previous, dict) else {}
    theme = previous.get("theme") or {}
    logo, favicon = theme.get("logo", "assets/images/logo.svg"), theme.get("favicon", "assets/images/favicon.svg")
    if answers.logo is not None:
        target = root / LOGO_DIR / f"organisation-logo{answers.logo.suffix.lower()}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(answers.logo, target)
        logo = favicon = target.relative_to(root / "docs").as_posix()
        done.append(f"Logo kopieret til {target.relative_to(root).as_posix()} (bruges også som favicon).")
    settings_path.write_text(settings_text(answers, logo, favicon, previous), encoding="utf-8")
    done.append(f"Indstillinger skrevet i {SETTINGS_FILE}.")
    for plan in _plans(root):
        (root / EXAMPLES).mkdir(exist_ok=True)
        plan.rename(root / EXAMPLES / plan.name)
        done.append(f"Eksempelplanen data/{plan.name} er flyttet til {EXAMPLES}/{plan.name} (udgives ikke).")
    plan_dir = root / "data" / answers.plan
    (plan_dir / "initiatives").mkdir(parents=True)
    (plan_dir / "plan.yml").write_text(plan_text(answers, today), encoding="utf-8")
    done.append(f"Første plan oprettet: data/{answers.plan}/plan.yml.")
    return done


def run(args: argparse.Namespace) -> int:
    root = Path.cwd()
    today = build_date()
    try:
        answers = check(args, root, today)
    except InitError as exc:
        print(f"Fejl: {exc}\nIntet er ændret.", file=sys.stderr)
        return 1
    for line in apply(answers, root, today):
        print(line)
    print(
        "\nNæste skridt:\n"
        f"  1. Udfyld data/{answers.plan}/plan.yml, og opret indsatser: "
        f'handleplaner new {answers.plan} "Titel" (eller python3 run.py new …).\n'
        "  2. Tjek og se siden: handleplaner validate, handleplaner serve.\n"
        "  3. Ret holdnavnene i .github/CODEOWNERS, sæt GitHub Pages op (README, «Publishing»), og commit."
    )
    return 0
