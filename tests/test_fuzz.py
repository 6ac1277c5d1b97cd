"""Property-based test (hypothesis): whatever an editor or a broken tool writes into a data
file, ``validate`` ends with exit code 0 or 1 and prints only ``path:line:col: …`` lines that
name a file under data/, never a traceback.

Three kinds of input: random bytes, random YAML documents shaped like our files, and mutations
of the repository's real data files (a line deleted, doubled, moved, cut short, or random text
inserted).

The suite runs a small fixed budget, the same examples every time (``derandomize``). For a
longer, random run set FUZZ_EXAMPLES, e.g.::

    FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz.py

Anything a long run finds belongs in the catalogue in ``test_validation.py`` with its message.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from actionplans.cli import main
from actionplans.source.model import Initiative, Plan

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini" / "data"
REAL = ROOT / "data"
INITIATIVE = "testplan/initiatives/02-beta.yml"
PLAN = "testplan/plan.yml"
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/initiative.schema.json\n"

LONG = int(os.environ.get("FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=LONG or 100,
    derandomize=not LONG,  # the suite's run is the same every time; a long run explores
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
LINE = re.compile(r"^data/[^:]+:\d+:\d+: \S")
SUMMARY = re.compile(r"^\d+ fejl i \d+ fil(er)?\. ")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(MINI, root / "data")
    return root


def check(root: Path) -> str:
    """Run validate the way the CLI does and assert the contract; return the output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["validate", "--data", str(root / "data")])
    text = out.getvalue()
    assert code in (0, 1), text
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if line]
    if code == 0:
        assert len(lines) == 1 and lines[0].startswith("OK: "), text
    else:
        *problems, summary = lines
        assert problems and SUMMARY.match(summary), text
        for line in problems:
            assert LINE.match(line), f"not a problem line: {line!r}"
    return text


def with_file(root: Path, rel: str, content: bytes) -> str:
    path = root / "data" / rel
    original = (MINI / rel).read_bytes()
    path.write_bytes(content)
    try:
        return check(root)
    finally:
        path.write_bytes(original)


# --- random bytes ------------------------------------------------------------------------------

SPECIAL = st.sampled_from(
    [b"\x00", b"\x0c", b"\x1b", b"\x7f", b"\xc2\x85", b"\xef\xbf\xbe", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\xff"]
)
NOISY_BYTES = st.lists(st.one_of(st.binary(max_size=40), SPECIAL, st.sampled_from([b"\n", b": ", b"- ", b"["])))


@FUZZ
@given(st.binary(max_size=2000) | NOISY_BYTES.map(b"".join))
@example(b"\x00")
@example(b"[" * 100_000)
@example(b"- " * 50_000)
@example(b"x: " + b"9" * 5000)
def test_random_bytes(tree: Path, content: bytes) -> None:
    with_file(tree, INITIATIVE, content)


# --- random YAML shaped like our files ---------------------------------------------------------

KEYS = sorted(set(Initiative.model_fields) | set(Plan.model_fields) | {"date", "status", "start", "end", "id"})
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["grøn", "gul", "ikke_oplyst", "2024-05-31", "2024-13", "0000", "ukendt", "yes", "~"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner),
    max_leaves=25,
)
DOCUMENTS = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=12)


@FUZZ
@given(DOCUMENTS, st.booleans(), st.sampled_from([INITIATIVE, PLAN]))
def test_random_yaml(tree: Path, document: dict, flow: bool, rel: str) -> None:
    text = SCHEMA_LINE + yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow)
    with_file(tree, rel, text.encode("utf-8", "surrogatepass"))


# --- mutations of the real data files ------------------------------------------------------------

REAL_FILES = sorted(p.relative_to(REAL).as_posix() for p in REAL.rglob("*.yml"))


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    rel = draw(st.sampled_from(REAL_FILES))
    lines = (REAL / rel).read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "double", "move", "cut", "insert", "indent"]))
        if kind == "delete":
            del lines[i]
        elif kind == "double":
            lines.insert(i, lines[i])
        elif kind == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(i))
        elif kind == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(max_size=6)) + lines[i][at:]
    return rel, "".join(lines).encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def real_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-real")
    shutil.copytree(REAL, root / "data")
    return root


@FUZZ
@given(mutated())
def test_mutated_real_files(real_tree: Path, change: tuple[str, bytes]) -> None:
    rel, content = change
    path = real_tree / "data" / rel
    original = (REAL / rel).read_bytes()
    path.write_bytes(content)
    try:
        check(real_tree)
    finally:
        path.write_bytes(original)


def test_the_real_data_is_valid_in_the_fuzz_tree(real_tree: Path) -> None:
    """The mutation test starts from valid data, so what it finds comes from the mutation."""
    assert check(real_tree).startswith("OK: ")
