"""Peak memory of the readers on inputs built to make it follow the input's size (issue 16).

    python bench/reader_memory.py                 # every case
    python bench/reader_memory.py --case jsonl_200mb --keep /tmp/inputs

Each case writes its input file (streaming) into a temporary folder, then
reads it with ``sampark.readers.iter_documents`` in a child process (no
extraction, no database) and prints the child's peak resident memory
(``ru_maxrss``), the documents and problems it yielded, and the time. A
Python child that imports the readers starts at about 60 MB. Run it with
another ``PYTHONPATH`` to compare two versions of the readers.

Exit status 1 when a case's peak memory exceeds ``--max-mb`` (default 400).
"""
from __future__ import annotations

import argparse
import bz2
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1024 * 1024
HEAD = '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/">\n'
FACT = "India and Bangladesh signed a trade agreement in 1980."


def _page(pid: int, text: str) -> str:
    return (f"<page><title>Page {pid}</title><ns>0</ns><id>{pid}</id><revision><id>{pid}</id>"
            f"<timestamp>2020-01-01T00:00:00Z</timestamp><text>{text}</text></revision></page>\n")


def siteinfo_bomb(path: Path) -> Path:
    """A tiny .bz2 holding 4 million empty elements in <siteinfo>, then one page."""
    target = path / "bomb.xml.bz2"
    with bz2.open(target, "wt", encoding="utf-8") as out:
        out.write(HEAD + "<siteinfo>")
        for _ in range(400):
            out.write("<x/>" * 10_000)
        out.write("</siteinfo>\n" + _page(1, FACT) + "</mediawiki>\n")
    return target


def whitespace_page(path: Path, size_mb: int = 400) -> Path:
    """One page of ``size_mb`` MB of spaces (compressed .bz2), then a normal page."""
    target = path / "spaces.xml.bz2"
    with bz2.open(target, "wt", encoding="utf-8") as out:
        out.write(HEAD + "<page><title>Spaces</title><ns>0</ns><id>1</id><revision><id>1</id>"
                  "<timestamp>2020-01-01T00:00:00Z</timestamp><text>")
        chunk = " " * MB
        for _ in range(size_mb):
            out.write(chunk)
        out.write(FACT + "</text></revision></page>\n" + _page(2, FACT) + "</mediawiki>\n")
    return target


def history(path: Path, revisions: int = 100_000) -> Path:
    """One page with ``revisions`` revisions of 1 KB each (a history dump)."""
    target = path / "history.xml.bz2"
    body = (FACT + " ") * 18
    with bz2.open(target, "wt", encoding="utf-8") as out:
        out.write(HEAD + "<page><title>History</title><ns>0</ns><id>1</id>")
        for n in range(revisions):
            out.write(f"<revision><id>{n}</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
                      f"<text>{body}{n}</text></revision>")
        out.write("</page>\n</mediawiki>\n")
    return target


def jsonl(path: Path, size_mb: int = 200) -> Path:
    """``size_mb`` MB of 2 KB JSON Lines records."""
    target = path / "big.jsonl"
    record = (FACT + " ") * 36
    with target.open("w", encoding="utf-8") as out:
        n = 0
        while out.tell() < size_mb * MB:
            out.write(json.dumps({"id": str(n), "title": f"Record {n}", "text": record}) + "\n")
            n += 1
    return target


def jsonl_line(path: Path, size_mb: int = 50) -> Path:
    """One JSON Lines record of ``size_mb`` MB, then a small one."""
    target = path / "line.jsonl"
    with target.open("w", encoding="utf-8") as out:
        out.write('{"id": "big", "text": "')
        chunk = "x" * 63 + " "
        for _ in range(size_mb * MB // 64):
            out.write(chunk)
        out.write('"}\n' + json.dumps({"id": "small", "text": FACT}) + "\n")
    return target


def csv_field(path: Path, size_mb: int = 61) -> Path:
    """A CSV whose second row has a ``size_mb`` MB quoted field over many lines."""
    target = path / "field.csv"
    with target.open("w", encoding="utf-8") as out:
        out.write(f'id,text\n1,"{FACT}"\n2,"')
        line = "y" * 79 + "\n"
        for _ in range(size_mb * MB // 80):
            out.write(line)
        out.write(f'"\n3,"{FACT}"\n')
    return target


CASES = {"siteinfo_bomb": siteinfo_bomb, "whitespace_page_400mb": whitespace_page, "history_100k": history,
         "jsonl_200mb": jsonl, "jsonl_line_50mb": jsonl_line, "csv_field_61mb": csv_field}

CHILD = """
import json, resource, sys, time
from sampark.readers import iter_documents, SourceDoc
start = time.time()
docs = problems = 0
codes = []
for item in iter_documents(sys.argv[1]):
    if isinstance(item, SourceDoc):
        docs += 1
    else:
        problems += 1
        codes.append(item.code)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"docs": docs, "problems": problems, "codes": sorted(set(codes)), "peak_mb": round(peak),
                  "seconds": round(time.time() - start, 1)}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", choices=list(CASES), help="only this case (repeatable)")
    parser.add_argument("--max-mb", type=float, default=400)
    parser.add_argument("--keep", metavar="DIR", help="write the inputs here and keep them")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args(argv)
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="sampark-mem-"))
    folder.mkdir(parents=True, exist_ok=True)
    bad = []
    print(f"{'case':24} {'input MB':>9} {'peak MB':>8} {'docs':>6} {'problems':>9}  seconds")
    for name in args.case or list(CASES):
        path = CASES[name](folder)
        size = path.stat().st_size / MB
        try:
            done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                                  timeout=args.timeout, env=dict(os.environ))
            result = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else None
        except subprocess.TimeoutExpired:
            result = None
        if result is None:
            print(f"{name:24} {size:9.1f}   failed")
            bad.append(name)
        else:
            flag = "  <-- over" if result["peak_mb"] > args.max_mb else ""
            print(f"{name:24} {size:9.1f} {result['peak_mb']:8d} {result['docs']:6d} {result['problems']:9d}"
                  f"  {result['seconds']:7.1f} {' '.join(result['codes'])}{flag}", flush=True)
            if flag:
                bad.append(name)
        if not args.keep:
            path.unlink()
    if not args.keep:
        folder.rmdir()
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
