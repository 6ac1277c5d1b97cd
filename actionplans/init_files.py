"""The two files ``init`` writes from the answers: ``organisation.yml`` and the first ``plan.yml``.

``actionplans/init.py`` asks and checks; this module only turns checked answers into text.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from actionplans.source.repository import PLAN_SCHEMA_LINE

DEFAULT_DATA_LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.da"}


@dataclass(frozen=True)
class Answers:
    organisation: str
    title: str
    site_url: str
    repo_url: str
    logo: Path | None
    colour: str
    plan: str | None  # None: data/ already holds a plan (init run again)
    plan_title: str
    accessibility_statement_url: str | None
    maintainers: tuple[str, ...] | None
    editors: tuple[str, ...] | None


def settings_text(answers: Answers, logo: str, favicon: str, previous: dict) -> str:
    extra_previous = previous.get("extra") or {}
    organisation = extra_previous.get("organisation") or {}
    repo_name = answers.repo_url.rstrip("/").rsplit("/", 1)[-1]
    settings = {
        "site_name": answers.title,
        "site_description": f"{answers.organisation}: handleplaner og status for deres indsatser",
        "site_url": answers.site_url,
        "repo_url": answers.repo_url,
        "repo_name": repo_name,
        "copyright": f"© {answers.organisation}",
        "theme": {"logo": logo, "favicon": favicon},
        "extra": {
            "organisation": {
                "name": answers.organisation,
                "primary_color": answers.colour,
                "data_license": organisation.get("data_license") or DEFAULT_DATA_LICENSE,
                # kept when init runs again
                **({"share_image": organisation["share_image"]} if organisation.get("share_image") else {}),
            },
            "accessibility_statement_url": answers.accessibility_statement_url
            or extra_previous.get("accessibility_statement_url")
            or "https://www.was.digst.dk/",
        },
    }
    header = (
        "# The organisation's settings: the ONE place for who publishes this site and how it looks.\n"
        "# Written by `handleplaner init`; edit by hand or run init again. mkdocs.yml inherits this\n"
        "# file (INHERIT); the build checks extra.organisation (actionplans/organisation.py), the\n"
        "# primary colour's contrast against white text (WCAG 2.1 AA, 4.5:1) included.\n"
    )
    return header + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)


def plan_text(answers: Answers, today: dt.date) -> str:
    q = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731 - a YAML double-quoted string
    year = str(today.year)
    return f"""{PLAN_SCHEMA_LINE}
# The first plan, made by `handleplaner init`. Fill it in from the plan's own document: every
# field is described in DATA-FORMAT.md and, in VS Code/Codespaces, on hover. Add initiatives with
# `handleplaner new {answers.plan} "Titel"` (or `python3 run.py new …`).
title: {q(answers.plan_title)}
short_title: {q(answers.plan_title)}
owner: {q(answers.organisation)}
summary: {q(f"{answers.plan_title} for {answers.organisation}.")}
period: {{start: {q(year)}, end: {q(year)}}}
status_scale:
  - status: grøn
    definition: Indsatsen forløber som planlagt.
  - status: gul
    definition: Indsatsen har mindre afvigelser.
  - status: rød
    definition: Indsatsen har væsentlige afvigelser.
reporting:
  cadence_months: 6
source:
  document: {q(answers.plan_title)}
"""
