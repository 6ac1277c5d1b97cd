"""Adoption by another organisation (issue 15): licences, settings, sharing metadata."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import struct
import zlib
from pathlib import Path

import pytest
import yaml

from actionplans import organisation
from actionplans.organisation import SettingsError, check_colour, contrast_ratio, from_extra

from .examples import SETTINGS
from .sitebuild import build, build_zensical, make_project

ROOT = Path(__file__).resolve().parent.parent
TINY = Path(__file__).parent / "sites" / "tiny" / "data"


def _settings() -> dict:
    """This repository's example settings, which the tiny sites are built with (tests/examples.py)."""
    return yaml.safe_load(SETTINGS.read_text(encoding="utf-8"))


def test_code_is_mit_and_the_readme_says_why() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Licences" in readme and "EUPL" in readme  # the choice is explained, not just made
    data_licence = (ROOT / "LICENSE-data.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in data_licence and _settings()["extra"]["organisation"]["data_license"]["name"] == "CC BY 4.0"


def test_mkdocs_yml_inherits_the_one_settings_file() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert config["INHERIT"] == organisation.SETTINGS_FILE
    # the organisation's facts are not repeated in mkdocs.yml
    for key in ("site_name", "site_url", "repo_url", "copyright"):
        assert key not in config, key
    assert "organisation" not in config["extra"] and "logo" not in config["theme"]
    from_extra(_settings()["extra"])  # the shipped settings pass their own checks


@pytest.mark.parametrize(
    ("colour", "ok"),
    [("#1b4a73", True), ("#767676", True), ("#777777", False), ("#ffcc00", False), ("#FFFFFF", False)],
)
def test_contrast_is_checked_against_white(colour: str, ok: bool) -> None:
    assert (contrast_ratio(colour, "#ffffff") >= 4.5) is ok
    if ok:
        assert check_colour(colour) == colour.lower()
    else:
        with pytest.raises(SettingsError) as exc:
            check_colour(colour)
        message = str(exc.value)
        assert "organisation.yml: extra.organisation.primary_color" in message
        assert "for lys" in message and "4,5:1" in message
        suggestion = re.search(r"fx (#[0-9a-f]{6})", message)
        assert suggestion and contrast_ratio(suggestion.group(1), "#ffffff") >= 4.5


@pytest.mark.parametrize("colour", ["1b4a73", "#1b4a7", "red", "#1b4a73; } body { display:none", "", None])
def test_a_malformed_colour_gets_a_danish_message(colour) -> None:
    with pytest.raises(SettingsError, match="er ikke en farve på formen #rrggbb"):
        check_colour(colour)


def test_settings_errors_name_the_key() -> None:
    with pytest.raises(SettingsError, match="extra.organisation mangler"):
        from_extra({})
    extra = _settings()["extra"]
    extra["organisation"] = {**extra["organisation"], "colour": "#000000", "data_license": {"name": "X"}}
    with pytest.raises(SettingsError) as exc:
        from_extra(extra)
    assert "extra.organisation.colour: kendes ikke" in str(exc.value)
    assert "extra.organisation.data_license.url: skal være en https://-adresse" in str(exc.value)


@pytest.mark.slow
def test_licences_in_footer_and_exports(tiny_site) -> None:
    settings = _settings()["extra"]["organisation"]
    licence = settings["data_license"]
    for url in ("", "demo", "demo/01-alfa"):
        footer = tiny_site.page(url).split('<footer class="md-footer"', 1)[1]
        assert f'<a rel="license" href="{licence["url"]}">{licence["name"]}</a>' in footer
        assert '/blob/main/LICENSE">MIT-licens</a>' in footer
    exported = json.loads((tiny_site.site / "demo" / "data.json").read_text(encoding="utf-8"))
    assert exported["license"] == licence
    metadata = json.loads((tiny_site.site / "demo" / "indsatser.csv-metadata.json").read_text(encoding="utf-8"))
    assert metadata["url"] == "indsatser.csv" and metadata["dc:license"] == {"@id": licence["url"]}
    header = next(
        csv.reader(io.StringIO((tiny_site.site / "demo" / "indsatser.csv").read_text("utf-8-sig")), delimiter=";")
    )
    assert [c["name"] for c in metadata["tableSchema"]["columns"]] == header


@pytest.mark.slow
def test_pages_carry_the_organisation_colour_and_share_metadata(tiny_site) -> None:
    page = tiny_site.page("demo/01-alfa")
    colour = _settings()["extra"]["organisation"]["primary_color"]
    assert f"<style>:root{{--md-primary-fg-color:{colour};" in page
    meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page))
    assert meta["og:title"] == "Indsats 1: Alfa" == page.split("<title>")[1].split(" - ")[0]
    assert meta["description"] == meta["og:description"]
    assert meta["og:description"].startswith("Alfa: ")
    assert meta["og:url"] == _settings()["site_url"] + "demo/01-alfa/"
    assert '<link rel="icon" href="../../assets/images/favicon.svg">' in page
    assert "og:image" not in meta and meta["twitter:card"] == "summary"  # no share image set


@pytest.mark.slow
def test_a_colour_too_light_stops_the_build_with_a_danish_message(tmp_path) -> None:
    project = make_project(tmp_path, TINY)
    settings = project / organisation.SETTINGS_FILE
    settings.write_text(settings.read_text(encoding="utf-8").replace('"#1b4a73"', '"#ffcc00"'), encoding="utf-8")
    built = build(project)
    assert built.returncode != 0
    assert "extra.organisation.primary_color: farven #ffcc00 er for lys" in built.output
    assert "Traceback" not in built.output and not (project / "site" / "index.html").exists()


def _png(width: int, height: int) -> bytes:
    """A plain PNG in the example colour (zlib and struct: no image library needed)."""
    rows = b"".join(b"\x00" + b"\x1b\x4a\x73" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _jpeg_header(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("deling.png", _png(1200, 630), None),
        ("deling.jpg", _jpeg_header(1200, 630), None),
        ("mangler.png", None, "filen docs/assets/images/mangler.png findes ikke"),
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "er ikke en PNG- eller JPEG-fil"),
        ("lille.png", _png(16, 16), "er 16×16 punkter; det skal være mindst 200×200"),
        ("smal.jpg", _jpeg_header(1200, 100), "er 1200×100 punkter"),
    ],
)
def test_the_share_image_is_a_large_enough_raster_image(tmp_path, name, content, message) -> None:
    if content is not None:
        (tmp_path / "assets/images").mkdir(parents=True)
        (tmp_path / "assets/images" / name).write_bytes(content)
    if message is None:
        organisation.check_share_image(tmp_path, f"assets/images/{name}")
    else:
        with pytest.raises(SettingsError, match=re.escape(message)):
            organisation.check_share_image(tmp_path, f"assets/images/{name}")


@pytest.mark.parametrize("value", ["../hemmelig.png", "/etc/x.png", "billede.svg", 'a.png" onload="x'])
def test_the_share_image_setting_is_a_plain_path_under_docs(value) -> None:
    extra = _settings()["extra"]
    extra["organisation"] = {**extra["organisation"], "share_image": value}
    with pytest.raises(
        SettingsError, match="extra.organisation.share_image: skal være stien til en PNG- eller JPEG-fil"
    ):
        from_extra(extra)


@pytest.mark.slow
def test_a_share_image_is_offered_to_social_sites_with_an_absolute_address(tmp_path) -> None:
    project = make_project(tmp_path, TINY)
    (project / "docs/assets/images/deling.png").write_bytes(_png(1200, 630))
    settings = project / organisation.SETTINGS_FILE
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("    primary_color:", "    share_image: assets/images/deling.png\n    primary_color:", 1)
    )
    built = build(project)
    assert built.returncode == 0, built.output
    zensical = build_zensical(project, tmp_path / "zensical")  # the same settings under Zensical
    assert zensical.returncode == 0, zensical.output
    for page in (built.page("demo/01-alfa"), zensical.page("demo/01-alfa")):
        # as a scraper reads it: Zensical's template engine writes «/» as «&#x2f;» in attributes
        meta = {
            k: html.unescape(v) for k, v in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page)
        }
        assert meta["og:image"] == _settings()["site_url"] + "assets/images/deling.png"
        assert (
            meta["twitter:card"] == "summary_large_image"
            and meta["og:image:alt"] == _settings()["extra"]["organisation"]["name"]
        )
    assert (zensical.site / "assets/images/deling.png").read_bytes() == (
        built.site / "assets/images/deling.png"
    ).read_bytes()
    (project / "docs/assets/images/deling.png").write_bytes(_png(100, 100))
    built = build(project)
    assert built.returncode != 0 and "er 100×100 punkter" in built.output and "Traceback" not in built.output
