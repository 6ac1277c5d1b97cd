"""``validate`` with its parse cache and on two processes gives exactly what a cold run gives
(issue 13): the same problems, byte for byte, after edits, with a damaged cache, in two halves."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actionplans.cli import main
from actionplans.source import parallel
from actionplans.source.parsecache import CACHE_DIR, ParseCache, parser_files
from actionplans.source.repository import check_repository

from .conftest import TINY
from .examples import example_data

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
ALFA = "demo/initiatives/01-alfa.yml"
BETA = "demo/initiatives/02-beta.yml"
GAMMA = "demo/initiatives/03-gamma.yml"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three plans (the two real ones and the tiny demo), with problems of every stage: the
    parser's (a tab), the model's (an unknown status) and a rule across files (unknown goal)."""
    monkeypatch.setenv("ACTIONPLANS_TODAY", TODAY.isoformat())
    # as on an editor's machine: under CI validate does not use the cache (see the CI test below)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    data = tmp_path / "data"
    shutil.copytree(example_data(), data)  # data/, or examples/ once init has moved them (tests/examples.py)
    shutil.copytree(TINY / "demo", data / "demo")
    sjaelland = sorted((data / "region-sjaelland-2024" / "initiatives").glob("*.yml"))
    edit(sjaelland[0], "\nsummary:", "\nsummary:\t")
    edit(data / "danske-regioner-2014-2016" / "plan.yml", "\ntitle:", "\nukendt: 1\ntitle:")
    edit(data / BETA, "status: rød", "status: lilla")
    return data


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(data: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["validate", "--data", str(data), *extra])
    return code, capsys.readouterr().out


def hits(data: Path) -> tuple[int, int]:
    """(files from the cache, files parsed) in a run like validate's."""
    cache = ParseCache(data, data.parent / CACHE_DIR)
    parallel.check_counts(data, root=data.parent, today=TODAY, cache=cache, min_files=10**9)
    return cache.hits, cache.misses


def test_a_cached_run_reports_exactly_what_a_cold_run_does(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cold = validate(data, capsys, "--no-cache")
    assert cold[0] == 1 and "summary" in cold[1] and "lilla" in cold[1] and "ukendt" in cold[1]
    assert not (data.parent / CACHE_DIR).exists(), "--no-cache writes nothing"
    assert validate(data, capsys) == cold  # fills the cache
    assert validate(data, capsys) == cold  # from the cache
    files = len(list(data.rglob("*.yml")))
    assert hits(data) == (files - 1, 1), "every file but the one with a tab comes from the cache"

    # a changed file is parsed again; an unchanged one stays cached, even where its problem is new
    edit(data / ALFA, "- goal: m1", "- goal: m9")
    edit(data / "demo" / "plan.yml", "  - id: m2\n", "  - id: m3\n")  # Gamma's goal m2 is gone now
    cold = validate(data, capsys, "--no-cache")
    assert "01-alfa.yml:16:11: goals[0].goal: målsætningen «m9» findes ikke" in cold[1]
    assert "03-gamma.yml:7:11: goals[0].goal: målsætningen «m2» findes ikke" in cold[1]
    assert validate(data, capsys) == cold
    assert hits(data) == (files - 1, 1)

    # and back: the problems go away the same way
    edit(data / ALFA, "- goal: m9", "- goal: m1")
    assert validate(data, capsys) == validate(data, capsys, "--no-cache")


def shard(data: Path) -> Path:
    return data.parent / CACHE_DIR / "demo.json"


def test_a_damaged_cache_is_ignored_not_trusted(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cold = validate(data, capsys, "--no-cache")
    validate(data, capsys)
    header, body = shard(data).read_bytes().split(b"\n", 1)
    # Beta's status «lilla» is a model problem: the parse is clean and cached. A cache that
    # turned it into «grøn» would make validate pass the broken file.
    assert b"lilla" in body
    healed = body.replace(b"lilla", "grøn".encode())
    for damaged in (
        header + b"\n" + healed,  # edited: the checksum no longer matches
        header + b"\n" + body[: len(body) // 2],  # cut off
        b"\x00\xff" + body,  # not JSON at all
        json.dumps({"format": 1, "version": "old", "sha256": hashlib.sha256(healed).hexdigest()}).encode()
        + b"\n"
        + healed,  # another parser's cache
    ):
        shard(data).write_bytes(damaged)
        assert validate(data, capsys) == cold
        assert b"lilla" in shard(data).read_bytes().split(b"\n", 1)[1], "the shard is written anew"


def test_under_ci_a_forged_cache_that_came_with_the_checkout_is_not_used(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A .cache/ committed with a pull request, forged with a valid checksum, would heal Beta's
    unknown status «lilla» for an editor's validate; CI reads the files themselves."""
    cold = validate(data, capsys, "--no-cache")
    validate(data, capsys)  # fills the cache, as a local run does
    header, body = shard(data).read_bytes().split(b"\n", 1)
    forged = body.replace(b"lilla", "grøn".encode())
    meta = json.loads(header)
    meta["sha256"] = hashlib.sha256(forged).hexdigest()
    shard(data).write_bytes(json.dumps(meta).encode() + b"\n" + forged)
    healed = validate(data, capsys)
    assert "lilla" not in healed[1], "the forged shard is accepted outside CI: the test forges what it means to"
    with monkeypatch.context() as m:
        m.setenv("CI", "true")
        assert validate(data, capsys) == cold
    with monkeypatch.context() as m:
        m.setenv("GITHUB_ACTIONS", "true")  # its output adds annotations; the problem is there
        assert "02-beta.yml" in validate(data, capsys)[1] and "lilla" in validate(data, capsys)[1]
    assert shard(data).read_bytes().split(b"\n", 1)[1] == forged, "CI neither reads nor rewrites the cache"


@pytest.mark.parametrize(
    "body",
    [
        b'{"' + b"a" * 64 + b'": {"number": NaN}}',  # NaN is not data
        b'{"' + b"a" * 64 + b'": [1, 2]}',  # a file's data is a mapping
        b'{"not-a-sha256": {"number": 1}}',
        b"[1, 2]",
        b"[" * 100_000 + b"]" * 100_000,  # deep enough to break a recursive reader
    ],
)
def test_a_shard_of_the_wrong_shape_is_ignored(tmp_path: Path, body: bytes) -> None:
    cache = ParseCache(tmp_path / "data", tmp_path / "cache")
    header = {"format": 1, "version": cache.version, "sha256": hashlib.sha256(body).hexdigest()}
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "demo.json").write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert cache._read("demo") == {}


def test_two_processes_find_exactly_what_one_does(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, expected = check_repository(data, root=data.parent, today=TODAY)
    serial = parallel.check_counts(data, root=data.parent, today=TODAY, min_files=10**9)
    forked: list[bool] = []
    real = parallel._check_in_two
    monkeypatch.setattr(parallel, "_check_in_two", lambda *a: forked.append(True) or real(*a))
    monkeypatch.setattr(parallel, "processors", lambda: 2)
    both = parallel.check_counts(data, root=data.parent, today=TODAY, min_files=0)
    assert forked, "the work was shared between two processes"
    assert both == serial
    assert both[2] == expected
    assert {p.path.split("/")[1] for p in expected} == {"region-sjaelland-2024", "danske-regioner-2014-2016", "demo"}


def test_a_failed_child_is_replaced_by_this_process() -> None:
    assert parallel._decode(b"") is None
    assert parallel._decode(b'{"plans": 1}') is None
    assert parallel._decode(b'{"plans": 1, "initiatives": 2, "problems": [["a", 1, 1, "", "x"]]}') is not None


def test_the_code_version_covers_every_module_the_parser_imports() -> None:
    """A module split off the parser later (as yamlconstruct was) changes the code version at once:
    ``parser_files`` reads the imports; here they are compared with what Python really loads."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, actionplans.source.yamlsource\n"
            "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('actionplans')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    modules = {Path(f).resolve() for f in loaded if not f.endswith("__init__.py")}
    assert {p.resolve() for p in parser_files()} == modules
    assert len(modules) >= 3


def test_without_libyaml_every_file_takes_the_careful_path_with_the_same_result(tmp_path: Path) -> None:
    """PyYAML can be installed without its C library (libyaml): the parser then reads every file
    with PyYAML's own composer and finds exactly what it finds with libyaml."""
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    broken = data / "demo" / "initiatives" / "01-alfa.yml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("title: Alfa\n", "title: [Alfa\n", 1), encoding="utf-8"
    )
    script = (
        "import sys\n"
        "class NoLibyaml:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name in ('yaml._yaml', '_yaml'): raise ImportError('no libyaml here')\n"
        "if sys.argv[1] == 'without': sys.meta_path.insert(0, NoLibyaml())\n"
        "import yaml\n"
        "from actionplans.source import yamlcompose\n"
        "from actionplans.source.repository import check_repository\n"
        "import datetime as dt\n"
        "assert yaml.__with_libyaml__ == (sys.argv[1] == 'with') and (yamlcompose._FastLoader is None) == (sys.argv[1] == 'without')\n"
        f"_, problems = check_repository(__import__('pathlib').Path({str(data)!r}), today=dt.date(2026, 11, 22))\n"
        "print('\\n'.join(map(str, problems)))\n"
    )
    runs = {
        libyaml: subprocess.run([sys.executable, "-c", script, libyaml], capture_output=True, text=True, cwd=tmp_path)
        for libyaml in ("with", "without")
    }
    for libyaml, run in runs.items():
        assert run.returncode == 0, (libyaml, run.stderr)
    assert runs["without"].stdout == runs["with"].stdout
    assert "01-alfa.yml:" in runs["with"].stdout  # the syntax error is reported, with its place
