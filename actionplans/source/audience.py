"""Two audiences from one source: the internal site shows everything, the public site only
what is approved for the public (visibility: offentlig, minus internal fields and notes).

The public repository is made *before* any page, export or feed is rendered, so nothing
internal can leak into pages, the search index, the sitemap, exports or feeds.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from actionplans.source.model import Initiative
from actionplans.source.repository import InitiativeEntry, PlanEntry, Repository


class Audience(StrEnum):
    INTERNAL = "intern"
    PUBLIC = "offentlig"

    @classmethod
    def parse(cls, value: str | None) -> Audience:
        """ACTIONPLANS_AUDIENCE: 'offentlig' (or 'public') selects the public build."""
        return cls.PUBLIC if (value or "").strip().lower() in ("offentlig", "public") else cls.INTERNAL


def for_audience(repo: Repository, audience: Audience) -> Repository:
    if audience is Audience.INTERNAL:
        return repo
    return Repository([_public_plan(plan) for plan in repo.plans])


def _public_plan(plan: PlanEntry) -> PlanEntry:
    entry = PlanEntry(plan.slug, plan.data, plan.file)
    entry.initiatives = [
        InitiativeEntry(i.slug, i.plan_slug, public_initiative(i.data), i.file)
        for i in plan.initiatives
        if i.data.public
    ]
    return entry


def public_initiative(data: Initiative) -> Initiative:
    defaults = Initiative.model_fields
    update: dict[str, Any] = {
        name: defaults[name].get_default(call_default_factory=True) for name in data.internal_fields
    }
    update["reports"] = [r.model_copy(update={"internal_note": None}) for r in data.reports if r.public]
    update["internal_note"] = None
    update["internal_fields"] = []
    return data.model_copy(update=update)
