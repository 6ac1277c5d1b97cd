"""The one Jinja environment that renders the site's own templates into page bodies.

Where the templates are (:data:`TEMPLATES`, ``overrides/actionplans/``), how they are loaded
(autoescaped, strict about undefined names, compiled templates cached between builds), the
filters and globals every template may use (``da``, ``blocks``, ``status_css``, ``Status``,
``report_path``), and :func:`compact`, which keeps a rendered body one raw HTML block for
Markdown. :mod:`actionplans.site.views`, ``embeds`` and ``problem_page`` render through it.

Split from ``views`` (issue 12), which decides which pages exist and what each is given.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from actionplans.site.dashboard import STATUS_CSS
from actionplans.site.templatecache import template_cache
from actionplans.source import statusreports
from actionplans.source.model import Status


def _templates() -> Path:
    """overrides/actionplans/ of the project being built: the current directory's when it has one
    (an installed package works on the project in the current directory), else this checkout's."""
    here = Path.cwd() / "overrides" / "actionplans"
    return here if here.is_dir() else Path(__file__).resolve().parents[2] / "overrides" / "actionplans"


TEMPLATES = _templates()


def text_blocks(text: str | None) -> list[tuple[str, Any]]:
    """Split a text block into ('p', str) paragraphs and ('ul', [str]) bullet lists."""
    if not text:
        return []
    blocks: list[tuple[str, Any]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        para: list[str] = []
        items: list[str] = []
        for line in chunk.splitlines():
            stripped = line.strip()
            if stripped.startswith(("- ", "• ")):
                if para:
                    blocks.append(("p", " ".join(para)))
                    para = []
                items.append(stripped[2:].strip())
            elif items and line.startswith((" ", "\t")):
                items[-1] += " " + stripped
            else:
                if items:
                    blocks.append(("ul", items))
                    items = []
                para.append(stripped)
        if para:
            blocks.append(("p", " ".join(para)))
        if items:
            blocks.append(("ul", items))
    return blocks


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.bytecode_cache = template_cache(env)  # keyed by how env compiles (site/templatecache.py)
    env.filters["da"] = lambda d: d.format_da() if d is not None else "Ikke oplyst"
    env.filters["blocks"] = text_blocks
    env.globals["status_css"] = STATUS_CSS
    env.globals["Status"] = Status
    env.globals["report_path"] = statusreports.report_page_path
    return env


def compact(html: str) -> str:
    """Drop blank lines and indentation so Markdown keeps the body as one raw HTML block."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
