"""`run.py release` as a transaction, against a local bare remote (git init --bare).

Each failure point stops the release with a Danish message and leaves the clone and the remote
exactly as they were; the same command works once the cause is fixed. A successful release is
a frozen public version beside the live site; they differ exactly in the edits made after it.
"""

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml

from actionplans.publish import release as release_module
from actionplans.publish.release_checks import environment

from .conftest import TINY
from .search_index import unpack_bytes
from .sitebuild import ROOT, TODAY, make_project, set_real_addresses

pytestmark = pytest.mark.slow

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/initiative.schema.json"
PAYLOAD = "{{ cycler.__init__.__globals__.os.system('touch PWNED') }} {% raw %} *fed* <b>x</b> {{ 7*7 }}"


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "ACTIONPLANS_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "no-gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }


def _run(args, cwd, env, ok=True):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)
    if ok:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


class Clone:
    """A project clone with a bare remote «origin»."""

    def __init__(self, tmp_path: Path, data: Path = TINY) -> None:
        self.env = _env(tmp_path)
        self.remote = tmp_path / "remote.git"
        self.path = set_real_addresses(make_project(tmp_path, data))
        shutil.copy(ROOT / ".gitignore", self.path / ".gitignore")  # site/ is build output, as in the project
        _run(["git", "init", "-q", "--bare", "-b", "main", str(self.remote)], tmp_path, self.env)
        self.git("init", "-q", "-b", "main")
        self.git("add", "-A")
        self.git("commit", "-qm", "initial")
        self.git("remote", "add", "origin", str(self.remote))
        self.git("push", "-q", "origin", "main")

    def git(self, *args: str, cwd: Path | None = None) -> str:
        return _run(["git", *args], cwd or self.path, self.env).stdout.strip()

    def release(self, *args: str, process: bool = False) -> subprocess.CompletedProcess[str]:
        """`python3 run.py release ARGS` in the clone: in this process (the same ``main`` the command
        runs, in the clone's folder and environment; 0.35 s a release less than starting Python),
        or with ``process`` as its own process, exactly as an editor runs it."""
        if process:
            return _run([sys.executable, "-m", "actionplans.publish.release", *args], self.path, self.env, ok=False)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.chdir(self.path), environment(self.env), redirect_stdout(out), redirect_stderr(err):
            try:
                code = release_module.main(list(args))
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 1
        return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())

    def state(self) -> dict[str, str]:
        """Everything a release may touch: refs, index, work tree, release notes; and the remote's refs."""
        return {
            "refs": self.git("for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags"),
            "HEAD": self.git("rev-parse", "HEAD") + " " + self.git("symbolic-ref", "-q", "HEAD"),
            "status": self.git("status", "--porcelain", "--untracked-files=all", "--ignored=no"),
            "releases.yml": (self.path / "releases.yml").read_text(encoding="utf-8")
            if (self.path / "releases.yml").exists()
            else "",
            "remote": self.git("for-each-ref", "--format=%(refname) %(objectname)", cwd=self.remote),
        }

    def edit(self, rel: str, old: str, new: str, message: str = "edit", push: bool = True) -> None:
        path = self.path / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        self.git("commit", "-qam", message)
        if push:
            self.git("push", "-q", "origin", "main")

    def shown(self, rev: str, path: str) -> str:
        return self.git("show", f"{rev}:{path}")


BETA = "data/demo/initiatives/02-beta.yml"


def _tree(clone: Clone, prefix: str) -> dict[str, object]:
    """Every file of one version on the gh-pages branch: text files as str, others as bytes."""
    names = clone.git("ls-tree", "-r", "--name-only", "gh-pages", prefix).splitlines()
    files: dict[str, object] = {}
    for name in names:
        raw = subprocess.run(
            ["git", "show", f"gh-pages:{name}"], cwd=clone.path, capture_output=True, check=True
        ).stdout
        try:
            # mike sets site_url per version; canonical and absolute links name the version
            version = "/handleplaner/" + prefix.rstrip("/")  # 404.html uses absolute URLs
            text = (
                raw.decode("utf-8")
                .replace(version + "/", "/handleplaner/VERSION/")
                .replace(f'{version}"', '/handleplaner/VERSION"')
            )
            files[name[len(prefix) :]] = text
        except UnicodeDecodeError:
            files[name[len(prefix) :]] = raw
    return files


def test_release_is_pushed_frozen_and_live_differs_only_by_later_edits(tmp_path) -> None:
    clone = Clone(tmp_path)
    result = clone.release("2024-06", "Godkendt af Regionsrådet", process=True)  # as the editor runs it
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Første udgivelse." in result.stdout
    # commit, tag and gh-pages all reached the remote, and agree with the clone
    remote = clone.git("for-each-ref", "--format=%(refname) %(objectname)", cwd=clone.remote)
    for ref in ("refs/heads/main", "refs/heads/gh-pages", "refs/tags/release-2024-06"):
        assert f"{ref} {clone.git('rev-parse', ref)}" in remote, ref
    assert clone.git("status", "--porcelain") == ""
    notes = yaml.safe_load(clone.shown("main", "releases.yml"))
    assert notes == [
        {"version": "2024-06", "title": "Godkendt af Regionsrådet", "date": TODAY, "headline": "Første udgivelse."}
    ]

    clone.edit(BETA, "status: rød", "status: gul", "Beta is yellow now")
    bindir = str(Path(sys.executable).parent)
    live_env = {
        **clone.env,
        "ACTIONPLANS_AUDIENCE": "offentlig",
        "ACTIONPLANS_VERSIONS": "mike",
        "PATH": bindir + os.pathsep + clone.env.get("PATH", ""),
    }
    _run(
        [str(Path(bindir) / "mike"), "deploy", "--title", "Arbejdsudgave (ikke godkendt)", "live"], clone.path, live_env
    )

    release, live = _tree(clone, "2024-06/"), _tree(clone, "live/")
    # each version has its own search index (mike runs mkdocs build, which runs Pagefind), of its
    # own content: Beta's status as each version shows it. Index file names are content hashes.
    for tree, beta_status in ((release, "Rød – afviger fra rammerne"), (live, "Gul – mindre afvigelser")):
        index = {name: tree.pop(name) for name in [n for n in tree if n.startswith("pagefind/")]}
        assert "pagefind/pagefind-entry.json" in index
        fragments = [
            json.loads(unpack_bytes(raw))
            for name, raw in index.items()
            if name.endswith(".pf_fragment") and isinstance(raw, bytes)
        ]
        statuses = {f["meta"].get("Status") for f in fragments if "02-beta" in f["url"]}
        assert statuses == {beta_status}, statuses
    assert set(release) == set(live)
    differing = {name for name in release if release[name] != live[name]}
    # gzip stores a timestamp: the compressed sitemap always differs byte for byte
    differing.discard("sitemap.xml.gz")
    beta_page = "demo/02-beta/index.html"
    assert beta_page in differing
    assert "Rød – afviger fra rammerne" in release[beta_page] and "Rød – afviger" not in live[beta_page]
    assert "Gul – mindre afvigelser" in live[beta_page]
    # every other difference is a view that shows Beta's status; nothing else moved
    shows_beta_status = {
        "index.html",
        "demo/index.html",
        "demo/oversigt/index.html",
        "demo/tidslinje/index.html",
        "demo/hele-planen/index.html",
        "demo/statusrapporter/index.html",
        "demo/statusrapport-2024-08-15/index.html",
        beta_page,
        "feed.xml",
        "demo/data.json",
        "demo/indsatser.csv",
    }
    assert differing <= shows_beta_status, differing - shows_beta_status
    for unchanged in ("demo/01-alfa/index.html", "demo/03-gamma/index.html", "om/index.html", "udgivelser/index.html"):
        assert release[unchanged] == live[unchanged], unchanged
    assert "Godkendt af Regionsrådet" in release["udgivelser/index.html"]
    # the release is public: no internal banner, and it is the default version readers get
    assert "Intern version" not in release["demo/index.html"]
    versions = clone.shown("gh-pages", "versions.json")
    assert '"godkendt"' in versions and '"2024-06"' in versions and '"live"' in versions
    assert "godkendt" in clone.shown("gh-pages", "index.html")

    # issue 15: the selector shows each release's title and date, «godkendt» first (pages-root),
    # and every page carries the outdated banner, linking to the same page in «godkendt»
    _run([sys.executable, "-m", "actionplans", "pages-root"], clone.path, clone.env)
    ordered = json.loads(clone.shown("gh-pages", "versions.json"))
    assert [v["version"] for v in ordered] == ["2024-06", "live"]
    assert ordered[0]["title"] == "2024-06 – Godkendt af Regionsrådet (22. november 2026)"
    assert ordered[1]["title"] == "Arbejdsudgave (ikke godkendt)"
    assert '<a href="../../../godkendt/demo/02-beta/">' in live[beta_page]
    assert '<a href="/handleplaner/godkendt/">' in clone.shown("gh-pages", "404.html")


def test_a_stale_clone_changes_nothing_and_works_after_git_pull(tmp_path) -> None:
    clone = Clone(tmp_path)
    other = tmp_path / "other"
    _run(["git", "clone", "-q", str(clone.remote), str(other)], tmp_path, clone.env)
    (other / BETA).write_text((other / BETA).read_text(encoding="utf-8").replace("status: rød", "status: gul"))
    _run(["git", "commit", "-qam", "someone else's edit"], other, clone.env)
    _run(["git", "push", "-q", "origin", "main"], other, clone.env)

    before = clone.state()
    result = clone.release("2024-06", "Godkendt")
    assert result.returncode == 1
    assert "1 commit(s) bagud i forhold til origin. Kør «git pull»" in result.stderr
    assert "Traceback" not in result.stderr
    after = clone.state()
    after["refs"] = "\n".join(line for line in after["refs"].splitlines())
    assert after == before

    clone.git("pull", "-q", "--ff-only", "origin", "main")
    result = clone.release("2024-06", "Godkendt")
    assert result.returncode == 0, result.stderr
    assert "status: gul" in clone.shown("release-2024-06", BETA)


def _dirty(clone: Clone) -> None:
    (clone.path / "data/demo/initiatives/02-beta.yml").write_text("ændret\n", encoding="utf-8")


def _untracked(clone: Clone) -> None:
    (clone.path / "noter.txt").write_text("x\n", encoding="utf-8")


def _other_branch(clone: Clone) -> None:
    clone.git("switch", "-q", "-c", "kladde")


def _ahead(clone: Clone) -> None:
    clone.edit(BETA, "status: rød", "status: gul", push=False)


def _invalid(clone: Clone) -> None:
    clone.edit(BETA, "status: rød", "status: roed")


def _placeholder(clone: Clone) -> None:
    clone.edit("organisation.yml", "https://handleplaner.test/handleplaner/", "https://example.invalid/handleplaner/")


def _no_remote(clone: Clone) -> None:
    clone.git("remote", "remove", "origin")


def _broken_link(clone: Clone) -> None:
    clone.edit("docs/om.md", "# Om siden\n", "# Om siden\n\n[Findes ikke](findes-ikke.md)\n")  # strict: a warning


FAILURES = {
    "dirty": (_dirty, "ændringer i arbejdsmappen der ikke er committet"),
    "untracked": (_untracked, "ændringer i arbejdsmappen der ikke er committet"),
    "branch": (_other_branch, "Udgivelser laves fra grenen main, men du står på «kladde»"),
    "ahead": (_ahead, "har 1 commit(s) der ikke er på origin"),
    "invalid-data": (_invalid, "Udgivelsen er stoppet: ret fejlene i data/"),
    "placeholder": (_placeholder, "site_url i organisation.yml er ikke sat til en rigtig adresse"),
    "no-remote": (_no_remote, "ingen remote «origin»"),
    "build": (_broken_link, "den offentlige udgave kan ikke bygges"),
}


@pytest.mark.parametrize("name", FAILURES)
def test_each_check_stops_before_anything_is_written(tmp_path, name) -> None:
    clone = Clone(tmp_path)
    setup, message = FAILURES[name]
    setup(clone)
    before = clone.state()
    result = clone.release("2024-06", "Godkendt")
    assert result.returncode == 1, result.stdout
    assert message in result.stderr, result.stderr
    assert result.stderr.startswith("Fejl: ") or "Fejl: " in result.stderr
    assert "Traceback" not in result.stderr
    assert clone.state() == before


def test_bad_version_ids_and_titles_are_refused(tmp_path) -> None:
    clone = Clone(tmp_path)
    before = clone.state()
    for args, message in [
        (("Juni 2024", "T"), "kan ikke bruges som navn"),
        (("godkendt", "T"), "reserveret navn"),
        (("2024-06", "   "), "skal have en titel"),
        (("2024-06", "Linje\nto"), "usynligt tegn eller et linjeskift"),
        (("2024-06", "Escape\x1b[31m"), "usynligt tegn"),
        (("2024-06", "Region &amp; kommune"), "HTML-kode som «&amp;»"),
    ]:
        result = clone.release(*args)
        assert result.returncode == 1 and message in result.stderr, (args, result.stderr)
    assert clone.state() == before


def test_a_version_id_is_used_once_and_an_unchanged_release_needs_a_flag(tmp_path) -> None:
    clone = Clone(tmp_path)
    assert clone.release("2024-06", "Første").returncode == 0
    before = clone.state()
    result = clone.release("2024-06", "Igen")
    assert result.returncode == 1 and "Udgaven 2024-06 findes allerede (tagget release-2024-06)" in result.stderr
    result = clone.release("2024-07", "Intet nyt")
    assert result.returncode == 1
    assert "Intet offentligt indhold er ændret siden udgave 2024-06" in result.stderr
    assert "--allow-unchanged" in result.stderr
    assert clone.state() == before
    result = clone.release("2024-07", "Ny godkendelse", "--allow-unchanged")
    assert result.returncode == 0, result.stderr
    notes = yaml.safe_load(clone.shown("main", "releases.yml"))
    assert [n["version"] for n in notes] == ["2024-07", "2024-06"]
    # a version that exists only on the remote (another clone released it) is not new either
    clone.git("tag", "-d", "release-2024-07")
    result = clone.release("2024-07", "Igen")
    assert result.returncode == 1 and "findes allerede" in result.stderr


def test_a_rejected_push_rolls_everything_back_and_a_rerun_works(tmp_path) -> None:
    clone = Clone(tmp_path)
    clone.edit(BETA, "status: rød", "status: gul")
    hook = clone.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'afvist af serveren' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    before = clone.state()
    result = clone.release("2024-06", "Godkendt")
    assert result.returncode == 1
    assert "afvist af serveren" in result.stderr
    assert "Udgivelsen er rullet tilbage: intet er udgivet, og repositoriet er som før." in result.stderr
    assert "Traceback" not in result.stderr
    assert clone.state() == before  # no commit, no tag, no gh-pages, no releases.yml; remote untouched

    hook.unlink()
    result = clone.release("2024-06", "Godkendt")
    assert result.returncode == 0, result.stderr
    assert clone.git("rev-parse", "release-2024-06^{commit}") == clone.git("rev-parse", "main", cwd=clone.remote)


def test_a_failure_after_the_deploy_restores_gh_pages(tmp_path, monkeypatch) -> None:
    """A deploy that fails half-way (mike committed to gh-pages, then something broke)."""
    clone = Clone(tmp_path)
    assert clone.release("2024-06", "Første").returncode == 0
    clone.edit(BETA, "status: rød", "status: gul")
    before = clone.state()
    for key, value in clone.env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(clone.path)
    real_deploy = release_module.deploy

    def deploy_then_fail(plan):
        real_deploy(plan)
        moved = f"refs/heads/gh-pages {clone.git('rev-parse', 'gh-pages')}"
        assert moved not in before["refs"].splitlines()  # gh-pages did move
        raise release_module.Stop("mike set-default fejlede (simuleret)")

    monkeypatch.setattr(release_module, "deploy", deploy_then_fail)
    assert release_module.main(["2024-07", "Anden"]) == 1
    assert clone.state() == before
    monkeypatch.setattr(release_module, "deploy", real_deploy)
    assert release_module.main(["2024-07", "Anden"]) == 0
    assert "2024-07" in clone.shown("gh-pages", "versions.json")


HIDDEN = f"""{SCHEMA_LINE}
number: 4
title: CANARY-INTERN-TITEL
description: x
visibility: intern
source: {{document: D, section: S}}
reports:
  - date: "2024-08"
    status: rød
"""
DRAFT = f"""{SCHEMA_LINE}
number: 5
title: CANARY-KLADDE-TITEL
description: x
visibility: kladde
source: {{document: D, section: S}}
"""


def test_release_notes_hold_only_public_content_and_payloads_stay_text(tmp_path) -> None:
    """A release with internal and draft changes and a template payload in its title."""
    clone = Clone(tmp_path)
    assert clone.release("2024-06", "Første").returncode == 0
    initiatives = clone.path / "data/demo/initiatives"
    (initiatives / "04-canary-intern.yml").write_text(HIDDEN, encoding="utf-8")
    (initiatives / "05-canary-kladde.yml").write_text(DRAFT, encoding="utf-8")
    beta = initiatives / "02-beta.yml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace("status: rød", "status: gul")
        + '  - date: "2024-12"\n    status: grøn\n    narrative: CANARY-KLADDE-RAPPORT\n    visibility: kladde\n'
        "    internal_note: CANARY-NOTE\n",
        encoding="utf-8",
    )
    clone.git("add", "-A")
    clone.git("commit", "-qm", "hidden content and one public change")
    clone.git("push", "-q", "origin", "main")

    result = clone.release("2024-07", f"Titel {PAYLOAD}")
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.rglob("PWNED")), "a template in the release title was executed"

    notes = yaml.safe_load(clone.shown("main", "releases.yml"))[0]
    assert notes["title"] == f"Titel {PAYLOAD}"
    assert notes["headline"] == "Fra udgave 2024-06 til udgave 2024-07: 1 indsats ændret, 0 nye, 0 fjernet."
    assert notes["sections"] == [
        {
            "heading": "Demo 2024",
            "entries": [
                {
                    "title": "Indsats 2 · Beta",
                    "lines": ["status: Rød → Gul", "statusrapport fra 15. august 2024 er rettet"],
                }
            ],
        }
    ]
    # nothing hidden anywhere in the published version, the release notes or their page
    published = [clone.shown("main", "releases.yml")]
    for name in clone.git("ls-tree", "-r", "--name-only", "gh-pages", "2024-07/").splitlines():
        published.append(
            subprocess.run(["git", "show", f"gh-pages:{name}"], cwd=clone.path, capture_output=True).stdout.decode(
                "utf-8", errors="replace"
            )
        )
    text = "\n".join(published)
    for canary in ("CANARY", "04-canary", "05-canary", "Indsats 4", "Indsats 5"):
        assert canary not in text, canary
    page = clone.shown("gh-pages", "2024-07/udgivelser/index.html")
    assert (
        "Titel {{ cycler.__init__.__globals__.os.system(&#39;touch PWNED&#39;) }} {% raw %} *fed* "
        "&lt;b&gt;x&lt;/b&gt; {{ 7*7 }}" in page
    )
    assert "49" not in page.split("Titel", 1)[1].split("</h2>", 1)[0]
