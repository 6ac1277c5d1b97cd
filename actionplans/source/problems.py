"""Editor-facing problems: where, which field, what is wrong and how to fix it (in Danish)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

# Never print what an editor cannot see, or a line break that would start a fake problem line:
# control characters, line and paragraph separators, BOM, non-characters and lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
MAX_SHOWN = 80  # characters of an editor's value quoted in a message


def printable(text: str) -> str:
    """``text`` with every unprintable character written as an escape (``\\n``, ``\\u0000``)."""
    return _UNPRINTABLE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


def shown(value: object) -> str:
    """An editor's value as a message quotes it: printable and at most MAX_SHOWN characters."""
    text = printable(str(value))
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    field: str
    message: str

    def __post_init__(self) -> None:
        for name in ("path", "field", "message"):
            object.__setattr__(self, name, printable(getattr(self, name)))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request's diff."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},col={self.col}::{text}"


class DataError(Exception):
    """Raised by the build when ``data/`` has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(report(self.problems))


def report(problems: list[Problem]) -> str:
    lines = [str(p) for p in problems]
    n = len(problems)
    lines.append(
        f"{n} {'fejl' if n else 'fejl'} i data/. Ret {'den' if n == 1 else 'dem'} og prøv igen "
        "(se CONTRIBUTING.md, afsnittet «Fejlbeskeder»)."
    )
    return "\n".join(lines)


def _fold(text: str) -> str:
    return (
        text.lower()
        .replace("æ", "ae")
        .replace("ø", "oe")
        .replace("å", "aa")
        .replace("_", "")
        .replace("-", "")
        .replace(" ", "")
    )


def closest(value: Any, choices: list[str]) -> str | None:
    """The valid choice an editor most likely meant (handles ae/oe/aa spellings)."""
    if not isinstance(value, str):
        return None
    folded = {_fold(c): c for c in choices}
    if _fold(value) in folded:
        return folded[_fold(value)]
    match = difflib.get_close_matches(_fold(value), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def suggestion(value: Any, choices: list[str]) -> str:
    best = closest(value, choices)
    return f" Mente du «{best}»?" if best else ""
