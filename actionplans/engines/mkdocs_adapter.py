"""The thin MkDocs adapter: data/ -> generated pages, navigation, edit links.

Registered twice: as MkDocs hooks (``actionplans/engines/mkdocs_hooks.py``: on_config, on_files,
on_page_context) and as the mkdocs-macros module (``define_env``). Each generated page is a
stub whose body is one macro call, ``{{ actionplan_page("<path>") }}``; the macro returns
the HTML that ``views`` rendered with autoescaping, so data never passes through the
macros plugin's own Jinja as template source.
"""

from __future__ import annotations

import copy
import html
import logging
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from actionplans import organisation
from actionplans.site.exports import build_files
from actionplans.site.views import DICTIONARY_PATH, PLAN_VIEWS, Page, build_pages
from actionplans.source.audience import Audience, for_audience
from actionplans.source.dates import build_date as today
from actionplans.source.problems import DataError
from actionplans.source.repository import Repository, load_repository

log = logging.getLogger("mkdocs.plugins.actionplans")

_state: dict[str, Any] = {"pages": {}, "repo": None, "edit_base": None, "files": {}}


def title_for_mkdocs(title: str) -> str:
    """MkDocs and Material print titles without escaping, and macros renders them as Jinja."""
    return html.escape(title).replace("{", "&#123;").replace("}", "&#125;")


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path).resolve().parent
    try:
        settings = organisation.from_extra(config.extra)
    except organisation.SettingsError as exc:
        raise Abort(f"Bygningen er stoppet:\n{exc}") from None
    config.extra["organisation"]["primary_color"] = settings.primary_color
    data_dir = root / config.extra.get("data_dir", "data")
    try:
        repo = load_repository(data_dir, root=root, today=today())
    except DataError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise Abort(
            f"Bygningen er stoppet: {len(exc.problems)} fejl i data/ (se ovenfor). "
            "Intet er udgivet. Kør «python3 run.py validate» for at se dem igen."
        ) from None
    audience = Audience.parse(config.extra.get("audience"))
    repo = for_audience(repo, audience)
    pages = build_pages(repo, today=today(), directory_urls=config.use_directory_urls)
    _state["files"] = build_files(
        repo, base_url=config.site_url or "/", site_name=config.site_name, data_license=settings.data_license
    )
    _state["repo"] = repo
    _state["pages"] = {page.path: page for page in pages}
    repo_url = (config.repo_url or "").rstrip("/")
    branch = config.extra.get("edit_branch", "main")
    _state["edit_base"] = f"{repo_url}/edit/{branch}/" if repo_url else None
    config.nav = _nav(repo, pages, config.nav or [])
    return config


def _nav(repo: Repository, pages: list[Page], handwritten: list[Any]) -> list[Any]:
    by_plan: dict[str, list[Page]] = {}
    for page in pages:
        if page.plan_slug:
            by_plan.setdefault(page.plan_slug, []).append(page)
    nav: list[Any] = [{"Forside": "index.md"}]
    labels = dict(PLAN_VIEWS)
    for plan in repo.plans:
        plan_pages = by_plan[plan.slug]
        section: list[Any] = []
        for p in plan_pages:
            if p.kind == "reports":  # the list, then one page per report
                reports = [r.path for r in plan_pages if r.kind == "report"]
                section.append({labels[p.kind]: [p.path, *reports]})
            elif p.kind in labels:
                section.append({labels[p.kind]: p.path})
        section.append(
            {
                title_for_mkdocs(plan.data.initiative_label.plural): [
                    p.path for p in plan_pages if p.kind == "initiative"
                ]
            }
        )
        nav.append({title_for_mkdocs(plan.data.short_title): section})
    return nav + [item for item in handwritten if item not in nav] + [{"Dataordbog": DICTIONARY_PATH}]


def on_files(files: Files, config: Any) -> Files:
    for page in _state["pages"].values():
        if files.get_file_from_path(page.path) is None:
            files.append(File.generated(config, page.path, content=stub(page)))
    for path, content in _state["files"].items():
        files.append(File.generated(config, path, content=content))
    return files


def stub(page: Page) -> str:
    meta: dict[str, Any] = {"title": title_for_mkdocs(page.title), "hide": ["toc"], "actionplans_kind": page.kind}
    if page.description:
        meta["description"] = title_for_mkdocs(page.description)  # <meta name=description>, og:description
    if page.kind == "whole":
        meta["search"] = {"exclude": True}  # the same text as the initiative pages; they are the hits
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{{{{ actionplan_page({page.path!r}) }}}}\n"


def on_nav(nav: Any, config: Any, files: Files) -> Any:
    """Remember which top-level nav section belongs to which plan."""
    plan_of = {}
    for item in nav.items:
        for page in getattr(item, "children", None) or []:
            generated = _state["pages"].get(getattr(getattr(page, "file", None), "src_uri", None))
            if generated is not None and generated.plan_slug:
                plan_of[id(item)] = generated.plan_slug
                break
    _state["plan_of_section"] = plan_of
    return nav


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    generated = _state["pages"].get(page.file.src_uri)
    if generated is not None and generated.plan_slug:
        # A plan's pages list only their own plan in the sidebar, so a page's size does not
        # grow with the number of plans on the site (the front page still lists them all).
        plan_of = _state["plan_of_section"]
        local = copy.copy(nav)
        local.items = [i for i in nav.items if plan_of.get(id(i), generated.plan_slug) == generated.plan_slug]
        context["nav"] = local
    if generated is not None:
        base = _state["edit_base"]
        page.edit_url = f"{base}{generated.edit_file}" if base and generated.edit_file else None
    return context


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: only registers names."""
    env.macro(actionplan_page)


def actionplan_page(path: str) -> str:
    return str(_state["pages"][path].render())
