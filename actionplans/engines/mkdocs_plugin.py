"""MkDocs adapter: one typed plugin that hands the generated site to MkDocs.

Registered under ``[project.entry-points."mkdocs.plugins"]`` in pyproject.toml as ``actionplans``
(``run.py`` installs the project into .venv in editable mode, so ``plugins: [actionplans]`` in
mkdocs.yml finds it). Everything the pages need comes from :func:`actionplans.site.generate.generate`;
this class only translates: config -> :class:`Options`, pages and files -> ``File.generated``,
navigation -> ``config.nav``. The theme reads the rest from each page's metadata
(``overrides/partials/actions.html``: edit link; ``overrides/partials/nav.html``: per-plan sidebar),
exactly as under Zensical.

State lives on the plugin instance (MkDocs makes a new one for each build of ``serve``), never in
the module. ``serve`` rebuilds on edits under ``data/`` (``watch:`` in mkdocs.yml) and calls
``on_config`` again, which reads the data again.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from actionplans import organisation
from actionplans.site.generate import Options, Site, load_site
from actionplans.source.audience import Audience
from actionplans.source.dates import build_date
from actionplans.source.problems import DataError

log = logging.getLogger("mkdocs.plugins.actionplans")


class ActionplansConfig(Config):
    data_dir = c.Type(str, default="data")  # relative to mkdocs.yml
    edit_branch = c.Type(str, default="main")  # edit links open data files on this branch
    link_style = c.Choice(("url", "source"), default="url")


class ActionplansPlugin(BasePlugin[ActionplansConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self.command: str | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    @event_priority(-50)  # after the other plugins' on_config: «offline» turns off directory URLs there
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        try:
            settings = organisation.from_extra(config.extra)
        except organisation.SettingsError as exc:
            raise Abort(f"Bygningen er stoppet:\n{exc}") from None
        config.extra["organisation"]["primary_color"] = settings.primary_color
        repo_url = (config.repo_url or "").rstrip("/")
        options = Options(
            directory_urls=config.use_directory_urls,
            link_style="source" if self.config.link_style == "source" else "url",
            base_url=config.site_url or "/",
            site_name=config.site_name,
            edit_base=f"{repo_url}/edit/{self.config.edit_branch}/" if repo_url else None,
            # the one switch between audiences; templates read it from extra.audience too
            audience=Audience.parse(config.extra.get("audience")),
            handwritten_nav=tuple(config.nav or []),
            data_license=settings.data_license,
        )
        try:
            self.site = load_site(root / self.config.data_dir, options, root=root, today=build_date())
        except DataError as exc:
            self.data_error(exc)
        assert self.site is not None
        config.nav = self.site.nav
        return config

    def data_error(self, exc: DataError) -> None:
        """The data cannot be read: log each problem and stop; nothing is written.

        The one place that decides what a build does with bad data (``self.command`` tells
        ``build`` from ``serve``, e.g. to show the problems in the browser while serving).
        """
        for problem in exc.problems:
            log.error(str(problem))
        raise Abort(
            f"Bygningen er stoppet: {len(exc.problems)} fejl i data/ (se ovenfor). "
            "Intet er udgivet. Kør «python3 run.py validate» for at se dem igen."
        ) from None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.site is not None, "on_config has run"
        for page in self.site.pages:
            if files.get_file_from_path(page.path) is None:  # a hand-written page of that name wins
                files.append(File.generated(config, page.path, content=page.document()))
        for path, content in self.site.files.items():
            files.append(File.generated(config, path, content=content))
        return files
