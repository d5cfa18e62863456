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
import re
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


SORTS = {
    "date": _DATE_ORDER,
    "-date": ("CASE WHEN date_lo IS NULL THEN 1 ELSE 0 END,"
              " CASE WHEN date_hi = '9999-12-31' THEN date_lo ELSE date_hi END DESC, date_lo DESC, type, id"),
    "confidence": "confidence, " + _DATE_ORDER,
    "-confidence": "confidence DESC, " + _DATE_ORDER,
    "type": "type, " + _DATE_ORDER,
    "docs": "n_docs DESC, " + _DATE_ORDER,
}
POLARITIES = ("positive", "negative", "neutral")
LANGS = ("bn", "en")
_PERIOD = re.compile(r"(-?\d{1,4})(?:-(\d{2}))?(?:-(\d{2}))?")


class QueryError(ValueError):
    """A query the store cannot answer as asked: the CLI exits 2, the web answers 400.

    The messages are shared, so ``sampark facts --type x`` and
    ``/facts.json?type=x`` say the same thing.
    """


def check_type(fact_type: str) -> str:
    """``fact_type`` if it is a contract type, else QueryError."""
    from sampark.contract import FACT_TYPES

    if fact_type not in FACT_TYPES:
        raise QueryError(f"unknown fact type {str(fact_type)[:60]!r}; known: {', '.join(FACT_TYPES)}")
    return fact_type


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise QueryError(f"unknown language {str(lang)[:20]!r}; known: {', '.join(LANGS)}")
    return lang


def check_pair(a: str, b: str) -> tuple[str, str]:
    """Two codes of different states (successors compared), else QueryError."""
    if merge.successor(a) == merge.successor(b):
        raise QueryError(f"a pair needs two different states; both sides are {merge.successor(a)}")
    return a, b


def period(value: int | str | None, name: str = "date") -> tuple[str, str] | None:
    """The first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None for no value."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    m = _PERIOD.fullmatch(text)
    span = None
    if m and len(m.group(1).lstrip("-")) == 4 and not m.group(1).startswith("-"):
        try:
            span = merge.date_span(text)
            if span and m.group(3):
                import datetime

                datetime.date.fromisoformat(text)
        except ValueError:
            span = None
    if span is None:
        raise QueryError(f"{name}: a date is YYYY, YYYY-MM or YYYY-MM-DD; got {text[:40]!r}")
    return span


def _fts_phrase(q: str) -> str:
    """``q`` as one FTS5 phrase (quotes doubled), so its punctuation is never query syntax."""
    return '"' + q.replace('"', '""') + '"'


class Store:
    """A sampark knowledge base in SQLite or PostgreSQL."""

    def __init__(self, db: Database, extractor: Callable[[SourceDoc], list[dict]] | None = None) -> None:
        self.db = db
        self.writer = Writer(db, extractor)

    @classmethod
    def open(cls, url: str | os.PathLike[str] | None = None, *,
             extractor: Callable[[SourceDoc], list[dict]] | None = None, readonly: bool = False) -> Store:
        """Open (creating and migrating as needed) a store.

        Args:
            url: a SQLite file path, ``sqlite:///path`` or ``postgresql://...``;
                default ``$SAMPARK_DB`` or ``sampark.db`` in the working directory.
            extractor: ``SourceDoc -> list of fact dicts``; default runs
                ``sampark.extract``. Tests and other pipelines may pass their own.
            readonly: open an existing store for reading only (``pairs``,
                ``serve``, ...): nothing is created or migrated, a read-only
                file works, and a missing one is an error.

        Raises:
            SamparkError: E310 the database cannot be opened (read-only: is
                missing or is not a sampark store); E311 it is newer than
                this sampark.
        """
        if readonly:
            db = Database(url, readonly=True)
            try:
                db.check_readable()
            except BaseException:
                db.close()
                raise
            return cls(db, extractor)
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
        a, b = check_pair(*(self.state_code(p) for p in pair))
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
            entry = result.setdefault(key, {"a": key.split("-")[0], "b": key.split("-")[1], "count": 0,
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
              lang: str | None = None, limit: int | None = None, offset: int = 0, *,
              until: int | str | None = None, state: str | None = None, polarity: str | None = None,
              min_confidence: float | None = None, doc: str | None = None,
              sort: str = "date") -> list[dict[str, Any]]:
        """Merged facts, filtered, sorted (by date unless ``sort`` says otherwise) and paged.

        Args:
            pair: two states (codes or names), in either order.
            type: a fact type.
            since, until: a year, ``YYYY-MM`` or ``YYYY-MM-DD``; facts whose
                date range overlaps that period (undated left out). An open
                range such as ``1782/..`` overlaps every later period.
            lang: facts with evidence in this language.
            state: facts with this state on either side.
            polarity: ``positive``, ``negative`` or ``neutral`` (statements).
            min_confidence: facts at least this confident.
            doc: facts with evidence in this document.
            sort: one of ``SORTS`` (``date``, ``-date``, ``confidence``, ``-confidence``, ``type``, ``docs``).
            limit, offset: paging.

        Raises:
            QueryError: a filter is not valid (the message names it).
        """
        where, params = self._fact_filters(pair=pair, type=type, since=since, until=until, lang=lang, state=state,
                                           polarity=polarity, min_confidence=min_confidence, doc=doc)
        if sort not in SORTS:
            raise QueryError(f"unknown sort {str(sort)[:40]!r}; known: {', '.join(SORTS)}")
        sql = f"SELECT {_FACT_COLUMNS} FROM facts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?"
        params += [limit if limit is not None else 2**62, int(offset or 0)]
        return self._with_evidence(self.db.all(sql, params))

    def count_facts(self, **filters: Any) -> int:
        """How many facts :meth:`facts` would return without paging (same filters)."""
        where, params = self._fact_filters(**filters)
        sql = "SELECT COUNT(*) FROM facts" + (" WHERE " + " AND ".join(where) if where else "")
        row = self.db.one(sql, params)
        return int(row[0]) if row else 0

    def _fact_filters(self, pair: Sequence[str] | None = None, type: str | None = None,
                      since: int | str | None = None, until: int | str | None = None, lang: str | None = None,
                      state: str | None = None, polarity: str | None = None, min_confidence: float | None = None,
                      doc: str | None = None) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if pair:
            a, b = check_pair(*(self.state_code(p) for p in pair))
            where.append("pair_key = ?")
            params.append(merge.pair_key(a, b))
        if state:
            code = merge.successor(self.state_code(state))
            where.append("(pair_key LIKE ? OR pair_key LIKE ?)")
            params += [f"{code}-%", f"%-{code}"]
        if type:
            where.append("type = ?")
            params.append(check_type(type))
        lo = period(since, "since")
        hi = period(until, "until")
        if lo is not None:
            where.append("date_hi >= ?")
            params.append(lo[0])
        if hi is not None:
            where.append("date_lo <= ?")
            params.append(hi[1])
        if lang:
            where.append("langs LIKE ?")
            params.append(f'%"{check_lang(lang)}"%')
        if polarity:
            if polarity not in POLARITIES:
                raise QueryError(f"unknown polarity {str(polarity)[:40]!r}; known: {', '.join(POLARITIES)}")
            where.append(("(attrs::jsonb ->> 'polarity')" if self.db.postgres else "json_extract(attrs, '$.polarity')")
                         + " = ?")
            params.append(polarity)
        if min_confidence not in (None, ""):
            try:
                value = float(min_confidence)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                value = float("nan")
            if not 0.0 <= value <= 1.0:
                raise QueryError(f"a confidence is a number from 0 to 1; got {str(min_confidence)[:40]!r}")
            where.append("confidence >= ?")
            params.append(value)
        if doc:
            where.append("id IN (SELECT fact_id FROM evidence WHERE doc_id = ?)")
            params.append(doc)
        return where, params

    def search(self, q: str, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Full-text search over evidence text and document titles, Bengali or English.

        SQLite uses the FTS5 index ``evidence_fts`` and ``title_fts`` (trigram tokenizer, so any
        run of three or more characters matches inside words in either
        script); shorter queries and PostgreSQL match the text itself
        (PostgreSQL through ``to_tsvector('simple', ...)`` word search, then
        a substring match).

        Returns:
            ``{"q", "facts": [fact ...], "documents": [doc ...], "n_facts"}``.
        """
        q = " ".join((q or "").split())
        if not q:
            raise QueryError("search needs some text (q)")
        if len(q) > 200:
            raise QueryError("a search is at most 200 characters")
        fact_ids = self._search_fact_ids(q)
        page = fact_ids[offset:offset + limit]
        facts = self._facts_by_ids(page)
        order = {fid: i for i, fid in enumerate(page)}
        facts.sort(key=lambda f: order[f["id"]])
        docs = self._search_docs(q)
        return {"q": q, "n_facts": len(fact_ids), "facts": facts, "documents": docs}

    def _search_fact_ids(self, q: str) -> list[str]:
        like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        if self.db.postgres:
            rows = self.db.all(
                "SELECT DISTINCT f.id, f.date_lo FROM facts f JOIN evidence e ON e.fact_id = f.id"
                " WHERE to_tsvector('simple', coalesce(e.text, '')) @@ plainto_tsquery('simple', ?) OR e.text ILIKE ?"
                " ORDER BY f.date_lo, f.id", (q, like))
        elif len(q) >= 3 and self._has_fts():
            rows = self.db.all(
                "SELECT DISTINCT f.id, f.date_lo FROM evidence_fts s JOIN evidence e ON e.rowid = s.rowid"
                " JOIN facts f ON f.id = e.fact_id WHERE evidence_fts MATCH ?"
                " ORDER BY f.date_lo, f.id", (_fts_phrase(q),))
        else:
            rows = self.db.all(
                "SELECT DISTINCT f.id, f.date_lo FROM facts f JOIN evidence e ON e.fact_id = f.id"
                " WHERE e.text LIKE ? ESCAPE '\\' ORDER BY f.date_lo, f.id", (like,))
        return [r[0] for r in rows]

    def _search_docs(self, q: str, limit: int = 50) -> list[dict[str, Any]]:
        like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cols = ", ".join(f"d.{c.strip()}" for c in _DOC_COLUMNS.split(","))
        if self.db.postgres:
            rows = self.db.all(
                f"SELECT {cols} FROM documents d WHERE to_tsvector('simple', coalesce(d.title, ''))"
                " @@ plainto_tsquery('simple', ?) OR d.title ILIKE ? ORDER BY d.id LIMIT ?", (q, like, limit))
        elif len(q) >= 3 and self._has_fts():
            rows = self.db.all(
                f"SELECT {cols} FROM title_fts s JOIN documents d ON d.rowid = s.rowid"
                " WHERE title_fts MATCH ? ORDER BY d.id LIMIT ?", (_fts_phrase(q), limit))
        else:
            rows = self.db.all(f"SELECT {cols} FROM documents d WHERE d.title LIKE ? ESCAPE '\\'"
                               " ORDER BY d.id LIMIT ?", (like, limit))
        return [self._doc_dict(r) for r in rows]

    def _has_fts(self) -> bool:
        row = self.db.one("SELECT 1 FROM sqlite_master WHERE name = 'evidence_fts'")
        return row is not None

    def relations(self, state: str) -> dict[str, Any]:
        """The states ``state`` has facts with: ``{"state", "partners": [{code, count, by_type}]}``."""
        code = merge.successor(self.state_code(state))
        partners: dict[str, dict[str, Any]] = {}
        for key, fact_type, n in self.db.all(
                "SELECT pair_key, type, COUNT(*) FROM facts WHERE pair_key LIKE ? OR pair_key LIKE ?"
                " GROUP BY pair_key, type", (f"{code}-%", f"%-{code}")):
            a, b = key.split("-")
            other = b if a == code else a
            entry = partners.setdefault(other, {"code": other, "count": 0, "by_type": {}})
            entry["count"] += int(n)
            entry["by_type"][fact_type] = int(n)
        rows = sorted(partners.values(), key=lambda p: (-p["count"], p["code"]))
        return {"state": code, "partners": rows}

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
                           "pair": pkey.split("-"), "facts": facts})
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
            "confidence": confidence, "evidence": [], "pair": key.split("-"), "n_docs": n_docs}


def resolve_state(name: str) -> str | None:
    """A state code for a code or a name in any language of ``sampark/lang``; None if unknown."""
    name = (name or "").strip()
    return resolve_in_registry(name) if name else None
