"""The position-keeping composer: YAML text -> node tree, by the parser that fits the file.

Split from ``yamlsource`` (issue 13) along the seam between the *file* (bytes, encoding,
characters an editor cannot see: ``yamlsource``) and the *structure*, and again (issue 12) between
composing the tree (this module) and turning it into data (``yamlconstruct``). Here: which parser
composes the nodes (libyaml's fast one, or PyYAML's careful one that points at every anchor,
alias and tag), how deep a file may nest (checked from the event stream before composing, so a
deep file cannot overflow a stack), and syntax errors reported in Danish where they stand.
"""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import Node, ScalarNode

from actionplans.source.problems import Problem
from actionplans.source.yamlwording import unclosed_quote, yaml_error_da

if TYPE_CHECKING:
    from actionplans.source.yamlsource import SourceFile


MAX_DEPTH = 20  # levels of mappings and lists; the model needs 4


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
    ``yamlconstruct`` applies the YAML 1.2 core schema to plain scalars itself (only ``true``/``false``
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


def _fast_loader() -> Any:
    """libyaml's parser and composer (about 30× faster) with our constructor, or None for a
    PyYAML built without libyaml (then every file takes the careful path)."""
    if CParser is None:
        return None

    class FastLoader(CParser, yaml.constructor.SafeConstructor, _PlainResolver):
        tagged: dict[int, str] = {}  # files with a tag take the careful path

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _PlainResolver.__init__(self)

    return FastLoader


_FastLoader: Any = _fast_loader()


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


def problem_at(src: SourceFile, mark: yaml.Mark, message: str, field: str = "") -> Problem:
    """A problem at a parser mark (0-based) as an editor counts lines and columns (1-based)."""
    return Problem(src.display, mark.line + 1, mark.column + 1, field, message)


def compose(text: str, src: SourceFile) -> tuple[Node | None, Any] | None:
    """The node tree of ``text`` and the loader that made it (``construct`` reads the tags it
    saw), or None with the problem recorded in ``src``: nesting too deep, a syntax error (in
    Danish, pointing at an unclosed quote where that is the cause). Anchors and aliases are
    recorded as problems but still give a tree, so the rest of the file is checked too."""
    careful = _FastLoader is None or _maybe_careful(text)
    # libyaml's composer recurses in C and Python's in Python: check the depth first when the
    # file could be deep enough to overflow either (2000 and 200 levels are safe).
    if _structure_bound(text) > (200 if careful else 2000):
        mark = _too_deep(text)
        if mark is not None:
            src.problems.append(problem_at(src, mark, TOO_DEEP))
            return None
    fast = None if careful else _compose_fast(text)
    if fast is not None:
        return fast
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        lineno, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        quote_line = unclosed_quote(text, lineno) if exc.problem and "found" in exc.problem else None
        if quote_line:
            lineno, col = quote_line, text.splitlines()[quote_line - 1].index('"') + 1
            message = 'et anførselstegn (") i denne linje er ikke lukket. Sæt et " efter teksten'
            src.problems.append(Problem(src.display, lineno, col, "", message))
        else:
            src.problems.append(Problem(src.display, lineno, col, "", yaml_error_da(exc)))
        return None
    except yaml.YAMLError:  # pragma: no cover - reader errors are caught before parsing
        src.problems.append(Problem(src.display, 1, 1, "", "filen kan ikke læses som YAML. Tjek indrykning og tegn"))
        return None
    finally:
        loader.dispose()
    for mark in loader.anchor_marks:
        src.problems.append(
            problem_at(src, mark, "ankre og aliaser (& og *) bruges ikke i disse filer. Skriv værdien ud i stedet")
        )
    return node, loader
