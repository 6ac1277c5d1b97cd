"""`init` for a new organisation, the gh-pages root, the console command (issue 15)."""

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

from actionplans import codeowners, hosting
from actionplans.organisation import contrast_ratio, from_extra

from .examples import SETTINGS, adopted
from .sitebuild import TODAY, build

ROOT = Path(__file__).resolve().parent.parent
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#fff"/></svg>\n'
FLAGS = [
    "--organisation",
    "Region Nord & Co",
    "--title",
    "Region Nords handleplaner",
    "--site-url",
    "https://region-nord.example/handleplaner",
    "--repo-url",
    "https://github.com/region-nord/handleplaner",
    "--colour",
    "#004B87",
]


def clone(tmp: Path) -> Path:
    """The committed and working files of this checkout (what a clone holds), without .git, as a
    fresh clone of this repository is before init: if init has already made this project another
    organisation's, the example plans go back into data/ and the example settings into
    organisation.yml (tests/examples.py), so the tests below run the same either way."""
    project = tmp / "project"
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file():
            (project / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name.decode())
    if (project / "examples").is_dir():
        shutil.rmtree(project / "data")
        (project / "examples").rename(project / "data")
    shutil.copy2(SETTINGS, project / "organisation.yml")
    return project


def cli(project: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ACTIONPLANS_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "actionplans", *args], cwd=project, env=env, capture_output=True, text=True, input=stdin
    )


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return clone(tmp_path)


OWNERS = f"""# Who reviews what; {codeowners.MAINTAINERS} in a comment stays.
*                 {codeowners.MAINTAINERS}
/data/            {codeowners.EDITORS}
/organisation.yml {codeowners.EDITORS} {codeowners.MAINTAINERS}
/LICENSE
"""


def plans(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_dir())


def test_init_writes_the_one_settings_file_moves_the_examples_and_creates_a_plan(project: Path, tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text(LOGO, encoding="utf-8")
    (project / ".github/CODEOWNERS").write_text(OWNERS, encoding="utf-8")
    examples = plans(project / "data")
    teams = ["--maintainers", "@region-nord/udviklere", "--editors", "@region-nord/redaktoerer, ann@nord.example"]
    result = cli(project, "init", *FLAGS, "--logo", str(logo), *teams)
    assert result.returncode == 0, result.stderr
    settings = yaml.safe_load((project / "organisation.yml").read_text(encoding="utf-8"))
    assert settings["site_name"] == "Region Nords handleplaner"
    assert settings["site_url"] == "https://region-nord.example/handleplaner/"
    assert settings["repo_url"] == "https://github.com/region-nord/handleplaner"
    assert settings["theme"] == {
        "logo": "assets/images/organisation-logo.svg",
        "favicon": "assets/images/organisation-logo.svg",
    }
    assert (project / "docs/assets/images/organisation-logo.svg").read_text(encoding="utf-8") == LOGO
    organisation = from_extra(settings["extra"])
    assert organisation.name == "Region Nord & Co" and organisation.primary_color == "#004b87"
    assert plans(project / "data") == ["region-nord-co-2026"]
    assert plans(project / "examples") == examples and examples
    assert (project / ".github/CODEOWNERS").read_text(encoding="utf-8") == (
        f"# Who reviews what; {codeowners.MAINTAINERS} in a comment stays.\n"
        "*                 @region-nord/udviklere\n"
        "/data/            @region-nord/redaktoerer ann@nord.example\n"
        "/organisation.yml @region-nord/redaktoerer ann@nord.example @region-nord/udviklere\n"
        "/LICENSE\n"
    )
    # what is left is said: the accessibility statement was not given (a public build stops), the teams were
    todo = result.stdout.split("Tilbage at gøre i hånden:")[1]
    assert "extra.accessibility_statement_url i organisation.yml er ikke sat til en rigtig adresse" in todo
    assert "CODEOWNERS" not in todo and "data/region-nord-co-2026/plan.yml" in todo
    validate = cli(project, "validate")
    assert validate.returncode == 0 and validate.stdout.startswith("OK: 1 plan og 0 indsatser er tjekket uden fejl.")
    # the moved examples still validate where they are (their schema lines still resolve)
    examples = cli(project, "validate", "--data", "examples")
    assert examples.returncode == 0, examples.stdout


@pytest.mark.slow
def test_an_initialised_site_builds_strictly_with_the_new_colour(project: Path) -> None:
    assert cli(project, "init", *FLAGS).returncode == 0
    built = build(project)
    assert built.returncode == 0, built.output
    assert "WARNING" not in built.output
    front = built.page("")
    assert "<style>:root{--md-primary-fg-color:#004b87;" in front
    assert "Region Nords handleplaner" in front and "Region Sjælland" not in front
    assert not (built.site / "region-sjaelland-2024").exists()
    plan = built.page("region-nord-co-2026")
    # a plan without initiatives yet has no empty «Indsatser» section in its navigation (it linked
    # to the parent folder: a broken link in the offline preview and under Zensical)
    assert re.search(r'class="md-ellipsis">\s*Tidslinje\s*<', plan)
    assert not re.search(r'class="md-ellipsis">\s*Indsatser\s*<', plan)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (["--colour", "#ffcc00"], "--colour: farven #ffcc00 er for lys. Hvid tekst på den har kontrasten 1.51:1"),
        (["--colour", "blå"], "--colour: «blå» er ikke en farve på formen #rrggbb"),
        (["--organisation", '<script>alert("x")</script>'], "--organisation: «<script>"),
        (["--site-url", "region-nord.example"], "--site-url: «region-nord.example» er ikke en gyldig adresse"),
        (["--logo", "findes-ikke.svg"], "--logo: filen findes-ikke.svg findes ikke"),
        (["--plan", "Min Plan"], "--plan: «Min Plan» skal bestå af små bogstaver"),
        (["--editors", "@nord/red\n* @angriber"], "--editors: «*» er ikke et GitHub-hold"),
        (["--maintainers", "nord/udviklere"], "--maintainers: «nord/udviklere» er ikke et GitHub-hold"),
    ],
)
def test_a_bad_value_changes_nothing_and_says_why_in_danish(project: Path, change: list[str], message: str) -> None:
    before = snapshot(project)
    flags = list(FLAGS)
    if change[0] in flags:
        flags[flags.index(change[0]) + 1] = change[1]
    else:
        flags += change
    result = cli(project, "init", *flags)
    assert result.returncode == 1
    assert message in result.stderr and "Intet er ændret." in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before


def test_a_missing_value_without_a_terminal_is_an_error(project: Path) -> None:
    result = cli(project, "init", "--organisation", "Region Nord", stdin="")
    assert result.returncode == 1
    assert "--title mangler. Giv den som flag, eller kør kommandoen i en terminal" in result.stderr


def test_init_asks_for_what_is_missing_in_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from actionplans import cli as command

    answers = iter(
        ["Region Nord", "Nords plan", "https://n.example/", "https://github.com/n/plan", "", "#123456", "", ""]
    )
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda q: asked.append(q) or next(answers))
    monkeypatch.chdir(project)
    assert command.main(["init"]) == 0
    assert len(asked) == 8 and asked[0].startswith("Organisationens navn") and "CODEOWNERS" in asked[-1]
    settings = yaml.safe_load((project / "organisation.yml").read_text(encoding="utf-8"))
    assert settings["extra"]["organisation"]["primary_color"] == "#123456"
    assert settings["theme"]["logo"] == "assets/images/logo.svg"  # no logo given: the default stays


def test_init_run_again_changes_the_settings_and_leaves_the_plans_alone(project: Path) -> None:
    assert cli(project, "init", *FLAGS).returncode == 0
    (project / "data/region-nord-co-2026/initiatives/01-x.yml").write_text("# the organisation's own\n")
    data, examples = snapshot(project / "data"), snapshot(project / "examples")
    settings_file = project / "organisation.yml"
    text = settings_file.read_text(encoding="utf-8")
    settings_file.write_text(
        text.replace("    primary_color:", "    share_image: assets/images/deling.png\n    primary_color:")
    )
    again = [*FLAGS[:-1], "#00334d", "--accessibility-statement-url", "https://www.was.digst.dk/nord"]
    result = cli(project, "init", *again)
    assert result.returncode == 0, result.stderr
    assert "flyttet" not in result.stdout and "Plan oprettet" not in result.stdout
    assert snapshot(project / "data") == data and snapshot(project / "examples") == examples
    settings = yaml.safe_load((project / "organisation.yml").read_text(encoding="utf-8"))
    assert settings["extra"]["organisation"]["primary_color"] == "#00334d"
    assert settings["extra"]["organisation"]["share_image"] == "assets/images/deling.png"  # kept
    assert "accessibility_statement_url" not in result.stdout  # set now: the public build no longer stops
    assert cli(project, "init", *again, "--plan", "region-nord-co-2026").returncode == 1  # exists
    assert cli(project, "init", *again, "--plan", "anden-plan").returncode == 0
    assert plans(project / "data") == ["anden-plan", "region-nord-co-2026"]


def test_the_tests_example_settings_are_this_repositorys() -> None:
    """tests/sites/organisation.yml, which the tiny test sites use, is this repository's organisation.yml."""
    if adopted():
        pytest.skip("init has written this project's own organisation.yml (tests/examples.py)")
    assert SETTINGS.read_bytes() == (ROOT / "organisation.yml").read_bytes()


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


def _gh_pages(tmp_path: Path, versions: list[dict]) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "gh-pages")
    _git(repo, "config", "user.email", "t@example.invalid")
    _git(repo, "config", "user.name", "t")
    (repo / "versions.json").write_text(json.dumps(versions), encoding="utf-8")
    (repo / "overrides").mkdir()
    shutil.copytree(ROOT / "overrides" / "hosting", repo / "overrides" / "hosting")
    _git(repo, "add", "versions.json")
    _git(repo, "commit", "-qm", "mike")
    return repo


def test_pages_root_links_404_to_the_approved_version_and_puts_it_first(tmp_path: Path) -> None:
    versions = [
        {"version": "live", "title": "Arbejdsudgave", "aliases": []},
        {"version": "2025-01", "title": "2025-01 – Revideret (3. januar 2025)", "aliases": ["godkendt"]},
        {"version": "2024-06", "title": "2024-06 – Godkendt <b>juni</b> (12. juni 2024)", "aliases": []},
    ]
    repo = _gh_pages(tmp_path, versions)
    kwargs = {
        "site_url": "https://n.example/plan/",
        "site_name": 'Nord "&" Co',
        "organisation": "Nord",
        "colour": "#004b87",
    }
    assert hosting.update_pages_root(repo, **kwargs) is True
    page = _git(repo, "show", "gh-pages:404.html")
    assert '<a href="/plan/godkendt/">Gå til den gældende godkendte udgave</a>' in page
    assert "Nord &#34;&amp;&#34; Co" in page and "<b>juni</b>" not in page  # escaped
    assert (
        _git(repo, "show", "gh-pages:robots.txt").splitlines()[-1]
        == "Sitemap: https://n.example/plan/godkendt/sitemap.xml"
    )
    ordered = json.loads(_git(repo, "show", "gh-pages:versions.json"))
    assert [v["version"] for v in ordered] == ["2025-01", "2024-06", "live"]
    # the theme's version selector inserts titles as HTML: stored escaped (tests/browser/test_versions.py)
    assert ordered[1]["title"] == "2024-06 – Godkendt &lt;b&gt;juni&lt;/b&gt; (12. juni 2024)"
    assert "2024-06 – Godkendt &lt;b&gt;juni&lt;/b&gt; (12. juni 2024)" in page  # shown as written
    head = _git(repo, "rev-parse", "gh-pages")
    assert hosting.update_pages_root(repo, **kwargs) is False  # nothing changed, no new commit
    assert _git(repo, "rev-parse", "gh-pages") == head
    assert not (repo / "404.html").exists()  # the working tree is not touched


def test_pages_root_before_the_first_release_links_to_live(tmp_path: Path) -> None:
    repo = _gh_pages(tmp_path, [{"version": "live", "title": "live", "aliases": []}])
    hosting.update_pages_root(repo, site_url="https://n.example/", site_name="N", organisation="N", colour="#004b87")
    assert '<a href="/live/">Gå til forsiden</a>' in _git(repo, "show", "gh-pages:404.html")


def test_robots_txt_keeps_crawlers_out_of_the_internal_site() -> None:
    assert hosting.robots_txt("https://x.example/a/", public=True).endswith(
        "Sitemap: https://x.example/a/sitemap.xml\n"
    )
    assert "Disallow: /\n" in hosting.robots_txt("https://x.example/a/", public=False)
    assert contrast_ratio("#004b87", "#ffffff") >= 4.5


def test_commands_outside_a_project_say_so(tmp_path: Path) -> None:
    result = cli(tmp_path, "build")
    assert result.returncode == 1 and "der er ingen mkdocs.yml i" in result.stderr
    assert "Traceback" not in result.stderr
