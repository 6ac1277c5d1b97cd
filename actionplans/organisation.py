"""The organisation's settings: the one place for who publishes the site and how it looks.

They live in ``organisation.yml`` at the project root, which ``mkdocs.yml`` inherits
(``INHERIT: organisation.yml``): the site's title and addresses are MkDocs' own keys there
(``site_name``, ``site_url``, ``repo_url``, ``theme.logo`` …); the rest is
``extra.organisation`` (name, primary colour, data licence), checked here. The build stops with
a Danish message when a value is wrong, a colour too light for white text included (WCAG 2.1 AA:
4.5:1); ``handleplaner init`` (``actionplans/init.py``) writes the file.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SETTINGS_FILE = "organisation.yml"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text (1.4.3)
# The primary colour is the header's background under white text, and the colour of headings
# and icons on the white page.
WHITE = "#ffffff"


class SettingsError(Exception):
    """A wrong value in organisation.yml; the message is Danish and names the key."""


class DataLicense(BaseModel):
    """The licence of the plans' data and texts, shown in the footer and in every export."""

    model_config = ConfigDict(extra="forbid", title="Datalicens")

    name: str = Field(min_length=1, description="Licensens navn, fx «CC BY 4.0».")
    url: str = Field(pattern=r"^https://\S+$", description="Adressen på licensteksten (https://…).")


class Organisation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="Organisationens navn, fx «Region Sjælland».")
    primary_color: str = Field(description="Sidehovedets farve som #rrggbb; skal give 4,5:1 mod hvid tekst.")
    data_license: DataLicense = Field(description="Licensen for planernes data og tekster.")
    share_image: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9_-][A-Za-z0-9_./-]*\.(png|jpe?g)$",
        description="Billedet der vises, når en side deles (PNG eller JPEG under docs/, mindst 200×200 "
        "punkter, helst 1200×630), fx assets/images/deling.png.",
    )


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def darker_suggestion(colour: str) -> str:
    """The same hue, darkened just enough to pass against white."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(100, -1, -1):
        candidate = "#{:02x}{:02x}{:02x}".format(*(round(c * step / 100) for c in (r, g, b)))
        if contrast_ratio(candidate, WHITE) >= MIN_CONTRAST:
            return candidate
    return "#000000"


def check_colour(colour: str, where: str = f"{SETTINGS_FILE}: extra.organisation.primary_color") -> str:
    """Return the colour in lower case, or raise SettingsError with a Danish message."""
    if not isinstance(colour, str) or not HEX_COLOUR.match(colour):
        raise SettingsError(
            f"{where}: «{colour}» er ikke en farve på formen #rrggbb (et #-tegn og seks hex-cifre, fx #1b4a73)."
        )
    colour = colour.lower()
    ratio = contrast_ratio(colour, WHITE)
    if ratio < MIN_CONTRAST:
        raise SettingsError(
            f"{where}: farven {colour} er for lys. Hvid tekst på den har kontrasten {ratio:.2f}:1, "
            f"men WCAG 2.1 AA kræver mindst 4,5:1, så sidehovedet ville blive svært at læse. "
            f"Vælg en mørkere farve, fx {darker_suggestion(colour)} (samme farvetone, mørk nok)."
        )
    return colour


_FIELD_HELP = {
    "name": "skal være organisationens navn, fx «Region Sjælland»",
    "data_license": "skal have name (fx «CC BY 4.0») og url (https://…)",
    "data_license.name": "skal være licensens navn, fx «CC BY 4.0»",
    "data_license.url": "skal være en https://-adresse til licensteksten",
    "share_image": "skal være stien til en PNG- eller JPEG-fil under docs/, fx assets/images/deling.png",
}


def from_extra(extra: Mapping[str, Any] | None) -> Organisation:
    """``extra.organisation`` from the MkDocs configuration, checked. Raises SettingsError."""
    raw = (extra or {}).get("organisation")
    if not isinstance(raw, Mapping):
        raise SettingsError(
            f"{SETTINGS_FILE}: extra.organisation mangler. Kør «python3 run.py init» eller se README, "
            "afsnittet «Brug det til jeres egen plan»."
        )
    try:
        organisation = Organisation.model_validate(dict(raw))
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            key = ".".join(str(p) for p in error["loc"])
            if error["type"] == "extra_forbidden":
                help_text = "kendes ikke; mulige felter: name, primary_color, data_license, share_image"
            else:
                help_text = _FIELD_HELP.get(key, error["msg"])
            lines.append(f"{SETTINGS_FILE}: extra.organisation.{key}: {help_text}.")
        raise SettingsError("\n".join(lines)) from None
    return organisation.model_copy(update={"primary_color": check_colour(organisation.primary_color)})


# Social sites show a shared link's image only if it is a raster image (no SVG) of at least 200×200
# (Facebook's minimum; 1200×630 fills their large card). Nothing is generated: drawing a card with
# the organisation's name would need an image library and a font in the build.
MIN_SHARE_SIZE = 200


def raster_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG or baseline/progressive JPEG from its header; None for anything else."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:2] != b"\xff\xd8":
        return None
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        kind, (length,) = data[at + 1], struct.unpack(">H", data[at + 2 : at + 4])
        if kind in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def check_share_image(
    docs_dir: Path, value: str | None, where: str = f"{SETTINGS_FILE}: extra.organisation.share_image"
) -> None:
    """Raise SettingsError (Danish) unless ``value`` is None or a large enough PNG/JPEG under docs/."""
    if value is None:
        return
    path = docs_dir / value
    if ".." in Path(value).parts or not path.is_file():
        raise SettingsError(f"{where}: filen docs/{value} findes ikke. Læg billedet under docs/, eller fjern linjen.")
    size = raster_size(path.read_bytes()[:65536])
    if size is None:
        raise SettingsError(f"{where}: docs/{value} er ikke en PNG- eller JPEG-fil. Sociale medier viser ikke SVG.")
    if min(size) < MIN_SHARE_SIZE:
        raise SettingsError(
            f"{where}: docs/{value} er {size[0]}×{size[1]} punkter; det skal være mindst "
            f"{MIN_SHARE_SIZE}×{MIN_SHARE_SIZE} (helst 1200×630), ellers viser sociale medier det ikke."
        )
