"""Fixtures for the web tests: a real store on a real SQLite file, built by
ingesting small documents with the real extractor, and clients over it.

The documents are the bundled sample (``src/sampark/samples/``) when there is
one, else the few in ``tests/web/data/``.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sampark.readers import iter_documents
from sampark.store import Store
from sampark.web import create_app

HERE = Path(__file__).parent
REPO = HERE.parents[1]
DATA = HERE / "data"
SAMPLES = REPO / "src" / "sampark" / "samples"
SHARED = REPO.parent / "shared"
TOKEN = "test-token-Zq9"


def sample_dir() -> Path:
    """The bundled sample if it holds documents, else this folder's data."""
    if SAMPLES.is_dir() and any(p.is_file() and p.suffix != ".py" and p.name != "README.md"
                                for p in SAMPLES.iterdir()):
        return SAMPLES
    return DATA


def build_store(path: Path, *sources: Path) -> dict[str, Any]:
    """Ingest ``sources`` into a new SQLite store at ``path``; returns the summary."""
    store = Store.open(str(path))
    try:
        summary = None
        for source in sources:
            summary = store.ingest(iter_documents(source), summary=summary)
        return summary.as_dict() if summary else {}
    finally:
        store.close()


@pytest.fixture(scope="session")
def build_kb():
    """A function that builds a store at a path from the given folders."""
    return build_store


@pytest.fixture(scope="session")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the sample documents and the web tests' own ones."""
    path = tmp_path_factory.mktemp("kb") / "kb.db"
    sources = [sample_dir()] if sample_dir() == DATA else [sample_dir(), DATA]
    build_store(path, *sources)
    return path


@pytest.fixture(scope="session")
def client(kb: Path):
    """A read-only app over ``kb``."""
    with TestClient(create_app(str(kb))) as c:
        yield c


@pytest.fixture
def kb_copy(kb: Path, tmp_path: Path) -> Path:
    """A private copy of ``kb`` that a test may write to."""
    target = tmp_path / "kb.db"
    src = sqlite3.connect(kb)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)  # a consistent copy even with a WAL beside the file
    src.close()
    dst.close()
    return target


@pytest.fixture
def ingest_client(kb_copy: Path):
    """An app over a copy of ``kb`` that accepts documents with ``TOKEN``."""
    with TestClient(create_app(str(kb_copy), allow_ingest=True, token=TOKEN, max_body=64 * 1024)) as c:
        yield c


@pytest.fixture
def token() -> str:
    """The bearer token of ``ingest_client``."""
    return TOKEN


@pytest.fixture
def auth() -> dict[str, str]:
    """Headers that ``ingest_client`` accepts."""
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="session")
def busiest_pair(client: TestClient) -> dict[str, Any]:
    """The pair with the most facts in ``kb`` (the extractor must find some)."""
    pairs = client.get("/index.json").json()["pairs"]
    assert pairs, (f"the extractor found no facts in {sample_dir()}; every web test needs some. "
                   "Check `sampark.extract` on those files.")
    return pairs[0]


@pytest.fixture(scope="session")
def dated_fact(client: TestClient, busiest_pair: dict[str, Any]) -> dict[str, Any]:
    """A dated fact of the busiest pair, with its evidence."""
    data = client.get(busiest_pair["url"] + ".json").json()
    for fact in data["facts"]:
        if fact.get("date") and fact.get("evidence"):
            return fact
    pytest.fail(f"no dated fact with evidence on {busiest_pair['url']}: the extractor found none")
