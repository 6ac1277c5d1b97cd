"""Issue 10: what the public build publishes is safe for its readers and its data users.

A template payload, an XSS payload and a spreadsheet formula in every text field of a public
build: nothing executes, every XML output is well-formed, CSV cells are neutralised, and the
public build links to no repository. Placeholder settings stop a public build; a data file that
is a link to a file outside data/ is never read.
"""

from __future__ import annotations

import csv
import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from actionplans.site.exports import build_files, spreadsheet_safe, xml_safe

from .conftest import TINY
from .sitebuild import build, make_project, set_real_addresses

SKIP = {
    "id",
    "goal",
    "status",
    "date",
    "start",
    "end",
    "end_date",
    "number",
    "cadence_months",
    "staff_affected",
    "target_groups",
    "visibility",
    "internal_fields",
}
TEMPLATE = "{{ cycler.__init__.__globals__.os.system('touch PWNED') }} {% raw %} {{ 6*7 }} *fed*"
XSS = '<script>alert("x")</script><img src=x onerror=alert(2)>'
FORMULA = '=HYPERLINK("https://evil.invalid","klik")'


def _poison(value, key=""):
    """Every free-text value becomes a formula + template + XSS payload (ids, dates, enums kept)."""
    if isinstance(value, dict):
        return {k: (v if k in SKIP else _poison(v, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str):
        return f"{FORMULA} {key.upper()} {TEMPLATE} {XSS}"
    return value


@pytest.fixture(scope="module")
def hostile_public(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    data = tmp / "data"
    shutil.copytree(TINY, data)
    for path in data.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        poisoned = yaml.safe_dump(_poison(yaml.safe_load(text)), allow_unicode=True)
        path.write_text(text.splitlines()[0] + "\n" + poisoned, encoding="utf-8")
    built = build(set_real_addresses(make_project(tmp, data)), env={"ACTIONPLANS_AUDIENCE": "offentlig"})
    assert built.returncode == 0, built.output
    return tmp, built


@pytest.mark.slow
def test_nothing_from_data_is_executed_as_a_template(hostile_public) -> None:
    tmp, built = hostile_public
    assert not list(tmp.rglob("PWNED")), "a template payload in the data was executed"
    for page in built.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x onerror" not in html, page  # only as escaped text
        assert ">42<" not in html and " 42 " not in html, f"a template expression was evaluated in {page}"
    alfa = built.page("demo/01-alfa")
    assert "{% raw %} {{ 6*7 }} *fed*" in alfa  # shown as written


@pytest.mark.slow
def test_every_xml_output_is_well_formed(hostile_public) -> None:
    _, built = hostile_public
    xml_files = sorted(built.site.rglob("*.xml"))
    assert {p.name for p in xml_files} >= {"feed.xml", "sitemap.xml"}
    for path in xml_files:
        ET.fromstring(path.read_bytes())  # raises on anything not well-formed
    feed = ET.fromstring((built.site / "feed.xml").read_bytes())
    titles = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(XSS in t for t in titles)  # the text survives, escaped by the XML writer


@pytest.mark.slow
def test_csv_cells_are_never_formulas(hostile_public) -> None:
    _, built = hostile_public
    raw = (built.site / "demo" / "indsatser.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells, "no rows"
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], "a cell a spreadsheet runs"
    assert any(c.startswith(f"'{FORMULA} TITLE") for c in cells)  # neutralised, not dropped


@pytest.mark.slow
def test_the_public_build_links_to_no_repository(hostile_public) -> None:
    _, built = hostile_public
    for page in built.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "github.com/example" not in html and 'rel="edit"' not in html, page


def test_spreadsheet_rule_is_owasps() -> None:
    for dangerous in ("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_safe(dangerous) == "'" + dangerous
    for harmless in ("Afprøvning", "1 · x", "", "2024-06", "'allerede"):
        assert spreadsheet_safe(harmless) == harmless
    assert spreadsheet_safe(3) == 3  # the number column stays a number


def test_a_control_character_cannot_break_the_feed(tiny_repo) -> None:
    """Validation rejects control characters (issue 11); the feed does not rely on it."""
    entry = tiny_repo.plans[0].initiatives[0]
    original = entry.data
    entry.data = original.model_copy(update={"title": "Alfa\x00\x08\x1b\ufffe slut"})
    try:
        feed = build_files(tiny_repo, base_url="https://handleplaner.test/", site_name="T\x0c")["feed.xml"]
    finally:
        entry.data = original
    root = ET.fromstring(feed)
    assert any("Alfa\ufffd\ufffd\ufffd\ufffd slut" in (e.text or "") for e in root.iter())
    assert xml_safe("a\tb\nc") == "a\tb\nc"


@pytest.mark.slow
def test_placeholder_settings_stop_a_public_build_but_not_an_internal_one(tmp_path) -> None:
    project = make_project(tmp_path, TINY)
    public = build(project, env={"ACTIONPLANS_AUDIENCE": "offentlig"})
    assert public.returncode != 0
    assert "site_url i organisation.yml er ikke sat til en rigtig adresse" in public.output
    assert "extra.accessibility_statement_url i organisation.yml" in public.output
    assert "Traceback" not in public.output
    assert not (project / "site" / "index.html").exists()
    assert build(project).returncode == 0  # the internal site (and serve) still builds


@pytest.mark.slow
def test_a_public_repository_may_be_linked(tmp_path) -> None:
    project = set_real_addresses(make_project(tmp_path, TINY))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("repository_public: false", "repository_public: true"))
    built = build(project, env={"ACTIONPLANS_AUDIENCE": "offentlig"})
    assert built.returncode != 0 and "repo_url i organisation.yml" in built.output  # still github.com/example
    settings = project / "organisation.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("github.com/example/", "github.com/region/"))
    built = build(project, env={"ACTIONPLANS_AUDIENCE": "offentlig"})
    assert built.returncode == 0, built.output
    assert 'href="https://github.com/region/handleplaner/edit/main/data/demo/initiatives/01-alfa.yml"' in built.page(
        "demo/01-alfa"
    )


@pytest.mark.slow
def test_a_data_file_linked_to_a_file_outside_data_is_never_published(tmp_path) -> None:
    secret = tmp_path / "hemmelig.yml"
    text = (TINY / "demo/initiatives/03-gamma.yml").read_text(encoding="utf-8")
    secret.write_text(text.replace("number: 3", "number: 9").replace("Gamma", "CANARY-UDENFOR"), encoding="utf-8")
    project = make_project(tmp_path, TINY)
    (project / "data/demo/initiatives/09-link.yml").symlink_to(secret)
    built = build(project)
    assert built.returncode != 0
    assert "09-link.yml" in built.output and "CANARY-UDENFOR" not in built.output
    site = Path(project / "site")
    assert not site.exists() or "CANARY-UDENFOR" not in "".join(
        p.read_text(errors="replace") for p in site.rglob("*") if p.is_file()
    )
