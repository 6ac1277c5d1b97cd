"""The search index step on its own (actionplans/engines/search_index.py): what it refuses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from actionplans import cli
from actionplans.engines import search_index

from .search_index import fragments

PAGE = (
    '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>{title}</title></head><body>{body}</body></html>'
)


def write(site: Path, path: str, body: str, title: str = "Side") -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PAGE.format(title=title, body=body), encoding="utf-8")


def test_indexes_only_marked_content_and_leaves_out_ignored_parts(tmp_path: Path) -> None:
    write(tmp_path, "index.html", "<nav>Menu Indsats 2</nav><p>Forside uden markering</p>")
    write(
        tmp_path,
        "a/index.html",
        "<nav>Menu</nav><div data-pagefind-body><h1>Indsats 1</h1><p>Udeblivelser falder.</p>"
        '<span data-pagefind-meta="Status:Gul – mindre afvigelser">Gul</span>'
        "<nav data-pagefind-ignore>Næste: Indsats 2</nav></div>",
    )
    summary = search_index.index_site(tmp_path)
    assert "Indexed 1 page" in summary
    index = fragments(tmp_path)
    assert list(index) == ["a/"]
    assert index["a/"]["meta"] == {"title": "Indsats 1", "Status": "Gul – mindre afvigelser"}
    assert "Udeblivelser" in index["a/"]["content"] and "Indsats 2" not in index["a/"]["content"]
    assert "Menu" not in index["a/"]["content"]


def test_a_site_without_marked_content_gets_no_index(tmp_path: Path) -> None:
    """Pagefind would index whole pages (menus, aggregate pages): the build stops instead."""
    write(tmp_path, "index.html", "<nav>Menu</nav><p>Tekst</p>")
    with pytest.raises(search_index.SearchIndexError, match="data-pagefind-body"):
        search_index.index_site(tmp_path)
    assert not (tmp_path / "pagefind").exists()


def test_the_mark_as_mere_text_is_not_a_mark(tmp_path: Path) -> None:
    """A page that only mentions the attribute has no marked content: refused too."""
    write(tmp_path, "om/index.html", "<nav>Menu</nav><p>Vi bruger data-pagefind-body i temaet.</p>")
    with pytest.raises(search_index.SearchIndexError, match="ingen side er markeret"):
        search_index.index_site(tmp_path)
    assert not (tmp_path / "pagefind").exists()
    assert not list(tmp_path.parent.glob(".pagefind-input-*"))  # the temporary input is gone


def test_pagefind_reads_only_the_marked_content_of_each_page() -> None:
    page = (
        b'<!doctype html><html lang="da" class="x"><head><title>T</title></head><body><nav>Menu</nav>'
        b"<div data-pagefind-body><h1>Indsats</h1><div>tekst</div></div><!--/data-pagefind-body-->"
        b"<footer>Forrige</footer></body></html>"
    )
    document = search_index.index_input(page)
    assert document is not None
    assert b"<div data-pagefind-body><h1>Indsats</h1><div>tekst</div></div></body>" in document
    assert b'<html lang="da">' in document and b"Menu" not in document and b"Forrige" not in document
    assert search_index.index_input(page.replace(b"<div data-pagefind-body>", b"<div>")) is None


def test_missing_pagefind_package_gives_a_danish_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)  # import fails
    with pytest.raises(search_index.SearchIndexError, match="pagefind-bin-extended mangler"):
        search_index.index_site(tmp_path)


def test_command_indexes_a_built_site_and_refuses_a_folder_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["search-index", str(tmp_path / "nowhere")]) == 1
    assert "index.html mangler" in capsys.readouterr().err
    write(tmp_path, "index.html", "<div data-pagefind-body><h1>Om</h1><p>Tekst</p></div>")
    assert cli.main(["search-index", str(tmp_path)]) == 0
    assert list(fragments(tmp_path)) == [""]
