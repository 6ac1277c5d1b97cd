"""Any other engine: the generated site written to disk as a ready-to-build project.

``python3 run.py generate OUT`` writes ``OUT/`` with the hand-written pages (``docs/``), every
generated page and data file beside them, the theme overrides and the macro module, and a
``mkdocs.yml`` that lists the navigation and no longer needs the ``actionplans`` plugin. Zensical
(``--engine zensical``, the default) reads that configuration format; ``--engine mkdocs`` gives a
plain MkDocs project (the benchmark's baseline).

What differs per engine (see README, «Zensical»): the link style (Zensical resolves links in raw
HTML against the source file). The search index is built after the engine's build, over its HTML:
``python3 run.py search-index SITE`` (:mod:`actionplans.engines.search_index`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path
from typing import Any, Literal

import yaml
from mergedeep import merge
from yaml_env_tag import construct_env_tag

from actionplans import organisation
from actionplans.publish.guards import prepare_build
from actionplans.site.generate import Options, Site, load_site, write_docs
from actionplans.source.audience import Audience

Engine = Literal["zensical", "mkdocs"]
PLUGIN = "actionplans"
MACROS = {"actionplans-macros": "macros"}
COPIED = ("docs", "overrides", "macros")


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's YAML: safe, plus MkDocs' ``!ENV`` tag."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)


def read_config(path: Path) -> dict[str, Any]:
    """``path`` as MkDocs reads it: ``!ENV`` resolved, ``INHERIT`` merged in (deep, as MkDocs does)."""
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (safe loader + !ENV)
    if not isinstance(config, dict):
        raise ValueError(f"{path}: not a mapping")
    parent = config.pop("INHERIT", None)
    if parent:
        config = merge({}, read_config(path.parent / parent), config)
    return config


def _plugins(config: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    items: list[tuple[str, dict[str, Any]]] = []
    for item in config.get("plugins") or []:
        if isinstance(item, str):
            items.append((item, {}))
        else:
            ((name, options),) = item.items()
            items.append((name, dict(options or {})))
    return items


def options_for(config: dict[str, Any], engine: Engine) -> tuple[Options, str]:
    """The generation options (and the data folder) that ``config`` asks for.

    Raises :class:`actionplans.organisation.SettingsError` if organisation.yml is wrong."""
    settings = organisation.from_extra(config.get("extra"))
    config.setdefault("extra", {})["organisation"]["primary_color"] = settings.primary_color
    plugins = dict(_plugins(config))
    own = plugins.get(PLUGIN, {})
    offline = own.get("offline") is True
    repo_url = str(config.get("repo_url") or "").rstrip("/")
    branch = own.get("edit_branch", "main")
    options = Options(
        directory_urls=bool(config.get("use_directory_urls", True)) and not offline,
        link_style="source" if engine == "zensical" else "url",
        base_url=str(config.get("site_url") or "/"),
        site_name=str(config.get("site_name") or ""),
        edit_base=f"{repo_url}/edit/{branch}/" if repo_url else None,
        audience=Audience.parse((config.get("extra") or {}).get("audience")),
        handwritten_nav=tuple(config.get("nav") or []),
        data_license=settings.data_license,
    )
    return options, str(own.get("data_dir", "data"))


def engine_config(config: dict[str, Any], site: Site, engine: Engine) -> dict[str, Any]:
    """``config`` for a project whose pages are already on disk."""
    out = {k: v for k, v in config.items() if k not in ("hooks", "watch", "nav", "plugins")}
    # our lazy wrapper of mkdocs-macros is a plugin of this package: the written project names
    # mkdocs-macros itself, with the same options
    plugins = [(MACROS.get(name, name), opts) for name, opts in _plugins(config) if name != PLUGIN]
    out["plugins"] = [{name: opts} if opts else name for name, opts in plugins]
    out["nav"] = site.nav
    return out


def export(root: Path, dest: Path, *, engine: Engine = "zensical", today: dt.date) -> Site:
    """Write the project at ``root`` with its generated pages to ``dest`` (must not exist yet).

    Raises :class:`actionplans.source.problems.DataError` before writing anything if the data is bad.
    """
    config = read_config(root / "mkdocs.yml")
    releases = prepare_build(config, Audience.parse((config.get("extra") or {}).get("audience")), root)
    options, data_dir = options_for(config, engine)
    options = dataclasses.replace(options, releases=tuple(releases))
    site = load_site(root / data_dir, options, root=root, today=today)
    dest.mkdir(parents=True)
    for name in COPIED:
        if (root / name).is_dir():
            shutil.copytree(root / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    write_docs(site, dest / str(config.get("docs_dir", "docs")))
    out = engine_config(config, site, engine)
    if not options.directory_urls:  # the preview to open from disk (the plugin's «offline» option)
        out["use_directory_urls"] = False
    text = yaml.safe_dump(out, allow_unicode=True, sort_keys=False)
    (dest / "mkdocs.yml").write_text(
        f"# Generated by «python3 run.py generate» for {engine}; edit the project's mkdocs.yml instead.\n{text}",
        encoding="utf-8",
    )
    return site
