"""The site's search index: Pagefind, run over the built HTML (issue 13).

Any engine's output can be indexed: the MkDocs plugin calls :func:`index_site` after every build
(``on_post_build``), and ``python3 run.py search-index SITE`` does the same for a site that
Zensical built. Pagefind writes ``SITE/pagefind/``: a chunked index that a reader's browser
fetches piece by piece, so the first search downloads a small, bounded amount at any site size.

What is indexed is decided in the HTML, not here: the theme marks the content of the pages that
belong in the index with ``data-pagefind-body`` (``overrides/main.html``; the generator decides
per page kind, :data:`actionplans.site.generate.INDEXED_KINDS`), marks navigation inside a page
with ``data-pagefind-ignore`` and the initiative's status with ``data-pagefind-meta``. Pages
without ``data-pagefind-body`` (overview, timeline, goals, whole plan, front page, 404) and
everything outside it (header, sidebar, footer) are left out. The language comes from
``<html lang="da">``: Pagefind stems Danish words.

The binary is the one the ``pagefind-bin-extended`` package ships (pinned in requirements.txt):
nothing is downloaded at build time, and no other ``pagefind`` on the PATH is used.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

BUNDLE = "pagefind"  # the folder Pagefind writes inside the site
NO_BODY = "Did not find a data-pagefind-body element"  # Pagefind then indexes whole pages


class SearchIndexError(Exception):
    """The index could not be built; the message is Danish and says what to do."""


def executable() -> Path:
    try:
        import pagefind_bin_extended
    except ImportError:
        raise SearchIndexError(
            "Søgeindekset kan ikke bygges: Python-pakken pagefind-bin-extended mangler. "
            "Kør «python3 run.py build», som installerer requirements.txt, "
            "eller «pip install -r requirements.txt»."
        ) from None
    return Path(pagefind_bin_extended.get_executable())


def index_site(site_dir: Path) -> str:
    """Index the built site in ``site_dir`` (writes ``site_dir/pagefind/``); returns Pagefind's
    summary. Raises :class:`SearchIndexError` if Pagefind is missing or fails."""
    command = [str(executable()), "--site", str(site_dir)]
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    output = (result.stdout + result.stderr).strip()
    if result.returncode:
        raise SearchIndexError(f"Søgeindekset kunne ikke bygges (Pagefind, exit {result.returncode}):\n{output}")
    if NO_BODY in output or not (site_dir / BUNDLE / "pagefind-entry.json").is_file():
        # Pagefind has indexed every page whole (header, sidebar, aggregate pages): never publish that
        shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
        raise SearchIndexError(
            "Søgeindekset er ikke bygget: ingen side er markeret til søgning (data-pagefind-body). "
            f"Bruger temaet overrides/main.html?\n{output}"
        )
    return output
