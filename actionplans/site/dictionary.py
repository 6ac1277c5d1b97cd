"""Data dictionary rows from the models' JSON Schema (the same schema editors get).

Every name and description comes from the model (actionplans/source/model/): an entity's Danish
name is its ``model_config`` title, its description its docstring, a field's name and description
its ``Field(title=…, description=…)``. Where a part is used (``reports``, ``goals`` …) is read
from the fields that refer to it.
"""

from __future__ import annotations

from typing import Any

from actionplans.source.model import Initiative, Plan


def _refs(prop: dict[str, Any]) -> set[str]:
    """The names of the definitions a property refers to, directly, as list items or as an alternative."""
    found = {prop["$ref"].rsplit("/", 1)[-1]} if "$ref" in prop else set()
    for nested in (prop.get("items"), *prop.get("anyOf", [])):
        if isinstance(nested, dict):
            found |= _refs(nested)
    return found


def _type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in prop:
        target = defs[prop["$ref"].rsplit("/", 1)[-1]]
        if "enum" in target:
            return _type(target, defs)
        return "gruppe: " + target["title"].lower()
    if "enum" in prop:
        return "én af: " + ", ".join(str(v) for v in prop["enum"])
    if "const" in prop:
        return str(prop["const"])
    if "anyOf" in prop:
        return " eller ".join(_type(p, defs) for p in prop["anyOf"] if p.get("type") != "null")
    kind = prop.get("type")
    if kind == "array":
        return "liste af " + _type(prop.get("items", {}), defs)
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
        used_as: dict[str, list[str]] = {}  # definition -> the field names that hold it
        for definition in defs.values():
            for key, prop in definition.get("properties", {}).items():
                for name in _refs(prop):
                    holders = used_as.setdefault(name, [])
                    if key not in holders:
                        holders.append(key)
        for name, definition in defs.items():
            if name in seen or "properties" not in definition:
                continue
            seen.add(name)
            where = used_as.get(name)
            required = set(definition.get("required", []))
            rows.append(
                {
                    "id": name.lower(),
                    "title": definition["title"] + (f" ({', '.join(where)})" if where else ""),
                    "description": definition.get("description", ""),
                    "fields": [
                        {
                            "name": key,
                            "label": prop["title"],  # the field's Danish name (Field(title=...))
                            "type": _type(prop, defs),
                            "required": key in required,
                            "description": prop.get("description", ""),
                        }
                        for key, prop in definition["properties"].items()
                    ],
                }
            )
    return rows
