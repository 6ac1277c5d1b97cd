"""Read a built site's Pagefind index as tests need it: the text and metadata of every indexed page.

Pagefind stores one fragment per page in ``pagefind/fragment/*.pf_fragment``: gzip, and inside it
the bytes ``pagefind_dcd`` followed by JSON (url, content, meta, ...). The words index is gzip too,
so a plain text search of the site's files cannot see what the index holds: decompress first.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def unpack(path: Path) -> bytes:
    """A Pagefind file's content, decompressed (the signature stripped where there is one)."""
    return unpack_bytes(path.read_bytes())


def unpack_bytes(raw: bytes) -> bytes:
    """:func:`unpack` for a file's bytes already in hand (e.g. read from a git tree)."""
    data = gzip.decompress(raw)
    return data[len(SIGNATURE) :] if data.startswith(SIGNATURE) else data


def fragments(site: Path) -> dict[str, dict[str, Any]]:
    """``{url: fragment}`` for every page in the index (url relative to the site root, as "demo/01-alfa/")."""
    folder = site / "pagefind" / "fragment"
    assert folder.is_dir(), f"no Pagefind index in {site}"
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.pf_fragment")):
        fragment = json.loads(unpack(path))
        out[fragment["url"].lstrip("/")] = fragment
    assert out, f"the Pagefind index in {site} is empty"
    return out


def all_index_text(site: Path) -> str:
    """Everything the index holds, decompressed: fragments, word index, metadata, filters."""
    parts = []
    for path in sorted((site / "pagefind").rglob("*")):
        if path.is_file() and path.suffix.startswith(".pf_"):
            parts.append(unpack(path).decode("utf-8", errors="replace"))
    return "\n".join(parts)
