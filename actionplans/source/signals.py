"""Attention signals and status reports: named queries computed from the data, never guessed.

A signal says what the data says, with a short Danish explanation of why it shows:

- ``corrective``: the latest report proposes corrective actions;
- ``rescope``: the latest report proposes to rescope the initiative (its own words);
- ``end_changed``: the end date as last reported differs from the initiative's own end date;
- ``overdue``: the current end date has passed and no report says the initiative is completed;
- ``stale`` («forældet»): no report since the plan's cadence or expected reporting date;
- ``trend``: the latest status against the previous report (bedre / værre / uændret).

A status the source does not give stays «Ikke oplyst»; signals never turn into a colour.
Also the plan's lifecycle (aktiv / afsluttet) and an initiative's effective end date. The status
reports that group every initiative's report of one plan by date, each line with these signals,
are :mod:`actionplans.source.statusreports`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from actionplans.source.dates import EndDate
from actionplans.source.model import Status
from actionplans.source.repository import InitiativeEntry, PlanEntry

# Traffic-light order for trends; other statuses cannot be compared with a colour.
_RANK = {Status.RED: 0, Status.YELLOW: 1, Status.GREEN: 2, Status.COMPLETED: 3}
SIGNAL_LABELS = {
    "corrective": "Korrigerende handlinger",
    "rescope": "Omlægning foreslået",
    "end_changed": "Slutdato ændret",
    "overdue": "Slutdato overskredet",
    "stale": "Forældet",
    "trend_worse": "Status forværret",
    "trend_better": "Status forbedret",
    "trend_same": "Status uændret",
}
# Signals that put an initiative on the «kræver opmærksomhed» list. «Forældet» is not one of
# them: when a plan's reporting has stopped, every initiative is stale and the list would say
# nothing; the plan's pages say it once instead (see plan_stale).
ATTENTION = frozenset({"corrective", "rescope", "end_changed", "overdue", "trend_worse"})


@dataclass(frozen=True)
class Signal:
    kind: str
    explanation: str

    @property
    def label(self) -> str:
        return SIGNAL_LABELS[self.kind]

    @property
    def attention(self) -> bool:
        return self.kind in ATTENTION


def end_text(end: EndDate | None) -> str:
    return "ikke oplyst" if end is None else end.format_da()


def same_end(a: EndDate | None, b: EndDate | None) -> bool:
    return (a.iso() if a else None) == (b.iso() if b else None)


def end_date_at(entry: InitiativeEntry, index: int) -> EndDate | None:
    """The end date as known at report ``index``: the latest stated one up to then, else the baseline."""
    for report in reversed(entry.data.reports[: index + 1]):
        if report.end_date is not None:
            return report.end_date
    return entry.data.end_date


def trend(previous: Status, current: Status) -> str | None:
    """'better', 'worse' or 'same'; None when the two cannot be compared (a status not stated)."""
    if previous == current:
        return "same" if previous in _RANK else None
    if previous not in _RANK or current not in _RANK:
        return None
    return "better" if _RANK[current] > _RANK[previous] else "worse"


def report_signals(entry: InitiativeEntry, index: int) -> list[Signal]:
    """Signals of one report as the committee read it: its proposals, end date and trend."""
    report = entry.data.reports[index]
    when = report.date.format_da()
    signals = []
    if report.corrective_actions:
        signals.append(Signal("corrective", f"Statusrapporten fra {when} beskriver korrigerende handlinger."))
    if report.rescope:
        signals.append(Signal("rescope", f"Statusrapporten fra {when}: «{report.rescope}»"))
    baseline = entry.data.end_date
    now = end_date_at(entry, index)
    if baseline is not None and not same_end(baseline, now):
        signals.append(
            Signal(
                "end_changed",
                f"Slutdatoen er ændret fra {end_text(baseline)} (planen) til {end_text(now)} "
                f"(statusrapporten fra {when}).",
            )
        )
    if index > 0:
        before = entry.data.reports[index - 1]
        direction = trend(before.status, report.status)
        if direction is not None:
            signals.append(
                Signal(
                    f"trend_{direction}",
                    f"Status var {before.status.short.lower()} i rapporten fra {before.date.format_da()} "
                    f"og er {report.status.short.lower()} i rapporten fra {when}.",
                )
            )
    return signals


def _stale(entry: InitiativeEntry, plan: PlanEntry, today: dt.date) -> Signal | None:
    if entry.status.terminal:
        return None
    latest = entry.latest_report
    reporting = plan.data.reporting
    cadence = reporting.cadence_months
    if cadence is not None and entry.is_stale(cadence, today):
        since = f"seneste rapport er fra {latest.date.format_da()}" if latest else "der er ingen statusrapport"
        return Signal("stale", f"Planen forventer status mindst hver {cadence}. måned; {since}.")
    due = [d for d in reporting.expected if d.last_day() < today]
    missed = [d for d in due if latest is None or latest.date.last_day() < d.first_day()]
    if missed:
        since = f"seneste rapport er fra {latest.date.format_da()}" if latest else "der er ingen statusrapport"
        return Signal("stale", f"Planen forventede statusrapportering i {missed[-1].format_da()}; {since}.")
    return None


def initiative_signals(entry: InitiativeEntry, plan: PlanEntry, today: dt.date) -> list[Signal]:
    """Every signal of an initiative now: its latest report's, plus lateness and staleness."""
    signals = report_signals(entry, len(entry.data.reports) - 1) if entry.data.reports else []
    end = entry.data.current_end_date
    if (
        end is not None
        and end.date is not None
        and end.date.last_day() < today
        and entry.status not in (Status.COMPLETED, Status.CANCELLED)
    ):
        signals.append(
            Signal(
                "overdue",
                f"Slutdatoen {end.date.format_da()} er passeret, og ingen statusrapport melder "
                f"{plan.data.initiative_label.singular.lower()}en gennemført.",
            )
        )
    stale = _stale(entry, plan, today)
    if stale:
        signals.append(stale)
    return signals


def plan_stale(plan: PlanEntry, today: dt.date) -> Signal | None:
    """The staleness every reporting initiative of the plan shares, said once for the plan."""
    found = [_stale(entry, plan, today) for entry in plan.initiatives if entry.data.reports]
    if found and all(found) and len({s.explanation for s in found if s}) == 1:
        return found[0]
    return None


def needs_attention(entry: InitiativeEntry, plan: PlanEntry, today: dt.date) -> bool:
    return any(s.attention for s in initiative_signals(entry, plan, today))


def effective_end(entry: InitiativeEntry, plan: PlanEntry) -> tuple[EndDate | None, bool]:
    """(end date, from the plan's period?). Where the initiative gives none, the plan's period end."""
    end = entry.data.current_end_date
    if end is not None:
        return end, False
    return EndDate(plan.data.period.end), True


def end_changed(entry: InitiativeEntry) -> bool:
    baseline = entry.data.end_date
    return baseline is not None and not same_end(baseline, entry.data.current_end_date)


def lifecycle(plan: PlanEntry, today: dt.date) -> str:
    """'aktiv' or 'afsluttet', from the plan's period and the build date."""
    return "afsluttet" if plan.data.period.end.last_day() < today else "aktiv"


def plans_active_first(plans: list[PlanEntry], today: dt.date) -> list[PlanEntry]:
    """Active plans first; within each group the most recent period first."""
    return sorted(
        plans, key=lambda p: (lifecycle(p, today) != "aktiv", -p.data.period.end.last_day().toordinal(), p.slug)
    )
