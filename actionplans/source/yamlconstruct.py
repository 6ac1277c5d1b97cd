"""Node tree -> plain data by strict rules, and the position of every value.

Split from ``yamlcompose`` (issue 12): that module composes the tree, this one reads it. Each
node becomes data by the YAML 1.2 core schema (only ``true``/``false`` are booleans, dates stay
strings, numbers have at most MAX_DIGITS digits); duplicate keys, keys that are not names,
explicit tags and invisible characters in values are reported where they stand, and such a
value becomes INVALID so validation does not report it twice. :func:`index_positions` maps each
value's path (a :data:`Loc`) to its line and column, for problems found later by the model.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from actionplans.source.problems import Problem, shown
from actionplans.source.yamlcompose import MAX_DEPTH, PLAIN_TAG, TOO_DEEP, problem_at
from actionplans.source.yamlwording import char_name

if TYPE_CHECKING:
    from actionplans.source.yamlsource import SourceFile

Loc = tuple[str | int, ...]


MAX_DIGITS = 15  # digits in a number; the model's numbers have at most 3


class _Invalid:
    """A value already reported as a problem; validation errors about it are not repeated."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


_FORBIDDEN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")


class TooDeep(Exception):
    """Raised where the tree nests deeper than MAX_DEPTH (a file the event check let through)."""

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
        raise TooDeep(node)
    tag = loader.tagged.get(id(node))
    if tag is not None:
        src.problems.append(
            problem_at(
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
                    problem_at(
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
                    problem_at(
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


def index_positions(
    node: Node, loc: Loc, positions: dict[Loc, tuple[int, int]], keys: dict[Loc, tuple[int, int]]
) -> None:
    positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            child = (*loc, _key(key_node))
            if child in keys:
                continue  # a duplicate: the first one counts, as in the data
            keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            index_positions(value_node, child, positions, keys)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            index_positions(item, (*loc, i), positions, keys)


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
                problem_at(
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
        src.problems.append(problem_at(src, node.start_mark, f"YAML-mærket «{node.tag}» bruges ikke i disse filer"))
        return INVALID
    found = _FORBIDDEN_TEXT.search(value)
    if found is not None:
        src.problems.append(
            problem_at(
                src,
                node.start_mark,
                f"teksten indeholder det usynlige tegn {char_name(found.group())}, som ikke må stå i "
                "filerne (fx skrevet som \\0, \\a eller \\uFFFE). Slet det",
                format_loc(loc),
            )
        )
        return INVALID
    return value


def construct(node: Node | None, src: SourceFile, loader: Any) -> SourceFile:
    """``src`` with its data and node tree from a composed file, or with the problems that
    stop it: an empty file, a document that is not a mapping, nesting too deep."""
    if node is None:
        src.problems.append(Problem(src.display, 1, 1, "", "filen er tom"))
        return src
    if not isinstance(node, MappingNode):
        src.problems.append(problem_at(src, node.start_mark, "filen skal bestå af felter på formen «navn: værdi»"))
        return src
    try:
        data = _build(node, src, loader, (), 1)
    except TooDeep as exc:
        src.problems.append(problem_at(src, exc.node.start_mark, TOO_DEEP))
        return src
    src.root = node
    src.data = data
    return src
