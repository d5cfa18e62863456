"""Helpers for the reliability tests: the command line in a subprocess, a
database snapshot to compare before and after, consistency checks, and slices
of the Bengali dump (conftest puts this folder on ``sys.path``).

These tests drive ``sampark`` as a user does (``python -m sampark ...`` in a
child process), so that crashes, exit statuses and messages are the real ones.
"""
from __future__ import annotations

import importlib.util
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
BN_DUMP = SHARED / "corpora" / "bnwiki-truncated-100k.xml.xz"
PG_URL = os.environ.get("SAMPARK_TEST_PG_URL")
TABLES = ("documents", "facts", "evidence", "conflicts", "conflict_members")


def sampark(*args: str | os.PathLike[str], timeout: float = 300, cwd: Path | None = None,
            stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``sampark ARGS`` in a child process and return it (text output)."""
    env = dict(os.environ, COLUMNS="200", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "sampark", *map(str, args)], capture_output=True,
                          timeout=timeout, cwd=cwd, env=env, input=stdin.decode("utf-8", "surrogateescape")
                          if stdin is not None else None, text=True, encoding="utf-8", errors="replace")


def snapshot(db_url: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (sorted), on SQLite or PostgreSQL, for before/after comparisons."""
    url = str(db_url)
    if url.startswith(("postgresql://", "postgres://")):
        import psycopg

        with psycopg.connect(url) as conn:
            return {t: sorted((tuple(r) for r in conn.execute(f"SELECT * FROM {t}").fetchall()), key=repr)
                    for t in TABLES}
    conn = sqlite3.connect(url)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        conn.close()


def fact_set(db_url: str | Path) -> list[tuple[Any, ...]]:
    """The stored facts as comparable tuples: id, type, actors, date, attrs and
    every evidence span (document, start, end, text), sorted."""
    from sampark.store import Store

    with Store.open(str(db_url)) as store:
        facts = store.facts()
    rows = []
    for fact in facts:
        spans = sorted((e["doc"], e["start"], e["end"], e["text"]) for e in fact.get("evidence", []))
        rows.append((fact["id"], fact["type"], tuple(fact["actors"]), fact.get("date"),
                     repr(sorted(fact.get("attrs", {}).items())), tuple(spans)))
    return sorted(rows)


def whole_documents(db_url: str | Path) -> None:
    """Assert the database is consistent: SQLite's integrity check passes, every
    document has exactly its facts' evidence, and no evidence is orphaned."""
    from sampark.store.db import Database

    db = Database(str(db_url))
    try:
        if not db.postgres:
            assert db.one("PRAGMA integrity_check")[0] == "ok"
            assert db.all("PRAGMA foreign_key_check") == []
        for doc_id, n_facts in db.all("SELECT id, n_facts FROM documents"):
            stored = db.one("SELECT COUNT(*) FROM evidence WHERE doc_id = ? AND span = 0", (doc_id,))[0]
            assert stored == n_facts, f"document {doc_id}: {stored} facts stored, {n_facts} expected"
        assert db.one("SELECT COUNT(*) FROM evidence WHERE fact_id IS NULL")[0] == 0
        assert db.one("SELECT COUNT(*) FROM evidence e LEFT JOIN documents d ON d.id = e.doc_id"
                      " WHERE d.id IS NULL")[0] == 0, "evidence of a document that is not stored"
        assert db.one("SELECT COUNT(*) FROM evidence e LEFT JOIN facts f ON f.id = e.fact_id"
                      " WHERE f.id IS NULL")[0] == 0, "evidence of a fact that is not stored"
        assert db.one("SELECT COUNT(*) FROM facts f WHERE NOT EXISTS"
                      " (SELECT 1 FROM evidence e WHERE e.fact_id = f.id)")[0] == 0, "a fact without evidence"
    finally:
        db.close()


def dump_slice(target: Path, pages: int, source: Path = BN_DUMP) -> Path:
    """Write the first ``pages`` pages of ``source`` (a MediaWiki ``.xml.xz``) as a
    well-formed ``.xml.xz`` dump at ``target``, with the function of ``bench/load.py``."""
    spec = importlib.util.spec_from_file_location("sampark_bench_load", REPO / "bench" / "load.py")
    load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load)
    return load.dump_slice(source, target, pages)
