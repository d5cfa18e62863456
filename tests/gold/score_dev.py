#!/usr/bin/env python3
"""Score ``sampark.extract`` on the development gold set.

    python tests/gold/score_dev.py [-v] [--group bn|en|seed] [--doc TEXT] [--types T,..] [--json]

Prints, per group (bn, en, seed), one row per document (gold, predicted,
matched, precision, recall, F1, exact-date share, exact-evidence share) and
the micro-averaged totals; with -v, the missed gold facts and the extra
predictions of each document. Only predictions whose evidence starts inside
the annotated section count. The documents are read from ../shared.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import devset  # noqa: E402

if str(devset.REPO / "src") not in sys.path:
    sys.path.insert(0, str(devset.REPO / "src"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and extras per document")
    ap.add_argument("--group", help="only this group (bn, en, seed)")
    ap.add_argument("--doc", help="only documents whose id or section contains this text")
    ap.add_argument("--types", help="comma-separated fact types: score only these")
    ap.add_argument("--json", action="store_true", help="print the totals as JSON")
    args = ap.parse_args(argv)
    if not devset.shared_available():
        print(f"shared corpora not found at {devset.SHARED}", file=sys.stderr)
        return 2
    reason = devset.extractor_missing()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    entries = devset.load_manifest()
    if args.doc:
        entries = [e for e in entries if args.doc in e.label]
    types = set(args.types.split(",")) if args.types else None
    floors = devset.load_floors()
    out = {}
    for name, members in devset.groups(entries).items():
        if args.group and name != args.group:
            continue
        totals = devset.score_group(members, types=types)
        out[name] = {k: (round(v, 4) if v is not None else None) for k, v in totals.metrics().items()}
        out[name].update(gold=totals.gold, predicted=totals.predicted, matched=totals.matched)
        if args.json:
            continue
        print(devset.table(totals, name))
        if args.verbose:
            for r in totals.rows:
                text = devset.details(r)
                if text:
                    print(f"-- {r.entry.label}")
                    print(text)
        failures = devset.check_floors(totals, floors.get(name, {}))
        print(f"floors {floors.get(name, {})}: " + ("met" if not failures else "; ".join(failures)))
        print()
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
