"""Crash safety of ``sampark ingest`` on the Bengali dump: SIGKILL at 20 random
(seeded) moments, each followed by a consistency check, then a rerun that must
end with exactly the facts of an uninterrupted run.

Kills land anywhere: while Python starts, while the schema is created, while
the dump is decompressed, while a document is extracted or written. Each
killed run resumes the work of the one before (stored documents are skipped by
their hash), so the kills walk through the whole dump.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from relkit import fact_set, whole_documents

KILLS = 20
SEED = 20261128


def _ingest(dump: Path, db: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sampark", "ingest", str(dump), "--db", db, "-q", "--json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _documents(db: str) -> int:
    from sampark.store.db import Database

    conn = Database(db)
    try:
        return conn.one("SELECT COUNT(*) FROM documents")[0] if conn.schema_version() else 0
    finally:
        conn.close()


def test_kill_sigkill_at_random_moments_loses_nothing(bn_dump: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    reference_db = str(tmp_path / "reference.db")
    # The uninterrupted run goes on beside the kills (two cores).
    reference = _ingest(bn_dump, reference_db)

    db = str(tmp_path / "killed.db")
    counts = []
    finished_early = 0
    for _ in range(KILLS):
        child = _ingest(bn_dump, db)
        delay = rng.uniform(0.3, 3.5)
        try:
            child.wait(delay)
            finished_early += 1  # the run ended before its moment came
        except subprocess.TimeoutExpired:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(30)
            assert child.returncode == -signal.SIGKILL
        child.stderr.close()
        if Path(db).exists():
            whole_documents(db)
            counts.append(_documents(db))
    print(f"documents stored after each kill: {counts}; runs that ended first: {finished_early}")
    assert counts == sorted(counts), f"documents were lost between kills: {counts}"
    assert finished_early < KILLS // 2, "most kills came after the ingest had finished; the dump is too small"

    final = subprocess.run([sys.executable, "-m", "sampark", "ingest", str(bn_dump), "--db", db, "-q"],
                           capture_output=True, text=True, timeout=600)
    assert final.returncode in (0, 2), final.stderr  # 2: the dump is truncated on purpose (E303)
    assert "E303" in final.stdout
    whole_documents(db)

    _, err = reference.communicate(timeout=600)
    assert reference.returncode in (0, 2), err
    expected = fact_set(reference_db)
    assert expected, "the uninterrupted run stored no facts"
    assert fact_set(db) == expected
    assert _documents(db) == _documents(reference_db)
