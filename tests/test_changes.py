"""``changes``: the Danish summary of what changed between two git revisions, read with
``git show`` from a temporary repository built inside the test (no checkout)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from actionplans.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "data"
INITIATIVES = Path("data/testplan/initiatives")
SCHEMA_I = "# yaml-language-server: $schema=../../../schemas/initiative.schema.json\n"

GAMMA = (
    SCHEMA_I
    + """number: 3
title: "Gamma"
description: "Tredje indsats."
source: {document: "Testplanen", section: "Indsats 3"}
reports:
  - date: "2024-11-15"
    status: grøn
"""
)
NEW_REPORT = """  - date: "2024-11-30"
    status: rød
    narrative: "Leverandøren er gået konkurs."
    end_date: "2026-03"
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two commits: «before» (the mini fixture) and «after» (a period's worth of edits)."""
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root / "data")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "data")
    git(root, "commit", "-q", "-m", "before")
    git(root, "tag", "before")
    alfa = root / INITIATIVES / "01-alfa.yml"
    alfa.write_text(alfa.read_text(encoding="utf-8") + NEW_REPORT, encoding="utf-8")
    replace(root / INITIATIVES / "02-beta.yml", 'title: "Beta"', 'title: "Beta – nu med udbud"')
    replace(root / INITIATIVES / "02-beta.yml", "staff_affected: under-200", "staff_affected: ikke_oplyst")
    (root / INITIATIVES / "03-gamma.yml").write_text(GAMMA, encoding="utf-8")
    replace(
        root / "data/testplan/plan.yml",
        'title: "Testplan for digitalisering 2024"',
        'title: "Testplan for digitalisering 2024-2025"',
    )
    replace(
        root / "data/testplan/plan.yml",
        "status_scale:",
        '  - id: m3\n    title: "Målsætning 3"\n    text: "Grøn drift."\nstatus_scale:',
    )
    git(root, "add", "data")
    git(root, "commit", "-q", "-m", "after")
    git(root, "tag", "after")
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["changes", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_summary_between_two_revisions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before, after = git(repo, "rev-parse", "--short=7", "before"), git(repo, "rev-parse", "--short=7", "after")
    code, out, err = run(capsys, "before", "after")
    assert (code, err) == (0, "")
    assert (
        out
        == f"""## Ændringer i data/

Fra before ({before}) til after ({after}): 2 indsatser ændret, 1 nye, 0 fjernet.

### Testplan 2024

- **Planen**
  - titel ændret: «Testplan for digitalisering 2024» → «Testplan for digitalisering 2024-2025»
  - ny målsætning m3: «Målsætning 3»
- **Indsats 1 · Alfa**
  - status: Gul → Rød
  - ny statusrapport 30. november 2024: Rød
  - slutdato flyttet: september 2025 → marts 2026
- **Indsats 2 · Beta – nu med udbud**
  - titel ændret: «Beta» → «Beta – nu med udbud»
  - også ændret: berørte medarbejdere
- **Ny indsats 3 · Gamma** (status Grøn)
"""
    )


def test_removed_and_renamed_initiatives(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "mv", str(INITIATIVES / "03-gamma.yml"), str(INITIATIVES / "03-gamma-udbud.yml"))
    git(repo, "rm", "-q", str(INITIATIVES / "02-beta.yml"))
    git(repo, "commit", "-q", "-m", "remove beta, rename gamma")
    code, out, _ = run(capsys, "after")  # one argument: compared with HEAD
    assert code == 0
    assert "0 indsatser ændret" not in out
    assert "- **Fjernet: indsats 2 · Beta – nu med udbud**\n" in out
    assert "- **Indsats 3 · Gamma**\n  - fil omdøbt til testplan/initiatives/03-gamma-udbud.yml\n" in out
    assert "Ny indsats" not in out


def test_default_compares_last_commit_with_files_on_disk(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 0
    assert "til filerne på disken: ingen ændringer i planer og indsatser." in out
    replace(repo / INITIATIVES / "03-gamma.yml", "status: grøn", "status: gennemført")
    code, out, _ = run(capsys)
    assert (
        "- **Indsats 3 · Gamma**\n  - status: Grøn → Gennemført\n  - statusrapport fra 15. november 2024 er rettet\n"
        in out
    )


def test_visibility_and_internal_note_changes_are_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Regression: hiding an initiative and explaining why in its internal note was «ingen ændringer»."""
    replace(
        repo / INITIATIVES / "03-gamma.yml",
        'title: "Gamma"\n',
        'title: "Gamma"\nvisibility: intern\ninternal_note: "Afventer godkendelse."\n',
    )
    code, out, _ = run(capsys, "--audience", "intern")
    assert code == 0
    assert "ingen ændringer" not in out
    assert "- **Indsats 3 · Gamma**\n  - også ændret: synlighed, intern note\n" in out
    # publicly, an initiative that was public and is now hidden has gone; its note stays internal
    code, out, _ = run(capsys)
    assert "- **Fjernet: indsats 3 · Gamma**\n" in out and "Afventer" not in out


def test_every_field_is_summarised() -> None:
    """Change summaries name every field of the model, in Danish: none is silently ignored."""
    from actionplans.publish.changes import INITIATIVE_FIELDS, PLAN_FIELDS
    from actionplans.source.model import Initiative, Plan

    assert INITIATIVE_FIELDS.keys() == Initiative.model_fields.keys()
    assert PLAN_FIELDS.keys() == Plan.model_fields.keys()
    for model in (Initiative, Plan):
        untitled = [name for name, info in model.model_fields.items() if not info.title]
        assert untitled == [], f"{model.__name__}: fields without a Danish title (Field(title=...))"


def test_default_in_a_pull_request_uses_the_base_branch(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On GitHub, GITHUB_BASE_REF names the target branch; compare from where the PR branched off."""
    git(repo, "update-ref", "refs/remotes/origin/main", "before")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    code, out, _ = run(capsys)
    assert code == 0
    assert "til HEAD (" in out
    assert "ny statusrapport 30. november 2024: Rød" in out


def test_unreadable_file_is_listed_not_fatal(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace(repo / INITIATIVES / "01-alfa.yml", "status: rød", "status: roed")
    code, out, _ = run(
        capsys,
        "after",
    )
    assert code == 0
    assert "**Kan ikke læses i filerne på disken**" not in out  # one argument means HEAD, not the disk
    code, out, _ = run(capsys, "--audience", "intern")
    assert "**Kan ikke læses i filerne på disken**" in out
    assert "- data/testplan/initiatives/01-alfa.yml" in out
    assert "Fjernet" not in out
    # the public summary cannot know whether the file is internal: it names no file
    code, out, _ = run(capsys)
    assert "**Nogle datafiler kan ikke læses i filerne på disken**" in out
    assert "01-alfa" not in out and "Fjernet" not in out


def test_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "findes-ikke")
    assert (code, out) == (1, "")
    assert err == "Fejl: git kender ikke versionen «findes-ikke». Brug fx main, HEAD~1 eller et commit-id\n"


def test_outside_git(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    shutil.copytree(FIXTURE, tmp_path / "data")
    code, _, err = run(capsys, "--data", str(tmp_path / "data"))
    assert code == 1
    assert "ligger ikke i et git-repository" in err


INTERNAL = (
    SCHEMA_I
    + """number: 4
title: "Hemmelig CANARY-TITEL"
description: "Intern."
visibility: intern
source: {document: "Testplanen", section: "Indsats 4"}
"""
)
DRAFT = (
    SCHEMA_I
    + """number: 5
title: "Kladde CANARY-KLADDE"
description: "Kladde."
visibility: kladde
source: {document: "Testplanen", section: "Indsats 5"}
"""
)


def test_public_summary_says_nothing_about_internal_or_draft_content(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The PR comment is public in a public repository: no title, slug, number or count of hidden content."""
    (repo / INITIATIVES / "04-hemmelig-canary.yml").write_text(INTERNAL, encoding="utf-8")
    (repo / INITIATIVES / "05-kladde-canary.yml").write_text(DRAFT, encoding="utf-8")
    alfa = repo / INITIATIVES / "01-alfa.yml"
    alfa.write_text(
        alfa.read_text(encoding="utf-8")
        + '  - date: "2024-12-01"\n    status: grøn\n    narrative: "CANARY-RAPPORT"\n    visibility: kladde\n'
        + "    internal_note: CANARY-NOTE\n",
        encoding="utf-8",
    )
    replace(alfa, 'title: "Alfa"', 'title: "Alfa"\ninternal_note: "CANARY-INTERN-NOTE"\nowner: "CANARY-EJER"')
    replace(alfa, 'title: "Alfa"', 'title: "Alfa"\ninternal_fields: [owner]')
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "hidden content")

    code, public, _ = run(capsys, "after")
    assert code == 0
    for canary in ("CANARY", "hemmelig", "kladde", "Indsats 4", "Indsats 5", "indsats 4", "indsats 5", "Alfa"):
        assert canary not in public, canary
    assert ": 0 indsatser ændret, 0 nye, 0 fjernet." in public or "ingen ændringer" in public

    code, internal, _ = run(capsys, "after", "--audience", "intern")
    assert code == 0
    assert "- **Ny indsats 4 · Hemmelig CANARY-TITEL** (ingen statusrapport endnu)" in internal
    assert "- **Ny indsats 5 · Kladde CANARY-KLADDE**" in internal
    assert "- **Indsats 1 · Alfa**\n  - status: Rød → Grøn\n" in internal
    assert "1 indsats ændret, 2 nye" in internal


def test_an_initiative_made_public_appears_as_new_and_one_hidden_as_removed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(repo / INITIATIVES / "02-beta.yml", 'title: "Beta – nu med udbud"', 'title: "Beta"\nvisibility: intern')
    git(repo, "commit", "-qam", "hide beta")
    code, out, _ = run(capsys, "after")
    assert "- **Fjernet: indsats 2 · Beta – nu med udbud**" in out  # it was public: its title is public
    assert "- **Ny indsats" not in out
    code, out, _ = run(capsys, "HEAD", "after")
    assert "- **Ny indsats 2 · Beta – nu med udbud**" in out


def test_markdown_in_titles_is_shown_as_text(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "**fed** [klik](javascript:alert(1)) <img src=x onerror=alert(2)> `kode` ~~streg~~ &amp; _x_"
    replace(repo / INITIATIVES / "03-gamma.yml", 'title: "Gamma"', f"title: '{hostile}'")
    code, out, _ = run(capsys)  # HEAD against the files on disk
    assert code == 0
    line = next(line for line in out.splitlines() if "titel ændret" in line)
    escaped = (
        r"\*\*fed\*\* \[klik\](javascript:alert(1)) \<img src=x onerror=alert(2)\> \`kode\` \~\~streg\~\~ "
        r"\&amp; \_x\_"
    )
    assert line == f"  - titel ændret: «Gamma» → «{escaped}»"
    # CommonMark with the escapes removed gives the original text back, character for character
    assert re.sub(r"\\(.)", r"\1", escaped) == hostile


def test_mentions_and_issue_references_in_data_ping_nobody(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The summary is posted as a pull-request comment: «@name» there would notify that person or
    team, «#1» or «org/repo#1» would put a back-link on that issue. Each is broken by an invisible
    zero-width space; the text a reader sees is unchanged."""
    hostile = "Tak @alice og @region-nord/redaktoerer (se #1, org/repo#2, GH-3) @ 10 # 4"
    replace(repo / INITIATIVES / "03-gamma.yml", 'title: "Gamma"', f"title: '{hostile}'")
    code, out, _ = run(capsys)
    assert code == 0
    line = next(line for line in out.splitlines() if "titel ændret" in line)
    assert not re.search(r"@[\w-]|#\w|GH-\w", line), line
    assert line.replace("\u200b", "").endswith(f"«{hostile}»")  # nothing else changed (no Markdown in it)
    assert line.count("\u200b") == 5


def test_a_data_file_linked_to_outside_data_is_never_read(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text(GAMMA.replace('"Gamma"', '"CANARY-UDENFOR"').replace("number: 3", "number: 9"), encoding="utf-8")
    (repo / INITIATIVES / "09-link.yml").symlink_to(secret)
    code, out, _ = run(capsys)
    assert code == 0
    assert "CANARY-UDENFOR" not in out
    code, out, _ = run(capsys, "--audience", "intern")
    assert "CANARY-UDENFOR" not in out
    assert "- data/testplan/initiatives/09-link.yml" in out  # listed as unreadable
