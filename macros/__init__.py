"""The mkdocs-macros module (``module_name: macros`` in mkdocs.yml).

Generated pages do not use it (their metadata says ``render_macros: false``).
"""

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: registers nothing yet."""
