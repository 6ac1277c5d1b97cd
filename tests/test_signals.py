"""Attention signals, status reports and plan lifecycle: computed from the data, never guessed."""

import datetime as dt

from actionplans.site.views import build_pages
from actionplans.source import signals, statusreports
from actionplans.source.model import Status

from .conftest import TODAY


def kinds(entry, plan, today=TODAY) -> list[str]:
    return [s.kind for s in signals.initiative_signals(entry, plan, today)]


def test_region_sjaelland_signals_are_what_the_report_says(real_repo) -> None:
    plan = real_repo.plan("region-sjaelland-2024")
    by_number = {i.number: i for i in plan.initiatives}
    # #3: corrective actions, a proposed rescope in its own words, end date 2024 -> Ukendt
    three = signals.initiative_signals(by_number[3], plan, TODAY)
    assert [s.kind for s in three][:3] == ["corrective", "rescope", "end_changed"]
    assert "mhp. rescope af handleplanens indsats #3" in three[1].explanation
    assert "fra 2024 (planen) til Ukendt" in three[2].explanation
    # #11: moved from 2024 to 31 December 2025, which has passed without a completion report
    eleven = kinds(by_number[11], plan)
    assert {"corrective", "end_changed", "overdue"} <= set(eleven)
    # the colours stay «Ikke oplyst»: a signal is never a guessed status
    assert by_number[3].status == Status.NOT_STATED and by_number[11].status == Status.NOT_STATED
    # the other initiatives with nothing but a lost colour need no attention
    needing = [i.number for i in plan.initiatives if signals.needs_attention(i, plan, TODAY)]
    assert needing == [1, 3, 11]


def test_stale_against_the_plans_expected_reporting_is_said_once_for_the_plan(real_repo) -> None:
    plan = real_repo.plan("region-sjaelland-2024")
    stale = signals.plan_stale(plan, TODAY)
    assert stale is not None
    assert stale.explanation == (
        "Planen forventede statusrapportering i oktober 2024; seneste rapport er fra september 2024."
    )
    # before October 2024 had passed, the September report was not stale
    assert signals.plan_stale(plan, dt.date(2024, 10, 15)) is None


def test_trend_compares_colours_only() -> None:
    assert signals.trend(Status.GREEN, Status.YELLOW) == "worse"
    assert signals.trend(Status.RED, Status.GREEN) == "better"
    assert signals.trend(Status.YELLOW, Status.YELLOW) == "same"
    # a status that is not stated cannot be better or worse than anything
    assert signals.trend(Status.NOT_STATED, Status.RED) is None
    assert signals.trend(Status.NOT_STATED, Status.NOT_STATED) is None


def test_tiny_trend_and_change_since_previous_report(tiny_repo) -> None:
    plan = tiny_repo.plan("demo")
    alfa = plan.initiatives[0]
    assert "trend_worse" in kinds(alfa, plan)
    report = next(r for r in statusreports.status_reports(plan) if r.date.iso() == "2024-08")
    line = report.lines[0]
    assert line.changes == [
        "Status: Grøn → Gul",
        "Slutdato: 31. december 2025 → marts 2026",
        "Nye korrigerende handlinger",
    ]
    assert report.previous_date.iso() == "2024-03-01" and report.next_date.iso() == "2024-08-15"
    # a completed initiative is neither late nor stale
    gamma = plan.initiatives[2]
    assert kinds(gamma, plan) == []


def test_status_report_page_reproduces_the_report(real_repo) -> None:
    pages = build_pages(real_repo, today=TODAY)
    page = next(p for p in pages if p.path == "region-sjaelland-2024/statusrapport-2024-09.md")
    assert page.title == "Statusrapport september 2024 – Region Sjælland – Handleplan 2024"
    html = page.render()
    assert html.count("<tr>") == 1 + 15  # header + every initiative
    assert "Projektet/programmet holder sig inden for projektets/programmets rammer" in html  # legend
    # details for the three with reported text (not green, or corrective actions)
    assert html.count('class="ap-report__detail"') == 3
    assert "dette er planens første statusrapport" in html
    # the dating decision is on the page, in «Om kilden»
    assert "skrevet mellem 14. og 27. september 2024" in html
    listing = next(p for p in pages if p.path == "region-sjaelland-2024/statusrapporter.md").render()
    assert 'href="../statusrapport-2024-09/"' in listing
    plan_page = next(p for p in pages if p.path == "region-sjaelland-2024/index.md").render()
    assert 'href="statusrapport-2024-09/"' in plan_page


def test_plan_without_reports_or_goals_has_no_empty_pages(real_repo) -> None:
    paths = [p.path for p in build_pages(real_repo, today=TODAY)]
    assert "danske-regioner-2014-2016/statusrapporter.md" not in paths  # no reports
    assert "region-sjaelland-2024/maalsaetninger.md" not in paths  # the source states no goals
    assert "danske-regioner-2014-2016/maalsaetninger.md" in paths


def test_lifecycle_and_order(real_repo) -> None:
    dr = real_repo.plan("danske-regioner-2014-2016")
    assert signals.lifecycle(dr, TODAY) == "afsluttet"
    assert signals.lifecycle(dr, dt.date(2016, 12, 31)) == "aktiv"
    rs = real_repo.plan("region-sjaelland-2024")
    # at the end of 2024 Region Sjælland's plan is active and goes first; both ended: newest first
    assert [p.slug for p in signals.plans_active_first(real_repo.plans, dt.date(2024, 12, 1))][0] == rs.slug
    assert [p.slug for p in signals.plans_active_first(real_repo.plans, TODAY)] == [rs.slug, dr.slug]
    # an initiative without its own end date ends with the plan's period, labelled so
    end, from_period = signals.effective_end(dr.initiatives[0], dr)
    assert end.date.iso() == "2016" and from_period


def test_front_page_lists_recent_changes_and_links_the_feed(real_repo) -> None:
    html = build_pages(real_repo, today=TODAY)[0].render()
    section = html[html.index('id="seneste-aendringer"') :]
    assert 'href="feed.xml"' in section
    assert 'href="region-sjaelland-2024/statusrapport-2024-09/"' in section
    assert section.count("<li>") == 3  # #1, #3, #11: the ones whose report says something changed
    # active/ended is shown; the newer plan comes first
    assert html.index("Region Sjælland") < html.index("Regionernes fælles pejlemærker")
    assert html.count("ap-lifecycle--afsluttet") == 2


def test_grid_offers_only_filters_that_can_narrow_down(real_repo) -> None:
    pages = build_pages(real_repo, today=TODAY)
    dr = next(p for p in pages if p.path == "danske-regioner-2014-2016/oversigt.md").render()
    # every DR status is «Ikke oplyst» and no initiative has target groups: not offered, with a reason
    assert 'name="status"' not in dr and 'name="maalgruppe"' not in dr
    assert 'data-ap-unavailable="status">Status kan ikke vælges: Alle 15 pejlemærker har samme værdi' in dr
    rs = next(p for p in pages if p.path == "region-sjaelland-2024/oversigt.md").render()
    assert '<option value="ja">Kræver opmærksomhed (3)</option>' in rs
    # missing facts collapse into one quiet line per card instead of one label per field
    # (no Region Sjælland initiative states them: one line on every card)
    every = len(real_repo.plan("region-sjaelland-2024").initiatives)
    assert rs.count("Ikke oplyst i kilden: målgrupper, berørte medarbejdere, ansvarlig") == every
    assert "Status er forældet for hele planen" in rs


def test_hostile_text_in_a_rescope_is_escaped(tiny_repo, tmp_path) -> None:
    import shutil
    from pathlib import Path

    from actionplans.source.repository import load_repository

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "sites/tiny/data", data)
    beta = data / "demo/initiatives/02-beta.yml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace(
            "    narrative: Beta er forsinket.", '    narrative: Beta er forsinket.\n    rescope: "<script>x</script>"'
        ),
        encoding="utf-8",
    )
    repo = load_repository(data, today=TODAY)
    for page in build_pages(repo, today=TODAY):
        html = page.render()
        assert "<script>x" not in html
    assert any("&lt;script&gt;x" in p.render() for p in build_pages(repo, today=TODAY))
