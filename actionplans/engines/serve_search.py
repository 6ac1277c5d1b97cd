"""``serve``: the search index is built after the pages are served, not before (issue 13).

Pagefind reads every page of the site, so at 1,000 initiatives it takes longer than building
the pages an edit touched (``incremental.py``). While serving, the plugin therefore hands the
index to this runner after each build: Pagefind writes a new bundle beside the site folder,
which then replaces ``pagefind/`` in one rename. The edited page is served as soon as MkDocs
has written it; search finds the edit a few seconds later, and from then on the folder is the
same as a full build's (tests/test_serve.py waits for the index, then compares byte for byte).
A build that starts while an index runs makes that index stale: it finishes on its own and is
thrown away, only the newest build's index is swapped in. ``mkdocs build`` indexes before it
ends, as before (``mkdocs_plugin.on_post_build``).
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from pathlib import Path

from actionplans.engines import search_index

log = logging.getLogger("mkdocs.plugins.actionplans")


class BackgroundIndex:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._generation = 0

    def start(self, site_dir: Path) -> None:
        """Index ``site_dir`` in the background; an index still running becomes stale."""
        with self._lock:
            self._generation += 1
            generation = self._generation
            self._threads = [t for t in self._threads if t.is_alive()]
            thread = threading.Thread(target=self._run, args=(site_dir, generation), daemon=True)
            self._threads.append(thread)
        thread.start()

    def stop(self) -> None:
        """A new build begins: what runs now indexes pages that are about to change."""
        with self._lock:
            self._generation += 1

    def wait(self) -> None:
        """Until every index started so far has finished (swapped in or thrown away)."""
        for thread in list(self._threads):
            thread.join()

    def _run(self, site_dir: Path, generation: int) -> None:
        bundle = site_dir.parent / f".{site_dir.name}-pagefind-{generation}"
        try:
            search_index.index_site(site_dir, output=bundle)
            with self._lock:
                if generation != self._generation:
                    return  # stale: a newer build is being indexed
                old = site_dir / search_index.BUNDLE
                trash = site_dir.parent / f".{site_dir.name}-pagefind-old-{generation}"
                if old.exists():
                    os.rename(old, trash)
                os.rename(bundle, old)
                shutil.rmtree(trash, ignore_errors=True)
        except (OSError, search_index.SearchIndexError) as exc:
            if generation == self._generation:  # a stale index may meet pages being rewritten
                log.error(f"Søgeindekset er ikke opdateret: {exc}")
        finally:
            shutil.rmtree(bundle, ignore_errors=True)
