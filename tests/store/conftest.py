"""Fixtures for the knowledge-base tests: a store on a real SQLite file and on
a real PostgreSQL server (``SAMPARK_TEST_PG_URL``; ``eval "$(bash .ci/postgres.sh)"``
starts one), plus per-document facts written by hand in the contract shape.

Each PostgreSQL test gets its own schema (``search_path`` in the URL), so
tests neither see each other's rows nor need a database each.
"""
from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path
import pytest

from sampark.store import Store

# With --import-mode=importlib test folders are not put on sys.path; the
# helpers module is shared by the tests and by child processes, so add it.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from storekit import HandExtractor  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
PG_URL = os.environ.get("SAMPARK_TEST_PG_URL")


def _pg_schema_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "kb.db")
        return
    if not PG_URL:
        pytest.skip("SAMPARK_TEST_PG_URL is not set (eval \"$(bash .ci/postgres.sh)\")")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield _pg_schema_url(PG_URL, schema)
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def hand() -> HandExtractor:
    return HandExtractor()


@pytest.fixture
def store(db_url: str, hand: HandExtractor):
    """A store on each backend whose extractor returns the facts set in ``hand``."""
    s = Store.open(db_url, extractor=hand)
    yield s
    s.close()


@pytest.fixture
def shared() -> Path:
    """The shared corpora beside the checkout; tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not present")
    return SHARED
