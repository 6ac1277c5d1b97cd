"""Choose one page of each kind from a built site, for the checks too slow to run on every page.

axe and the browser's privacy check take about a second a page. Most pages of a plan are the same
template filled with other data (30 initiative pages, 15 per plan), so they are checked by *kind*:
a page's kind is the set of markup features it shows (element names, their classes, which
attributes they carry, and the values of a few enumerated attributes such as ``role`` and
``type``), counted per plan, since each plan has its own status scale and its own colours.

``page_types`` picks pages greedily until every feature that occurs on any page of the site
occurs on a picked page, in the same plan. So every template, every template branch that
changes the markup (a report or none, corrective actions, a rescope, «Ikke oplyst»), every
status class of every plan's scale and every hand-written page is checked; what is left out
are pages whose markup repeats one already checked with other words in it. The checks that
need every page stay on every page: the Nu Html Checker (one Java run over all pages), the link
checker, the footer link to the accessibility statement, and the static scan for addresses of
other hosts (tests/browser/test_privacy.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Attributes whose value changes how a page is read or behaves, not just what it says.
ENUMERATED = ("role", "type", "rel", "target", "lang", "dir", "scope", "aria-hidden", "aria-live", "data-md-component")


class _Features(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.features: set[str] = set()
        self.open: list[tuple[str, str]] = []  # (tag, its name in features) of each open element
        self.heading = "h0"  # the last heading seen: axe checks that levels do not skip

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag not in VOID:
            self.open.append((tag, self._name(tag, attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):  # close up to the matching element
            if self.open[i][0] == tag:
                del self.open[i:]
                return

    @staticmethod
    def _name(tag: str, attrs: list[tuple[str, str | None]]) -> str:
        classes = sorted(" ".join(v or "" for k, v in attrs if k == "class").split())
        return ".".join([tag, *classes])

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HEADINGS:
            self.features.add(f"heading {self.heading} -> {tag}")
            self.heading = tag
        # where the element is matters to axe (heading order, landmarks, nesting): each feature
        # is named with its parent element
        where = (self.open[-1][1] + " > ") if self.open else ""
        self.features.add(where + self._name(tag, attrs))
        for name, value in attrs:
            if name in ("class", "id"):
                continue  # classes are in the name; ids name content (a heading's slug), not markup
            self.features.add(f"{where}{tag}[{name}]")
            if name in ENUMERATED:
                self.features.add(f"{where}{tag}[{name}={value}]")


def features(html: str) -> set[str]:
    """The markup features of one page (see the module docstring)."""
    parser = _Features()
    parser.feed(html)
    parser.close()
    return parser.features


def html_file(site: Path, url: str) -> Path:
    """The file behind a URL path of ``html_pages``: "" and "om/" are index.html files, "404.html" itself."""
    return site / url / "index.html" if url == "" or url.endswith("/") else site / url


def kinds(site: Path, url: str, plans: set[str]) -> set[tuple[str, str]]:
    """The features of one page, each with the plan it belongs to ("" outside a plan's folder)."""
    first = url.split("/", 1)[0]
    plan = first if first in plans else ""
    return {(plan, f) for f in features(html_file(site, url).read_text(encoding="utf-8"))}


def page_types(
    site: Path,
    urls: Iterable[str],
    plans: Iterable[str],
    always: Iterable[str] = (),
    covered: Iterable[tuple[str, str]] = (),
) -> list[str]:
    """The URLs (of ``urls``) to check so that every feature of every page is seen once per plan.

    ``plans`` are the plans' folder names; ``always`` are pages checked whatever their markup
    (hand-written pages, whose Markdown can hold anything); ``covered`` are features already
    checked elsewhere (another build of the same site). The result keeps the order of ``urls``.
    """
    urls = list(urls)
    plan_set = set(plans)
    found = {url: kinds(site, url, plan_set) for url in urls}
    chosen = [url for url in urls if url in set(always)]
    seen = set(covered).union(*(found[url] for url in chosen))
    wanted = seen.union(*found.values())
    while seen != wanted:
        best = max(urls, key=lambda url: len(found[url] - seen))  # the first of the best: stable
        chosen.append(best)
        seen |= found[best]
    return [url for url in urls if url in chosen]
