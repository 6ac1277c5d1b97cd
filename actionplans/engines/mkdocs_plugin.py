"""MkDocs adapter: one typed plugin that hands the generated site to MkDocs.

Registered under ``[project.entry-points."mkdocs.plugins"]`` in pyproject.toml as ``actionplans``
(``run.py`` installs the project into .venv in editable mode, so ``plugins: [actionplans]`` in
mkdocs.yml finds it). Everything the pages need comes from :func:`actionplans.site.generate.generate`;
this class only translates: config -> :class:`Options`, pages and files -> ``File.generated``,
navigation -> ``config.nav``. The theme reads the rest from each page's metadata
(``overrides/partials/actions.html``: edit link; ``overrides/partials/nav.html``: per-plan sidebar),
exactly as under Zensical.

Generated bodies are HTML already (autoescaped templates), so they skip Markdown: each generated
page is a :class:`GeneratedPage`, whose ``read_source`` takes the metadata from the generator and
whose ``render`` takes the body as it is. No Markdown conversion, no raw-HTML preprocessor, and
nothing for mkdocs-macros (it sees an empty Markdown source), which at 1,000 initiatives was more
than half of the build (bench/RESULTS.md). Hand-written pages under ``docs/`` are untouched.

State lives on the plugin instance, never in the module. The instance lives on across the
rebuilds of ``serve`` (it has ``on_startup``); ``serve`` rebuilds on edits under ``data/``
(``watch:`` in mkdocs.yml) and calls ``on_config`` again. Between rebuilds the instance keeps
the parsed data files (a file whose bytes did not change is not parsed again), the page bodies
of plans that did not change, and under ``serve --dirty`` which pages changed at all, so MkDocs
builds only those (``actionplans/engines/incremental.py``; issue 13).
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from actionplans import organisation
from actionplans.engines import search_index
from actionplans.engines.incremental import DirtyServe, GeneratedFile, generated_file, quiet_dirty_warning
from actionplans.engines.serve_search import BackgroundIndex
from actionplans.publish.guards import PublishError, prepare_build
from actionplans.site import problem_page
from actionplans.site.bodymemo import BodyMemo
from actionplans.site.generate import Options, Site, SitePage, load_site
from actionplans.site.templatecache import template_cache
from actionplans.source.audience import Audience
from actionplans.source.dates import build_date
from actionplans.source.parsecache import ParseCache
from actionplans.source.problems import DataError, Problem

log = logging.getLogger("mkdocs.plugins.actionplans")


_ID = re.compile(r"""\sid=["']([^"']+)["']""")


class GeneratedPage(Page):
    """A page whose body the generator has rendered: MkDocs puts it into the theme as it is."""

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, generated: SitePage) -> None:
        self.generated = generated
        super().__init__(title, file, config)
        # what read_source gives, here already: a page that `serve --dirty` does not build again
        # keeps its title and metadata for the navigation of the pages it does build
        self.markdown = ""
        self.meta = dict(generated.meta)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""  # nothing for Markdown or mkdocs-macros to read: the body is HTML
        self.meta = dict(self.generated.meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.generated.body
        self.toc = get_toc([])  # the generated pages hide the table of contents
        # the anchors links from hand-written pages may point to (MkDocs' «validation: anchors»)
        self.present_anchor_ids = {html.unescape(m) for m in _ID.findall(self.content)}


class ActionplansConfig(Config):
    data_dir = c.Type(str, default="data")  # relative to mkdocs.yml
    edit_branch = c.Type(str, default="main")  # edit links open data files on this branch
    link_style = c.Choice(("url", "source"), default="url")
    offline = c.Type(bool, default=False)  # preview opened from disk: no directory URLs


class ActionplansPlugin(BasePlugin[ActionplansConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self.command: str | None = None
        self.problems: list[Problem] = []  # while serving broken data: shown instead of the site
        self.data_dir: Path | None = None
        self.memo = BodyMemo()  # page bodies, kept between the builds of `serve`
        self.cache: ParseCache | None = None  # `serve`: parsed data files, in memory between builds
        self.serve_state: DirtyServe | None = None  # `serve --dirty`: which pages an edit touched
        self.search: BackgroundIndex | None = None  # `serve`: Pagefind after the pages are served

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        if command == "serve":
            self.search = BackgroundIndex()
        if command == "serve" and dirty:
            self.serve_state = DirtyServe()
            quiet_dirty_warning()

    @event_priority(-50)  # after the other plugins' on_config
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.search is not None:
            self.search.stop()  # an index of the pages as they were: this build indexes anew
        root = Path(config.config_file_path).resolve().parent
        if self.config.offline:  # every link a file, for a browser on file:// (no folder index pages)
            config.use_directory_urls = False
        self.problems = []  # the instance lives on across rebuilds of `serve` (it has on_startup)
        try:
            settings = organisation.from_extra(config.extra)
            organisation.check_share_image(Path(config.docs_dir), settings.share_image)
        except organisation.SettingsError as exc:
            raise Abort(f"Bygningen er stoppet:\n{exc}") from None
        config.extra["organisation"]["primary_color"] = settings.primary_color
        audience = Audience.parse(config.extra.get("audience"))
        try:  # placeholders stop a public build; repository links go unless it is public; release notes
            releases = prepare_build(config, audience, root)
        except PublishError as exc:
            raise Abort(str(exc)) from None
        repo_url = (config.repo_url or "").rstrip("/")
        options = Options(
            directory_urls=config.use_directory_urls,
            link_style="source" if self.config.link_style == "source" else "url",
            base_url=config.site_url or "/",
            site_name=config.site_name,
            edit_base=f"{repo_url}/edit/{self.config.edit_branch}/" if repo_url else None,
            # the one switch between audiences; templates read it from extra.audience too
            audience=audience,
            handwritten_nav=tuple(config.nav or []),
            data_license=settings.data_license,
            releases=tuple(releases),
        )
        self.data_dir = data_dir = root / self.config.data_dir
        if self.command == "serve" and (self.cache is None or self.cache.data_dir != data_dir):
            self.cache = ParseCache(data_dir, None)
        try:
            self.site = load_site(
                data_dir,
                options,
                root=root,
                today=build_date(),
                load=self.cache.load if self.cache else None,
                memo=self.memo,
            )
        except DataError as exc:
            self.data_error(exc)
        finally:
            if self.cache:
                self.cache.finish()
        if self.problems:
            config.nav = [{"Fejl i data": problem_page.PATH}]
            return config
        assert self.site is not None
        config.nav = self.site.nav
        return config

    def data_error(self, exc: DataError) -> None:
        """The data cannot be read: log each problem and stop; nothing is written.

        The one place that decides what a build does with bad data (``self.command`` tells
        ``build`` from ``serve``, e.g. to show the problems in the browser while serving).
        """
        if self.command == "serve":
            # A failed rebuild leaves every request of `mkdocs serve` waiting for a good build, so
            # the browser hangs on the stale page: build the problems page instead (on_files).
            # Logged as info: an error or warning would stop the build under `strict: true`.
            for problem in exc.problems:
                log.info(f"Fejl i data: {problem}")
            self.problems = exc.problems
            return
        for problem in exc.problems:
            log.error(str(problem))
        raise Abort(
            f"Bygningen er stoppet: {len(exc.problems)} fejl i data/ (se ovenfor). "
            "Intet er udgivet. Kør «python3 run.py validate» for at se dem igen."
        ) from None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if self.problems:  # serve with broken data: only the problems page (and the assets)
            for file in [f for f in files if f.is_documentation_page()]:
                files.remove(file)
            files.append(File.generated(config, problem_page.PATH, content=problem_page.document(self.problems)))
            self.prepare_dirty(config, files, {})
            return files
        assert self.site is not None, "on_config has run"
        titles = nav_titles(self.site.nav)
        generated: dict[str, tuple[GeneratedFile, str, dict[str, Any]]] = {}
        for page in self.site.pages:
            if files.get_file_from_path(page.path) is None:  # a hand-written page of that name wins
                file = generated_file(config, page.path, page.body)
                files.append(file)
                GeneratedPage(titles.get(page.path), file, config, page)  # sets file.page
                generated[page.path] = (file, page.body, page.meta)
        for path, content in self.site.files.items():
            files.append(File.generated(config, path, content=content))
        self.prepare_dirty(config, files, generated)
        return files

    def prepare_dirty(
        self, config: MkDocsConfig, files: Files, generated: dict[str, tuple[GeneratedFile, str, dict[str, Any]]]
    ) -> None:
        """`serve --dirty`: tell MkDocs which pages to build (all of them when the site changed)."""
        if self.serve_state is not None and self.data_dir is not None:
            self.serve_state.prepare(config, files, generated, self.data_dir, (self.problems, build_date()))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The search index over the built pages (Pagefind; actionplans/engines/search_index.py).

        Serve with broken data: every address shows the problems (the server answers an
        unknown page with 404.html), so the page the editor has open shows them too."""
        if not self.problems and self.search is not None:  # serve: after the pages are served
            self.search.start(Path(config.site_dir))
        elif not self.problems:
            try:
                log.debug(search_index.index_site(Path(config.site_dir)))
            except search_index.SearchIndexError as exc:
                raise Abort(f"Bygningen er stoppet: {exc}") from None
        else:
            site = Path(config.site_dir)
            page = (site / "index.html").read_text(encoding="utf-8")
            # index.html links its assets relative to the root; a <base> keeps them working at
            # any depth (serve sets site_url to the address it serves on)
            base = html.escape(urlsplit(config.site_url or "/").path or "/")
            page = page.replace("<head>", f'<head><base href="{base}">', 1)
            (site / "404.html").write_text(page, encoding="utf-8")
        if self.serve_state is not None:
            self.serve_state.commit()  # this build is complete: the next one can start from it

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """MkDocs makes a new theme environment for every build: its compiled templates are kept
        between builds and processes (site/templatecache.py)."""
        env.bytecode_cache = template_cache(env)
        return env

    def on_shutdown(self) -> None:
        if self.search is not None:
            self.search.stop()

    def on_build_error(self, *, error: Exception) -> None:
        if self.serve_state is not None:
            self.serve_state.signature = None  # the site folder is half-built: the next build is full


def nav_titles(nav: list[Any]) -> dict[str, str]:
    """``{path: label}`` for the nav entries that name their page (``{"Overblik": "x/oversigt.md"}``).

    MkDocs takes a page's title from its nav entry; a page made before the nav keeps its own."""
    titles: dict[str, str] = {}
    for item in nav:
        if isinstance(item, dict):
            for label, value in item.items():
                if isinstance(value, str):
                    titles[value] = label
                elif isinstance(value, list):
                    titles.update(nav_titles(value))
        elif isinstance(item, list):
            titles.update(nav_titles(item))
    return titles
