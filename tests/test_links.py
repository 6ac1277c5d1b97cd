"""Every internal link and #anchor in every page of the built site resolves (offline; issue 6)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from actionplans.source.repository import load_repository

from .conftest import TODAY

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "javascript", "data", "ftp"}

pytestmark = pytest.mark.slow


class PageParser(HTMLParser):
    """Collects the ids a page offers as anchors and the URLs it refers to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag.attribute, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for attr in ("href", "src"):
            if attr in values and tag in ("a", "link", "script", "img", "iframe", "source", "area"):
                self.links.append((f"{tag}.{attr}", values[attr]))


def site_url() -> str:
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "organisation.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert match, "organisation.yml has no site_url"
    return match.group(1).rstrip("/") + "/"


def local_file(site: Path, url_path: str) -> Path | None:
    """The file that a static host would serve for ``url_path`` (relative to the site root)."""
    candidate = site / unquote(url_path)
    if url_path.endswith("/") or url_path == "":
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(built: Path, base: str) -> tuple[list[str], dict[str, int]]:
    """Every internal link and #anchor in the site at ``built`` (published at ``base``) that does not
    resolve. Returns (broken, the number of internal <a href> links checked on each page)."""
    base_path = urlsplit(base).path
    pages: dict[Path, PageParser] = {}
    for file in sorted(built.rglob("*.html")):
        parser = PageParser()
        parser.feed(file.read_text(encoding="utf-8"))
        pages[file] = parser

    broken: list[str] = []
    checked: dict[str, int] = {}
    for file, parser in pages.items():
        rel = file.relative_to(built).as_posix()
        checked[rel] = 0
        page_url = base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for where, raw in parser.links:
            if not raw.strip():
                broken.append(f"/{rel}: empty {where}")
                continue
            url = urljoin(page_url, raw.strip())
            parts = urlsplit(url)
            if not url.startswith(base):
                if urlsplit(raw.strip()).scheme or raw.strip().startswith("//"):
                    continue  # an absolute URL elsewhere (other site, mailto:, …): not checked offline
                broken.append(f"/{rel}: {where}={raw!r} climbs out of the site's path {base_path}")
                continue
            target_path = parts.path[len(base_path) :]
            target = local_file(built, target_path)
            checked[rel] += int(where == "a.href")
            if target is None:
                broken.append(f"/{rel}: {where}={raw!r} -> /{target_path} does not exist")
                continue
            if parts.fragment and target.suffix == ".html":
                anchor = unquote(parts.fragment)
                if anchor not in pages[target].ids:
                    shown = target.relative_to(built).as_posix()
                    broken.append(f"/{rel}: {where}={raw!r} -> no id {anchor!r} in /{shown}")
    return broken, checked


def unlinked(checked: dict[str, int]) -> list[str]:
    """Pages on which the checker found no internal <a href>: every page has a menu, so none should be."""
    return [page for page, links in checked.items() if not links]


def test_no_broken_internal_links_or_anchors(built_site: Path) -> None:
    broken, checked = broken_links(built_site, site_url())
    print(f"links: {len(checked)} pages, {sum(checked.values())} internal links checked, {len(broken)} broken")
    # the checker saw the whole site: every initiative's page, and links on every page
    for plan in load_repository(ROOT / "data", today=TODAY).plans:  # what built_site is built from
        for entry in plan.initiatives:
            assert f"{plan.slug}/{entry.slug}/index.html" in checked, entry.slug
    assert not unlinked(checked)
    assert not broken, f"{len(broken)} broken internal links or anchors:\n" + "\n".join(broken)
