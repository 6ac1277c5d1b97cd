"""A release that is interrupted (Ctrl+C, a cancelled job's SIGTERM, a closed terminal's SIGHUP)
undoes itself like one that fails, says so, and names what it could not undo (review of issue 12)."""

from __future__ import annotations

import os
import signal

import pytest

from actionplans.publish import release as release_module

from .test_release import Clone

pytestmark = pytest.mark.slow


@pytest.fixture
def clone(tmp_path, monkeypatch) -> Clone:
    """A clone ready for its first release; the release command runs in this process (so a step
    can be made to fail or be interrupted). test_release.py covers later releases the same way."""
    clone = Clone(tmp_path)
    for key, value in clone.env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(clone.path)
    return clone


def test_ctrl_c_during_the_push_rolls_everything_back(clone, monkeypatch, capsys) -> None:
    before = clone.state()

    def interrupted(plan):
        raise KeyboardInterrupt

    monkeypatch.setattr(release_module, "push", interrupted)
    assert release_module.main(["2024-06", "Første"]) == 1
    said = capsys.readouterr().err
    assert "afbrudt" in said and "rullet tilbage" in said
    assert clone.state() == before


def test_sigterm_during_the_deploy_rolls_everything_back(clone, monkeypatch, capsys) -> None:
    before = clone.state()
    real_deploy = release_module.deploy

    def deploy_then_terminated(plan):
        real_deploy(plan)
        os.kill(os.getpid(), signal.SIGTERM)  # as a cancelled CI job or `kill` sends it

    monkeypatch.setattr(release_module, "deploy", deploy_then_terminated)
    handler = signal.getsignal(signal.SIGTERM)
    assert release_module.main(["2024-06", "Første"]) == 1
    assert "afbrudt" in capsys.readouterr().err
    assert clone.state() == before
    assert signal.getsignal(signal.SIGTERM) is handler  # the release's handler only while it runs


def test_interrupted_after_the_remote_took_the_push_says_it_is_published(clone, monkeypatch, capsys) -> None:
    real_push = release_module.push

    def push_then_interrupted(plan):
        real_push(plan)
        raise KeyboardInterrupt

    monkeypatch.setattr(release_module, "push", push_then_interrupted)
    assert release_module.main(["2024-06", "Første"]) == 1
    assert "er udgivet" in capsys.readouterr().err
    # nothing was rolled back: the clone agrees with the remote
    assert clone.git("rev-parse", "main") == clone.git("rev-parse", "main", cwd=clone.remote)
    assert clone.git("rev-parse", "release-2024-06^{commit}") == clone.git("rev-parse", "main")


def test_what_the_undo_could_not_put_back_is_named(clone, monkeypatch, capsys) -> None:
    real_git = release_module.git

    def git_that_keeps_tags(*args, check=True):
        if args[:2] == ("tag", "-d"):
            return ""  # as if .git were locked for a moment
        return real_git(*args, check=check)

    def failing_push(plan):
        raise release_module.Stop("push afvist (simuleret)")

    monkeypatch.setattr(release_module, "git", git_that_keeps_tags)
    monkeypatch.setattr(release_module, "push", failing_push)
    assert release_module.main(["2024-06", "Første"]) == 1
    said = capsys.readouterr().err
    assert "tilbagerulningen lykkedes ikke helt" in said and "git tag -d release-2024-06" in said
    assert "Udgivelsen er rullet tilbage" not in said
