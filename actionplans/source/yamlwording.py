"""The Danish words for what can go wrong while reading a YAML file.

Split from ``yamlsource`` (issue 13) along the seam between *finding* a problem and *saying*
it: how an invisible character is named, what an operating-system error means for an editor,
and PyYAML's English parser errors translated into a message with a fix. Changing a sentence
here changes no rule; the tests in tests/test_validation.py hold every message byte for byte.
"""

from __future__ import annotations

import yaml


def char_name(ch: str) -> str:
    """How a message names an invisible character: «U+000C (sideskift)»."""
    names = {
        "\x00": "nul-tegn",
        "\x07": "klokke",
        "\x08": "backspace",
        "\x0b": "lodret tabulator",
        "\x0c": "sideskift",
        "\r": "vognretur",
        "\x1b": "escape",
        "\x7f": "delete",
        "\ufeff": "BOM",
    }
    code = f"U+{ord(ch):04X}"
    if ch in names:
        return f"{code} ({names[ch]})"
    if "\ud800" <= ch <= "\udfff":
        return f"{code} (et halvt tegn)"
    return code


NOT_A_FILE = "er ikke en almindelig fil. En datafil skal være en almindelig YAML-fil; slet eller erstat den"


def file_error(exc: OSError) -> str:
    """An operating-system error as a Danish message with a fix."""
    import errno

    if exc.errno in (errno.ELOOP, errno.EMLINK):
        return "er en genvej (symbolsk link). Datafiler skal være almindelige filer i data/; erstat genvejen med selve filen"
    if exc.errno == errno.ENOENT:
        return "filen findes ikke (længere). Tjek navnet"
    if exc.errno in (errno.EISDIR, errno.ENOTDIR):
        return NOT_A_FILE
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "filen må ikke læses (adgang nægtet). Giv læseadgang til filen"
    return f"filen kan ikke læses (fejl {exc.errno}). Tjek at det er en almindelig fil"


def unclosed_quote(text: str, error_line: int) -> int | None:
    """The first line before a parse error with an odd number of double quotes, if any.

    A missing closing quote makes YAML read on into the following lines, so the parser
    complains much later; this points the editor back at the line that needs the fix.
    """
    for lineno, line in enumerate(text.splitlines()[: error_line - 1], start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        if (stripped.count('"') - stripped.count('\\"')) % 2 == 1:
            return lineno
    return None


_YAML_ERRORS_DA = (
    ("could not find expected ':'", "der mangler et kolon efter feltnavnet (navn: værdi)"),
    (
        "mapping values are not allowed here",
        "et kolon står et sted hvor det ikke må. Sæt teksten i anførselstegn, hvis den selv indeholder «: »",
    ),
    ("did not find expected key", "indrykningen passer ikke. Felter på samme niveau skal starte i samme kolonne"),
    (
        "did not find expected '-' indicator",
        "indrykningen passer ikke i listen. Alle punkter skal starte med «- » i samme kolonne",
    ),
    (
        "found character that cannot start any token",
        "et tegn kan ikke stå først i en værdi (fx @ eller `). Sæt værdien i anførselstegn",
    ),
    ("found unexpected end of stream", "et anførselstegn er ikke lukket"),
    ("found undefined alias", "ankre og aliaser (& og *) bruges ikke i disse filer"),
    ("expected <block end>, but found", "indrykningen passer ikke med linjen over"),
    (
        "expected a single document",
        "filen må kun indeholde ét YAML-dokument. Slet linjen med «---» (eller «...») og det der står efter",
    ),
    (
        "found a tab character",
        "tabulatortegn er ikke tilladt i YAML. Brug mellemrum (to pr. niveau) til indrykning",
    ),
    (
        "found unknown escape character",
        "ukendt escape-tegn (\\) i tekst med dobbelte anførselstegn. Brug enkelte anførselstegn eller en |-blok",
    ),
)


def yaml_error_da(exc: yaml.MarkedYAMLError) -> str:
    raw = f"{exc.context or ''} {exc.problem or ''}"
    for needle, message in _YAML_ERRORS_DA:
        if needle in raw:
            return message
    return (
        "filen kan ikke læses som YAML her. Tjek indrykning, kolon og anførselstegn i linjen og linjen over "
        f"(YAML: {exc.problem or exc.context})"
    )
