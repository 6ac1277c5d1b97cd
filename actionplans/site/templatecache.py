"""Compiled Jinja templates, kept between builds.

Compiling the theme's and the views' templates was half of a small site's build (0.35 of 0.73 s
for the tiny test site; every test that builds a site paid it again). Jinja can keep the compiled
code: :func:`template_cache` is its ``FileSystemBytecodeCache`` in its default place, a directory
of the user's own in the system temp dir (``_jinja2-cache-<uid>``; Jinja refuses one that is not
the user's, or that is a link, and writes each file atomically). Never in the project.

What decides whether compiled code may be reused:

- **the template's source**: Jinja stores its checksum with the code and compiles again when the
  source differs;
- **how it was compiled**: the key (:class:`TemplateCache`) holds a fingerprint of Jinja's
  version, Python's, and the environment's compile-time settings (autoescape, whitespace
  control, delimiters, extensions, finalize). Jinja's own key is only the template's name and
  file: code compiled without autoescaping, or by an older Jinja, would otherwise be run after
  either changed (pallets/jinja#1738, #650);
- the key holds the template's name, not its file's path: every copy of the project (each test
  makes dozens) shares one entry a template, so the cache stays about a hundred small files;
  entries older than 30 days are removed when a process first uses the cache.

Who can write the cache directory can run code in the next build (the entries are compiled
Python): only the user, and code running as the user, who could as well change the installed
packages in ``.venv`` that every build runs. Where no safe directory can be made, the compiled
templates stay in memory for the process.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import time
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

KEEP_DAYS = 30

# Environment attributes that change the code Jinja compiles (jinja2/environment.py, lexer.py,
# compiler.py); a callable (autoescape, finalize) by its qualified name.
COMPILE_SETTINGS = (
    "autoescape",
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "finalize",
    "is_async",
)


def _describe(value: Any) -> str:
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


def fingerprint(env: Environment) -> str:
    """How ``env`` compiles: Jinja's and Python's versions and its compile-time settings."""
    parts = [jinja2.__version__, sys.version, *sorted(env.extensions)]
    parts += [f"{name}={_describe(getattr(env, name, None))}" for name in COMPILE_SETTINGS]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


class MemoryBytecodeCache(BytecodeCache):
    """Compiled Jinja templates in memory; Jinja checks each template's source checksum."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by template name and how the environment compiles."""

    def __init__(self, env_fingerprint: str) -> None:
        super().__init__()  # the default, checked directory
        self.env_fingerprint = env_fingerprint
        self._prune()

    def _prune(self) -> None:
        """Entries written more than ``KEEP_DAYS`` ago go (those of an older Jinja, or of templates
        no longer used); one still in use is simply compiled and written again."""
        cutoff = time.time() - KEEP_DAYS * 86400
        for entry in Path(self.directory).glob("__jinja2_*.cache"):
            with contextlib.suppress(OSError):  # another process pruned it first
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(f"{self.env_fingerprint}|{name}".encode(), usedforsecurity=False).hexdigest()


_caches: dict[str, BytecodeCache] = {}


def template_cache(env: Environment) -> BytecodeCache:
    """The cache of compiled templates for ``env`` (one a fingerprint, for the process)."""
    key = fingerprint(env)
    if key not in _caches:
        try:
            _caches[key] = TemplateCache(key)
        except (RuntimeError, OSError):  # no safe directory of the user's own in the temp dir
            _caches[key] = MemoryBytecodeCache()
    return _caches[key]
