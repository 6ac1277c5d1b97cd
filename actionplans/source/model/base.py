"""What every entity of the model is made of: visible text, ids, the audience of a part, and
the strict base class (unknown keys rejected, values never coerced)."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from pydantic import Strict as StrictType


def _visible(value: str) -> str:
    """A text must have something a reader can see: a letter, digit, punctuation or symbol."""
    if not any(unicodedata.category(char)[0] in "LNPS" for char in value):
        raise ValueError(
            "teksten består kun af usynlige tegn (fx mellemrum med nul bredde). "
            "Skriv teksten, eller slet feltet hvis det er valgfrit"
        )
    return value


# Strict: YAML's 2024 or true never silently becomes the text "2024" or "True".
Text = Annotated[str, StrictType(), StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_visible)]
Slug = Annotated[str, StrictType(), StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]


Visibility = Literal["offentlig", "intern", "kladde"]
VISIBILITY_HELP = (
    "Hvem må se det: offentlig (standard), intern (kun den interne udgave) eller kladde "
    "(kun den interne udgave, markeret som kladde)."
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=False)


def field_labels(model: type[BaseModel]) -> dict[str, str]:
    """Each field's Danish name (its ``title``), in the model's order: the one source for change
    summaries, the data dictionary and the JSON Schema's titles."""
    return {name: info.title or name for name, info in model.model_fields.items()}
