"""One chronological list per plan: process milestones, status reports, end dates, today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from actionplans.source.dates import EndDate, PartialDate
from actionplans.source.repository import InitiativeEntry, PlanEntry


@dataclass
class TimelineEvent:
    date: PartialDate | None  # None only for the "today" marker
    kind: str  # milestone | approval | period_start | period_end | reports | end | today
    milestone: Any = None  # a Milestone, or an Approval for kind "approval"
    reports: list[tuple[InitiativeEntry, Any]] = field(default_factory=list)
    initiatives: list[InitiativeEntry] = field(default_factory=list)


@dataclass
class Timeline:
    years: list[tuple[int, list[TimelineEvent]]]
    unknown_end: list[InitiativeEntry]
    no_end: list[InitiativeEntry]


def build_timeline(plan: PlanEntry, today: dt.date) -> Timeline:
    events: list[TimelineEvent] = [TimelineEvent(m.date, "milestone", milestone=m) for m in plan.data.milestones]
    # An approval the milestones already tell (same date and body) is not told twice.
    told = {(m.date, m.body) for m in plan.data.milestones}
    events += [
        TimelineEvent(a.date, "approval", milestone=a) for a in plan.data.approvals if (a.date, a.body) not in told
    ]
    period = plan.data.period
    events.append(TimelineEvent(period.start, "period_start"))
    events.append(TimelineEvent(period.end, "period_end"))
    reports = sorted(
        ((r.date, entry, r) for entry in plan.initiatives for r in entry.data.reports),
        key=lambda t: (t[0], t[1].number),
    )
    for date, group in groupby(reports, key=lambda t: t[0]):
        events.append(TimelineEvent(date, "reports", reports=[(e, r) for _, e, r in group]))
    ends = sorted(
        ((end.date, i) for i in plan.initiatives if (end := _known_end(i)) is not None),
        key=lambda t: (t[0], t[1].number),
    )
    for date, egroup in groupby(ends, key=lambda t: t[0]):
        events.append(TimelineEvent(date, "end", initiatives=[e for _, e in egroup]))
    order = {"period_start": 0, "approval": 1, "milestone": 2, "reports": 3, "end": 4, "period_end": 5}

    def when(e: TimelineEvent) -> dt.date:
        """A period's end sorts at its last day; everything else at its first."""
        assert e.date is not None
        return e.date.last_day() if e.kind == "period_end" else e.date.first_day()

    events.sort(key=lambda e: (when(e), e.date.last_day(), order[e.kind]))  # type: ignore[union-attr]
    # "today" goes after everything that has started by today
    position = sum(1 for e in events if when(e) <= today)
    events.insert(position, TimelineEvent(PartialDate(today.year, today.month, today.day), "today"))
    years = [(year, list(group)) for year, group in groupby(events, key=lambda e: e.date.year)]  # type: ignore[union-attr]
    unknown = [i for i in plan.initiatives if i.data.current_end_date is not None and i.data.current_end_date.unknown]
    missing = [i for i in plan.initiatives if i.data.current_end_date is None]
    return Timeline(years, unknown, missing)


def _known_end(entry: InitiativeEntry) -> EndDate | None:
    end = entry.data.current_end_date
    return end if end is not None and not end.unknown else None
