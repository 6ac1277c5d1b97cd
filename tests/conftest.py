import datetime as dt
import os
from pathlib import Path

import pytest

from actionplans.source.repository import Repository, load_repository

from .examples import example_data
from .sitebuild import build_repository_site

HERE = Path(__file__).resolve().parent
TINY = HERE / "sites" / "tiny" / "data"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="session")
def tiny_repo() -> Repository:
    return load_repository(TINY, root=TINY.parent, today=TODAY)


@pytest.fixture(scope="session")
def real_repo() -> Repository:
    """The two example plans (data/ here, examples/ once init has moved them: tests/examples.py)."""
    return load_repository(example_data(), today=TODAY)


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def missing(reason: str, fix: str = "run .ci/run to install it") -> None:
    """Skip with ``reason``; under CI (``CI`` set to true/1) a missing tool fails the test instead."""
    if under_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip; {fix})")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's real site, built once per test session with ``mkdocs build --strict``.

    Shared by every test that reads the built site (links, Zensical comparison, browser checks);
    tests that need a different build (offline preview, public audience, tiny sites) make their own.
    """
    dest = tmp_path_factory.mktemp("site") / "site"
    result = build_repository_site(dest)
    if result.returncode:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return dest
