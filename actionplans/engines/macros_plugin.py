"""mkdocs-macros, loaded only when a hand-written page asks for it (issue 13).

``actionplans-macros`` in mkdocs.yml takes mkdocs-macros' options and hands them to mkdocs-macros'
own plugin, but imports and runs it only if a page under ``docs/`` says ``render_macros: true`` in
its front matter (or ``render_by_default`` is true). Generated pages never go through macros, and
importing mkdocs-macros alone costs about 0.18 s of CPU (it pulls in requests and ssl): a tenth
of the build of a small site, for nothing when no page calls a macro (bench/RESULTS.md).

``serve`` reads the configuration again on every rebuild, so a page that opts in while serving
switches the macros on at the next rebuild.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page
from mkdocs.utils import meta


class LazyMacrosConfig(Config):
    """The mkdocs-macros options this project uses (passed on unchanged)."""

    module_name = c.Type(str, default="main")
    render_by_default = c.Type(bool, default=True)
    on_error_fail = c.Type(bool, default=False)
    on_undefined = c.Type(str, default="keep")


def pages_opting_in(docs_dir: Path) -> list[Path]:
    """The Markdown files under ``docs_dir`` whose front matter says ``render_macros: true``."""
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        if text.startswith("---") and meta.get_data(text)[1].get("render_macros") is True:
            found.append(path)
    return found


class LazyMacrosPlugin(BasePlugin[LazyMacrosConfig]):
    """Forwards MkDocs' events to mkdocs-macros' plugin when a page needs it; otherwise does nothing.

    Not a subclass of mkdocs-macros' plugin (importing it is what this avoids); each ``on_*``
    method hands its event on or returns its input unchanged."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.macros: Any = None  # mkdocs_macros.plugin.MacrosPlugin, while a page needs it
        self.options: dict[str, Any] = {}
        self.config_file_path: str | None = None

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[Any, Any]:
        self.options, self.config_file_path = dict(options), config_file_path  # for mkdocs-macros
        return super().load_config(options, config_file_path)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.macros = None
        if not (self.config.render_by_default or pages_opting_in(Path(config.docs_dir))):
            return config
        from mkdocs_macros.plugin import MacrosPlugin

        plugin = MacrosPlugin()
        errors, _ = plugin.load_config(self.options, self.config_file_path)
        if errors:
            raise Abort(f"mkdocs-macros: {errors}")
        self.macros = plugin
        return plugin.on_config(config) or config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.macros is not None:
            self.macros.on_pre_build(config=config)

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Any) -> Any:
        return nav if self.macros is None else self.macros.on_nav(nav, config=config, files=files)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        return server if self.macros is None else self.macros.on_serve(server, config=config, builder=builder)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        if self.macros is None:
            return markdown
        return self.macros.on_page_markdown(markdown, page=page, config=config, files=files)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.macros is not None:
            self.macros.on_post_build(config=config)
