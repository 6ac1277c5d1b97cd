"""A catalogue of editors' mistakes: each malformed file must give exit code 1 and a Danish
message at the right file, line and column, and nothing else (no traceback, no noise).

Every case starts from the small valid tree in ``tests/fixtures/mini/data`` and changes one
thing, the way an editor would in GitHub's web editor.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from actionplans.cli import main
from actionplans.source.repository import BAD_NAME, FOLDER_WITH_DATA_NAME, NOT_REGULAR, SYMLINK

from .examples import example_data, published

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "data"
TODAY = "2024-12-01"

I1 = "data/testplan/initiatives/01-alfa.yml"
I2 = "data/testplan/initiatives/02-beta.yml"
PLAN = "data/testplan/plan.yml"
SCHEMA_I = "# yaml-language-server: $schema=../../../schemas/initiative.schema.json\n"
FROM_WORD = "Det kommer ofte med ved kopiering fra Word eller PDF; slet det"
TOO_DEEP = "for mange niveauer af indrykning, lister eller klammer (mere end 20). Så dybt går ingen felter; tjek indrykningen og at hver [ og { bliver lukket"
NO_TAGS = "bruges ikke i disse filer. Fjern det, og skriv værdien som almindelig tekst, tal eller liste"
ESCAPED = "som ikke må stå i filerne (fx skrevet som \\0, \\a eller \\uFFFE). Slet det"
INVISIBLE_ONLY = "teksten består kun af usynlige tegn (fx mellemrum med nul bredde). Skriv teksten, eller slet feltet hvis det er valgfrit"
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


def edit_bytes(rel: str, old: str, new: bytes) -> Action:
    """Like ``edit``, but writes raw bytes (control characters, other encodings)."""

    def apply(root: Path) -> None:
        path = root / rel
        raw = path.read_bytes()
        assert old.encode() in raw, f"fixture changed: {old!r} not in {rel}"
        path.write_bytes(raw.replace(old.encode(), new, 1))

    return apply


def mkdir(rel: str) -> Action:
    return lambda root: (root / rel).mkdir(parents=True)


def symlink(rel: str, target: str) -> Action:
    """A symbolic link at ``rel``; ``target`` is relative to the link's folder, or absolute
    under the test's temporary root when it starts with "/" (outside data/)."""

    def apply(root: Path) -> None:
        link = root / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.exists() or link.is_symlink():
            link.unlink()
        link.symlink_to(root / target[1:] if target.startswith("/") else target)

    return apply


def outside(rel: str, content: str) -> Action:
    """A file outside data/ (in the test's temporary root)."""
    return write(rel, content)


def both(*actions: Action) -> Action:
    def apply(root: Path) -> None:
        for action in actions:
            action(root)

    return apply


@dataclass
class Case:
    name: str
    action: Action
    expected: list[tuple[str, int, int, str, str]]  # path, line, col, field, message start
    kind: str = "earlier"  # the class (issue 11): traceback, silent, message, files, strict


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
    # --- issue 11: inputs that ended in a traceback -------------------------------------------
    Case(
        "raw-nul-byte",
        edit_bytes(I2, 'description: "Anden indsats."', b'description: "Anden\x00 indsats."'),
        [(I2, 4, 20, "", f"usynligt tegn U+0000 (nul-tegn) må ikke stå i filen. {FROM_WORD}")],
        "traceback",
    ),
    Case(
        "raw-form-feed",
        edit_bytes(I2, 'description: "Anden indsats."', b'description: "Anden\x0c indsats."'),
        [(I2, 4, 20, "", f"usynligt tegn U+000C (sideskift) må ikke stå i filen. {FROM_WORD}")],
        "traceback",
    ),
    Case(
        "raw-escape",
        edit_bytes(I2, 'description: "Anden indsats."', b"description: Anden\x1b[1m indsats."),
        [(I2, 4, 19, "", f"usynligt tegn U+001B (escape) må ikke stå i filen. {FROM_WORD}")],
        "traceback",
    ),
    Case(
        "raw-delete",
        edit_bytes(I2, 'title: "Beta"', b'title: "Be\x7fta"'),
        [(I2, 3, 11, "", f"usynligt tegn U+007F (delete) må ikke stå i filen. {FROM_WORD}")],
        "traceback",
    ),
    Case(
        "raw-c1-control",
        edit_bytes(I2, 'title: "Beta"', 'title: "Be\x85ta"'.encode()),
        [(I2, 3, 11, "", f"usynligt tegn U+0085 må ikke stå i filen. {FROM_WORD}")],
        "traceback",
    ),
    Case(
        "raw-noncharacter",
        edit_bytes(I2, 'title: "Beta"', 'title: "Beta\ufffe"'.encode()),
        [(I2, 3, 13, "", f"usynligt tegn U+FFFE må ikke stå i filen. {FROM_WORD}")],
        "traceback",
    ),
    Case(
        "raw-lone-carriage-return",
        edit_bytes(I2, 'title: "Beta"', b'title: "Be\rta"'),
        [(I2, 3, 11, "", f"usynligt tegn U+000D (vognretur) må ikke stå i filen. {FROM_WORD}")],
        "traceback",
    ),
    Case(
        "raw-several-control-characters",
        edit_bytes(I2, 'title: "Beta"', b'title: "B\x00e\x00ta"'),
        [
            (
                I2,
                3,
                10,
                "",
                f"usynligt tegn U+0000 (nul-tegn) må ikke stå i filen. {FROM_WORD} "
                "(filen har 2 af den slags tegn; dette er det første)",
            )
        ],
        "traceback",
    ),
    Case(
        "deep-flow-nesting",
        edit(I2, 'title: "Beta"', "title: " + "[" * 5000 + "]" * 5000),
        [(I2, 3, 27, "", TOO_DEEP)],
        "traceback",
    ),
    Case(
        "deep-unclosed-nesting",
        edit(I2, 'title: "Beta"', "title: " + "[" * 100_000),
        [(I2, 3, 27, "", TOO_DEEP)],
        "traceback",
    ),
    Case(
        "deep-block-nesting",
        edit(I2, 'title: "Beta"', "title:\n" + "".join("  " * i + "- \n" for i in range(1, 600))),
        [(I2, 23, 41, "", TOO_DEEP)],
        "traceback",
    ),
    Case(
        "number-5000-digits",
        edit(I2, "number: 2", "number: " + "9" * 5000),
        [
            (
                I2,
                2,
                9,
                "number",
                "«"
                + "9" * 79
                + "…» er for langt eller for stort til at være et tal. Skriv et tal med højst 15 cifre; er det ment som tekst, så sæt det i anførselstegn",
            )
        ],
        "traceback",
    ),
    Case(
        "date-year-0000",
        edit(I1, 'date: "2024-03-31"', 'date: "0000-03-31"'),
        [(I1, 15, 11, "reports[0].date", "«0000-03-31» er ikke en dato: året skal ligge mellem 1900 og 2999")],
        "traceback",
    ),
    Case(
        "folder-named-like-initiative",
        mkdir("data/testplan/initiatives/03-x.yml"),
        [("data/testplan/initiatives/03-x.yml", 1, 1, "", FOLDER_WITH_DATA_NAME)],
        "traceback",
    ),
    Case(
        "plan-yml-is-a-folder",
        mkdir("data/andenplan/plan.yml"),
        [("data/andenplan/plan.yml", 1, 1, "", FOLDER_WITH_DATA_NAME)],
        "traceback",
    ),
    Case(
        "dangling-symlink",
        symlink("data/testplan/initiatives/03-x.yml", "findes-ikke.yml"),
        [("data/testplan/initiatives/03-x.yml", 1, 1, "", SYMLINK)],
        "traceback",
    ),
    Case(
        "symlink-loop",
        symlink("data/testplan/initiatives/03-x.yml", "03-x.yml"),
        [("data/testplan/initiatives/03-x.yml", 1, 1, "", SYMLINK)],
        "traceback",
    ),
    # --- issue 11: inputs that were accepted silently -----------------------------------------
    Case(
        "tag-binary",
        edit(I2, 'description: "Anden indsats."', "description: !!binary QW5kZW4gaW5kc2F0cy4="),
        [(I2, 4, 14, "description", f"YAML-mærket «!!binary» {NO_TAGS}")],
        "silent",
    ),
    Case(
        "tag-timestamp",
        edit(I1, 'end_date: "2025-06"', "end_date: !!timestamp 2025-06-30"),
        [(I1, 10, 11, "end_date", f"YAML-mærket «!!timestamp» {NO_TAGS}")],
        "silent",
    ),
    Case(
        "tag-str-on-quoted-text",
        edit(I2, 'title: "Beta"', 'title: !!str "Beta"'),
        [(I2, 3, 8, "title", f"YAML-mærket «!!str» {NO_TAGS}")],
        "silent",
    ),
    Case(
        "tag-local-on-mapping",
        edit(I2, "source:\n", "source: !kilde\n"),
        [(I2, 7, 9, "source", f"YAML-mærket «!kilde» {NO_TAGS}")],
        "silent",
    ),
    Case(
        "escaped-nul",
        edit(I2, 'description: "Anden indsats."', 'description: "Anden\\0 indsats."'),
        [(I2, 4, 14, "description", f"teksten indeholder det usynlige tegn U+0000 (nul-tegn), {ESCAPED}")],
        "silent",
    ),
    Case(
        "escaped-bell",
        edit(I2, 'description: "Anden indsats."', 'description: "Anden\\a indsats."'),
        [(I2, 4, 14, "description", f"teksten indeholder det usynlige tegn U+0007 (klokke), {ESCAPED}")],
        "silent",
    ),
    Case(
        "escaped-noncharacter",
        edit(I2, 'title: "Beta"', 'title: "Beta\\uFFFE"'),
        [(I2, 3, 8, "title", f"teksten indeholder det usynlige tegn U+FFFE, {ESCAPED}")],
        "silent",
    ),
    Case(
        "escaped-lone-surrogate",
        edit(I2, 'title: "Beta"', 'title: "Beta\\ud800"'),
        [(I2, 3, 8, "title", f"teksten indeholder det usynlige tegn U+D800 (et halvt tegn), {ESCAPED}")],
        "silent",
    ),
    Case(
        "escaped-bom",
        edit(I2, 'title: "Beta"', 'title: "\\uFEFF"'),
        [(I2, 3, 8, "title", f"teksten indeholder det usynlige tegn U+FEFF (BOM), {ESCAPED}")],
        "silent",
    ),
    Case(
        "number-true",
        edit(I2, "number: 2", "number: true"),
        [(I2, 2, 9, "number", "skal være et heltal, fx 3, men true er en ja/nej-værdi i YAML. Skriv tallet")],
        "silent",
    ),
    Case(
        "number-quoted",
        edit(I2, "number: 2", 'number: "2"'),
        [(I2, 2, 9, "number", "skal være et heltal uden anførselstegn, fx 3 (nu: «2» i anførselstegn)")],
        "silent",
    ),
    Case(
        "title-only-zero-width",
        edit(I2, 'title: "Beta"', 'title: "\u200b\u200b"'),
        [(I2, 3, 8, "title", INVISIBLE_ONLY)],
        "silent",
    ),
    Case(
        "title-only-raw-bom",
        edit(I2, 'title: "Beta"', 'title: "\ufeff"'),
        [(I2, 3, 9, "", f"usynligt tegn U+FEFF (BOM) må ikke stå i filen. {FROM_WORD}")],
        "silent",
    ),
    Case(
        "strategy-period-reversed",
        edit(
            PLAN,
            "approvals: []",
            'strategy: {title: "Strategien", period: {start: "2020", end: "2019-12"}}\napprovals: []',
        ),
        [
            (
                PLAN,
                7,
                62,
                "strategy.period.end",
                "periodens slut (2019-12) ligger før dens start (2020). Byt om på start og end, eller ret årstallet",
            )
        ],
        "silent",
    ),
    Case(
        "reports-same-date",
        edit(I1, 'date: "2024-09-30"', 'date: "2024-03-31"'),
        [
            (
                I1,
                18,
                11,
                "reports[1].date",
                "to statusrapporter har samme dato, 31. marts 2024 (også reports[0]). Slå dem sammen til én rapport, eller ret datoen",
            )
        ],
        "silent",
    ),
    Case(
        "symlink-to-file-outside",
        both(outside("hemmelig.yml", SCHEMA_I + 'number: 2\ntitle: "HEMMELIG"\n'), symlink(I2, "/hemmelig.yml")),
        [(I2, 1, 1, "", SYMLINK)],
        "silent",
    ),
    Case(
        "symlink-to-folder-outside",
        both(copy(PLAN, "andet/plan.yml"), symlink("data/andenplan", "/andet")),
        [("data/andenplan", 1, 1, "", SYMLINK)],
        "silent",
    ),
    # --- issue 11: messages an editor could not use --------------------------------------------
    Case(
        "complex-mapping-key",
        edit(I2, 'title: "Beta"', 'title: "Beta"\n? [a, b]\n: x'),
        [
            (
                I2,
                4,
                3,
                "",
                "et feltnavn skal være et enkelt ord før kolonet (navn: værdi), ikke en liste, en gruppe eller et YAML-mærke. Ret linjen, eller sæt teksten i anførselstegn",
            )
        ],
        "message",
    ),
    Case(
        "unknown-key-that-is-a-number",
        edit(I2, 'title: "Beta"', 'title: "Beta"\n12: x'),
        [(I2, 4, 1, "12", "ukendt felt «12». Tilladte felter her: number, title,")],
        "message",
    ),
    Case(
        "unknown-key-true",
        edit(I2, 'title: "Beta"', 'title: "Beta"\ntrue: x'),
        [(I2, 4, 1, "true", "ukendt felt «true». Tilladte felter her: number, title,")],
        "message",
    ),
    Case(
        "number-1e999",
        edit(I2, "number: 2", "number: 1e999"),
        [(I2, 2, 9, "number", "«1e999» er for langt eller for stort til at være et tal.")],
        "message",
    ),
    Case(
        "second-document",
        edit(I2, 'title: "Beta"', 'title: "Beta"\n---\nnumber: 3'),
        [
            (
                I2,
                4,
                1,
                "",
                "filen må kun indeholde ét YAML-dokument. Slet linjen med «---» (eller «...») og det der står efter",
            )
        ],
        "message",
    ),
    Case(
        "visibility-wrong-case",
        edit(I2, "reports: []", "reports: []\nvisibility: Intern"),
        [
            (
                I2,
                11,
                13,
                "visibility",
                "«Intern» er ikke tilladt her. Mente du «intern»? Gyldige værdier: offentlig, intern, kladde",
            )
        ],
        "message",
    ),
    Case(
        "bom-at-start",
        edit_bytes(I2, "# yaml", b"\xef\xbb\xbf# yaml"),
        [
            (
                I2,
                1,
                1,
                "",
                "filen starter med et usynligt BOM-tegn (byte order mark). Gem den som UTF-8 uden BOM, eller slet det første tegn i filen",
            )
        ],
        "message",
    ),
    Case(
        "union-internals-in-field",
        edit(I2, "target_groups: ikke_oplyst", "target_groups: [[]]"),
        [(I2, 5, 17, "target_groups[0]", "skal være tekst. Sæt værdien i anførselstegn")],
        "message",
    ),
    Case(
        "python-repr-of-a-list",
        edit(I2, "reports: []", "reports: []\nvisibility: [intern]"),
        [(I2, 11, 13, "visibility", "«en liste» er ikke tilladt her. Gyldige værdier: offentlig, intern, kladde")],
        "message",
    ),
    # --- issue 11: files as an editor makes them ------------------------------------------------
    Case(
        "utf16",
        write(I2, (SCHEMA_I + "number: 2\n").encode("utf-16")),
        [(I2, 1, 1, "", "filen er gemt som UTF-16. Gem den igen som UTF-8 (uden BOM)")],
        "files",
    ),
    Case(
        "file-name-with-space",
        copy(I2, "data/testplan/initiatives/03 gamma.yml", "number: 2", "number: 3"),
        [("data/testplan/initiatives/03 gamma.yml", 1, 1, "", BAD_NAME)],
        "files",
    ),
    Case(
        "file-name-with-control-character",
        copy(I2, "data/testplan/initiatives/03-gam\nma.yml", "number: 2", "number: 3"),
        [("data/testplan/initiatives/03-gam\\nma.yml", 1, 1, "", BAD_NAME)],
        "files",
    ),
    Case(
        "folder-name-with-space",
        copy(PLAN, "data/anden plan/plan.yml"),
        [("data/anden plan", 1, 1, "", BAD_NAME)],
        "files",
    ),
    Case(
        "file-too-large",
        edit(I2, "reports: []", "reports: []\n" + ("# " + "x" * 1000 + "\n") * 600),
        [
            (
                I2,
                1,
                1,
                "",
                "filen er for stor (over 512 kB). En datafil er højst nogle få kB; del teksten op, eller tjek at det er den rigtige fil",
            )
        ],
        "files",
    ),
    Case(
        "named-pipe",
        lambda root: os.mkfifo(root / "data/testplan/initiatives/03-x.yml"),
        [("data/testplan/initiatives/03-x.yml", 1, 1, "", NOT_REGULAR)],
        "files",
    ),
    # --- issue 11: strict types and meaning -----------------------------------------------------
    Case(
        "status-not-in-plan-scale",
        edit(I1, "status: gul", "status: rød"),
        [
            (
                I1,
                19,
                13,
                "reports[1].status",
                "«rød» står ikke i planens statusskala (status_scale i data/testplan/plan.yml; farver dér: grøn, gul). "
                "Gyldige værdier: grøn, gul, ikke_oplyst, gennemført, annulleret, omlagt. "
                "Eller tilføj planens definition af «rød» i status_scale",
            )
        ],
        "strict",
    ),
    Case(
        "date-one-digit-month",
        edit(I1, 'date: "2024-03-31"', 'date: "2024-3-31"'),
        [
            (
                I1,
                15,
                11,
                "reports[0].date",
                '«2024-3-31» er ikke en dato. Skriv år-måned-dag, fx "2024-05-31", eller kun år-måned ("2024-05") eller år ("2024")',
            )
        ],
        "strict",
    ),
    Case(
        "date-unquoted-year",
        edit(PLAN, 'period: {start: "2024", end: "2025"}', 'period: {start: 2024, end: "2025"}'),
        [(PLAN, 6, 17, "period.start", 'skal være en dato i anførselstegn, fx "2024-05-31", "2024-05" eller "2024"')],
        "strict",
    ),
    Case(
        "title-number",
        edit(I2, 'title: "Beta"', "title: 2024"),
        [(I2, 3, 8, "title", "skal være tekst. Sæt værdien i anførselstegn (nu: «2024»)")],
        "strict",
    ),
    Case(
        "cadence-boolean",
        edit(PLAN, "cadence_months: 6", "cadence_months: true"),
        [
            (
                PLAN,
                20,
                19,
                "reporting.cadence_months",
                "skal være et heltal, fx 3, men true er en ja/nej-værdi i YAML. Skriv tallet",
            )
        ],
        "strict",
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
    # this repository's example plans; after init, the organisation's own plan
    assert result.stdout.startswith("OK: 2 planer og 30 indsatser" if published() else "OK: ")
    assert result.stdout.rstrip().endswith("er tjekket uden fejl.")
    assert result.stderr == ""


def test_cli_reports_a_broken_real_file_without_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(example_data(), data)
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


def test_period_to_a_less_precise_end_is_not_reversed(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ "2024-05" to "2024" ends with 2024 (December), after its start: no problem."""
    edit(PLAN, 'period: {start: "2024", end: "2025"}', 'period: {start: "2024-05", end: "2024"}')(tree)
    assert run_validate(tree, capsys)[:2] == (0, [])


def test_status_outside_the_scale_is_allowed_when_not_a_colour(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ikke_oplyst and the end states need no definition in the plan's scale."""
    edit(I1, "status: gul", "status: gennemført")(tree)
    edit(I1, "status: grøn", "status: ikke_oplyst")(tree)
    assert run_validate(tree, capsys)[:2] == (0, [])


def test_a_symlinked_file_is_never_read(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The loader opens with O_NOFOLLOW: even called directly on a link, it reads nothing."""
    from actionplans.source import yamlsource
    from actionplans.source.repository import check_repository

    secret = tree / "hemmelig.yml"
    secret.write_text(SCHEMA_I + 'number: 2\ntitle: "HEMMELIG"\n', encoding="utf-8")
    link = tree / I2
    link.unlink()
    link.symlink_to(secret)
    loaded = yamlsource.load(link, I2)
    assert (loaded.data, loaded.text) == (None, "")
    assert [str(p) for p in loaded.problems] == [
        f"{I2}:1:1: er en genvej (symbolsk link). Datafiler skal være almindelige filer i data/; "
        "erstat genvejen med selve filen"
    ]
    repo, problems = check_repository(tree / "data", root=tree)
    assert [i.slug for plan in repo.plans for i in plan.initiatives] == ["01-alfa"]
    assert "HEMMELIG" not in "\n".join(str(p) for p in problems)


# Cases whose message has the same form as a documented one (another line, value or character).
VARIANTS = {
    "union-internals-in-field",
    "python-repr-of-a-list",
    "anchor-alias",
    "misspelt-key",
    "date-one-digit-month",
    "cadence-boolean",
    "danish-key-name",
    "misspelt-nested-key",
    "plan-misspelt-key",
    "status-english",
    "status-boolean-true",
    "number-float",
    "file-in-wrong-folder",
    "raw-form-feed",
    "raw-escape",
    "raw-delete",
    "raw-c1-control",
    "raw-noncharacter",
    "raw-lone-carriage-return",
    "raw-several-control-characters",
    "title-only-raw-bom",
    "deep-unclosed-nesting",
    "deep-block-nesting",
    "number-5000-digits",
    "tag-timestamp",
    "tag-str-on-quoted-text",
    "tag-local-on-mapping",
    "escaped-bell",
    "escaped-noncharacter",
    "escaped-lone-surrogate",
    "escaped-bom",
    "plan-yml-is-a-folder",
    "symlink-loop",
    "symlink-to-file-outside",
    "symlink-to-folder-outside",
    "unknown-key-that-is-a-number",
    "unknown-key-true",
    "strategy-period-reversed",
    "file-name-with-control-character",
    "folder-name-with-space",
}


def documented_messages() -> list[re.Pattern[str]]:
    """The examples in CONTRIBUTING.md's «Fejlbeskeder»; «…» stands for any text."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("\n## Fejlbeskeder\n", 1)[1].split("\n## ", 1)[0]
    examples = re.findall(r"^\| `([^`]+)` \|", section, re.M)
    return [re.compile(".*?".join(re.escape(part) for part in example.split("…")), re.S) for example in examples]


def test_contributing_lists_exactly_the_messages_the_validator_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both ways: every example in CONTRIBUTING.md is a line some case prints, and every case
    (except a variant of a documented one) prints only documented lines."""
    monkeypatch.setenv("ACTIONPLANS_TODAY", TODAY)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    documented = documented_messages()
    assert len(documented) >= 50
    assert VARIANTS <= {case.name for case in CASES}
    printed: dict[str, list[str]] = {}
    for case in CASES:
        root = tmp_path / case.name
        shutil.copytree(FIXTURE, root / "data")
        case.action(root)
        main(["validate", "--data", str(root / "data")])
        printed[case.name] = [line for line in capsys.readouterr().out.splitlines() if PROBLEM.match(line)]
    every_line = [line for lines in printed.values() for line in lines]
    unprinted = [p.pattern for p in documented if not any(p.fullmatch(line) for line in every_line)]
    assert unprinted == [], "CONTRIBUTING.md shows a message the validator no longer prints"
    undocumented = [
        (name, line)
        for name, lines in printed.items()
        if name not in VARIANTS
        for line in lines
        if not any(p.fullmatch(line) for p in documented)
    ]
    assert undocumented == [], "add these messages to CONTRIBUTING.md, «Fejlbeskeder»"


def test_libyaml_fast_path_is_used_when_available() -> None:
    """Well-formed files are composed by libyaml (about 10x faster than PyYAML's Python parser)."""
    import yaml

    from actionplans.source import yamlcompose

    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml")
    assert yamlcompose._compose_fast("title: Alfa\n") is not None
