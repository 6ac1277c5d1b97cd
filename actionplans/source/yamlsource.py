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

Four modules, split at 657 lines (issue 13) and again at 648 (issue 12), one a stage: this one
is the *file* (reading safely, bytes, encoding, characters an editor cannot see, tabs, and the
order of the stages); ``yamlcompose`` text -> node tree (the parsers, the nesting limit, syntax
errors); ``yamlconstruct`` node tree -> data (the core schema, duplicate keys, tags, the position
tables); ``yamlwording`` the *words* (Danish messages for parser and operating-system errors).
The names other modules use are re-exported here.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import Node

from actionplans.source.problems import Problem
from actionplans.source.yamlcompose import MAX_DEPTH, compose
from actionplans.source.yamlconstruct import INVALID, MAX_DIGITS, Loc, construct, format_loc, index_positions
from actionplans.source.yamlwording import NOT_A_FILE, char_name, file_error

# The names other modules and tests use, whichever of the four modules defines them.
__all__ = [
    "INVALID",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "NOT_A_FILE",
    "Loc",
    "SourceFile",
    "char_name",
    "file_error",
    "format_loc",
    "load",
    "parse",
    "parse_bytes",
    "read_bytes",
]


MAX_BYTES = 512 * 1024  # the largest real file is about 17 kB


# Characters an editor cannot see or that no text needs: C0 controls except tab and newline
# (a carriage return only as part of CRLF), DEL, C1, BOM, U+FFFE/U+FFFF and lone surrogates.
_FORBIDDEN_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]|\r(?!\n)")
# The same without the lone carriage return: a bare character class is searched about 8× faster
# than the alternation, so files without "\r" (nearly all) take only this one.
_FORBIDDEN_RAW_NO_CR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")


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
            if self.root is None and self.data is not None and self.text:
                # data from the parse cache (parsecache.py) comes without the node tree:
                # compose this same text again, which gives the same tree
                self.root = parse(self.text, SourceFile(self.path, self.display)).root
            if self.root is not None:
                index_positions(self.root, (), self._positions, self._key_positions)
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


def load(path: Path, display: str | None = None) -> SourceFile:
    """Read and parse one YAML file. Problems are collected, never raised.

    Only a regular file is read, never through a symbolic link (``O_NOFOLLOW``), never a folder,
    a pipe or a device, and never more than MAX_BYTES. The repository's scan of ``data/`` gives
    the editor the specific message first; this is the last line of defence.
    """
    src = SourceFile(path=path, display=display or str(path))
    raw = read_bytes(src)
    return src if raw is None else parse_bytes(raw, src)


def read_bytes(src: SourceFile) -> bytes | None:
    """The bytes of ``src.path`` (at most MAX_BYTES + 1), or None with the problem recorded."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(src.path, flags)
    except OSError as exc:
        src.problems.append(Problem(src.display, 1, 1, "", file_error(exc)))
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            src.problems.append(Problem(src.display, 1, 1, "", NOT_A_FILE))
            return None
        return handle.read(MAX_BYTES + 1)


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
    found = (_FORBIDDEN_RAW if "\r" in text else _FORBIDDEN_RAW_NO_CR).search(text)
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
    composed = compose(text, src)
    if composed is None:
        return src
    node, loader = composed
    return construct(node, src, loader)
