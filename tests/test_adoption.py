"""Adoption by another organisation (issue 15): licences, settings, sharing metadata."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from actionplans import organisation
from actionplans.organisation import SettingsError, check_colour, contrast_ratio, from_extra

from .examples import SETTINGS
from .sitebuild import build, make_project

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


@pytest.mark.slow
def test_a_colour_too_light_stops_the_build_with_a_danish_message(tmp_path) -> None:
    project = make_project(tmp_path, TINY)
    settings = project / organisation.SETTINGS_FILE
    settings.write_text(settings.read_text(encoding="utf-8").replace('"#1b4a73"', '"#ffcc00"'), encoding="utf-8")
    built = build(project)
    assert built.returncode != 0
    assert "extra.organisation.primary_color: farven #ffcc00 er for lys" in built.output
    assert "Traceback" not in built.output and not (project / "site" / "index.html").exists()
