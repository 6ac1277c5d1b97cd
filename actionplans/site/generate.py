"""The whole generated site, for any engine: repository -> pages, data files, navigation.

``generate(repo, options)`` is a plain function (no engine import). It returns a :class:`Site`:

- ``pages``: one :class:`SitePage` per generated page: source path (``demo/01-alfa.md``), title,
  the page body as HTML (rendered through the autoescaped templates in ``overrides/actionplans/``),
  and the page's metadata (``meta``), which is all a theme needs: ``edit_url`` (the data file the
  page is edited in, or ``None``) and ``ap_plan`` (the plan whose sidebar the page shows);
- ``files``: the open-data files and the feed (``{site path: bytes}``);
- ``nav``: the navigation, in the form of MkDocs' ``nav:`` setting (which Zensical reads too).

The engines are thin adapters: ``actionplans/engines/mkdocs_plugin.py`` hands these to MkDocs
in memory; ``write_docs`` writes them to disk for any other engine (``python3 run.py generate``).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from actionplans.hosting import robots_txt
from actionplans.organisation import DataLicense
from actionplans.site.bodymemo import BodyMemo, templates_signature
from actionplans.site.exports import build_files
from actionplans.site.urls import DICTIONARY_PATH, PLAN_VIEWS, RELEASES_PATH, SEARCH_PATH, LinkStyle
from actionplans.site.views import Page, build_pages
from actionplans.source.audience import Audience, for_audience
from actionplans.source.repository import Load, Repository, load_repository
from actionplans.source.signals import plans_active_first


@dataclass(frozen=True)
class Options:
    """What differs between engines and builds."""

    directory_urls: bool = True  # URL style: 'demo/01-alfa/' (True) or 'demo/01-alfa.html'
    link_style: LinkStyle = "url"  # see actionplans.site.urls.LinkStyle
    base_url: str = "/"  # the site's public URL (feed and CSV links are absolute)
    site_name: str = ""
    edit_base: str | None = None  # e.g. 'https://github.com/org/repo/edit/main/'; None: no edit links
    audience: Audience = Audience.INTERNAL
    handwritten_nav: tuple[Any, ...] = ()  # the hand-written pages' nav entries, after the plans
    data_license: DataLicense | None = None  # organisation.yml: stated in data.json and the CSV metadata
    releases: tuple[Any, ...] = ()  # approved releases, newest first (actionplans.publish.releases)


@dataclass(frozen=True)
class SitePage:
    path: str
    title: str
    kind: str
    plan_slug: str | None
    body: str  # HTML
    meta: dict[str, Any] = field(compare=False)

    def document(self) -> str:
        """The page as a source file: YAML front matter, then the HTML body as one raw block."""
        front = yaml.safe_dump(self.meta, allow_unicode=True, sort_keys=False)
        return f"---\n{front}---\n\n{self.body}\n"


@dataclass(frozen=True)
class Site:
    pages: list[SitePage]
    files: dict[str, bytes]
    nav: list[Any]

    def page(self, path: str) -> SitePage | None:
        return next((p for p in self.pages if p.path == path), None)


def escape_title(title: str) -> str:
    """Titles go into front matter and nav, which the themes print unescaped (and mkdocs-macros
    would read braces as Jinja): escape once here."""
    return html.escape(title).replace("{", "&#123;").replace("}", "&#125;")


# The generated pages in the search index (issue 13): what a reader searches for. The others are
# left out: pages made of many initiatives (front page, overview, timeline, goals, whole plan, the
# list of reports) only repeat the initiatives' text (22 % of the old index at 1,000 initiatives),
# and the search page, releases and dictionary are about the site, not the plans. Hand-written
# pages are indexed unless their front matter says «search: {exclude: true}».
INDEXED_KINDS = frozenset({"plan", "initiative", "report"})


def page_meta(page: Page, edit_base: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": escape_title(page.title),
        "hide": ["toc"],
        "actionplans_kind": page.kind,
        # generated from data: never a template, whatever mkdocs-macros' render_by_default says
        "render_macros": False,
        # the edit button opens the data file; None (front page, dictionary): no edit button
        "edit_url": f"{edit_base}{page.edit_file}" if edit_base and page.edit_file else None,
    }
    if page.description:
        meta["description"] = escape_title(page.description)  # <meta name=description>, og:description
    if page.plan_slug:
        meta["ap_plan"] = page.plan_slug  # partials/nav.html shows only this plan in the sidebar
    if page.kind not in INDEXED_KINDS:
        meta["search"] = {"exclude": True}  # overrides/main.html: no data-pagefind-body
    return meta


def generate(repo: Repository, options: Options, *, today: dt.date, memo: BodyMemo | None = None) -> Site:
    """The site for ``repo`` (already filtered for the audience). ``memo``: the bodies of the
    previous build, for the pages of plans that did not change (``serve``, issue 13)."""
    pages = build_pages(
        repo,
        today=today,
        directory_urls=options.directory_urls,
        link_style=options.link_style,
        releases=options.releases,
    )
    if memo is None:
        bodies = [p.render() for p in pages]
    else:  # serve: a plan's pages are rendered again only when the plan or anything global changed
        bodies = memo.bodies(pages, repo, (options, today, templates_signature()))
    site_pages = [
        SitePage(p.path, p.title, p.kind, p.plan_slug, body, page_meta(p, options.edit_base))
        for p, body in zip(pages, bodies, strict=True)
    ]
    files = build_files(
        repo,
        base_url=options.base_url or "/",
        site_name=options.site_name,
        data_license=options.data_license,
        per_plan=memo.plan_files((options, today)) if memo else None,
    )
    files["robots.txt"] = robots_txt(options.base_url, public=options.audience is Audience.PUBLIC).encode()
    return Site(site_pages, files, navigation(repo, pages, list(options.handwritten_nav), today))


def load_site(
    data_dir: Path,
    options: Options,
    *,
    root: Path,
    today: dt.date,
    load: Load | None = None,
    memo: BodyMemo | None = None,
) -> Site:
    """Read ``data_dir``, keep what ``options.audience`` may see, generate. Raises DataError.
    ``load`` and ``memo`` keep work between the builds of ``serve`` (parse cache, page bodies)."""
    repo = load_repository(data_dir, root=root, today=today, load=load)
    return generate(for_audience(repo, options.audience), options, today=today, memo=memo)


def navigation(repo: Repository, pages: list[Page], handwritten: list[Any], today: dt.date) -> list[Any]:
    """Front page, then each plan (active plans first, as on the front page), the hand-written
    pages, and the generated «Udgivelser» (only when there is a release) and «Dataordbog»."""
    by_plan: dict[str, list[Page]] = {}
    for page in pages:
        if page.plan_slug:
            by_plan.setdefault(page.plan_slug, []).append(page)
    nav: list[Any] = [{"Forside": "index.md"}]
    labels = dict(PLAN_VIEWS)
    for plan in plans_active_first(repo.plans, today):
        plan_pages = by_plan[plan.slug]
        section: list[Any] = []
        for p in plan_pages:
            if p.kind == "reports":  # the list, then one page per report
                reports = [{escape_title(r.nav_title or r.title): r.path} for r in plan_pages if r.kind == "report"]
                section.append({labels[p.kind]: [{"Alle statusrapporter": p.path}, *reports]})
            elif p.kind in labels:
                section.append({labels[p.kind]: p.path})
        initiatives = [p.path for p in plan_pages if p.kind == "initiative"]
        if initiatives:  # a new plan has none yet: no empty section (it would link nowhere)
            section.append({escape_title(plan.data.initiative_label.plural): initiatives})
        nav.append({escape_title(plan.data.short_title): section})
    releases = [{"Udgivelser": RELEASES_PATH}] if any(p.kind == "releases" for p in pages) else []
    generated_last = [{"Søg": SEARCH_PATH}, *releases, {"Dataordbog": DICTIONARY_PATH}]
    return nav + [item for item in handwritten if item not in nav + generated_last] + generated_last


def write_docs(site: Site, docs_dir: Path) -> list[Path]:
    """Write every generated page and file under ``docs_dir`` (beside the hand-written pages)."""
    written: list[Path] = []
    for page in site.pages:
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.document(), encoding="utf-8")
        written.append(target)
    for path, content in site.files.items():
        target = docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written
