"""Live data for hand-written pages: the HTML behind the macros in ``macros/`` (mkdocs-macros).

A hand-written page that opts in (``render_macros: true`` in its front matter) can call:

- ``plan_status_summary("region-sjaelland-2024")``: how many initiatives have each status, with
  a link to the plan's overview;
- ``initiative_link("region-sjaelland-2024", 3)``: «Indsats 3: <titel>» linked to its page;
- ``status_table("region-sjaelland-2024")``: one row per initiative: number, title (linked), status;
- ``status_chart("region-sjaelland-2024")``: the plan's status distribution now and in each status
  report, as a static SVG chart with a legend in words and the same numbers in a table.

Everything is rendered through the autoescaped templates in ``overrides/actionplans/`` (the same
``_macros.html`` the generated pages use), so a title from data is always text, never markup, and
characters that Markdown would read as formatting are written as entities. Knows nothing of
MkDocs: the caller passes the current page's URL and the repository.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from actionplans.site import charts
from actionplans.site.rendering import compact, environment
from actionplans.site.urls import page_url, plan_paths, relative_url
from actionplans.source.repository import PlanEntry, Repository

# Markdown reads these as formatting or links even inside inline HTML; as entities they are just text.
_MARKDOWN_SIGNIFICANT = re.compile(r"[*_`\[\]\\]")


def markdown_inert(html: str) -> str:
    return _MARKDOWN_SIGNIFICANT.sub(lambda m: f"&#{ord(m.group())};", html)


class EmbedError(ValueError):
    """A macro called with a plan or initiative that does not exist (the build stops with this message)."""


class Embeds:
    def __init__(
        self,
        repo: Repository,
        *,
        current_url: Callable[[], str],
        directory_urls: bool = True,
        today: dt.date | None = None,
    ) -> None:
        self.repo = repo
        self.current_url = current_url
        self.directory_urls = directory_urls
        self.today = today or dt.date.today()
        self._ids = itertools.count(1)  # a chart's ids stay unique when a page shows several

    def _plan(self, macro: str, slug: str) -> PlanEntry:
        known = [p.slug for p in self.repo.plans]
        if slug not in known:
            raise EmbedError(f"{macro}: planen «{slug}» findes ikke. Mulige planer: {', '.join(known)}")
        return self.repo.plan(slug)

    def _render(self, template: str, **ctx: Any) -> Markup:
        here = self.current_url()

        def link(target: str) -> str:
            return relative_url(here, page_url(target, self.directory_urls))

        html = environment().get_template(template).render(link=link, paths=plan_paths, **ctx)
        return Markup(markdown_inert(compact(html)))  # noqa: S704 (autoescaped template output)

    def plan_status_summary(self, plan: str) -> Markup:
        entry = self._plan("plan_status_summary", plan)
        return self._render("embed_status_summary.html", plan=entry)

    def initiative_link(self, plan: str, number: int) -> Markup:
        entry = self._plan("initiative_link", plan)
        found = [i for i in entry.initiatives if i.number == number]
        if not found:
            numbers = ", ".join(str(i.number) for i in entry.initiatives)
            raise EmbedError(f"initiative_link: planen «{plan}» har ingen indsats nr. {number}. Numre: {numbers}")
        return self._render("embed_initiative_link.html", plan=entry, initiative=found[0])

    def status_table(self, plan: str) -> Markup:
        entry = self._plan("status_table", plan)
        return self._render("embed_status_table.html", plan=entry)

    def status_chart(self, plan: str) -> Markup:
        entry = self._plan("status_chart", plan)
        chart = charts.status_chart(entry, self.today)
        return self._render("embed_status_chart.html", chart=chart, chart_id=f"statusdiagram-{plan}-{next(self._ids)}")
