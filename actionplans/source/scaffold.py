"""``new``: create the next initiative file of a plan, every field present with a Danish comment.

The file is honest from the start: what the editor has not said yet is ``ikke_oplyst`` or left
empty (an empty optional field means "not stated"). Three texts cannot be guessed and are left
as ``""`` so that ``validate`` points at them until they are written: ``description``,
``source.document`` and ``source.section``. The title comes from the command line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from actionplans.source import yamlsource
from actionplans.source.model import Initiative
from actionplans.source.problems import closest
from actionplans.source.repository import INITIATIVE_FILE, INITIATIVE_SCHEMA_LINE

MAX_SLUG = 50
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


class ScaffoldError(Exception):
    """An editor's mistake on the command line (unknown plan, empty title)."""


def slugify(title: str) -> str:
    """'Øget fremmøde til ambulante aftaler' -> 'oeget-fremmoede-til-ambulante-aftaler'."""
    text = unicodedata.normalize("NFKD", title.translate(_DANISH))
    text = text.encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG and slug:
            break
        slug = candidate[:MAX_SLUG]
    return slug


def next_number(initiatives_dir: Path) -> int:
    """One more than the highest number in use, by file name or by the ``number`` field."""
    highest = 0
    for path in initiatives_dir.glob("*.yml"):
        match = INITIATIVE_FILE.match(path.name)
        if match:
            highest = max(highest, int(match.group(1)))
        data = yamlsource.load(path).data
        if isinstance(data, dict) and isinstance(data.get("number"), int) and not isinstance(data["number"], bool):
            highest = max(highest, data["number"])
    return highest + 1


def _ids(plan_data: Any, key: str) -> list[str]:
    items = plan_data.get(key) if isinstance(plan_data, dict) else None
    if not isinstance(items, list):
        return []
    return [str(item["id"]) for item in items if isinstance(item, dict) and "id" in item]


def create(data_dir: Path, plan: str, title: str, *, today: dt.date) -> Path:
    plan_file = data_dir / plan / "plan.yml"
    if not plan_file.is_file():
        plans = sorted(p.parent.name for p in data_dir.glob("*/plan.yml"))
        best = closest(plan, plans)
        hint = f" Mente du «{best}»?" if best else ""
        raise ScaffoldError(
            f"planen «{plan}» findes ikke under {data_dir.as_posix()}/.{hint} Planer: {', '.join(plans) or '(ingen)'}"
        )
    title = " ".join(title.split())
    slug = slugify(title)
    if not slug:
        raise ScaffoldError("titlen skal indeholde mindst ét bogstav eller tal")
    initiatives_dir = plan_file.parent / "initiatives"
    initiatives_dir.mkdir(exist_ok=True)
    number = next_number(initiatives_dir)
    path = initiatives_dir / f"{number:02d}-{slug}.yml"
    plan_data = yamlsource.load(plan_file).data
    path.write_text(render(number, title, plan_data, today), encoding="utf-8")
    return path


TEMPLATE_FIELDS = (
    "number title summary description deliverables effects target_groups staff_affected goals goals_note "
    "end_date owner source reports"
).split()


def _extra_fields() -> str:
    """Fields added to the model after this template was written: comment from the model's
    description, value from its default, so ``new`` always writes every field."""
    out = []
    for name, info in Initiative.model_fields.items():
        if name in TEMPLATE_FIELDS:
            continue
        default = info.get_default(call_default_factory=True)
        if default is None:
            value = ""
        elif isinstance(default, str) and re.fullmatch(r"[a-zæøå_]+", default):
            value = f" {default}"
        else:
            value = " " + json.dumps(default, ensure_ascii=False)
        out.append(f"# Valgfri: {info.description}\n{name}:{value}\n")
    return "".join(out)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render(number: int, title: str, plan_data: Any, today: dt.date) -> str:
    goals = ", ".join(_ids(plan_data, "goals")) or "(planen har ingen)"
    groups = ", ".join(_ids(plan_data, "target_groups")) or "(planen har ingen)"
    staff = ", ".join(_ids(plan_data, "staff_brackets")) or "(planen har ingen)"
    return f"""{INITIATIVE_SCHEMA_LINE}
# Oprettet {today.isoformat()} med «python3 run.py new». Felter mærket (skal udfyldes) skal have en
# tekst, før siden kan bygges. Et tomt valgfrit felt betyder «ikke oplyst». Se CONTRIBUTING.md.

# Indsatsens nummer i planen. Skal passe med tallet forrest i filnavnet.
number: {number}
# (skal udfyldes) Indsatsens titel.
title: {_quote(title)}
# Valgfri: én linje til planens oversigt.
summary:
# (skal udfyldes) Beskrivelse af indsatsen. Skriv teksten mellem anførselstegnene, eller skriv
# «description: |» og teksten på linjerne under, indrykket med to mellemrum.
# En tom linje skiller afsnit; linjer der starter med «- » bliver punkter.
description: ""
# Valgfri: leverancer og mål for perioden (tekstblok som description).
deliverables:
# Valgfri: forventede effekter, én linje pr. effekt, fx
#   effects:
#     - "Kortere ventetid"
effects: []
# Målgrupper: ikke_oplyst, eller en liste af id'er fra plan.yml: {groups}
target_groups: ikke_oplyst
# Antal berørte medarbejdere: ikke_oplyst, eller ét id fra plan.yml: {staff}
staff_affected: ikke_oplyst
# Valgfri: målsætninger fra plan.yml som kilden siger indsatsen tjener: {goals}
# Lad feltet stå tomt, hvis kilden ikke siger det. Ellers fx:
#   goals:
#     - goal: m1
goals:
# Valgfri: hvad kilden siger og ikke siger om målsætningerne.
goals_note:
# Valgfri: slutdato i anførselstegn, fx "2025-12-31" eller "2025-12". Skriv "ukendt", hvis kilden
# siger at den er ukendt. Tomt betyder ikke oplyst.
end_date:
# Valgfri: ansvarlig for indsatsen.
owner:
# Kilden: hvor indsatsen er beskrevet.
source:
  # (skal udfyldes) Kildedokumentets titel, fx planens titel eller et mødereferat.
  document: ""
  # (skal udfyldes) Hvor i dokumentet, fx «Side 4» eller «Indsats #{number:02d}».
  section: ""
  # Valgfri: uklarheder i kilden.
  note:
{_extra_fields()}# Statusrapporter, ældste først. Når den første rapport kommer, så erstat «reports: []» med
# blokken fra CONTRIBUTING.md («Ny statusrapport»), fx:
#   reports:
#     - date: "{today.isoformat()}"
#       status: grøn
#       narrative: |
#         Hvor er vi nu …
reports: []
"""
