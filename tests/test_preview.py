"""The pull-request preview opens from disk: every link points at a file, not a folder (issue 4)."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (tag, name) in {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")}:
                self.urls.append(value)


def test_offline_preview_links_resolve_to_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "ACTIONPLANS_OFFLINE": "true", "ACTIONPLANS_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "region-sjaelland-2024" / "01-afproevning-af-ai.html").is_file()
    broken: list[str] = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":  # only ever served by a web server, with absolute links
            continue
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")) or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            checked += 1
            if not target.is_file():  # a browser on file:// cannot open a folder's index.html
                broken.append(f"{page.relative_to(site)}: {url}")
    assert checked > 1000
    assert broken == []
