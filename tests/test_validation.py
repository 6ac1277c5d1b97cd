"""A catalogue of editors' mistakes: each malformed file must give exit code 1 and a Danish
message at the right file, line and column, and nothing else (no traceback, no noise).

Every case starts from the small valid tree in ``tests/fixtures/mini/data`` and changes one
thing, the way an editor would in GitHub's web editor.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from actionplans.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "data"
TODAY = "2024-12-01"

I1 = "data/testplan/initiatives/01-alfa.yml"
I2 = "data/testplan/initiatives/02-beta.yml"
PLAN = "data/testplan/plan.yml"
SCHEMA_I = "# yaml-language-server: $schema=../../../schemas/initiative.schema.json\n"
PROBLEM = re.compile(r"^(data/[^:]+):(\d+):(\d+): (?:([\w.\[\]-]+): )?(.*)$")

Action = Callable[[Path], None]


def edit(rel: str, old: str, new: str) -> Action:
    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def write(rel: str, content: str | bytes) -> Action:
    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return apply


def copy(src_rel: str, dst_rel: str, old: str | None = None, new: str = "") -> Action:
    def apply(root: Path) -> None:
        text = (root / src_rel).read_text(encoding="utf-8")
        if old is not None:
            assert old in text
            text = text.replace(old, new, 1)
        (root / dst_rel).parent.mkdir(parents=True, exist_ok=True)
        (root / dst_rel).write_text(text, encoding="utf-8")

    return apply


@dataclass
class Case:
    name: str
    action: Action
    expected: list[tuple[str, int, int, str, str]]  # path, line, col, field, message start


CASES = [
    Case(
        "tab-indentation",
        edit(I2, '  section: "Indsats 2"', '\tsection: "Indsats 2"'),
        [(I2, 9, 1, "", "tabulatortegn er ikke tilladt i YAML")],
    ),
    Case(
        "duplicate-key",
        edit(I2, 'description: "Anden indsats."', 'description: "Anden indsats."\ntitle: "Beta igen"'),
        [(I2, 5, 1, "title", "feltet «title» står to gange (første gang i linje 3)")],
    ),
    Case(
        "anchor-alias",
        edit(I2, 'description: "Anden indsats."', 'description: &tekst "Anden indsats."\nsummary: *tekst'),
        [
            (I2, 4, 14, "", "ankre og aliaser (& og *) bruges ikke i disse filer"),
            (I2, 5, 10, "", "ankre og aliaser (& og *) bruges ikke i disse filer"),
        ],
    ),
    Case(
        "empty-file",
        write(I2, ""),
        [(I2, 1, 1, "", "filen er tom. Udfyld felterne eller slet filen")],
    ),
    Case(
        "only-comments",
        write(I2, SCHEMA_I + "# kommer senere\n"),
        [(I2, 1, 1, "", "filen er tom. Udfyld felterne eller slet filen")],
    ),
    Case(
        "not-a-mapping",
        write(I2, SCHEMA_I + "- number: 2\n"),
        [(I2, 2, 1, "", "filen skal bestå af felter på formen «navn: værdi»")],
    ),
    Case(
        "missing-colon",
        edit(I2, 'title: "Beta"', 'title "Beta"'),
        [(I2, 4, 1, "", "der mangler et kolon efter feltnavnet (navn: værdi)")],
    ),
    Case(
        "unclosed-quote",
        edit(I2, 'description: "Anden indsats."', 'description: "Anden indsats.'),
        [(I2, 4, 14, "", 'et anførselstegn (") i denne linje er ikke lukket')],
    ),
    Case(
        "colon-in-plain-text",
        edit(I2, 'description: "Anden indsats."', "description: Status: forsinket"),
        [(I2, 4, 20, "", "et kolon står et sted hvor det ikke må")],
    ),
    Case(
        "bad-indentation",
        edit(I2, '  section: "Indsats 2"', '   section: "Indsats 2"'),
        [(I2, 9, 4, "", "indrykningen passer ikke med linjen over")],
    ),
    Case(
        "misspelt-key",
        edit(I2, 'title: "Beta"', 'titel: "Beta"'),
        [(I2, 2, 1, "title", "feltet mangler"), (I2, 3, 1, "titel", "ukendt felt «titel»")],
    ),
    Case(
        "danish-key-name",
        edit(I1, 'end_date: "2025-06"', 'slutdato: "2025-06"'),
        [(I1, 10, 1, "slutdato", "ukendt felt «slutdato». Mente du «end_date»?")],
    ),
    Case(
        "misspelt-nested-key",
        edit(I2, '  document: "Testplanen"', '  dokument: "Testplanen"'),
        [(I2, 8, 3, "source.document", "feltet mangler"), (I2, 8, 3, "source.dokument", "ukendt felt «dokument»")],
    ),
    Case(
        "missing-required-field",
        edit(I2, 'description: "Anden indsats."\n', ""),
        [(I2, 2, 1, "description", "feltet mangler")],
    ),
    Case(
        "status-misspelt",
        edit(I1, "status: grøn", "status: groen"),
        [(I1, 16, 13, "reports[0].status", "«groen» er ikke en gyldig status")],
    ),
    Case(
        "status-english",
        edit(I1, "status: gul", "status: yellow"),
        [(I1, 19, 13, "reports[1].status", "«yellow» er ikke en gyldig status")],
    ),
    Case(
        "status-yaml11-no",
        edit(I1, "status: grøn", "status: no"),
        [(I1, 16, 13, "reports[0].status", "«no» er ikke en gyldig status")],
    ),
    Case(
        "status-boolean-true",
        edit(I1, "status: grøn", "status: true"),
        [(I1, 16, 13, "reports[0].status", "«true» er ikke en gyldig status")],
    ),
    Case(
        "title-true",
        edit(I2, 'title: "Beta"', "title: true"),
        [(I2, 3, 8, "title", "skal være tekst, men true er en ja/nej-værdi i YAML")],
    ),
    Case(
        "required-text-empty",
        edit(I2, 'description: "Anden indsats."', "description:"),
        [(I2, 4, 13, "description", "feltet er tomt")],
    ),
    Case(
        "required-text-blank",
        edit(I2, 'description: "Anden indsats."', 'description: ""'),
        [(I2, 4, 14, "description", "må ikke være tom")],
    ),
    Case(
        "date-wrong-format",
        edit(I1, 'date: "2024-03-31"', 'date: "31-03-2024"'),
        [(I1, 15, 11, "reports[0].date", "«31-03-2024» er ikke en dato")],
    ),
    Case(
        "date-month-13-unquoted",
        edit(I1, 'date: "2024-03-31"', "date: 2024-13-01"),
        [(I1, 15, 11, "reports[0].date", "«2024-13-01» er ikke en dato: måned 13 findes ikke (1–12)")],
    ),
    Case(
        "date-impossible-day",
        edit(I1, 'date: "2024-03-31"', 'date: "2024-02-30"'),
        [(I1, 15, 11, "reports[0].date", "«2024-02-30» er ikke en dato: februar 2024 har kun 29 dage")],
    ),
    Case(
        "end-date-not-a-date",
        edit(I1, 'end_date: "2025-06"', 'end_date: "snart"'),
        [(I1, 10, 11, "end_date", "«snart» er ikke en dato")],
    ),
    Case(
        "number-not-integer",
        edit(I2, "number: 2", "number: to"),
        [(I2, 2, 9, "number", "skal være et heltal, fx 3 (nu: «to»)")],
    ),
    Case(
        "number-float",
        edit(I2, "number: 2", "number: 2.5"),
        [(I2, 2, 9, "number", "skal være et heltal, fx 3")],
    ),
    Case(
        "effects-not-a-list",
        edit(I2, "target_groups: ikke_oplyst", 'effects: "Bedre service"\ntarget_groups: ikke_oplyst'),
        [(I2, 5, 10, "effects", "skal være en liste: én linje pr")],
    ),
    Case(
        "target-groups-not-a-list",
        edit(I2, "target_groups: ikke_oplyst", "target_groups: borgere"),
        [(I2, 5, 16, "target_groups", "skal være en liste af målgruppe-id'er (linjer med «- ») eller ikke_oplyst")],
    ),
    Case(
        "target-group-unknown",
        edit(I1, "target_groups: [borgere]", "target_groups: [borger]"),
        [(I1, 6, 17, "target_groups[0]", "målgruppen «borger» findes ikke i data/testplan/plan.yml")],
    ),
    Case(
        "staff-unknown",
        edit(I2, "staff_affected: under-200", "staff_affected: under200"),
        [(I2, 6, 17, "staff_affected", "«under200» findes ikke under staff_brackets i data/testplan/plan.yml")],
    ),
    Case(
        "goal-unknown",
        edit(I1, "  - goal: m1", "  - goal: m3"),
        [(I1, 9, 11, "goals[0].goal", "målsætningen «m3» findes ikke i data/testplan/plan.yml")],
    ),
    Case(
        "duplicate-number",
        copy(I2, "data/testplan/initiatives/01-beta-kopi.yml", "number: 2", "number: 1"),
        [
            (
                "data/testplan/initiatives/01-beta-kopi.yml",
                2,
                9,
                "number",
                "nummer 1 bruges også af data/testplan/initiatives/01-alfa.yml",
            )
        ],
    ),
    Case(
        "filename-number-mismatch",
        edit(I2, "number: 2", "number: 3"),
        [(I2, 2, 9, "number", "filnavnet starter med 02, men number er 3")],
    ),
    Case(
        "reports-out-of-order",
        edit(I1, 'date: "2024-09-30"', 'date: "2024-01-31"'),
        [(I1, 18, 11, "reports[1].date", "rapporterne skal stå i rækkefølge, ældste først: 31")],
    ),
    Case(
        "report-in-future",
        edit(I1, 'date: "2024-09-30"', 'date: "2025-01-15"'),
        [(I1, 18, 11, "reports[1].date", "datoen 15. januar 2025 ligger i fremtiden. En stat")],
    ),
    Case(
        "filename-without-two-digits",
        copy(I2, "data/testplan/initiatives/3-gamma.yml", "number: 2", "number: 3"),
        [("data/testplan/initiatives/3-gamma.yml", 1, 1, "", "filen ligger ikke hvor den skal")],
    ),
    Case(
        "yaml-extension",
        copy(I2, "data/testplan/initiatives/03-gamma.yaml", "number: 2", "number: 3"),
        [("data/testplan/initiatives/03-gamma.yaml", 1, 1, "", "filen ligger ikke hvor den skal")],
    ),
    Case(
        "file-in-wrong-folder",
        copy(I2, "data/testplan/03-gamma.yml", "number: 2", "number: 3"),
        [("data/testplan/03-gamma.yml", 1, 1, "", "filen ligger ikke hvor den skal")],
    ),
    Case(
        "missing-schema-line",
        edit(I2, SCHEMA_I, ""),
        [
            (
                I2,
                1,
                1,
                "",
                "første linje skal være: # yaml-language-server: $schema=../../../schemas/initiative.schema.json",
            )
        ],
    ),
    Case(
        "wrong-schema-line",
        edit(I2, SCHEMA_I, "# yaml-language-server: $schema=../../schemas/plan.schema.json\n"),
        [(I2, 1, 1, "", "første linje peger på et forkert skema")],
    ),
    Case(
        "plan-folder-without-plan",
        copy(I2, "data/andenplan/initiatives/01-beta.yml", "number: 2", "number: 1"),
        [("data/andenplan", 1, 1, "", "mappen mangler en plan.yml")],
    ),
    Case(
        "plan-folder-bad-name",
        copy(PLAN, "data/Anden_Plan/plan.yml"),
        [("data/Anden_Plan", 1, 1, "", "mappenavnet må kun have små bogstaver a-z, tal og bindestreg")],
    ),
    Case(
        "not-utf8",
        write(I2, (SCHEMA_I + 'number: 2\ntitle: "Bæta"\n').encode("latin-1")),
        [(I2, 3, 10, "", "filen er ikke gemt som UTF-8: byten 0xE6 kan ikke læses (æ, ø og å er måske gemt")],
    ),
    Case(
        "group-expected",
        edit(I2, 'source:\n  document: "Testplanen"\n  section: "Indsats 2"', 'source: "Testplanen"'),
        [
            (
                I2,
                7,
                9,
                "source",
                "skal være en gruppe af felter (navn: værdi) på linjerne nedenunder, indrykket (nu: «Testplanen»)",
            )
        ],
    ),
    Case(
        "plan-period-reversed",
        edit(PLAN, 'period: {start: "2024", end: "2025"}', 'period: {start: "2025", end: "2024"}'),
        [(PLAN, 6, 30, "period.end", "periodens slut (2024) ligger før dens start (2025). Byt om")],
    ),
    Case(
        "plan-duplicate-goal-id",
        edit(PLAN, "  - id: m2", "  - id: m1"),
        [(PLAN, 12, 9, "goals[1].id", "«m1» står to gange i goals")],
    ),
    Case(
        "plan-misspelt-key",
        edit(PLAN, 'short_title: "Testplan 2024"', 'short-title: "Testplan 2024"'),
        [(PLAN, 2, 1, "short_title", "feltet mangler"), (PLAN, 3, 1, "short-title", "ukendt felt «short-title»")],
    ),
    Case(
        "plan-cadence-zero",
        edit(PLAN, "cadence_months: 6", "cadence_months: 0"),
        [(PLAN, 20, 19, "reporting.cadence_months", "skal være mindst 1 (nu: «0»)")],
    ),
    Case(
        "plan-goal-id-uppercase",
        edit(PLAN, "  - id: m2", "  - id: M2"),
        [
            (
                PLAN,
                12,
                9,
                "goals[1].id",
                "må kun indeholde små bogstaver a-z, tal og bindestreg, fx «klinisk-personale» (nu: «M2»)",
            )
        ],
    ),
]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ACTIONPLANS_TODAY", TODAY)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path


def run_validate(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[tuple[str, int, int, str, str]], str]:
    code = main(["validate", "--data", str(root / "data")])
    out = capsys.readouterr().out
    problems = []
    for line in out.splitlines():
        match = PROBLEM.match(line)
        if match:
            path, lineno, col, field, message = match.groups()
            problems.append((path, int(lineno), int(col), field or "", message))
    return code, problems, out


def test_catalogue_is_large_and_names_are_unique() -> None:
    assert len(CASES) >= 25
    assert len({case.name for case in CASES}) == len(CASES)


def test_fixture_is_valid(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, problems, out = run_validate(tree, capsys)
    assert (code, problems) == (0, [])
    assert out.startswith("OK: 1 plan og 2 indsatser")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_malformed_file(case: Case, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case.action(tree)
    code, problems, out = run_validate(tree, capsys)
    assert code == 1
    assert "Traceback" not in out
    assert [p[:4] for p in problems] == [e[:4] for e in case.expected], out
    for (*_, message), (*_, start) in zip(problems, case.expected, strict=True):
        assert message.startswith(start), (message, start)
    assert f"{len(case.expected)} fejl i " in out


def test_yes_no_stay_text_in_text_fields(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """YAML 1.1 would turn these into booleans; here a title «no» is just the word."""
    edit(I2, 'title: "Beta"', "title: no")(tree)
    edit(I2, 'description: "Anden indsats."', "description: on")(tree)
    code, problems, _ = run_validate(tree, capsys)
    assert (code, problems) == (0, [])


def test_every_problem_is_reported_at_once(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(I1, "status: grøn", "status: groen")(tree)
    edit(I2, "number: 2", "number: 3")(tree)
    edit(PLAN, "cadence_months: 6", "cadence_months: 0")(tree)
    code, problems, _ = run_validate(tree, capsys)
    assert code == 1
    assert [p[0] for p in problems] == [I1, I2, PLAN]


def test_github_annotations(tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    edit(I1, "status: grøn", "status: groen")(tree)
    assert main(["validate", "--data", str(tree / "data")]) == 1
    out = capsys.readouterr().out
    assert (
        f"::error file={I1},line=16,col=13::reports[0].status: «groen» er ikke en gyldig status. Mente du «grøn»?"
        in out
    )
    assert f"{I1}:16:13: reports[0].status: «groen»" in out


def test_no_annotations_outside_github(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(I1, "status: grøn", "status: groen")(tree)
    main(["validate", "--data", str(tree / "data")])
    assert "::error" not in capsys.readouterr().out


def test_missing_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(tmp_path / "findes-ikke")]) == 1
    assert "findes-ikke:1:1: mappen med data findes ikke" in capsys.readouterr().out


def test_validate_passes_on_real_data() -> None:
    """Through run.py's path (python -m actionplans), on the repository's own data/."""
    result = subprocess.run(
        [sys.executable, "-m", "actionplans", "validate"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: 2 planer og 30 indsatser er tjekket uden fejl.")
    assert result.stderr == ""


def test_cli_reports_a_broken_real_file_without_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    target = data / "region-sjaelland-2024" / "initiatives" / "03-beslutningsstoette-til-henvisninger.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("status: ", "status: Gult # ", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "actionplans", "validate", "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(
        r"^data/region-sjaelland-2024/initiatives/03-beslutningsstoette-til-henvisninger\.yml:\d+:\d+: "
        r"reports\[0\]\.status: «Gult» er ikke en gyldig status\. Mente du «gul»\?",
        result.stdout,
        re.M,
    ), result.stdout
