"""``changes``: a Danish Markdown summary of what changed in data/ between two git revisions.

The two sides are read by ``snapshots`` (a revision with ``git show``, or the files on disk,
through the same strict loader and model as ``validate``); this module compares them field by
field, with the fields' Danish names from the model, for an audience, and writes the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actionplans.publish.snapshots import GitError, PlanState, Snapshot, commit, load_revision, resolve, toplevel
from actionplans.source.audience import Audience, public_initiative
from actionplans.source.model import Initiative, Plan, Report, field_labels

__all__ = [  # GitError is the reading side's, raised through summary() to the command line
    "INITIATIVE_FIELDS",
    "PLAN_FIELDS",
    "Entry",
    "GitError",
    "Section",
    "Summary",
    "between",
    "diff",
    "for_audience",
    "initiative_changes",
    "plan_changes",
    "summary",
    "to_markdown",
]

# Danish names of the fields, from the model (Field(title=...)): a new field is summarised too.
INITIATIVE_FIELDS = field_labels(Initiative)
PLAN_FIELDS = field_labels(Plan)


def summary(
    data_dir: Path, base: str | None = None, head: str | None = None, *, audience: Audience = Audience.PUBLIC
) -> str:
    old, new = resolve(data_dir, base, head)
    return to_markdown(diff(old, new, audience=audience), audience=audience)


def between(data_dir: Path, base: str, head: str, *, old_label: str, new_label: str) -> Summary:
    """The public summary between two revisions, labelled for release notes."""
    top, prefix = toplevel(data_dir)
    old = load_revision(top, prefix, commit(top, base), old_label)
    new = load_revision(top, prefix, commit(top, head), new_label)
    return diff(old, new, audience=Audience.PUBLIC)


# The characters that start formatting, links, HTML or entities inside a Markdown list item
# (CommonMark + GitHub). A backslash before ASCII punctuation always makes it a literal character.
_MARKDOWN_SPECIAL = set("\\`*_[]<>~|&")


# GitHub turns «@name» into a mention (a notification to that person or team) and «#12»,
# «owner/repo#12» or «GH-12» into a reference (a back-link on that issue), also in a bot's comment
# and also after a backslash escape. A zero-width space after «@» / «#» / «GH-» stops both and
# is invisible to the reader: what Dependabot and Renovate do with the texts they quote.
_ZWSP = "\u200b"
_MENTION_OR_REFERENCE = re.compile(r"(@|#|\bGH-)(?=[\w-])", re.IGNORECASE)


def _md(text: str) -> str:
    """Plain text -> Markdown that shows exactly that text (no formatting, links, HTML, mentions
    or issue references)."""
    text = " ".join(text.split())  # no line breaks: one list item stays one list item
    text = "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in text)
    return _MENTION_OR_REFERENCE.sub(lambda m: m.group(1) + _ZWSP, text)


def _end(value: Any) -> str:
    return value.format_da() if value is not None else "ikke oplyst"


def _report_line(report: Report) -> str:
    return f"{report.date.format_da()}: {report.status.short}"


def initiative_changes(old: Initiative, new: Initiative) -> list[str]:
    lines = []
    if old.title != new.title:
        lines.append(f"titel ændret: «{old.title}» → «{new.title}»")
    if old.status != new.status:
        lines.append(f"status: {old.status.short} → {new.status.short}")
    shared = 0
    while shared < min(len(old.reports), len(new.reports)) and old.reports[shared].date == new.reports[shared].date:
        if old.reports[shared] != new.reports[shared]:
            lines.append(f"statusrapport fra {old.reports[shared].date.format_da()} er rettet")
        shared += 1
    for report in old.reports[shared:]:
        lines.append(f"statusrapport fjernet: {_report_line(report)}")
    for report in new.reports[shared:]:
        lines.append(f"ny statusrapport {_report_line(report)}")
    if old.current_end_date != new.current_end_date:
        if old.current_end_date is None:
            lines.append(f"slutdato sat: {_end(new.current_end_date)}")
        elif new.current_end_date is None:
            lines.append(f"slutdato fjernet (var {_end(old.current_end_date)})")
        else:
            lines.append(f"slutdato flyttet: {_end(old.current_end_date)} → {_end(new.current_end_date)}")
    others = [
        label
        for name, label in INITIATIVE_FIELDS.items()
        if name not in ("title", "reports", "end_date", "number") and getattr(old, name) != getattr(new, name)
    ]
    if old.end_date != new.end_date and old.current_end_date == new.current_end_date:
        others.append("slutdato")
    if others:
        lines.append(f"også ændret: {', '.join(others)}")
    return lines


def plan_changes(old: Plan, new: Plan) -> list[str]:
    lines = []
    if old.title != new.title:
        lines.append(f"titel ændret: «{old.title}» → «{new.title}»")
    if old.period != new.period:
        lines.append(
            f"periode ændret: {old.period.start.format_da()}–{old.period.end.format_da()} → "
            f"{new.period.start.format_da()}–{new.period.end.format_da()}"
        )
    old_goals, new_goals = {g.id: g for g in old.goals}, {g.id: g for g in new.goals}
    for goal_id in new_goals.keys() - old_goals.keys():
        lines.append(f"ny målsætning {goal_id}: «{new_goals[goal_id].title}»")
    for goal_id in old_goals.keys() - new_goals.keys():
        lines.append(f"målsætning fjernet: {goal_id} «{old_goals[goal_id].title}»")
    others = [
        label
        for name, label in PLAN_FIELDS.items()
        if name not in ("title", "period", "goals") and getattr(old, name) != getattr(new, name)
    ]
    if any(old_goals[g] != new_goals[g] for g in old_goals.keys() & new_goals.keys()):
        others.append("målsætningernes tekst")
    if others:
        lines.append(f"også ændret: {', '.join(others)}")
    return lines


def _name(number: int, initiative: Initiative) -> str:
    return f"{number} · {initiative.title}"


@dataclass
class Entry:
    """One bullet of the summary, as plain text: a title, an optional note after it, sub-lines."""

    title: str
    note: str = ""
    lines: list[str] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    entries: list[Entry]


@dataclass
class Summary:
    """What changed between two snapshots, as plain text (each output format escapes it)."""

    old_label: str
    new_label: str
    sections: list[Section] = field(default_factory=list)
    changed: int = 0
    added: int = 0
    removed: int = 0
    unreadable: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.sections and not self.unreadable

    @property
    def headline(self) -> str:
        where = f"Fra {self.old_label} til {self.new_label}"
        if self.empty:
            return f"{where}: ingen ændringer i planer og indsatser."
        return (
            f"{where}: {self.changed} {'indsats' if self.changed == 1 else 'indsatser'} ændret, "
            f"{self.added} nye, {self.removed} fjernet."
        )


def for_audience(snapshot: Snapshot, audience: Audience) -> Snapshot:
    """The snapshot as the audience may see it: for the public, hidden initiatives, reports,
    fields and notes are gone before anything is compared, so no title, number or count of
    them can reach the summary."""
    if audience is Audience.INTERNAL:
        return snapshot
    public = Snapshot(snapshot.label, unreadable=list(snapshot.unreadable))
    for slug, state in snapshot.plans.items():
        public.plans[slug] = PlanState(
            slug,
            state.plan,
            {n: (rel, public_initiative(i)) for n, (rel, i) in state.initiatives.items() if i.public},
        )
    return public


def diff(old: Snapshot, new: Snapshot, *, audience: Audience = Audience.PUBLIC) -> Summary:
    old, new = for_audience(old, audience), for_audience(new, audience)
    result = Summary(old.label, new.label, unreadable=list(new.unreadable))
    for slug in sorted(old.plans.keys() | new.plans.keys()):
        before, after = old.plans.get(slug), new.plans.get(slug)
        plan = (after.plan if after else None) or (before.plan if before else None)
        entries: list[Entry] = []
        if after is None or after.plan is None and not after.initiatives:
            if before and before.plan:
                entries.append(Entry("Planen er fjernet", f"({len(before.initiatives)} indsatser)"))
        elif before is None or before.plan is None and not before.initiatives:
            if after.plan:
                entries.append(Entry(f"Ny plan: {after.plan.title}", f"({len(after.initiatives)} indsatser)"))
        if before and after and before.plan and after.plan:
            lines = plan_changes(before.plan, after.plan)
            if lines:
                entries.append(Entry("Planen", lines=lines))
        old_items = before.initiatives if before else {}
        new_items = after.initiatives if after else {}
        for number in sorted(old_items.keys() | new_items.keys()):
            if number not in old_items:
                initiative = new_items[number][1]
                status = f"status {initiative.status.short}" if initiative.reports else "ingen statusrapport endnu"
                entries.append(Entry(f"Ny indsats {_name(number, initiative)}", f"({status})"))
                result.added += 1
            elif number not in new_items:
                if old_items[number][0] in new.unreadable:
                    continue  # listed under «Kan ikke læses», not removed
                entries.append(Entry(f"Fjernet: indsats {_name(number, old_items[number][1])}"))
                result.removed += 1
            else:
                lines = initiative_changes(old_items[number][1], new_items[number][1])
                if old_items[number][0] != new_items[number][0]:
                    lines.append(f"fil omdøbt til {new_items[number][0]}")
                if lines:
                    entries.append(Entry(f"Indsats {_name(number, new_items[number][1])}", lines=lines))
                    result.changed += 1
        if entries:
            result.sections.append(Section(plan.short_title if plan else slug, entries))
    return result


def to_markdown(result: Summary, *, audience: Audience = Audience.PUBLIC) -> str:
    """The summary as Markdown for a pull-request comment or a terminal; every text is escaped."""
    out = ["## Ændringer i data/", "", _md(result.headline)]
    for section in result.sections:
        out.extend(["", f"### {_md(section.heading)}", ""])
        for entry in section.entries:
            note = f" {_md(entry.note)}" if entry.note else ""
            out.append(f"- **{_md(entry.title)}**{note}")
            out.extend(f"  - {_md(line)}" for line in entry.lines)
    if result.unreadable:
        run_validate = "(kør «python3 run.py validate» for at se fejlene)"
        if audience is Audience.INTERNAL:
            out.extend(["", f"**Kan ikke læses i {_md(result.new_label)}** {run_validate}:", ""])
            out.extend(f"- data/{_md(name)}" for name in result.unreadable)
        else:
            # A file that cannot be read cannot be known to be public: name no file, count none.
            out.extend(["", f"**Nogle datafiler kan ikke læses i {_md(result.new_label)}** {run_validate}."])
    return "\n".join(out) + "\n"
