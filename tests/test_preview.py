"""The pull-request preview opens from disk: every link points at a file, not a folder (issue 4)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .examples import published
from .test_links import PageParser

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def test_offline_preview_links_resolve_to_files(offline_site: Path) -> None:
    site = offline_site
    assert (site / "om.html").is_file()
    if published():
        assert (site / "region-sjaelland-2024" / "01-afproevning-af-ai.html").is_file()
    broken: list[str] = []
    unchecked: list[str] = []  # pages without a single relative link: the filter below would hide a bug
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":  # only ever served by a web server, with absolute links
            continue
        parser = PageParser()
        parser.feed(page.read_text(encoding="utf-8"))
        checked = 0
        for _, url in parser.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")) or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            checked += 1
            if not target.is_file():  # a browser on file:// cannot open a folder's index.html
                broken.append(f"{page.relative_to(site)}: {url}")
        if not checked:
            unchecked.append(page.relative_to(site).as_posix())
    assert unchecked == []
    assert broken == []
    # the header's search form opens the search page as a file too; search itself needs a server
    page = next(p for p in sorted(site.glob("*/index.html")) if p.parent.name != "pagefind")  # a plan's page
    assert 'action="../soeg.html"' in page.read_text(encoding="utf-8")
    assert (site / "soeg.html").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()
