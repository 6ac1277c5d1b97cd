"""The mkdocs-macros module (``module_name: macros`` in mkdocs.yml).

Only registers names; the application lives in ``actionplans/``.
"""


def define_env(env):  # type: ignore[no-untyped-def]
    """mkdocs-macros loads the package ``macros``; delegate to the adapter."""
    from actionplans.engines.mkdocs_adapter import define_env as _define_env

    _define_env(env)
