"""`serve` while data is broken (issue 11): the page the editor has open shows the problems
instead of hanging, and fixing the file brings the site back without a restart."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from actionplans.site.views import build_pages
from actionplans.source.repository import Repository

from .conftest import TINY
from .conftest import TODAY as DAY
from .sitebuild import TODAY, build, make_project

pytestmark = pytest.mark.slow

PAGE = "handleplaner/demo/01-alfa/"
BROKEN = 'title: "Alfa\x00"\n<b>ukendt</b>: 1\n'
PATIENCE = 120  # seconds to wait for a (re)build on a busy machine; not a speed requirement


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, str]:
    """Status and body; a request that hangs (the old behaviour) fails after PATIENCE."""
    try:
        with urllib.request.urlopen(url, timeout=PATIENCE) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_for(url: str, done: object) -> tuple[int, str]:
    deadline = time.monotonic() + PATIENCE
    pause = 0.05  # short at first: a rebuild of the tiny site takes a fraction of a second
    while True:
        try:
            status, body = get(url)
        except (urllib.error.URLError, ConnectionError):
            status, body = 0, ""
        if callable(done) and done(status, body):
            return status, body
        if time.monotonic() > deadline:
            raise AssertionError(f"{url}: still {status} after {PATIENCE} s:\n{body[:2000]}")
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, TINY)


@pytest.fixture(params=["mkdocs serve", "run.py serve"])
def server(project: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """MkDocs' own serve (full rebuilds), and the project's (``serve --dirty``, what an edit touches)."""
    port = free_port()
    address = ["-a", f"127.0.0.1:{port}"]
    if request.param == "mkdocs serve":
        command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", *address]
    else:
        without_theme_search(project)
        command = [sys.executable, "-m", "actionplans", "serve", *address]
    proc = subprocess.Popen(
        command,
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTIONPLANS_TODAY": TODAY},
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:  # the whole group: run.py serve runs mkdocs as a child of its own
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_serve_shows_the_problems_and_comes_back_when_fixed(project: Path, server: str) -> None:
    target = project / "data" / "demo" / "initiatives" / "01-alfa.yml"
    good = target.read_text(encoding="utf-8")
    wait_for(server + PAGE, lambda status, body: status == 200 and "Alfa" in body)

    target.write_text(good.replace("title: Alfa\n", BROKEN, 1), encoding="utf-8")
    status, body = wait_for(server + PAGE, lambda status, body: "fejl i data/" in body)
    assert status == 404  # the initiative's page is gone; the server answers with the problems page
    assert "data/demo/initiatives/01-alfa.yml:3:13" in body
    assert "usynligt tegn U+0000 (nul-tegn) må ikke stå i filen" in body
    assert '<meta http-equiv="refresh"' in body  # the open page reloads itself until fixed
    assert '<base href="/handleplaner/">' in body  # styles and scripts load at any depth
    front_status, front = get(server + "handleplaner/")
    assert front_status == 200 and "fejl i data/" in front

    target.write_text(good.replace("title: Alfa\n", 'title: "Alfa"\n<b>ukendt</b>: 1\n', 1), encoding="utf-8")
    status, body = wait_for(server + PAGE, lambda status, body: "ukendt felt" in body)
    assert "&lt;b&gt;ukendt&lt;/b&gt;" in body and "<b>ukendt</b>" not in body  # escaped, never HTML

    target.write_text(good, encoding="utf-8")
    status, body = wait_for(server + PAGE, lambda status, body: status == 200 and "fejl i data/" not in body)
    assert "Alfa" in body


def test_build_with_broken_data_still_stops_and_publishes_nothing(project: Path) -> None:
    target = project / "data" / "demo" / "initiatives" / "01-alfa.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("title: Alfa\n", BROKEN, 1), encoding="utf-8")
    built = build(project)
    assert built.returncode == 1
    assert "Bygningen er stoppet: 1 fejl i data/" in built.output
    assert "usynligt tegn U+0000" in built.output
    assert not (project / "site").exists()


# ---- Rebuilds of `serve --dirty` equal a fresh build (issue 13) ----------------------------

SERVE_URL = "http://127.0.0.1:8000/handleplaner/"
# Builds as `mkdocs serve` does (mkdocs/commands/serve.py: on_startup once, then for every
# rebuild a new config with the serve address), applying one step of edits before each rebuild
# and keeping a copy of the site folder after it. argv: project, site, dirty|clean, steps.json
REBUILDS = """
import json, shutil, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site, dirty = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "dirty"
steps = json.loads(Path(sys.argv[4]).read_text(encoding="utf-8"))
URL = "SERVE_URL"

def config():
    loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    loaded.site_url = URL
    return loaded

first = config()
first.plugins.on_startup(command="serve", dirty=dirty)
plugin = first.plugins["actionplans"]
build(first, serve_url=URL, dirty=dirty)
plugin.search.wait()  # serve indexes after the pages (actionplans/engines/serve_search.py)
built = []
for number, step in enumerate(steps):
    for path, text in step.items():
        if text is None:
            (project / path).unlink()
        else:
            (project / path).write_text(text, encoding="utf-8")
    build(config(), serve_url=URL, dirty=dirty)
    plugin.search.wait()
    shutil.copytree(site, project.parent / f"served-{number}")
    built.append(list(plugin.serve_state.built) if plugin.serve_state else None)
plugin.on_shutdown()
print(json.dumps(built))
""".replace("SERVE_URL", SERVE_URL)


def rebuilds(project: Path, steps: list[dict[str, str | None]], mode: str) -> list[list[int] | None]:
    (project.parent / "steps.json").write_text(json.dumps(steps), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            REBUILDS,
            str(project),
            str(project.parent / f"site-{mode}"),
            mode,
            str(project.parent / "steps.json"),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTIONPLANS_TODAY": TODAY, "SOURCE_DATE_EPOCH": "1795000000"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def without_theme_search(project: Path) -> Path:
    """Material's «search» plugin cannot take dirty builds, so ``run.py serve`` asks for them only
    without it (``actionplans/commands.py``); the same here. A no-op once mkdocs.yml has no «search»."""
    from mkdocs.utils.yaml import yaml_load

    from actionplans.commands import _dirty_builds_work

    config_file = project / "mkdocs.yml"
    with open(config_file, "rb") as f:
        config = yaml_load(f)  # INHERIT and !ENV resolved: the test's project stands alone
    plugins = config.get("plugins") or []
    kept = [p for p in plugins if (p if isinstance(p, str) else next(iter(p))) not in ("search", "material/search")]
    if kept != plugins:
        config["plugins"] = kept
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    cwd = Path.cwd()
    try:
        os.chdir(project)
        assert _dirty_builds_work()
    finally:
        os.chdir(cwd)
    return project


def test_serve_asks_for_dirty_builds_only_without_the_theme_search(tmp_path: Path) -> None:
    from actionplans.commands import _dirty_builds_work

    for plugins, works in (("[search, actionplans]", False), ("[material/search]", False), ("[actionplans]", True)):
        (tmp_path / "mkdocs.yml").write_text(f"site_name: x\nplugins: {plugins}\n", encoding="utf-8")
        cwd = Path.cwd()
        try:
            os.chdir(tmp_path)
            assert _dirty_builds_work() is works, plugins
        finally:
            os.chdir(cwd)


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def two_plans(tmp_path: Path) -> Path:
    """The tiny site's plan, and a second one beside it whose pages and files an edit of the
    first must leave as they are (and serve keeps from the last build)."""
    data = tmp_path / "two-plans"
    if not data.exists():
        shutil.copytree(TINY, data)
        shutil.copytree(TINY / "demo", data / "anden")
        plan = data / "anden" / "plan.yml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("Demo 2024", "Anden 2024"), encoding="utf-8")
    return data


def test_serve_rebuilds_only_what_an_edit_touches_and_serves_what_a_full_build_gives(tmp_path: Path) -> None:
    project = without_theme_search(make_project(tmp_path / "dirty", two_plans(tmp_path)))
    initiatives = project / "data" / "demo" / "initiatives"
    alfa = (initiatives / "01-alfa.yml").read_text(encoding="utf-8")
    gamma = (initiatives / "03-gamma.yml").read_text(encoding="utf-8")
    ALFA, GAMMA = "data/demo/initiatives/01-alfa.yml", "data/demo/initiatives/03-gamma.yml"
    text = alfa.replace("Mindre forsinkelse.", "Mindre forsinkelse, nu indhentet.")
    status = text.replace("status: gul", "status: rød")
    title = status.replace("title: Alfa\n", "title: Alfa <b>&</b> co\n")
    steps: list[dict[str, str | None]] = [
        {ALFA: text},  # a narrative: only the pages that show it
        {ALFA: status},  # a status: also the plan's overviews and the front page
        {ALFA: title},  # a title (with markup to escape): the navigation, so everything
        {ALFA: title.replace("title: Alfa", 'title: "Alfa', 1)},  # broken: the problems page
        {ALFA: title},  # fixed again
        {GAMMA: None, "data/demo/initiatives/04-delta.yml": gamma.replace("number: 3", "number: 4")},  # a file renamed
    ]
    built = rebuilds(project, steps, "dirty")

    # the same edits, each state built from nothing in a process of its own
    fresh = without_theme_search(make_project(tmp_path / "fresh", two_plans(tmp_path)))
    for number, step in enumerate(steps):
        for path, content in step.items():
            if content is None:
                (fresh / path).unlink()
            else:
                (fresh / path).write_text(content, encoding="utf-8")
        shutil.rmtree(fresh.parent / "site-clean", ignore_errors=True)
        rebuilds(fresh, [], "clean")
        served, expected = tree(project.parent / f"served-{number}"), tree(fresh.parent / "site-clean")
        assert served.keys() == expected.keys(), (number, served.keys() ^ expected.keys())
        different = [path for path in expected if served[path] != expected[path]]
        assert different == [], (number, steps[number].keys(), different)

    pages = built[0][1]
    assert built[0][0] < pages and built[1][0] < pages, f"not every page: {built[:2]} of {pages}"
    assert built[0][0] <= built[1][0], "a status is shown on more pages than a narrative"
    assert built[2][0] == pages, "a new title is in every page's navigation"
    assert "Fejl i data" in tree(project.parent / "served-3")["index.html"].decode()


def test_a_plans_pages_read_nothing_of_other_plans(real_repo: Repository) -> None:
    """What lets serve keep the bodies of a plan that did not change (actionplans/site/bodymemo.py):
    rendered from a repository holding only their plan, a plan's pages are the same."""
    everything = {p.path: p.render() for p in build_pages(real_repo, today=DAY) if p.plan_slug}
    assert len(real_repo.plans) > 1
    for plan in real_repo.plans:
        alone = [p for p in build_pages(Repository([plan]), today=DAY) if p.plan_slug]
        assert alone
        for page in alone:
            assert page.render() == everything[page.path], page.path


def test_the_background_index_replaces_the_bundle_whole_or_not_at_all(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from actionplans.engines.serve_search import BackgroundIndex

    site = tmp_path / "site"
    site.mkdir()
    page = (
        '<!doctype html><html lang="da"><head><title>t</title></head><body>'
        "<div data-pagefind-body>{}</div><!--/data-pagefind-body--></body></html>"
    )
    (site / "index.html").write_text(page.format("Telemedicin i regionen"), encoding="utf-8")
    index = BackgroundIndex()
    index.start(site)
    index.wait()
    entry = site / "pagefind" / "pagefind-entry.json"
    first = entry.read_bytes()

    (site / "index.html").write_text(page.format("Noget helt andet"), encoding="utf-8")
    index.start(site)
    index.stop()  # a new build began: this index is thrown away, the last complete one stays
    index.wait()
    assert entry.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no half-written bundle beside the site"

    (site / "index.html").write_text("<html lang='da'><body>ingen markering</body></html>", encoding="utf-8")
    index.start(site)
    index.wait()
    assert "Søgeindekset er ikke opdateret" in caplog.text  # logged, the last good index stays
    assert entry.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
