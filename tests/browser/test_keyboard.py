"""Every control is reachable by keyboard and shows where the focus is (WCAG 2.1.1, 2.4.7; issue 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.examples import about_published_examples

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# The front page of any site, and pages of this repository's example plans (tests/examples.py).
PAGES = [
    "",
    *(
        pytest.param(path, marks=about_published_examples)
        for path in (
            "region-sjaelland-2024/",
            "region-sjaelland-2024/oversigt/",
            "region-sjaelland-2024/tidslinje/",
            "danske-regioner-2014-2016/maalsaetninger/",  # Region Sjælland states no goals: no goals page
            "region-sjaelland-2024/09-nedbringe-ventetid-for-patologisvar/",
        )
    ),
]

# Describes the focused element and whether a focus indicator is drawn: an outline, a box-shadow
# ring, or (Material's header/nav) an underline or colour change against the unfocused state.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
  const ring = s.boxShadow && s.boxShadow !== 'none';
  const label = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '"';
  const r = el.getBoundingClientRect();
  return {label, indicator: outline || ring, visible: r.width > 0 && r.height > 0, color: s.color,
          decoration: s.textDecorationLine, outline: s.outlineStyle + ' ' + s.outlineWidth};
}"""


@pytest.mark.parametrize("path", PAGES)
def test_tab_order_shows_visible_focus(page: Page, site_url: str, path: str) -> None:
    tab_through(page, site_url, path)


# Under Zensical: its own header, navigation and drawer around the same pages; one page of each
# kind of control (the front page's links, the grid's filter form, an initiative's pager).
ZENSICAL_PAGES = [
    "",
    *(
        pytest.param(path, marks=about_published_examples)
        for path in ("region-sjaelland-2024/oversigt/", "region-sjaelland-2024/09-nedbringe-ventetid-for-patologisvar/")
    ),
]


@pytest.mark.parametrize("path", ZENSICAL_PAGES)
def test_tab_order_shows_visible_focus_under_zensical(page: Page, zensical_url: str, path: str) -> None:
    tab_through(page, zensical_url, path)


def tab_through(page: Page, site_url: str, path: str) -> None:
    """Tab through the page until the focus leaves it or comes round again; every stop is visible
    and shows a focus indicator."""
    page.goto(site_url + path)
    problems: list[str] = []
    seen: list[str] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        if info is None:
            break
        if seen and info["label"] == seen[0] and len(seen) > 3:
            break  # wrapped around
        seen.append(info["label"])
        if not info["visible"]:
            problems.append(f"focus on an invisible element: {info['label']}")
        elif not info["indicator"]:
            problems.append(f"no visible focus indicator: {info['label']} (outline {info['outline']})")
    assert len(seen) > 5, f"only {len(seen)} elements reachable by Tab on /{path}"
    assert not problems, f"/{path} ({len(seen)} tab stops):\n" + "\n".join(problems)
