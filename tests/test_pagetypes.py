"""tests/pagetypes.py: the pages the browser checks open stand for every kind of markup on the site."""

from __future__ import annotations

from pathlib import Path

from .pagetypes import features, page_types

PAGE = '<html><body><main><div class="ap-page ap-{kind}"><h1>{text}</h1>{extra}</div></main></body></html>'


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for url, html in pages.items():
        file = tmp_path / url / "index.html" if url == "" or url.endswith("/") else tmp_path / url
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(html, encoding="utf-8")
    return tmp_path


def test_pages_that_differ_only_in_words_are_one_kind(tmp_path: Path) -> None:
    pages = {f"a/{n:02}-x/": PAGE.format(kind="initiative", text=f"Indsats {n}", extra="") for n in range(1, 16)}
    chosen = page_types(site(tmp_path, pages), sorted(pages), ["a"])
    assert chosen == ["a/01-x/"]


def test_new_markup_on_one_page_makes_it_a_kind_of_its_own(tmp_path: Path) -> None:
    pages = {f"a/{n:02}-x/": PAGE.format(kind="initiative", text="T", extra="") for n in range(1, 6)}
    pages["a/04-x/"] = PAGE.format(kind="initiative", text="T", extra='<p class="ap-rescope">omlagt</p>')
    pages["a/05-x/"] = PAGE.format(kind="initiative", text="T", extra='<span class="ap-status ap-status--red">R</span>')
    chosen = page_types(site(tmp_path, pages), sorted(pages), ["a"])
    assert chosen == ["a/04-x/", "a/05-x/"]  # 04 and 05 together show everything 01-03 show


def test_each_plan_and_each_place_of_an_element_counts(tmp_path: Path) -> None:
    same = PAGE.format(kind="initiative", text="T", extra="<table><tr><td>x</td></tr></table>")
    pages = {"a/01-x/": same, "b/01-y/": same, "a/whole/": f'<section class="ap-whole">{same}</section>'}
    chosen = page_types(site(tmp_path, pages), sorted(pages), ["a", "b"])
    assert chosen == ["a/01-x/", "a/whole/", "b/01-y/"]  # a plan's pages stand only for that plan


def test_heading_order_is_part_of_the_kind(tmp_path: Path) -> None:
    assert "heading h2 -> h4" in features("<h2>a</h2><h4>b</h4>")
    assert "heading h2 -> h4" not in features("<h2>a</h2><h3>b</h3><h4>c</h4>")


def test_always_and_already_covered(tmp_path: Path) -> None:
    pages = {"": PAGE.format(kind="front", text="F", extra=""), "om/": PAGE.format(kind="front", text="O", extra="")}
    root = site(tmp_path, pages)
    assert page_types(root, sorted(pages), [], always=["om/"]) == ["om/"]  # "" adds nothing om/ lacks
    covered = {("", f) for f in features(pages[""])}
    assert page_types(root, sorted(pages), [], covered=covered) == []
