"""MkDocs hooks entry (``hooks:`` in mkdocs.yml). MkDocs loads this file by path, so make
the project importable and re-export the adapter's hooks."""

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from actionplans.engines.mkdocs_adapter import on_config, on_files, on_nav, on_page_context  # noqa: E402

__all__ = ["on_config", "on_files", "on_nav", "on_page_context"]
