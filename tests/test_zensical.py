"""Zensical builds the same site as MkDocs from the same generation step (issue 12).

`python3 run.py generate` writes the project for Zensical; the pinned Zensical (requirements.txt)
builds it. Same pages as `mkdocs build --strict`, no broken internal link, edit buttons open the
data files, and a plan's pages list only that plan in the sidebar. What Zensical cannot do yet is
listed in README, «Zensical».
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .examples import about_published_examples, min_pages, published
from .search_index import fragments
from .test_links import broken_links, site_url, unlinked

ROOT = Path(__file__).resolve().parent.parent
EDIT = yaml.safe_load((ROOT / "organisation.yml").read_text(encoding="utf-8"))["repo_url"] + "/edit/main/"

pytestmark = pytest.mark.slow


def pages_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_zensical_site_gets_the_same_search_index(zensical_site: Path, built_site: Path) -> None:
    """Same pages in the index, same statuses, and no navigation text: the theme's marks hold under Zensical."""
    zensical_index, mkdocs_index = fragments(zensical_site), fragments(built_site)
    assert set(zensical_index) == set(mkdocs_index) and mkdocs_index
    for url, fragment in mkdocs_index.items():
        assert zensical_index[url]["meta"] == fragment["meta"], url
    if not published():  # the pages below are this repository's example plans (tests/examples.py)
        return
    assert "region-sjaelland-2024/01-afproevning-af-ai/" in zensical_index
    page2 = "region-sjaelland-2024/02-befolkningsundersoegelse-af-sundhedsprofil/"
    for pager in ("Indsats 1: Afprøvning af AI", "Indsats 3: Beslutningsstøtte til henvisninger"):  # prev/next links
        assert pager not in zensical_index[page2]["content"] and pager not in mkdocs_index[page2]["content"]


def test_zensical_builds_the_same_pages_as_mkdocs(zensical_site: Path, built_site: Path) -> None:
    mkdocs_pages, zensical_pages = pages_of(built_site), pages_of(zensical_site)
    assert len(mkdocs_pages) >= min_pages()
    assert zensical_pages == mkdocs_pages
    data_files = sorted(p.relative_to(built_site).as_posix() for p in built_site.glob("*/data.json"))
    data_files += [name.replace("data.json", "indsatser.csv") for name in data_files]
    assert data_files, "every plan has a data.json"
    for data_file in ("feed.xml", *data_files):
        assert (zensical_site / data_file).read_bytes() == (built_site / data_file).read_bytes(), data_file


def test_zensical_site_has_no_broken_internal_links(zensical_site: Path) -> None:
    broken, checked = broken_links(zensical_site, site_url())
    # Zensical's own theme links the front page's logo and nav entry to itself as href="" (a valid
    # reference to the same document; MkDocs writes "."). Every other empty link is still an error.
    broken = [b for b in broken if b != "/index.html: empty a.href"]
    assert set(checked) == pages_of(zensical_site) and not unlinked(checked)  # it saw every page, with links
    assert not broken, f"{len(broken)} broken internal links or anchors:\n" + "\n".join(broken)


def _edit_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"[^>]*rel="edit"', html)


@about_published_examples
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_edit_links_and_per_plan_sidebar(engine: str, zensical_site: Path, built_site: Path) -> None:
    site = zensical_site if engine == "zensical" else built_site

    def page(url: str) -> str:
        return (site / url / "index.html").read_text(encoding="utf-8")

    initiative = page("region-sjaelland-2024/01-afproevning-af-ai")
    assert _edit_links(initiative) == [EDIT + "data/region-sjaelland-2024/initiatives/01-afproevning-af-ai.yml"]
    assert _edit_links(page("region-sjaelland-2024/oversigt")) == [EDIT + "data/region-sjaelland-2024/plan.yml"]
    assert _edit_links(page("om")) == [EDIT + "docs/om.md"]  # a hand-written page opens its Markdown
    assert _edit_links(page("")) == []  # the front page is made from every file: no single file to edit
    # the sidebar of a plan's page lists only that plan; the front page lists every plan
    other_plan = 'href="../../danske-regioner-2014-2016/'
    assert other_plan not in initiative
    assert 'href="../02-befolkningsundersoegelse-af-sundhedsprofil/"' in initiative
    front_nav = re.findall(r'href="([^"]+)" class="md-nav__link', page(""))
    assert {"danske-regioner-2014-2016/", "region-sjaelland-2024/"} <= {u.lstrip("./") for u in front_nav}
