#!/usr/bin/env python3
"""Print a development document as the annotator reads it: title, date, the section's text.

    python tests/gold/show_doc.py GOLD_FILE_OR_DOC_ID [--raw]

GOLD_FILE_OR_DOC_ID is a manifest line's ``gold`` path (``en/reuters-....facts.jsonl``)
or its ``doc`` id. Only the annotated section is printed (the whole document
where the manifest names none). Nothing here runs the extractor.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devset  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("key", help="the manifest's gold path or doc id")
    args = ap.parse_args(argv)
    entries = [e for e in devset.load_manifest() if args.key in (e.gold, e.doc)]
    if not entries:
        print(f"show_doc: {args.key!r} is in no manifest line", file=sys.stderr)
        return 2
    for entry in entries:
        doc = devset.load_document(entry)
        lo, hi = devset.section_span(doc.text, entry.section)
        print(f"# doc: {doc.id}\n# title: {doc.title}\n# document date: {doc.date}\n"
              f"# section: {entry.section}\n# source: {entry.source} ({entry.kind}, {entry.lang})\n"
              f"# gold file: tests/gold/{entry.gold}\n")
        print(doc.text[lo:hi])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
