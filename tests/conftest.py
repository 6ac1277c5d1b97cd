import datetime as dt
import functools
import importlib.metadata
import os
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from actionplans.source.repository import Repository, load_repository

from .examples import example_data
from .sitebuild import (
    ROOT,
    ZENSICAL,
    Built,
    build,
    build_repository_site,
    build_zensical,
    make_project,
    set_real_addresses,
)

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


def once_per_session(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """``make(dest)`` run once per test session, also when pytest-xdist spreads the tests over
    several processes (`python3 run.py test` does): the first worker to ask makes it under a file
    lock, the others wait and use the same directory. A failure is remembered and repeated."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the directory every worker of this session shares
    dest, done, failed = base / name, base / f"{name}.done", base / f"{name}.failed"
    with FileLock(str(base / f"{name}.lock")):
        if failed.exists():
            pytest.fail(failed.read_text(encoding="utf-8"))
        if not done.exists():
            try:
                make(dest)
            except BaseException as exc:  # pytest.fail raises an exception outside Exception
                failed.write_text(f"{name}: {exc}", encoding="utf-8")
                raise
            done.touch()
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's real site (its data/, the internal audience), built once per test session
    with ``mkdocs build --strict``.

    Shared by every test that reads the built site (links, Zensical comparison, browser checks);
    tests that need a different build (offline preview, tiny sites) make their own.
    """

    def make(dest: Path) -> None:
        result = build_repository_site(dest)
        if result.returncode:
            pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")

    return once_per_session(tmp_path_factory, "site", make)


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same real site for the public audience (``ACTIONPLANS_AUDIENCE=offentlig``), with real
    addresses in organisation.yml as a public build requires; built once per test session."""

    def make(dest: Path) -> None:
        project = set_real_addresses(make_project(dest.parent / "public-project", ROOT / "data"))
        built = build(project, "-d", str(dest), env={"ACTIONPLANS_AUDIENCE": "offentlig"})
        if built.returncode:
            pytest.fail(f"the public build failed:\n{built.output}")

    return once_per_session(tmp_path_factory, "public-site", make)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site's offline preview (``ACTIONPLANS_OFFLINE=true``: links to files, opens from
    disk), built once per test session."""

    def make(dest: Path) -> None:
        result = build_repository_site(dest, ACTIONPLANS_OFFLINE="true")
        if result.returncode:
            pytest.fail(f"mkdocs build --strict (offline) failed:\n{result.stdout}\n{result.stderr}")

    return once_per_session(tmp_path_factory, "offline-site", make)


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The tiny site (tests/sites/tiny: one plan, three initiatives) built as a project of its own
    with ``mkdocs build --strict``, once per test session. Tests that change its data or settings
    copy it and build their own."""

    def make(dest: Path) -> None:
        built = build(make_project(dest, TINY))
        (dest / "output.txt").write_text(f"{built.returncode}\n{built.output}", encoding="utf-8")

    dest = once_per_session(tmp_path_factory, "tiny", make)
    code, output = (dest / "output.txt").read_text(encoding="utf-8").split("\n", 1)
    built = Built(int(code), output, dest / "project")
    assert built.returncode == 0, built.output
    return built


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site generated for Zensical (`python3 run.py generate`), built with the pinned
    Zensical and indexed by Pagefind as README says; once per test session."""
    if not ZENSICAL.exists():
        missing(f"zensical is not installed in {ZENSICAL.parent} (python3 run.py test installs requirements.txt)")

    def make(dest: Path) -> None:
        built = build_zensical(ROOT, dest / "project", index=True)
        assert built.returncode == 0, built.output

    return once_per_session(tmp_path_factory, "zensical", make) / "project" / "site"


def plan_folders() -> list[str]:
    """The plans of this repository's data/, by folder name (the first part of their pages' URLs)."""
    return sorted(p.parent.name for p in (ROOT / "data").glob("*/plan.yml"))


# pytest-xdist: which tests must run in the same process. `python3 run.py test` runs pytest with
# `-n auto --dist loadgroup`. xdist's own loadgroup cannot group under pytest 9 (it renames
# `item._nodeid`, which pytest 9 no longer reads), so the grouping is done here, from the test
# modules' source, as a scheduler: a module that marks tests with ``xdist_group("name")`` runs with
# every other module using the same name (they share a session fixture that is expensive to make
# twice, such as the browser's ``visits``); a module with a module-scoped fixture runs whole in one
# process (the fixture is made once); every other test is scheduled on its own. Larger units start
# first (xdist's loadscope order).
_GROUP = re.compile(r"""xdist_group\(\s*(?:name\s*=\s*)?["']([^"']+)["']""")


@functools.cache
def work_unit(module: str) -> str | None:
    """The unit that the tests of ``module`` (a path relative to the repository) are scheduled in,
    or None when each of its tests is a unit of its own."""
    try:
        source = (ROOT / module).read_text(encoding="utf-8")
    except OSError:
        return None
    group = _GROUP.search(source)
    if group:
        return "group " + group.group(1)
    return module if re.search(r"""scope\s*=\s*["']module["']""", source) else None


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Grouped(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid.split("::", 1)[0]) or nodeid

    return Grouped(config, log)  # type: ignore[arg-type]


def pytest_sessionstart(session: pytest.Session) -> None:
    """MkDocs finds the project's plugins through the installed metadata. A stale
    ``handleplaner.egg-info`` in the checkout (left by an old ``pip install``) comes first on
    PYTHONPATH and can hide a plugin added since: every build would fail with «plugin is not
    installed». Say so once, with the fix, instead of a hundred failures."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    found = {ep.name for ep in importlib.metadata.entry_points(group="mkdocs.plugins")}
    missing_plugins = set(declared["mkdocs.plugins"]) - found
    if missing_plugins:
        pytest.exit(
            f"MkDocs plugins {sorted(missing_plugins)} of pyproject.toml are not installed as this Python sees "
            f"them (a stale handleplaner.egg-info in {ROOT}?). Delete it and run python3 run.py test again "
            "(it reinstalls the project).",
            returncode=3,
        )
