"""The write side of the store: one document in, its facts merged, in one transaction.

Each document is written in its own transaction (crash safety: a killed
process leaves whole documents only) and is idempotent by content hash (the
same id with the same hash is left alone; a changed hash replaces that
document's evidence). After a document's evidence changes, every (type,
pair) group it touches is reclustered (see :mod:`sampark.store.merge`).

Clustering is greedy over the members of a group sorted by (document id,
fact number), so a member's cluster depends only on the members before it.
A new document whose facts sort after every member of their group therefore
leaves the existing clusters as they are: its facts are placed among the
clusters this process keeps in memory, and only the facts, links and
conflicts that change are written. The result is exactly that of
reclustering the whole group, which is what happens otherwise (a fact that
sorts earlier, a replaced or deleted document, a group not in memory, a
database another process has written to since: SQLite's ``data_version``,
and always on PostgreSQL). Storing a corpus thus takes time linear in its
size instead of quadratic or worse.
"""
from __future__ import annotations

import json
import time
from collections import Counter, OrderedDict
from collections.abc import Iterable
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


# A dated fact can only join a cluster whose dates nest with its own, so
# whose span shares a year with it; spans longer than this are checked
# against every cluster.
_INDEXED_YEARS = 25


def _years(span: tuple[str, str] | None) -> range | None:
    """The years a date span touches, or None when it is undated or too long to index."""
    if span is None:
        return None
    lo, hi = int(span[0][:4]), int(span[1][:4])
    return range(lo, hi + 1) if hi - lo < _INDEXED_YEARS else None


@dataclass
class _GroupState:
    """The clusters of one (type, pair) group as stored, kept between documents.

    ``by_year`` lists the clusters whose first member's dates touch a year;
    ``always`` those that must be checked for any member (undated, or dated
    over many years). A member can only join a cluster it agrees with, and
    it disagrees on dates with every cluster whose first member's dates do
    not touch its own years, so only ``always`` and the clusters of its years
    are candidates: the first of them it agrees with entirely is the one
    :func:`merge.cluster_members` would pick.
    """

    clusters: list[merge.Cluster]
    distinct: list[dict[str, merge.Member]]
    last_key: tuple[str, int] | None
    conflicts: dict[Any, dict[str, tuple[str, str, tuple[str, ...]]]]
    by_year: dict[int, list[int]] = field(default_factory=dict)
    always: list[int] = field(default_factory=list)
    # Conflicts only join facts of one event bucket (merge.event_bucket): the
    # bucket of each cluster, the clusters of each bucket, and (above) the
    # stored conflicts by bucket, so that a change is rechecked in its buckets only.
    buckets: list[Any] = field(default_factory=list)
    bucket_clusters: dict[Any, list[int]] = field(default_factory=dict)
    aux: list[merge.RecordAux] = field(default_factory=list)

    def bucket_of(self, fact_type: str, position: int) -> Any:
        cluster = self.clusters[position]
        return merge.event_bucket(fact_type, dict(cluster.record, canon=cluster.members[0].canon))

    def set_bucket(self, position: int, bucket: Any) -> None:
        if position < len(self.buckets):
            old = self.buckets[position]
            if old == bucket:
                return
            if old is not None:
                self.bucket_clusters[old].remove(position)
            self.buckets[position] = bucket
        else:
            self.buckets.append(bucket)
        if bucket is not None:
            positions = self.bucket_clusters.setdefault(bucket, [])
            positions.append(position)
            positions.sort()

    def index(self, position: int) -> None:
        years = _years(self.clusters[position].members[0].span)
        if years is None:
            self.always.append(position)
        else:
            for year in years:
                self.by_year.setdefault(year, []).append(position)

    def candidates(self, member: merge.Member) -> Iterable[int]:
        years = _years(member.span)
        if years is None:
            return range(len(self.clusters))
        found = set(self.always)
        for year in years:
            found.update(self.by_year.get(year, ()))
        return sorted(found)


def _distinct(cluster: merge.Cluster) -> dict[str, merge.Member]:
    seen: dict[str, merge.Member] = {}
    for member in cluster.members:
        seen.setdefault(merge._statement(member), member)
    return seen


def _fact_row(fact_type: str, key: str, rec: dict[str, Any], now: str) -> tuple:
    span = rec["date_span"] or (None, None)
    return (rec["id"], fact_type, rec["actors"][0], rec["actors"][1], key, int(rec["directed"]),
            rec["date"], span[0], span[1], json.dumps(rec["attrs"], ensure_ascii=False),
            rec["cameo"], rec["confidence"], rec["lang"], json.dumps(rec["langs"]),
            len(rec["evidence"]), rec["n_docs"], now)


_FACT_INSERT = ("INSERT INTO facts (id, type, actor_a, actor_b, pair_key, directed, date, date_lo, date_hi, attrs,"
                " cameo, confidence, lang, langs, n_evidence, n_docs, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_FACT_UPDATE = ("UPDATE facts SET type = ?, actor_a = ?, actor_b = ?, pair_key = ?, directed = ?, date = ?,"
                " date_lo = ?, date_hi = ?, attrs = ?, cameo = ?, confidence = ?, lang = ?, langs = ?,"
                " n_evidence = ?, n_docs = ?, updated_at = ? WHERE id = ?")


class Writer:
    """Writes documents and keeps merged facts and conflicts up to date."""

    # Groups whose clusters are kept in memory (least recently used dropped).
    CACHED_GROUPS = 4096

    def __init__(self, db: Database, extractor: Any = None) -> None:
        self.db = db
        self.extractor = extractor or _default_extractor
        self._groups: OrderedDict[tuple[str, str], _GroupState] = OrderedDict()
        self._version: Any = None

    def _check_cache(self) -> None:
        """Forget the kept clusters when another connection has written (call in a write transaction)."""
        if self.db.postgres:
            self._groups.clear()
            return
        version = self.db.one("PRAGMA data_version")[0]
        if version != self._version:
            self._groups.clear()
            self._version = version

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
        try:
            return self._write(doc, kept, summary)
        except BaseException:
            self._groups.clear()  # the transaction rolled back; what is kept may not match it
            raise

    def _write(self, doc: SourceDoc, kept: list[dict[str, Any]], summary: IngestSummary) -> str:
        with self.db.write():
            self._check_cache()
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
            added: dict[tuple[str, str], list[merge.Member]] = {}
            for ord_, fact in enumerate(kept):
                fact = dict(fact)
                fact.setdefault("lang", doc.lang)
                key = merge.pair_key(*fact["actors"][:2])
                groups.add((fact["type"], key))
                added.setdefault((fact["type"], key), []).append(
                    merge.Member(doc_id=doc.id, ord=ord_, fact=json.loads(json.dumps(fact, ensure_ascii=False))))
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
                if previous is None:
                    self._add_members(fact_type, key, added[(fact_type, key)])
                else:
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
        """Recompute the merged facts and conflicts of one (type, pair) group from all its evidence."""
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
            fact_rows.append(_fact_row(fact_type, key, cluster.record, now))
            links += [(cluster.record["id"], m.doc_id, m.ord) for m in cluster.members]
        self.db.executemany(_FACT_INSERT, fact_rows)
        self.db.executemany("UPDATE evidence SET fact_id = ? WHERE doc_id = ? AND ord = ?", links)
        conflicts = merge.find_conflicts(fact_type, clusters)
        self._write_conflicts(fact_type, key, conflicts, {}, now)
        group = (fact_type, key)
        self._groups.pop(group, None)
        if not clusters:
            return
        state = _GroupState(clusters=clusters, distinct=[_distinct(c) for c in clusters],
                            last_key=max(m.key for m in members), conflicts={})
        position_of = {}
        for position, cluster in enumerate(clusters):
            state.index(position)
            state.aux.append(merge.record_aux(cluster.members))
            state.set_bucket(position, state.bucket_of(fact_type, position))
            position_of[cluster.record["id"]] = position
        for c in conflicts:
            bucket = state.buckets[position_of[c["fact_ids"][0]]]
            state.conflicts.setdefault(bucket, {})[c["id"]] = (c["kind"], c["reason"], tuple(c["fact_ids"]))
        self._groups[group] = state
        while len(self._groups) > self.CACHED_GROUPS:
            self._groups.popitem(last=False)

    def _add_members(self, fact_type: str, key: str, new: list[merge.Member]) -> None:
        """Place a new document's facts among the kept clusters of their group (see the module doc)."""
        group = (fact_type, key)
        state = self._groups.get(group)
        new = sorted(new, key=lambda m: m.key)
        if state is None or state.last_key is None or new[0].key <= state.last_key:
            self.recluster(fact_type, key)
            return
        self._groups.move_to_end(group)
        touched: set[int] = set()
        placed: list[int] = []
        for member in new:
            said = merge._statement(member)
            for index in state.candidates(member):
                cluster, seen = state.clusters[index], state.distinct[index]
                if said in seen or all(merge.same_fact(member, other) for other in seen.values()):
                    cluster.members.append(member)
                    seen.setdefault(said, member)
                    touched.add(index)
                    placed.append(index)
                    break
            else:
                state.clusters.append(merge.Cluster(members=[member]))
                state.distinct.append({said: member})
                state.aux.append(merge.record_aux([member]))
                state.index(len(state.clusters) - 1)
                touched.add(len(state.clusters) - 1)
                placed.append(len(state.clusters) - 1)
        state.last_key = new[-1].key
        now = _now()
        for index in sorted(touched):
            cluster = state.clusters[index]
            old_id = cluster.record.get("id")
            added = [m for m, i in zip(new, placed) if i == index]
            if old_id is None or not merge.extend_record(cluster.record, state.aux[index], added):
                cluster.record = merge.merged_record(cluster.members)
                state.aux[index] = merge.record_aux(cluster.members)
            row = _fact_row(fact_type, key, cluster.record, now)
            if old_id is None:
                self.db.execute(_FACT_INSERT, row)
            else:
                # The first member, and so the id, stays: new members sort last.
                assert old_id == cluster.record["id"], (old_id, cluster.record["id"])
                self.db.execute(_FACT_UPDATE, (*row[1:], row[0]))
        links = [(state.clusters[i].record["id"], m.doc_id, m.ord) for m, i in zip(new, placed)]
        self.db.executemany("UPDATE evidence SET fact_id = ? WHERE doc_id = ? AND ord = ?", links)
        changed: set[Any] = set()
        for index in touched:
            if index < len(state.buckets):
                changed.add(state.buckets[index])
            bucket = state.bucket_of(fact_type, index)
            state.set_bucket(index, bucket)
            changed.add(bucket)
        changed.discard(None)
        for bucket in changed:
            clusters = [state.clusters[i] for i in state.bucket_clusters.get(bucket, ())]
            conflicts = merge.find_conflicts(fact_type, clusters)
            state.conflicts[bucket] = self._write_conflicts(fact_type, key, conflicts,
                                                            state.conflicts.get(bucket, {}), now)

    def _write_conflicts(self, fact_type: str, key: str, conflicts: list[dict[str, Any]],
                         stored: dict[str, tuple[str, str, tuple[str, ...]]], now: str
                         ) -> dict[str, tuple[str, str, tuple[str, ...]]]:
        """Write ``conflicts`` over the ``stored`` ones of the group, changing only what differs."""
        wanted = {c["id"]: (c["kind"], c["reason"], tuple(c["fact_ids"])) for c in conflicts}
        for conflict_id, value in stored.items():
            if wanted.get(conflict_id) != value:
                self.db.execute("DELETE FROM conflict_members WHERE conflict_id = ?", (conflict_id,))
                self.db.execute("DELETE FROM conflicts WHERE id = ?", (conflict_id,))
        for conflict_id, (kind, reason, fact_ids) in wanted.items():
            if stored.get(conflict_id) == (kind, reason, fact_ids):
                continue
            self.db.execute(
                "INSERT INTO conflicts (id, kind, reason, type, pair_key, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (conflict_id, kind, reason, fact_type, key, now))
            self.db.executemany("INSERT INTO conflict_members (conflict_id, fact_id) VALUES (?, ?)",
                                [(conflict_id, fid) for fid in fact_ids])
        return wanted
