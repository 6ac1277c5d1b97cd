"""Two audiences, open data and the feed (issue 5)."""

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from actionplans.site.exports import PlanExport, build_files, export_schema
from actionplans.source.audience import Audience, for_audience
from actionplans.source.model import Initiative, Plan
from actionplans.source.repository import load_repository

from .conftest import TINY, TODAY, missing
from .search_index import all_index_text, fragments
from .sitebuild import ZENSICAL, build, build_zensical, make_project, set_real_addresses

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/initiative.schema.json"
CANARY_INITIATIVE = f"""{SCHEMA_LINE}
number: 4
title: Hemmelig CANARY-INTERN-INDSATS
description: CANARY-INTERN-BESKRIVELSE
visibility: intern
source: {{document: D, section: S}}
reports:
  - date: "2024-08"
    status: rød
    narrative: CANARY-INTERN-INDSATS-RAPPORT
"""
CANARY_DRAFT = f"""{SCHEMA_LINE}
number: 5
title: Kladde CANARY-KLADDE-INDSATS
description: x
visibility: kladde
source: {{document: D, section: S}}
"""


@pytest.fixture(scope="module")
def canary_data(tmp_path_factory) -> Path:
    """The tiny plan with a canary string in every place that can be internal."""
    data = tmp_path_factory.mktemp("canary") / "data"
    shutil.copytree(TINY, data)
    initiatives = data / "demo" / "initiatives"
    (initiatives / "04-hemmelig.yml").write_text(CANARY_INITIATIVE, encoding="utf-8")
    (initiatives / "05-kladde.yml").write_text(CANARY_DRAFT, encoding="utf-8")
    alfa = initiatives / "01-alfa.yml"
    text = alfa.read_text(encoding="utf-8")
    text = text.replace(
        "title: Alfa\n",
        "title: Alfa\ninternal_note: CANARY-INTERN-NOTE\n"
        "internal_fields: [owner, effects]\nowner: CANARY-INTERN-EJER\n",
    )
    text = text.replace("  - Bedre patologisvar\n", "  - Bedre patologisvar\n  - CANARY-INTERN-EFFEKT\n")
    text += (
        '  - date: "2024-10"\n    status: rød\n    narrative: CANARY-KLADDE-RAPPORT\n    visibility: kladde\n'
        '  - date: "2024-11"\n    status: gul\n    narrative: Offentlig rapport.\n'
        "    internal_note: CANARY-RAPPORT-NOTE\n"
    )
    alfa.write_text(text, encoding="utf-8")
    return data


CANARIES = [
    "CANARY-INTERN-INDSATS",
    "CANARY-INTERN-BESKRIVELSE",
    "CANARY-INTERN-INDSATS-RAPPORT",
    "CANARY-KLADDE-INDSATS",
    "CANARY-INTERN-NOTE",
    "CANARY-INTERN-EJER",
    "CANARY-INTERN-EFFEKT",
    "CANARY-KLADDE-RAPPORT",
    "CANARY-RAPPORT-NOTE",
]


@pytest.fixture(scope="module")
def both_builds(canary_data, tmp_path_factory):
    internal = build(make_project(tmp_path_factory.mktemp("internal"), canary_data))
    public = build(
        set_real_addresses(make_project(tmp_path_factory.mktemp("public"), canary_data)),
        env={"ACTIONPLANS_AUDIENCE": "offentlig"},
    )
    assert internal.returncode == 0, internal.output
    assert public.returncode == 0, public.output
    return internal, public


def _all_text(site: Path) -> str:
    """Every file of the site as text, the search index decompressed (its files are gzip)."""
    files = "\n".join(p.read_bytes().decode("utf-8", errors="replace") for p in sorted(site.rglob("*")) if p.is_file())
    return files + "\n" + all_index_text(site)


@pytest.mark.slow
def test_public_site_contains_no_internal_content_anywhere(both_builds) -> None:
    internal, public = both_builds
    internal_text = _all_text(internal.site)
    public_text = _all_text(public.site)
    for canary in CANARIES:
        assert canary in internal_text, f"{canary} should be in the internal build (test data broken?)"
        assert canary not in public_text, f"{canary} leaked into the public site"
    # pages, search index, sitemap, exports and feed were all searched above; spot-check they exist
    for path in ("pagefind/pagefind-entry.json", "sitemap.xml", "feed.xml", "demo/data.json", "demo/indsatser.csv"):
        assert (public.site / path).exists(), path


@pytest.mark.slow
def test_search_index_holds_only_public_content(both_builds) -> None:
    """The index is gzip: a plain text search of the site cannot see into it, so read it here."""
    internal, public = both_builds
    internal_index, public_index = fragments(internal.site), fragments(public.site)
    internal_text, public_text = all_index_text(internal.site), all_index_text(public.site)
    # the internal index holds the internal initiative, its report and the internal note ...
    assert "demo/04-hemmelig/" in internal_index
    for canary in (
        "CANARY-INTERN-INDSATS",
        "CANARY-INTERN-INDSATS-RAPPORT",
        "CANARY-INTERN-NOTE",
        "CANARY-KLADDE-RAPPORT",
    ):
        assert canary in internal_text, canary
    # ... the public one none of it, and only pages that exist in the public site
    assert "demo/01-alfa/" in public_index and "demo/04-hemmelig/" not in public_index
    for canary in CANARIES:
        assert canary not in public_text, f"{canary} leaked into the public search index"
    for url in public_index:
        assert (public.site / url / "index.html").is_file(), url
    assert not (public.site / "demo" / "04-hemmelig").exists()
    assert not list(public.site.rglob("*.yml")) and not list(public.site.rglob("*.yaml"))


@pytest.mark.slow
def test_only_the_internal_site_says_it_is_internal(both_builds) -> None:
    internal, public = both_builds
    assert "Intern version" in internal.page("demo/01-alfa")
    assert "Intern version" not in _all_text(public.site)
    # the public page still shows the public report, newest first
    assert "Offentlig rapport." in public.page("demo/01-alfa")


def test_public_filter_keeps_public_reports_and_resets_internal_fields(canary_data) -> None:
    repo = load_repository(canary_data, root=canary_data.parent, today=TODAY)
    internal = repo.plans[0].initiatives
    public = for_audience(repo, Audience.PUBLIC).plans[0].initiatives
    # whole initiatives: the internal one (4) and the draft (5) are gone, the others stay
    assert [i.number for i in internal] == [1, 2, 3, 4, 5]
    assert [i.number for i in public] == [1, 2, 3]
    alfa_internal, alfa = internal[0].data, public[0].data
    # the internal fields are present before filtering, so each assertion below can fail
    assert alfa_internal.internal_note == "CANARY-INTERN-NOTE" and alfa_internal.owner == "CANARY-INTERN-EJER"
    assert alfa_internal.internal_fields == ["owner", "effects"]
    # fields named in internal_fields are reset to their defaults; the note and the list itself go
    assert alfa.owner is None and alfa.effects == Initiative.model_fields["effects"].get_default(
        call_default_factory=True
    )
    assert alfa.internal_note is None and alfa.internal_fields == []
    # reports: the draft report is dropped, a public report keeps its text but loses its internal note
    narratives = [r.narrative for r in alfa.reports]
    assert "CANARY-KLADDE-RAPPORT" in [r.narrative for r in alfa_internal.reports]
    assert "CANARY-KLADDE-RAPPORT" not in narratives and "Offentlig rapport." in narratives
    assert all(r.internal_note is None for r in alfa.reports)
    assert any(r.internal_note == "CANARY-RAPPORT-NOTE" for r in alfa_internal.reports)
    # fields that are not internal are untouched
    assert alfa.title == alfa_internal.title and alfa.description == alfa_internal.description
    assert Audience.parse("offentlig") is Audience.PUBLIC and Audience.parse(None) is Audience.INTERNAL


def test_json_export_validates_against_schema_and_round_trips(real_repo) -> None:
    files = build_files(real_repo, base_url="https://example.invalid/", site_name="Test")
    schema = json.loads(files["schemas/plan-export.schema.json"])
    assert schema == export_schema()
    for plan in real_repo.plans:
        exported = json.loads(files[f"{plan.slug}/data.json"])
        jsonschema.validate(exported, schema)
        again = PlanExport.model_validate(exported)
        assert again.plan == plan.data
        assert again.initiatives == [i.data for i in plan.initiatives]
        assert Plan.model_validate(exported["plan"]) == plan.data
        assert Initiative.model_validate(exported["initiatives"][0]) == plan.initiatives[0].data


def test_csv_opens_in_excel_with_danish_letters(real_repo) -> None:
    files = build_files(real_repo, base_url="https://example.invalid/", site_name="Test")
    raw = files["region-sjaelland-2024/indsatser.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "nummer",
        "titel",
        "status",
        "status_dato",
        "slutdato",
        "resume",
        "maalgrupper",
        "maalsaetninger",
        "side",
    ]
    plan = real_repo.plan("region-sjaelland-2024")
    assert len(rows) == 1 + len(plan.initiatives)  # a header, then one row per initiative
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["titel"] == "Afprøvning af AI"
    assert first["status"] == "Gul – mindre afvigelser"
    assert first["side"] == "https://example.invalid/region-sjaelland-2024/01-afproevning-af-ai/"
    eleven = dict(zip(rows[0], rows[11], strict=True))
    assert eleven["slutdato"] == "2025-12-31"
    assert "Øget fremmøde" in raw.decode("utf-8-sig")


def test_feed_is_atom_with_one_entry_per_public_report(real_repo) -> None:
    files = build_files(real_repo, base_url="https://example.invalid/", site_name="Test")
    root = ET.fromstring(files["feed.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("a:id", "a:title", "a:updated", "a:author/a:name"):
        assert root.find(required, ns) is not None, required
    entries = root.findall("a:entry", ns)
    reports = sum(len(i.data.reports) for p in real_repo.plans for i in p.initiatives)
    assert len(entries) == reports > 0
    ids = [e.find("a:id", ns).text for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for required in ("a:id", "a:title", "a:updated", "a:link"):
            assert entry.find(required, ns) is not None
        assert entry.find("a:link", ns).get("href").startswith("https://example.invalid/")
    updated = [e.find("a:updated", ns).text for e in entries]
    assert updated == sorted(updated, reverse=True)


@pytest.mark.slow
def test_the_public_zensical_build_holds_no_internal_content(canary_data, tmp_path) -> None:
    """The public audience under Zensical: `generate` with ACTIONPLANS_AUDIENCE=offentlig, then
    `zensical build` and the search index, as README «Zensical» says. The generated folder (what
    Zensical reads) and the site it builds hold no canary and no page of the internal initiative."""
    if not ZENSICAL.exists():
        missing(f"zensical is not installed in {ZENSICAL.parent} (python3 run.py test installs requirements.txt)")
    project = set_real_addresses(make_project(tmp_path, canary_data))
    out = tmp_path / "zensical"
    built = build_zensical(project, out, env={"ACTIONPLANS_AUDIENCE": "offentlig"}, index=True)
    assert built.returncode == 0, built.output
    generated = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(out.rglob("*.md")))
    site_text = _all_text(out / "site")
    assert "demo/01-alfa/" in fragments(out / "site")  # the public pages and their index are there
    for canary in CANARIES:
        assert canary not in generated, f"{canary} in the pages generated for Zensical"
        assert canary not in site_text, f"{canary} leaked into the public Zensical site"
    assert not (out / "site" / "demo" / "04-hemmelig").exists()
    assert "Intern version" not in (out / "site" / "demo" / "01-alfa" / "index.html").read_text(encoding="utf-8")
