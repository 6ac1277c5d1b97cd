"""Action plan site generator: typed model, YAML loading, validation and views.

Modules, from data to pages:

- ``dates``     partial dates ("2024", "2024-05", "2024-05-31") and Danish formatting
- ``yamlsource`` strict YAML loading that keeps line/column of every value
- ``model``     pydantic models of a plan and an initiative (one per YAML file)
- ``problems``  editor-facing problems (path:line:col: field: message) in Danish
- ``messages``  pydantic validation errors translated into those Danish messages
- ``repository`` loads and cross-checks ``data/``; named queries for templates
- ``views``     pure function: repository -> pages (path, title, HTML body)
- ``mkdocs_hooks`` / ``main``  the thin MkDocs / mkdocs-macros adapter
"""


def define_env(env):  # type: ignore[no-untyped-def]
    """mkdocs-macros loads the package ``macros``; delegate to the adapter."""
    from .mkdocs_adapter import define_env as _define_env

    _define_env(env)
