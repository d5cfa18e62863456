"""Record files: JSON Lines, JSON and CSV, one document per record or row.

Field names are looked up case-insensitively among common names (the
shared news CSV has ``title`` and ``content``); ``fields`` overrides any of
them (``{"text": "body", "id": "guid"}``).
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sampark.readers.model import ReadProblem, SourceDoc, guess_lang, looks_like_wikitext, problem

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "_id", "doc_id", "docid", "guid", "uuid", "pageid", "page_id"),
    "title": ("title", "headline", "heading", "name", "subject"),
    "text": ("text", "content", "body", "article", "article_text", "maintext", "wikitext", "extract", "story", "description"),
    "lang": ("lang", "language", "locale"),
    "url": ("url", "link", "source_url", "href", "permalink"),
    "date": ("date", "published", "published_at", "publish_date", "pubdate", "datetime", "timestamp", "created_at", "time"),
    "format": ("format", "markup"),
}

# Rows of the shared news CSV reach several hundred kilobytes; the csv
# module's default limit of 128 KiB would reject them.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def resolve_fields(columns: list[str], fields: Mapping[str, str] | None) -> dict[str, str | None]:
    """Map each role (id, title, text, ...) to a column name present in ``columns``."""
    lowered = {c.strip().lower(): c for c in columns if isinstance(c, str)}
    chosen: dict[str, str | None] = {}
    for role, names in DEFAULT_FIELDS.items():
        wanted = (fields or {}).get(role)
        if wanted is not None:
            chosen[role] = lowered.get(wanted.strip().lower())
            continue
        chosen[role] = next((lowered[n] for n in names if n in lowered), None)
    return chosen


def _wanted(role: str, fields: Mapping[str, str] | None) -> str:
    if fields and role in fields:
        return repr(fields[role])
    return ", ".join(DEFAULT_FIELDS[role])


def _record_doc(record: Mapping[str, Any], roles: Mapping[str, str | None], doc_id: str,
                path: Path, source: Path | None = None) -> SourceDoc:
    def get(role: str) -> str | None:
        column = roles.get(role)
        value = record.get(column) if column else None
        if value is None or value == "":
            return None
        return value if isinstance(value, str) else str(value)

    text = get("text") or ""
    fmt = get("format")
    if fmt not in ("text", "wikitext"):
        fmt = "wikitext" if looks_like_wikitext(text) else "text"
    return SourceDoc(id=doc_id, title=get("title"), text=text, lang=get("lang") or guess_lang(text),
                     url=get("url"), date=get("date"), format=fmt, source_path=str(source or path))


def read_csv(path: Path, text: str, fields: Mapping[str, str] | None,
             source: Path | None = None) -> Iterator[SourceDoc | ReadProblem]:
    """One document per CSV row; ids ``<stem>/<row>`` (1-based) unless an id column exists."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = reader.fieldnames or []
    roles = resolve_fields(list(columns), fields)
    if roles["text"] is None:
        yield problem("E304", str(source or path), line=1, wanted=_wanted("text", fields), found=", ".join(columns) or "nothing")
        return
    row_number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield problem("E005", str(source or path), line=reader.line_num, detail=f"line {reader.line_num}: bad CSV: {exc}")
            return
        row_number += 1
        if row.get(roles["text"]) is None:
            # DictReader fills the columns a short row lacks with None: the
            # row is broken, not an empty document, and the user must see where.
            given = sum(value is not None for key, value in row.items() if key is not None)
            yield problem("E005", str(source or path), line=reader.line_num,
                          detail=f"line {reader.line_num}: row {row_number} has {given} of the {len(columns)} "
                                 f"columns, none for the text column {roles['text']!r}; row skipped")
            continue
        own_id = row.get(roles["id"]) if roles["id"] else None
        doc_id = f"{path.stem}/{own_id}" if own_id else f"{path.stem}/{row_number}"
        yield _record_doc(row, roles, doc_id, path, source)


def read_jsonl(path: Path, text: str, fields: Mapping[str, str] | None,
               source: Path | None = None) -> Iterator[SourceDoc | ReadProblem]:
    """One document per line; broken lines are reported by number and the rest kept."""
    roles: dict[str, str | None] | None = None
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield problem("E305", str(source or path), line=line_number, detail=exc.msg)
            continue
        if isinstance(record, str):
            record = {"text": record}
            line_roles = resolve_fields(["text"], None)
        elif isinstance(record, dict):
            # Fields are resolved per record because JSONL records need not
            # share keys; the cache keeps this cheap when they do.
            if roles is None or any(k not in record for k in roles.values() if k):
                roles = resolve_fields(list(record), fields)
            line_roles = roles
        else:
            yield problem("E305", str(source or path), line=line_number, detail=f"a JSON {type(record).__name__}, not an object")
            continue
        if line_roles["text"] is None:
            yield problem("E305", str(source or path), line=line_number,
                          detail=f"no text field (looked for {_wanted('text', fields)})")
            continue
        own_id = record.get(line_roles["id"]) if line_roles["id"] else None
        doc_id = f"{path.stem}/{own_id}" if own_id not in (None, "") else f"{path.stem}/{line_number}"
        yield _record_doc(record, line_roles, doc_id, path, source)


def read_json(path: Path, text: str, fields: Mapping[str, str] | None,
              source: Path | None = None) -> Iterator[SourceDoc | ReadProblem]:
    """A JSON file: one string (a whole document), one record, or a list of records."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # Many ``.json`` files are really JSON Lines.
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from read_jsonl(path, text, fields, source)
            return
        yield problem("E309", str(source or path), line=exc.lineno, detail=f"{exc.msg} at line {exc.lineno}, column {exc.colno}")
        return
    if isinstance(data, str):
        fmt = "wikitext" if looks_like_wikitext(data) else "text"
        yield SourceDoc(id=path.stem, title=path.stem.replace("_", " "), text=data, lang=guess_lang(data),
                        format=fmt, source_path=str(source or path))
        return
    if isinstance(data, dict):
        records: list[Any] = [data]
        single = True
    elif isinstance(data, list):
        records = data
        single = False
    else:
        yield problem("E309", str(source or path), detail=f"a JSON {type(data).__name__}, not a string, object or list")
        return
    for index, record in enumerate(records, start=1):
        if isinstance(record, str):
            record = {"text": record}
        if not isinstance(record, dict):
            yield problem("E305", str(source or path), line=None, detail=f"item {index} is not an object")
            continue
        roles = resolve_fields(list(record), fields)
        if roles["text"] is None:
            yield problem("E307", str(source or path), kind=f"record {index}", wanted=_wanted("text", fields))
            continue
        own_id = record.get(roles["id"]) if roles["id"] else None
        if own_id not in (None, ""):
            doc_id = f"{path.stem}/{own_id}"
        else:
            doc_id = path.stem if single else f"{path.stem}/{index}"
        yield _record_doc(record, roles, doc_id, path, source)
