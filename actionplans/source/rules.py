"""The rules a file must keep beyond its own fields, and the rules across files of a plan.

Split from ``repository`` (issue 13): the schema comment on the first line, the model
validation with Danish messages, a plan's unique ids and ordered periods, an initiative's
reports (unique, past, in order, colours from the plan's scale), and the references from
initiatives to the plan's goals, target groups and staff brackets. Each returns problems and
raises nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from actionplans.source.dates import PartialDate
from actionplans.source.messages import translate_all
from actionplans.source.model import NOT_STATED, Initiative, Period, Plan, Status
from actionplans.source.problems import Problem, suggestion
from actionplans.source.yamlsource import SourceFile

if TYPE_CHECKING:
    from actionplans.source.repository import InitiativeEntry, PlanEntry

SCHEMA_COMMENT = "# yaml-language-server: $schema="
PLAN_SCHEMA_LINE = SCHEMA_COMMENT + "../../schemas/plan.schema.json"
INITIATIVE_SCHEMA_LINE = SCHEMA_COMMENT + "../../../schemas/initiative.schema.json"


def _check_schema_line(src: SourceFile, expected: str) -> list[Problem]:
    """Every data file starts with the schema comment, so editors get completion while typing."""
    if not src.text.strip():
        return []  # an empty file is reported as such
    first = src.text.splitlines()[0].strip()
    if first == expected:
        return []
    if first.startswith(SCHEMA_COMMENT):
        message = f"første linje peger på et forkert skema. Ret den til: {expected}"
    else:
        message = (
            f"første linje skal være: {expected} "
            "(den giver hjælp til felterne i VS Code og Codespaces). Indsæt den øverst i filen"
        )
    return [Problem(src.display, 1, 1, "", message)]


def _validate(src: SourceFile, model: type[BaseModel]) -> Any:
    if src.data is None:
        return None
    try:
        validated = model.model_validate(src.data)
    except ValidationError as exc:
        src.problems.extend(translate_all(exc.errors(), src, model))
        return None
    return None if src.problems else validated


def _check_plan(plan: Plan, src: SourceFile) -> list[Problem]:
    problems = []
    for key, items, attr in (
        ("goals", plan.goals, "id"),
        ("target_groups", plan.target_groups, "id"),
        ("staff_brackets", plan.staff_brackets, "id"),
        ("status_scale", plan.status_scale, "status"),
    ):
        seen: set[Any] = set()
        for index, item in enumerate(items):
            value = getattr(item, attr)
            if value in seen:
                problems.append(
                    src.problem((key, index, attr), f"«{value}» står to gange i {key}. Hvert id må kun bruges én gang")
                )
            seen.add(value)
    periods: list[tuple[tuple[str, ...], Period]] = [(("period",), plan.period)]
    if plan.strategy is not None and plan.strategy.period is not None:
        periods.append((("strategy", "period"), plan.strategy.period))
    for loc, period in periods:
        if period.end.last_day() < period.start.first_day():  # "2024" to "2024" is a whole year
            problems.append(
                src.problem(
                    (*loc, "end"),
                    f"periodens slut ({period.end.iso()}) ligger før dens start ({period.start.iso()}). "
                    "Byt om på start og end, eller ret årstallet",
                )
            )
    return problems


def _check_reports(initiative: Initiative, src: SourceFile, today: dt.date) -> list[Problem]:
    problems = []
    previous: PartialDate | None = None
    first_index: dict[PartialDate, int] = {}
    for index, report in enumerate(initiative.reports):
        if report.date in first_index:
            problems.append(
                src.problem(
                    ("reports", index, "date"),
                    f"to statusrapporter har samme dato, {report.date.format_da()} (også reports[{first_index[report.date]}]). "
                    "Slå dem sammen til én rapport, eller ret datoen",
                )
            )
            previous = report.date
            continue
        first_index[report.date] = index
        if report.date.first_day() > today:
            problems.append(
                src.problem(
                    ("reports", index, "date"),
                    f"datoen {report.date.format_da()} ligger i fremtiden. "
                    "En statusrapport kan kun dateres i dag eller tidligere",
                )
            )
        if previous is not None and report.date < previous:
            problems.append(
                src.problem(
                    ("reports", index, "date"),
                    f"rapporterne skal stå i rækkefølge, ældste først: {report.date.format_da()} "
                    f"kommer efter {previous.format_da()}. Flyt den nyeste rapport nederst",
                )
            )
        previous = report.date
    return problems


def _check_scale(initiative: Initiative, src: SourceFile, scale: list[Status], plan_file: str) -> list[Problem]:
    """A colour (grøn, gul, rød) means what the plan's own status_scale says it means, so a report
    may only use the colours that scale defines. "ikke_oplyst" and the end states need no
    definition and are always allowed."""
    problems = []
    allowed = [s for s in Status if s in scale or s is Status.NOT_STATED or s.terminal]
    for index, report in enumerate(initiative.reports):
        if report.status in allowed:
            continue
        defined = ", ".join(s.value for s in scale) if scale else "ingen"
        problems.append(
            src.problem(
                ("reports", index, "status"),
                f"«{report.status.value}» står ikke i planens statusskala (status_scale i {plan_file}; "
                f"farver dér: {defined}). Gyldige værdier: {', '.join(s.value for s in allowed)}. "
                f"Eller tilføj planens definition af «{report.status.value}» i status_scale",
            )
        )
    return problems


def _check_across(entry: PlanEntry, sources: dict[str, SourceFile]) -> list[Problem]:
    plan = entry.data
    problems = []
    goal_choices = [g.id for g in plan.goals]
    group_choices = [g.id for g in plan.target_groups]
    staff_choices = [g.id for g in plan.staff_brackets]
    by_number: dict[int, InitiativeEntry] = {}
    scale = [e.status for e in plan.status_scale]
    for item in entry.initiatives:
        src = sources[item.slug]
        data = item.data
        problems.extend(_check_scale(data, src, scale, entry.file))
        if data.number in by_number:
            problems.append(
                src.problem(
                    ("number",),
                    f"nummer {data.number} bruges også af {by_number[data.number].file}. "
                    "Hver indsats i en plan skal have sit eget nummer",
                )
            )
        by_number.setdefault(data.number, item)
        for index, link in enumerate(data.goals or []):
            if link.goal not in goal_choices:
                problems.append(
                    src.problem(
                        ("goals", index, "goal"),
                        f"målsætningen «{link.goal}» findes ikke i {entry.file}.{suggestion(link.goal, goal_choices)}"
                        f" Kendte målsætninger: {', '.join(goal_choices) or '(ingen)'}",
                    )
                )
        if data.target_groups != NOT_STATED:
            for index, group in enumerate(data.target_groups):
                if group not in group_choices:
                    problems.append(
                        src.problem(
                            ("target_groups", index),
                            f"målgruppen «{group}» findes ikke i {entry.file}.{suggestion(group, group_choices)}"
                            f" Kendte målgrupper: {', '.join(group_choices) or '(ingen)'}, eller ikke_oplyst",
                        )
                    )
        if data.staff_affected != NOT_STATED and data.staff_affected not in staff_choices:
            problems.append(
                src.problem(
                    ("staff_affected",),
                    f"«{data.staff_affected}» findes ikke under staff_brackets i {entry.file}."
                    f"{suggestion(data.staff_affected, staff_choices)} "
                    f"Brug {', '.join(staff_choices)} eller ikke_oplyst",
                )
            )
    return problems
