"""Strict YAML loading that remembers where every value came from.

PyYAML's ``safe_load`` is safe but forgiving in ways that hurt editors: a duplicated key
silently keeps the last value, ``no``/``on`` become booleans, ``2024-13-01`` crashes with a
traceback. This loader composes the node tree itself (still only safe, plain types), and:

- resolves scalars by the YAML 1.2 core schema: only ``true``/``false`` are booleans and
  dates stay strings (the model parses them with Danish messages);
- rejects duplicate keys, anchors/aliases, explicit tags (``!!binary``), tabs, empty files and
  non-mapping documents;
- rejects, before parsing, what an editor cannot see: a BOM, bytes that are not UTF-8, control
  characters (C0 except tab and newline, DEL, C1, U+FFFE/U+FFFF); and after parsing the same
  characters written as escapes (``"\\0"``, ``"\\uFFFE"``) or a lone surrogate;
- limits what would crash or hang the parser: file size, nesting depth, digits in a number;
- returns, next to the data, a map from each value's path to its (line, column).

Every failure becomes a :class:`Problem`; nothing here raises for any input.
"""

from __future__ import annotations

import importlib
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from actionplans.source.problems import Problem, shown

Loc = tuple[str | int, ...]

MAX_BYTES = 512 * 1024  # the largest real file is about 17 kB
MAX_DEPTH = 20  # levels of mappings and lists; the model needs 4
MAX_DIGITS = 15  # digits in a number; the model's numbers have at most 3


class _Invalid:
    """A value already reported as a problem; validation errors about it are not repeated."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()

# Characters an editor cannot see or that no text needs: C0 controls except tab and newline
# (a carriage return only as part of CRLF), DEL, C1, BOM, U+FFFE/U+FFFF and lone surrogates.
_FORBIDDEN_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]|\r(?!\n)")
_FORBIDDEN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")


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


def _c_parser() -> Any:
    """libyaml's parser class, or None for a PyYAML built without libyaml. (``yaml.CParser``
    does not exist: the class lives in ``yaml.cyaml`` only.)"""
    try:
        cyaml = importlib.import_module("yaml.cyaml")
    except ImportError:  # pragma: no cover - PyYAML without libyaml
        return None
    return getattr(cyaml, "CParser", None)


CParser: Any = _c_parser()

PLAIN_TAG = "tag:handleplaner,2026:plain"


class _PlainResolver(yaml.resolver.BaseResolver):
    """Tags plain (unquoted, untagged) scalars PLAIN_TAG and quoted ones as strings;
    ``_scalar`` applies the YAML 1.2 core schema to plain scalars itself (only ``true``/``false``
    are booleans, dates stay strings), which is much cheaper than PyYAML's resolver."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return PLAIN_TAG if implicit[0] else self.DEFAULT_SCALAR_TAG
        return str(super().resolve(kind, value, implicit))


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _PlainResolver,
):
    """PyYAML's pure-Python loader: slower, but it points at every anchor, alias and tag."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _PlainResolver.__init__(self)
        self.anchor_marks: list[yaml.Mark] = []
        self.tagged: dict[int, str] = {}  # id(node) -> the explicit tag the editor wrote

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            self.anchor_marks.append(event.start_mark)
            if isinstance(event, yaml.AliasEvent):
                self.get_event()
                start: Any = event.start_mark  # libyaml's or PyYAML's Mark: both have line/column
                end: Any = event.end_mark
                return ScalarNode(PLAIN_TAG, "", start, end)
            event.anchor = None
        tag = getattr(event, "tag", None)
        node = super().compose_node(parent, index)
        if tag is not None and node is not None:
            self.tagged[id(node)] = tag
        return node


if CParser is not None:

    class _FastLoader(CParser, yaml.constructor.SafeConstructor, _PlainResolver):
        """libyaml's parser and composer (about 30× faster), with our constructor."""

        tagged: dict[int, str] = {}  # files with a tag take the careful path

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _PlainResolver.__init__(self)

else:  # pragma: no cover - PyYAML without libyaml
    _FastLoader = None  # type: ignore[assignment,misc]

# Anything that could be an anchor (&a), alias (*a) or tag (!!binary; a tag starts a token, so
# after a space, a line start or [ { ,): such files take the careful path, which points at each
# one. False alarms (a "*" or " !" in prose) only cost speed.
_MAYBE_CAREFUL = re.compile(r"[&*]|(?:^|[\s\[{,])!", re.M)


def _compose_fast(text: str) -> tuple[Node | None, Any] | None:
    """Compose with libyaml when the file is well-formed; None means: use the careful path,
    which gives the Danish message for a syntax error and finds every anchor and tag."""
    if _FastLoader is None or _MAYBE_CAREFUL.search(text):
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node(), loader
    except yaml.YAMLError:
        return None


def _structure_bound(text: str) -> int:
    """An upper bound on the nesting depth, from characters alone: every level of a mapping or
    list needs a new line, an indicator (- ? :) or a bracket. Cheap (str.count runs in C)."""
    return sum(text.count(c) for c in "\n-?:[{") + 1


def _too_deep(text: str) -> Any:
    """Where the nesting first goes deeper than MAX_DEPTH, from the event stream (iterative,
    so it cannot overflow a stack the way composing can). None when the file is shallow enough;
    a syntax error before that point is left to the composer, which reports it."""
    parser: Any = CParser(text) if CParser is not None else yaml.parser.Parser.__new__(_Loader)
    if CParser is None:  # pragma: no cover - PyYAML without libyaml
        _Loader.__init__(parser, text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark: Any = event.start_mark
                    return mark
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None


@dataclass
class SourceFile:
    """A loaded YAML file: its data, the position of every value, and what went wrong."""

    path: Path
    display: str
    data: Any = None
    text: str = ""
    problems: list[Problem] = field(default_factory=list)
    root: Node | None = field(default=None, repr=False)
    _positions: dict[Loc, tuple[int, int]] | None = field(default=None, repr=False)
    _key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def positions(self) -> dict[Loc, tuple[int, int]]:
        """(line, column) of every value by its path; built on first use (only for problems)."""
        if self._positions is None:
            self._positions = {}
            if self.root is not None:
                _index(self.root, (), self._positions, self._key_positions)
        return self._positions

    @property
    def key_positions(self) -> dict[Loc, tuple[int, int]]:
        self.positions  # noqa: B018 - builds both tables
        return self._key_positions

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Best known (line, column) for ``loc``: the value, its key, or the nearest parent."""
        loc = tuple(loc)
        while True:
            table = (self.key_positions, self.positions) if key else (self.positions,)
            for positions in table:
                if loc in positions:
                    return positions[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]
            key = False

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.position(loc, key=key)
        return Problem(self.display, line, col, format_loc(loc), message)


def format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def load(path: Path, display: str | None = None) -> SourceFile:
    """Read and parse one YAML file. Problems are collected, never raised.

    Only a regular file is read, never through a symbolic link (``O_NOFOLLOW``), never a folder,
    a pipe or a device, and never more than MAX_BYTES. The repository's scan of ``data/`` gives
    the editor the specific message first; this is the last line of defence.
    """
    src = SourceFile(path=path, display=display or str(path))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        src.problems.append(Problem(src.display, 1, 1, "", file_error(exc)))
        return src
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            src.problems.append(Problem(src.display, 1, 1, "", NOT_A_FILE))
            return src
        raw = handle.read(MAX_BYTES + 1)
    return parse_bytes(raw, src)


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


def parse_bytes(raw: bytes, src: SourceFile) -> SourceFile:
    """Check size, BOM and encoding, then parse."""
    if len(raw) > MAX_BYTES:
        src.problems.append(
            Problem(
                src.display,
                1,
                1,
                "",
                f"filen er for stor (over {MAX_BYTES // 1024} kB). En datafil er højst nogle få kB; "
                "del teksten op, eller tjek at det er den rigtige fil",
            )
        )
        return src
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        src.problems.append(
            Problem(src.display, 1, 1, "", "filen er gemt som UTF-16. Gem den igen som UTF-8 (uden BOM)")
        )
        return src
    if raw.startswith(b"\xef\xbb\xbf"):
        src.problems.append(
            Problem(
                src.display,
                1,
                1,
                "",
                "filen starter med et usynligt BOM-tegn (byte order mark). Gem den som UTF-8 uden BOM, "
                "eller slet det første tegn i filen",
            )
        )
        return src
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        src.problems.append(
            Problem(
                src.display,
                line,
                col,
                "",
                f"filen er ikke gemt som UTF-8: byten 0x{raw[exc.start]:02X} kan ikke læses "
                "(æ, ø og å er måske gemt med et andet tegnsæt). Gem filen igen som UTF-8",
            )
        )
        return src
    return parse(text, src)


def _forbidden_in_file(text: str, src: SourceFile) -> bool:
    """Report the first forbidden character in the raw text (and how many there are)."""
    found = _FORBIDDEN_RAW.search(text)
    if found is None:
        return False
    index = found.start()
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    count = len(_FORBIDDEN_RAW.findall(text))
    more = f" (filen har {count} af den slags tegn; dette er det første)" if count > 1 else ""
    src.problems.append(
        Problem(
            src.display,
            line,
            col,
            "",
            f"usynligt tegn {char_name(found.group()[0])} må ikke stå i filen. "
            f"Det kommer ofte med ved kopiering fra Word eller PDF; slet det{more}",
        )
    )
    return True


def parse(text: str, src: SourceFile) -> SourceFile:
    src.text = text
    if _forbidden_in_file(text, src):
        return src
    for lineno, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            src.problems.append(
                Problem(
                    src.display,
                    lineno,
                    line.index("\t") + 1,
                    "",
                    "tabulatortegn er ikke tilladt i YAML. Brug mellemrum (to pr. niveau) til indrykning",
                )
            )
    if src.problems:
        return src
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        src.problems.append(Problem(src.display, 1, 1, "", "filen er tom. Udfyld felterne eller slet filen"))
        return src
    careful = _FastLoader is None or bool(_MAYBE_CAREFUL.search(text))
    # libyaml's composer recurses in C and Python's in Python: check the depth first when the
    # file could be deep enough to overflow either (2000 and 200 levels are safe).
    if _structure_bound(text) > (200 if careful else 2000):
        mark = _too_deep(text)
        if mark is not None:
            src.problems.append(_at(src, mark, TOO_DEEP))
            return src
    fast = None if careful else _compose_fast(text)
    if fast is not None:
        node, fast_loader = fast
        return _finish(node, src, fast_loader)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        lineno, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        quote_line = _unclosed_quote(text, lineno) if exc.problem and "found" in exc.problem else None
        if quote_line:
            lineno, col = quote_line, text.splitlines()[quote_line - 1].index('"') + 1
            message = 'et anførselstegn (") i denne linje er ikke lukket. Sæt et " efter teksten'
            src.problems.append(Problem(src.display, lineno, col, "", message))
        else:
            src.problems.append(Problem(src.display, lineno, col, "", _yaml_error_da(exc)))
        return src
    except yaml.YAMLError:  # pragma: no cover - reader errors are caught before parsing
        src.problems.append(Problem(src.display, 1, 1, "", "filen kan ikke læses som YAML. Tjek indrykning og tegn"))
        return src
    finally:
        loader.dispose()
    for mark in loader.anchor_marks:
        src.problems.append(
            _at(src, mark, "ankre og aliaser (& og *) bruges ikke i disse filer. Skriv værdien ud i stedet")
        )
    return _finish(node, src, loader)


TOO_DEEP = (
    f"for mange niveauer af indrykning, lister eller klammer (mere end {MAX_DEPTH}). "
    "Så dybt går ingen felter; tjek indrykningen og at hver [ og { bliver lukket"
)


def _at(src: SourceFile, mark: yaml.Mark, message: str, field: str = "") -> Problem:
    """A problem at a parser mark (0-based) as an editor counts lines and columns (1-based)."""
    return Problem(src.display, mark.line + 1, mark.column + 1, field, message)


class _TooDeep(Exception):
    def __init__(self, node: Node) -> None:
        self.node = node


def _finish(node: Node | None, src: SourceFile, loader: Any) -> SourceFile:
    if node is None:
        src.problems.append(Problem(src.display, 1, 1, "", "filen er tom"))
        return src
    if not isinstance(node, MappingNode):
        src.problems.append(_at(src, node.start_mark, "filen skal bestå af felter på formen «navn: værdi»"))
        return src
    try:
        data = _build(node, src, loader, (), 1)
    except _TooDeep as exc:
        src.problems.append(_at(src, exc.node.start_mark, TOO_DEEP))
        return src
    src.root = node
    src.data = data
    return src


def _unclosed_quote(text: str, error_line: int) -> int | None:
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


def _key(node: Node) -> str:
    """A key as the editor wrote it: ``1:``, ``true:`` and ``"1":`` are the names "1" and "true".
    (A key that is a list or mapping is reported by ``_build`` and never reaches the data.)"""
    return node.value if isinstance(node, ScalarNode) else ""


def _shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _build(node: Node, src: SourceFile, loader: Any, loc: Loc, depth: int) -> Any:
    """Plain Python data from the node tree. Duplicate keys, keys that are not names, explicit
    tags and forbidden characters become problems; such a value becomes INVALID."""
    if depth > MAX_DEPTH:
        raise _TooDeep(node)
    tag = loader.tagged.get(id(node))
    if tag is not None:
        src.problems.append(
            _at(
                src,
                node.start_mark,
                f"YAML-mærket «{_shown_tag(tag)}» bruges ikke i disse filer. "
                "Fjern det, og skriv værdien som almindelig tekst, tal eller liste",
                format_loc(loc),
            )
        )
        return INVALID
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or id(key_node) in loader.tagged:
                src.problems.append(
                    _at(
                        src,
                        key_node.start_mark,
                        "et feltnavn skal være et enkelt ord før kolonet (navn: værdi), ikke en liste, "
                        "en gruppe eller et YAML-mærke. Ret linjen, eller sæt teksten i anførselstegn",
                        format_loc(loc),
                    )
                )
                continue
            key = _key(key_node)
            if key in out:
                src.problems.append(
                    _at(
                        src,
                        key_node.start_mark,
                        f"feltet «{key}» står to gange (første gang i linje {first_line[key]}). "
                        "Slet den ene, så kun én værdi gælder",
                        format_loc((*loc, key)),
                    )
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            out[key] = _build(value_node, src, loader, (*loc, key), depth + 1)
        return out
    if isinstance(node, SequenceNode):
        return [_build(item, src, loader, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
    return _scalar(node, src, loader, loc)


def _index(node: Node, loc: Loc, positions: dict[Loc, tuple[int, int]], keys: dict[Loc, tuple[int, int]]) -> None:
    positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            child = (*loc, _key(key_node))
            if child in keys:
                continue  # a duplicate: the first one counts, as in the data
            keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _index(value_node, child, positions, keys)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*loc, i), positions, keys)


_CORE_INT = re.compile(r"^[-+]?[0-9]+$")
_CORE_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$")
_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_CORE_NULL = {"", "~", "null", "Null", "NULL"}


def _core_plain(value: str) -> Any:
    """YAML 1.2 core schema for a plain (unquoted) scalar. A number too long or too large to be
    meant as one is returned as ``(value,)``, which ``_scalar`` reports."""
    if value in _CORE_NULL:
        return None
    if value in _CORE_BOOL:
        return _CORE_BOOL[value]
    if value[0] in "-+.0123456789":
        if _CORE_INT.match(value):
            return int(value) if len(value.lstrip("+-")) <= MAX_DIGITS else (value,)
        if _CORE_FLOAT.match(value):
            number = float(value)
            return number if math.isfinite(number) and len(value) <= 2 * MAX_DIGITS else (value,)
    return value


def _scalar(node: Node, src: SourceFile, loader: Any, loc: Loc) -> Any:
    """A scalar by the core schema; anything else is a problem, never a traceback."""
    if node.tag == PLAIN_TAG:
        value = _core_plain(node.value)
        if isinstance(value, tuple):
            src.problems.append(
                _at(
                    src,
                    node.start_mark,
                    f"«{shown(value[0])}» er for langt eller for stort til at være et tal. Skriv et tal med "
                    f"højst {MAX_DIGITS} cifre; er det ment som tekst, så sæt det i anførselstegn",
                    format_loc(loc),
                )
            )
            return INVALID
        if not isinstance(value, str):
            return value
    elif node.tag == "tag:yaml.org,2002:str":
        value = node.value
    else:  # pragma: no cover - every other tag is reported as explicit by _build
        src.problems.append(_at(src, node.start_mark, f"YAML-mærket «{node.tag}» bruges ikke i disse filer"))
        return INVALID
    found = _FORBIDDEN_TEXT.search(value)
    if found is not None:
        src.problems.append(
            _at(
                src,
                node.start_mark,
                f"teksten indeholder det usynlige tegn {char_name(found.group())}, som ikke må stå i "
                "filerne (fx skrevet som \\0, \\a eller \\uFFFE). Slet det",
                format_loc(loc),
            )
        )
        return INVALID
    return value


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


def _yaml_error_da(exc: yaml.MarkedYAMLError) -> str:
    raw = f"{exc.context or ''} {exc.problem or ''}"
    for needle, message in _YAML_ERRORS_DA:
        if needle in raw:
            return message
    return (
        "filen kan ikke læses som YAML her. Tjek indrykning, kolon og anførselstegn i linjen og linjen over "
        f"(YAML: {exc.problem or exc.context})"
    )
