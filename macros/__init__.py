"""The mkdocs-macros module (``module_name: macros`` in mkdocs.yml): macros that hand-written
pages may call to show live data. Only registers names; the HTML comes from
``actionplans/site/embeds.py`` through autoescaped templates.

A page opts in with ``render_macros: true`` in its front matter, then writes for example::

    {{ plan_status_summary("region-sjaelland-2024") }}
    {{ initiative_link("region-sjaelland-2024", 3) }}
    {{ status_table("danske-regioner-2014-2016") }}
    {{ status_chart("region-sjaelland-2024") }}

The data is read (for the build's audience: the public site shows only public content) the first
time a page calls a macro. Generated pages never go through this module (``render_macros: false``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: registers the macros of one build."""
    from actionplans.site.embeds import Embeds
    from actionplans.source.audience import Audience, for_audience
    from actionplans.source.dates import build_date
    from actionplans.source.repository import load_repository

    loaded: list[Embeds] = []  # this build's data, read on first use

    def embeds() -> Embeds:
        if not loaded:
            root = Path(env.conf["config_file_path"]).resolve().parent
            plugins = env.conf.get("plugins") or {}
            own = plugins.get("actionplans") if hasattr(plugins, "get") else None
            data_dir = getattr(getattr(own, "config", None), "data_dir", None) or "data"
            repo = load_repository(root / data_dir, root=root, today=build_date())
            audience = Audience.parse((env.conf.get("extra") or {}).get("audience"))
            loaded.append(
                Embeds(
                    for_audience(repo, audience),
                    current_url=lambda: str(getattr(env.page, "url", "") or ""),
                    directory_urls=bool(env.conf.get("use_directory_urls", True)),
                    today=build_date(),
                )
            )
        return loaded[0]

    def plan_status_summary(plan: str) -> str:
        """How many initiatives of ``plan`` (its folder name under data/) have each status."""
        return embeds().plan_status_summary(plan)

    def initiative_link(plan: str, number: int) -> str:
        """«Indsats N: titel», linked to the initiative's page."""
        return embeds().initiative_link(plan, number)

    def status_table(plan: str) -> str:
        """A table of every initiative of ``plan`` with its current status."""
        return embeds().status_table(plan)

    def status_chart(plan: str) -> str:
        """A chart of how many initiatives of ``plan`` had each status, now and in each status report."""
        return embeds().status_chart(plan)

    for macro in (plan_status_summary, initiative_link, status_table, status_chart):
        env.macro(macro)
