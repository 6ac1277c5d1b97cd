"""Load ``data/``, validate every file and the rules across files, and answer named queries.

``load_repository(data_dir)`` returns a :class:`Repository` or raises
:class:`~actionplans.source.problems.DataError` listing *every* problem found.

Split at 464 lines (issue 13): the walk over ``data/`` is ``scan``, the rules beyond a file's
own fields are ``rules``; this module keeps the entries with their named queries and the order
in which a plan folder is checked (``check_plan``), which ``parallel`` also uses.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actionplans.source import yamlsource
from actionplans.source.dates import PartialDate
from actionplans.source.model import NOT_STATED, Initiative, Plan, Report, Status
from actionplans.source.problems import DataError, Problem
from actionplans.source.rules import (
    INITIATIVE_SCHEMA_LINE,
    PLAN_SCHEMA_LINE,
    SCHEMA_COMMENT,
    _check_across,
    _check_plan,
    _check_reports,
    _check_schema_line,
    _validate,
)
from actionplans.source.scan import (
    BAD_NAME,
    FOLDER_WITH_DATA_NAME,
    INITIATIVE_FILE,
    NOT_REGULAR,
    PLAN_DIR,
    SYMLINK,
    _Scan,
    _scan,
)
from actionplans.source.yamlsource import SourceFile

STATUS_ORDER = list(Status)

# Names other modules and tests import from here, wherever they are defined now.
__all__ = [
    "BAD_NAME",
    "FOLDER_WITH_DATA_NAME",
    "INITIATIVE_FILE",
    "INITIATIVE_SCHEMA_LINE",
    "NOT_REGULAR",
    "PLAN_DIR",
    "PLAN_SCHEMA_LINE",
    "SCHEMA_COMMENT",
    "STATUS_ORDER",
    "SYMLINK",
    "InitiativeEntry",
    "PlanEntry",
    "Repository",
    "check_plan",
    "check_repository",
    "goal_ids",
    "load_repository",
]


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


Load = Callable[[Path, str], SourceFile]
"""Reads and parses one data file: ``(path, display path) -> SourceFile`` (``yamlsource.load``,
or a :class:`~actionplans.source.parsecache.ParseCache`'s ``load``, which gives the same)."""


def load_repository(
    data_dir: Path, *, root: Path | None = None, today: dt.date | None = None, load: Load | None = None
) -> Repository:
    """Load and validate everything under ``data_dir``; raise DataError with all problems."""
    repo, problems = check_repository(data_dir, root=root, today=today, load=load)
    if problems:
        raise DataError(problems)
    return repo


def check_repository(
    data_dir: Path, *, root: Path | None = None, today: dt.date | None = None, load: Load | None = None
) -> tuple[Repository, list[Problem]]:
    """Everything under ``data_dir``, and every problem (sorted, once each)."""
    today = today or dt.date.today()
    root = root or data_dir.parent
    found, problems = scan_data(data_dir, root)
    plans: list[PlanEntry] = []
    for plan_dir in found.plan_dirs:
        entry, plan_problems = check_plan(plan_dir, found, root, today, load or yamlsource.load)
        problems.extend(plan_problems)
        if entry:
            plans.append(entry)
    return Repository(plans), sorted(set(problems))


def relative(path: Path, root: Path) -> str:
    """The path an editor sees in a message: relative to the project folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def scan_data(data_dir: Path, root: Path) -> tuple[_Scan, list[Problem]]:
    """The walk over ``data_dir`` and its problems; DataError when there is no such folder."""
    if not data_dir.is_dir():
        raise DataError([Problem(relative(data_dir, root), 1, 1, "", "mappen med data findes ikke")])
    found = _scan(data_dir)
    return found, [Problem(relative(path, root), 1, 1, "", message) for path, message in found.problems]


def check_plan(
    plan_dir: Path, found: _Scan, root: Path, today: dt.date, load: Load
) -> tuple[PlanEntry | None, list[Problem]]:
    """One plan folder: its plan.yml, its initiatives and the rules across them. Plans are
    independent of each other, so they can be checked in any order or in separate processes."""
    problems: list[Problem] = []
    plan_file = plan_dir / "plan.yml"
    if plan_file not in found.files:
        if plan_file not in found.rejected:
            problems.append(Problem(relative(plan_dir, root), 1, 1, "", "mappen mangler en plan.yml"))
        return None, problems
    src = load(plan_file, relative(plan_file, root))
    plan = _validate(src, Plan)
    problems.extend(src.problems)
    problems.extend(_check_schema_line(src, PLAN_SCHEMA_LINE))
    entry = PlanEntry(plan_dir.name, plan, relative(plan_file, root)) if plan else None
    if plan:
        problems.extend(_check_plan(plan, src))
    sources: dict[str, SourceFile] = {}
    for init_file in found.initiatives.get(plan_dir, []):
        match = INITIATIVE_FILE.match(init_file.name)
        assert match is not None  # the scan only lists files with such names
        isrc = load(init_file, relative(init_file, root))
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
            entry.initiatives.append(InitiativeEntry(slug, plan_dir.name, initiative, relative(init_file, root)))
    if entry:
        entry.initiatives.sort(key=lambda i: (i.number, i.slug))
        problems.extend(_check_across(entry, sources))
    return entry, problems
