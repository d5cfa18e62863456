"""Hostile text against the extractor: does its time grow linearly with size?

Feeds 1, 2 and 4 MB (of UTF-8) of repetitive text built to trip regular
expressions and loops (long runs of Bengali digits, of date prefixes, of
country names, of ``'''``, unclosed ``[[`` and ``{{``, ``== `` without an end,
one line with no sentence end, and English equivalents) to
``sampark.extract`` in both formats, and prints CPU seconds per MB for each case
and the ratio of the 4 MB time to the 1 MB time (about 4 when linear).

    python bench/adversarial.py                 # every case, 1/2/4 MB
    python bench/adversarial.py --sizes 0.25,0.5,1 --case bn_digits --fmt text
    python bench/adversarial.py --timeout 120   # give up on a run after 120 s

``--store`` runs the store's doubling cases instead (issue 16): 200, 400
and 800 one-fact documents of one pair (``--docs``) are stored into a new
SQLite file with a fixed extractor, and each doubling must take less than
``--max-store-ratio`` (2.3) times the CPU time of the size before it:

    python bench/adversarial.py --store
    python bench/adversarial.py --store --docs 400,800,1600

Each run happens in a child process with a (wall-clock) time limit, so a
super-linear case shows up as TIMEOUT instead of hanging the bench. Times are
the child's CPU seconds, which a busy machine disturbs far less than wall time. Exit status 1 when some
case grew super-linearly (ratio above --max-ratio) or timed out.
"""
from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import sys
import time

MB = 1024 * 1024

# name: (unit repeated to fill the size, a description). Each unit is repeated
# as is: no sentence end unless the unit has one.
CASES: dict[str, tuple[str, str]] = {
    "bn_digits": ("১৯৬৭০৪০৩", "one run of Bengali digits"),
    "bn_digits_spaced": ("১৯৬৭ ", "Bengali numbers separated by spaces, no sentence end"),
    "bn_date_prefix": ("১৯৬৭ সালের ", "'১৯৬৭ সালের ' repeated, no sentence end"),
    "bn_date_full": ("১৯৬৭ সালের ৩ এপ্রিল ", "full Bengali dates, no sentence end"),
    "bn_states": ("ভারত বাংলাদেশের মালয়েশিয়া রাশিয়ার ", "Bengali country names, no sentence end"),
    "bn_states_and": ("ভারত ও বাংলাদেশের মধ্যে ", "'A ও B-এর মধ্যে' repeated, no sentence end"),
    "bn_sentence": ("১৯৭২ সালে ভারত ও বাংলাদেশের মধ্যে একটি বাণিজ্য চুক্তি স্বাক্ষরিত হয়। ",
                    "a Bengali fact sentence repeated (many facts)"),
    "bn_money": ("১২০ কোটি ৫০ লাখ মার্কিন ডলার ", "Bengali money amounts, no sentence end"),
    "bn_one_line": ("ভারতের সাথে সম্পর্ক এবং ", "one Bengali line with no sentence end"),
    "en_digits": ("19670403", "one run of ASCII digits"),
    "en_numbers": ("1,903,000 ", "comma-grouped numbers, no sentence end"),
    "en_date_prefix": ("on 3 April 1967 ", "English dates, no sentence end"),
    "en_in_year": ("in 1967 and ", "'in 1967 and ' repeated"),
    "en_states": ("India Bangladesh Malaysia Russia ", "English country names, no sentence end"),
    "en_states_and": ("relations between India and Bangladesh and ", "pairs, no sentence end"),
    "en_sentence": ("India and Bangladesh signed a trade agreement in 1980. ",
                    "an English fact sentence repeated (many facts)"),
    "en_money": ("US$ 1,903 million and ", "English money amounts"),
    "en_abbrev": ("Mr. Dr. U.S. St. ", "abbreviations that look like sentence ends"),
    "en_cue_pairs": ("India and Japan signed an agreement ", "pairs with agreement cues, no sentence end"),
    "en_cue_money": ("India US$ 5 million trade agreement ", "states, money and cues, no sentence end"),
    "bn_cue_pairs": ("ভারত ও জাপানের মধ্যে চুক্তি স্বাক্ষরিত হয় এবং ", "Bengali pairs with agreement cues, no sentence end"),
    "bn_cue_money": ("ভারত ১২০ কোটি ডলার চুক্তি ", "Bengali states, money and cues, no sentence end"),
    "en_one_line": ("the relations of the state with the other ", "one English line with no sentence end"),
    "en_caps": ("The Prime Minister Of The Republic ", "Title Case words (name-like)"),
    "quotes3": ("'''", "a run of '''"),
    "quotes_word": ("'''ভারত''' ", "bold words"),
    "links_open": ("[[", "unclosed [[ only"),
    "links_open_text": ("[[India ", "unclosed [[ with text"),
    "links_pipe": ("[[a|", "unclosed [[a| repeated"),
    "templates_open": ("{{", "unclosed {{ only"),
    "templates_open_text": ("{{cite |x=", "unclosed {{ with parameters"),
    "templates_close": ("}}", "only }}"),
    "heading_open": ("== ", "'== ' with no closing"),
    "heading_eq": ("=", "a run of ="),
    "heading_lines": ("== x ==\n", "many heading lines"),
    "ref_open": ("<ref>", "unclosed <ref>"),
    "comment_open": ("<!--", "unclosed comments"),
    "table_open": ("{|\n|", "unclosed tables"),
    "tags": ("<b><i>", "unclosed HTML tags"),
    "ext_link": ("[http://x.org ", "unclosed external links"),
    "parens": ("( ", "unclosed parentheses"),
    "parens_empty": ("(;", "almost empty parentheses, never closed"),
    "newlines": ("\n", "only newlines"),
    "spaces": (" ", "only spaces"),
    "dots": (".", "only full stops"),
    "danda": ("।", "only Bengali full stops"),
    "hash_heading": ("# ", "markdown heading marks"),
    "virama": ("ক্", "consonant + virama, never ending"),
    "combining": ("a\u0301\u0308", "Latin with stacked combining marks"),
    "zwj": ("\u200d\u200c", "zero-width joiners"),
}


def make_text(unit: str, size_bytes: int) -> str:
    """``unit`` repeated until the text is ``size_bytes`` of UTF-8 (rounded down to whole units)."""
    per = len(unit.encode("utf-8"))
    return unit * max(1, size_bytes // per)


def _run(unit: str, size_bytes: int, fmt: str, queue: mp.Queue) -> None:
    import sampark

    # Load both languages' data outside the timing.
    sampark.extract("India and Bangladesh signed a trade agreement in 1980.", fmt=fmt)
    sampark.extract("১৯৭২ সালে ভারত ও বাংলাদেশের মধ্যে একটি বাণিজ্য চুক্তি স্বাক্ষরিত হয়।", fmt=fmt)
    text = make_text(unit, size_bytes)
    # CPU time of this process: on a shared machine wall time mostly measures the neighbours.
    start = time.process_time()
    try:
        facts = sampark.extract(text, doc_id="hostile", fmt=fmt)
        queue.put(("ok", time.process_time() - start, len(facts)))
    except Exception as exc:  # noqa: BLE001 - the bench reports, it does not stop
        queue.put(("error", time.process_time() - start, repr(exc)[:200]))


def timed(unit: str, size_bytes: int, fmt: str, timeout: float) -> tuple[str, float, object]:
    """Extract in a child process; ("timeout", timeout, None) if it runs too long."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_run, args=(unit, size_bytes, fmt, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return "timeout", timeout, None
    try:
        return queue.get(timeout=5)
    except Exception:  # noqa: BLE001
        return "crashed", 0.0, f"exit code {child.exitcode}"


# Store cases: what the one fact of document i says.
STORE_CASES: dict[str, str] = {
    "distinct": "agreement_signed India-Pakistan, each in its own year (a new fact per document)",
    "repeated": "relations_established India-Pakistan in 1950 (one fact, one more source per document)",
    "dated": "trade_volume India-Pakistan, 20 years, values that merge or stay apart",
}


def _store_docs(case: str, n: int) -> tuple[list, dict]:
    from sampark.readers import SourceDoc

    docs, facts = [], {}
    for i in range(n):
        text = f"Document {i}: India and Pakistan, the fact of year {1000 + i}."
        doc = SourceDoc(f"doc{i:06d}", None, text, lang="en")
        quote = f"the fact of year {1000 + i}"
        start = text.index(quote)
        fact = {"id": f"f:{i}", "actors": ["IND", "PAK"], "attrs": {}, "cameo": "000", "lang": "en",
                "confidence": 0.9, "evidence": [{"doc": doc.id, "start": start, "end": start + len(quote),
                                                 "text": quote}]}
        if case == "distinct":
            fact.update(type="agreement_signed", date=str(1000 + i))
        elif case == "repeated":
            fact.update(type="relations_established", date="1950")
        else:
            fact.update(type="trade_volume", date=str(1990 + i % 20),
                        attrs={"value": 1e9 * (1 + i % 3), "currency": "USD", "flow": "total"})
        docs.append(doc)
        facts[doc.id] = [fact]
    return docs, facts


def _run_store(case: str, n: int, queue: mp.Queue) -> None:
    import os
    import tempfile

    from sampark.store import Store

    docs, facts = _store_docs(case, n)
    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(os.path.join(tmp, "kb.db"), extractor=lambda doc: facts[doc.id]) as store:
            start = time.process_time()
            summary = store.ingest(docs)
            queue.put(("ok", time.process_time() - start, summary.new))


def timed_store(case: str, n: int, timeout: float) -> tuple[str, float, object]:
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_run_store, args=(case, n, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return "timeout", timeout, None
    try:
        return queue.get(timeout=5)
    except Exception:  # noqa: BLE001
        return "crashed", 0.0, f"exit code {child.exitcode}"


def store_main(docs: list[int], max_ratio: float, timeout: float, out: str | None) -> int:
    """Store each case at each size; flag a doubling slower than ``max_ratio`` times the size before."""
    print(f"{'store case':12} " + " ".join(f"{n:>8d}" for n in docs) + "   ratios (CPU s, per doubling)")
    bad, results = [], []
    for case in STORE_CASES:
        times, status = [], "ok"
        for n in docs:
            outcome, seconds, _ = timed_store(case, n, timeout)
            times.append(seconds)
            if outcome != "ok":
                status = outcome
                break
        ratios = [b / a if a > 0 else float("nan") for a, b in zip(times, times[1:])]
        # Scaled to a doubling, whatever the step between sizes.
        steps = [(docs[i + 1] / docs[i]) for i in range(len(ratios))]
        per_doubling = [r ** (1 / math.log2(k)) for r, k in zip(ratios, steps)]
        # Under 0.2 s the ratio is mostly noise: only the larger runs count.
        slow = status != "ok" or any(r > max_ratio and t > 0.2 for r, t in zip(per_doubling, times[1:]))
        print(f"{case:12} " + " ".join(f"{t:8.2f}" for t in times) + "   "
              + " ".join(f"{r:5.2f}" for r in per_doubling) + ("  <-- " + (status.upper() if status != "ok"
                                                                          else "SUPER-LINEAR") if slow else ""))
        results.append({"case": case, "docs": docs[:len(times)], "seconds": times, "per_doubling": per_doubling,
                        "status": status, "superlinear": slow})
        if slow:
            bad.append(case)
    print(f"\naccepted up to {max_ratio:g} per doubling; super-linear or failing: " + (", ".join(bad) or "none"))
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1)
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", action="store_true", help="run the store's doubling cases instead")
    parser.add_argument("--docs", default="200,400,800", help="document counts for --store (default 200,400,800)")
    parser.add_argument("--max-store-ratio", type=float, default=2.3,
                        help="largest time ratio accepted per doubling of --store documents (default 2.3)")
    parser.add_argument("--sizes", default="1,2,4", help="sizes in MB, comma-separated (default 1,2,4)")
    parser.add_argument("--case", action="append", help="only this case (repeatable); default all")
    parser.add_argument("--fmt", choices=["text", "wikitext", "both"], default="both")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds before one run is given up")
    parser.add_argument("--max-ratio", type=float, default=6.0,
                        help="largest/smallest time ratio accepted, scaled to sizes 1:4 (default 6)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.store:
        return store_main([int(n) for n in args.docs.split(",")], args.max_store_ratio, args.timeout, args.json)

    sizes = [float(s) for s in args.sizes.split(",")]
    fmts = ["text", "wikitext"] if args.fmt == "both" else [args.fmt]
    names = args.case or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(CASES)}")
    expected = sizes[-1] / sizes[0]
    limit = args.max_ratio * expected / 4

    header = f"{'case':22} {'fmt':8} " + " ".join(f"{s:>7g}MB" for s in sizes) + "   s/MB (each size)       ratio  facts"
    print(header)
    print("-" * len(header))
    results = []
    bad = []
    for name in names:
        unit, _ = CASES[name]
        for fmt in fmts:
            times: list[float] = []
            status = "ok"
            facts: object = None
            for size in sizes:
                outcome, seconds, extra = timed(unit, int(size * MB), fmt, args.timeout)
                times.append(seconds)
                if outcome != "ok":
                    status, facts = outcome, extra
                    break
                facts = extra
            per_mb = [t / s for t, s in zip(times, sizes)]
            ratio = times[-1] / times[0] if status == "ok" and times[0] > 0 else float("nan")
            # Under ~0.05 s the ratio is noise; only a slow large run counts.
            superlinear = status != "ok" or (ratio > limit and times[-1] > 0.5)
            verdict = "" if not superlinear else ("  <-- " + (status.upper() if status != "ok" else "SUPER-LINEAR"))
            cells = " ".join(f"{t:9.2f}" if (i < len(times) - 1 or status == "ok") else f"{'>' + format(t, '.0f'):>9}"
                             for i, t in enumerate(times)) + " " * 10 * (len(sizes) - len(times))
            per = " ".join(f"{p:6.2f}" for p in (per_mb if status == "ok" else per_mb[:-1]))
            print(f"{name:22} {fmt:8} {cells}   {per:22} {ratio:6.2f}  {facts}{verdict}", flush=True)
            results.append({"case": name, "fmt": fmt, "sizes_mb": sizes[:len(times)], "seconds": times,
                            "seconds_per_mb": per_mb, "ratio": ratio, "status": status, "facts": facts,
                            "superlinear": superlinear})
            if superlinear:
                bad.append(f"{name}/{fmt}")
    print()
    print(f"linear expected: ratio ≈ {expected:g} (accepted up to {limit:g});",
          "super-linear or failing: " + (", ".join(bad) if bad else "none"))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(results, out, ensure_ascii=False, indent=1)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
