"""How the ingest rate grows with workers: ``sampark ingest`` on the Bengali dump, one engine at a time.

Run from the repository root::

    python bench/workers.py                    # serial, --workers 2, --engine dask (2 local workers)
    python bench/workers.py --repeat 3         # the dump's articles three times (new ids) for longer runs

Each configuration ingests into a fresh SQLite database in a temporary
directory; the wall time of the whole command (start-up, reading, workers
starting, storing) gives documents/s and MB/s of article text; CPU s is
the CPU time of the command and all its worker processes, so that the cost
of parallelism shows even when a shared machine gives the workers no spare
core. The stored
fact counts must be equal across configurations; the output says if not.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BN_DUMP = ROOT.parent / "shared" / "corpora" / "bnwiki-truncated-100k.xml.xz"
CONFIGS = {
    "serial": [],
    "workers-2": ["--workers", "2"],
    "dask-local-2": ["--engine", "dask", "--workers", "2"],
}


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_headroom(units: int = 20_000_000) -> float:
    """How much faster two pure-CPU processes finish two units of work than one process does.

    About 2 on an idle two-core machine; about 1 when other work already
    keeps every core busy, in which case no engine can scale here.
    """
    import multiprocessing

    t0 = time.perf_counter()
    _spin(units)
    _spin(units)
    serial = time.perf_counter() - t0
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_spin, [1000])  # start-up is not what is measured
        t0 = time.perf_counter()
        pool.map(_spin, [units, units])
        parallel = time.perf_counter() - t0
    return serial / parallel


def repeated_dump(folder: Path, times: int) -> Path:
    """The dump itself, or a copy of it with its articles ``times`` over (new ids) in a folder."""
    if times <= 1:
        return BN_DUMP
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dump_memory import build_dump

    from sampark.readers import SourceDoc, iter_documents

    path = folder / "bnwiki-repeated.xml"
    text_mb = sum(len(d.text.encode()) for d in iter_documents(BN_DUMP) if isinstance(d, SourceDoc)) / 1e6
    # XML escaping and page markup add a little over the article text.
    build_dump(path, size_mb=times * text_mb * 1.01)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="copies of the dump's articles (default 1)")
    parser.add_argument("--only", nargs="*", choices=sorted(CONFIGS), help="configurations to run")
    args = parser.parse_args(argv)
    if not BN_DUMP.exists():
        print(f"skipped: the shared corpora are not there ({BN_DUMP}); nothing to measure.")
        return 0
    work = Path(tempfile.mkdtemp(prefix="sampark-workers-"))
    try:
        dump = repeated_dump(work, args.repeat)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"input: {dump.name}; {os.cpu_count()} cores; load average before: {load}; "
              f"parallel headroom (2 spinning processes vs 1): {parallel_headroom():.2f}x")
        print(f"{'engine':<14} {'docs':>6} {'wall s':>7} {'docs/s':>7} {'MB/s':>6} {'CPU s':>6} {'facts':>6}"
              "  load after")
        facts_seen = set()
        for name, extra in CONFIGS.items():
            if args.only and name not in args.only:
                continue
            db = work / f"{name}.db"
            cmd = [sys.executable, "-c", "import sys; from sampark.cli import main; sys.exit(main())",
                   "ingest", "-q", "--json", "--db", str(db), *extra, str(dump)]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # CPU of the command and every process it waited for (pool and Dask workers).
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            if proc.returncode not in (0, 1, 2):
                print(f"{name}: failed ({proc.returncode})\n{proc.stderr[-2000:]}")
                continue
            summary = json.loads(proc.stdout)
            with sqlite3.connect(db) as conn:
                n_docs, text_bytes = conn.execute(
                    "SELECT COUNT(*), SUM(LENGTH(CAST(text AS BLOB))) FROM documents").fetchone()
                n_facts = conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
            facts_seen.add(n_facts)
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"{name:<14} {n_docs:6d} {wall:7.1f} {n_docs / wall:7.2f} {text_bytes / 1e6 / wall:6.2f} "
                  f"{cpu:6.1f} {n_facts:6d}  {load}  (new {summary['documents']['new']})", flush=True)
        print(f"parallel headroom after: {parallel_headroom():.2f}x")
        if len(facts_seen) > 1:
            print(f"WARNING: fact counts differ between engines: {sorted(facts_seen)}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
