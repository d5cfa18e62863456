"""Fixtures for the reliability tests (helpers live in ``relkit.py``)."""
from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

# With --import-mode=importlib test folders are not put on sys.path; the
# tests import relkit from here.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from relkit import BN_DUMP, PG_URL  # noqa: E402


@pytest.fixture(scope="session")
def bn_dump() -> Path:
    """The shared Bengali dump; tests using it skip when ../shared is absent."""
    if not BN_DUMP.is_file():
        pytest.skip(f"{BN_DUMP} not present")
    return BN_DUMP


@pytest.fixture
def pg_schema():
    """A function that makes a fresh schema on the test PostgreSQL server
    (``SAMPARK_TEST_PG_URL``) and returns its URL; all are dropped afterwards."""
    if not PG_URL:
        pytest.skip("SAMPARK_TEST_PG_URL is not set (eval \"$(bash .ci/postgres.sh)\")")
    import psycopg

    made: list[str] = []
    sep = "&" if "?" in PG_URL else "?"

    def make() -> str:
        schema = f"rel_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'CREATE SCHEMA "{schema}"')
        made.append(schema)
        return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"

    yield make
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        for schema in made:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
