"""Data -> pages. A plain function that knows nothing of MkDocs.

``build_pages(repo, today=...)`` returns one :class:`Page` per page of the site: its source
path (``<plan>/<NN-slug>.md``), URL, title, which data file it is edited in, and a
``render()`` that produces the page body as HTML through the Jinja templates in
``overrides/actionplans/`` (autoescaped: every piece of data is escaped there).
Any builder can write these pages out; ``mkdocs_hooks`` does it for MkDocs.

This module decides which pages exist and what each template is given. Where pages live and how
they link each other is :mod:`actionplans.site.urls`; the Jinja environment that renders them is
:mod:`actionplans.site.rendering` (both split from here in issue 12).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from actionplans.site import dictionary
from actionplans.site.dashboard import Dashboard
from actionplans.site.rendering import compact, environment
from actionplans.site.timeline import build_timeline
from actionplans.site.urls import (
    DICTIONARY_PATH,
    PLAN_VIEWS,
    RELEASES_PATH,
    SEARCH_PATH,
    LinkStyle,
    page_url,
    plan_paths,
    relative_url,
    source_link,
)
from actionplans.source import statusreports
from actionplans.source.dates import format_date_da
from actionplans.source.repository import Repository


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


def first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence (or line) of a text block, at most ``limit`` characters, for summaries."""
    line = next((ln.strip().lstrip("-• ").strip() for ln in text.splitlines() if ln.strip()), "")
    match = re.search(r"[.!?](?=\s|$)", line)
    sentence = line[: match.end()] if match else line
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


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
                environment()
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
            return compact(html)

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
