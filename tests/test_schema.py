"""The JSON Schemas in schemas/ are generated from the model, committed, and match data/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from actionplans.site import dictionary
from actionplans.source import schema, yamlsource
from actionplans.source.model import Report, Strict, field_labels
from actionplans.source.repository import INITIATIVE_SCHEMA_LINE, PLAN_SCHEMA_LINE

ROOT = Path(__file__).resolve().parent.parent
# data/ and, once init has moved them there, the example plans in examples/ (their schema lines must still work)
FOLDERS = [ROOT / "data", *([ROOT / "examples"] if (ROOT / "examples").is_dir() else [])]
DATA_FILES = [p for d in FOLDERS for p in sorted(d.glob("*/plan.yml")) + sorted(d.glob("*/initiatives/*.yml"))]


def load_schema(name: str) -> dict[str, Any]:
    import json

    return json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(schema.FILES))
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == schema.render(schema.FILES[name]), (
        f"schemas/{name} is stale: run «python3 run.py schema» and commit the result"
    )


def objects(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            found.append(node)
        for value in node.values():
            found.extend(objects(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(objects(value))
    return found


@pytest.mark.parametrize("name", sorted(schema.FILES))
def test_every_field_has_a_danish_description_and_unknown_keys_are_rejected(name: str) -> None:
    generated = schema.generate(schema.FILES[name])
    assert generated["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(generated)
    found = objects(generated)
    # every entity of the file (the root and each definition with fields) is among the objects checked
    entities = [generated, *(d for d in generated["$defs"].values() if "properties" in d)]
    assert all(any(entity is obj for obj in found) for entity in entities)
    for obj in found:
        assert obj["additionalProperties"] is False
        for key, prop in obj["properties"].items():
            assert prop.get("description"), f"{key} has no description"
    # English developer docstrings must not leak into the editor's hover text
    text = str(generated)
    for english in ("One plan", "One initiative", "A traffic-light"):
        assert english not in text


def _models(base: type[Strict] = Strict) -> dict[str, type[Strict]]:
    found: dict[str, type[Strict]] = {}
    for cls in base.__subclasses__():
        found[cls.__name__] = cls
        found |= _models(cls)
    return found


@pytest.mark.parametrize("name", sorted(schema.FILES))
def test_every_entity_and_field_has_a_danish_name_and_description(name: str) -> None:
    """Editors and the data dictionary show these; pydantic would make up English ones («Body»)."""
    generated = schema.generate(schema.FILES[name])
    models = _models()
    definitions = {schema.FILES[name].__name__: generated, **generated["$defs"]}
    entities = {key: d for key, d in definitions.items() if "properties" in d}  # not the enums
    assert schema.FILES[name].__name__ in entities and len(entities) > 1
    for key, definition in entities.items():
        assert "title" in models[key].model_config, f"{key}: no model_config title (its Danish name)"
        assert definition["title"] == models[key].model_config["title"]
        assert definition.get("description"), f"{key}: no docstring (its Danish description)"
        for field, prop in definition["properties"].items():
            assert prop.get("title"), f"{key}.{field}: no Field(title=…) (its Danish name)"


def test_the_data_dictionary_takes_every_name_from_the_model() -> None:
    rows = {row["id"]: row for row in dictionary.entities()}
    for model in _models().values():
        if model.__name__.lower() not in rows:
            continue
        row = rows[model.__name__.lower()]
        assert row["title"].split(" (")[0] == model.model_config["title"]
        assert row["description"] == model.__doc__
        assert [f["label"] for f in row["fields"]] == list(field_labels(model).values())
    assert {"plan", "initiative", "report", "goal"} <= set(rows)
    # where a part is used is read from the fields that hold it
    assert rows["report"]["title"] == f"{Report.model_config['title']} (reports)"
    assert rows["label"]["title"].endswith("(target_groups, staff_brackets)")


def test_data_files_are_found() -> None:
    """Every YAML file under data/ is a plan or an initiative file, so the schema check below sees them all."""
    everything = sorted(p for d in FOLDERS for p in d.rglob("*.y*ml"))
    assert any(p.name == "plan.yml" for p in DATA_FILES) and any(p.name != "plan.yml" for p in DATA_FILES)
    assert sorted(DATA_FILES) == everything


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.relative_to(ROOT).as_posix() for p in DATA_FILES])
def test_real_data_matches_the_schema_and_points_to_it(path: Path) -> None:
    is_plan = path.name == "plan.yml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == (PLAN_SCHEMA_LINE if is_plan else INITIATIVE_SCHEMA_LINE)
    # the relative path in the comment really reaches the schema file
    target = (path.parent / first.split("$schema=")[1]).resolve()
    assert target == ROOT / "schemas" / ("plan.schema.json" if is_plan else "initiative.schema.json")
    loaded = yamlsource.load(path)
    assert loaded.problems == []
    jsonschema.validate(loaded.data, load_schema(target.name), cls=jsonschema.Draft202012Validator)


def test_schema_catches_what_an_editor_gets_wrong() -> None:
    """What VS Code underlines while typing: a misspelt key, a wrong status, an unquoted bad date."""
    validator = jsonschema.Draft202012Validator(load_schema("initiative.schema.json"))
    good = {
        "number": 1,
        "title": "T",
        "description": "D",
        "source": {"document": "d", "section": "s"},
        "reports": [{"date": "2024-05-31", "status": "gul"}],
    }
    assert list(validator.iter_errors(good)) == []
    for bad in (
        {**good, "titel": "T"},
        {**good, "reports": [{"date": "2024-05-31", "status": "gult"}]},
        {**good, "reports": [{"date": "31-05-2024", "status": "gul"}]},
    ):
        assert list(validator.iter_errors(bad)), bad
