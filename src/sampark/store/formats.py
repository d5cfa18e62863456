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


def write_csv(rows: Iterable[dict[str, Any]], columns: list[str], out: IO[str], delimiter: str = ",") -> int:
    """Write dict rows with a header; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, extrasaction="ignore",
                            lineterminator="\n")
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


def parquet_table(facts: Iterable[dict[str, Any]]) -> Any:
    """A pyarrow Table of facts, evidence kept as a list of structs."""
    import pyarrow as pa

    evidence_type = pa.list_(pa.struct([("doc", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                                        ("text", pa.string()), ("lang", pa.string())]))
    schema = pa.schema([("id", pa.string()), ("type", pa.string()), ("actor_a", pa.string()),
                        ("actor_b", pa.string()), ("directed", pa.bool_()), ("date", pa.string()),
                        ("attrs", pa.string()), ("cameo", pa.string()), ("lang", pa.string()),
                        ("langs", pa.list_(pa.string())), ("confidence", pa.float64()),
                        ("evidence", evidence_type)])
    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    for fact in facts:
        columns["id"].append(fact["id"])
        columns["type"].append(fact["type"])
        columns["actor_a"].append(fact["actors"][0])
        columns["actor_b"].append(fact["actors"][1])
        columns["directed"].append(bool(fact.get("directed")))
        columns["date"].append(fact.get("date"))
        columns["attrs"].append(json.dumps(fact.get("attrs") or {}, ensure_ascii=False, sort_keys=True))
        columns["cameo"].append(fact.get("cameo"))
        columns["lang"].append(fact.get("lang"))
        columns["langs"].append(list(fact.get("langs") or []))
        columns["confidence"].append(fact.get("confidence"))
        columns["evidence"].append([{k: e.get(k) for k in ("doc", "start", "end", "text", "lang")}
                                    for e in fact.get("evidence") or []])
    return pa.table(columns, schema=schema)


def jsonl_lines(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object a line, non-ASCII kept readable."""
    for item in items:
        yield json.dumps(item, ensure_ascii=False) + "\n"


def to_csv_string(rows: Iterable[dict[str, Any]], columns: list[str]) -> str:
    buffer = io.StringIO()
    write_csv(rows, columns, buffer)
    return buffer.getvalue()
