"""The status vocabulary: the statuses a report may give and the Danish words for them.

Kept apart from the models of the files (plan.py, initiative.py) because everything that shows a status
(views, icons, styles, signals, messages) needs these words and nothing else of the model.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

NOT_STATED: Final = "ikke_oplyst"


class Status(StrEnum):
    """En trafiklysfarve (grøn, gul, rød), ikke_oplyst eller en afsluttet tilstand (gennemført, annulleret, omlagt)."""

    # The docstring is the JSON Schema's description of the type, which editors see: hence Danish.
    GREEN = "grøn"
    YELLOW = "gul"
    RED = "rød"
    NOT_STATED: Final = "ikke_oplyst"
    COMPLETED = "gennemført"
    CANCELLED = "annulleret"
    RESCOPED = "omlagt"

    @classmethod
    def _missing_(cls, value: object) -> Status | None:
        """«Gul» and «gul » mean gul: editors write statuses as they say them."""
        if isinstance(value, str):
            folded = value.strip().lower()
            return next((member for member in cls if member.value == folded), None)
        return None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def short(self) -> str:
        return STATUS_SHORT[self]

    @property
    def terminal(self) -> bool:
        return self in (Status.COMPLETED, Status.CANCELLED, Status.RESCOPED)


STATUS_SHORT = {
    Status.GREEN: "Grøn",
    Status.YELLOW: "Gul",
    Status.RED: "Rød",
    Status.NOT_STATED: "Ikke oplyst",
    Status.COMPLETED: "Gennemført",
    Status.CANCELLED: "Annulleret",
    Status.RESCOPED: "Omlagt",
}
STATUS_LABELS = {
    Status.GREEN: "Grøn – inden for rammerne",
    Status.YELLOW: "Gul – mindre afvigelser",
    Status.RED: "Rød – afviger fra rammerne",
    Status.NOT_STATED: "Ikke oplyst",
    Status.COMPLETED: "Gennemført",
    Status.CANCELLED: "Annulleret",
    Status.RESCOPED: "Omlagt",
}
