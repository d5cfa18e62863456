"""The write side of the store: one document in, its facts merged, in one transaction.

Each document is written in its own transaction (crash safety: a killed
process leaves whole documents only) and is idempotent by content hash (the
same id with the same hash is left alone; a changed hash replaces that
document's evidence). After a document's evidence changes, every (type,
pair) group it touches is reclustered from all the evidence of that group
(see :mod:`sampark.store.merge`).
"""
from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sampark.readers import ReadProblem, SourceDoc
from sampark.store import merge
from sampark.store.db import Database


@dataclass
class IngestSummary:
    """What an ingest did.

    Attributes:
        read: documents read (whatever became of them).
        new, unchanged, replaced: documents by outcome.
        skipped: ``(doc id, reason)`` for documents not stored.
        problems: input that could not be read (from the readers).
        facts_new: per-document facts that became a fact of their own.
        facts_merged: per-document facts merged into a fact other documents support.
        facts_rejected: ``Counter`` of per-document facts refused, by reason.
        conflicts: conflicts in the store after, minus before.
        passed_over: ``Counter`` of input deliberately not read (redirects, ...).
    """

    read: int = 0
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    facts_new: int = 0
    facts_merged: int = 0
    facts_rejected: Counter = field(default_factory=Counter)
    conflicts: int = 0
    passed_over: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": {"read": self.read, "new": self.new, "unchanged": self.unchanged,
                          "replaced": self.replaced, "skipped": len(self.skipped)},
            "skipped": [{"doc": d, "reason": r} for d, r in self.skipped],
            "problems": [{"path": p.path, "code": p.code, "message": p.message, "line": p.line,
                          "offset": p.offset} for p in self.problems],
            "facts": {"new": self.facts_new, "merged": self.facts_merged,
                      "rejected": dict(self.facts_rejected)},
            "conflicts": self.conflicts,
            "passed_over": dict(self.passed_over),
        }


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _default_extractor(doc: SourceDoc) -> list[dict[str, Any]]:
    """The pipeline, for callers that open a store without passing an extractor."""
    from sampark.pipeline import extract_source  # late: the store itself needs no extractor

    return extract_source(doc)


class Writer:
    """Writes documents and keeps merged facts and conflicts up to date."""

    def __init__(self, db: Database, extractor: Any = None) -> None:
        self.db = db
        self.extractor = extractor or _default_extractor

    def stored_hash(self, doc_id: str) -> str | None:
        row = self.db.one("SELECT hash FROM documents WHERE id = ?", (doc_id,))
        return row[0] if row else None

    def ingest_document(self, doc: SourceDoc, summary: IngestSummary | None = None) -> str:
        """Store one document and merge its facts.

        Returns:
            ``"new"``, ``"unchanged"``, ``"replaced"`` or ``"skipped"`` (the
            reason goes to ``summary.skipped``).
        """
        summary = summary if summary is not None else IngestSummary()
        summary.read += 1
        if not doc.text.strip():
            summary.skipped.append((doc.id, "[W002] empty document"))
            return "skipped"
        if self.stored_hash(doc.id) == doc.hash:
            summary.unchanged += 1
            return "unchanged"
        # Extraction is the slow part; it runs before the write lock is taken.
        try:
            facts = self.extractor(doc)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a corpus
            summary.skipped.append((doc.id, f"[E312] {doc.id}: extraction failed: {type(exc).__name__}: {exc}"))
            return "skipped"
        kept: list[dict[str, Any]] = []
        for fact in facts:
            reason = merge.valid_fact(fact)
            if reason:
                summary.facts_rejected[reason] += 1
            else:
                kept.append(fact)
        with self.db.write():
            previous = self.stored_hash(doc.id)
            if previous == doc.hash:
                # Another process stored it while this one was extracting.
                summary.unchanged += 1
                return "unchanged"
            groups = set()
            if previous is not None:
                groups |= {tuple(r) for r in self.db.all(
                    "SELECT DISTINCT type, pair_key FROM evidence WHERE doc_id = ?", (doc.id,))}
                self.db.execute("DELETE FROM evidence WHERE doc_id = ?", (doc.id,))
                self.db.execute(
                    "UPDATE documents SET title = ?, lang = ?, url = ?, date = ?, format = ?, source_path = ?,"
                    " hash = ?, ingested_at = ?, n_facts = ?, text = ? WHERE id = ?",
                    (doc.title, doc.lang, doc.url, doc.date, doc.format, doc.source_path, doc.hash, _now(),
                     len(kept), doc.text, doc.id))
            else:
                self.db.execute(
                    "INSERT INTO documents (id, title, lang, url, date, format, source_path, hash, ingested_at,"
                    " n_facts, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc.id, doc.title, doc.lang, doc.url, doc.date, doc.format, doc.source_path, doc.hash,
                     _now(), len(kept), doc.text))
            rows = []
            for ord_, fact in enumerate(kept):
                fact = dict(fact)
                fact.setdefault("lang", doc.lang)
                key = merge.pair_key(*fact["actors"][:2])
                groups.add((fact["type"], key))
                spans = fact.get("evidence") or [{}]
                for span_no, span in enumerate(spans):
                    span = span if isinstance(span, dict) else {}
                    rows.append((doc.id, ord_, span_no, fact["type"], key, span.get("start"), span.get("end"),
                                 span.get("text"), fact.get("lang"),
                                 json.dumps(fact, ensure_ascii=False) if span_no == 0 else None))
            self.db.executemany(
                'INSERT INTO evidence (doc_id, ord, span, type, pair_key, "start", "end", text, lang, original)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            for fact_type, key in sorted(groups):
                self.recluster(fact_type, key)
            for (n_docs,) in self.db.all(
                    "SELECT f.n_docs FROM evidence e JOIN facts f ON f.id = e.fact_id"
                    " WHERE e.doc_id = ? AND e.span = 0", (doc.id,)):
                if n_docs > 1:
                    summary.facts_merged += 1
                else:
                    summary.facts_new += 1
        if previous is None:
            summary.new += 1
            return "new"
        summary.replaced += 1
        return "replaced"

    def recluster(self, fact_type: str, key: str) -> None:
        """Recompute the merged facts and conflicts of one (type, pair) group."""
        rows = self.db.all(
            "SELECT doc_id, ord, original FROM evidence WHERE type = ? AND pair_key = ? AND span = 0"
            " ORDER BY doc_id, ord", (fact_type, key))
        self.db.execute(
            "DELETE FROM conflict_members WHERE conflict_id IN"
            " (SELECT id FROM conflicts WHERE type = ? AND pair_key = ?)", (fact_type, key))
        self.db.execute("DELETE FROM conflicts WHERE type = ? AND pair_key = ?", (fact_type, key))
        self.db.execute("DELETE FROM facts WHERE type = ? AND pair_key = ?", (fact_type, key))
        members = merge.members_from((doc_id, ord_, json.loads(original)) for doc_id, ord_, original in rows)
        clusters = merge.cluster_members(members)
        now = _now()
        fact_rows, links = [], []
        for cluster in clusters:
            rec = cluster.record
            span = rec["date_span"] or (None, None)
            fact_rows.append((rec["id"], fact_type, rec["actors"][0], rec["actors"][1], key, int(rec["directed"]),
                              rec["date"], span[0], span[1], json.dumps(rec["attrs"], ensure_ascii=False),
                              rec["cameo"], rec["confidence"], rec["lang"], json.dumps(rec["langs"]),
                              len(rec["evidence"]), rec["n_docs"], now))
            links += [(rec["id"], m.doc_id, m.ord) for m in cluster.members]
        self.db.executemany(
            "INSERT INTO facts (id, type, actor_a, actor_b, pair_key, directed, date, date_lo, date_hi, attrs,"
            " cameo, confidence, lang, langs, n_evidence, n_docs, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", fact_rows)
        self.db.executemany("UPDATE evidence SET fact_id = ? WHERE doc_id = ? AND ord = ?", links)
        for conflict in merge.find_conflicts(fact_type, clusters):
            self.db.execute(
                "INSERT INTO conflicts (id, kind, reason, type, pair_key, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (conflict["id"], conflict["kind"], conflict["reason"], fact_type, key, now))
            self.db.executemany("INSERT INTO conflict_members (conflict_id, fact_id) VALUES (?, ?)",
                                [(conflict["id"], fid) for fid in conflict["fact_ids"]])
