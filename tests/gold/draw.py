#!/usr/bin/env python3
"""The seeded draw of development documents and their tune/check split.

    python tests/gold/draw.py            # print the drawn manifest lines (what was added)
    python tests/gold/draw.py --write    # rewrite manifest.jsonl: existing lines kept, new ones added

The draw is deterministic: the same corpora and the same SEED give the same
documents. From each source it takes documents that name two or more states
(CLDR territory names in the document's language, via babel: a list that is
independent of the extractor) and that are not already in the manifest; for
Wikipedia pages it then draws one section (a level-2 or level-3 heading whose
text is unique on the page, not a boilerplate section, 300 to 8,000
characters) that names two or more states. News and official records longer
than MAX_CHARS are left out of the draw (the annotation budget; written down
in README.md so that the bias is known).

Splits: documents annotated before the split existed were read while rules
were written, so they are all ``tune``. Of each source's newly drawn documents
a seeded shuffle puts enough in ``check`` that about a third of the source's
documents are ``check``; the rest are ``tune``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import devset  # noqa: E402

SEED = 20261204
MAX_CHARS = 12_000
SECTION_CHARS = (300, 8_000)

# (source file, language, kind, how many new documents, slug prefix); BATCHES[n] is
# drawn after BATCHES[n-1], from what it left, with a seed of its own.
PLAN = [
    ("en-news-reuters21578.jsonl.xz", "en", "news", 28, "reuters"),
    ("en-news-pakistan-panda.jsonl", "en", "news", 22, "panda"),
    ("en-official-whitehouse-2021-2024.jsonl", "en", "official", 20, "whitehouse"),
    ("en-official-singapore-mfa-2021-2023.jsonl", "en", "official", 18, "sgmfa"),
    ("enwiki-foreign-relations.jsonl.xz", "en", "wikipedia", 12, "enwiki-fr"),
    ("framing_geo_pakistan_cleaned_pakistan.csv", "bn", "news", 12, "news"),
    ("bn-news-framing-other.jsonl", "bn", "news", 22, "bnnews-other"),
    ("bnwiki-truncated-100k.xml.xz", "bn", "wikipedia", 10, "bnwiki"),
    ("hi-news-bbc-international.jsonl", "hi", "news", 21, "bbchindi"),
]
# The second batch: more of the sources richest in facts per document, so that
# the set reaches 900 required facts (batch 1 gave about 700).
PLAN2 = [
    ("en-official-whitehouse-2021-2024.jsonl", "en", "official", 15, "whitehouse"),
    ("en-official-singapore-mfa-2021-2023.jsonl", "en", "official", 12, "sgmfa"),
    ("enwiki-foreign-relations.jsonl.xz", "en", "wikipedia", 15, "enwiki-fr"),
    ("framing_geo_pakistan_cleaned_pakistan.csv", "bn", "news", 10, "news"),
    ("bn-news-framing-other.jsonl", "bn", "news", 15, "bnnews-other"),
]
# The third: Wikipedia sections, the densest in facts, to clear 900 with a margin.
PLAN3 = [
    ("enwiki-foreign-relations.jsonl.xz", "en", "wikipedia", 10, "enwiki-fr"),
]
BATCHES: list[list[tuple[str, str, str, int, str]]] = [PLAN, PLAN2, PLAN3]

BOILERPLATE = re.compile(
    r"see also|references|external links|notes|further reading|bibliography|sources|citations|"
    r"আরও দেখুন|তথ্যসূত্র|বহিঃসংযোগ|টীকা|উৎস|গ্রন্থপঞ্জি|আরো দেখুন|পাদটীকা", re.I)


def state_names(lang: str) -> dict[str, list[str]]:
    """CLDR territory names of the ISO states, by alpha-2 code."""
    import pycountry
    from babel import Locale

    names: dict[str, list[str]] = {}
    for loc in {lang, "en"}:
        for code, name in Locale.parse(loc).territories.items():
            if len(code) == 2 and code.isalpha() and pycountry.countries.get(alpha_2=code):
                names.setdefault(code, []).append(name)
    return names


def _matcher(lang: str):
    names = state_names(lang)
    pats = []
    for code, forms in names.items():
        for form in forms:
            if len(form) < 3:
                continue
            # Latin names need word boundaries; Bengali and Devanagari names take case endings.
            body = re.escape(form)
            pats.append((code, re.compile(rf"\b{body}\b" if form.isascii() else body)))
    return pats


def states_named(text: str, pats) -> set[str]:
    return {code for code, pat in pats if pat.search(text)}


def wiki_sections(text: str) -> list[tuple[str, int, int]]:
    """(heading, start, end) of unique level-2/3 headings."""
    hs = devset.headings(text)
    counts: dict[str, int] = {}
    for _, name, _ in hs:
        counts[name] = counts.get(name, 0) + 1
    out = []
    for level, name, _ in hs:
        if level not in (2, 3) or counts[name] != 1 or BOILERPLATE.search(name):
            continue
        try:
            lo, hi = devset.section_span(text, name)
        except KeyError:
            continue
        out.append((name, lo, hi))
    return out


def slug(prefix: str, doc_id: str, section: str | None) -> str:
    """A readable, stable file name: the id's last path part, the section, a short hash."""
    tail = doc_id.split("/", 1)[-1].rstrip("/").rsplit("/", 1)[-1]
    tail = re.sub(r"\.(json|md|html?|txt)$", "", tail)
    tail = re.sub(r"(?i)^foreign relations of ", "", tail)
    if section:
        tail += "-" + section
    tail = re.sub(r"[^0-9A-Za-z]+", "-", tail).strip("-").lower()[:48].strip("-")
    key = hashlib.sha1(f"{doc_id}|{section}".encode("utf-8")).hexdigest()[:6]
    return f"{prefix}-{tail}-{key}" if tail else f"{prefix}-{key}"


def draw(existing: list[devset.Entry]) -> list[dict]:
    """Every batch's lines, from the manifest's hand-picked lines (those without a batch)."""
    taken = {(e.source, e.doc) for e in existing}
    out: list[dict] = []
    for number, plan in enumerate(BATCHES, start=1):
        rows = draw_batch(plan, number, taken, existing, out)
        taken |= {(r["source"], r["doc"]) for r in rows}
        out.extend(rows)
    return out


def draw_batch(plan, number: int, taken: set, existing: list[devset.Entry],
               earlier: list[dict]) -> list[dict]:
    from sampark.readers import iter_documents

    out = []
    tag = "" if number == 1 else f":batch{number}"
    for source, lang, kind, n, prefix in plan:
        rng = random.Random(f"{SEED}:{source}{tag}")
        pats = _matcher(lang)
        docs = [d for d in iter_documents(devset.CORPORA / source)
                if getattr(d, "text", None) and (source, d.id) not in taken]
        rng.shuffle(docs)
        picked = []
        for d in docs:
            if len(picked) == n:
                break
            section = None
            if kind == "wikipedia":
                sections = [s for s in wiki_sections(d.text)
                            if SECTION_CHARS[0] <= s[2] - s[1] <= SECTION_CHARS[1]
                            and len(states_named(d.text[s[1]:s[2]], pats)) >= 2]
                if not sections:
                    continue
                section = rng.choice(sections)[0]
            else:
                if len(d.text) > MAX_CHARS or len(states_named(d.text, pats)) < 2:
                    continue
            picked.append({"doc": d.id, "lang": lang, "source": source, "section": section,
                           "gold": f"{lang}/{slug(prefix, d.id, section)}.facts.jsonl", "kind": kind,
                           "batch": number})
        if len(picked) < n:
            print(f"draw: {source}: only {len(picked)} of {n} documents qualify", file=sys.stderr)
        # The split: about a third of the source's documents in check, drawn from the new ones.
        old = sum(1 for e in existing if e.source == source and e.group != "seed")
        old += sum(1 for r in earlier if r["source"] == source)
        old_check = sum(1 for r in earlier if r["source"] == source and r["split"] == "check")
        n_check = max(0, min(len(picked), round((old + len(picked)) / 3) - old_check))
        order = list(range(len(picked)))
        random.Random(f"{SEED}:split:{source}{tag}").shuffle(order)
        check = set(order[:n_check])
        for i, row in enumerate(picked):
            row["split"] = "check" if i in check else "tune"
        out.extend(picked)
    return out


def inventory(entries: list[devset.Entry]) -> str:
    """A Markdown table: per source, documents (tune/check) and core + optional facts."""
    rows = []
    totals = [0, 0, 0, 0, 0]
    for source, members in devset.by_key(entries, lambda e: e.source).items():
        gold = [g for e in members for g in devset.load_gold(e)]
        core = sum(1 for g in gold if not g["optional"])
        tune = sum(1 for e in members if e.split == "tune" and e.group != "seed")
        check = sum(1 for e in members if e.split == "check")
        kinds = "/".join(sorted({e.kind for e in members}))
        langs = "/".join(sorted({e.lang for e in members}))
        name = "seed" if all(e.group == "seed" for e in members) else source
        rows.append(f"| {name} | {langs} | {kinds} | {len(members)} | {tune} / {check} | "
                    f"{core} + {len(gold) - core} |")
        for i, n in enumerate((len(members), tune, check, core, len(gold) - core)):
            totals[i] += n
    head = ["| source | lang | kind | documents | tune / check | core + optional facts |",
            "|---|---|---|---|---|---|"]
    tail = [f"| **total** | | | {totals[0]} | {totals[1]} / {totals[2]} | {totals[3]} + {totals[4]} |"]
    return "\n".join(head + rows + tail)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="append the drawn lines to manifest.jsonl")
    ap.add_argument("--inventory", action="store_true",
                    help="print the manifest's documents and facts per source and split (Markdown)")
    args = ap.parse_args(argv)
    manifest = devset.load_manifest()
    if args.inventory:
        print(inventory(manifest))
        return 0
    with open(devset.MANIFEST, encoding="utf-8") as fh:
        lines = [json.loads(line) for line in fh if line.strip()]
    hand = [e for e, line in zip(manifest, lines) if "batch" not in line]
    rows = draw(hand)
    if not args.write:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    old = [line for line in lines if "batch" not in line]
    for row in old:
        row.setdefault("split", "tune")
    tmp = devset.MANIFEST.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for row in old + rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(devset.MANIFEST)  # readers never see a half-written manifest
    print(f"manifest: {len(old)} kept, {len(rows)} added", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
