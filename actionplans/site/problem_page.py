"""The page ``serve`` shows while data/ cannot be read: every problem with file, line and field.

A failed rebuild would leave every request of the live-reload server waiting for a good build
(the browser hangs on the stale page), so while serving, the engine builds this one page instead
and reloads it until the data is fixed. A real build never uses it: it stops, nothing published.
"""

from __future__ import annotations

import yaml

from actionplans.site.rendering import compact, environment
from actionplans.source.problems import Problem

PATH = "index.md"
REFRESH_SECONDS = 3


def document(problems: list[Problem]) -> str:
    """The Markdown source (front matter + one raw HTML block) of the problems page."""
    meta = {
        "title": "Fejl i data",
        "hide": ["navigation", "toc"],
        "search": {"exclude": True},
        "render_macros": False,  # the messages quote the editor's text: never a template
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    html = environment().get_template("problems.html").render(problems=problems, refresh_seconds=REFRESH_SECONDS)
    return f"---\n{front}---\n\n{compact(html)}\n"
