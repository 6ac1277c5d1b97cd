"""Charts (issue 14, item 5): the numbers behind the SVG (actionplans/site/charts.py, gantt.py) and what
the templates make of them: a text alternative, patterns as well as colours, escaped data."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

from actionplans.site import charts, gantt
from actionplans.site.views import build_pages
from actionplans.source.model import Status
from actionplans.source.repository import load_repository

from .conftest import TINY, TODAY


def test_status_chart_counts_each_report_and_now(tiny_repo) -> None:
    chart = charts.status_chart(tiny_repo.plan("demo"), TODAY)
    assert [r.label for r in chart.rows] == [
        "Statusrapport 1. marts 2024",
        "Statusrapport august 2024",
        "Statusrapport 15. august 2024",
        "Statusrapport september 2024",
        "Nu (22. november 2026)",
    ]
    assert [r.counts for r in chart.rows] == [
        {Status.GREEN: 1},
        {Status.YELLOW: 1},
        {Status.RED: 1},
        {Status.COMPLETED: 1},
        {Status.YELLOW: 1, Status.RED: 1, Status.COMPLETED: 1},
    ]
    assert chart.statuses == [Status.GREEN, Status.YELLOW, Status.RED, Status.COMPLETED]
    assert chart.rows[0].page_path == "demo/statusrapport-2024-03-01.md" and chart.rows[-1].page_path is None
    # a bar's length is its share of the plan's initiatives; segments follow each other
    now = chart.rows[-1].segments
    assert sum(s.width for s in now) == pytest.approx(chart.bar_w, abs=0.05)
    assert chart.rows[0].segments[0].width == pytest.approx(chart.bar_w / 3, abs=0.01)
    for a, b in zip(now, now[1:], strict=False):
        assert b.x == pytest.approx(a.x + a.width, abs=0.02)
    assert "Nu (22. november 2026): 1 gul, 1 rød, 1 gennemført (3 af 3)" in chart.description


def test_status_chart_of_a_plan_without_reports_has_only_now(real_repo) -> None:
    chart = charts.status_chart(real_repo.plan("danske-regioner-2014-2016"), TODAY)
    assert [(r.label, r.counts) for r in chart.rows] == [("Nu (22. november 2026)", {Status.NOT_STATED: 15})]


def test_gantt_shows_baseline_unknown_and_period_ends(tiny_repo) -> None:
    chart = gantt.gantt_chart(tiny_repo.plan("demo"), TODAY)
    assert [t.label for t in chart.ticks] == ["2023", "2024", "2025", "2026"]  # milestone 2023-05 .. today
    start, end = dt.date(2023, 1, 1), dt.date(2026, 12, 31)

    def x(day: dt.date) -> float:
        return chart.plot_x + chart.plot_w * (day - start).days / (end - start).days

    alfa, beta, gamma = chart.rows
    assert alfa.x == pytest.approx(x(dt.date(2024, 1, 1)))  # bars begin with the plan's period
    assert alfa.x + alfa.width == pytest.approx(x(dt.date(2026, 3, 31)), abs=0.02)  # moved to 2026-03
    assert alfa.baseline_x == pytest.approx(x(dt.date(2025, 12, 31)), abs=0.01)  # from 2025-12-31
    assert alfa.end_text == "marts 2026" and not alfa.from_period
    assert beta.unknown_end and beta.baseline_x is None
    assert beta.x + beta.width == pytest.approx(x(dt.date(2025, 12, 31)), abs=0.02)  # open, to the period's end
    assert gamma.from_period and gamma.end_text == "2025 (planens periode)"
    assert [m.text for m in alfa.reports] == ["Statusrapport 1. marts 2024: Grøn", "Statusrapport august 2024: Gul"]
    # four reports within half a year: only the latest is named beside its line (all have a <title>)
    assert [m.labelled for m in chart.report_lines] == [False, False, False, True]
    assert [m.iso for m in chart.milestones] == ["2023-05", "2024-06", "2024-08"]  # the approval too
    assert chart.today is not None and chart.today.x == pytest.approx(x(TODAY), abs=0.01)
    assert chart.today_note is None
    assert "1 har en slutdato, der er flyttet" in chart.description and "1 har slutdato «Ukendt»" in chart.description


def test_gantt_names_today_when_it_is_far_after_the_plan(real_repo) -> None:
    chart = gantt.gantt_chart(real_repo.plan("danske-regioner-2014-2016"), TODAY)
    assert [t.label for t in chart.ticks] == ["2013", "2014", "2015", "2016"]  # approval 2013, period 2014–2016
    assert chart.today is None
    assert chart.today_note == "I dag (22. november 2026) ligger uden for diagrammets tidsakse."
    assert all(r.from_period for r in chart.rows) and len(chart.rows) == 15


def _page(repo, path: str) -> str:
    return next(p for p in build_pages(repo, today=TODAY) if p.path == path).render()


def test_charts_have_a_text_alternative_and_patterns(tiny_repo) -> None:
    html = _page(tiny_repo, "demo/tidslinje.md")
    svg = re.search(r"<svg class=\"ap-chart__svg ap-gantt\".*?</svg>", html, re.S)
    assert svg is not None
    assert 'role="img" aria-labelledby="tidsplan-title tidsplan-desc"' in svg.group()
    assert '<desc id="tidsplan-desc">Tidsplan for planens 3 indsatser, 2023–2026.' in svg.group()
    table = html[html.index('<caption id="tidsplan-table">') :]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>", table[: table.index("</table>")])
    assert [re.sub(r"<[^>]+>", "", r) for r in rows] == ["Indsats 1: Alfa", "Indsats 2: Beta", "Indsats 3: Gamma"]

    plan = _page(tiny_repo, "demo/index.md")
    # every coloured segment has its status pattern on top, and its status is a word in the legend
    segment = r'<g class="ap-s--(\w+)">\s*<title>[^<]*</title>\s*<rect class="ap-chart__seg"[^>]*/>\s*'
    segments = re.findall(segment + r'<rect [^>]*fill="url\(#statusdiagram-p-(\w+)\)"', plan)
    svg = plan[plan.index('<svg class="ap-chart__svg"') :]
    svg = svg[: svg.index("</svg>")]
    assert len(segments) == 7 == svg.count('class="ap-chart__seg"')  # 4 reports of one + now with three
    assert all(a == b for a, b in segments)
    for key in {a for a, _ in segments}:
        assert f'<pattern id="statusdiagram-p-{key}"' in plan
    legend = plan[plan.index('<ul class="ap-chart__legend">') :]
    legend = legend[: legend.index("</ul>")]
    assert [unescape(t) for t in re.findall(r"</span>([^<]+)</span>", legend)] == [
        "Grøn – inden for rammerne",
        "Gul – mindre afvigelser",
        "Rød – afviger fra rammerne",
        "Gennemført",
    ]


def test_no_page_repeats_an_id(tiny_repo, real_repo) -> None:
    for repo in (tiny_repo, real_repo):
        for page in build_pages(repo, today=TODAY):
            ids = Counter(re.findall(r'\sid="([^"]+)"', page.render()))
            assert not [i for i, n in ids.items() if n > 1], page.path


def test_hostile_titles_stay_text_in_the_svg(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    alfa = data / "demo" / "initiatives" / "01-alfa.yml"
    hostile = "Alfa</title><script>alert(1)</script>&amp;"
    alfa.write_text(alfa.read_text(encoding="utf-8").replace("title: Alfa\n", f"title: '{hostile}'\n"), "utf-8")
    repo = load_repository(data, root=tmp_path, today=TODAY)
    html = _page(repo, "demo/tidslinje.md")
    assert "<script>" not in html
    assert "Indsats 1: Alfa&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;" in html
