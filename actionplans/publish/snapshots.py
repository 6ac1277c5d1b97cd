"""Two states of data/ to compare: a git revision (read with ``git show REV:path``, no checkout) or
the files on disk, each file through the same strict loader and model as ``validate``.

Initiatives are keyed by plan and number, so renaming a file does not look like "removed +
added"; a file that does not load is listed as unreadable, not fatal. What changed between two
states is ``changes``.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from actionplans.source import yamlsource
from actionplans.source.model import Initiative, Plan
from actionplans.source.repository import INITIATIVE_FILE

WORKTREE_LABEL = "filerne på disken"


class GitError(Exception):
    """A revision that does not exist, or no git repository."""


@dataclass
class PlanState:
    slug: str
    plan: Plan | None = None
    initiatives: dict[int, tuple[str, Initiative]] = field(default_factory=dict)


@dataclass
class Snapshot:
    label: str
    plans: dict[str, PlanState] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)


def _git(top: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(top), *args], capture_output=True, text=True, encoding="utf-8")
    if result.returncode:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} fejlede")
    return result.stdout


def toplevel(data_dir: Path) -> tuple[Path, str]:
    if not data_dir.is_dir():
        raise GitError(f"mappen {data_dir.as_posix()} findes ikke")
    try:
        top = Path(_git(data_dir, "rev-parse", "--show-toplevel").strip()).resolve()
    except GitError:
        raise GitError(f"{data_dir.as_posix()} ligger ikke i et git-repository") from None
    return top, data_dir.resolve().relative_to(top).as_posix()


def commit(top: Path, rev: str) -> str:
    try:
        return _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except GitError:
        raise GitError(f"git kender ikke versionen «{rev}». Brug fx main, HEAD~1 eller et commit-id") from None


def _parse(text: str, display: str, model: type[BaseModel]) -> Any:
    src = yamlsource.parse(text, yamlsource.SourceFile(path=Path(display), display=display))
    if src.problems or src.data is None:
        return None
    try:
        return model.model_validate(src.data)
    except ValidationError:
        return None


def _add(snapshot: Snapshot, rel: str, text: str) -> None:
    parts = rel.split("/")
    if len(parts) == 2 and parts[1] == "plan.yml":
        state = snapshot.plans.setdefault(parts[0], PlanState(parts[0]))
        state.plan = _parse(text, rel, Plan)
        if state.plan is None:
            snapshot.unreadable.append(rel)
    elif len(parts) == 3 and parts[1] == "initiatives" and INITIATIVE_FILE.match(parts[2]):
        state = snapshot.plans.setdefault(parts[0], PlanState(parts[0]))
        initiative = _parse(text, rel, Initiative)
        if initiative is None or initiative.number in state.initiatives:
            snapshot.unreadable.append(rel)
        else:
            state.initiatives[initiative.number] = (rel, initiative)


def load_revision(top: Path, prefix: str, rev: str, label: str) -> Snapshot:
    snapshot = Snapshot(label)
    names = _git(top, "ls-tree", "-r", "--name-only", rev, "--", prefix).splitlines()
    for name in sorted(names):
        rel = name[len(prefix) + 1 :] if prefix and prefix != "." else name
        if rel.endswith(".yml"):
            _add(snapshot, rel, _git(top, "show", f"{rev}:{name}"))
    return snapshot


def load_worktree(data_dir: Path) -> Snapshot:
    snapshot = Snapshot(WORKTREE_LABEL)
    inside = data_dir.resolve()
    for path in sorted(data_dir.rglob("*.yml")):
        rel = path.relative_to(data_dir).as_posix()
        if path.is_symlink() or not path.resolve().is_relative_to(inside):
            snapshot.unreadable.append(rel)  # never read a file through a link (it may be outside data/)
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            snapshot.unreadable.append(rel)
            continue
        _add(snapshot, rel, text)
    return snapshot


def resolve(data_dir: Path, base: str | None, head: str | None) -> tuple[Snapshot, Snapshot]:
    """Load the two sides. Defaults: see the module docstring of ``cli`` / CONTRIBUTING.md."""
    top, prefix = toplevel(data_dir)
    if base is None and head is None and os.environ.get("GITHUB_BASE_REF"):
        target = f"origin/{os.environ['GITHUB_BASE_REF']}"
        base = _git(top, "merge-base", commit(top, target), commit(top, "HEAD")).strip()
        head = "HEAD"
    if base is None:
        base = "HEAD"  # and head stays None: compare with the files on disk
    elif head is None:
        head = "HEAD"
    base_sha = commit(top, base)
    old = load_revision(top, prefix, base_sha, f"{base} ({base_sha[:7]})" if base != base_sha else base_sha[:7])
    if head is None:
        new = load_worktree(data_dir)
    else:
        head_sha = commit(top, head)
        new = load_revision(top, prefix, head_sha, f"{head} ({head_sha[:7]})" if head != head_sha else head_sha[:7])
    return old, new
