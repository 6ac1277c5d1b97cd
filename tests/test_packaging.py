"""`pip install .` from a clean clone gives the `handleplaner` command (issue 15).

The wheel that pip builds from a fresh clone is checked in three ways:

- what it declares: the console command, every package of the program, and dependencies that
  cover every module the program imports (each third-party import belongs to a declared
  distribution or to one they require, as installed from requirements.txt);
- that the declared dependencies are the versions requirements.txt pins, which is what
  run.py and CI install (so the pins resolve together: pip checked that when it installed them);
- installed alone into a new virtual environment, the command runs: ``--help`` and ``validate``
  in the clone, with the installed package, not the checkout.

The new environment borrows the declared dependencies and what they need from the test run's
environment (links to their files, through a ``.pth`` file), not the test tools beside them,
instead of installing 45 distributions again from the index: that took 13 s of the suite's CPU
time and proved nothing the first two checks do not (issue 12).
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from .test_init import clone

OWN = {"actionplans", "macros"}


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip install .` builds from a fresh clone (no dependencies fetched)."""
    tmp = tmp_path_factory.mktemp("wheel")
    project = clone(tmp)
    out = tmp / "dist"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--disable-pip-version-check",
            "--no-deps",
            "-w",
            str(out),
            str(project),
        ]
    )
    (built,) = out.glob("handleplaner-*.whl")
    return built


def wheel_metadata(wheel: Path) -> tuple[list[str], str, list[str]]:
    """The wheel's Requires-Dist lines, its entry_points.txt and the names of its files."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        fields = Parser().parsestr(archive.read(info).decode("utf-8"))
        return fields.get_all("Requires-Dist") or [], archive.read(points).decode("utf-8"), names


def imported_modules(wheel: Path) -> dict[str, str]:
    """Every top-level module the wheel's code imports (also inside functions), with a file that does."""
    found: dict[str, str] = {}
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if not name.endswith(".py"):
                continue
            for node in ast.walk(ast.parse(archive.read(name), name)):
                if isinstance(node, ast.Import):
                    tops = [alias.name.split(".")[0] for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    tops = [node.module.split(".")[0]]
                else:
                    continue
                for top in tops:
                    found.setdefault(top, name)
    return found


def closure(requirements: list[str]) -> set[str]:
    """The distributions ``requirements`` need, with what they need in turn (as installed), by
    normalised name; markers are evaluated for this Python and each requirement's extras."""
    seen: set[str] = set()
    todo = [(Requirement(r), "") for r in requirements]
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = normalise(requirement.name)
        extras = sorted(requirement.extras) or [""]
        key_extras = {f"{name}[{e}]" for e in extras}
        if key_extras <= seen:
            continue
        seen |= key_extras | {name}
        for line in metadata.requires(requirement.name) or []:
            todo.extend((Requirement(line), e) for e in extras)
    return {n for n in seen if "[" not in n}


def normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def pinned() -> dict[str, str]:
    """requirements.txt as {normalised name: version}."""
    pins = {}
    for line in (Path(__file__).resolve().parents[1] / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            pins[normalise(requirement.name)] = spec.version
    return pins


def test_the_wheel_declares_the_command_the_packages_and_the_dependencies_it_imports(wheel: Path) -> None:
    requires, entry_points, names = wheel_metadata(wheel)
    assert "handleplaner = actionplans.cli:main" in entry_points
    assert "actionplans = actionplans.engines.mkdocs_plugin:ActionplansPlugin" in entry_points
    # every package of the checkout is in the wheel (a sub-package missing from packages.find)
    root = Path(__file__).resolve().parents[1]
    for package in OWN:
        for init in (root / package).rglob("__init__.py"):
            assert init.relative_to(root).as_posix() in names, init
    runtime = [r for r in requires if "extra ==" not in r]  # the test extra is not installed with the command
    declared = closure(runtime)
    providers = metadata.packages_distributions()
    undeclared = {
        module: where
        for module, where in imported_modules(wheel).items()
        if module not in sys.stdlib_module_names
        and module not in OWN
        and module != "__future__"
        and not any(normalise(d) in declared for d in providers.get(module, []))
    }
    assert not undeclared, f"imported, but no declared dependency provides it: {undeclared}"
    pins = pinned()
    for line in runtime:
        requirement = Requirement(line)
        name = normalise(requirement.name)
        assert name in pins, f"{requirement.name} is a dependency in pyproject.toml but not pinned in requirements.txt"
        assert requirement.specifier.contains(pins[name]), f"{line} vs requirements.txt {pins[name]}"


def borrowed(distributions: set[str], folder: Path) -> Path:
    """A folder of links to the installed files of ``distributions`` only (their top-level
    packages and modules and their metadata), from the test environment's site-packages."""
    site = Path(sysconfig.get_paths()["purelib"])
    folder.mkdir()
    for dist in metadata.distributions():
        if normalise(dist.metadata["Name"]) not in distributions:
            continue
        for file in dist.files or []:
            top = Path(file).parts[0]
            if top in ("..", "__pycache__") or top.endswith(".pth") or (folder / top).exists():
                continue
            if (site / top).exists():
                (folder / top).symlink_to(site / top, target_is_directory=(site / top).is_dir())
    return folder


def test_pip_install_gives_the_handleplaner_command(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # not the checkout (tests run with it)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    new_python = bin_dir / "python"
    site_packages = run([str(new_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(new_python),
            "install",
            "-q",
            "--disable-pip-version-check",
            "--no-deps",
            str(wheel),
        ],
        env=env,
    )
    # then the declared dependencies and what they need, and nothing else of the test environment
    # (after the install: pip would take the editable install among them for this one)
    requires, _, _ = wheel_metadata(wheel)
    deps = borrowed(closure([r for r in requires if "extra ==" not in r]), tmp_path / "dependencies")
    (Path(site_packages.stdout.strip()) / "dependencies.pth").write_text(f"{deps}\n")
    help_text = run([str(bin_dir / "handleplaner"), "--help"], env=env)
    for command in ("validate", "serve", "build", "new", "changes", "release", "init"):
        assert f"    {command} " in help_text.stdout, command
    project = clone(tmp_path)
    validate = run([str(bin_dir / "handleplaner"), "validate"], cwd=project, env=env)
    assert validate.stdout.startswith("OK: "), validate.stdout
    test_tool = subprocess.run([str(new_python), "-c", "import pytest"], capture_output=True, env=env)
    assert test_tool.returncode != 0  # only what the package declares is there
    origin = run([str(new_python), "-c", "import actionplans; print(actionplans.__file__)"], cwd=tmp_path, env=env)
    assert origin.stdout.startswith(str(env_dir))  # the installed package, not the checkout
