"""`serve` while data is broken (issue 11): the page the editor has open shows the problems
instead of hanging, and fixing the file brings the site back without a restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import TINY
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
    while True:
        try:
            status, body = get(url)
        except (urllib.error.URLError, ConnectionError):
            status, body = 0, ""
        if callable(done) and done(status, body):
            return status, body
        if time.monotonic() > deadline:
            raise AssertionError(f"{url}: still {status} after {PATIENCE} s:\n{body[:2000]}")
        time.sleep(0.5)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, TINY)


@pytest.fixture
def server(project: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTIONPLANS_TODAY": TODAY},
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


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
