"""Pydantic's validation errors in Danish an editor can act on: what is wrong, how to fix it,
and the closest valid value or field name."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from actionplans.source import yamlsource
from actionplans.source.model import Status
from actionplans.source.problems import Problem, shown, suggestion
from actionplans.source.yamlsource import SourceFile

YAML11_BOOLS = {"y", "yes", "n", "no", "on", "off", "true", "false"}
# Danish words editors type for the English keys (used only to suggest the right key).
KEY_SYNONYMS = {
    "titel": "title",
    "beskrivelse": "description",
    "dato": "date",
    "slutdato": "end_date",
    "ejer": "owner",
    "ansvarlig": "owner",
    "kilde": "source",
    "nummer": "number",
    "rapporter": "reports",
    "effekter": "effects",
    "leverancer": "deliverables",
    "maalgrupper": "target_groups",
    "målgrupper": "target_groups",
    "tekst": "text",
    "bemærkning": "note",
    "korrigerende_handlinger": "corrective_actions",
}
STATUS_SYNONYMS = {"green": "grøn", "yellow": "gul", "red": "rød", "done": "gennemført", "completed": "gennemført"}


def _bool_hint(value: Any) -> str:
    if isinstance(value, bool) or (isinstance(value, str) and value.strip().lower() in YAML11_BOOLS):
        return " Ja/nej-ord (yes, no, on, off, true, false) kan ikke bruges som status."
    return ""


def translate_all(errors: list[Any], src: SourceFile, model: type[BaseModel]) -> list[Problem]:
    """All of a file's validation errors as problems. Values the loader already reported are
    skipped, and a union's alternatives are folded: pydantic reports ``target_groups`` as both
    ``list[…]`` and ``literal['ikke_oplyst']``; an editor sees the field, and the literal's error
    only when the list had none."""
    cleaned = []
    for err in errors:
        if err.get("input") is yamlsource.INVALID:
            continue
        loc = tuple(err["loc"])
        clean = tuple(part for part in loc if not (isinstance(part, str) and "[" in part))
        cleaned.append((err, clean, clean != loc))
    problems = []
    for err, clean, branched in cleaned:
        if (
            branched
            and err["type"] == "literal_error"
            and any(other is not err and loc[: len(clean)] == clean for other, loc, _ in cleaned)
        ):
            continue
        problems.append(translate({**err, "loc": clean}, src, model))
    return problems


def _as_written(value: Any) -> str:
    """A value as the editor wrote it in YAML, not as Python prints it."""
    if value is None:
        return "(tom)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en gruppe af felter"
    return shown(value)


def translate(err: Any, src: SourceFile, model: type[BaseModel]) -> Problem:
    """One pydantic error as a Danish problem at the value's (or its key's) line and column."""
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        line, col = src.position(loc[:-1])
        return Problem(
            src.display,
            line,
            col,
            yamlsource.format_loc(loc),
            f"feltet mangler. Tilføj «{name}: …» (se skabelonen i CONTRIBUTING.md)",
        )
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        return src.problem(
            loc,
            f"ukendt felt «{shown(name)}».{suggestion(KEY_SYNONYMS.get(name.lower(), name), allowed)} "
            f"Tilladte felter her: {', '.join(allowed)}",
            key=True,
        )
    if kind == "enum":
        choices = [s.value for s in Status]
        return src.problem(
            loc,
            f"«{_as_written(value)}» er ikke en gyldig status."
            f"{suggestion(STATUS_SYNONYMS.get(str(value).lower(), value), choices)}{_bool_hint(value)} "
            f"Gyldige værdier: {', '.join(choices)}",
        )
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        return src.problem(
            loc,
            f"«{_as_written(value)}» er ikke tilladt her.{suggestion(value, choices)} "
            f"Gyldige værdier: {', '.join(choices)}",
        )
    if kind == "int_type" and isinstance(value, bool):
        return src.problem(
            loc, f"skal være et heltal, fx 3, men {str(value).lower()} er en ja/nej-værdi i YAML. Skriv tallet"
        )
    if kind == "int_type" and isinstance(value, str) and value.strip().lstrip("+-").isdecimal():
        return src.problem(loc, f"skal være et heltal uden anførselstegn, fx 3 (nu: «{shown(value)}» i anførselstegn)")
    messages = {
        "string_type": "skal være tekst. Sæt værdien i anførselstegn",
        "int_type": "skal være et heltal, fx 3",
        "int_parsing": "skal være et heltal, fx 3",
        "int_from_float": "skal være et heltal, fx 3",
        "bool_type": "skal være true eller false",
        "bool_parsing": "skal være true eller false",
        "list_type": "skal være en liste: én linje pr. punkt, der starter med «- »",
        "model_type": "skal være en gruppe af felter (navn: værdi) på linjerne nedenunder, indrykket",
        "model_attributes_type": "skal være en gruppe af felter (navn: værdi) på linjerne nedenunder, indrykket",
        "dict_type": "skal være en gruppe af felter (navn: værdi) på linjerne nedenunder, indrykket",
        "string_too_short": "må ikke være tom. Skriv teksten efter kolonet (fx mellem anførselstegnene)",
        "string_pattern_mismatch": "må kun indeholde små bogstaver a-z, tal og bindestreg, fx «klinisk-personale»",
        "greater_than_equal": f"skal være mindst {err.get('ctx', {}).get('ge')}",
        "less_than_equal": f"må højst være {err.get('ctx', {}).get('le')}",
    }
    if kind == "string_type" and value is None:
        return src.problem(
            loc, "feltet er tomt. Skriv teksten efter kolonet, eller slet linjen hvis feltet er valgfrit"
        )
    if kind == "string_type" and isinstance(value, bool):
        return src.problem(
            loc, f"skal være tekst, men {str(value).lower()} er en ja/nej-værdi i YAML. Sæt teksten i anførselstegn"
        )
    if kind in messages:
        now = f" (nu: «{shown(value)}»)" if isinstance(value, str | int) and not isinstance(value, bool) else ""
        now = "" if isinstance(value, str) and not value.strip() else now
        return src.problem(loc, messages[kind] + now)
    if kind == "value_error":
        return src.problem(loc, str(err["ctx"]["error"]))
    return src.problem(loc, f"ugyldig værdi: {err['msg']}")


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return list(current.model_fields)


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found:
            return found
    return None
