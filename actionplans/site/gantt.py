"""A Gantt-style time plan for one plan, computed at build time: the geometry of a static SVG.

One bar per initiative from the start of the plan's period (the sources give no start dates) to
its current end date, the baseline end where it moved, the plan's process milestones, status
report dates and a «today» line; labels that would overlap are left to the table. The axis runs
over whole years and reaches at most a year past the data to show today.

Split from :mod:`actionplans.site.charts` (issue 12), whose frame (width, label column, bar and
row heights) it shares. Only numbers and plain text leave this module; the SVG and its text
alternative are drawn by ``overrides/actionplans/_charts.html`` (autoescaped).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from actionplans.site.charts import BAR_H, LABEL_W, ROW_H, WIDTH
from actionplans.source import signals, statusreports
from actionplans.source.dates import EndDate, format_date_da
from actionplans.source.model import Status
from actionplans.source.repository import InitiativeEntry, PlanEntry


@dataclass(frozen=True)
class Mark:
    x: float
    iso: str
    text: str  # for the <title> and the table
    status: Status | None = None
    labelled: bool = True  # printed beside its line (False where it would overlap a later one)


def _without_overlaps(marks: list[Mark], width: float) -> list[Mark]:
    """Label the latest mark and every earlier one whose text ends before the next label begins."""
    out: list[Mark] = []
    left = width
    for mark in reversed(marks):
        right = mark.x + 4 + len(mark.text) * 7.2  # 13px text, generous average width
        fits = (right < left) if right < width - 90 else mark is marks[-1]
        out.append(Mark(mark.x, mark.iso, mark.text, mark.status, fits))
        if fits:
            left = mark.x - 8 if right < width - 90 else mark.x - len(mark.text) * 7.2 - 12
    return list(reversed(out))


@dataclass(frozen=True)
class GanttRow:
    entry: InitiativeEntry
    label: str  # «Indsats 3»
    status: Status
    y: float
    x: float
    width: float
    end: EndDate | None  # current end, as the data says
    end_text: str
    from_period: bool  # no end date of its own: the bar runs to the end of the plan's period
    unknown_end: bool  # the source says «ukendt»: the bar's end is open
    baseline: EndDate | None
    baseline_x: float | None  # where the plan's own end date lies, when the end has moved
    reports: list[Mark]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    label_x: float


@dataclass(frozen=True)
class GanttChart:
    bar_h: ClassVar[int] = BAR_H
    label_w: ClassVar[int] = LABEL_W
    plan: PlanEntry
    rows: list[GanttRow]
    ticks: list[Tick]
    milestones: list[Mark]
    report_lines: list[Mark]
    today: Mark | None  # None when today lies outside the axis
    today_note: str | None  # said instead of the line when today is after the axis
    period_x: float
    period_w: float
    period_text: str
    width: int
    height: float
    plot_x: float
    plot_w: float
    top: float  # y of the first row
    process_y: float  # y of the process lane
    description: str

    def anchor(self, x: float) -> str:
        """Text anchor for a label at ``x``: labels near the right edge run leftwards."""
        return "end" if x > self.width - 90 else "start"

    def label_dx(self, x: float) -> float:
        return -4.0 if self.anchor(x) == "end" else 4.0


def _x(day: dt.date, start: dt.date, end: dt.date, plot_x: float, plot_w: float) -> float:
    span = (end - start).days or 1
    return round(plot_x + plot_w * (day - start).days / span, 2)


def gantt_chart(plan: PlanEntry, today: dt.date) -> GanttChart:
    data = plan.data
    label = data.initiative_label
    period = data.period
    reports = statusreports.status_reports(plan)
    process = [(m.date, m.body, m.text) for m in data.milestones]
    told = {(d, b) for d, b, _ in process}
    process += [(a.date, a.body, a.text) for a in data.approvals if (a.date, a.body) not in told]
    dates: list[dt.date] = [period.start.first_day(), period.end.last_day()]
    dates += [d.first_day() for d, _, _ in process] + [r.date.first_day() for r in reports]
    for entry in plan.initiatives:
        for known in (entry.data.end_date, entry.data.current_end_date):
            if known is not None and known.date is not None:
                dates.append(known.date.last_day())
    first, last = min(dates), max(dates)
    # Today extends the axis by at most a year; further away it is named, not drawn.
    show_today = first <= today <= dt.date(last.year + 1, 12, 31)
    if show_today:
        last = max(last, today)
    start, end = dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)
    plot_x, plot_w = float(LABEL_W), float(WIDTH - LABEL_W - 10)

    def x(day: dt.date) -> float:
        return _x(day, start, end, plot_x, plot_w)

    ticks = []
    for year in range(start.year, end.year + 1):
        a, b = x(dt.date(year, 1, 1)), x(dt.date(year, 12, 31))
        ticks.append(Tick(a, str(year), round((a + b) / 2, 2)))
    process_y = 52.0
    top = process_y + ROW_H
    rows = []
    for n, entry in enumerate(plan.initiatives):
        current, from_period = signals.effective_end(entry, plan)
        baseline = entry.data.end_date
        unknown = current is not None and current.unknown
        # an unknown end is drawn to the last end date the data gives, open-ended
        drawn = baseline if unknown and baseline is not None and baseline.date else None
        end_day = (
            drawn.date.last_day()  # type: ignore[union-attr]
            if drawn
            else (current.date.last_day() if current and current.date else period.end.last_day())
        )
        bar_start = x(period.start.first_day())
        moved = signals.end_changed(entry) and baseline is not None and baseline.date is not None
        rows.append(
            GanttRow(
                entry=entry,
                label=f"{label.singular} {entry.number}",
                status=entry.status,
                y=top + n * ROW_H,
                x=bar_start,
                width=round(max(x(end_day) - bar_start, 2.0), 2),
                end=current,
                end_text=signals.end_text(current) + (" (planens periode)" if from_period else ""),
                from_period=from_period,
                unknown_end=unknown,
                baseline=baseline,
                baseline_x=x(baseline.date.last_day()) if moved and not unknown else None,  # type: ignore[union-attr]
                reports=[
                    Mark(
                        x(r.date.first_day()),
                        r.date.iso(),
                        f"Statusrapport {r.date.format_da()}: {r.status.short}",
                        r.status,
                    )
                    for r in entry.data.reports
                ],
            )
        )
    milestones = [
        Mark(x(d.first_day()), d.iso(), f"{d.format_da()}, {b}: {t.strip().splitlines()[0]}")
        for d, b, t in sorted(process, key=lambda p: p[0])
    ]
    report_lines = _without_overlaps([Mark(x(r.date.first_day()), r.date.iso(), r.title) for r in reports], WIDTH)
    today_mark = Mark(x(today), today.isoformat(), f"I dag, {format_date_da(today)}") if show_today else None
    note = None if show_today else f"I dag ({format_date_da(today)}) ligger uden for diagrammets tidsakse."
    px, pe = x(period.start.first_day()), x(period.end.last_day())
    plural = label.plural.lower()
    moved_n = sum(1 for r in rows if r.baseline_x is not None)
    unknown_n = sum(1 for r in rows if r.unknown_end)
    period_n = sum(1 for r in rows if r.from_period)
    described = [
        f"Tidsplan for planens {len(rows)} {plural}, {start.year}–{end.year}.",
        f"Alle bjælker begynder ved planens periode ({period.start.format_da()}), da kilden ikke oplyser startdatoer.",
    ]
    if period_n:
        described.append(
            f"{period_n} har ingen egen slutdato og slutter med planens periode ({period.end.format_da()})."
        )
    if moved_n:
        described.append(f"{moved_n} har en slutdato, der er flyttet fra planens oprindelige.")
    if unknown_n:
        described.append(f"{unknown_n} har slutdato «Ukendt» ifølge kilden.")
    if report_lines:
        described.append("Statusrapporter: " + ", ".join(m.text for m in report_lines) + ".")
    if process:
        described.append(f"{len(milestones)} milepæle i planens forløb.")
    described.append(today_mark.text + "." if today_mark else note or "")
    return GanttChart(
        plan=plan,
        rows=rows,
        ticks=ticks,
        milestones=milestones,
        report_lines=report_lines,
        today=today_mark,
        today_note=note,
        period_x=px,
        period_w=round(pe - px, 2),
        period_text=f"Planens periode: {period.start.format_da()}–{period.end.format_da()}"
        if period.start != period.end
        else f"Planens periode: {period.start.format_da()}",
        width=WIDTH,
        height=top + len(rows) * ROW_H + 6,
        plot_x=plot_x,
        plot_w=plot_w,
        top=top,
        process_y=process_y,
        description=" ".join(described),
    )
