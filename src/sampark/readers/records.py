"""Record files: JSON Lines, JSON and CSV, one document per record or row.

Field names are looked up case-insensitively among common names (the
shared news CSV has ``title`` and ``content``), for each record on its own
(JSON Lines records need not share keys); ``fields`` overrides any of them
(``{"text": "body", "id": "guid"}``).

JSON Lines and CSV are streamed line by line from a binary stream, so memory
follows the longest line (at most ``max_bytes``), not the file. Every
failure of one record is reported with its file and line and the rest is
kept; ids are ``<base>/<record id>``, or ``<base>/<line or row number>``
when a record has none.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sampark.readers.decode import _looks_like_8bit, decode_bytes
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
# module's default limit of 128 KiB would reject them. Fields are capped by
# the line cap (``max_bytes``) instead.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

CHUNK = 1 << 16


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
                source: Path) -> SourceDoc:
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
                     url=get("url"), date=get("date"), format=fmt, source_path=str(source))


# --- lines from a binary stream ---------------------------------------------

def raw_lines(stream: Any, buf: bytearray, max_bytes: int) -> Iterator[tuple[int, int, bytes | None]]:
    """Yield ``(line number, byte offset, bytes)`` for each line of ``buf`` + ``stream``.

    A line longer than ``max_bytes`` is read past without being kept and
    yielded as ``None``, so that memory stays at one line whatever the file.
    """
    line_no = 0
    offset = 0
    eof = False
    search = 0
    while True:
        nl = buf.find(b"\n", search)
        if nl >= 0 and nl + 1 > max_bytes:
            nl = -1  # the line is too long whether or not its end is here
            search = max_bytes + 1
        if nl >= 0:
            line_no += 1
            line = bytes(buf[:nl + 1])
            del buf[:nl + 1]
            search = 0
            yield line_no, offset, line
            offset += len(line)
            continue
        if len(buf) > max_bytes:
            line_no += 1
            start = offset
            end = buf.find(b"\n")
            if end >= 0:
                offset += end + 1
                del buf[:end + 1]
            else:
                offset += len(buf)
                buf.clear()
                while True:
                    chunk = stream.read(CHUNK)
                    if not chunk:
                        eof = True
                        break
                    end = chunk.find(b"\n")
                    if end >= 0:
                        offset += end + 1
                        buf += chunk[end + 1:]
                        break
                    offset += len(chunk)
            search = 0
            yield line_no, start, None
            continue
        if eof:
            if buf:
                line_no += 1
                yield line_no, offset, bytes(buf)
            return
        search = len(buf)
        chunk = stream.read(CHUNK)
        if chunk:
            buf += chunk
        else:
            eof = True


def _decode_line(raw: bytes, path: str, line_no: int, offset: int, errors: str) -> str | ReadProblem:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if errors == "replace":
            return raw.decode("utf-8", "replace")
        if _looks_like_8bit(raw):
            return problem("E008", path, line=line_no, offset=offset + exc.start,
                           encoding="an 8-bit encoding (Latin-1 or Windows-1252)")
        return problem("E001", path, line=line_no, offset=offset + exc.start,
                       detail=f"line {line_no}: {exc.reason}")


def text_lines(stream: Any, path: str, errors: str, max_bytes: int, what: str = "line"
               ) -> Iterator[tuple[int, str] | ReadProblem]:
    """Decoded lines (with their line ends) of a binary stream, or problems.

    The first 64 KiB decide what the file is: a UTF-16 file (by its
    byte-order mark) is decoded whole, a binary or BOM-less UTF-16 one is
    refused (one problem, nothing else); otherwise lines are decoded as
    UTF-8 one at a time, and a line that is not is reported by number.
    """
    head = stream.read(CHUNK)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = head + stream.read(max(0, max_bytes + 1 - len(head)))
        if len(data) > max_bytes:
            yield problem("E333", path, line=1, what="a UTF-16 file", limit=max_bytes)
            return
        text = decode_bytes(data, path, errors)
        if isinstance(text, ReadProblem):
            yield text
            return
        for number, line in enumerate(text.splitlines(keepends=True), start=1):
            yield number, line
        return
    if b"\x00" in head:
        yield decode_bytes(head, path, errors)  # binary or UTF-16 without a BOM: refused
        return
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    for line_no, offset, raw in raw_lines(stream, bytearray(head), max_bytes):
        if raw is None:
            yield problem("E333", path, line=line_no, what=what, limit=max_bytes)
            continue
        text = _decode_line(raw, path, line_no, offset, errors)
        yield text if isinstance(text, ReadProblem) else (line_no, text)


# --- CSV --------------------------------------------------------------------

def read_csv(path: Path, text: str, fields: Mapping[str, str] | None,
             source: Path | None = None, base: str | None = None) -> Iterator[SourceDoc | ReadProblem]:
    """One document per CSV row of ``text`` (see :func:`read_csv_stream`)."""
    lines = ((n, line) for n, line in enumerate(io.StringIO(text, newline=""), start=1))
    yield from _csv_rows(lines, base or path.stem, fields, source or path)


def read_csv_stream(stream: Any, base: str, fields: Mapping[str, str] | None, source: Path,
                    errors: str = "strict", max_bytes: int = 2**31 - 1) -> Iterator[SourceDoc | ReadProblem]:
    """One document per CSV row; ids ``<base>/<row>`` (1-based) unless an id column exists.

    A line over ``max_bytes`` is skipped and reported (a field cannot grow
    past it); a row with a quote that is never closed is reported with the
    line it starts on instead of swallowing the rest of the file silently.
    """
    yield from _csv_rows(text_lines(stream, str(source), errors, max_bytes, what="CSV line"), base, fields,
                         source, max_bytes)


def _csv_rows(lines: Iterator[tuple[int, str] | ReadProblem], base: str, fields: Mapping[str, str] | None,
              source: Path, max_bytes: int = 2**62) -> Iterator[SourceDoc | ReadProblem]:
    pending: list[ReadProblem] = []
    path = str(source)
    # The current row: its first line, its size so far, whether it is inside
    # a quoted field (quote parity), and whether it grew past max_bytes and
    # is being skipped. ``shift`` maps the reader's line count to the file's.
    row = {"start": 0, "size": 0, "odd": 0, "drop": False, "shift": 0}

    def strings() -> Iterator[str]:
        skipping = False
        for item in lines:
            if isinstance(item, ReadProblem):
                pending.append(item)
                if item.code != "E333":
                    return  # undecodable: stop here, keep the rows before
                yield "\n"  # an over-long line reads as an empty one
                continue
            number, line = item
            if row["size"] == 0:
                row["start"] = number
            row["size"] += len(line)
            row["odd"] ^= line.count('"') & 1
            if skipping:
                row["shift"] += 1
                if not row["odd"]:
                    skipping = False
                    # Close the quote the reader is inside, so that it ends the row (then dropped).
                    yield '"\n'
                    row["shift"] -= 1
                continue
            if row["size"] > max_bytes and row["odd"]:
                # A quoted field growing past the cap: read on to its end without keeping it.
                pending.append(problem("E333", path, line=row["start"], what="CSV row", limit=max_bytes))
                row["drop"] = True
                skipping = True
                row["shift"] += 1
                continue
            yield line

    def line_no() -> int:
        return reader.line_num + row["shift"]

    reader = csv.reader(strings(), strict=True)
    try:
        columns = next(reader)
    except StopIteration:
        yield from pending
        if not pending:
            yield problem("E308", path)
        return
    except csv.Error as exc:
        yield from pending
        yield problem("E339", path, line=reader.line_num, detail=str(exc))
        return
    yield from pending
    pending.clear()
    roles = resolve_fields(list(columns), fields)
    if roles["text"] is None:
        yield problem("E304", path, line=1, wanted=_wanted("text", fields), found=", ".join(columns) or "nothing")
        return
    index = {name: i for i, name in enumerate(columns)}  # as csv.DictReader: the last of a repeated name
    row_number = 0
    while True:
        before = line_no()
        row.update(size=0, odd=0, drop=False)
        try:
            cells = next(reader)
        except StopIteration:
            yield from pending
            return
        except csv.Error as exc:
            yield from pending
            pending.clear()
            if "unexpected end of data" in str(exc):
                yield problem("E340", path, line=before + 1, lines=max(0, line_no() - before - 1))
                return
            yield problem("E339", path, line=line_no(), detail=str(exc))
            continue
        yield from pending
        pending.clear()
        if not cells:
            continue
        row_number += 1
        if row["drop"]:
            continue
        try:
            if len(cells) <= index[roles["text"]]:
                # A short row is broken, not an empty document, and the user must see where.
                yield problem("E338", path, line=line_no(), row=row_number, given=len(cells),
                              columns=len(columns), column=roles["text"])
                continue
            record = {name: cells[i] for name, i in index.items() if i < len(cells)}
            own_id = record.get(roles["id"]) if roles["id"] else None
            doc_id = f"{base}/{own_id}" if own_id else f"{base}/{row_number}"
            yield _record_doc(record, roles, doc_id, source)
        except Exception as exc:  # noqa: BLE001 - one bad row must not stop the file
            yield problem("E335", path, line=line_no(), detail=f"{type(exc).__name__}: {exc}")


# --- JSON Lines ---------------------------------------------------------------

def read_jsonl(path: Path, text: str, fields: Mapping[str, str] | None,
               source: Path | None = None, base: str | None = None) -> Iterator[SourceDoc | ReadProblem]:
    """One document per line of ``text`` (see :func:`read_jsonl_stream`)."""
    for line_no, line in enumerate(text.split("\n"), start=1):
        yield from _jsonl_record(line_no, line, base or path.stem, fields, source or path)


def read_jsonl_stream(stream: Any, base: str, fields: Mapping[str, str] | None, source: Path,
                      errors: str = "strict", max_bytes: int = 2**31 - 1) -> Iterator[SourceDoc | ReadProblem]:
    """One document per line, streamed; broken lines are reported by number and the rest kept."""
    for item in text_lines(stream, str(source), errors, max_bytes, what="JSON Lines record"):
        if isinstance(item, ReadProblem):
            yield item
        else:
            yield from _jsonl_record(item[0], item[1], base, fields, source)


def _jsonl_record(line_no: int, line: str, base: str, fields: Mapping[str, str] | None,
                  source: Path) -> Iterator[SourceDoc | ReadProblem]:
    if not line.strip():
        return
    path = str(source)
    try:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield problem("E305", path, line=line_no, detail=exc.msg)
            return
        except RecursionError:
            yield problem("E334", path, line=line_no)
            return
        if isinstance(record, str):
            record = {"text": record}
            roles = resolve_fields(["text"], None)
        elif isinstance(record, dict):
            # Resolved for each record: records need not share keys, and a
            # record without a text field must not change how the next is read.
            roles = resolve_fields(list(record), fields)
        else:
            yield problem("E305", path, line=line_no, detail=f"a JSON {type(record).__name__}, not an object")
            return
        if roles["text"] is None:
            yield problem("E305", path, line=line_no, detail=f"no text field (looked for {_wanted('text', fields)})")
            return
        own_id = record.get(roles["id"]) if roles["id"] else None
        doc_id = f"{base}/{own_id}" if own_id not in (None, "") else f"{base}/{line_no}"
        yield _record_doc(record, roles, doc_id, source)
    except RecursionError:
        yield problem("E334", path, line=line_no)
    except Exception as exc:  # noqa: BLE001 - one bad record must not stop the file
        yield problem("E335", path, line=line_no, detail=f"{type(exc).__name__}: {exc}")


# --- JSON ---------------------------------------------------------------------

def read_json(path: Path, text: str, fields: Mapping[str, str] | None,
              source: Path | None = None, base: str | None = None) -> Iterator[SourceDoc | ReadProblem]:
    """A JSON file: one string (a whole document), one record, or a list of records."""
    base = base or path.stem
    source = source or path
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # Many ``.json`` files are really JSON Lines.
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from read_jsonl(path, text, fields, source, base)
            return
        yield problem("E309", str(source), line=exc.lineno, detail=f"{exc.msg} at line {exc.lineno}, column {exc.colno}")
        return
    except RecursionError:
        yield problem("E334", str(source), line=1)
        return
    if isinstance(data, str):
        fmt = "wikitext" if looks_like_wikitext(data) else "text"
        yield SourceDoc(id=base, title=path.stem.replace("_", " "), text=data, lang=guess_lang(data),
                        format=fmt, source_path=str(source))
        return
    if isinstance(data, dict):
        records: list[Any] = [data]
        single = True
    elif isinstance(data, list):
        records = data
        single = False
    else:
        yield problem("E309", str(source), detail=f"a JSON {type(data).__name__}, not a string, object or list")
        return
    for index, record in enumerate(records, start=1):
        try:
            if isinstance(record, str):
                record = {"text": record}
            if not isinstance(record, dict):
                yield problem("E305", str(source), line=None, detail=f"item {index} is not an object")
                continue
            roles = resolve_fields(list(record), fields)
            if roles["text"] is None:
                yield problem("E307", str(source), kind=f"record {index}", wanted=_wanted("text", fields))
                continue
            own_id = record.get(roles["id"]) if roles["id"] else None
            if own_id not in (None, ""):
                doc_id = f"{base}/{own_id}"
            else:
                doc_id = base if single else f"{base}/{index}"
            yield _record_doc(record, roles, doc_id, source)
        except Exception as exc:  # noqa: BLE001 - RecursionError included: one bad record must not stop the file
            yield problem("E309", str(source), detail=f"item {index} could not be read: {type(exc).__name__}: {exc}")
