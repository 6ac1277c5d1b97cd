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
everything outside it (header, sidebar, footer) are left out; Pagefind is given only the marked
content of each page (:func:`index_input`). The language comes from ``<html lang="da">``:
Pagefind stems Danish words.

The binary is the one the ``pagefind-bin-extended`` package ships (pinned in requirements.txt):
nothing is downloaded at build time, and no other ``pagefind`` on the PATH is used.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

BUNDLE = "pagefind"  # the folder Pagefind writes inside the site
# overrides/main.html wraps the content of every page to index in exactly these
BODY_START = b"<div data-pagefind-body>"
BODY_END = b"</div><!--/data-pagefind-body-->"
LANG = re.compile(rb"<html[^>]*\slang=\"([a-zA-Z-]+)\"")
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


def index_input(page: bytes) -> bytes | None:
    """What Pagefind needs of one built page: its marked content in a minimal document (its
    language kept), or None if it has none. Pagefind parses every page it is given whole, the
    header and sidebar included, which was half of its time at 1,000 initiatives (bench/RESULTS.md)."""
    start = page.find(BODY_START)
    if start < 0:
        return None
    end = page.rfind(BODY_END)  # the wrapper's own end, after the content (overrides/main.html)
    content = page[start : end + len(b"</div>")] if end > start else page[start:]
    lang = LANG.search(page[:1000])
    head = b'<!doctype html><html lang="' + (lang.group(1) if lang else b"da") + b'"><head><meta charset="utf-8">'
    return head + b"</head><body>" + content + b"</body></html>"


def index_site(site_dir: Path, output: Path | None = None) -> str:
    """Index the built site in ``site_dir`` (writes ``site_dir/pagefind/``, or ``output``: serve
    writes beside the site and swaps the bundle in, actionplans/engines/serve_search.py); returns
    Pagefind's summary. Raises :class:`SearchIndexError` if Pagefind is missing or fails.

    Pagefind reads a copy of the site that holds only the marked content of each page (same
    paths, so the same URLs); pages without marked content (overview, timeline, whole plan, ...)
    are not in it at all."""
    binary = executable()
    site_dir = site_dir.resolve()
    bundle = output or site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)  # never keep an index of an earlier build
    source = Path(tempfile.mkdtemp(prefix=".pagefind-input-", dir=site_dir.parent))
    try:
        marked = 0
        for page in site_dir.rglob("*.html"):
            document = index_input(page.read_bytes())
            if document is not None:
                target = source / page.relative_to(site_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(document)
                marked += 1
        if not marked:
            raise SearchIndexError(
                f"Søgeindekset er ikke bygget: ingen side er markeret til søgning ({BODY_START.decode()})."
            )
        command = [str(binary), "--site", str(source), "--output-path", str(bundle)]
        result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, cwd=site_dir)
    finally:
        shutil.rmtree(source, ignore_errors=True)
    summary = (result.stdout + result.stderr).strip()
    if result.returncode:
        raise SearchIndexError(f"Søgeindekset kunne ikke bygges (Pagefind, exit {result.returncode}):\n{summary}")
    if NO_BODY in summary or not (bundle / "pagefind-entry.json").is_file():
        # Pagefind has indexed every page whole (header, sidebar, aggregate pages): never publish that
        shutil.rmtree(bundle, ignore_errors=True)
        raise SearchIndexError(
            "Søgeindekset er ikke bygget: ingen side er markeret til søgning (data-pagefind-body). "
            f"Bruger temaet overrides/main.html?\n{summary}"
        )
    return summary
