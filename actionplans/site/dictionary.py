"""Data dictionary rows from the models' JSON Schema (the same schema editors get)."""

from __future__ import annotations

from typing import Any

from actionplans.source.model import Initiative, Plan

NAMES_DA = {
    "Plan": "Plan (plan.yml)",
    "Initiative": "Indsats (initiatives/NN-navn.yml)",
    "Report": "Statusrapport (reports)",
    "Goal": "Målsætning (goals)",
    "GoalLink": "Kobling til målsætning (goals i en indsats)",
    "ScaleEntry": "Statusdefinition (status_scale)",
    "Milestone": "Milepæl (milestones)",
    "Approval": "Godkendelse (approvals)",
    "Section": "Afsnit (sections)",
    "Strategy": "Strategi (strategy)",
    "Period": "Periode (period)",
    "Reporting": "Statusrapportering (reporting)",
    "Label": "Målgruppe eller medarbejderinterval (target_groups, staff_brackets)",
    "InitiativeLabel": "Betegnelse for indsatser (initiative_label)",
    "PlanSource": "Planens kilde (source)",
    "InitiativeSource": "Indsatsens kilde (source)",
}


def _type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return "gruppe: " + NAMES_DA.get(prop["$ref"].rsplit("/", 1)[-1], prop["$ref"]).split(" (")[0].lower()
    if "enum" in prop:
        return "én af: " + ", ".join(str(v) for v in prop["enum"])
    if "const" in prop:
        return str(prop["const"])
    if "anyOf" in prop:
        return " eller ".join(_type(p) for p in prop["anyOf"] if p.get("type") != "null")
    kind = prop.get("type")
    if kind == "array":
        return "liste af " + _type(prop.get("items", {}))
    if kind == "string" and "pattern" in prop and "\\d{4}" in prop["pattern"]:
        return "dato (år, år-måned eller år-måned-dag)"
    return {"string": "tekst", "integer": "heltal", "boolean": "sand/falsk", "object": "gruppe"}.get(
        kind or "", "værdi"
    )


def entities() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for model in (Plan, Initiative):
        schema = model.model_json_schema()
        defs = {model.__name__: schema, **schema.get("$defs", {})}
        for name, definition in defs.items():
            if name in seen or "properties" not in definition:
                continue
            seen.add(name)
            required = set(definition.get("required", []))
            rows.append(
                {
                    "id": name.lower(),
                    "title": NAMES_DA.get(name, name),
                    "description": (definition.get("description") or "").split("\n")[0],
                    "fields": [
                        {
                            "name": key,
                            "label": prop.get("title", ""),  # the field's Danish name (Field(title=...))
                            "type": _type(prop),
                            "required": key in required,
                            "description": prop.get("description", ""),
                        }
                        for key, prop in definition["properties"].items()
                    ],
                }
            )
    return rows
