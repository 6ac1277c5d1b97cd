"""Load ``data/``, validate every file and the rules across files, and answer named queries.

``load_repository(data_dir)`` returns a :class:`Repository` or raises
:class:`~actionplans.source.problems.DataError` listing *every* problem found.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from actionplans.source import yamlsource
from actionplans.source.dates import PartialDate
from actionplans.source.messages import translate_all
from actionplans.source.model import NOT_STATED, Initiative, Period, Plan, Report, Status
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

    found = _scan(data_dir)
    problems.extend(Problem(rel(path), 1, 1, "", message) for path, message in found.problems)

    for plan_dir in found.plan_dirs:
        plan_file = plan_dir / "plan.yml"
        if plan_file not in found.files:
            if plan_file not in found.rejected:
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
        for init_file in found.initiatives.get(plan_dir, []):
            match = INITIATIVE_FILE.match(init_file.name)
            assert match is not None  # the scan only lists files with such names
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


@dataclass
class _Scan:
    """What ``data/`` holds: plan folders, readable data files, and problems by path."""

    plan_dirs: list[Path] = field(default_factory=list)
    files: set[Path] = field(default_factory=set)
    initiatives: dict[Path, list[Path]] = field(default_factory=dict)
    rejected: set[Path] = field(default_factory=set)  # data-file names that are not regular files
    problems: list[tuple[Path, str]] = field(default_factory=list)


SYMLINK = (
    "er en genvej (symbolsk link), ikke en almindelig fil eller mappe. Alt under data/ skal ligge i "
    "data/ selv; erstat genvejen med selve filen eller mappen"
)
NOT_REGULAR = "er hverken en almindelig fil eller en mappe. Slet den fra data/"
FOLDER_WITH_DATA_NAME = (
    "er en mappe, men navnet er et datafilnavn. Slet mappen, eller flyt filerne i den ud og omdøb den"
)
BAD_NAME = (
    "navnet indeholder mellemrum eller usynlige tegn. Omdøb med små bogstaver og bindestreg i stedet "
    "for mellemrum, fx 03-ny-indsats.yml"
)
_BAD_NAME = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff]")


def _scan(data_dir: Path) -> _Scan:
    """Walk ``data/`` without following any symbolic link; report everything that is not where
    and what it should be. Only paths in ``files`` are ever read."""
    found = _Scan()
    stack: list[tuple[Path, tuple[str, ...]]] = [(data_dir, ())]
    while stack:
        folder, parts = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            found.problems.append((folder, yamlsource.file_error(exc)))
            continue
        for entry in entries:
            path, here = Path(entry.path), (*parts, entry.name)
            if entry.name.startswith(".") or entry.name == "README.md":
                continue
            data_name = _expected_layout(here)
            if _BAD_NAME.search(entry.name):
                found.problems.append((path, BAD_NAME))
            elif entry.is_symlink():
                found.problems.append((path, SYMLINK))
            elif entry.is_dir(follow_symlinks=False):
                if data_name or entry.name.endswith((".yml", ".yaml")):
                    found.problems.append((path, FOLDER_WITH_DATA_NAME))
                elif len(here) == 1 and not PLAN_DIR.match(entry.name):
                    found.problems.append((path, "mappenavnet må kun have små bogstaver a-z, tal og bindestreg"))
                else:
                    if len(here) == 1:
                        found.plan_dirs.append(path)
                    stack.append((path, here))
                    continue
            elif not entry.is_file(follow_symlinks=False):
                found.problems.append((path, NOT_REGULAR))
            elif data_name:
                found.files.add(path)
                if len(here) == 3:
                    found.initiatives.setdefault(path.parent.parent, []).append(path)
                continue
            else:
                hint = (
                    "Brug endelsen .yml"
                    if path.suffix == ".yaml"
                    else (
                        "Planer ligger i data/<plan>/plan.yml og indsatser i "
                        "data/<plan>/initiatives/NN-navn.yml (NN er nummeret, fx 03-henvisninger.yml)"
                    )
                )
                found.problems.append((path, f"filen ligger ikke hvor den skal. {hint}"))
                continue
            if data_name:
                found.rejected.add(path)
    found.plan_dirs.sort()
    for files in found.initiatives.values():
        files.sort()
    return found


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
