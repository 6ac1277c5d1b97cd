"""The position-keeping composer: YAML text -> node tree -> plain data, by strict rules.

Split from ``yamlsource`` (issue 13) along the seam between the *file* (bytes, encoding,
characters an editor cannot see: ``yamlsource``) and the *structure* (this module): which
parser composes the nodes (libyaml's fast one, or PyYAML's careful one that points at every
anchor, alias and tag), how deep a file may nest, and how each node becomes data by the YAML 1.2
core schema (only ``true``/``false`` are booleans, dates stay strings) with duplicate keys,
tags and invisible characters in values reported where they stand.
"""

from __future__ import annotations

import importlib
import math
import re
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from actionplans.source.problems import Problem, shown
from actionplans.source.yamlwording import char_name

if TYPE_CHECKING:
    from actionplans.source.yamlsource import SourceFile

Loc = tuple[str | int, ...]


MAX_DEPTH = 20  # levels of mappings and lists; the model needs 4
MAX_DIGITS = 15  # digits in a number; the model's numbers have at most 3


class _Invalid:
    """A value already reported as a problem; validation errors about it are not repeated."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


_FORBIDDEN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")


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


# Anything that could be an anchor (&a), alias (*a) or tag (!!binary; a tag starts a token, so
# after a space, a line start or [ { ,): such files take the careful path, which points at each
# one. False alarms (a "*" or " !" in prose) only cost speed.
_MAYBE_BANG_TAG = re.compile(r"(?:^|[\s\[{,])!", re.M)


def _maybe_careful(text: str) -> bool:
    """True when ``text`` could hold an anchor, alias or tag. Plain substring tests first: the
    regular expression (an alternation tried at every position) cost 0.6 ms a file."""
    return "&" in text or "*" in text or ("!" in text and _MAYBE_BANG_TAG.search(text) is not None)


def _compose_fast(text: str) -> tuple[Node | None, Any] | None:
    """Compose with libyaml when the file is well-formed; None means: use the careful path,
    which gives the Danish message for a syntax error and finds every anchor and tag."""
    if _FastLoader is None or _maybe_careful(text):
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


def format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


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
