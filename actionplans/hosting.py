"""What the host needs beside the built site: robots.txt, and the gh-pages branch's root.

- ``robots_txt(site_url, public)``: a public build lets crawlers in and names its sitemap; an
  internal build keeps them out.
- ``update_pages_root()`` (``handleplaner pages-root [--push]``): after mike has deployed, writes
  ``404.html`` and ``robots.txt`` to the root of the gh-pages branch – the 404 page links to the
  current approved version («godkendt», or «live» before the first release) – and orders
  ``versions.json`` for the version selector: «godkendt» first, then the other releases newest
  first, the live version last, every title escaped (``selector_title``). It commits to the branch with git plumbing (the working tree is
  not touched) and does nothing when nothing changed.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

APPROVED = "godkendt"
LIVE = "live"
BRANCH = "gh-pages"
TEMPLATES = "overrides/hosting"  # in the project (the current directory), like every template


class HostingError(Exception):
    """A Danish message for the command line."""


def robots_txt(site_url: str | None, *, public: bool, sitemap: str = "sitemap.xml") -> str:
    if not public:
        return "# Intern udgave: må ikke indekseres.\nUser-agent: *\nDisallow: /\n"
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/{sitemap}")
    return "\n".join(lines) + "\n"


def selector_title(text: str) -> str:
    """A version's title as versions.json must hold it. The theme's version selector inserts each
    title as HTML (a release titled «<img onerror=…>» would run in every reader's browser), so
    the title is stored HTML-escaped. Idempotent: an escaped title is left as it is, so every
    writer (``release``, ``pages-root`` after each deploy) can apply it."""
    return html.escape(html.unescape(text))


def order_versions(versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """«godkendt» first, then the other releases in mike's order (newest first), live last;
    every title escaped for the version selector."""

    def rank(entry: dict[str, Any]) -> int:
        if APPROVED in entry.get("aliases", []):
            return 0
        return 2 if entry.get("version") == LIVE else 1

    ordered = sorted(versions, key=rank)  # stable: keeps mike's order within each rank
    return [{**v, "title": selector_title(str(v.get("title") or v["version"]))} for v in ordered]


def _git(*args: str, cwd: Path, env: dict[str, str] | None = None, input: str | None = None) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, input=input
    )
    if result.returncode:
        raise HostingError(f"git {' '.join(args)} stoppede med fejl: {result.stderr.strip()}")
    return result.stdout.strip()


def render_404(
    root: Path, *, site_name: str, organisation: str, colour: str, target: str, approved: bool, versions: list
) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root / TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return env.get_template("404.html").render(
        site_name=site_name,
        organisation=organisation,
        colour=colour,
        target=target,
        approved=approved,
        versions=versions,
    )


def update_pages_root(
    root: Path, *, site_url: str, site_name: str, organisation: str, colour: str, branch: str = BRANCH
) -> bool:
    """Write the root files to ``branch``; return whether a commit was made."""
    try:
        raw = _git("show", f"{branch}:versions.json", cwd=root)
    except HostingError:
        raise HostingError(
            f"Grenen {branch} har ingen versions.json. Udgiv først med mike (deploy.yml eller «python3 run.py release»)."
        ) from None
    versions = order_versions(json.loads(raw))
    prefix = urlsplit(site_url).path or "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    approved = any(APPROVED in v.get("aliases", []) for v in versions)
    default = APPROVED if approved else (versions[-1]["version"] if versions else LIVE)
    # the 404 template escapes what it prints: it gets the titles as text
    listed = [{"path": f"{prefix}{v['version']}/", "title": html.unescape(v["title"])} for v in versions]
    files = {
        "404.html": render_404(
            root,
            site_name=site_name,
            organisation=organisation,
            colour=colour,
            target=f"{prefix}{default}/",
            approved=approved,
            versions=listed,
        ),
        "robots.txt": robots_txt(site_url, public=True, sitemap=f"{default}/sitemap.xml"),
        "versions.json": json.dumps(versions, ensure_ascii=False) + "\n",
    }
    parent = _git("rev-parse", f"refs/heads/{branch}", cwd=root)
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        _git("read-tree", parent, cwd=root, env=env)
        for name, content in files.items():
            blob = _git("hash-object", "-w", "--stdin", cwd=root, input=content)
            _git("update-index", "--add", "--cacheinfo", f"100644,{blob},{name}", cwd=root, env=env)
        tree = _git("write-tree", cwd=root, env=env)
    if tree == _git("rev-parse", f"{parent}^{{tree}}", cwd=root):
        return False
    commit = _git("commit-tree", tree, "-p", parent, "-m", "Root: 404 page, robots.txt, version order", cwd=root)
    _git("update-ref", f"refs/heads/{branch}", commit, parent, cwd=root)
    return True
