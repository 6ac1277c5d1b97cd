"""The data -> pages function, without MkDocs: paths, titles, links, and page HTML snapshots."""

import os
import re
from pathlib import Path

import pytest

from actionplans.site.rendering import text_blocks
from actionplans.site.urls import page_url, relative_url
from actionplans.site.views import build_pages

from .conftest import TODAY

SNAPSHOTS = Path(__file__).parent / "snapshots"


def normalise(html: str) -> str:
    """One tag per line, collapsed whitespace: small, reviewable diffs."""
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r">\s*<", ">\n<", html)
    return html.strip() + "\n"


def test_pages_cover_every_view_of_every_plan(tiny_repo) -> None:
    pages = build_pages(tiny_repo, today=TODAY)
    assert [(p.path, p.kind) for p in pages] == [
        ("index.md", "front"),
        ("demo/index.md", "plan"),
        ("demo/oversigt.md", "grid"),
        ("demo/tidslinje.md", "timeline"),
        ("demo/maalsaetninger.md", "goals"),
        ("demo/statusrapporter.md", "reports"),
        ("demo/statusrapport-2024-03-01.md", "report"),
        ("demo/statusrapport-2024-08.md", "report"),
        ("demo/statusrapport-2024-08-15.md", "report"),
        ("demo/statusrapport-2024-09.md", "report"),
        ("demo/hele-planen.md", "whole"),
        ("demo/01-alfa.md", "initiative"),
        ("demo/02-beta.md", "initiative"),
        ("demo/03-gamma.md", "initiative"),
        ("soeg.md", "search"),
        ("dataordbog.md", "dictionary"),
    ]
    alfa = pages[11]
    assert alfa.title == "Indsats 1: Alfa"
    assert alfa.url == "demo/01-alfa/"
    assert alfa.edit_file == "data/demo/initiatives/01-alfa.yml"


def test_adding_an_initiative_file_adds_a_page(tmp_path, tiny_repo) -> None:
    import shutil

    from actionplans.source.repository import load_repository

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "sites/tiny/data", data)
    (data / "demo/initiatives/04-delta.yml").write_text(
        "# yaml-language-server: $schema=../../../schemas/initiative.schema.json\n"
        "number: 4\ntitle: Delta\ndescription: Ny.\nsource: {document: D, section: S}\n",
        encoding="utf-8",
    )
    repo = load_repository(data, today=TODAY)
    paths = [p.path for p in build_pages(repo, today=TODAY)]
    assert "demo/04-delta.md" in paths
    gamma = next(p for p in build_pages(repo, today=TODAY) if p.path == "demo/03-gamma.md")
    assert 'href="../04-delta/"' in gamma.render()


@pytest.mark.parametrize(
    ("src", "dst", "rel"),
    [
        ("", "demo/", "demo/"),
        ("demo/01-alfa/", "demo/", "../"),
        ("demo/01-alfa/", "demo/02-beta/", "../02-beta/"),
        ("demo/", "", "../"),
    ],
)
def test_relative_urls(src: str, dst: str, rel: str) -> None:
    assert relative_url(src, dst) == rel


def test_page_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("demo/index.md") == "demo/"
    assert page_url("demo/01-alfa.md") == "demo/01-alfa/"


def test_text_blocks_split_paragraphs_and_lists() -> None:
    text = "Indledning:\n- et\n- to\n  fortsat\n\nAndet afsnit\nsamme afsnit."
    assert text_blocks(text) == [
        ("p", "Indledning:"),
        ("ul", ["et", "to fortsat"]),
        ("p", "Andet afsnit samme afsnit."),
    ]


@pytest.mark.parametrize(
    "kind", ["front", "plan", "grid", "timeline", "goals", "reports", "report", "initiative", "whole", "dictionary"]
)
def test_page_html_matches_snapshot(tiny_repo, kind: str) -> None:
    page = next(p for p in build_pages(tiny_repo, today=TODAY) if p.kind == kind)
    html = normalise(page.render())
    snapshot = SNAPSHOTS / f"{kind}.html"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(html, encoding="utf-8")
    assert snapshot.exists(), f"missing snapshot {snapshot}: run UPDATE_SNAPSHOTS=1 pytest"
    expected = snapshot.read_text(encoding="utf-8")
    assert html == expected, f"run UPDATE_SNAPSHOTS=1 pytest to accept changes to {snapshot}"


def test_initiative_page_content(tiny_repo) -> None:
    html = next(p for p in build_pages(tiny_repo, today=TODAY) if p.path == "demo/01-alfa.md").render()
    # current status with the date of its report, latest narrative and corrective actions
    assert "Gul – mindre afvigelser" in html
    assert 'ifølge statusrapport <time datetime="2024-08">august 2024</time>' in html
    assert "Mindre forsinkelse." in html and "Vi tilpasser planen." in html
    # history newest first: the older green report follows the latest
    assert html.index("august 2024") < html.index("1. marts 2024")
    # the latest report's end date wins over the initiative's original end date
    assert "marts 2026" in html
    # cadence is 4 months; latest report August 2024 is older than that on 22 November 2026
    assert "Status er forældet" in html
    assert "Sidst opdateret: <time" in html
    # goals linked, prev/next
    assert 'href="../maalsaetninger/#maal-m1"' in html
    assert 'rel="next"' in html and 'rel="prev"' not in html


def test_not_stated_values_are_shown_honestly(tiny_repo) -> None:
    html = next(p for p in build_pages(tiny_repo, today=TODAY) if p.path == "demo/03-gamma.md").render()
    assert html.count("Ikke oplyst") >= 2  # end date and target groups
    beta = next(p for p in build_pages(tiny_repo, today=TODAY) if p.path == "demo/02-beta.md").render()
    assert "<dt>Slutdato</dt><dd>Ukendt</dd>" in beta


def test_front_page_counts_statuses(tiny_repo) -> None:
    html = build_pages(tiny_repo, today=TODAY)[0].render()
    for label in ("Gul – mindre afvigelser", "Rød – afviger fra rammerne", "Gennemført"):
        assert label in html
    assert html.count('class="ap-counts__n">1<') == 3


def test_timeline_orders_milestones_reports_end_dates_and_today(tiny_repo) -> None:
    html = next(p for p in build_pages(tiny_repo, today=TODAY) if p.kind == "timeline").render()
    html = html[html.index('<ol class="ap-timeline">') :]  # the list, after the chart (tests/test_charts.py)
    order = [
        "maj 2023",
        "1. marts 2024",
        "Proces: Digitaliseringsudvalget",
        "15. august 2024",
        "september 2024",
        "marts 2026",
        'id="i-dag"',
    ]
    # 2026: end date of Alfa (marts 2026) comes before today (22. november 2026)
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert "Slutdato «Ukendt» ifølge kilden" in html and "Indsats 2: Beta" in html


def test_goals_view_matrix_and_counts(tiny_repo) -> None:
    html = next(p for p in build_pages(tiny_repo, today=TODAY) if p.kind == "goals").render()
    assert html.count('<span class="ap-sr-only">Ja</span>') == 2
    assert html.count('<span class="ap-sr-only">Ikke angivet</span>') == 4
    assert "(1)</h3>" in html


def test_grid_cards_carry_filter_attributes(tiny_repo) -> None:
    html = next(p for p in build_pages(tiny_repo, today=TODAY) if p.kind == "grid").render()
    # Alfa: yellow after green (worse), corrective actions, end date moved 2025-12-31 -> 2026-03
    assert 'data-status="yellow" data-opmaerksomhed="ja" data-maalgruppe="borgere" data-maal="m1"' in html
    assert 'data-status="red" data-opmaerksomhed="nej" data-maalgruppe="ikke_oplyst" data-maal="ikke_oplyst"' in html
    assert '<form class="ap-filters" data-ap-filters hidden' in html


def test_single_year_period_is_not_written_as_a_range(real_repo) -> None:
    page = next(p for p in build_pages(real_repo, today=TODAY) if p.path == "region-sjaelland-2024/index.md")
    assert "<dt>Periode</dt><dd>2024 (afsluttet: perioden sluttede 2024)</dd>" in page.render()
    front = build_pages(real_repo, today=TODAY)[0].render()
    assert "<dt>Periode</dt><dd>2014–2016</dd>" in front


def test_every_status_has_its_colours_in_the_stylesheet() -> None:
    """One set of custom properties per status, for all of them, not only the traffic lights."""
    from actionplans.site.dashboard import STATUS_CSS

    css = (Path(__file__).parents[1] / "docs/assets/stylesheets/actionplans.css").read_text(encoding="utf-8")
    for key in STATUS_CSS.values():
        for part in ("bg", "fg", "border"):
            assert f"--ap-{key}-{part}:" in css, (key, part)
        assert f".ap-status--{key}, .ap-s--{key}, .ap-status-box--{key} {{ --ap-s-bg: var(--ap-{key}-bg);" in css


def test_initiative_links_come_from_the_one_macro() -> None:
    """«Indsats 3: Titel» links are written once, in _macros.html (initiative_link), not by hand."""
    from actionplans.site.rendering import TEMPLATES

    by_hand = re.compile(r'href="\{\{ link\((?:i|entry|line\.entry|initiative|g|member)\.page_path\) \}\}"')
    found = [t.name for t in TEMPLATES.glob("*.html") if t.name != "_macros.html" and by_hand.search(t.read_text())]
    assert not found, f"templates that write an initiative link by hand: {found}"


def test_navigation_leaves_out_releases_until_there_is_one_and_lists_active_plans_first(tiny_repo, real_repo) -> None:
    import datetime as dt

    from actionplans.publish.releases import Release
    from actionplans.site.generate import Options, generate

    def top(nav: list) -> list[str]:
        return [next(iter(item)) for item in nav]

    site = generate(tiny_repo, Options(), today=TODAY)
    assert top(site.nav) == ["Forside", "Demo 2024", "Søg", "Dataordbog"]  # no release: no empty «Udgivelser»
    assert "udgivelser.md" not in [p.path for p in site.pages]
    section = site.nav[1]["Demo 2024"]
    reports = next(item["Statusrapporter"] for item in section if "Statusrapporter" in item)
    assert reports[:2] == [
        {"Alle statusrapporter": "demo/statusrapporter.md"},
        {"Statusrapport 1. marts 2024": "demo/statusrapport-2024-03-01.md"},
    ]
    release = Release(version="2024-07", title="Godkendt", date=dt.date(2024, 7, 1))
    site = generate(tiny_repo, Options(releases=(release,)), today=TODAY)
    assert top(site.nav) == ["Forside", "Demo 2024", "Søg", "Udgivelser", "Dataordbog"]
    assert "udgivelser.md" in [p.path for p in site.pages]
    # the plans in the order of the front page: active ones first, then the most recent period
    assert top(generate(real_repo, Options(), today=dt.date(2024, 5, 1)).nav)[1:3] == [
        "Region Sjælland – Handleplan 2024",
        "Regionernes fælles pejlemærker 2014-2016",
    ]


def test_editorial_titles_are_marked_where_they_are_shown(real_repo) -> None:
    pages = {p.path: p for p in build_pages(real_repo, today=TODAY)}
    dr = "danske-regioner-2014-2016"
    goals = pages[f"{dr}/maalsaetninger.md"].render()
    assert goals.count('<span class="ap-editorial">Redaktionel titel</span>') == 6  # one per goal heading
    assert goals.count('<span class="ap-editorial-mark" aria-hidden="true">*</span>') == 6  # matrix columns
    assert "Titler med * er redaktionelle: kilden trykker dem ikke</caption>" in goals
    assert pages[f"{dr}/index.md"].render().count('<span class="ap-editorial">Redaktionel titel</span>') == 6
    first = pages[f"{dr}/01-videokonferencer-i-voksenpsykiatrien.md"].render()
    assert (
        '<p class="ap-editorial-note"><span class="ap-editorial">Redaktionel titel</span> Kilden trykker ikke' in first
    )
    assert "15 af 15 titler står ikke i kilden" in pages[f"{dr}/oversigt.md"].render()
    # Region Sjælland's titles are printed in its source: no mark anywhere
    rs = [p.render() for p in pages.values() if p.plan_slug == "region-sjaelland-2024"]
    assert not any("ap-editorial" in html for html in rs)
