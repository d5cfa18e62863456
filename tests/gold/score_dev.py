#!/usr/bin/env python3
"""Score ``sampark.extract`` on the development gold set.

    python tests/gold/score_dev.py [-v] [--split tune|check] [--source TEXT] [--lang bn]
                                   [--doc TEXT] [--types T,..] [--json]

Prints precision, recall, F1, exact dates and invented dates (matched facts
that carry a date where the gold has none) for each split (``tune``,
``check``), each source file, each language and each fact type, micro-averaged
over documents, and the seed on its own; ``-v`` adds one row per document and
lists its misses and extras. ``--json`` prints
``{"splits": {...}, "sources": {...}, "langs": {...}, "types": {...}, "seed": {...}}``,
each entry with docs, gold, predicted, matched, precision, recall, f1,
exact_dates and invented_dates. Only predictions whose evidence starts
inside the annotated section count. The documents are read from ../shared.

The ``check`` split is for measuring only: read its scores, never its
misses, when writing rules (tests/gold/README.md).
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


def _row(name: str, t: devset.Totals) -> str:
    m = t.metrics()
    inv = f"{t.invented_dates}/{t.undated_matched}"
    return (f"{name[:44]:44} {t.docs:>4} {t.gold:>5} {t.predicted:>5} {t.matched:>5} "
            f"{m['precision']:>5.2f} {m['recall']:>5.2f} {m['f1']:>5.2f} "
            f"{devset._fmt(m['exact_dates']):>5} {inv:>7}")


HEADER = (f"{'':44} {'docs':>4} {'gold':>5} {'pred':>5} {'hit':>5} {'P':>5} {'R':>5} {'F1':>5} "
          f"{'date':>5} {'invent':>7}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="per-document rows, misses and extras (tune only unless --split check)")
    ap.add_argument("--split", choices=("tune", "check"), help="only this split")
    ap.add_argument("--source", help="only documents from source files whose name contains this")
    ap.add_argument("--lang", help="only documents in this language")
    ap.add_argument("--doc", help="only documents whose id or section contains this text")
    ap.add_argument("--types", help="comma-separated fact types: score only these")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    if not devset.shared_available():
        print(f"shared corpora not found at {devset.SHARED}", file=sys.stderr)
        return 2
    reason = devset.extractor_missing()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    entries = devset.load_manifest()
    seed = [e for e in entries if e.group == "seed"]
    chosen = devset.scored(entries)
    if args.split:
        chosen = [e for e in chosen if e.split == args.split]
    if args.source:
        chosen = [e for e in chosen if args.source in e.source]
    if args.lang:
        chosen = [e for e in chosen if e.lang == args.lang]
    if args.doc:
        chosen = [e for e in chosen if args.doc in e.label]
        seed = [e for e in seed if args.doc in e.label]
    types = set(args.types.split(",")) if args.types else None

    def total(members: list[devset.Entry], only=types) -> devset.Totals:
        return devset.score_group(members, types=only)

    splits = {name: total(members) for name, members in devset.by_split(chosen).items() if members}
    sources = {name: total(m) for name, m in devset.by_key(chosen, lambda e: e.source).items()}
    langs = {name: total(m) for name, m in devset.by_key(chosen, lambda e: e.lang).items()}
    all_types = sorted(types or devset.FACT_TYPES)
    type_totals = {t: total(chosen, {t}) for t in all_types}
    type_totals = {t: v for t, v in type_totals.items() if v.gold or v.predicted}
    seed_total = total(seed) if seed else None
    floors = devset.load_floors()

    if args.json:
        out = {"splits": {k: v.report() for k, v in splits.items()},
               "sources": {k: v.report() for k, v in sources.items()},
               "langs": {k: v.report() for k, v in langs.items()},
               "types": {k: v.report() for k, v in type_totals.items()}}
        if seed_total is not None:
            out["seed"] = seed_total.report()
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0

    for title, table in (("splits", splits), ("sources", sources), ("languages", langs),
                         ("types", type_totals)):
        print(f"== {title}")
        print(HEADER)
        for name, t in table.items():
            print(_row(name, t))
        print()
    if seed_total is not None:
        print(_row("seed", seed_total))
    for name, t in list(splits.items()) + ([("seed", seed_total)] if seed_total else []):
        fl = floors.get(name, {})
        failures = devset.check_floors(t, fl)
        print(f"floors {name} {fl}: " + ("met" if not failures else "; ".join(failures)))
    if args.verbose:
        for name, t in splits.items():
            if name == "check" and args.split != "check":
                continue  # check's misses are not for reading while writing rules
            print()
            print(devset.table(t, name))
            for r in t.rows:
                text = devset.details(r)
                if text:
                    print(f"-- {r.entry.label}")
                    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
