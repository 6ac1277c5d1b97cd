"""The named queries the templates ask at one build date (signals, end dates, reports, filters).

Split from views.py (which turns the repository into pages): this module answers questions about
the data for the templates, views.py decides which pages exist and renders them. The logic lives
in :mod:`actionplans.source.signals`, :mod:`actionplans.source.statusreports`,
:mod:`actionplans.site.charts` and :mod:`actionplans.site.gantt`; ``Dashboard`` binds it to the
repository and the build date so templates hold no business logic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from actionplans.site import charts, gantt
from actionplans.source import signals, statusreports
from actionplans.source.model import Status
from actionplans.source.repository import InitiativeEntry, PlanEntry, Repository
from actionplans.source.signals import Signal
from actionplans.source.statusreports import StatusReport

STATUS_CSS = {
    Status.GREEN: "green",
    Status.YELLOW: "yellow",
    Status.RED: "red",
    Status.NOT_STATED: "none",
    Status.COMPLETED: "done",
    Status.CANCELLED: "cancelled",
    Status.RESCOPED: "rescoped",
}


@dataclass(frozen=True)
class FilterField:
    """One grid filter: its options with how many initiatives match, or why it is not offered."""

    name: str  # query parameter and data-* attribute
    label: str
    options: list[tuple[str, str, int]]  # (value, label, count), only values that match something
    reason: str | None  # set when the filter cannot narrow anything down: it is not shown


@dataclass(frozen=True)
class Dashboard:
    """The named queries templates ask about signals, end dates and reports, at one build date."""

    repo: Repository
    today: dt.date

    def plan_of(self, entry: InitiativeEntry) -> PlanEntry:
        return self.repo.plan(entry.plan_slug)

    def signals(self, entry: InitiativeEntry) -> list[Signal]:
        return signals.initiative_signals(entry, self.plan_of(entry), self.today)

    def attention(self, entry: InitiativeEntry) -> bool:
        return signals.needs_attention(entry, self.plan_of(entry), self.today)

    def attention_count(self, plan: PlanEntry) -> int:
        return sum(1 for i in plan.initiatives if self.attention(i))

    def end(self, entry: InitiativeEntry) -> tuple[Any, bool]:
        return signals.effective_end(entry, self.plan_of(entry))

    def end_changed(self, entry: InitiativeEntry) -> bool:
        return signals.end_changed(entry)

    def lifecycle(self, plan: PlanEntry) -> str:
        return signals.lifecycle(plan, self.today)

    def plans(self) -> list[PlanEntry]:
        return signals.plans_active_first(self.repo.plans, self.today)

    def reports(self, plan: PlanEntry) -> list[StatusReport]:
        return statusreports.status_reports(plan)

    def plan_stale(self, plan: PlanEntry) -> Signal | None:
        return signals.plan_stale(plan, self.today)

    def status_chart(self, plan: PlanEntry) -> charts.StatusChart:
        return charts.status_chart(plan, self.today)

    def gantt(self, plan: PlanEntry) -> gantt.GanttChart:
        return gantt.gantt_chart(plan, self.today)

    def recent(self) -> list[StatusReport]:
        return statusreports.recent_reports(self.repo.plans)

    def has_view(self, plan: PlanEntry, key: str) -> bool:
        """Views with nothing to say are left out of menus: goals without goals, reports without reports."""
        if key == "goals":
            return bool(plan.data.goals)
        if key == "reports":
            return any(i.data.reports for i in plan.initiatives)
        return True

    def card_values(self, entry: InitiativeEntry) -> dict[str, list[str]]:
        """The values each grid filter matches a card on (data-* attributes)."""
        data = entry.data
        groups = data.target_groups if data.target_groups != "ikke_oplyst" else ["ikke_oplyst"]
        return {
            "status": [STATUS_CSS[entry.status]],
            "opmaerksomhed": ["ja" if self.attention(entry) else "nej"],
            "maalgruppe": list(groups) or ["ikke_oplyst"],
            "maal": [link.goal for link in data.goals or []] or ["ikke_oplyst"],
        }

    def filters(self, plan: PlanEntry) -> list[FilterField]:
        values = [self.card_values(i) for i in plan.initiatives]
        plural = plan.data.initiative_label.plural.lower()

        def field(name: str, label: str, choices: list[tuple[str, str]], absent: str) -> FilterField:
            options = [(v, text, sum(1 for c in values if v in c[name])) for v, text in choices]
            options = [o for o in options if o[2]]
            reason = None
            if not plan.initiatives:
                reason = f"Planen har ingen {plural}."
            elif len(options) < 2:
                only = options[0][1] if options else absent
                reason = f"Alle {len(plan.initiatives)} {plural} har samme værdi: «{only}»."
            return FilterField(name, label, options, reason)

        fields = [
            field("status", "Status", [(STATUS_CSS[s], s.label) for s in Status], "Ikke oplyst"),
            field(
                "opmaerksomhed",
                "Opmærksomhed",
                [("ja", "Kræver opmærksomhed"), ("nej", "Ingen signaler om opmærksomhed")],
                "",
            ),
        ]
        if plan.data.target_groups:
            groups = [(g.id, g.label) for g in plan.data.target_groups] + [("ikke_oplyst", "Ikke oplyst")]
            fields.append(field("maalgruppe", "Målgruppe", groups, "Ikke oplyst"))
        if plan.data.goals:
            goals = [(g.id, g.title) for g in plan.data.goals] + [("ikke_oplyst", "Ikke oplyst")]
            fields.append(field("maal", "Målsætning", goals, "Ikke oplyst"))
        return fields

    def missing_facts(self, entry: InitiativeEntry) -> list[str]:
        """Facts the source does not state, as one quiet line on a card."""
        plan = self.plan_of(entry)
        data = entry.data
        out = []
        if plan.data.target_groups and data.target_groups == "ikke_oplyst":
            out.append("målgrupper")
        if plan.data.goals and not data.goals:
            out.append("målsætninger")
        if plan.data.staff_brackets and data.staff_affected == "ikke_oplyst":
            out.append("berørte medarbejdere")
        if not data.owner:
            out.append("ansvarlig")
        if not data.reports:
            out.append("status")
        return out
