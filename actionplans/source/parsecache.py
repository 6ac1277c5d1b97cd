"""A content-hash cache of parsed data files, as ruff and mypy keep one: a file whose exact bytes
were parsed before, by the same parser code, is not parsed again (issue 13).

- **Key**: SHA-256 of the file's bytes. Every shard records the *code version*: a hash of the
  parser's own source files (``parser_files``: yamlsource and every module of this package it
  imports, found by reading the imports, so a module split off later counts at once), PyYAML's version and whether it has libyaml, and Python's version. Another version: the shard
  is ignored.
- **Only clean files are kept.** A file that parsed without a problem has plain data (mappings,
  lists, text, numbers, true/false, null), which JSON holds exactly. A file with a problem is
  parsed every time, so every parser message comes from the parser, never from the cache.
- **Only the parse is cached.** Model validation and every rule run on each use, so problems
  that depend on today's date or on other files (a plan's goals) are always current. Positions
  for a message are found by composing the text again (``SourceFile.positions``).
- **Generated data, never trusted as code**: JSON, never pickle, nothing evaluated. A shard whose
  checksum, version or shape is wrong is ignored as a whole (as if it were not there) and
  rewritten. The checksum catches damage (a cut-off or edited file), not a forger: whoever can
  write ``.cache/`` can write ``data/`` as well.
- **One shard per plan folder** (``.cache/handleplaner/parsed/<plan>.json``), rewritten only when
  it changed, atomically (temporary file, then rename): two runs at once, or the two processes
  of a parallel ``validate`` (which share the work by plan), never see half a file.

``directory=None`` keeps the cache in memory only: ``serve`` uses that between rebuilds.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from actionplans.source import yamlsource
from actionplans.source.yamlsource import SourceFile

CACHE_DIR = Path(".cache") / "handleplaner" / "parsed"  # under the project folder
FORMAT = 1
MAX_SHARD_BYTES = 64 * 1024 * 1024  # a plan of 1,000 initiatives is about 4 MB
_KEY = re.compile(r"^[0-9a-f]{64}$")
_SHARD = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def parser_files() -> list[Path]:
    """yamlsource.py and every module of the ``actionplans`` package that it imports, directly or
    through another (read from their ``import`` statements), in a stable order."""
    package_root = Path(str(yamlsource.__file__)).parents[2]  # the folder holding actionplans/
    todo, found = [Path(str(yamlsource.__file__))], set[Path]()
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                if name.split(".")[0] != "actionplans":
                    continue
                module = package_root.joinpath(*name.split("."))
                for candidate in (module.with_suffix(".py"), module / "__init__.py"):
                    if candidate.is_file() and candidate.name != "__init__.py":
                        todo.append(candidate)
    return sorted(found)


def code_version() -> str:
    """What the parse depends on besides the bytes: the parser's code and its libraries."""
    digest = hashlib.sha256()
    for path in parser_files():
        digest.update(path.read_bytes())
    digest.update(f"{yaml.__version__} {yaml.__with_libyaml__} {sys.version}".encode())
    return digest.hexdigest()


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not data")  # NaN and Infinity: never produced by the parser


class ParseCache:
    def __init__(self, data_dir: Path, directory: Path | None) -> None:
        self.data_dir = data_dir
        self.directory = directory
        self.version = code_version()
        self._stored: dict[str, dict[str, Any]] = {}  # shard -> {key: data}, as read
        self._used: dict[str, dict[str, Any]] = {}  # shard -> {key: data}, as used in this run
        self._changed: set[str] = set()
        self.hits = 0
        self.misses = 0

    def load(self, path: Path, display: str) -> SourceFile:
        """The same as ``yamlsource.load(path, display)``, from the cache when the bytes were seen."""
        src = SourceFile(path=path, display=display)
        raw = yamlsource.read_bytes(src)
        if raw is None:
            return src
        key = hashlib.sha256(raw).hexdigest()
        shard = self._shard(path)
        used = self._used.setdefault(shard, {})
        data = self._entries(shard).get(key)
        if data is not None:
            self.hits += 1
            src.text = raw.decode("utf-8")  # it decoded when it was stored: the same bytes
            src.data = used[key] = data
            return src
        self.misses += 1
        yamlsource.parse_bytes(raw, src)
        if not src.problems and isinstance(src.data, dict):
            used[key] = src.data
            self._changed.add(shard)
        return src

    def finish(self) -> None:
        """Keep what this run used (stale entries go), and write the shards that changed."""
        for shard, used in self._used.items():
            if shard in self._changed or used.keys() != self._stored.get(shard, {}).keys():
                self._write(shard, used)
            self._stored[shard] = used
        self._used = {}
        self._changed = set()

    def prune(self, shards: set[str]) -> None:
        """Delete the shards of plan folders that no longer exist."""
        if self.directory is None or not self.directory.is_dir():
            return
        for path in self.directory.glob("*.json"):
            if path.stem not in shards:
                path.unlink(missing_ok=True)

    def _shard(self, path: Path) -> str:
        try:
            name = path.relative_to(self.data_dir).parts[0]
        except (ValueError, IndexError):
            name = ""
        return name if _SHARD.match(name) else "_" + hashlib.sha256(name.encode()).hexdigest()[:16]

    def _entries(self, shard: str) -> dict[str, Any]:
        if shard not in self._stored:
            self._stored[shard] = self._read(shard)
        return self._stored[shard]

    def _read(self, shard: str) -> dict[str, Any]:
        """A shard's entries; {} for a missing, damaged or foreign shard (never an error)."""
        if self.directory is None:
            return {}
        try:
            with open(self.directory / f"{shard}.json", "rb") as handle:
                raw = handle.read(MAX_SHARD_BYTES + 1)
        except OSError:
            return {}
        head, _, body = raw.partition(b"\n")
        try:
            header = json.loads(head)
            if (
                len(raw) > MAX_SHARD_BYTES
                or not isinstance(header, dict)
                or header.get("format") != FORMAT
                or header.get("version") != self.version
                or header.get("sha256") != hashlib.sha256(body).hexdigest()
            ):
                return {}
            entries = json.loads(body, parse_constant=_no_constant)
        except (ValueError, RecursionError):
            return {}
        if not isinstance(entries, dict):
            return {}
        if not all(_KEY.match(key) and isinstance(data, dict) for key, data in entries.items()):
            return {}
        return entries

    def _write(self, shard: str, entries: dict[str, Any]) -> None:
        if self.directory is None:
            return
        try:
            body = json.dumps(entries, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        except (ValueError, TypeError):
            return  # not plain data after all: keep no shard rather than a wrong one
        header = json.dumps({"format": FORMAT, "version": self.version, "sha256": hashlib.sha256(body).hexdigest()})
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# generated by handleplaner validate (a cache): never commit\n*\n", encoding="utf-8")
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=f".{shard}.", suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(header.encode() + b"\n" + body)
            os.replace(temporary, self.directory / f"{shard}.json")
        except OSError:
            return  # a read-only project: validate works the same, only without the cache
