"""The site's addresses: where each page lives and how one page links another.

A page is named by its source path (``<plan>/oversigt.md``); :func:`page_url` turns that into
its URL in either URL style, :func:`relative_url` and :func:`source_link` into a link from one
page to another in either :data:`LinkStyle`. :func:`plan_paths` and :data:`PLAN_VIEWS` name the
pages every plan has, and the ``*_PATH`` constants the site's single pages.

Split from ``views`` (issue 12), which decides what is on each page; this module only knows where
pages are. Nothing here reads data or templates.
"""

from __future__ import annotations

import posixpath
from typing import Literal

LinkStyle = Literal["url", "source"]
"""How a generated body links to other pages of the site.

``url``: relative to the page's built URL (``../oversigt/``); the engine copies raw HTML as it
is (MkDocs). ``source``: relative to the page's source file, naming the target's source file
(``oversigt.md``); the engine rewrites links in raw HTML as it does in Markdown (Zensical).
"""


def page_url(path: str, directory_urls: bool = True) -> str:
    """URL of a page's source path, relative to the site root.

    Directory style (the default): 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'. File style (for a
    preview opened from disk): 'a/b.md' -> 'a/b.html'. Any other file keeps its path.
    """
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_url: str, to_url: str) -> str:
    base = "/" + from_url
    target = "/" + to_url
    rel = posixpath.relpath(target, base if base.endswith("/") else posixpath.dirname(base))
    if (to_url == "" or to_url.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


def source_link(from_path: str, to_path: str) -> str:
    """Link from the source file ``from_path`` to the source file (or site file) ``to_path``."""
    if to_path == from_path and posixpath.basename(to_path) == "index.md":
        return "./"  # Zensical turns a folder page's link to itself into an empty href
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def plan_paths(slug: str) -> dict[str, str]:
    return {
        "plan": f"{slug}/index.md",
        "grid": f"{slug}/oversigt.md",
        "timeline": f"{slug}/tidslinje.md",
        "goals": f"{slug}/maalsaetninger.md",
        "reports": f"{slug}/statusrapporter.md",
        "whole": f"{slug}/hele-planen.md",
    }


# Views of a plan in navigation order, with their labels in menus.
PLAN_VIEWS = (
    ("plan", "Om planen"),
    ("grid", "Oversigt"),
    ("timeline", "Tidslinje"),
    ("goals", "Målsætninger"),
    ("reports", "Statusrapporter"),
    ("whole", "Hele planen"),
)


DICTIONARY_PATH = "dataordbog.md"
# the header's search form opens it (overrides/partials/ap-search-form.html names its URL)
SEARCH_PATH = "soeg.md"
RELEASES_PATH = "udgivelser.md"
