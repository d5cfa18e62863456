"""Two ``sampark ingest`` processes at once on one database, SQLite file or
PostgreSQL, over overlapping inputs: they end with exactly the facts of one
serial run, with no fact twice and none lost.

The inputs overlap in two ways: both processes read the same slice of the
Bengali dump (in opposite orders, so they contend at different moments), and
each reads one side of a Bengali/English pair of articles whose facts merge
across languages.
"""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from relkit import REPO, dump_slice, fact_set, snapshot, whole_documents

SAMPLES = REPO / "src" / "sampark" / "samples"


@pytest.fixture(scope="module")
def inputs(bn_dump: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], list[Path]]:
    """What each of the two processes reads."""
    folder = tmp_path_factory.mktemp("inputs")
    dump = dump_slice(folder / "bnwiki-slice.xml.xz", pages=260, source=bn_dump)
    samples = sorted(p for p in SAMPLES.glob("*.txt"))
    assert len(samples) >= 2, f"bundled samples missing from {SAMPLES}"
    first = [dump, *samples[0::2], samples[-1]]
    second = [samples[-1], *samples[1::2], dump]
    return first, second


def _ingest(paths: list[Path], db: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sampark", "ingest", *map(str, paths), "--db", db, "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(child: subprocess.Popen) -> None:
    out, err = child.communicate(timeout=600)
    assert child.returncode == 0, out + err
    assert "Traceback" not in err and "E310" not in out + err and "E315" not in out + err, out + err


def _no_duplicates(db: str) -> None:
    snap = snapshot(db)
    ids = Counter(row[0] for row in snap["facts"])
    assert not [i for i, n in ids.items() if n > 1]
    docs = Counter(row[0] for row in snap["documents"])
    assert not [i for i, n in docs.items() if n > 1]
    spans = Counter(row[:3] for row in snap["evidence"])
    assert not [k for k, n in spans.items() if n > 1]


def _check(first: list[Path], second: list[Path], db: str, reference: str) -> None:
    for paths in (first, second):
        _finish(_ingest(paths, reference))
    a, b = _ingest(first, db), _ingest(second, db)
    _finish(a)
    _finish(b)
    whole_documents(db)
    _no_duplicates(db)
    expected = fact_set(reference)
    assert expected
    assert fact_set(db) == expected
    assert len(snapshot(db)["documents"]) == len(snapshot(reference)["documents"])


def test_concurrency_two_ingests_on_one_sqlite_file(inputs, tmp_path: Path) -> None:
    _check(*inputs, db=str(tmp_path / "shared.db"), reference=str(tmp_path / "serial.db"))


@pytest.mark.postgres
def test_concurrency_two_ingests_on_one_postgres_database(inputs, pg_schema) -> None:
    _check(*inputs, db=pg_schema(), reference=pg_schema())
