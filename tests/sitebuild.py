"""Build a small site end to end in a temporary directory, the way `run.py build` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .examples import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"


@dataclass
class Built:
    returncode: int
    output: str
    project: Path

    @property
    def site(self) -> Path:
        return self.project / "site"

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def make_project(tmp: Path, data: Path) -> Path:
    """A copy of the project's site sources with ``data`` as its data/ directory, and this
    repository's example settings (tests/sites/organisation.yml), not the project's own: the
    tests that use it stay true after ``init`` (tests/examples.py)."""
    project = tmp / "project"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(SETTINGS, project / "organisation.yml")
    for name in ("docs", "overrides", "macros", "actionplans"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data, project / "data")
    return project


REAL_ADDRESSES = {
    "https://example.invalid/handleplaner/": "https://handleplaner.test/handleplaner/",
    "https://example.invalid/tilgaengelighedserklaering": "https://handleplaner.test/tilgaengelighed",
}


def set_real_addresses(project: Path) -> Path:
    """Replace the placeholder addresses in organisation.yml, as an adopter does before a public build."""
    config = project / "organisation.yml"
    text = config.read_text(encoding="utf-8")
    for placeholder, real in REAL_ADDRESSES.items():
        assert placeholder in text, placeholder
        text = text.replace(placeholder, real)
    config.write_text(text, encoding="utf-8")
    return project


def build(project: Path, *extra: str, env: dict[str, str] | None = None) -> Built:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTIONPLANS_TODAY": TODAY, **(env or {})},
    )
    return Built(result.returncode, result.stdout + result.stderr, project)


def build_repository_site(dest: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of this repository's own site (its real data/) into ``dest``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTIONPLANS_TODAY": TODAY, "PYTHONPATH": str(ROOT), **env},
    )


ZENSICAL = Path(sys.executable).parent / "zensical"


def build_zensical(project: Path, out: Path, env: dict[str, str] | None = None, index: bool = False) -> Built:
    """The project built as README «Zensical» says: `python3 run.py generate OUT` (the same code),
    `zensical build --strict` there, and with ``index`` the search index. The site is ``out/site``;
    the first step that fails gives its return code and output."""
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "ACTIONPLANS_TODAY": TODAY,
        "PYTHONPATH": str(ROOT),
        **(env or {}),
    }
    steps = [
        ([sys.executable, "-m", "actionplans", "generate", str(out)], project),
        ([str(ZENSICAL), "build", "--strict"], out),
    ]
    if index:
        steps.append(([sys.executable, "-m", "actionplans", "search-index", "site"], out))
    output = ""
    for args, cwd in steps:
        result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=environment)
        output += result.stdout + result.stderr
        if result.returncode:
            return Built(result.returncode, output, out)
    return Built(0, output, out)
