"""Action plans as a website: from data/ YAML to a static site, stage by stage.

- ``source/``   reading the data: strict YAML with positions, the typed model, Danish problems,
                the repository with its cross-file rules and named queries, audiences
- ``site/``     pure generation: repository -> pages, data files (no engine import)
- ``engines/``  thin adapters that hand the generated site to a static-site engine (MkDocs)
- ``publish/``  change summaries and approved releases
- ``cli.py``    the editors' command line (``python3 run.py <command>``): arguments -> a command
- ``commands.py`` what each command does
"""
