"""Compiled Jinja templates, kept between builds.

Compiling the theme's and the views' templates was half of a small site's build (0.35 of 0.73 s
for the tiny test site; every test that builds a site paid it again). Jinja can keep the compiled
code: ``template_cache()`` is its ``FileSystemBytecodeCache`` in its default place, a directory
of the user's own in the system temp dir (``_jinja2-cache-<uid>``; Jinja refuses one that is not
the user's or that others may write, and writes each file atomically). Never in the project, so
nothing in a checkout or a pull request can put compiled code there. Jinja stores each
template's source checksum and its own and Python's version with the code, and compiles again
when either differs, so an edited template is never served from the cache.

Where no such directory can be made, the compiled templates stay in memory for the process
(``serve`` keeps its plugin, and so this cache, between rebuilds).
"""

from __future__ import annotations

from functools import cache

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Compiled Jinja templates in memory; Jinja checks each template's source checksum."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


@cache
def template_cache() -> BytecodeCache:
    """The one cache of compiled templates for this process (theme and views alike)."""
    try:
        return FileSystemBytecodeCache()
    except (RuntimeError, OSError):  # no safe directory of the user's own in the temp dir
        return MemoryBytecodeCache()
