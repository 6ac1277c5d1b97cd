"""Status reports: every initiative's report of one plan, grouped by reporting date.

A :class:`StatusReport` is what a committee reads on one date: a :class:`ReportLine` per
initiative that reported then (its status, the end date as reported, what changed since its
previous report, the signals of :mod:`actionplans.source.signals` for that report), the
initiatives that did not report, and links to the previous and next report. Its page path is
:func:`report_page_path`.

Split from ``signals`` (issue 12): signals say what one initiative's data says now; this module
groups the reports of a whole plan by date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from actionplans.source.dates import EndDate, PartialDate
from actionplans.source.model import Report, Status
from actionplans.source.repository import STATUS_ORDER, InitiativeEntry, PlanEntry
from actionplans.source.signals import Signal, end_date_at, end_text, report_signals, same_end


@dataclass
class ReportLine:
    """One initiative in a status report."""

    entry: InitiativeEntry
    report: Report
    index: int  # position in the initiative's reports
    end_date: EndDate | None  # as reported then
    baseline: EndDate | None
    previous: Report | None
    signals: list[Signal] = field(default_factory=list)

    @property
    def changes(self) -> list[str]:
        """What changed since the previous report, in Danish; empty for a first report."""
        if self.previous is None:
            return []
        out = []
        if self.previous.status != self.report.status:
            out.append(f"Status: {self.previous.status.short} → {self.report.status.short}")
        before = end_date_at(self.entry, self.index - 1)
        if not same_end(before, self.end_date):
            out.append(f"Slutdato: {end_text(before)} → {end_text(self.end_date)}")
        if self.report.corrective_actions and not self.previous.corrective_actions:
            out.append("Nye korrigerende handlinger")
        return out

    @property
    def detailed(self) -> bool:
        """Shown in the detail section: corrective actions, or not green with something to say."""
        report = self.report
        said = report.narrative or report.rescope or report.end_date is not None
        return bool(report.corrective_actions) or (report.status != Status.GREEN and bool(said))


def report_page_path(plan_slug: str, date: PartialDate) -> str:
    """Source path of the page of a plan's status report of one date: filename = URL."""
    return f"{plan_slug}/statusrapport-{date.iso()}.md"


@dataclass
class StatusReport:
    plan: PlanEntry
    date: PartialDate
    lines: list[ReportLine]
    previous_date: PartialDate | None
    next_date: PartialDate | None

    @property
    def slug(self) -> str:
        return f"statusrapport-{self.date.iso()}"

    @property
    def page_path(self) -> str:
        return report_page_path(self.plan.slug, self.date)

    @property
    def title(self) -> str:
        return f"Statusrapport {self.date.format_da()}"

    def status_counts(self) -> list[tuple[Status, int]]:
        counts = Counter(line.report.status for line in self.lines)
        return [(s, counts[s]) for s in STATUS_ORDER if counts[s]]

    @property
    def missing(self) -> list[InitiativeEntry]:
        """Initiatives of the plan with no report at this date."""
        reported = {line.entry.slug for line in self.lines}
        return [i for i in self.plan.initiatives if i.slug not in reported]

    @property
    def detailed(self) -> list[ReportLine]:
        return [line for line in self.lines if line.detailed]


def status_reports(plan: PlanEntry) -> list[StatusReport]:
    """One status report per reporting date of the plan, oldest first."""
    by_date: dict[PartialDate, list[ReportLine]] = {}
    for entry in plan.initiatives:
        for index, report in enumerate(entry.data.reports):
            by_date.setdefault(report.date, []).append(
                ReportLine(
                    entry=entry,
                    report=report,
                    index=index,
                    end_date=end_date_at(entry, index),
                    baseline=entry.data.end_date,
                    previous=entry.data.reports[index - 1] if index else None,
                    signals=report_signals(entry, index),
                )
            )
    dates = sorted(by_date)
    return [
        StatusReport(
            plan,
            date,
            sorted(by_date[date], key=lambda line: line.entry.number),
            dates[n - 1] if n else None,
            dates[n + 1] if n + 1 < len(dates) else None,
        )
        for n, date in enumerate(dates)
    ]


def recent_reports(plans: list[PlanEntry], limit: int = 5) -> list[StatusReport]:
    """The latest status reports across plans, newest first (the front page's «Seneste ændringer»)."""
    reports = [report for plan in plans for report in status_reports(plan)]
    reports.sort(key=lambda r: (r.date.last_day(), r.date, r.plan.slug), reverse=True)
    return reports[:limit]
