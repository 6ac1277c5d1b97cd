"""Where this repository's two example plans are, for the tests that are about them.

A clone of this repository publishes the two example plans from ``data/``. ``handleplaner init``
makes the project another organisation's: it moves them to ``examples/`` (not published) and
writes the organisation's own settings. The suite must then still pass, checking the
organisation's own site, so:

- tests of the example plans' *content* read them from wherever they are (``example_data()``:
  ``data/`` here, ``examples/`` after init);
- tests of the example pages *in the built site* (``built_site`` is built from ``data/``) are
  marked ``@about_published_examples`` and skip, with that reason, once init has moved the
  examples;
- tiny sites built by the tests use ``SETTINGS``, a copy of this repository's example
  ``organisation.yml``, not the project's own settings.

In this repository nothing is ever skipped for this: the project counts as adopted only when the
examples are gone from ``data/`` *and* init has left its traces (an ``examples/`` folder, or
real addresses in ``organisation.yml``). An example plan missing from this repository's ``data/``
fails the tests that need it, under CI as everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actionplans.publish.guards import is_placeholder

ROOT = Path(__file__).resolve().parent.parent
PLANS = ("danske-regioner-2014-2016", "region-sjaelland-2024")
DATA = ROOT / "data"
EXAMPLES = ROOT / "examples"  # actionplans/init.py EXAMPLES
SETTINGS = Path(__file__).resolve().parent / "sites" / "organisation.yml"


def _holds_examples(folder: Path) -> bool:
    return all((folder / plan / "plan.yml").is_file() for plan in PLANS)


def published() -> bool:
    """The example plans are in data/, so the project's own site shows them."""
    return _holds_examples(DATA)


def adopted() -> bool:
    """``init`` has made this project another organisation's (see the module docstring)."""
    if published():
        return False
    settings = yaml.safe_load((ROOT / "organisation.yml").read_text(encoding="utf-8")) or {}
    return EXAMPLES.is_dir() or not is_placeholder(settings.get("site_url"))


MOVED = (
    "this project was set up for another organisation with «handleplaner init»: the example plans "
    "are no longer published from data/ (they are in examples/ or deleted), so there are no example "
    "pages in the site to check; the upstream repository runs this test"
)

about_published_examples = pytest.mark.skipif(adopted(), reason=MOVED)


def example_data() -> Path:
    """The folder holding the two example plans: data/ in this repository, examples/ after init.

    Where neither holds them, data/ (so that the tests fail), unless the project was adopted and the
    examples deleted: then the calling test is skipped."""
    if published():
        return DATA
    if _holds_examples(EXAMPLES):
        return EXAMPLES
    if adopted():
        pytest.skip(MOVED)
    return DATA


def min_pages() -> int:
    """Fewest HTML pages a whole-site check must have seen, so that it cannot pass on a broken walk:
    the example site has 46; a site made by init, before its first initiative, has 9."""
    return 40 if published() else 8
