"""The knowledge base: the API the command line and the web app call.

>>> store = Store.open("kb.db")                       # doctest: +SKIP
>>> store.ingest(iter_documents("corpus/"))           # doctest: +SKIP
>>> store.timeline("MYS", "রাশিয়া")                   # doctest: +SKIP

Facts come back in the contract's shape (``FACTS.md`` in the shared folder beside the checkout)
plus ``langs`` (every source language) and ``directed``; evidence items also
carry the document's title and URL. A pair is matched in either order and
with former states counted as their successors, so ``timeline("MYS",
"RUS")`` includes facts coded ``SUN``.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sampark.geo import resolve_state as resolve_in_registry
from sampark.readers import ReadProblem, SourceDoc
from sampark.store import merge
from sampark.store.db import Database
from sampark.store.ingest import IngestSummary, Writer

_FACT_COLUMNS = ("id, type, actor_a, actor_b, pair_key, directed, date, date_lo, date_hi, attrs, cameo,"
                 " confidence, lang, langs, n_evidence, n_docs")
_DOC_COLUMNS = "id, title, lang, url, date, format, source_path, hash, ingested_at, n_facts"
_CHUNK = 500
# Undated facts sort after dated ones, in both databases; a date open at the
# start ("../1990", until 1990) sorts by its end, not before everything.
_DATE_ORDER = ("CASE WHEN date_lo IS NULL THEN 1 ELSE 0 END,"
               " CASE WHEN date_lo = '0001-01-01' THEN date_hi ELSE date_lo END, date_hi, type, id")


def _sort_day(lo: str | None, hi: str | None) -> str | None:
    """The day a fact sorts by (see ``_DATE_ORDER``)."""
    return hi if lo == merge.MIN_DAY else lo


class Store:
    """A sampark knowledge base in SQLite or PostgreSQL."""

    def __init__(self, db: Database, extractor: Callable[[SourceDoc], list[dict]] | None = None) -> None:
        self.db = db
        self.writer = Writer(db, extractor)

    @classmethod
    def open(cls, url: str | os.PathLike[str] | None = None, *,
             extractor: Callable[[SourceDoc], list[dict]] | None = None) -> Store:
        """Open (creating and migrating as needed) a store.

        Args:
            url: a SQLite file path, ``sqlite:///path`` or ``postgresql://...``;
                default ``$SAMPARK_DB`` or ``sampark.db`` in the working directory.
            extractor: ``SourceDoc -> list of fact dicts``; default runs
                ``sampark.extract``. Tests and other pipelines may pass their own.
        """
        db = Database(url)
        db.migrate()
        return cls(db, extractor)

    @property
    def url(self) -> str:
        return self.db.redacted_url

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------

    def ingest(self, source_docs: Iterable[SourceDoc | ReadProblem],
               progress: Callable[[SourceDoc | ReadProblem, str], None] | None = None,
               summary: IngestSummary | None = None) -> IngestSummary:
        """Store documents (each in its own transaction) and merge their facts.

        Args:
            source_docs: documents, e.g. from :func:`sampark.readers.iter_documents`;
                ``ReadProblem`` items are collected into the summary.
            progress: called after each item with the item and its status
                (``new``, ``unchanged``, ``replaced``, ``skipped``, ``problem``).
            summary: an existing summary to add to (several paths, one summary).
        """
        summary = summary if summary is not None else IngestSummary()
        before = self._count("conflicts")
        for item in source_docs:
            if isinstance(item, ReadProblem):
                summary.problems.append(item)
                status = "problem"
            else:
                try:
                    status = self.writer.ingest_document(item, summary)
                except Exception as exc:  # noqa: BLE001 - its transaction rolled back; go on with the rest
                    summary.skipped.append((item.id, f"[E315] {item.id}: could not be stored: "
                                                     f"{type(exc).__name__}: {exc}"))
                    status = "skipped"
            if progress is not None:
                progress(item, status)
        summary.conflicts += self._count("conflicts") - before
        return summary

    def ingest_document(self, source_doc: SourceDoc) -> str:
        """Store one document; returns ``new``, ``unchanged``, ``replaced`` or ``skipped``."""
        return self.writer.ingest_document(source_doc)

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and its evidence, re-merging what it touched."""
        with self.db.write():
            groups = self.db.all("SELECT DISTINCT type, pair_key FROM evidence WHERE doc_id = ?", (doc_id,))
            gone = self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount
            self.db.execute("DELETE FROM evidence WHERE doc_id = ?", (doc_id,))
            for fact_type, key in groups:
                self.writer.recluster(fact_type, key)
        return bool(gone)

    # --- states ----------------------------------------------------------

    def resolve_state(self, name: str) -> str | None:
        """An ISO alpha-3 code (former states by their own) for a code or name in Bengali or English."""
        return resolve_state(name)

    def _pair_key(self, pair: Sequence[str] | None) -> str | None:
        if pair is None:
            return None
        a, b = (self.state_code(p) for p in pair)
        return merge.pair_key(a, b)

    def state_code(self, name: str) -> str:
        """Like :meth:`resolve_state` but raises InputError (E313) for an unknown name."""
        code = resolve_state(name)
        if code is None:
            from sampark.errors import Errors, InputError

            raise InputError("E313", Errors.E313, name=name)
        return code

    # --- reading ---------------------------------------------------------

    def _count(self, table: str) -> int:
        row = self.db.one(f"SELECT COUNT(*) FROM {table}")  # table names are ours, never user input
        return int(row[0]) if row else 0

    def counts(self) -> dict[str, int]:
        """Row counts: documents, facts, evidence, conflicts and pairs."""
        counts = {t: self._count(t) for t in ("documents", "facts", "evidence", "conflicts")}
        row = self.db.one("SELECT COUNT(DISTINCT pair_key) FROM facts")
        counts["pairs"] = int(row[0]) if row else 0
        return counts

    def pairs(self) -> list[dict[str, Any]]:
        """Every pair with facts: ``a``, ``b``, ``count``, ``by_type``, ``first_date``, ``last_date``.

        Sorted by count, largest first. ``a`` and ``b`` are successor codes.
        """
        result: dict[str, dict[str, Any]] = {}
        for key, fact_type, date, lo, hi in self.db.all("SELECT pair_key, type, date, date_lo, date_hi FROM facts"):
            lo = _sort_day(lo, hi)
            entry = result.setdefault(key, {"a": key.split("|")[0], "b": key.split("|")[1], "count": 0,
                                            "by_type": {}, "first_date": None, "last_date": None,
                                            "_lo": None, "_hi": None})
            entry["count"] += 1
            entry["by_type"][fact_type] = entry["by_type"].get(fact_type, 0) + 1
            if lo is not None:
                if entry["_lo"] is None or lo < entry["_lo"]:
                    entry["_lo"], entry["first_date"] = lo, date
                if entry["_hi"] is None or lo > entry["_hi"]:
                    entry["_hi"], entry["last_date"] = lo, date
        pairs = []
        for entry in result.values():
            entry.pop("_lo")
            entry.pop("_hi")
            entry["by_type"] = dict(sorted(entry["by_type"].items()))
            pairs.append(entry)
        return sorted(pairs, key=lambda p: (-p["count"], p["a"], p["b"]))

    def facts(self, pair: Sequence[str] | None = None, type: str | None = None, since: int | str | None = None,
              lang: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Merged facts in date order (undated last), filtered.

        Args:
            pair: two states (codes or names), in either order.
            type: a fact type.
            since: a year; facts whose date reaches it or later (undated left out).
            lang: facts with evidence in this language.
            limit, offset: paging.
        """
        where, params = [], []
        key = self._pair_key(pair)
        if key is not None:
            where.append("pair_key = ?")
            params.append(key)
        if type:
            where.append("type = ?")
            params.append(type)
        if since not in (None, ""):
            where.append("date_hi >= ?")
            params.append(f"{int(str(since)[:4]):04d}-01-01")
        if lang:
            where.append("langs LIKE ?")
            params.append(f'%"{lang}"%')
        sql = f"SELECT {_FACT_COLUMNS} FROM facts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {_DATE_ORDER} LIMIT ? OFFSET ?"
        params += [limit if limit is not None else 2**62, int(offset or 0)]
        return self._with_evidence(self.db.all(sql, params))

    def timeline(self, a: str, b: str) -> list[dict[str, Any]]:
        """The facts of a pair (either order) in date order, undated last."""
        return self.facts(pair=(a, b))

    def fact(self, fact_id: str) -> dict[str, Any] | None:
        """One merged fact by id, or None."""
        rows = self.db.all(f"SELECT {_FACT_COLUMNS} FROM facts WHERE id = ?", (fact_id,))
        facts = self._with_evidence(rows)
        return facts[0] if facts else None

    def conflicts(self, pair: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Conflicts: ``id``, ``kind`` (date or value), ``reason``, ``type``, ``pair``, ``facts``."""
        key = self._pair_key(pair)
        sql = "SELECT id, kind, reason, type, pair_key FROM conflicts"
        params: list[Any] = []
        if key is not None:
            sql += " WHERE pair_key = ?"
            params.append(key)
        rows = self.db.all(sql + " ORDER BY pair_key, type, id", params)
        result = []
        for cid, kind, reason, fact_type, pkey in rows:
            ids = [r[0] for r in self.db.all(
                "SELECT fact_id FROM conflict_members WHERE conflict_id = ? ORDER BY fact_id", (cid,))]
            facts = self._facts_by_ids(ids)
            result.append({"id": cid, "kind": kind, "reason": reason, "type": fact_type,
                           "pair": pkey.split("|"), "facts": facts})
        return result

    def documents(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stored documents without their text, by id."""
        rows = self.db.all(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id LIMIT ? OFFSET ?",
                           (limit if limit is not None else 2**62, int(offset or 0)))
        return [self._doc_dict(r) for r in rows]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with ``text``, its ``evidence`` spans and the ``facts`` they support."""
        row = self.db.one(f"SELECT {_DOC_COLUMNS}, text FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            return None
        doc = self._doc_dict(row[:-1])
        doc["text"] = row[-1]
        spans = self.db.all(
            'SELECT e.fact_id, e.ord, e."start", e."end", e.text, e.type FROM evidence e'
            ' WHERE e.doc_id = ? ORDER BY e."start", e.ord, e.span', (doc_id,))
        doc["evidence"] = [{"fact_id": fid, "ord": o, "start": s, "end": e, "text": t, "type": ty}
                           for fid, o, s, e, t, ty in spans]
        doc["facts"] = self._facts_by_ids(sorted({s[0] for s in spans if s[0]}))
        return doc

    # --- row shaping -------------------------------------------------------

    @staticmethod
    def _doc_dict(row: Sequence[Any]) -> dict[str, Any]:
        keys = [k.strip() for k in _DOC_COLUMNS.split(",")]
        return dict(zip(keys, row))

    def _facts_by_ids(self, ids: list[str]) -> list[dict[str, Any]]:
        rows = []
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows += self.db.all(f"SELECT {_FACT_COLUMNS} FROM facts WHERE id IN ({marks})", chunk)
        rows.sort(key=lambda r: (r[7] is None, _sort_day(r[7], r[8]) or "", r[8] or "", r[1], r[0]))
        return self._with_evidence(rows)

    def _with_evidence(self, rows: list[tuple]) -> list[dict[str, Any]]:
        facts = [_fact_dict(r) for r in rows]
        by_id = {f["id"]: f for f in facts}
        ids = list(by_id)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for fid, doc, start, end, text, lang, title, url in self.db.all(
                    'SELECT e.fact_id, e.doc_id, e."start", e."end", e.text, e.lang, d.title, d.url'
                    f" FROM evidence e JOIN documents d ON d.id = e.doc_id WHERE e.fact_id IN ({marks})"
                    ' ORDER BY e.doc_id, e."start", e.ord, e.span', chunk):
                by_id[fid]["evidence"].append({"doc": doc, "start": start, "end": end, "text": text,
                                               "lang": lang, "title": title, "url": url})
        return facts


def _fact_dict(row: Sequence[Any]) -> dict[str, Any]:
    (fid, fact_type, a, b, key, directed, date, lo, hi, attrs, cameo, confidence, lang, langs,
     n_evidence, n_docs) = row
    return {"id": fid, "type": fact_type, "actors": [a, b], "directed": bool(directed), "date": date,
            "attrs": json.loads(attrs), "cameo": cameo, "lang": lang, "langs": json.loads(langs),
            "confidence": confidence, "evidence": [], "pair": key.split("|"), "n_docs": n_docs}


def resolve_state(name: str) -> str | None:
    """A state code for a code or a name in any language of ``sampark/lang``; None if unknown."""
    name = (name or "").strip()
    return resolve_in_registry(name) if name else None
