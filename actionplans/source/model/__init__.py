"""Typed model of one plan file and one initiative file, one module per file kind.

Every field carries a Danish name (``title``) and description, and every entity a Danish name
(``model_config`` title) and a one-line Danish docstring: they are what editors see in VS
Code/Codespaces (through the generated JSON Schema in ``schemas/``) and what readers see in the
data dictionary, so these docstrings are written for them, in Danish. Unknown keys are rejected.
Cross-file rules live in ``repository``.

    base.py        text, ids, visibility, the strict base class, field_labels
    status.py      the status vocabulary and its Danish words
    plan.py        plan.yml: Plan and its parts
    initiative.py  initiatives/NN-slug.yml: Initiative and its reports
"""

from actionplans.source.model.base import VISIBILITY_HELP, Slug, Strict, Text, Visibility, field_labels
from actionplans.source.model.initiative import HIDEABLE_FIELDS, GoalLink, Initiative, InitiativeSource, Report
from actionplans.source.model.plan import (
    Approval,
    Goal,
    InitiativeLabel,
    Label,
    Milestone,
    Period,
    Plan,
    PlanSource,
    Reporting,
    ScaleEntry,
    Section,
    Strategy,
)
from actionplans.source.model.status import NOT_STATED, STATUS_LABELS, STATUS_SHORT, Status

__all__ = [
    "HIDEABLE_FIELDS",
    "NOT_STATED",
    "STATUS_LABELS",
    "STATUS_SHORT",
    "VISIBILITY_HELP",
    "Approval",
    "Goal",
    "GoalLink",
    "Initiative",
    "InitiativeLabel",
    "InitiativeSource",
    "Label",
    "Milestone",
    "Period",
    "Plan",
    "PlanSource",
    "Report",
    "Reporting",
    "ScaleEntry",
    "Section",
    "Slug",
    "Status",
    "Strategy",
    "Strict",
    "Text",
    "Visibility",
    "field_labels",
]
