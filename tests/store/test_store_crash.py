"""Crash safety: a store killed with SIGKILL mid-ingest holds whole documents only,
and a rerun ends with exactly the facts of an uninterrupted run."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from storekit import corpus

from sampark.store import Store
from sampark.store.db import Database

HERE = Path(__file__).resolve().parent

CHILD = """
import sys, time
sys.path.insert(0, {here!r})
from storekit import corpus
from sampark.store import Store

docs, hand = corpus()

def slow(doc):
    time.sleep(0.02)
    return hand(doc)

with Store.open({url!r}, extractor=slow) as store:
    for doc in docs:
        store.ingest_document(doc)
        print(doc.id, flush=True)
"""


def _whole_documents(url: str) -> None:
    db = Database(url)
    try:
        if not db.postgres:
            assert db.one("PRAGMA integrity_check")[0] == "ok"
        for doc_id, n_facts in db.all("SELECT id, n_facts FROM documents"):
            stored = db.one("SELECT COUNT(*) FROM evidence WHERE doc_id = ? AND span = 0", (doc_id,))[0]
            assert stored == n_facts, doc_id
        assert db.one("SELECT COUNT(*) FROM evidence WHERE fact_id IS NULL")[0] == 0
        orphans = db.one("SELECT COUNT(*) FROM evidence e LEFT JOIN facts f ON f.id = e.fact_id WHERE f.id IS NULL")
        assert orphans[0] == 0
    finally:
        db.close()


def test_store_survives_sigkill_and_rerun_completes(db_url: str, tmp_path: Path) -> None:
    script = CHILD.format(here=str(HERE), url=db_url)
    stored = []
    for wait_for in (2, 5, 7):
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        # Kill once the child has written some new documents, while it is busy with the next.
        for _ in range(wait_for):
            assert child.stdout.readline(), child.stderr.read()
        time.sleep(0.01 * wait_for)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
        _whole_documents(db_url)
        with Store.open(db_url) as store:
            stored.append(store.counts()["documents"])
    assert stored == sorted(stored) and 0 < stored[-1] < 24
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    _whole_documents(db_url)
    docs, hand = corpus()
    with Store.open(str(tmp_path / "reference.db"), extractor=hand) as reference, Store.open(db_url) as crashed:
        reference.ingest(docs)
        assert crashed.counts() == reference.counts()
        assert crashed.facts() == reference.facts()
