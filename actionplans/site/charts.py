"""Chart data for one plan, computed at build time: the status chart, and the geometry both
static SVG charts share (their width, label column, bar and row heights).

- :func:`status_chart`: how many initiatives had each status, now and in every status report
  (one stacked bar per row);
- the Gantt-style time plan is :mod:`actionplans.site.gantt` (split off in issue 12: it shares
  only the frame above, and its axis, marks and labels are a subject of their own).

Only numbers and plain text leave these modules; the SVG and its text alternative are drawn by
``overrides/actionplans/_charts.html`` (autoescaped), coloured from the status custom properties
in ``actionplans.css`` and patterned, so no status is told by colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from actionplans.source import statusreports
from actionplans.source.dates import format_date_da
from actionplans.source.model import Status
from actionplans.source.repository import STATUS_ORDER, PlanEntry

WIDTH = 760  # viewBox width of both charts; the browser scales it to the column
LABEL_W = 210  # left column with the row labels
BAR_H = 20
ROW_H = 30


@dataclass(frozen=True)
class Segment:
    status: Status
    count: int
    x: float
    width: float
    label_x: float  # centre of the segment, for its count
    show_label: bool  # wide enough to print the count inside


@dataclass(frozen=True)
class BarRow:
    label: str
    iso: str | None  # the report's date, None for «now»
    page_path: str | None  # the status report's page
    total: int
    segments: list[Segment]
    y: float

    @property
    def counts(self) -> dict[Status, int]:
        return {s.status: s.count for s in self.segments}


@dataclass(frozen=True)
class StatusChart:
    bar_h: ClassVar[int] = BAR_H
    label_w: ClassVar[int] = LABEL_W
    plan: PlanEntry
    rows: list[BarRow]
    statuses: list[Status]  # the statuses that occur, in the scale's order (legend, table columns)
    total: int
    width: int
    height: float
    bar_x: float
    bar_w: float
    description: str


def _counts_row(label: str, iso: str | None, path: str | None, statuses: list[Status], total: int, y: float) -> BarRow:
    counts = Counter(statuses)
    bar_w = WIDTH - LABEL_W - 60
    x = float(LABEL_W)
    segments = []
    for status in STATUS_ORDER:
        n = counts[status]
        if not n:
            continue
        w = bar_w * n / total if total else 0
        segments.append(Segment(status, n, round(x, 2), round(w, 2), round(x + w / 2, 2), w >= 18))
        x += w
    return BarRow(label, iso, path, len(statuses), segments, y)


def status_chart(plan: PlanEntry, today: dt.date) -> StatusChart:
    """The status distribution of ``plan`` now and at each of its status reports, oldest report first."""
    total = len(plan.initiatives)
    label = plan.data.initiative_label.plural.lower()
    top = 8.0
    rows = []
    for n, report in enumerate(statusreports.status_reports(plan)):
        rows.append(
            _counts_row(
                report.title,
                report.date.iso(),
                report.page_path,
                [line.report.status for line in report.lines],
                total,
                top + n * ROW_H,
            )
        )
    now = [i.status for i in plan.initiatives]
    rows.append(_counts_row(f"Nu ({format_date_da(today)})", None, None, now, total, top + len(rows) * ROW_H))
    used = {s.status for row in rows for s in row.segments}
    statuses = [s for s in STATUS_ORDER if s in used]
    parts = []
    for row in rows:
        counts = ", ".join(f"{s.count} {s.status.short.lower()}" for s in row.segments) or f"ingen {label}"
        parts.append(f"{row.label}: {counts} ({row.total} af {total})")
    description = f"Status for planens {total} {label}. " + "; ".join(parts) + "."
    return StatusChart(
        plan, rows, statuses, total, WIDTH, top + len(rows) * ROW_H + 4, LABEL_W, WIDTH - LABEL_W - 60, description
    )
