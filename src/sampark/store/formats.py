"""Facts as flat rows: CSV, Parquet and a GDELT-like CAMEO event table.

The JSONL form is the contract shape itself; the others flatten it. Kept
beside the store (not in the CLI) so the web app can serve the same files.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from sampark.extras import require
from sampark.store.merge import date_span

FACT_CSV_COLUMNS = ["id", "type", "actor_a", "actor_b", "directed", "date", "attrs", "cameo", "lang", "langs",
                    "confidence", "n_evidence", "docs", "evidence_text"]
CAMEO_COLUMNS = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "DatePrecision", "Actor1Code", "Actor2Code",
                 "EventCode", "EventBaseCode", "EventRootCode", "NumSources", "NumArticles", "SOURCEURL",
                 "FactID", "EDTFDate"]


def fact_csv_row(fact: dict[str, Any]) -> dict[str, Any]:
    """One flat row per fact; attrs as JSON, evidence as doc ids and the first span's text."""
    evidence = fact.get("evidence") or []
    return {
        "id": fact["id"], "type": fact["type"], "actor_a": fact["actors"][0], "actor_b": fact["actors"][1],
        "directed": int(bool(fact.get("directed"))), "date": fact.get("date") or "",
        "attrs": json.dumps(fact.get("attrs") or {}, ensure_ascii=False, sort_keys=True),
        "cameo": fact.get("cameo") or "", "lang": fact.get("lang") or "",
        "langs": ",".join(fact.get("langs") or []), "confidence": fact.get("confidence"),
        "n_evidence": len(evidence), "docs": " ".join(sorted({e["doc"] for e in evidence})),
        "evidence_text": (evidence[0].get("text") or "") if evidence else "",
    }


def write_csv(rows: Iterable[dict[str, Any]], columns: list[str], out: IO[str], delimiter: str = ",",
              quote_text: bool = False) -> int:
    """Write dict rows with a header; returns the number of rows.

    With ``quote_text`` every text field is quoted and numbers are not, so
    a reader that honours quotes (``csv.QUOTE_NONNUMERIC``, R's read.csv,
    spreadsheets' text import) keeps ``057`` as text. pandas does not look at
    quotes: pass ``dtype={"cameo": str}`` (or ``dtype=str``).
    """
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, extrasaction="ignore",
                            lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC if quote_text else csv.QUOTE_MINIMAL)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _precision(date: str | None) -> str:
    if not date:
        return ""
    if "/" in date:
        return "interval"
    core = date.rstrip("?~%")
    if "X" in core:
        return "decade" if core.endswith("X") and not core.endswith("XX") else "century"
    return {4: "year", 7: "month", 10: "day"}.get(len(core), "other")


def cameo_row(fact: dict[str, Any]) -> dict[str, Any]:
    """A GDELT-style event row (SQLDATE is the first day the date covers)."""
    span = date_span(fact.get("date"))
    day = span[0].replace("-", "") if span and span[0] != "0001-01-01" else ""
    code = (fact.get("cameo") or "").split("/")[0].strip()
    evidence = fact.get("evidence") or []
    url = next((e.get("url") for e in evidence if e.get("url")), None)
    return {
        "GLOBALEVENTID": fact["id"], "SQLDATE": day, "MonthYear": day[:6], "Year": day[:4],
        "DatePrecision": _precision(fact.get("date")), "Actor1Code": fact["actors"][0],
        "Actor2Code": fact["actors"][1], "EventCode": code, "EventBaseCode": code[:3],
        "EventRootCode": code[:2], "NumSources": len({e["doc"] for e in evidence}),
        "NumArticles": len(evidence), "SOURCEURL": url or (evidence[0]["doc"] if evidence else ""),
        "FactID": fact["id"], "EDTFDate": fact.get("date") or "",
    }


def _day(text: str | None, open_end: str) -> Any:
    import datetime

    if not text or text == open_end:
        return None
    return datetime.date.fromisoformat(text)


def _attrs_column(values: list[dict[str, Any]]) -> Any:
    """attrs as a struct column (one field per key seen); a map of JSON texts if their types clash."""
    pa = require("pyarrow")

    try:
        array = pa.array([v or None for v in values])
        if pa.types.is_struct(array.type) or pa.types.is_null(array.type):
            return array
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        pass
    mapped = [[(k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)) for k, v in sorted(d.items())]
              for d in values]
    return pa.array(mapped, type=pa.map_(pa.string(), pa.string()))


def parquet_table(facts: Iterable[dict[str, Any]]) -> Any:
    """A pyarrow Table of facts with typed columns.

    ``date_lo``/``date_hi`` are dates (null where the EDTF date is open or
    missing), ``pair`` is ``IND-PAK``, ``n_docs`` and ``n_evidence`` integers,
    ``attrs`` a struct (a map of strings if two facts give one key different
    types), ``evidence`` a list of structs.
    """
    pa = require("pyarrow")

    from sampark.store.merge import MAX_DAY, MIN_DAY

    evidence_type = pa.list_(pa.struct([("doc", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                                        ("text", pa.string()), ("lang", pa.string())]))
    fields = [("id", pa.string()), ("type", pa.string()), ("actor_a", pa.string()), ("actor_b", pa.string()),
              ("pair", pa.string()), ("directed", pa.bool_()), ("date", pa.string()), ("date_lo", pa.date32()),
              ("date_hi", pa.date32()), ("cameo", pa.string()), ("lang", pa.string()),
              ("langs", pa.list_(pa.string())), ("confidence", pa.float64()), ("n_docs", pa.int32()),
              ("n_evidence", pa.int32()), ("evidence", evidence_type)]
    columns: dict[str, list[Any]] = {name: [] for name, _ in fields}
    attrs: list[dict[str, Any]] = []
    for fact in facts:
        span = date_span(fact.get("date")) or (None, None)
        evidence = fact.get("evidence") or []
        columns["id"].append(fact["id"])
        columns["type"].append(fact["type"])
        columns["actor_a"].append(fact["actors"][0])
        columns["actor_b"].append(fact["actors"][1])
        columns["pair"].append("-".join(fact.get("pair") or sorted(fact["actors"])))
        columns["directed"].append(bool(fact.get("directed")))
        columns["date"].append(fact.get("date"))
        columns["date_lo"].append(_day(span[0], MIN_DAY))
        columns["date_hi"].append(_day(span[1], MAX_DAY))
        columns["cameo"].append(fact.get("cameo"))
        columns["lang"].append(fact.get("lang"))
        columns["langs"].append(list(fact.get("langs") or []))
        columns["confidence"].append(fact.get("confidence"))
        columns["n_docs"].append(fact.get("n_docs") if fact.get("n_docs") is not None
                                 else len({e["doc"] for e in evidence}))
        columns["n_evidence"].append(len(evidence))
        columns["evidence"].append([{k: e.get(k) for k in ("doc", "start", "end", "text", "lang")} for e in evidence])
        attrs.append(fact.get("attrs") or {})
    arrays = [pa.array(columns[name], type=kind) for name, kind in fields]
    names = [name for name, _ in fields]
    position = names.index("cameo")
    arrays.insert(position, _attrs_column(attrs))
    names.insert(position, "attrs")
    return pa.Table.from_arrays(arrays, names=names)


def datasette_metadata(database: str = "sampark") -> dict[str, Any]:
    """A ``metadata.json`` for ``datasette sampark.db --metadata metadata.json``: titles, descriptions, facets.

    Args:
        database: the name Datasette gives the database: the SQLite file's
            name without ``.db`` (``sampark`` for ``sampark.db``).
    """
    return {
        "title": "sampark: relations between countries",
        "description": "Sourced, dated facts about the relations between countries, each with the spans of the "
                       "documents it was read in. See docs/knowledge-base.md.",
        "license": "Facts: as their sources; schema: MIT",
        "databases": {database: {"tables": {
            "facts": {
                "description": "One row per merged fact. pair_key is the order-free pair (IND-PAK); date is EDTF, "
                               "date_lo/date_hi the days it covers (0001-01-01/9999-12-31 for open ends); "
                               "attrs is JSON.",
                "facets": ["type", "pair_key", "lang"],
                "sort_desc": "n_docs",
                "label_column": "id",
            },
            "evidence": {
                "description": "The spans facts were read from: documents.text[start:end] == text.",
                "facets": ["lang", "type"],
            },
            "documents": {"description": "Every document read, with its text.", "facets": ["lang", "format"],
                          "label_column": "title"},
            "conflicts": {"description": "Facts that are one event but whose sources disagree.",
                          "facets": ["kind", "type"]},
            "fact_evidence": {"description": "Each fact with each of its evidence spans and the document's title "
                                             "(pair spelled IND-PAK).", "facets": ["type", "pair", "lang"]},
            "pair_summary": {"description": "One row per pair: facts, kinds, first and last day, sources.",
                             "sort_desc": "n_facts"},
            "pair_type_counts": {"description": "Facts per pair and type.", "facets": ["type"]},
            "evidence_fts": {"hidden": True}, "title_fts": {"hidden": True},
        }}},
    }


def jsonl_lines(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object a line, non-ASCII kept readable."""
    for item in items:
        yield json.dumps(item, ensure_ascii=False) + "\n"


def to_csv_string(rows: Iterable[dict[str, Any]], columns: list[str]) -> str:
    buffer = io.StringIO()
    write_csv(rows, columns, buffer)
    return buffer.getvalue()
