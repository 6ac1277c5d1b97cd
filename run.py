#!/usr/bin/env python3
"""One entry point for people and CI. Creates .venv with the pinned dependencies on first use.

python3 run.py serve             build the site and serve it with live reload (http://127.0.0.1:8000/handleplaner/)
python3 run.py serve --zensical  the same under Zensical, generated again on every edit
python3 run.py test              run the whole test suite (lint, unit, build, browser)
python3 run.py validate          check everything under data/ (exit 1 on any problem)
python3 run.py build             mkdocs build --strict into site/
python3 run.py new PLAN "Titel"  create the next initiative file in data/PLAN/initiatives/
python3 run.py changes [A] [B]   what changed in data/ between two git revisions
python3 run.py generate OUT      write the generated site to OUT for Zensical (or --engine mkdocs)
python3 run.py search-index SITE build the search index (Pagefind) over a built site, e.g. after zensical build
python3 run.py schema            regenerate schemas/*.json from the model
python3 run.py release V "Titel" publish an approved release as a frozen version (see README)
python3 run.py init              set the site up for another organisation (README, «Brug det til jeres egen plan»)
python3 run.py pages-root        write the 404 page and robots.txt at the root of gh-pages (deploy does it)

Every command but `test` runs actionplans/cli.py, the same code as the `handleplaner` command
that `pip install .` installs.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".requirements.sha256"


def ensure_venv() -> None:
    wanted = hashlib.sha256(
        b"".join((ROOT / name).read_bytes() for name in ("requirements.txt", "pyproject.toml"))
    ).hexdigest()
    if PY.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PY.exists():
        print("Opretter .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installerer afhængigheder fra requirements.txt …", flush=True)
    subprocess.run(
        [str(PY), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(ROOT / "requirements.txt")],
        check=True,
    )
    # The project itself, editable: registers the MkDocs plugin «actionplans» (pyproject.toml).
    subprocess.run(
        [str(PY), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps", "-e", str(ROOT)],
        check=True,
    )
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    ensure_venv()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "ACTIONPLANS_PROG": "python3 run.py"}
    command, rest = argv[0], argv[1:]
    if command == "test":
        code = ["actionplans", "macros", "tests", "run.py", "bench"]
        for check in (
            [str(BIN / "ruff"), "check", *code],
            [str(BIN / "ruff"), "format", "--check", *code],
            [str(BIN / "mypy")],  # configuration (pydantic plugin, files) in pyproject.toml
        ):
            result = subprocess.run(check, cwd=ROOT, env=env)
            if result.returncode:
                return result.returncode
        # Two processes (pytest-xdist; «auto» is one per core, and CI has two): session fixtures
        # that build a site build it once for both (tests/conftest.py, once_per_session), and the
        # browser checks that share one pass over the pages run in one process (xdist_group).
        # `python3 run.py test -n 0` runs everything in one process.
        parallel = [] if any(a.startswith(("-n", "--numprocesses")) for a in rest) else ["-n", "auto"]
        args = [str(PY), "-m", "pytest", *parallel, "--dist", "loadgroup", *rest]
    else:
        args = [str(PY), "-m", "actionplans", command, *rest]
    return subprocess.run(args, cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
