"""Strict YAML loading that remembers where every value came from.

PyYAML's ``safe_load`` is safe but forgiving in ways that hurt editors: a duplicated key
silently keeps the last value, ``no``/``on`` become booleans, ``2024-13-01`` crashes with a
traceback. This loader composes the node tree itself (still only safe, plain types), and:

- resolves scalars by the YAML 1.2 core schema: only ``true``/``false`` are booleans and
  dates stay strings (the model parses them with Danish messages);
- rejects duplicate keys, anchors/aliases, tabs, empty files and non-mapping documents;
- returns, next to the data, a map from each value's path to its (line, column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from actionplans.source.problems import Problem

Loc = tuple[str | int, ...]


class _CoreResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema: no yes/no/on/off booleans, no timestamps, no sexagesimals."""


_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CoreResolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$"),
    list("-+.0123456789"),
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _CoreResolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _CoreResolver.__init__(self)
        self.anchor_marks: list[yaml.Mark] = []

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            self.anchor_marks.append(event.start_mark)
            if isinstance(event, yaml.AliasEvent):
                self.get_event()
                start: Any = event.start_mark  # libyaml's or PyYAML's Mark: both have line/column
                end: Any = event.end_mark
                return ScalarNode("tag:yaml.org,2002:null", "", start, end)
            event.anchor = None
        return super().compose_node(parent, index)


CParser: Any = getattr(yaml, "CParser", None)  # None: PyYAML without libyaml

PLAIN_TAG = "tag:handleplaner,2026:plain"


class _PlainResolver(yaml.resolver.BaseResolver):
    """Tags plain (unquoted, untagged) scalars PLAIN_TAG and quoted ones as strings;
    ``_scalar`` applies the core schema to plain scalars itself, which is much cheaper than
    PyYAML's resolver with its regexes per scalar."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return PLAIN_TAG if implicit[0] else self.DEFAULT_SCALAR_TAG
        return str(super().resolve(kind, value, implicit))


if CParser is not None:

    class _FastLoader(CParser, yaml.constructor.SafeConstructor, _PlainResolver):
        """libyaml's parser and composer (about 30× faster), with our constructor."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _PlainResolver.__init__(self)

else:  # pragma: no cover - PyYAML without libyaml
    _FastLoader = None  # type: ignore[assignment,misc]

# Anything that could be an anchor (&a) or alias (*a): such files take the careful path,
# which points at each one. False alarms (a "*" in prose) only cost speed.
_MAYBE_ANCHOR = re.compile(r"[&*]")


def _compose_fast(text: str) -> tuple[Node | None, Any] | None:
    """Compose with libyaml when the file is well-formed; None means: use the careful path,
    which gives the Danish message for a syntax error and finds every anchor."""
    if _FastLoader is None or _MAYBE_ANCHOR.search(text):
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node(), loader
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
    """Read and parse one YAML file. Problems are collected, never raised."""
    src = SourceFile(path=path, display=display or str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        src.problems.append(
            Problem(src.display, 1, 1, "", f"filen er ikke gemt som UTF-8 ({exc.reason}). Gem den igen som UTF-8")
        )
        return src
    return parse(text, src)


def parse(text: str, src: SourceFile) -> SourceFile:
    src.text = text
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
    fast = _compose_fast(text)
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
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors without marks
        src.problems.append(Problem(src.display, 1, 1, "", f"kan ikke læses som YAML: {exc}"))
        return src
    finally:
        loader.dispose()
    for mark in loader.anchor_marks:
        src.problems.append(
            _at(src, mark, "ankre og aliaser (& og *) bruges ikke i disse filer. Skriv værdien ud i stedet")
        )
    return _finish(node, src, loader)


def _at(src: SourceFile, mark: yaml.Mark, message: str, field: str = "") -> Problem:
    """A problem at a parser mark (0-based) as an editor counts lines and columns (1-based)."""
    return Problem(src.display, mark.line + 1, mark.column + 1, field, message)


def _finish(node: Node | None, src: SourceFile, loader: Any) -> SourceFile:
    if node is None:
        src.problems.append(Problem(src.display, 1, 1, "", "filen er tom"))
        return src
    if not isinstance(node, MappingNode):
        src.problems.append(_at(src, node.start_mark, "filen skal bestå af felter på formen «navn: værdi»"))
        return src
    src.root = node
    src.data = _build(node, src, loader)
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


def _key(node: Node) -> Any:
    if node.tag == PLAIN_TAG:
        value = _core_plain(node.value)
    elif isinstance(node, ScalarNode) and node.tag in _SCALARS:
        value = _SCALARS[node.tag](node.value)
    else:
        value = node.value
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    return str(value)


def _build(node: Node, src: SourceFile, loader: Any) -> Any:
    """Plain Python data from the node tree; duplicate keys become problems."""
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key in out:
                first = next(k for k, _ in node.value if _key(k) == key)
                src.problems.append(
                    _at(
                        src,
                        key_node.start_mark,
                        f"feltet «{key}» står to gange (første gang i linje {first.start_mark.line + 1}). "
                        "Slet den ene, så kun én værdi gælder",
                        format_loc((*_path_of(src, node), key)),
                    )
                )
                continue
            out[key] = _build(value_node, src, loader)
        return out
    if isinstance(node, SequenceNode):
        return [_build(item, src, loader) for item in node.value]
    return _scalar(node, src, loader)


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


def _path_of(src: SourceFile, target: Node) -> Loc:
    """The path of a mapping node (for messages about duplicate keys; rare, so a search)."""

    def walk(node: Node, loc: Loc) -> Loc | None:
        if node is target:
            return loc
        if isinstance(node, MappingNode):
            seen: set[Any] = set()
            for key_node, value_node in node.value:
                key = _key(key_node)
                if key in seen:
                    continue
                seen.add(key)
                found = walk(value_node, (*loc, key))
                if found is not None:
                    return found
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                found = walk(item, (*loc, i))
                if found is not None:
                    return found
        return None

    assert src.root is not None
    return walk(src.root, ()) or ()


_SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:str": lambda v: v,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:null": lambda v: None,
}


_CORE_INT = re.compile(r"^[-+]?[0-9]+$")
_CORE_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$")
_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_CORE_NULL = {"", "~", "null", "Null", "NULL"}


def _core_plain(value: str) -> Any:
    """YAML 1.2 core schema for a plain (unquoted) scalar; the same rules as _CoreResolver."""
    if value in _CORE_NULL:
        return None
    if value in _CORE_BOOL:
        return _CORE_BOOL[value]
    if value[0] in "-+.0123456789":
        if _CORE_INT.match(value):
            return int(value)
        if _CORE_FLOAT.match(value):
            return float(value)
    return value


def _scalar(node: Node, src: SourceFile, loader: Any) -> Any:
    """A scalar by the core schema's tags (fast path); anything else through PyYAML's safe
    constructor, and an unknown tag (``!!python/…``) becomes a problem, not a traceback."""
    if node.tag == PLAIN_TAG:
        return _core_plain(node.value)
    convert = _SCALARS.get(node.tag)
    if convert is not None:
        return convert(node.value)
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        src.problems.append(
            _at(
                src,
                node.start_mark,
                f"YAML-mærket «{node.tag}» bruges ikke i disse filer. Fjern det og skriv værdien som almindelig tekst",
            )
        )
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
        "found unknown escape character",
        "ukendt escape-tegn (\\) i tekst med dobbelte anførselstegn. Brug enkelte anførselstegn eller en |-blok",
    ),
)


def _yaml_error_da(exc: yaml.MarkedYAMLError) -> str:
    raw = f"{exc.context or ''} {exc.problem or ''}"
    for needle, message in _YAML_ERRORS_DA:
        if needle in raw:
            return f"{message} (YAML: {exc.problem})"
    return f"filen kan ikke læses som YAML: {exc.problem or exc.context}. Tjek indrykning og anførselstegn"
