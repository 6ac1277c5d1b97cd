import datetime as dt
from pathlib import Path

import pytest

from actionplans.source.repository import Repository, load_repository

HERE = Path(__file__).resolve().parent
TINY = HERE / "sites" / "tiny" / "data"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="session")
def tiny_repo() -> Repository:
    return load_repository(TINY, root=TINY.parent, today=TODAY)


@pytest.fixture(scope="session")
def real_repo() -> Repository:
    return load_repository(HERE.parent / "data", today=TODAY)
