"""``Store.open(url, readonly=True)``: the read-only commands' way in (issue 16).

A read-only store reads an existing database without writing anything (no
schema creation, no journal switch), refuses writes, and reports a missing
file or a database that is not a store instead of creating one.
"""
from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from sampark.errors import SamparkError
from sampark.store import Store
from storekit import BN, EN, seed_facts


def _filled(url: str, hand) -> None:
    seed_facts(hand)
    with Store.open(url, extractor=hand) as store:
        store.ingest([BN, EN])


def test_readonly_store_reads_and_refuses_writes(db_url: str, hand) -> None:
    _filled(db_url, hand)
    with Store.open(db_url) as store:
        expected = (store.counts(), store.pairs(), store.facts())
    with Store.open(db_url, readonly=True) as store:
        assert (store.counts(), store.pairs(), store.facts()) == expected
        with pytest.raises(Exception, match="(?i)read.?only"):
            store.delete_document(BN.id)
    with Store.open(db_url) as store:
        assert store.counts() == expected[0]


def test_readonly_store_on_a_read_only_file(tmp_path: Path, hand) -> None:
    url = str(tmp_path / "kb.db")
    _filled(url, hand)
    before = sorted(p.name for p in tmp_path.iterdir())
    os.chmod(url, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        with Store.open(url, readonly=True) as store:
            assert store.counts()["facts"] > 0
            assert store.pairs()
    finally:
        os.chmod(url, stat.S_IRUSR | stat.S_IWUSR)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == \
        [n for n in before if not n.endswith(("-wal", "-shm"))]


def test_readonly_store_missing_or_not_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(SamparkError) as info:
        Store.open(str(missing), readonly=True)
    assert info.value.code == "E310" and not missing.exists()
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(SamparkError) as info:
        Store.open(str(other), readonly=True)
    assert info.value.code == "E310" and "not a sampark database" in str(info.value)
    conn = sqlite3.connect(other)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["t"]
    conn.close()
