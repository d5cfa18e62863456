"""The development gold set: manifest, documents, section spans and scoring.

Shared by ``tests/test_gold_gate.py`` (the quality gate) and
``tests/gold/score_dev.py`` (the developer's report). The documents are read
from the shared corpora beside the checkout (``../shared``, or the folder in
``SAMPARK_SHARED``); nothing of their text is kept in this repository.

A manifest line names one gold document::

    {"doc": id, "lang": "bn"|"en", "source": path relative to the corpora
     folder, "section": heading or "Parent > Child" or null, "gold": path
     relative to tests/gold/ (or "shared_gold": path relative to the corpora
     folder), "kind": "wikipedia"|"news", "group": optional, default lang}

Where a section is given, only predictions whose evidence starts inside it
count: from its ``==heading==`` line to the next heading of the same or a
higher level.
"""
from __future__ import annotations

import csv
import importlib.util
import io
import json
import lzma
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SHARED = Path(os.environ.get("SAMPARK_SHARED", REPO.parent / "shared")).resolve()
CORPORA = SHARED / "corpora"
MANIFEST = HERE / "manifest.jsonl"
FLOORS = HERE / "floors.json"

FACT_TYPES = {
    "relations_established", "relations_restored", "relations_improved", "relations_strained",
    "relations_severed", "mission_opened", "mission_closed", "agreement_signed",
    "agreement_negotiated", "visit", "meeting", "statement", "trade_volume", "trade_goods",
    "arms_transfer", "cooperation", "aid", "sanction", "conflict",
}


def shared_available() -> bool:
    return (SHARED / "tools" / "score.py").is_file() and CORPORA.is_dir()


# --- manifest and gold ------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    doc: str
    lang: str
    source: str
    section: str | None
    gold: str | None
    kind: str
    group: str
    shared_gold: str | None = None
    split: str = "tune"

    @property
    def source_path(self) -> Path:
        return (CORPORA / self.source).resolve()

    @property
    def gold_path(self) -> Path:
        if self.shared_gold:
            return (CORPORA / self.shared_gold).resolve()
        return HERE / self.gold

    @property
    def label(self) -> str:
        return f"{self.doc} [{self.section}]" if self.section else self.doc


def load_manifest(path: Path = MANIFEST) -> list[Entry]:
    entries = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            entries.append(Entry(doc=row["doc"], lang=row["lang"], source=row["source"],
                                 section=row.get("section"), gold=row.get("gold"),
                                 kind=row.get("kind", "wikipedia"),
                                 group=row.get("group") or row["lang"],
                                 shared_gold=row.get("shared_gold"),
                                 split=row.get("split", "tune")))
    return entries


def load_gold(entry: Entry) -> list[dict[str, Any]]:
    with open(entry.gold_path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


# --- documents --------------------------------------------------------------------

@dataclass
class Doc:
    id: str
    title: str | None
    text: str
    lang: str | None
    date: str | None
    format: str


_DOCS: dict[Path, dict[str, Doc]] = {}


def load_document(entry: Entry) -> Doc:
    """The document's text as the reader gives it (cached per source file)."""
    path = entry.source_path
    if path not in _DOCS:
        _DOCS[path] = _read_source(path)
    docs = _DOCS[path]
    if entry.doc not in docs:
        raise KeyError(f"{entry.doc} not found in {path}")
    return docs[entry.doc]


def _read_source(path: Path) -> dict[str, Doc]:
    try:
        from sampark.readers import iter_documents
    except ImportError:  # the readers are not there: a tiny private loader
        return {d.id: d for d in _fallback_read(path)}
    out = {}
    for d in iter_documents(path):
        if getattr(d, "id", None) is None or getattr(d, "text", None) is None:
            continue  # a ReadProblem (the bnwiki dump is cut off mid-page)
        out[d.id] = Doc(id=d.id, title=d.title, text=d.text, lang=d.lang, date=d.date,
                        format=d.format or "text")
    return out


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".bz2", ".xz", ".xml", ".json", ".csv", ".txt"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _fallback_read(path: Path) -> list[Doc]:
    stem = _stem(path)
    name = path.name.lower()
    if name.endswith(".txt"):
        return [Doc(stem, None, path.read_text(encoding="utf-8"), None, None, "text")]
    if name.endswith(".json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Doc(stem, stem.replace("_", " "), data, None, None, "wikitext")] if isinstance(data, str) else []
    if name.endswith(".csv"):
        rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
        return [Doc(f"{stem}/{i}", r.get("title"), r.get("content") or r.get("text") or "", None,
                    None, "text") for i, r in enumerate(rows, 1)]
    if ".xml" in name:
        return _fallback_dump(path, stem)
    return []


def _fallback_dump(path: Path, stem: str) -> list[Doc]:
    fh = lzma.open(path, "rb") if name_endswith(path, ".xz") else open(path, "rb")
    out = []
    local = lambda tag: tag.rsplit("}", 1)[-1]
    try:
        for _, el in ET.iterparse(fh, events=("end",)):
            if local(el.tag) != "page":
                continue
            kids = {local(c.tag): c for c in el}
            rev = kids.get("revision")
            rkids = {local(c.tag): c for c in rev} if rev is not None else {}
            if (kids.get("ns") is not None and kids["ns"].text == "0" and "redirect" not in kids
                    and rkids.get("text") is not None):
                ts = rkids.get("timestamp")
                out.append(Doc(f"{stem}/{kids['id'].text}", kids["title"].text,
                               rkids["text"].text or "", None,
                               ts.text[:10] if ts is not None and ts.text else None, "wikitext"))
            el.clear()
    except ET.ParseError:
        pass  # a truncated dump: keep the pages read so far
    finally:
        fh.close()
    return out


def name_endswith(path: Path, suffix: str) -> bool:
    return path.name.lower().endswith(suffix)


# --- sections ---------------------------------------------------------------------

_HEADING = re.compile(r"(?m)^(={1,6})[ \t]*(.+?)[ \t]*\1[ \t]*$")


def _norm_heading(s: str) -> str:
    s = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", s)  # [[target|label]] -> label
    s = s.replace("'''", "").replace("''", "")
    s = unicodedata.normalize("NFC", s)
    return " ".join(s.split())


def headings(text: str) -> list[tuple[int, str, int]]:
    """(level, heading text, offset of the heading line) in order."""
    return [(len(m.group(1)), _norm_heading(m.group(2)), m.start()) for m in _HEADING.finditer(text)]


def section_span(text: str, section: str | None) -> tuple[int, int]:
    """The span of a section: its heading line up to the next heading of the
    same or a higher level. ``"A > B"`` is heading B inside section A."""
    if not section:
        return 0, len(text)
    hs = headings(text)
    lo, hi, min_level = 0, len(text), 0
    for part in [p.strip() for p in section.split(" > ")]:
        want = _norm_heading(part)
        for i, (level, name, start) in enumerate(hs):
            if lo <= start < hi and level > min_level and name == want:
                end = hi
                for level2, _, start2 in hs[i + 1:]:
                    if start2 >= hi:
                        break
                    if level2 <= level:
                        end = start2
                        break
                lo, hi, min_level = start, end, level
                break
        else:
            raise KeyError(f"section {section!r}: heading {part!r} not found")
    return lo, hi


def in_section(fact: dict[str, Any], doc_id: str, span: tuple[int, int]) -> bool:
    return any(ev.get("doc") == doc_id and isinstance(ev.get("start"), int)
               and span[0] <= ev["start"] < span[1] for ev in fact.get("evidence") or [])


# --- extraction and scoring -------------------------------------------------------

_SCORER = None


def scorer():
    """The shared scorer module (``../shared/tools/score.py``)."""
    global _SCORER
    if _SCORER is None:
        spec = importlib.util.spec_from_file_location("sampark_shared_score", SHARED / "tools" / "score.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        _SCORER = mod
    return _SCORER


def extractor_missing() -> str | None:
    """Why ``sampark.extract`` cannot run yet (a stage module is missing), or None."""
    try:
        from sampark import pipeline
        pipeline.stages()
    except ModuleNotFoundError as exc:
        if (exc.name or "").startswith("sampark"):
            return f"extractor not built yet: {exc}"
        raise
    return None


_PREDICTIONS: dict[str, list[dict[str, Any]]] = {}


def predict(doc: Doc, lang: str) -> list[dict[str, Any]]:
    """``sampark.extract`` on the whole document (cached per document id)."""
    if doc.id not in _PREDICTIONS:
        import sampark
        _PREDICTIONS[doc.id] = list(sampark.extract(doc.text, lang=lang, doc_id=doc.id, fmt=doc.format,
                                                    title=doc.title, date=doc.date))
    return _PREDICTIONS[doc.id]


@dataclass
class DocResult:
    entry: Entry
    result: dict[str, Any]
    gold: list[dict[str, Any]]
    pred: list[dict[str, Any]]
    ev_good: int = 0
    ev_spans: int = 0


def score_entry(entry: Entry, pred: list[dict[str, Any]] | None = None, types=None) -> DocResult:
    """Score one manifest document; ``pred`` defaults to ``sampark.extract``'s output."""
    doc = load_document(entry)
    if pred is None:
        pred = predict(doc, entry.lang)
    span = section_span(doc.text, entry.section)
    kept = [p for p in pred if in_section(p, doc.id, span)]
    if types:
        kept = [p for p in kept if p.get("type") in types]
    gold = load_gold(entry)
    sc = scorer()
    result = sc.score(gold, kept, doc.text, doc.id, types)
    good, spans = sc.evidence_ok(kept, doc.text, doc.id)
    return DocResult(entry, result, gold, kept, good, spans)


@dataclass
class Totals:
    docs: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    optional_matched: int = 0
    dated_matched: int = 0
    exact_dated_matched: int = 0
    undated_matched: int = 0
    invented_dates: int = 0
    ev_good: int = 0
    ev_spans: int = 0
    rows: list[DocResult] = field(default_factory=list)

    def add(self, r: DocResult) -> None:
        self.docs += 1
        for key in ("gold", "predicted", "matched", "optional_matched", "dated_matched",
                    "exact_dated_matched", "undated_matched", "invented_dates"):
            setattr(self, key, getattr(self, key) + r.result[key])
        self.ev_good += r.ev_good
        self.ev_spans += r.ev_spans
        self.rows.append(r)

    @property
    def precision(self) -> float:
        denom = self.predicted - self.optional_matched
        return self.matched / denom if denom else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_dates(self) -> float | None:
        return self.exact_dated_matched / self.dated_matched if self.dated_matched else None

    @property
    def evidence_exact(self) -> float | None:
        return self.ev_good / self.ev_spans if self.ev_spans else None

    @property
    def invented_share(self) -> float | None:
        """Matched facts the gold leaves undated that got a date anyway, as a share."""
        return self.invented_dates / self.undated_matched if self.undated_matched else None

    def metrics(self) -> dict[str, float | None]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "exact_dates": self.exact_dates, "evidence_exact": self.evidence_exact,
                "invented_share": self.invented_share}

    def report(self) -> dict[str, Any]:
        """The figures ``score_dev.py --json`` prints for one split, source, type or language."""
        r4 = lambda x: None if x is None else round(x, 4)  # noqa: E731
        return {"docs": self.docs, "gold": self.gold, "predicted": self.predicted,
                "optional_matched": self.optional_matched, "matched": self.matched, "precision": r4(self.precision), "recall": r4(self.recall),
                "f1": r4(self.f1), "exact_dates": r4(self.exact_dates),
                "invented_dates": self.invented_dates, "undated_matched": self.undated_matched,
                "invented_share": r4(self.invented_share), "evidence_exact": r4(self.evidence_exact)}


def score_group(entries: list[Entry], types=None) -> Totals:
    totals = Totals()
    for entry in entries:
        totals.add(score_entry(entry, types=types))
    return totals


def groups(entries: list[Entry]) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    for e in entries:
        out.setdefault(e.group, []).append(e)
    return out


def supported_languages() -> set[str]:
    """The languages sampark has data for (``sampark/lang/<code>/``)."""
    try:
        import sampark.lang as lang_pkg
    except ImportError:
        return set()
    root = Path(lang_pkg.__file__).resolve().parent
    return {p.name for p in root.iterdir() if p.is_dir() and len(p.name) == 2 and any(p.iterdir())}


def scored(entries: list[Entry]) -> list[Entry]:
    """The entries that count in splits and floors: not the seed (its own group), and
    only in a language the extractor supports (a language's gold can come first)."""
    langs = supported_languages()
    return [e for e in entries if e.group != "seed" and e.lang in langs]


def by_split(entries: list[Entry]) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {"tune": [], "check": []}
    for e in scored(entries):
        out.setdefault(e.split, []).append(e)
    return out


def by_key(entries: list[Entry], key) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    for e in entries:
        out.setdefault(key(e), []).append(e)
    return dict(sorted(out.items()))


def check_floors(totals: Totals, floors: dict[str, float]) -> list[str]:
    """The floors ``totals`` falls below, as messages (empty: all met).
    A metric with nothing to measure (no dated match, no evidence) passes
    only where its floor is 0, except evidence_exact: no spans, no bad span."""
    failures = []
    metrics = totals.metrics()
    for key, ceiling in floors.items():
        if key.endswith("_max"):  # a ceiling: invented_share_max
            value = metrics.get(key[:-4])
            if value is not None and value > ceiling + 1e-9:
                failures.append(f"{key[:-4]} {value:.3f} > ceiling {ceiling}")
    for key, floor in floors.items():
        if key.endswith("_max"):
            continue
        value = metrics.get(key)
        if value is None:
            if key == "evidence_exact" or floor <= 0:
                continue
            failures.append(f"{key}: nothing to measure, floor {floor}")
        elif value + 1e-9 < floor:
            failures.append(f"{key} {value:.3f} < floor {floor}")
    return failures


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def table(totals: Totals, name: str) -> str:
    lines = [f"== {name}: {totals.docs} documents",
             f"{'document':58} {'gold':>4} {'pred':>4} {'hit':>4} {'P':>5} {'R':>5} {'F1':>5} {'date':>5} {'ev':>5}"]
    for r in totals.rows:
        res = r.result
        ev = r.ev_good / r.ev_spans if r.ev_spans else None
        label = r.entry.label
        if len(label) > 58:
            label = label[:57] + "…"
        lines.append(f"{label:58} {res['gold']:>4} {res['predicted']:>4} {res['matched']:>4} "
                     f"{res['precision']:>5.2f} {res['recall']:>5.2f} {res['f1']:>5.2f} "
                     f"{_fmt(res['exact_dates']):>5} {_fmt(ev):>5}")
    m = totals.metrics()
    lines.append(f"{'micro ' + name:58} {totals.gold:>4} {totals.predicted:>4} {totals.matched:>4} "
                 f"{m['precision']:>5.2f} {m['recall']:>5.2f} {m['f1']:>5.2f} "
                 f"{_fmt(m['exact_dates']):>5} {_fmt(m['evidence_exact']):>5}")
    return "\n".join(lines)


def details(r: DocResult) -> str:
    """Misses and extras of one document, as the shared scorer's -v prints them."""
    by_id = {g["id"]: g for g in r.gold}
    lines = []
    for gid in r.result["missed"]:
        g = by_id[gid]
        lines.append(f"  missed {gid} {g['type']} {g['actors']} {g.get('date')}  {g.get('note', '')}")
    for i in r.result["unmatched_predictions"]:
        p = r.pred[i]
        ev = (p.get("evidence") or [{}])[0]
        quote = " ".join((ev.get("text") or "").split())[:90]
        lines.append(f"  extra  {p.get('type')} {p.get('actors')} {p.get('date')} @{ev.get('start')}  {quote}")
    return "\n".join(lines)
