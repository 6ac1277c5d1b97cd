"""One chronological list per plan: process milestones, status reports, end dates, today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from actionplans.source.dates import PartialDate
from actionplans.source.repository import InitiativeEntry, PlanEntry


@dataclass
class TimelineEvent:
    date: PartialDate | None  # None only for the "today" marker
    kind: str  # milestone | reports | end | today
    milestone: Any = None
    reports: list[tuple[InitiativeEntry, Any]] = field(default_factory=list)
    initiatives: list[InitiativeEntry] = field(default_factory=list)


@dataclass
class Timeline:
    years: list[tuple[int, list[TimelineEvent]]]
    unknown_end: list[InitiativeEntry]
    no_end: list[InitiativeEntry]


def build_timeline(plan: PlanEntry, today: dt.date) -> Timeline:
    events: list[TimelineEvent] = [TimelineEvent(m.date, "milestone", milestone=m) for m in plan.data.milestones]
    reports = sorted(
        ((r.date, entry, r) for entry in plan.initiatives for r in entry.data.reports),
        key=lambda t: (t[0], t[1].number),
    )
    for date, group in groupby(reports, key=lambda t: t[0]):
        events.append(TimelineEvent(date, "reports", reports=[(e, r) for _, e, r in group]))
    ends = sorted(
        ((i.data.current_end_date.date, i) for i in plan.initiatives if _known_end(i)),
        key=lambda t: (t[0], t[1].number),
    )
    for date, egroup in groupby(ends, key=lambda t: t[0]):
        events.append(TimelineEvent(date, "end", initiatives=[e for _, e in egroup]))
    order = {"milestone": 0, "reports": 1, "end": 2}
    events.sort(key=lambda e: (e.date.first_day(), e.date.last_day(), order[e.kind]))  # type: ignore[union-attr]
    # "today" goes after everything that has started by today
    position = sum(1 for e in events if e.date and e.date.first_day() <= today)
    events.insert(position, TimelineEvent(PartialDate(today.year, today.month, today.day), "today"))
    years = [(year, list(group)) for year, group in groupby(events, key=lambda e: e.date.year)]  # type: ignore[union-attr]
    unknown = [i for i in plan.initiatives if i.data.current_end_date is not None and i.data.current_end_date.unknown]
    missing = [i for i in plan.initiatives if i.data.current_end_date is None]
    return Timeline(years, unknown, missing)


def _known_end(entry: InitiativeEntry) -> bool:
    end = entry.data.current_end_date
    return end is not None and not end.unknown
