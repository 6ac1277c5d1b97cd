"""``serve`` that builds what an edit touches (issue 13), on MkDocs' own dirty builds.

``python3 run.py serve`` runs ``mkdocs serve --dirty``. MkDocs then keeps the site folder
between rebuilds and builds a page only when its file says ``is_modified()``. For a file on disk
that compares modification times; a generated page has no file, and MkDocs would build every one
of them every time. Here each generated page (a :class:`GeneratedFile`) knows whether it changed:

- A page's HTML is made of its own body, metadata and title, and of the site around it: the
  navigation (every page's title, metadata and address; it also gives the previous/next links), the
  configuration, the theme, the hand-written pages and assets, the build date, and whether the
  data can be read at all. All of that is one *site signature*. When it differs from the last
  build's (a title changed, a file came or went, a template or mkdocs.yml was edited, the data
  broke or was fixed, the date changed), the site folder is emptied and everything is built:
  a full build.
- Otherwise a generated page is built when its body or metadata differ from the last build's,
  and every hand-written page is built (it may call a macro that reads the data). Data files
  (CSV, JSON, feed) and the theme's 404 page and sitemap are written on every build anyway.

So what is served equals a fresh full build; tests/test_serve.py compares them byte for byte.
A build that fails half-way leaves no signature, so the next one is a full build.

MkDocs warns on every dirty build that the navigation may be inaccurate (a warning that would
also stop the build under ``strict: true``); with the rules above it cannot be, so that one
warning is filtered out while serving. Material's ``search`` plugin cannot take dirty builds
(it merges a dirty build's index as if one page had changed), so ``run.py serve`` asks for
them only without it (``actionplans/commands.py``).
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

DIRTY_WARNING = "A 'dirty' build is being performed"


class GeneratedFile(File):
    """A generated page's file: modified when the page changed since the last build."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


def generated_file(config: MkDocsConfig, path: str, content: str) -> GeneratedFile:
    file = GeneratedFile.generated(config, path, content=content)
    assert isinstance(file, GeneratedFile)
    return file


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def quiet_dirty_warning() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyWarning) for f in logger.filters):
        logger.addFilter(_DirtyWarning())


def _tree(digest: Any, folder: Path, skip: set[Path]) -> None:
    """Every file under ``folder`` (path, modification time, size), in a stable order."""
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(
            d for d in dirs if d != "__pycache__" and not d.startswith(".") and Path(current, d) not in skip
        )
        for name in sorted(names):
            try:
                info = os.stat(os.path.join(current, name))
            except OSError:
                continue
            digest.update(f"{current}/{name}:{info.st_mtime_ns}:{info.st_size}\n".encode())


def site_signature(config: MkDocsConfig, files: Files, data_dir: Path, extra: object) -> str:
    """Everything a page's HTML is made of besides the page itself (see the module's text)."""
    digest = hashlib.sha256()
    digest.update(repr(config.nav).encode())
    digest.update(repr(sorted(f.src_uri for f in files)).encode())
    digest.update(repr((config.site_url, config.use_directory_urls, extra)).encode())
    root = Path(config.config_file_path).resolve().parent
    for path in sorted(root.iterdir()):  # mkdocs.yml, organisation.yml (INHERIT), releases.yml
        if path.is_file() and path.suffix in (".yml", ".yaml") and not path.name.startswith("."):
            info = path.stat()
            digest.update(f"{path}:{info.st_mtime_ns}:{info.st_size}\n".encode())
    skip = {data_dir.resolve(), Path(config.site_dir).resolve()}
    folders = [config.docs_dir, *config.watch]
    if config.theme.custom_dir:
        folders.append(config.theme.custom_dir)
    for folder in sorted({Path(f).resolve() for f in folders} - skip):
        if folder.is_dir():
            _tree(digest, folder, skip)
    return digest.hexdigest()


class DirtyServe:
    """What the last successful build of ``serve --dirty`` was made of."""

    def __init__(self) -> None:
        self.signature: str | None = None
        self.pages: dict[str, tuple[str, dict[str, Any]]] = {}
        self._pending: tuple[str, dict[str, tuple[str, dict[str, Any]]]] | None = None
        self.built = (0, 0)  # (pages built, pages) in the last build

    def prepare(
        self,
        config: MkDocsConfig,
        files: Files,
        generated: dict[str, tuple[GeneratedFile, str, dict[str, Any]]],
        data_dir: Path,
        extra: object,
    ) -> None:
        """Mark each generated page modified or not; empty the site folder for a full build."""
        # every page's title and metadata are in the navigation of the others
        seen = [(path, meta) for path, (_, _, meta) in generated.items()]
        signature = site_signature(config, files, data_dir, (extra, seen))
        full = signature != self.signature
        self.signature = None  # until this build has succeeded (commit)
        if full:
            clean_directory(config.site_dir)
        pages = {path: (body, meta) for path, (_, body, meta) in generated.items()}
        for path, (file, body, meta) in generated.items():
            file.modified = full or self.pages.get(path) != (body, meta)
        handwritten = [f for f in files.documentation_pages() if not isinstance(f, GeneratedFile)]
        for page in handwritten:  # may show data through a macro: always built
            if os.path.isfile(page.abs_dest_path):
                os.unlink(page.abs_dest_path)
        pages_total = len(generated) + len(handwritten)
        self.built = (sum(f.modified for f, _, _ in generated.values()) + len(handwritten), pages_total)
        self._pending = (signature, pages)

    def commit(self) -> None:
        if self._pending is not None:
            self.signature, self.pages = self._pending
            self._pending = None
