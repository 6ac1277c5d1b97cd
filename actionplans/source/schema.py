"""JSON Schema for the data files, generated from the pydantic models (never hand-written).

``python3 run.py schema`` writes ``schemas/plan.schema.json`` and
``schemas/initiative.schema.json``. Every data file points at one of them in its first line
(``# yaml-language-server: $schema=…``), so VS Code / Codespaces complete field names, show the
Danish descriptions and underline mistakes while the editor types. ``tests/test_schema.py``
fails when the committed files are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from actionplans.source.model import Initiative, Plan

SCHEMA_DIR = "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

FILES: dict[str, type[BaseModel]] = {"plan.schema.json": Plan, "initiative.schema.json": Initiative}


class _Generator(GenerateJsonSchema):
    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # a title pydantic would make up repeats the English key; the model sets Danish ones


def generate(model: type[BaseModel]) -> dict[str, Any]:
    """The model's schema: every entity's Danish name and description (its ``model_config`` title
    and docstring) and every field's (``Field(title=…, description=…)``) come from the model."""
    schema = model.model_json_schema(schema_generator=_Generator)
    return {"$schema": DRAFT, **schema}


def render(model: type[BaseModel]) -> str:
    return json.dumps(generate(model), ensure_ascii=False, indent=2) + "\n"


def write(root: Path) -> list[Path]:
    """Write both schema files under ``root/schemas``; return the files that changed."""
    out = root / SCHEMA_DIR
    out.mkdir(exist_ok=True)
    changed = []
    for name, model in FILES.items():
        path = out / name
        text = render(model)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
