"""Extraction speed against spaCy's tokenizer and a regex pass, on the same texts.

Run from the repository root::

    python bench/extract.py               # every article of the Bengali dump + English wikitext
    python bench/extract.py --limit 50    # the first 50 Bengali articles only
    python bench/extract.py --profile 25  # also cProfile the extraction, top 25 functions

Texts: the articles of ``../shared/corpora/bnwiki-truncated-100k.xml.xz``
(read with :func:`sampark.readers.iter_documents`) and the English wikitext
in ``../shared/corpora/`` (``Foreign_relations_of_India.json`` and the pages
of ``enwiki-table-markup.xml``). The English is under 1 MB, so it is
repeated (``--en-repeat``, default 4; the copies get new ids) and the output
says so.

For each language it prints, in MB/s of UTF-8 input and documents/s:

- sampark: ``sampark.extract_source`` per document (the full pipeline);
- spaCy: ``spacy.blank(lang).tokenizer`` per document (tokenizer alone);
- regex: one ``regex.finditer(r"\\w+", text)`` pass, consumed (the floor);

and the ratios sampark/spaCy and regex/sampark, then the time of each
pipeline stage (each run on its own through ``sampark.pipeline.run``).

Speeds are computed from CPU time of this process (``time.process_time``),
which is what the code costs; wall-clock speeds are printed beside them
because the machine may be shared (see the load average in the header).
"""
from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import os
import platform
import pstats
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
BN_DUMP = CORPORA / "bnwiki-truncated-100k.xml.xz"
EN_FILES = (CORPORA / "Foreign_relations_of_India.json", CORPORA / "enwiki-table-markup.xml")
GOAL_VS_SPACY = 1.0  # sampark at least as fast as the tokenizer alone
GOAL_VS_REGEX = 5.0  # and within 5x of the regex pass


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (f"{model}, {os.cpu_count()} cores; Python {platform.python_version()} "
            f"({platform.python_implementation()}); {platform.system()} {platform.release()}; "
            f"load average {load}")


def load_texts(limit: int | None, en_repeat: int) -> dict[str, list]:
    """The SourceDocs to measure, by language."""
    from sampark.readers import SourceDoc, iter_documents

    bn = [d for d in iter_documents(BN_DUMP) if isinstance(d, SourceDoc)]
    if limit:
        bn = bn[:limit]
    en_once = [d for path in EN_FILES for d in iter_documents(path) if isinstance(d, SourceDoc)]
    en = [dataclasses.replace(d, id=f"{d.id}#{copy}") if copy else d
          for copy in range(max(1, en_repeat)) for d in en_once]
    return {"bn": bn, "en": en}


def mb(docs: Iterable) -> float:
    return sum(len(d.text.encode("utf-8")) for d in docs) / 1e6


class Timing:
    """CPU and wall seconds of one run over a set of documents."""

    def __init__(self, cpu: float, wall: float, megabytes: float, n_docs: int) -> None:
        self.cpu, self.wall, self.megabytes, self.n_docs = cpu, wall, megabytes, n_docs

    @property
    def mb_s(self) -> float:
        return self.megabytes / self.cpu if self.cpu else float("inf")

    @property
    def docs_s(self) -> float:
        return self.n_docs / self.cpu if self.cpu else float("inf")

    @property
    def wall_mb_s(self) -> float:
        return self.megabytes / self.wall if self.wall else float("inf")


def timed(run: Callable[[str], object], docs: list, texts: list[str] | None = None) -> Timing:
    texts = texts if texts is not None else [d.text for d in docs]
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for text in texts:
        run(text)
    return Timing(time.process_time() - cpu0, time.perf_counter() - wall0, mb(docs), len(docs))


def time_sampark(docs: list) -> tuple[Timing, int]:
    import sampark

    n_facts = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for doc in docs:
        n_facts += len(sampark.extract_source(doc))
    return Timing(time.process_time() - cpu0, time.perf_counter() - wall0, mb(docs), len(docs)), n_facts


def time_spacy(lang: str, docs: list) -> Timing | None:
    try:
        import spacy
    except ImportError:
        return None
    tokenizer = spacy.blank(lang).tokenizer
    tokenizer("warm up")
    return timed(lambda text: len(tokenizer(text)), docs)


def time_regex(docs: list) -> Timing:
    import regex

    word = regex.compile(r"\w+")

    def one_pass(text: str) -> None:
        for _ in word.finditer(text):
            pass

    return timed(one_pass, docs)


def document_for(source):
    """The Document ``sampark.extract_source`` would build for ``source``."""
    from sampark.model import Document

    doc = Document(id=source.id, raw=source.text, lang=source.lang, title=source.title, url=source.url,
                   format=source.format)
    if source.date:
        if source.format == "wikitext":
            doc.meta["revision_date"] = str(source.date)[:10]
        else:
            doc.date = str(source.date)[:10]
    return doc


def time_stages(docs: list) -> dict[str, float]:
    """CPU seconds per stage, each stage run on its own in pipeline order."""
    from sampark import pipeline

    names = [name for name, _ in pipeline.stages()]
    spent = dict.fromkeys(names, 0.0)
    for source in docs:
        doc = document_for(source)
        for name in names:
            t0 = time.process_time()
            doc = pipeline.run(doc, names=[name])
            spent[name] += time.process_time() - t0
    return spent


def profile(docs: list, top: int) -> str:
    import sampark

    prof = cProfile.Profile()
    prof.enable()
    for doc in docs:
        sampark.extract_source(doc)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs().sort_stats("tottime")
    stats.print_stats(top)
    return out.getvalue()


def row(label: str, t: Timing) -> str:
    return (f"  {label:<26} {t.mb_s:8.2f} MB/s {t.docs_s:9.1f} docs/s   "
            f"(CPU {t.cpu:7.2f} s; wall {t.wall:7.2f} s = {t.wall_mb_s:6.2f} MB/s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="Bengali articles to use (default: all)")
    parser.add_argument("--en-repeat", type=int, default=4, help="copies of the English texts (default 4)")
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage breakdown")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="cProfile the extraction and print the top N functions by own time")
    args = parser.parse_args(argv)

    if not BN_DUMP.exists() or not all(p.exists() for p in EN_FILES):
        print(f"skipped: the shared corpora are not there ({CORPORA}); nothing to measure.")
        return 0

    print(f"machine: {machine()}")
    t0 = time.perf_counter()
    import sampark  # noqa: F401 - startup cost is reported apart from the rates
    from sampark import pipeline

    pipeline.stages()
    sampark.extract("India and Bangladesh signed a treaty in 1972.", lang="en")
    sampark.extract("১৯৭২ সালে ভারত ও বাংলাদেশ চুক্তি করে।", lang="bn")
    print(f"startup (imports, language data, first extraction): {time.perf_counter() - t0:.2f} s wall, not counted")

    texts = load_texts(args.limit, args.en_repeat)
    en_once = len(texts["en"]) // max(1, args.en_repeat)
    print(f"texts: bn {len(texts['bn'])} articles, {mb(texts['bn']):.2f} MB of {BN_DUMP.name}; "
          f"en {en_once} documents, {mb(texts['en'][:en_once]):.2f} MB "
          f"(Foreign_relations_of_India.json + enwiki-table-markup.xml)"
          + (f", repeated {args.en_repeat}x with new ids = {mb(texts['en']):.2f} MB" if args.en_repeat > 1 else ""))
    print("rates are MB (UTF-8 bytes of the input) per CPU second of this process\n")

    summary = {}
    for lang, docs in texts.items():
        if not docs:
            continue
        print(f"[{lang}] {len(docs)} documents, {mb(docs):.2f} MB")
        sampark_t, n_facts = time_sampark(docs)
        print(row("sampark extract_source", sampark_t) + f"  {n_facts} facts")
        spacy_t = time_spacy(lang, docs)
        if spacy_t is not None:
            print(row(f'spaCy blank("{lang}") tokenizer', spacy_t))
        else:
            print("  spaCy: not installed, skipped")
        regex_t = time_regex(docs)
        print(row(r"regex \w+ pass", regex_t))
        vs_spacy = sampark_t.mb_s / spacy_t.mb_s if spacy_t else None
        vs_regex = regex_t.mb_s / sampark_t.mb_s
        if vs_spacy is not None:
            print(f"  sampark / spaCy   = {vs_spacy:6.2f}   (goal >= {GOAL_VS_SPACY:g}: "
                  f"{'met' if vs_spacy >= GOAL_VS_SPACY else 'NOT met'})")
        print(f"  regex / sampark   = {vs_regex:6.2f}   (goal <= {GOAL_VS_REGEX:g}: "
              f"{'met' if vs_regex <= GOAL_VS_REGEX else 'NOT met'})")
        summary[lang] = (sampark_t, spacy_t, regex_t)
        if not args.no_stages:
            spent = time_stages(docs)
            total = sum(spent.values()) or 1.0
            print(f"  stages (CPU s, share, MB/s of the stage alone; run {total:.2f} s):")
            for name, secs in spent.items():
                rate = mb(docs) / secs if secs else float("inf")
                print(f"    {name:<10} {secs:7.2f} s {100 * secs / total:5.1f}%  {rate:9.2f} MB/s")
        print()

    if args.profile:
        docs = texts["bn"] + texts["en"][:en_once]
        print(f"cProfile of extract_source over {len(docs)} documents (top {args.profile} by own time):")
        print(profile(docs, args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
