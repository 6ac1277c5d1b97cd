"""Everything a release checks before it writes anything (``prepare``), and what it decided.

1. the title and the version id; 2. a clean work tree on main, exactly the remote's main after a
fetch; 3. the version id is new (no tag, no release note, no version on gh-pages); 4. data/
validates; 5. something public changed since the previous release (or --allow-unchanged);
6. a strict public build with the new release notes (the build the release deploys). Any failure raises ``Stop`` with a Danish
message. The transaction that follows (deploy, commit, tag, push, undo) is ``release``.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mike import mkdocs_utils

from actionplans.publish import changes
from actionplans.publish import releases as releases_file
from actionplans.source.dates import build_date as today
from actionplans.source.repository import check_repository

VERSION = re.compile(r"^[0-9a-z][0-9a-z.-]{0,39}$")
TAG_PREFIX = "release-"
BRANCH = "main"
PAGES = "gh-pages"
REMOTE = "origin"
ALIAS = "godkendt"
MAX_TITLE = 200
BIN = Path(sys.executable).parent


class Stop(Exception):
    """The release stops; the message tells the editor in Danish what to do."""


class GitFailed(Exception):
    def __init__(self, args: list[str], output: str) -> None:
        super().__init__(f"git {' '.join(args)}: {output}")
        self.output = output


def git(*args: str, check: bool = True) -> str:
    result = subprocess.run(["git", *args], capture_output=True, text=True, encoding="utf-8")
    if check and result.returncode:
        raise GitFailed(list(args), (result.stderr or result.stdout).strip())
    return result.stdout.strip()


def ref(name: str) -> str | None:
    return git("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", check=False) or None


def build_env(releases: Path) -> dict[str, str]:
    return {
        **os.environ,
        "ACTIONPLANS_AUDIENCE": "offentlig",
        "ACTIONPLANS_VERSIONS": "mike",
        releases_file.ENV_FILE: str(releases),
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # mike runs `mkdocs`
    }


@contextlib.contextmanager
def environment(env: dict[str, str]) -> Iterator[None]:
    """``os.environ`` is ``env`` inside the block, and as before after it (also when interrupted).
    Not for a process with other threads: they would see the swap."""
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def tail(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip() and not line.startswith("INFO")]
    return "\n".join(lines[-15:])


@dataclass
class Plan:
    """Everything the release will do, decided before anything is written."""

    version: str
    title: str
    head: str
    notes: releases_file.Release
    all_releases: list[releases_file.Release]
    remote_pages: str | None
    work: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="handleplaner-udgivelse-")))

    @property
    def tag(self) -> str:
        return TAG_PREFIX + self.version

    @property
    def releases_path(self) -> Path:
        return self.work / releases_file.RELEASES_FILE

    @property
    def site(self) -> Path:
        """The checked public build, which the release deploys."""
        return self.work / "site"


def check_arguments(version: str, title: str) -> str:
    if not VERSION.match(version):
        raise Stop(
            f"«{version}» kan ikke bruges som navn på en udgave. Brug små bogstaver, tal, punktum og "
            "bindestreg (højst 40 tegn), fx 2024-06."
        )
    title = title.strip()
    if not title:
        raise Stop('Udgaven skal have en titel, fx "Godkendt af Regionsrådet juni 2024".')
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") for c in title):
        raise Stop(
            "Titlen indeholder et usynligt tegn eller et linjeskift. Skriv den på én linje med almindelige tegn."
        )
    if len(title) > MAX_TITLE:
        raise Stop(f"Titlen er {len(title)} tegn lang; højst {MAX_TITLE}. Gør den kortere.")
    if html.unescape(title) != title:  # the version selector's titles are stored escaped (version_label)
        raise Stop("Titlen indeholder en HTML-kode som «&amp;». Skriv tegnet selv, fx & i stedet for &amp;.")
    return title


def check_repository_state() -> tuple[str, str | None]:
    """Clean, on main, identical to the remote's main. Returns (HEAD, remote gh-pages or None)."""
    if git("rev-parse", "--is-inside-work-tree", check=False) != "true":
        raise Stop("Kør udgivelsen fra en klon af repositoriet (git clone …).")
    if git("status", "--porcelain", "--untracked-files=all"):
        raise Stop(
            "Der er ændringer i arbejdsmappen der ikke er committet (se «git status»). "
            "Commit eller fjern dem, og kør udgivelsen igen."
        )
    branch = git("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if branch != BRANCH:
        raise Stop(
            f"Udgivelser laves fra grenen {BRANCH}, men du står på «{branch or 'et løst commit'}». "
            f"Kør «git switch {BRANCH}» og «git pull», og kør udgivelsen igen."
        )
    if not git("remote", check=False).split().count(REMOTE):
        raise Stop(f"Repositoriet har ingen remote «{REMOTE}». Udgivelsen skal kunne skubbes til GitHub.")
    try:
        git("fetch", "--quiet", "--tags", REMOTE)
    except GitFailed as exc:
        raise Stop(f"Kan ikke hente fra {REMOTE} ({exc.output}). Tjek netværket og adgangen, og prøv igen.") from None
    head = git("rev-parse", "HEAD")
    remote_main = ref(f"refs/remotes/{REMOTE}/{BRANCH}")
    if remote_main is None:
        raise Stop(f"{REMOTE} har ingen gren {BRANCH}. Skub {BRANCH} først.")
    if head != remote_main:
        behind = git("rev-list", "--count", f"HEAD..{remote_main}")
        ahead = git("rev-list", "--count", f"{remote_main}..HEAD")
        if behind != "0":
            raise Stop(
                f"Din kopi af {BRANCH} er {behind} commit(s) bagud i forhold til {REMOTE}. "
                "Kør «git pull», tjek indholdet, og kør udgivelsen igen."
            )
        raise Stop(
            f"Din kopi af {BRANCH} har {ahead} commit(s) der ikke er på {REMOTE}. Få dem godkendt og "
            f"flettet (pull request) eller skub dem, og kør udgivelsen igen."
        )
    remote_pages = ref(f"refs/remotes/{REMOTE}/{PAGES}")
    local_pages = ref(f"refs/heads/{PAGES}")
    if local_pages and local_pages != remote_pages:
        published = (
            remote_pages is not None
            and not subprocess.run(
                ["git", "merge-base", "--is-ancestor", local_pages, remote_pages], capture_output=True
            ).returncode
        )
        if not published:
            raise Stop(
                f"Den lokale gren {PAGES} har udgaver der ikke er på {REMOTE}. Slet den lokale gren "
                f"(«git branch -D {PAGES}») så udgivelsen bygger videre på {REMOTE}s, og kør igen."
            )
    return head, remote_pages


def check_new_version(version: str, known: list[releases_file.Release], remote_pages: str | None) -> None:
    if ref(f"refs/tags/{TAG_PREFIX}{version}") or git("tag", "--list", f"{TAG_PREFIX}{version}"):
        raise Stop(f"Udgaven {version} findes allerede (tagget {TAG_PREFIX}{version}). Vælg et nyt navn.")
    if any(r.version == version for r in known):
        raise Stop(f"Udgaven {version} står allerede i {releases_file.RELEASES_FILE}. Vælg et nyt navn.")
    if version in (ALIAS, "live"):
        raise Stop(f"«{version}» er et reserveret navn. Vælg et andet, fx 2024-06.")
    if remote_pages:
        try:
            published = json.loads(git("show", f"{remote_pages}:versions.json", check=False) or "[]")
        except json.JSONDecodeError:
            published = []
        if any(isinstance(v, dict) and version in [v.get("version"), *v.get("aliases", [])] for v in published):
            raise Stop(f"Udgaven {version} findes allerede på {PAGES}. Vælg et nyt navn.")


def check_data() -> None:
    _, problems = check_repository(Path("data"), today=today())
    if problems:
        raise Stop(
            "\n".join(map(str, problems)) + "\nUdgivelsen er stoppet: ret fejlene i data/ og kør udgivelsen igen."
        )


def release_notes(
    version: str, title: str, known: list[releases_file.Release], *, allow_unchanged: bool
) -> releases_file.Release:
    """The public changes since the previous release (the newest in releases.yml)."""
    if not known:
        return releases_file.from_summary(version, title, today(), None, None)
    previous = known[0].version
    if ref(f"refs/tags/{TAG_PREFIX}{previous}") is None:
        raise Stop(
            f"Tagget {TAG_PREFIX}{previous} for den forrige udgave findes ikke. Hent tags («git fetch --tags») "
            "og kør udgivelsen igen."
        )
    summary = changes.between(
        Path("data"), f"{TAG_PREFIX}{previous}", "HEAD", old_label=f"udgave {previous}", new_label=f"udgave {version}"
    )
    if summary.empty and not allow_unchanged:
        raise Stop(
            f"Intet offentligt indhold er ændret siden udgave {previous}. Er det alligevel en ny godkendelse, "
            "så kør igen med --allow-unchanged."
        )
    return releases_file.from_summary(version, title, today(), previous, summary)


def check_public_build(plan: Plan) -> None:
    """The strict public build that the release will deploy (``release.deploy`` commits this very
    directory, so what was checked is what is published): built as ``mike deploy`` builds, with
    mike's plugin added to the settings (site address and version selector for this version)."""
    env = {**build_env(plan.releases_path), mkdocs_utils.docs_version_var: plan.version}
    # mike writes the settings out with their !ENV values filled in, so they are read with the
    # build's environment (the public audience), as they are when `mike deploy` runs.
    with environment(env), mkdocs_utils.inject_plugin("mkdocs.yml") as config_file:
        result = subprocess.run(
            [str(BIN / "mkdocs"), "build", "--strict", "--clean", "--config-file", config_file, "-d", str(plan.site)],
            capture_output=True,
            text=True,
            env=env,
        )
    if result.returncode:
        raise Stop(
            f"{tail(result.stdout + result.stderr)}\nUdgivelsen er stoppet: den offentlige udgave kan ikke bygges "
            "(se ovenfor). Ret fejlen og kør udgivelsen igen."
        )


def prepare(version: str, title: str, *, allow_unchanged: bool) -> Plan:
    """Every check, in order; nothing in the repository is written."""
    title = check_arguments(version, title)
    head, remote_pages = check_repository_state()
    try:
        known = releases_file.load(Path(releases_file.RELEASES_FILE))
    except releases_file.ReleasesError as exc:
        raise Stop(str(exc)) from None
    check_new_version(version, known, remote_pages)
    check_data()
    notes = release_notes(version, title, known, allow_unchanged=allow_unchanged)
    plan = Plan(version, title, head, notes, [notes, *known], remote_pages)
    try:
        plan.releases_path.write_text(releases_file.dump(plan.all_releases), encoding="utf-8")
        check_public_build(plan)
    except BaseException:
        shutil.rmtree(plan.work, ignore_errors=True)
        raise
    return plan
