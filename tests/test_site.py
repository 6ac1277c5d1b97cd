"""Tiny sites built end to end with MkDocs in a temp dir."""

import json
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from .search_index import fragments
from .sitebuild import build, make_project

TINY = Path(__file__).parent / "sites" / "tiny" / "data"

pytestmark = pytest.mark.slow
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/initiative.schema.json"


def test_tiny_site_builds_strict_without_warnings(tiny_site) -> None:
    assert "WARNING" not in tiny_site.output
    for url in ("", "demo", "demo/oversigt", "demo/tidslinje", "demo/maalsaetninger", "demo/01-alfa", "om"):
        assert (tiny_site.site / url / "index.html").exists(), url


def test_pages_are_danish_and_titled(tiny_site) -> None:
    html = tiny_site.page("demo/01-alfa")
    assert '<html lang="da"' in html
    assert "<title>Indsats 1: Alfa - Handleplaner for digitalisering</title>" in html
    assert "Gul – mindre afvigelser" in html


def test_edit_button_opens_the_yaml_file(tiny_site) -> None:
    html = tiny_site.page("demo/01-alfa")
    assert 'href="https://github.com/example/handleplaner/edit/main/data/demo/initiatives/01-alfa.yml"' in html
    assert "edit/main/data/demo/plan.yml" in tiny_site.page("demo/oversigt")


def test_search_index_has_every_initiative_in_danish_with_its_status(tiny_site) -> None:
    entry = json.loads((tiny_site.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["da"]  # one index, Danish stemming (<html lang="da">)
    index = fragments(tiny_site.site)
    assert {"demo/01-alfa/", "demo/02-beta/", "demo/03-gamma/"} <= set(index)
    assert "patologisvar" in index["demo/01-alfa/"]["content"]
    # the status a result shows: the initiative's current status, as the page says it
    assert index["demo/01-alfa/"]["meta"]["Status"] == "Gul – mindre afvigelser"
    assert "Gul – mindre afvigelser" in tiny_site.page("demo/01-alfa")
    assert index["demo/02-beta/"]["meta"]["Status"] == "Rød – afviger fra rammerne"
    assert "Status" not in index["demo/"]["meta"]  # a plan has no status of its own


def test_header_search_form_opens_the_search_page_from_any_depth(tiny_site) -> None:
    for url in ("", "demo", "demo/01-alfa", "om"):
        html = tiny_site.page(url)
        action = re.search(r'<form class="ap-search-form" role="search"[^>]* action="([^"]+)" method="get">', html)
        assert action, url
        target = (tiny_site.site / url / action.group(1) / "index.html").resolve()
        assert target == tiny_site.site.resolve() / "soeg" / "index.html", (url, action.group(1))
    search_page = tiny_site.page("soeg")
    assert 'id="ap-search"' in search_page and "python3 -m http.server" in search_page
    assert "data-pagefind-body" not in search_page  # the search page is not itself a result


def test_status_labels_can_be_search_metadata() -> None:
    """Pagefind reads a comma in data-pagefind-meta as the start of another field (_macros.html)."""
    from actionplans.source.model import Status

    assert all("," not in s.label and ":" not in s.label for s in Status)


def test_sidebar_lists_only_the_current_plan(tmp_path) -> None:
    """Per-page HTML must not grow with the number of initiatives in other plans."""
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    alone = build(make_project(tmp_path / "a", data))
    assert alone.returncode == 0, alone.output
    size_alone = len(alone.page("demo/01-alfa").encode())
    other = data / "andet"
    shutil.copytree(data / "demo", other)
    for n in range(4, 44):
        (other / "initiatives" / f"{n:02d}-nr-{n}.yml").write_text(
            f"{SCHEMA_LINE}\nnumber: {n}\ntitle: Anden plans indsats {n}\ndescription: x\nsource: {{document: D, section: S}}\n",
            encoding="utf-8",
        )
    both = build(make_project(tmp_path / "b", data))
    assert both.returncode == 0, both.output
    size_both = len(both.page("demo/01-alfa").encode())
    assert "Anden plans indsats" not in both.page("demo/01-alfa")
    assert "Anden plans indsats 40" in both.page("andet/oversigt")
    # a plan's page lists only its own plan: another plan with 43 pages adds nothing to it
    assert size_both == size_alone, (size_alone, size_both)
    front = (both.site / "index.html").read_text(encoding="utf-8")
    assert "Demo 2024" in front and "Demoplan for test" in front


def test_invalid_data_stops_the_build_and_publishes_nothing(tmp_path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    project = make_project(tmp_path, data)
    good = build(project)
    assert good.returncode == 0
    before = (project / "site" / "index.html").read_bytes()
    target = project / "data" / "demo" / "initiatives" / "02-beta.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("status: rød", "status: roed"), encoding="utf-8")
    (project / "data" / "demo" / "initiatives" / "03-gamma.yml").write_text(
        f"{SCHEMA_LINE}\nnumber: 3\ntitle: [\n", encoding="utf-8"
    )
    bad = build(project)
    assert bad.returncode == 1
    assert "Traceback" not in bad.output
    assert (
        "data/demo/initiatives/02-beta.yml:11:13: reports[0].status: «roed» er ikke en gyldig status. Mente du «rød»?"
        in bad.output
    )
    assert "data/demo/initiatives/03-gamma.yml:" in bad.output  # every problem, not just the first
    assert "Bygningen er stoppet: 2 fejl i data/" in bad.output
    assert (project / "site" / "index.html").read_bytes() == before


HOSTILE = (
    '<script>alert("x")</script> "><img src=x onerror=alert(2)> {{ "AB" ~ "CD" }} '
    "{% if true %}EFGH{% endif %} [klik](javascript:alert(3)) **fed**"
)


def _poison(value, key=""):
    """Replace every free-text value with the hostile string (ids, dates, enums untouched)."""
    skip = {
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
    }
    if isinstance(value, dict):
        return {k: (v if k in skip else _poison(v, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str):
        return f"{key.upper()} {HOSTILE}"
    return value


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=…>")
            if name == "href" and value and value.strip().lower().startswith("javascript:"):
                self.bad.append(f"<{tag} href={value}>")
        self._in_script = tag == "script"
        if tag in ("strong", "b") and "fed" in "".join(self.text[-1:]):
            self.bad.append("markdown emphasis rendered")

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.bad.append(f"script: {data[:60]}")
        self.text.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


def test_hostile_strings_in_every_text_field_come_out_inert(tmp_path, tiny_site) -> None:
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    for path in data.rglob("*.yml"):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        path.write_text(first_line + "\n" + yaml.safe_dump(_poison(raw), allow_unicode=True), encoding="utf-8")
    built = build(make_project(tmp_path, data))
    assert built.returncode == 0, built.output

    pages = list(built.site.rglob("*.html"))
    # hostile text costs no page: the same pages as the tiny site with its real text
    assert {p.relative_to(built.site) for p in pages} == {
        p.relative_to(tiny_site.site) for p in tiny_site.site.rglob("*.html")
    }
    for page in pages:
        html = page.read_text(encoding="utf-8")
        inspector = _Inspector()
        inspector.feed(html)
        assert inspector.bad == [], (page, inspector.bad)
        assert "ABCD" not in html, f"Jinja expression from data was evaluated in {page}"
        assert "<script>alert" not in html

    alfa = built.page("demo/01-alfa")
    visible = unescape(re.sub(r"<[^>]+>", "", alfa))
    # data is shown literally, not dropped: every field's text appears as written
    for field in ("TITLE", "DESCRIPTION", "NARRATIVE", "CORRECTIVE_ACTIONS", "EVIDENCE", "EFFECTS", "DELIVERABLES"):
        assert f'{field} <script>alert("x")</script>' in visible, field
    assert "{% if true %}EFGH{% endif %}" in visible
    assert "[klik](javascript:alert(3)) **fed**" in visible
    assert "<title>Indsats 1: TITLE <script" not in alfa  # the title is escaped in <title>
    assert "<title>Indsats 1: TITLE &lt;script&gt;" in alfa
    # a shared link's title and summary (Open Graph, <meta name=description>): escaped, literal
    meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', alfa))
    assert unescape(meta["og:title"]) == f"Indsats 1: TITLE {HOSTILE}"
    assert (
        unescape(meta["description"]) == unescape(meta["og:description"]) == f"TITLE {HOSTILE}: DESCRIPTION {HOSTILE}"
    )

    # the search index holds the page's text as text (Pagefind's script escapes it before it shows
    # an excerpt; tests/browser/test_search.py searches this site in Chromium), nothing evaluated
    index = fragments(built.site)
    assert index["demo/01-alfa/"]["meta"]["title"] == f"Indsats 1: TITLE {HOSTILE}"
    assert 'NARRATIVE <script>alert("x")</script>' in index["demo/01-alfa/"]["content"]
    for url, fragment in index.items():
        for text in (fragment["content"], *fragment["meta"].values()):
            assert "ABCD" not in text, url
