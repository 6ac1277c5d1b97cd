"""A frozen release beside the live site: they differ exactly in the edits made after the release."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import TINY
from .sitebuild import TODAY, make_project

pytestmark = pytest.mark.slow


def _run(args, cwd, env=None):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _tree(project, prefix):
    """Every file of one version on the gh-pages branch: text files as str, others as bytes."""
    names = _run(["git", "ls-tree", "-r", "--name-only", "gh-pages", prefix], project).splitlines()
    files = {}
    for name in names:
        raw = subprocess.run(["git", "show", f"gh-pages:{name}"], cwd=project, capture_output=True, check=True).stdout
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


def test_release_is_frozen_and_live_differs_only_by_later_edits(tmp_path) -> None:
    project = make_project(tmp_path, TINY)
    env = {
        **os.environ,
        "ACTIONPLANS_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    git = ["git", "-c", "init.defaultBranch=main"]
    _run([*git, "init", "-q"], project, env)
    _run(["git", "add", "-A"], project, env)
    _run(["git", "commit", "-qm", "initial"], project, env)

    out = _run(
        [sys.executable, "-m", "actionplans.publish.release", "2024-06", "Godkendt af Regionsrådet"], project, env
    )
    assert "Første udgivelse." in out
    assert "release-2024-06" in _run(["git", "tag"], project, env)

    beta = project / "data/demo/initiatives/02-beta.yml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("status: rød", "status: gul"), encoding="utf-8")
    _run(["git", "commit", "-qam", "Beta is yellow now"], project, env)
    bindir = str(Path(sys.executable).parent)
    live_env = {
        **env,
        "ACTIONPLANS_AUDIENCE": "offentlig",
        "ACTIONPLANS_VERSIONS": "mike",
        "PATH": bindir + os.pathsep + env.get("PATH", ""),
    }
    mike = str(Path(sys.executable).parent / "mike")
    _run([mike, "deploy", "--title", "Arbejdsudgave (ikke godkendt)", "live"], project, live_env)

    release, live = _tree(project, "2024-06/"), _tree(project, "live/")
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
        "search/search_index.json",
        "feed.xml",
        "demo/data.json",
        "demo/indsatser.csv",
    }
    assert differing <= shows_beta_status, differing - shows_beta_status
    for unchanged in ("demo/01-alfa/index.html", "demo/03-gamma/index.html", "om/index.html", "udgivelser/index.html"):
        assert release[unchanged] == live[unchanged], unchanged
    # the release is public: no internal banner, and it is the default version readers get
    assert "Intern version" not in release["demo/index.html"]
    versions = _run(["git", "show", "gh-pages:versions.json"], project)
    assert '"godkendt"' in versions and '"2024-06"' in versions and '"live"' in versions
    assert "godkendt" in _run(["git", "show", "gh-pages:index.html"], project)

    # issue 15: the selector shows each release's title and date, «godkendt» first (pages-root),
    # and every page carries the outdated banner, linking to the same page in «godkendt»
    _run([sys.executable, "-m", "actionplans", "pages-root"], project, env)
    ordered = json.loads(_run(["git", "show", "gh-pages:versions.json"], project))
    assert [v["version"] for v in ordered] == ["2024-06", "live"]
    assert ordered[0]["title"] == "2024-06 – Godkendt af Regionsrådet (22. november 2026)"
    assert ordered[1]["title"] == "Arbejdsudgave (ikke godkendt)"
    assert '<a href="../../../godkendt/demo/02-beta/">' in live[beta_page]
    assert '<a href="/handleplaner/godkendt/">' in _run(["git", "show", "gh-pages:404.html"], project)
