"""Regenerate the README's screenshots (readme/*.png) from a built site.

    python3 run.py build && .venv/bin/python readme/screenshots.py

Serves site/ over loopback under the site's path, as in production, and photographs a few pages
in Debian's Chromium (ACTIONPLANS_CHROMIUM to use another). The build date is the one the site was
built with (ACTIONPLANS_TODAY when set), so rebuild with the date the pictures should show.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("ACTIONPLANS_CHROMIUM", "/usr/lib/chromium/chromium")
PREFIX = "/handleplaner/"
RS = "region-sjaelland-2024/"
DR = "danske-regioner-2014-2016/"
# file name, page, element to scroll to the top (or None), viewport width
SHOTS = [
    ("front.png", "", None, 1280),
    ("grid.png", RS + "oversigt/", None, 1280),
    ("report.png", RS + "statusrapport-2024-09/", "#alle", 1280),
    ("status-chart.png", RS, "#status", 1280),
    ("timeline.png", RS + "tidslinje/", "#tidsplan", 1280),
    ("initiative.png", RS + "03-beslutningsstoette-til-henvisninger/", None, 1280),
    ("goals.png", DR + "maalsaetninger/", "#matrix", 1280),
    ("phone.png", RS + "oversigt/?opmaerksomhed=ja", ".ap-filter-count", 390),
]


class Handler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(PREFIX) :] if path.startswith(PREFIX) else "/-")

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    site = ROOT / "site"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}{PREFIX}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for name, path, anchor, width in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": 1000 if width > 500 else 844})
                page.goto(base + path)
                if anchor:
                    page.locator(anchor).evaluate(
                        "e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 70)"
                    )
                    page.wait_for_timeout(800)  # the header's title fades to the page title on scroll
                page.screenshot(path=str(ROOT / "readme" / name))
                page.close()
                print(f"readme/{name}")
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
