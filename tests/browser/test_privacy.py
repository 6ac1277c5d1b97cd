"""No page requests anything from a host other than the site itself (GDPR; issue 6).

Two checks together cover every page of both builds:
- every page's markup (all pages, internal and public) names no resource on another host: no
  script, style sheet, image, frame, font or preload from elsewhere, in attributes or inline CSS;
- in the browser, each kind of page (``visits``: one per kind, plan and audience, see
  tests/pagetypes.py) makes no request to another host until the network is idle, and neither
  does the search once opened. What a page requests beyond its markup comes from the style
  sheets and scripts it loads, which every page of a kind shares.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from tests.pagetypes import html_file

from .conftest import Visit, pages_of

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# <link rel=…> values that make the browser fetch (or connect to) the address in href
FETCHING_RELS = {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest", "preload", "prefetch"}
FETCHING_RELS |= {"modulepreload", "preconnect", "dns-prefetch", "prerender"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


class ResourceParser(HTMLParser):
    """The addresses a page makes the browser load: (where, url)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and rels & FETCHING_RELS:
            self.urls.append((f"link[rel={values.get('rel')}]", values.get("href", "")))
        for attr in ("src", "poster", "data"):
            if attr in values and tag != "a":
                self.urls.append((f"{tag}[{attr}]", values[attr]))
        if tag in ("image", "use", "feimage"):  # SVG elements that load their href
            self.urls.extend((f"{tag}[{a}]", values[a]) for a in ("href", "xlink:href") if a in values)
        for attr in ("srcset", "imagesrcset"):
            for candidate in values.get(attr, "").split(","):
                if candidate.strip():
                    self.urls.append((f"{tag}[{attr}]", candidate.split()[0]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.urls.append(("meta[refresh]", values.get("content", "").partition("url=")[2]))
        for match in CSS_URL.finditer(values.get("style", "")):
            self.urls.append((f"{tag}[style]", match.group(1) or match.group(2)))
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls.extend(("<style>", m.group(1) or m.group(2)) for m in CSS_URL.finditer(data))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def foreign(url: str) -> bool:
    """An address on another host (relative addresses, data: and blob: stay on the page's own)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob", "about")


def test_no_page_names_a_resource_on_another_host(built_site: Path, public_site: Path) -> None:
    found = []
    checked = 0
    for site in (built_site, public_site):
        for path in pages_of(site):
            parser = ResourceParser()
            parser.feed(html_file(site, path).read_text(encoding="utf-8"))
            checked += len(parser.urls)
            found += [f"{site.name} /{path}: {where} {url}" for where, url in parser.urls if foreign(url)]
        for css in site.rglob("*.css"):
            for match in CSS_URL.finditer(css.read_text(encoding="utf-8")):
                url = match.group(1) or match.group(2)
                checked += 1
                if foreign(url):
                    found.append(f"{site.name} /{css.relative_to(site)}: url({url})")
    assert checked, "no resource found at all: the parser is broken"
    assert not found, "resources on other hosts:\n" + "\n".join(found)


@pytest.mark.browser
@pytest.mark.xdist_group("visits")
def test_no_page_requests_another_host(
    visits: list[Visit], browser: Browser, site_url: str, public_site_url: str
) -> None:
    own = {urlsplit(site_url).netloc, urlsplit(public_site_url).netloc}  # the two loopback servers
    requests = [(f"{v.audience} /{v.path}", url) for v in visits for url in v.requests]
    # Search once too, so the search's own requests (Pagefind's script, index, worker) are recorded.
    context = browser.new_context()
    context.on("request", lambda request: requests.append(("search", request.url)))
    try:
        page = context.new_page()
        page.goto(site_url, wait_until="networkidle")
        page.locator("header input[name=q]").fill("data")
        page.locator("header input[name=q]").press("Enter")
        page.wait_for_selector(".pagefind-ui__result-link")
        page.wait_for_load_state("networkidle")
        searched = [url for _, url in requests if "/pagefind/" in url]
        assert any(url.endswith(".pf_fragment") for url in searched), searched  # the search really ran
    finally:
        context.close()

    def elsewhere(url: str) -> bool:
        return urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc not in own

    # each visited page asked for something (its style sheets at least): the recording works
    pages = [v for v in visits if v.path != "(worker)"]
    assert all(v.requests for v in pages), [v.path for v in pages if not v.requests]
    assert any(where == "search" for where, _ in requests)
    found = [(where, url) for where, url in requests if elsewhere(url)]
    print(f"{len(requests)} requests from {len(pages)} pages and the search, {len(found)} to other hosts")
    assert not found, "requests to other hosts:\n" + "\n".join(f"  {where}: {url}" for where, url in found)
