"""Data -> pages. A plain function that knows nothing of MkDocs.

``build_pages(repo, today=...)`` returns one :class:`Page` per page of the site: its source
path (``<plan>/<NN-slug>.md``), URL, title, which data file it is edited in, and a
``render()`` that produces the page body as HTML through the Jinja templates in
``overrides/actionplans/`` (autoescaped: every piece of data is escaped there).
Any builder can write these pages out; ``mkdocs_hooks`` does it for MkDocs.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import jinja2

from actionplans.site import dictionary
from actionplans.site.dashboard import STATUS_CSS, Dashboard
from actionplans.site.templatecache import template_cache
from actionplans.site.timeline import build_timeline
from actionplans.source import statusreports
from actionplans.source.dates import format_date_da
from actionplans.source.model import Status
from actionplans.source.repository import Repository


def _templates() -> Path:
    """overrides/actionplans/ of the project being built: the current directory's when it has one
    (an installed package works on the project in the current directory), else this checkout's."""
    here = Path.cwd() / "overrides" / "actionplans"
    return here if here.is_dir() else Path(__file__).resolve().parents[2] / "overrides" / "actionplans"


TEMPLATES = _templates()


LinkStyle = Literal["url", "source"]
"""How a generated body links to other pages of the site.

``url``: relative to the page's built URL (``../oversigt/``); the engine copies raw HTML as it
is (MkDocs). ``source``: relative to the page's source file, naming the target's source file
(``oversigt.md``); the engine rewrites links in raw HTML as it does in Markdown (Zensical).
"""


@dataclass(frozen=True)
class Page:
    path: str  # source path, e.g. "region-sjaelland-2024/03-henvisninger.md"
    title: str
    kind: str  # front | plan | grid | timeline | goals | whole | reports | report | initiative | search | releases | dictionary
    edit_file: str | None
    render: Callable[[], str] = field(compare=False, repr=False)
    plan_slug: str | None = None
    directory_urls: bool = True
    description: str | None = None  # plain text for <meta name=description> and Open Graph
    nav_title: str | None = None  # a shorter label in the navigation, where the title repeats the plan

    @property
    def url(self) -> str:
        return page_url(self.path, self.directory_urls)


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
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_cache(),
    )
    env.filters["da"] = lambda d: d.format_da() if d is not None else "Ikke oplyst"
    env.filters["blocks"] = text_blocks
    env.globals["status_css"] = STATUS_CSS
    env.globals["Status"] = Status
    env.globals["report_path"] = statusreports.report_page_path
    return env


def _compact(html: str) -> str:
    """Drop blank lines and indentation so Markdown keeps the body as one raw HTML block."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence (or line) of a text block, at most ``limit`` characters, for summaries."""
    line = next((ln.strip().lstrip("-• ").strip() for ln in text.splitlines() if ln.strip()), "")
    match = re.search(r"[.!?](?=\s|$)", line)
    sentence = line[: match.end()] if match else line
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


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


def source_link(from_path: str, to_path: str) -> str:
    """Link from the source file ``from_path`` to the source file (or site file) ``to_path``."""
    if to_path == from_path and posixpath.basename(to_path) == "index.md":
        return "./"  # Zensical turns a folder page's link to itself into an empty href
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def build_pages(
    repo: Repository,
    *,
    today: dt.date | None = None,
    directory_urls: bool = True,
    link_style: LinkStyle = "url",
    releases: Sequence[Any] = (),
) -> list[Page]:
    """Every page of the site, in navigation order.

    ``directory_urls`` as MkDocs' setting (the URL style); ``link_style`` see :data:`LinkStyle`;
    ``releases`` the approved releases, newest first (``actionplans.publish.releases``).
    To add a page kind: a template in ``overrides/actionplans/`` and one ``make(...)`` call here.
    """
    today = today or dt.date.today()
    pages: list[Page] = []
    dash = Dashboard(repo, today)

    def make(
        path: str,
        title: str,
        kind: str,
        template: str,
        edit_file: str | None,
        plan_slug: str | None,
        description: str | None = None,
        nav_title: str | None = None,
        **ctx: Any,
    ) -> Page:
        def render() -> str:
            here = page_url(path, directory_urls)

            def link(target: str) -> str:
                """Relative URL from this page to a page ('x.md') or any other file of the site."""
                if link_style == "source":
                    return source_link(path, target)
                return relative_url(here, page_url(target, directory_urls))

            html = (
                _environment()
                .get_template(template)
                .render(
                    link=link,
                    today=today,
                    today_da=format_date_da(today),
                    paths=plan_paths,
                    dash=dash,
                    views=PLAN_VIEWS,
                    **ctx,
                )
            )
            return _compact(html)

        return Page(path, title, kind, edit_file, render, plan_slug, directory_urls, description, nav_title)

    pages.append(make("index.md", "Handleplaner", "front", "front.html", None, None, repo=repo))
    for plan in repo.plans:
        paths = plan_paths(plan.slug)
        ctx: dict[str, Any] = {"plan": plan}
        pages.append(make(paths["plan"], plan.data.short_title, "plan", "plan.html", plan.file, plan.slug, **ctx))
        pages.append(
            make(paths["grid"], f"Oversigt – {plan.data.short_title}", "grid", "grid.html", plan.file, plan.slug, **ctx)
        )
        pages.append(
            make(
                paths["timeline"],
                f"Tidslinje – {plan.data.short_title}",
                "timeline",
                "timeline.html",
                plan.file,
                plan.slug,
                timeline=build_timeline(plan, today),
                **ctx,
            )
        )
        if dash.has_view(plan, "goals"):
            pages.append(
                make(
                    paths["goals"],
                    f"Målsætninger – {plan.data.short_title}",
                    "goals",
                    "goals.html",
                    plan.file,
                    plan.slug,
                    **ctx,
                )
            )
        reports = statusreports.status_reports(plan)
        if reports:
            pages.append(
                make(
                    paths["reports"],
                    f"Statusrapporter – {plan.data.short_title}",
                    "reports",
                    "reports.html",
                    plan.file,
                    plan.slug,
                    reports=reports,
                    **ctx,
                )
            )
            for report in reports:
                pages.append(
                    make(
                        report.page_path,
                        f"{report.title} – {plan.data.short_title}",
                        "report",
                        "report.html",
                        plan.file,
                        plan.slug,
                        report=report,
                        nav_title=report.title,
                        **ctx,
                    )
                )
        pages.append(
            make(
                paths["whole"],
                f"Hele planen – {plan.data.short_title}",
                "whole",
                "whole.html",
                plan.file,
                plan.slug,
                **ctx,
            )
        )
        for entry in plan.initiatives:
            prev, nxt = plan.neighbours(entry)
            pages.append(
                make(
                    entry.page_path,
                    f"{plan.data.initiative_label.singular} {entry.number}: {entry.data.title}",
                    "initiative",
                    "initiative.html",
                    entry.file,
                    plan.slug,
                    f"{entry.data.title}: {first_sentence(entry.data.description)}",
                    initiative=entry,
                    prev=prev,
                    next=nxt,
                    **ctx,
                )
            )
    pages.append(make(SEARCH_PATH, "Søg", "search", "search.html", None, None))
    if releases:  # without an approved release the page would have nothing to say
        pages.append(
            make(RELEASES_PATH, "Udgivelser", "releases", "releases.html", None, None, releases=list(releases))
        )
    pages.append(
        make(DICTIONARY_PATH, "Dataordbog", "dictionary", "dictionary.html", None, None, entities=dictionary.entities())
    )
    return pages


DICTIONARY_PATH = "dataordbog.md"
# the header's search form opens it (overrides/partials/ap-search-form.html names its URL)
SEARCH_PATH = "soeg.md"
RELEASES_PATH = "udgivelser.md"
