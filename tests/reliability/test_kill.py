"""Crash safety of ``sampark ingest`` on the Bengali dump: SIGKILL at 20 random
(seeded) moments, each followed by a consistency check, then a rerun that must
end with exactly the facts of an uninterrupted run.

Kills land anywhere: while Python starts, while the schema is created, while
the dump is decompressed, while a document is extracted or written. Each
killed run resumes the work of the one before (stored documents are skipped by
their hash), so the kills walk through the whole dump. A moment is chosen by
progress, not by the clock, so that the kills cover the dump however fast the
extractor is: the first few come after a random fraction of a second (start-up
and schema), the others once a random number of new documents (0 to 30) is
stored, plus a random pause of up to 0.3 s (mid-extraction or mid-write).
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from relkit import fact_set, whole_documents

KILLS = 20
EARLY_KILLS = 3
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


def _stored(db: str) -> int:
    """Documents stored so far, read without disturbing the writer (0 before the schema exists)."""
    if not Path(db).exists():
        return 0
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _wait_for(child: subprocess.Popen, db: str, target: int, deadline: float) -> bool:
    """Wait until ``target`` documents are stored; False if the child ended first."""
    while child.poll() is None and time.monotonic() < deadline:
        if _stored(db) >= target:
            return True
        time.sleep(0.02)
    return child.poll() is None


def test_kill_sigkill_at_random_moments_loses_nothing(bn_dump: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    reference_db = str(tmp_path / "reference.db")
    # The uninterrupted run goes on beside the kills (two cores).
    reference = _ingest(bn_dump, reference_db)

    db = str(tmp_path / "killed.db")
    counts = []
    finished_early = 0
    for kill in range(KILLS):
        before = _stored(db)
        child = _ingest(bn_dump, db)
        if kill < EARLY_KILLS:
            alive = _wait_for(child, db, before + 10**9, time.monotonic() + rng.uniform(0.05, 1.5))
        else:
            alive = _wait_for(child, db, before + rng.randint(0, 30), time.monotonic() + 300)
            time.sleep(rng.uniform(0, 0.3))
        if not alive or child.poll() is not None:
            finished_early += 1  # the run ended before its moment came
            child.wait(30)
        else:
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


def _descendants(pid: int) -> list[int]:
    psutil = __import__("psutil")
    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _alive(pids: list[int]) -> list[int]:
    psutil = __import__("psutil")
    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


import pytest  # noqa: E402


def test_kill_parallel_ingest_workers_die_with_it(bn_dump: Path, tmp_path: Path) -> None:
    """``ingest --workers 2`` killed with SIGKILL or SIGTERM: its workers and the
    resource tracker end within seconds (they used to run on for 15 minutes and
    more), and a rerun completes the work with exactly the facts of a serial ingest."""
    pytest.importorskip("psutil")
    from relkit import dump_slice

    dump = dump_slice(tmp_path / "slice.xml.xz", 700, bn_dump)
    serial = str(tmp_path / "serial.db")
    done = subprocess.run([sys.executable, "-m", "sampark", "ingest", str(dump), "--db", serial, "-q"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    for how in (signal.SIGKILL, signal.SIGTERM):
        db = str(tmp_path / f"killed-{how.name}.db")
        child = subprocess.Popen([sys.executable, "-m", "sampark", "ingest", str(dump), "--db", db, "-q",
                                  "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 300
        # Wait until the workers run and a document is stored.
        while time.monotonic() < deadline and child.poll() is None:
            if len(_descendants(child.pid)) >= 3 and _stored(db) >= 1:
                break
            time.sleep(0.02)
        assert child.poll() is None, child.stderr.read().decode()[-2000:]
        family = _descendants(child.pid)
        assert len(family) >= 3, family  # two workers and the resource tracker
        child.send_signal(how)
        child.wait(timeout=30)
        end = time.monotonic() + 20
        while _alive(family) and time.monotonic() < end:
            time.sleep(0.2)
        assert _alive(family) == [], f"{how.name}: still running after their parent ended: {_alive(family)}"
        whole_documents(db)

        rerun = subprocess.run([sys.executable, "-m", "sampark", "ingest", str(dump), "--db", db, "-q",
                                "--workers", "2"], capture_output=True, text=True, timeout=900)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        whole_documents(db)
        assert fact_set(db) == fact_set(serial), how.name
