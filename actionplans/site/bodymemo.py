"""Page bodies kept between the builds of ``serve``: a plan's pages are rendered again only when
something they are made of changed (issue 13).

A generated page is made of its plan (the plan file and every initiative, as the build's
audience sees them: one ``PlanEntry``), the build date, the options and the templates. When
the date, the options and the templates are the same as in the last build, the pages of a plan
that compares equal to the last build's are not rendered again; their bodies are reused. Pages
that belong to no plan (front page, releases, dictionary) read every plan and are rendered on
every build; they are few. The same holds for a plan's data files (JSON, CSV); the feed, made of
all plans, is made every time. That a plan's pages read nothing of other plans is a property of the
templates, checked by tests/test_serve.py: rendered from a repository holding only their plan,
they equal the same pages rendered from all plans.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path

from actionplans.site.rendering import TEMPLATES
from actionplans.site.views import Page
from actionplans.source.repository import PlanEntry, Repository


def templates_signature(folder: Path = TEMPLATES) -> tuple[tuple[str, int, int], ...]:
    """Every template file with its modification time and size (Jinja reloads a changed one)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            info = path.stat()
            found.append((path.relative_to(folder).as_posix(), info.st_mtime_ns, info.st_size))
    return tuple(found)


class BodyMemo:
    """The bodies of the last build by page path, and the plans they were made from."""

    def __init__(self) -> None:
        self._key: Hashable = None
        self._plans: dict[str, PlanEntry] = {}
        self._bodies: dict[str, str] = {}
        self.rendered = 0  # pages rendered by the last call; the others were reused
        self._files_key: Hashable = None
        self._files: dict[str, tuple[PlanEntry, dict[str, bytes]]] = {}  # by plan: its data files

    def bodies(self, pages: list[Page], repo: Repository, key: Hashable) -> list[str]:
        """The body of each of ``pages``; ``key`` holds everything else they are made of."""
        same = key == self._key
        unchanged = {plan.slug for plan in repo.plans if same and self._plans.get(plan.slug) == plan}
        bodies: dict[str, str] = {}
        self.rendered = 0
        for page in pages:
            body = self._bodies.get(page.path) if page.plan_slug in unchanged else None
            if body is None:
                body = page.render()
                self.rendered += 1
            bodies[page.path] = body
        self._key, self._plans, self._bodies = key, {plan.slug: plan for plan in repo.plans}, bodies
        return [bodies[page.path] for page in pages]

    def plan_files(self, key: Hashable) -> Callable[[PlanEntry, Callable[[], dict[str, bytes]]], dict[str, bytes]]:
        """For ``exports.build_files``: a plan's data files, made again only when the plan or
        ``key`` (address, site name, licence) changed."""
        if key != self._files_key:
            self._files_key, self._files = key, {}
        kept = self._files
        self._files = {}

        def files(plan: PlanEntry, make: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
            previous = kept.get(plan.slug)
            made = previous[1] if previous is not None and previous[0] == plan else make()
            self._files[plan.slug] = (plan, made)
            return made

        return files
