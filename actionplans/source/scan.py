"""The walk over ``data/``: which plan folders and data files there are, and what is wrong.

Split from ``repository`` (issue 13): *where* things are (names, folders, symbolic links,
files that are not regular) is a question of its own, answered before any file is read; only
paths in ``_Scan.files`` are ever opened.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from actionplans.source import yamlsource

INITIATIVE_FILE = re.compile(r"^(\d{2,3})-([a-z0-9][a-z0-9-]*)\.yml$")
PLAN_DIR = re.compile(r"^[a-z0-9][a-z0-9-]*$")


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
