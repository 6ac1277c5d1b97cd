"""``new`` (scaffold an initiative) and ``schema --check`` through the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actionplans.cli import main
from actionplans.source import yamlsource
from actionplans.source.model import Initiative
from actionplans.source.scaffold import slugify

FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "data"
INITIATIVES = "data/testplan/initiatives"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ACTIONPLANS_TODAY", "2024-12-01")
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


def validate(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["validate", "--data", str(data)])
    return code, [line for line in capsys.readouterr().out.splitlines() if line.startswith("data/")]


def test_new_creates_the_next_number_with_every_field(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "testplan", "Øget brug af AI i sagsbehandlingen", "--data", str(data)]) == 0
    path = data / "testplan/initiatives/03-oeget-brug-af-ai-i-sagsbehandlingen.yml"
    assert f"Oprettet: {path.as_posix()}" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/initiative.schema.json\n")
    loaded = yamlsource.load(path)
    assert loaded.problems == []
    assert loaded.data["number"] == 3
    assert loaded.data["title"] == "Øget brug af AI i sagsbehandlingen"
    assert list(loaded.data) == [k for k in loaded.data if k in Initiative.model_fields]
    assert set(loaded.data) == set(Initiative.model_fields), "every field of the model is in the new file"
    # every field line has a Danish comment right above it
    lines = text.splitlines()
    for key in Initiative.model_fields:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        assert lines[index - 1].startswith("#"), key
    # the plan's vocabularies are listed for the editor
    assert "borgere, klinisk-personale" in text
    assert ": m1, m2" in text


def test_new_file_asks_for_exactly_the_texts_that_cannot_be_guessed(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["new", "testplan", "Gamma", "--data", str(data)])
    capsys.readouterr()
    code, problems = validate(data, capsys)
    assert code == 1
    path = f"{INITIATIVES}/03-gamma.yml"
    lines = (data / "testplan/initiatives/03-gamma.yml").read_text(encoding="utf-8").splitlines()

    def where(text: str) -> str:
        index = next(i for i, line in enumerate(lines) if line.startswith(text))
        return f"{path}:{index + 1}:{len(text) + 2}"

    assert [p.split(": ")[0:2] for p in problems] == [
        [where("description:"), "description"],
        [where("  document:"), "source.document"],
        [where("  section:"), "source.section"],
    ]
    assert all("må ikke være tom" in p for p in problems)
    # the editor fills in the three texts ...
    file = data / "testplan/initiatives/03-gamma.yml"
    text = file.read_text(encoding="utf-8")
    text = text.replace('description: ""', 'description: "Tredje indsats."')
    text = text.replace('document: ""', 'document: "Testplanen"').replace('section: ""', 'section: "Side 3"')
    file.write_text(text, encoding="utf-8")
    code, problems = validate(data, capsys)
    assert (code, problems) == (0, [])


def test_new_number_follows_the_highest_in_use(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(data / "testplan/initiatives/02-beta.yml", data / "testplan/initiatives/07-syv.yml")
    main(["new", "testplan", "Otte", "--data", str(data)])
    assert (data / "testplan/initiatives/08-otte.yml").exists()


def test_new_unknown_plan(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "testplan-2024", "X", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "Fejl: planen «testplan-2024» findes ikke" in err
    assert "Mente du «testplan»?" in err
    assert sorted(p.name for p in (data / "testplan/initiatives").iterdir()) == ["01-alfa.yml", "02-beta.yml"]


def test_new_title_without_letters(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "testplan", " – ", "--data", str(data)]) == 1
    assert "titlen skal indeholde mindst ét bogstav eller tal" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Øget fremmøde til ambulante aftaler", "oeget-fremmoede-til-ambulante-aftaler"),
        ("Styrke IT-sikkerheden (fase 2)", "styrke-it-sikkerheden-fase-2"),
        ("Café-ordning på sygehuse", "cafe-ordning-paa-sygehuse"),
        (
            "Optimering af den administrative brug af Sundhedsplatformen i hele regionen",
            "optimering-af-den-administrative-brug-af",
        ),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert len(slug) <= 50


def test_schema_check_detects_stale_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "--check"]) == 1
    assert "schemas/plan.schema.json: forældet" in capsys.readouterr().out
    assert main(["schema"]) == 0
    assert "Skrevet: schemas/initiative.schema.json" in capsys.readouterr().out
    assert main(["schema", "--check"]) == 0
    assert main(["schema"]) == 0
    assert capsys.readouterr().out.endswith("Skemaerne er allerede opdaterede.\n")


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["new", "testplan"])
    assert exc.value.code == 2


def contributing_block(heading: str) -> str:
    """The first ```yaml block after ``heading`` in CONTRIBUTING.md."""
    text = (Path(__file__).resolve().parent.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    after = text.split(f"\n### {heading}\n", 1)[1]
    return after.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_contributing_template_and_report_block_pass_validate(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What CONTRIBUTING tells editors to copy and paste must itself be valid."""
    (data / "testplan/initiatives/16-ny.yml").write_text(
        contributing_block("Skabelon til en ny indsats"), encoding="utf-8"
    )
    beta = data / "testplan/initiatives/02-beta.yml"
    block = contributing_block("Ny statusrapport").replace('"2025-12-15"', '"2024-11-15"')
    beta.write_text(beta.read_text(encoding="utf-8").replace("reports: []\n", "reports:\n" + block), encoding="utf-8")
    code, problems = validate(data, capsys)
    assert (code, problems) == (0, [])
    loaded = yamlsource.load(beta)
    assert loaded.data["reports"][0]["status"] == "gul"
    assert loaded.data["reports"][0]["narrative"].startswith("Første afsnit.\n\nAndet afsnit.")


def test_serve_and_build_pass_mkdocs_options_through(monkeypatch: pytest.MonkeyPatch) -> None:
    """«python3 run.py build -d mappe» as the help says (argparse used to take -d for its own)."""
    from actionplans import cli

    seen: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(cli, "mkdocs", lambda command, extra: seen.append((command, extra)) or 0)
    assert main(["build", "-d", "ud"]) == 0
    assert main(["serve", "-a", "127.0.0.1:8001"]) == 0
    assert main(["serve", "--", "--dirty"]) == 0
    assert main(["serve"]) == 0
    assert seen == [("build", ["-d", "ud"]), ("serve", ["-a", "127.0.0.1:8001"]), ("serve", ["--dirty"]), ("serve", [])]
