"""Publish an approved release as one transaction: a frozen public version of the site beside
the live one (mike), release notes in releases.yml, a git tag, all pushed together.

    python3 run.py release VERSION "Titel" [--allow-unchanged]

1. Checks, before anything is written (release_checks.py): the title and version id; a clean
   work tree; the branch is main; main is exactly the remote's main (after a fetch); the version
   id is new; data/ validates; something public changed since the previous release (or
   --allow-unchanged); a strict public build with the new release notes.
2. Deploys that checked build (not a second one) to the local gh-pages branch as the frozen
   version VERSION with the alias ``godkendt`` (the default version readers get).
3. Only then writes releases.yml, commits it, tags the commit ``release-VERSION`` and pushes
   main, the tag and gh-pages in one atomic push.

Any failure, and an interruption (Ctrl+C, SIGTERM from a cancelled job, SIGHUP from a closed
terminal), undoes every local step (the branch, the tag, gh-pages, releases.yml), so the
repository is as it was and the same command can be run again after the cause is fixed. The undo
checks its own work and names the git commands for anything it could not put back. Interrupted
after the remote took the (atomic) push, the release is out, and it says so.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mike import commands as mike_commands
from mike import git_utils as mike_git

from actionplans.hosting import selector_title
from actionplans.publish import releases as releases_file
from actionplans.publish.release_checks import (
    ALIAS,
    BRANCH,
    PAGES,
    REMOTE,
    TAG_PREFIX,
    GitFailed,
    Plan,
    Stop,
    git,
    prepare,
    ref,
)

__all__ = ["Stop", "deploy", "main", "run", "version_label"]  # Stop: what every check and step raises


@dataclass
class Undo:
    """What the transaction changed locally, so a failure can put it back."""

    head: str
    pages: str | None
    releases: bytes | None
    tag: str | None = None

    def run(self) -> list[str]:
        """Put everything back; what could not be put back, as the git commands that would (empty
        when the repository is as it was)."""
        if self.tag:
            git("tag", "-d", self.tag, check=False)
        git("reset", "--quiet", "--hard", self.head, check=False)
        target = Path(releases_file.RELEASES_FILE)
        if self.releases is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(self.releases)
        if self.pages:
            git("update-ref", f"refs/heads/{PAGES}", self.pages, check=False)
        else:
            git("update-ref", "-d", f"refs/heads/{PAGES}", check=False)
        return self.left_over()

    def left_over(self) -> list[str]:
        fixes = []
        if self.tag and ref(f"refs/tags/{self.tag}"):
            fixes.append(f"git tag -d {self.tag}")
        if ref("HEAD") != self.head:
            fixes.append(f"git reset --hard {self.head}")
        if ref(f"refs/heads/{PAGES}") != self.pages:
            fixes.append(f"git update-ref refs/heads/{PAGES} {self.pages}" if self.pages else f"git branch -D {PAGES}")
        target = Path(releases_file.RELEASES_FILE)
        now = target.read_bytes() if target.exists() else None
        if now != self.releases:
            fixes.append(f"git checkout {self.head} -- {releases_file.RELEASES_FILE}")
        return fixes


class Interrupted(Exception):
    """Ctrl+C, or the process was told to stop (SIGTERM, SIGHUP): the release undoes itself."""


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """SIGTERM and SIGHUP (a cancelled job, a closed terminal) raise :class:`Interrupted` instead
    of ending the process on the spot, so the undo and every ``finally`` run, as for Ctrl+C."""

    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signal.Signals(signum).name)

    wanted = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    try:
        before = {s: signal.signal(s, stop) for s in wanted}
    except ValueError:  # not the main thread: signals cannot be caught here
        yield
        return
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


def version_label(version: str, title: str, date_da: str) -> str:
    """The title the version selector shows: what was approved and when (issue 15); escaped,
    because the theme inserts it as HTML (hosting.selector_title)."""
    return selector_title(f"{version} – {title} ({date_da})")


def deploy(plan: Plan) -> None:
    """The checked public build (``plan.site``) as a frozen version on the local gh-pages branch,
    with the alias ``godkendt`` as the default version; nothing is pushed here. mike's own commands
    do the commits, so gh-pages has mike's layout (versions.json, alias, redirect at the root)."""
    label = version_label(plan.version, plan.title, plan.notes.date_da)
    settings = {"site_dir": str(plan.site), "use_directory_urls": True}
    try:
        with mike_commands.deploy(settings, plan.version, label, [ALIAS], update_aliases=True, branch=PAGES):
            pass  # the build was made and checked by prepare (release_checks.check_public_build)
        try:
            mike_commands.set_default(ALIAS, branch=PAGES)
        except mike_git.GitEmptyCommit:
            pass  # «godkendt» was the default already (an earlier release); as `mike set-default`
    except (ValueError, mike_git.GitError) as exc:
        raise Stop(f"{exc}\nmike kunne ikke lægge udgaven på {PAGES}.") from None


def commit_and_tag(plan: Plan, undo: Undo) -> None:
    shutil.copyfile(plan.releases_path, releases_file.RELEASES_FILE)
    git("add", releases_file.RELEASES_FILE)
    git("commit", "--quiet", "-m", f"Release {plan.version}: {plan.title}")
    git("tag", "-a", plan.tag, "-m", plan.title)
    undo.tag = plan.tag


def push(plan: Plan) -> None:
    """main, the tag and gh-pages in one atomic push: the remote gets all three or none."""
    git("push", "--quiet", "--atomic", REMOTE, f"{BRANCH}:{BRANCH}", f"refs/tags/{plan.tag}", f"{PAGES}:{PAGES}")


def run(version: str, title: str, *, allow_unchanged: bool = False) -> releases_file.Release:
    with interruptible():
        try:
            plan = prepare(version, title, allow_unchanged=allow_unchanged)
        except (Interrupted, KeyboardInterrupt):
            raise Stop("Udgivelsen blev afbrudt under tjekkene. Intet er skrevet; kør kommandoen igen.") from None
        try:
            return transaction(plan)
        finally:
            shutil.rmtree(plan.work, ignore_errors=True)


def transaction(plan: Plan) -> releases_file.Release:
    """Deploy, commit, tag and push; on any failure or interruption before the push is done,
    everything local is put back (and checked)."""
    target = Path(releases_file.RELEASES_FILE)
    undo = Undo(plan.head, ref(f"refs/heads/{PAGES}"), target.read_bytes() if target.exists() else None)
    try:
        if plan.remote_pages:  # build on the published gh-pages, so the push is a fast-forward
            git("update-ref", f"refs/heads/{PAGES}", plan.remote_pages)
        deploy(plan)
        commit_and_tag(plan, undo)
        push(plan)
    except (Stop, GitFailed, OSError, Interrupted, KeyboardInterrupt) as exc:
        interrupted = isinstance(exc, Interrupted | KeyboardInterrupt)
        if interrupted and published(plan):  # stopped after the remote took the push: it is out
            raise Stop(
                f"Udgivelsen blev afbrudt, men {REMOTE} havde allerede fået den: udgave {plan.version} er "
                "udgivet. Hent den med «git pull --tags»."
            ) from None
        left = undo.run()
        if interrupted:
            detail = "Udgivelsen blev afbrudt (Ctrl+C eller et signal)."
        else:
            detail = exc.output if isinstance(exc, GitFailed) else str(exc)
        if left:
            raise Stop(
                f"{detail}\nIntet er udgivet, men tilbagerulningen lykkedes ikke helt. Kør disse kommandoer "
                "i projektmappen, så repositoriet er som før:\n  " + "\n  ".join(left)
            ) from None
        raise Stop(
            f"{detail}\nUdgivelsen er rullet tilbage: intet er udgivet, og repositoriet er som før. "
            "Ret årsagen og kør den samme kommando igen."
        ) from None
    return plan.notes


def published(plan: Plan) -> bool:
    """Whether the remote has this release's tag (the atomic push gave it all three refs or none)."""
    return bool(git("ls-remote", "--tags", REMOTE, f"refs/tags/{plan.tag}", check=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 run.py release", description=__doc__.split("\n\n")[0])
    parser.add_argument("version", help="udgavens navn, fx 2024-06 (små bogstaver, tal, punktum, bindestreg)")
    parser.add_argument("title", help='fx "Godkendt af Regionsrådet juni 2024"')
    parser.add_argument(
        "--allow-unchanged",
        action="store_true",
        help="udgiv selvom intet offentligt indhold er ændret siden forrige udgave (fx en ny godkendelse)",
    )
    # Accepted for older scripts (release.yml): the release always pushes, as one transaction.
    parser.add_argument("--push", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        notes = run(args.version, args.title, allow_unchanged=args.allow_unchanged)
    except Stop as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    print(f"Udgave {notes.version} – {notes.title}: {notes.headline}")
    print(
        f"Udgivet: gh-pages (udgaven {notes.version} som «{ALIAS}», standardudgaven), "
        f"{releases_file.RELEASES_FILE} og tagget {TAG_PREFIX}{notes.version} er skubbet til {REMOTE}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
