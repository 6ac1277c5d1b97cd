"""Load ``data/``, validate every file and the rules across files, and answer named queries.

``load_repository(data_dir)`` returns a :class:`Repository` or raises
:class:`~actionplans.source.problems.DataError` listing *every* problem found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from actionplans.source import yamlsource
from actionplans.source.dates import PartialDate
from actionplans.source.messages import translate
from actionplans.source.model import NOT_STATED, Initiative, Plan, Report, Status
from actionplans.source.problems import DataError, Problem, suggestion
from actionplans.source.yamlsource import SourceFile

INITIATIVE_FILE = re.compile(r"^(\d{2,3})-([a-z0-9][a-z0-9-]*)\.yml$")
PLAN_DIR = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SCHEMA_COMMENT = "# yaml-language-server: $schema="
PLAN_SCHEMA_LINE = SCHEMA_COMMENT + "../../schemas/plan.schema.json"
INITIATIVE_SCHEMA_LINE = SCHEMA_COMMENT + "../../../schemas/initiative.schema.json"
STATUS_ORDER = list(Status)


@dataclass
class InitiativeEntry:
    slug: str
    plan_slug: str
    data: Initiative
    file: str  # repository-relative path of the YAML file

    @property
    def number(self) -> int:
        return self.data.number

    @property
    def page_path(self) -> str:
        """Source path of the initiative's page: filename = slug = URL."""
        return f"{self.plan_slug}/{self.slug}.md"

    @property
    def status(self) -> Status:
        return self.data.status

    @property
    def latest_report(self) -> Report | None:
        return self.data.latest_report

    @property
    def reports_newest_first(self) -> list[Report]:
        return list(reversed(self.data.reports))

    @property
    def last_updated(self) -> PartialDate | None:
        latest = self.data.latest_report
        return latest.date if latest else None

    def is_stale(self, cadence_months: int | None, today: dt.date) -> bool:
        """True when the latest report is older than the plan's reporting cadence."""
        if cadence_months is None or self.status.terminal:
            return False
        updated = self.last_updated
        if updated is None:
            return True
        months = (today.year - updated.year) * 12 + today.month - (updated.month or 12)
        return months > cadence_months


@dataclass
class PlanEntry:
    slug: str
    data: Plan
    file: str
    initiatives: list[InitiativeEntry] = field(default_factory=list)

    def goal(self, goal_id: str) -> Any:
        return next((g for g in self.data.goals if g.id == goal_id), None)

    def status_counts(self) -> list[tuple[Status, int]]:
        """(status, count) in scale order, only statuses that occur."""
        counts = Counter(i.status for i in self.initiatives)
        return [(s, counts[s]) for s in STATUS_ORDER if counts[s]]

    def scale_definition(self, status: Status) -> str | None:
        return next((e.definition for e in self.data.status_scale if e.status == status), None)

    def statuses_in_use(self) -> list[Status]:
        return [s for s, _ in self.status_counts()]

    def target_group_label(self, group_id: str) -> str:
        return next((g.label for g in self.data.target_groups if g.id == group_id), group_id)

    def target_group_labels(self, entry: InitiativeEntry) -> list[str] | None:
        """The initiative's target groups as readers see them; None when not stated."""
        groups = entry.data.target_groups
        return None if groups == NOT_STATED else [self.target_group_label(g) for g in groups]

    def staff_label(self, bracket_id: str) -> str:
        return next((g.label for g in self.data.staff_brackets if g.id == bracket_id), bracket_id)

    def initiatives_for_goal(self, goal_id: str) -> list[InitiativeEntry]:
        return [i for i in self.initiatives if goal_id in goal_ids(i)]

    def goal_status_counts(self, goal_id: str) -> list[tuple[Status, int]]:
        counts = Counter(i.status for i in self.initiatives_for_goal(goal_id))
        return [(s, counts[s]) for s in STATUS_ORDER if counts[s]]

    def initiatives_without_goals(self) -> list[InitiativeEntry]:
        return [i for i in self.initiatives if not goal_ids(i)]

    def neighbours(self, entry: InitiativeEntry) -> tuple[InitiativeEntry | None, InitiativeEntry | None]:
        index = self.initiatives.index(entry)
        prev = self.initiatives[index - 1] if index > 0 else None
        nxt = self.initiatives[index + 1] if index + 1 < len(self.initiatives) else None
        return prev, nxt


def goal_ids(entry: InitiativeEntry) -> list[str]:
    return [link.goal for link in entry.data.goals or []]


@dataclass
class Repository:
    plans: list[PlanEntry]

    def plan(self, slug: str) -> PlanEntry:
        return next(p for p in self.plans if p.slug == slug)


def load_repository(data_dir: Path, *, root: Path | None = None, today: dt.date | None = None) -> Repository:
    """Load and validate everything under ``data_dir``; raise DataError with all problems."""
    repo, problems = check_repository(data_dir, root=root, today=today)
    if problems:
        raise DataError(problems)
    return repo


def check_repository(
    data_dir: Path, *, root: Path | None = None, today: dt.date | None = None
) -> tuple[Repository, list[Problem]]:
    today = today or dt.date.today()
    root = root or data_dir.parent
    problems: list[Problem] = []
    plans: list[PlanEntry] = []

    def rel(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    if not data_dir.is_dir():
        raise DataError([Problem(rel(data_dir), 1, 1, "", "mappen med data findes ikke")])

    for path in sorted(data_dir.rglob("*")):
        if path.is_dir() or path.name.startswith(".") or path.name == "README.md":
            continue
        parts = path.relative_to(data_dir).parts
        if _expected_layout(parts):
            continue
        hint = (
            "Brug endelsen .yml"
            if path.suffix == ".yaml"
            else (
                "Planer ligger i data/<plan>/plan.yml og indsatser i "
                "data/<plan>/initiatives/NN-navn.yml (NN er nummeret, fx 03-henvisninger.yml)"
            )
        )
        problems.append(Problem(rel(path), 1, 1, "", f"filen ligger ikke hvor den skal. {hint}"))

    for plan_dir in sorted(p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not PLAN_DIR.match(plan_dir.name):
            problems.append(
                Problem(rel(plan_dir), 1, 1, "", "mappenavnet må kun have små bogstaver a-z, tal og bindestreg")
            )
            continue
        plan_file = plan_dir / "plan.yml"
        if not plan_file.exists():
            problems.append(Problem(rel(plan_dir), 1, 1, "", "mappen mangler en plan.yml"))
            continue
        src = yamlsource.load(plan_file, rel(plan_file))
        plan = _validate(src, Plan)
        problems.extend(src.problems)
        problems.extend(_check_schema_line(src, PLAN_SCHEMA_LINE))
        entry = PlanEntry(plan_dir.name, plan, rel(plan_file)) if plan else None
        if plan:
            problems.extend(_check_plan(plan, src))
        sources: dict[str, SourceFile] = {}
        for init_file in sorted((plan_dir / "initiatives").glob("*.yml")):
            match = INITIATIVE_FILE.match(init_file.name)
            if not match:
                continue  # reported by the layout check
            isrc = yamlsource.load(init_file, rel(init_file))
            initiative = _validate(isrc, Initiative)
            problems.extend(isrc.problems)
            problems.extend(_check_schema_line(isrc, INITIATIVE_SCHEMA_LINE))
            if initiative is None:
                continue
            slug = init_file.stem
            sources[slug] = isrc
            if int(match.group(1)) != initiative.number:
                problems.append(
                    isrc.problem(
                        ("number",),
                        f"filnavnet starter med {match.group(1)}, men number er {initiative.number}. "
                        "Ret nummeret eller omdøb filen, så de passer sammen",
                    )
                )
            problems.extend(_check_reports(initiative, isrc, today))
            if entry:
                entry.initiatives.append(InitiativeEntry(slug, plan_dir.name, initiative, rel(init_file)))
        if entry:
            entry.initiatives.sort(key=lambda i: (i.number, i.slug))
            problems.extend(_check_across(entry, sources))
            plans.append(entry)
    return Repository(plans), sorted(set(problems))


def _expected_layout(parts: tuple[str, ...]) -> bool:
    if len(parts) == 2 and parts[1] == "plan.yml":
        return True
    return len(parts) == 3 and parts[1] == "initiatives" and bool(INITIATIVE_FILE.match(parts[2]))


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
        for err in exc.errors():
            src.problems.append(translate(err, src, model))
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
    if plan.period.end < plan.period.start:
        problems.append(src.problem(("period", "end"), "periodens slut ligger før dens start"))
    return problems


def _check_reports(initiative: Initiative, src: SourceFile, today: dt.date) -> list[Problem]:
    problems = []
    previous: PartialDate | None = None
    for index, report in enumerate(initiative.reports):
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


def _check_across(entry: PlanEntry, sources: dict[str, SourceFile]) -> list[Problem]:
    plan = entry.data
    problems = []
    goal_choices = [g.id for g in plan.goals]
    group_choices = [g.id for g in plan.target_groups]
    staff_choices = [g.id for g in plan.staff_brackets]
    by_number: dict[int, InitiativeEntry] = {}
    for item in entry.initiatives:
        src = sources[item.slug]
        data = item.data
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
