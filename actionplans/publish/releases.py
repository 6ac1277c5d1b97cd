"""Release notes as data: ``releases.yml`` at the repository root, newest release first.

``python3 run.py release`` adds an entry; the build renders the list on the page «Udgivelser»
through the autoescaped template ``overrides/actionplans/releases.html``. Every value is plain
text: nothing in this file is ever read as Markdown, HTML or a template.

The notes hold only public content: they are made with the public audience of ``changes``.
``ACTIONPLANS_RELEASES_FILE`` points the build at another file; ``release`` uses it to build the
frozen version with the new entry before anything in the repository is written.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from actionplans.publish import changes
from actionplans.source.dates import format_date_da

RELEASES_FILE = "releases.yml"
ENV_FILE = "ACTIONPLANS_RELEASES_FILE"
HEADER = (
    "# Release notes, newest first. Written by «python3 run.py release»; do not edit by hand.\n"
    "# Plain text only: shown on the page «Udgivelser» exactly as written (README: «Releasing an approved plan»).\n"
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoteEntry(_Strict):
    title: str = Field(description="Hvad ændringen gælder, fx «Indsats 3 · Henvisninger».")
    note: str = Field("", description="Tilføjelse efter titlen, fx «(status Grøn)».")
    lines: list[str] = Field(default_factory=list, description="De enkelte ændringer.")


class NoteSection(_Strict):
    heading: str = Field(description="Planens korte titel.")
    entries: list[NoteEntry]


class Release(_Strict):
    version: str = Field(description="Udgavens navn, fx 2024-06.")
    title: str = Field(description="Udgavens titel, fx «Godkendt af Regionsrådet juni 2024».")
    date: dt.date = Field(description="Udgivelsesdatoen.")
    previous: str | None = Field(None, description="Den forrige udgave, hvis der er en.")
    headline: str = Field("", description="Ændringerne i én sætning.")
    sections: list[NoteSection] = Field(default_factory=list, description="Ændringerne pr. plan.")

    @property
    def date_da(self) -> str:
        return format_date_da(self.date)


class ReleasesError(Exception):
    """The releases file cannot be read; the message is Danish and names the file."""


def path_for(root: Path) -> Path:
    override = os.environ.get(ENV_FILE)
    return Path(override) if override else root / RELEASES_FILE


def load(path: Path) -> list[Release]:
    """Releases in the file, newest first; an absent file is no releases."""
    if not path.exists() and not path.is_symlink():
        return []
    if path.is_symlink():
        raise ReleasesError(f"{path.name}: må ikke være et symbolsk link. Læg filen selv i repositoriet.")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ReleasesError(f"{path.name} kan ikke læses: {exc}. Gendan filen fra git (git checkout).") from None
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ReleasesError(f"{path.name}: skal være en liste af udgaver. Gendan filen fra git (git checkout).")
    try:
        return [Release.model_validate(item) for item in raw]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ReleasesError(
            f"{path.name}: {where}: {first['msg']}. Filen skrives af «python3 run.py release»; gendan den fra git."
        ) from None


def dump(releases: list[Release]) -> str:
    data = [r.model_dump(mode="json", exclude_defaults=True) for r in releases]
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def from_summary(
    version: str, title: str, day: dt.date, previous: str | None, summary: changes.Summary | None
) -> Release:
    """A release entry from the public ``changes`` summary since the previous release."""
    if summary is None:
        return Release(version=version, title=title, date=day, headline="Første udgivelse.")
    return Release(
        version=version,
        title=title,
        date=day,
        previous=previous,
        headline=summary.headline,
        sections=[
            NoteSection(
                heading=s.heading,
                entries=[NoteEntry(title=e.title, note=e.note, lines=list(e.lines)) for e in s.entries],
            )
            for s in summary.sections
        ],
    )
