"""`python3 run.py serve --zensical`: the site under Zensical, reloaded when data changes.

Zensical has no plugins, so it cannot read ``data/`` itself: its ``zensical serve`` reloads when
the files of the folder it serves change. This keeps that folder (``.cache/handleplaner/zensical``,
under the project, which git ignores) equal to what ``generate`` writes from the project:

1. generate the project into a fresh folder (:func:`actionplans.engines.export.export`, the same
   step as ``python3 run.py generate``) and start ``zensical serve`` there;
2. watch the project's sources (``data/``, ``docs/``, ``overrides/``, ``macros/``, ``mkdocs.yml``,
   ``organisation.yml``, ``releases.yml``); after an edit (once the files have been quiet for a
   moment), generate again into a new folder and copy over only the files that differ, and delete
   those that are gone, so Zensical rebuilds once, from a complete set of files;
3. data with a problem: the problems are printed in Danish (file, line, field), as ``validate``
   prints them, and the site shown stays the last good one until the file is fixed.

The search index (Pagefind) is not built while serving, as under MkDocs' ``serve`` before the
first background index: the search page says so.
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from actionplans import organisation
from actionplans.engines.export import export
from actionplans.publish.guards import PublishError
from actionplans.source.dates import build_date
from actionplans.source.problems import DataError, Problem

WORK = Path(".cache") / "handleplaner" / "zensical"
WATCHED = ("data", "docs", "overrides", "macros", "mkdocs.yml", "organisation.yml", "releases.yml")
QUIET = 0.3  # seconds without another change before generating again (an editor saves several files)
ZENSICAL = Path(sys.executable).parent / "zensical"  # beside this Python, as pip installs it
OWN = {"site", ".cache"}  # Zensical's build output and its cache inside the served folder: not ours


def generate(root: Path, dest: Path) -> list[Problem] | str | None:
    """The project generated into ``dest``: None when it worked, else the data's problems or the
    settings' error (``dest`` is then removed again)."""
    try:
        export(root, dest, engine="zensical", today=build_date())
    except DataError as exc:
        shutil.rmtree(dest, ignore_errors=True)
        return exc.problems
    except (organisation.SettingsError, PublishError) as exc:
        shutil.rmtree(dest, ignore_errors=True)
        return str(exc)
    return None


def sync(fresh: Path, served: Path) -> list[str]:
    """Make ``served`` hold exactly the files of ``fresh`` (besides Zensical's own, ``OWN``): copy the
    files that are new or differ, delete those that are gone. The changed paths, sorted."""
    changed = []
    wanted = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        target = served / rel
        if not target.is_file() or not filecmp.cmp(fresh / rel, target, shallow=False):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(fresh / rel, target)
            changed.append(rel.as_posix())
    for path in sorted(served.rglob("*"), reverse=True):  # files before their folders
        rel = path.relative_to(served)
        if rel.parts[0] in OWN or rel in wanted:
            continue
        if path.is_file() or path.is_symlink():
            path.unlink()
            changed.append(rel.as_posix())
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


def report(outcome: list[Problem] | str) -> None:
    if isinstance(outcome, str):
        print(f"Fejl: {outcome}", flush=True)
        return
    for problem in outcome:
        print(problem, flush=True)
    print(
        f"\n{len(outcome)} fejl i data/. Siden viser den seneste udgave uden fejl, indtil filen er rettet "
        "(der tjekkes igen, når den gemmes).",
        flush=True,
    )


class _Changes(FileSystemEventHandler):
    """Remembers that something under a watched path changed (what, is read again anyway)."""

    def __init__(self, root: Path, served: Path) -> None:
        self.root, self.served = root.resolve(), served.resolve()
        self.last = 0.0
        self.pending = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        path = Path(str(event.src_path)).resolve()
        if event.event_type in ("opened", "closed_no_write") or self.served in path.parents:
            return
        try:
            top = path.relative_to(self.root).parts[0]
        except (ValueError, IndexError):
            return
        if top in WATCHED:
            self.last = time.monotonic()
            self.pending.set()


def _next_change(changes: _Changes, server: subprocess.Popen[bytes] | None) -> int | None:
    """Wait until an edit has settled (None), or return zensical serve's exit code if it stopped."""
    while True:
        if server is not None and server.poll() is not None:
            return server.returncode or 1
        if changes.pending.is_set() and time.monotonic() - changes.last >= QUIET:
            changes.pending.clear()
            return None
        time.sleep(0.1)


def serve(root: Path, address: str | None = None) -> int:
    if not ZENSICAL.exists():
        print(
            f"Fejl: Zensical er ikke installeret ({ZENSICAL} findes ikke). Installér den version, "
            "requirements.txt angiver (fx «python3 run.py test» gør det), og prøv igen.",
            file=sys.stderr,
        )
        return 1
    served = root / WORK
    staging = root / WORK.with_name("zensical-ny")
    for folder in (served, staging):
        shutil.rmtree(folder, ignore_errors=True)
    changes = _Changes(root, served)
    observer = Observer()
    for name in WATCHED:
        if (root / name).is_dir():
            observer.schedule(changes, str(root / name), recursive=True)
    observer.schedule(changes, str(root), recursive=False)  # the settings files at the top
    observer.start()
    server: subprocess.Popen[bytes] | None = None
    try:
        while True:
            outcome = generate(root, staging)
            if outcome is None:
                if server is None:
                    staging.rename(served)
                    command = [str(ZENSICAL), "serve"]
                    server = subprocess.Popen([*command, *(["-a", address] if address else [])], cwd=served)
                    print(f"Zensical viser siden fra {served} (stop med Ctrl+C).", flush=True)
                else:
                    changed = sync(staging, served)
                    shutil.rmtree(staging, ignore_errors=True)
                    if changed:
                        print(
                            f"Opdateret: {len(changed)} filer ({', '.join(changed[:3])}{' …' if len(changed) > 3 else ''})",
                            flush=True,
                        )
            else:
                report(outcome)
            stopped = _next_change(changes, server)
            if stopped is not None:
                print("zensical serve stoppede.", file=sys.stderr, flush=True)
                return stopped
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join()
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
