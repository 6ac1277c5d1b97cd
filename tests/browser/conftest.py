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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from tests.conftest import missing, plan_folders
from tests.pagetypes import kinds, page_types

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

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


def pages_of(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path ("" for the front page, "om/", "404.html")."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


@pytest.fixture(scope="session")
def html_pages(built_site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ("" for the front page, "om/", "404.html")."""
    return pages_of(built_site)


@pytest.fixture(scope="session")
def public_pages(public_site: Path) -> list[str]:
    """Every HTML page of the public build, as ``html_pages``."""
    return pages_of(public_site)


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
def built_site_offline(offline_site: Path) -> str:
    """The preview build (ACTIONPLANS_OFFLINE=true) as a browser opens it from disk: a file:// URL."""
    return offline_site.as_uri() + "/"


@contextlib.contextmanager
def serve(site: Path, prefix: str | None = None) -> Iterator[str]:
    """Serve ``site`` over loopback under ``prefix`` (default: the site_url path of
    organisation.yml); yields its base URL (ends with "/")."""
    prefix = prefix or site_prefix()
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
def zensical_url(zensical_site: Path) -> Iterator[str]:
    """Base URL of the Zensical build of the same site, served like ``site_url``."""
    with serve(zensical_site) as url:
        yield url


@pytest.fixture(params=["mkdocs", "zensical"])
def any_site_url(request: pytest.FixtureRequest) -> str:
    """``site_url`` and ``zensical_url`` in turn: a test taking it runs on both engines' builds
    (our templates and scripts in each theme's page; issue 12)."""
    return str(request.getfixturevalue("site_url" if request.param == "mkdocs" else "zensical_url"))


@pytest.fixture(scope="session")
def public_site_url(public_site: Path) -> Iterator[str]:
    """Base URL of the public build, served like ``site_url``."""
    with serve(public_site) as url:
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


VIEWPORT = {"width": 1280, "height": 900}


class SharedTab:
    """One browser tab per test process, shared by the tests that take ``page``: a new context and
    tab cost about 0.6 s of CPU each (a renderer process to start), a navigation in a tab that is
    already open 0.25 s (issue 12). ``reset`` leaves it as a new tab would be for the next test."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.origins: set[str] = set()  # every site the tab has shown since the last reset
        self._open()

    def _open(self) -> None:
        context = self.browser.new_context(viewport=VIEWPORT)
        self.page = context.new_page()
        self.page.on("framenavigated", lambda frame: self._shown(frame.url))

    def _shown(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            self.origins.add(f"{parts.scheme}://{parts.netloc}")

    def fresh(self) -> Page:
        """The tab; a new one (in a new context, the old one closed) if a test closed it."""
        if self.page.is_closed():
            self.page.context.close()
            self._open()
        self.page.set_default_timeout(10_000)
        return self.page

    def reset(self) -> None:
        """Storage of every site the test showed (local and session storage, IndexedDB, caches),
        cookies, emulated media and size as they were, and an empty page, so nothing of this
        test's page runs while the next one starts."""
        if self.page.is_closed():
            return
        if self.origins:
            # a CDP session only for this: one left attached stops Playwright's media emulation
            cdp = self.page.context.new_cdp_session(self.page)
            try:
                for origin in sorted(self.origins):
                    cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            finally:
                cdp.detach()
        self.origins.clear()
        self.page.context.clear_cookies()
        self.page.emulate_media(
            media="null", color_scheme="null", reduced_motion="null", forced_colors="null", contrast="null"
        )
        self.page.set_viewport_size(VIEWPORT)  # type: ignore[arg-type]
        self.page.goto("about:blank")

    def close(self) -> None:
        self.page.context.close()


@pytest.fixture(scope="session")
def _tab(browser: Browser) -> Iterator[SharedTab]:
    shared = SharedTab(browser)
    try:
        yield shared
    finally:
        shared.close()


@pytest.fixture
def page(_tab: SharedTab) -> Iterator[Page]:
    """A browser tab at 1280×900 on screen media, with no page, storage or cookies of an earlier
    test (``SharedTab``). Tests that add listeners to it remove them again (tests that need a
    browser set up otherwise, without JavaScript or on a phone, make their own context)."""
    try:
        yield _tab.fresh()
    finally:
        _tab.reset()


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
    # one short run over every page: the JIT's first tier only (a third of the CPU time; the
    # checker's deep recursion then needs a bigger thread stack), same report
    return [java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR)]


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TABS = 6  # pages loaded at a time: each still waits for network idle, but the waits overlap


@dataclass
class Visit:
    """One page of one build, opened in the browser: what axe found and every request it made."""

    audience: str
    path: str
    violations: list[dict] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def hand_written_pages() -> list[str]:
    """URL paths of the hand-written Markdown pages in docs/ ("om.md" -> "om/", "index.md" -> "")."""
    urls = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").with_suffix("").as_posix()
        urls.append("" if rel == "index" else rel.removesuffix("/index") + "/")
    return urls


def pages_to_visit(internal: Path, public: Path) -> dict[str, list[str]]:
    """The pages each build's browser checks open (tests/pagetypes.py): in the internal build one
    page of each kind per plan; in the public build, which only leaves content out, the pages of
    a kind the internal build does not show (none today; a public-only banner would be one).
    In both, the front page, the 404 page and every hand-written page."""
    always = ["", "404.html", *hand_written_pages()]
    plans = plan_folders()
    chosen = page_types(internal, pages_of(internal), plans, always=always)
    covered = set().union(*(kinds(internal, url, set(plans)) for url in chosen))
    return {
        "intern": chosen,
        "offentlig": page_types(public, pages_of(public), plans, always=always, covered=covered),
    }


@pytest.fixture(scope="session")
def visits(
    browser: Browser, axe_source: str, built_site: Path, site_url: str, public_site: Path, public_site_url: str
) -> list[Visit]:
    """Each kind of page of the internal and the public build (``pages_to_visit``), opened once:
    axe's violations (WCAG 2.0/2.1 A and AA) once the network is idle, and every request the page
    made until then.

    Tests reading it (accessibility, privacy) carry ``xdist_group("visits")`` so that one
    pytest-xdist worker makes the visits once for all of them.
    """
    chosen = pages_to_visit(built_site, public_site)
    return [
        *_visit(browser, axe_source, "intern", site_url, chosen["intern"]),
        *_visit(browser, axe_source, "offentlig", public_site_url, chosen["offentlig"]),
    ]


def _visit(browser: Browser, axe_source: str, audience: str, base: str, paths: list[str]) -> list[Visit]:
    todo = [Visit(audience, path) for path in paths]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tabs = [context.new_page() for _ in range(TABS)]
    showing: dict[object, Visit] = {}
    workers: list[str] = []

    def record(request: Request) -> None:
        try:
            showing[request.frame.page].requests.append(request.url)
        except Exception:  # a worker's request has no frame
            workers.append(request.url)

    context.on("request", record)
    try:
        for start in range(0, len(todo), TABS):
            batch = list(zip(tabs, todo[start : start + TABS], strict=False))
            for tab, visit in batch:
                showing[tab] = visit
                tab.goto(base + visit.path, wait_until="load")
            for tab, _ in batch:
                tab.wait_for_load_state("networkidle")  # late requests (a theme's API calls) are caught
                tab.add_script_tag(content=axe_source)
                # started in every tab before any is awaited: the tabs' renderers run axe side by side
                tab.evaluate(
                    "tags => { window.__axe = axe.run(document, "
                    "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}); }",
                    AXE_TAGS,
                )
            for tab, visit in batch:
                visit.violations = tab.evaluate("() => window.__axe")["violations"]
    finally:
        context.close()
    worker_visits = [Visit(audience, "(worker)", requests=workers)] if workers else []
    return worker_visits + todo
