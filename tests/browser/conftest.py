"""Fixtures for the browser and built-site checks.

``built_site`` builds the real site (``data/``) once per session with ``mkdocs build --strict``
into a temporary directory; ``site_url`` serves it over loopback on a free port; ``browser``
is Debian's Chromium driven by Playwright. Without a browser (or Java for the HTML checker,
or the npm tools from ``.ci/run``) the tests are skipped with a visible reason; when the
environment variable ``CI`` is set, anything missing is a failure instead.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import missing
from tests.sitebuild import build_repository_site

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ACTIONPLANS_CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NPM_MODULES = ROOT / ".cache" / "npm" / "node_modules"  # installed by .ci/run (gitignored)
AXE_JS = NPM_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NPM_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="session")
def html_pages(built_site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ("" for the front page, "om/", "404.html")."""
    pages = []
    for path in sorted(built_site.rglob("*.html")):
        rel = path.relative_to(built_site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def site_prefix() -> str:
    """The path part of ``site_url`` in organisation.yml ("/handleplaner/"). The site is served under it,
    as in production, so that pages with absolute URLs (404.html) load their assets."""
    match = re.search(r"^site_url:\s*\S+?://[^/\s]+(/\S*)?\s*$", (ROOT / "organisation.yml").read_text(), re.MULTILINE)
    prefix = (match.group(1) if match else None) or "/"
    return prefix if prefix.endswith("/") else prefix + "/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "does-not-exist")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def built_site_offline(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The preview build (ACTIONPLANS_OFFLINE=true) as a browser opens it from disk: a file:// URL."""
    dest = tmp_path_factory.mktemp("offline") / "site"
    result = build_repository_site(dest, ACTIONPLANS_OFFLINE="true")
    if result.returncode:
        pytest.fail(f"mkdocs build --strict (offline) failed:\n{result.stdout}\n{result.stderr}")
    return dest.as_uri() + "/"


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` over loopback under the site_url path; yields its base URL (ends with "/")."""
    prefix = site_prefix()
    handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: a free port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site, served over loopback under the site_url path (ends with "/")."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def _playwright() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the Python package playwright is not installed (python3 run.py test installs it)")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(_playwright: object) -> Iterator[object]:
    try:
        chromium = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # type: ignore[attr-defined]
    except Exception as exc:  # any launch failure means "no usable browser"
        missing(f"Chromium at {CHROMIUM} could not be started: {exc}")
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        missing(f"axe-core not found at {AXE_JS} (run .ci/run, or: npm install --prefix .cache/npm axe-core)")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        missing("java not found (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing(f"the Nu Html Checker not found at {VNU_JAR} (run .ci/run or npm install --prefix .cache/npm vnu-jar)")
    return [java, "-jar", str(VNU_JAR)]
