"""Streaming: peak memory and rate of ``sampark ingest`` on a large synthetic dump.

Run from the repository root::

    python bench/dump_memory.py --size-mb 50         # quick check, a few minutes
    python bench/dump_memory.py                      # the full 1 GB run (see docs/performance.md)
    python bench/dump_memory.py --size-mb 200 --workers 2

It writes a MediaWiki XML dump (uncompressed ``.xml``) of about
``--size-mb`` MB into a temporary directory, streaming: the articles of
``../shared/corpora/bnwiki-truncated-100k.xml.xz`` repeated with new page
ids and titles ("<title> (copy N)"). Then it runs ``sampark ingest`` on it
in a child process into a SQLite database beside it, and every
``--sample`` seconds reads the child's resident memory (with its worker
processes, through psutil) and every ``--interval`` seconds the number of
documents stored (from the database, read-only). It prints the rate per
interval (documents/s and MB/s of input) and the peak memory.

Goals (issue 5): peak memory under 500 MB, and a rate that stays roughly
constant from the first interval to the last (nothing grows with the
number of documents already stored).
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

import psutil

ROOT = Path(__file__).resolve().parent.parent
BN_DUMP = ROOT.parent / "shared" / "corpora" / "bnwiki-truncated-100k.xml.xz"
GOAL_MB = 500
HEADER = ('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="bn">\n'
          "  <siteinfo><sitename>synthetic</sitename><dbname>bnwiki</dbname></siteinfo>\n")


def build_dump(path: Path, size_mb: float) -> tuple[int, list[int]]:
    """Write the synthetic dump; returns its page count and the running input bytes after each page."""
    from sampark.readers import SourceDoc, iter_documents

    articles = [d for d in iter_documents(BN_DUMP) if isinstance(d, SourceDoc)]
    target = int(size_mb * 1_000_000)
    written = 0
    cumulative: list[int] = []
    text_bytes = 0
    page_id = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        written += len(HEADER.encode())
        copy = 0
        while written < target:
            for doc in articles:
                page_id += 1
                stamp = (doc.date or "2023-05-01") + "T00:00:00Z"
                page = (f"  <page>\n    <title>{escape(doc.title or '')} (copy {copy})</title>\n    <ns>0</ns>\n"
                        f"    <id>{page_id}</id>\n    <revision>\n      <id>{page_id}</id>\n"
                        f"      <timestamp>{stamp}</timestamp>\n"
                        f'      <text xml:space="preserve">{escape(doc.text)}</text>\n'
                        "    </revision>\n  </page>\n")
                out.write(page)
                written += len(page.encode("utf-8"))
                text_bytes += len(doc.text.encode("utf-8"))
                cumulative.append(text_bytes)
                if written >= target:
                    break
            copy += 1
        out.write("</mediawiki>\n")
    return page_id, cumulative


def tree_rss(proc: psutil.Process) -> tuple[int, int]:
    """Resident bytes of ``proc`` alone and with all its descendants."""
    try:
        own = proc.memory_info().rss
    except psutil.Error:
        return 0, 0
    total = own
    for child in proc.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.Error:
            pass
    return own, total


def stored(db: Path) -> int:
    """Documents in the store so far (0 until the schema exists)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=1024, help="size of the synthetic dump (default 1024)")
    parser.add_argument("--interval", type=float, default=None,
                        help="seconds per rate interval (default: 30, or 10 below 200 MB)")
    parser.add_argument("--sample", type=float, default=0.5, help="seconds between memory samples")
    parser.add_argument("--workers", type=int, default=None, help="pass --workers N to sampark ingest")
    parser.add_argument("--engine", choices=["processes", "dask"], default=None, help="pass --engine to sampark ingest")
    parser.add_argument("--dir", default=None, help="where to write the dump and database (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the dump and database")
    args = parser.parse_args(argv)
    interval = args.interval or (10.0 if args.size_mb < 200 else 30.0)

    if not BN_DUMP.exists():
        print(f"skipped: the shared corpora are not there ({BN_DUMP}); nothing to measure.")
        return 0
    work = Path(tempfile.mkdtemp(prefix="sampark-dump-", dir=args.dir))
    try:
        dump, db = work / "synthetic-bnwiki.xml", work / "kb.db"
        t0 = time.perf_counter()
        pages, cumulative = build_dump(dump, args.size_mb)
        print(f"dump: {dump} {dump.stat().st_size / 1e6:.1f} MB, {pages} pages "
              f"({cumulative[-1] / 1e6:.1f} MB of article text), written in {time.perf_counter() - t0:.1f} s")
        cmd = [sys.executable, "-c", "import sys; from sampark.cli import main; sys.exit(main())",
               "ingest", "-q", "--json", "--db", str(db), str(dump)]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        if args.engine:
            cmd += ["--engine", args.engine]
        print("running: sampark " + " ".join(cmd[3:]))
        print(f"{'time s':>7} {'docs':>7} {'docs/s':>7} {'MB/s':>6} {'RSS MB':>7} {'+workers':>8}")
        log = open(work / "ingest.json", "w")
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=log, stderr=subprocess.PIPE, text=True)
        proc = psutil.Process(child.pid)
        peak_own = peak_total = 0
        last_t, last_n = start, 0
        rates: list[float] = []
        next_report = start + interval
        while child.poll() is None:
            own, total = tree_rss(proc)
            peak_own, peak_total = max(peak_own, own), max(peak_total, total)
            now = time.perf_counter()
            if now >= next_report:
                n = stored(db)
                if n > last_n:
                    mb_done = (cumulative[min(n, len(cumulative)) - 1] - (cumulative[last_n - 1] if last_n else 0)) / 1e6
                    rate = (n - last_n) / (now - last_t)
                    rates.append(mb_done / (now - last_t))
                    print(f"{now - start:7.0f} {n:7d} {rate:7.2f} {mb_done / (now - last_t):6.2f} "
                          f"{own / 1e6:7.0f} {total / 1e6:8.0f}", flush=True)
                    last_t, last_n = now, n
                next_report = now + interval
            time.sleep(args.sample)
        elapsed = time.perf_counter() - start
        stderr = child.stderr.read() if child.stderr else ""
        log.close()
        n = stored(db)
        print(f"exit status {child.returncode}; {n} documents stored of {pages} pages in {elapsed:.0f} s "
              f"= {n / elapsed:.2f} docs/s, {cumulative[min(n, len(cumulative)) - 1] / 1e6 / elapsed:.2f} MB/s"
              if n else f"exit status {child.returncode}; nothing stored")
        if child.returncode not in (0, 1) and stderr:
            print(stderr[-2000:])
        print(f"peak RSS: sampark ingest {peak_own / 1e6:.0f} MB; with worker processes {peak_total / 1e6:.0f} MB "
              f"(goal < {GOAL_MB} MB: {'met' if peak_total < GOAL_MB * 1e6 else 'NOT met'})")
        if len(rates) >= 4:
            # MB/s, not docs/s: pages differ a lot in length, bytes per second much less.
            half = len(rates) // 2
            first, second = sum(rates[:half]) / half, sum(rates[half:]) / (len(rates) - half)
            print(f"rate: first half of the intervals {first:.2f} MB/s, second half {second:.2f} MB/s "
                  f"(ratio {second / first:.2f}; the machine's load moves it too)")
        print(f"database: {db.stat().st_size / 1e6:.0f} MB" if db.exists() else "")
        return 0 if child.returncode in (0, 1) else child.returncode
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
