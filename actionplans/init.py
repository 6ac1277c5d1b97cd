"""``init``: set the project up for another organisation, in one command.

    handleplaner init --organisation "Region Nord" --title "Region Nords handleplaner" \\
        --site-url https://region-nord.github.io/handleplaner/ \\
        --repo-url https://github.com/region-nord/handleplaner --logo logo.svg --colour "#004b87"

Values not given as flags are asked for when the command runs in a terminal; otherwise a missing
value is an error. Everything is checked before anything is written (the colour's contrast
against white text included), so a mistake leaves the project as it was. Then:

1. ``organisation.yml`` – the one place for name, title, addresses, logo, colour – is rewritten;
2. the logo is copied to ``docs/assets/images/`` and used as logo and favicon;
3. the first time only (while there is no ``examples/``): the plans in ``data/`` (the two example
   plans of a fresh clone) move to ``examples/``, which is not published (same folder depth, so
   their schema lines keep working); run again, init leaves ``data/`` and ``examples/`` alone;
4. ``data/<plan>/plan.yml`` is created when ``data/`` then holds no plan (or ``--plan`` names a
   new one): a first plan with the organisation as owner, ready to be filled in, that validates
   and builds as it is. Initiatives are added with ``new``;
5. the example teams in ``.github/CODEOWNERS`` are replaced by ``--maintainers`` / ``--editors``
   (``actionplans/codeowners.py``).

Last, it lists what is still to be done by hand: the settings a public build refuses
(``actionplans/publish/guards.py``), the teams if they were not given, GitHub's own settings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import yaml

from actionplans import codeowners
from actionplans.init_files import Answers, plan_text, settings_text
from actionplans.organisation import SETTINGS_FILE, SettingsError, check_colour
from actionplans.publish.guards import is_placeholder, placeholder_problems
from actionplans.source.dates import build_date
from actionplans.source.scaffold import slugify

EXAMPLES = "examples"
LOGO_DIR = Path("docs/assets/images")
LOGO_TYPES = {".svg", ".png"}
# MkDocs and the theme print settings into HTML without escaping; these would break the markup.
UNSAFE = re.compile(r'[<>"{}\x00-\x1f]')
URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")

QUESTIONS = [
    ("organisation", "Organisationens navn (fx «Region Nord»)"),
    ("title", "Sidens titel (fx «Region Nords handleplaner»)"),
    ("site_url", "Sidens adresse (fx https://region-nord.github.io/handleplaner/)"),
    ("repo_url", "Repositoryets adresse (fx https://github.com/region-nord/handleplaner)"),
    ("logo", "Sti til logoet (SVG eller PNG; tom: behold standardlogoet)"),
    ("colour", "Primærfarve som #rrggbb (skal give hvid tekst mindst 4,5:1 i kontrast, fx #004b87)"),
    ("maintainers", "GitHub-hold der godkender kode (fx @region-nord/udviklere; tom: ret .github/CODEOWNERS senere)"),
    ("editors", "GitHub-hold der godkender data/ (fx @region-nord/redaktoerer; tom: ret .github/CODEOWNERS senere)"),
]
OPTIONAL = {"logo", "maintainers", "editors"}


class InitError(Exception):
    """Wrong input; the message is Danish and names the flag."""


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
    p.add_argument("--maintainers", help="GitHub-hold (eller brugere) der godkender kode, fx @org/udviklere")
    p.add_argument("--editors", help="GitHub-hold (eller brugere) der godkender data/, fx @org/redaktoerer")


def _ask(args: argparse.Namespace) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    interactive = sys.stdin.isatty()
    for key, question in QUESTIONS:
        value = getattr(args, key)
        if value is None and interactive:
            value = input(f"{question}: ").strip()
        if value is None and key not in OPTIONAL:
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
    teams: dict[str, tuple[str, ...] | None] = {}
    for key in ("maintainers", "editors"):
        value = values[key]
        try:
            teams[key] = codeowners.parse_owners(f"--{key}", value) if value else None
        except ValueError as exc:
            raise InitError(str(exc)) from None
    first_run = is_first_run(root)
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
    new_plan: str | None = plan
    if not first_run:  # run again: nothing moves; a plan is made only if asked for or none is left
        if args.plan and (root / "data" / plan).exists():
            raise InitError(f"--plan: data/{plan} findes allerede. Vælg et andet navn med --plan.")
        if not args.plan and _plans(root):
            new_plan = None
    return Answers(organisation, title, site_url, repo_url, logo, colour, new_plan, plan_title, statement, **teams)


def is_first_run(root: Path) -> bool:
    """A project init has not touched: no examples/ yet and organisation.yml still the example one
    (placeholder site_url), so whatever is in data/ is the shipped examples."""
    settings_path = root / SETTINGS_FILE
    settings = yaml.safe_load(settings_path.read_text(encoding="utf-8")) if settings_path.exists() else None
    site_url = settings.get("site_url") if isinstance(settings, dict) else None
    return not (root / EXAMPLES).exists() and is_placeholder(site_url if isinstance(site_url, str) else None)


def _plans(root: Path) -> list[Path]:
    data = root / "data"
    return sorted(p for p in data.iterdir() if p.is_dir()) if data.is_dir() else []


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
    first_run = is_first_run(root)
    settings_path.write_text(settings_text(answers, logo, favicon, previous), encoding="utf-8")
    done.append(f"Indstillinger skrevet i {SETTINGS_FILE}.")
    for plan in _plans(root) if first_run else []:
        (root / EXAMPLES).mkdir(exist_ok=True)
        plan.rename(root / EXAMPLES / plan.name)
        done.append(f"Eksempelplanen data/{plan.name} er flyttet til {EXAMPLES}/{plan.name} (udgives ikke).")
    if answers.plan is not None:
        plan_dir = root / "data" / answers.plan
        (plan_dir / "initiatives").mkdir(parents=True)
        (plan_dir / "plan.yml").write_text(plan_text(answers, today), encoding="utf-8")
        done.append(f"Plan oprettet: data/{answers.plan}/plan.yml.")
    owners_path = root / codeowners.PATH
    if owners_path.is_file() and (answers.maintainers or answers.editors):
        text = owners_path.read_text(encoding="utf-8")
        new = codeowners.rewrite(text, maintainers=answers.maintainers, editors=answers.editors)
        if new != text:
            owners_path.write_text(new, encoding="utf-8")
            done.append(f"Holdene i {codeowners.PATH.as_posix()} er sat til jeres egne.")
    return done


def still_to_do(answers: Answers, root: Path) -> list[str]:
    """What init cannot do: settings a public build refuses, teams not given, GitHub's own settings."""
    config = yaml.safe_load((root / SETTINGS_FILE).read_text(encoding="utf-8"))
    todo = [f"{problem} Indtil da stopper den offentlige udgivelse." for problem in placeholder_problems(config)]
    owners_path = root / codeowners.PATH
    if owners_path.is_file() and codeowners.placeholders_left(owners_path.read_text(encoding="utf-8")):
        todo.append(
            f"Sæt jeres egne GitHub-hold i {codeowners.PATH.as_posix()} (eksempelholdene står der stadig): "
            "kør init igen med --maintainers @org/udviklere --editors @org/redaktoerer, eller ret filen."
        )
    if answers.plan is not None:
        todo.append(
            f'Udfyld data/{answers.plan}/plan.yml, og opret indsatser: handleplaner new {answers.plan} "Titel" '
            "(eller python3 run.py new …); tjek med handleplaner validate, se siden med handleplaner serve."
        )
    if not ((config.get("extra") or {}).get("organisation") or {}).get("share_image"):
        todo.append(
            "Valgfrit: et billede til delte links (PNG eller JPEG, helst 1200×630) under docs/ og "
            "extra.organisation.share_image i organisation.yml."
        )
    todo += [
        "Skriv jeres egen indledning i README.md og docs/om.md (de beskriver eksemplerne), og tjek "
        "LICENSE-data.md (datalicensen står i organisation.yml).",
        "På GitHub: Settings → Pages → «Deploy from a branch», gh-pages; Settings → Branches: beskyt main "
        "og kræv godkendelse fra Code Owners. Commit og push til main (README, «Brug det til jeres egen plan»).",
    ]
    return todo


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
    print("\nTilbage at gøre i hånden:")
    for number, line in enumerate(still_to_do(answers, root), 1):
        print(f"  {number}. {line}")
    return 0
