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

Each run happens in a child process with a (wall-clock) time limit, so a
super-linear case shows up as TIMEOUT instead of hanging the bench. Times are
the child's CPU seconds, which a busy machine disturbs far less than wall time. Exit status 1 when some
case grew super-linearly (ratio above --max-ratio) or timed out.
"""
from __future__ import annotations

import argparse
import json
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2,4", help="sizes in MB, comma-separated (default 1,2,4)")
    parser.add_argument("--case", action="append", help="only this case (repeatable); default all")
    parser.add_argument("--fmt", choices=["text", "wikitext", "both"], default="both")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds before one run is given up")
    parser.add_argument("--max-ratio", type=float, default=6.0,
                        help="largest/smallest time ratio accepted, scaled to sizes 1:4 (default 6)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)

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
