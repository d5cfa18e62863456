"""``sampark export``: facts to JSONL, CSV, Parquet, a CAMEO event table, or Datasette metadata.

The format follows the file name (``facts.parquet``, ``facts.csv``,
``facts.jsonl``, ``events.tsv``) unless ``--format`` says otherwise, and the
filters are those of ``sampark facts``.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from sampark.cli.query import fact_filter_options, fact_filters, handle_errors, open_store
from sampark.errors import Errors, InputError
from sampark.extras import require
from sampark.store import Store
from sampark.store.formats import (CAMEO_COLUMNS, FACT_CSV_COLUMNS, cameo_row, datasette_metadata, fact_csv_row,
                                   jsonl_lines, parquet_table, write_csv)

_PAGE = 1000
FORMATS = ("jsonl", "csv", "parquet", "cameo", "datasette-metadata")
# File name endings and the format each means.
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".tsv": "cameo"}


def all_facts(store: Store, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every fact, fetched a page at a time so memory stays bounded for big stores."""
    offset = 0
    while True:
        page = store.facts(limit=_PAGE, offset=offset, **filters)
        yield from page
        if len(page) < _PAGE:
            return
        offset += _PAGE


def infer_format(out: str, fmt: str | None) -> str:
    """``fmt`` if given, else the format OUT's name ends in; InputError (exit 2) when neither says."""
    if fmt:
        return fmt
    if Path(out).name == "metadata.json":
        return "datasette-metadata"
    suffix = Path(out).suffix.lower()
    if out != "-" and suffix in SUFFIXES:
        return SUFFIXES[suffix]
    raise InputError("E005", Errors.E005, path=out,
                     detail=f"cannot tell the format from the name; name it *{', *'.join(SUFFIXES)} "
                            f"or pass --format ({', '.join(FORMATS)})")


@click.command("export")
@click.argument("out", metavar="OUT")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="jsonl: contract shape; csv: one flat row a fact, codes as text; parquet: typed columns, "
                   "attrs as a struct, evidence as a list; cameo: GDELT-like tab-separated events; "
                   "datasette-metadata: a metadata.json for Datasette. [default: from OUT's name]")
@fact_filter_options
@click.option("--db", "db_url", envvar="SAMPARK_DB", default=None, metavar="URL",
              help="SQLite file or postgresql:// URL [default: $SAMPARK_DB or ./sampark.db].")
@handle_errors
def export_command(out: str, fmt: str | None, pair: tuple[str, str] | None, state: str | None,
                   fact_type: str | None, since: str | None, until: str | None, lang: str | None,
                   polarity: str | None, min_confidence: float | None, doc: str | None, db_url: str | None) -> None:
    """Write the knowledge base's facts to OUT (``-`` for stdout, except parquet).

    The format follows OUT's name: .jsonl, .csv, .parquet, .tsv (cameo),
    metadata.json (datasette-metadata). CSV quotes every text field and
    keeps codes as text (CAMEO 057 stays 057); read it with
    ``pandas.read_csv(path, dtype={"cameo": str})`` or ``dtype=str``.

    The CAMEO table has GDELT's columns SQLDATE (first day the date covers,
    YYYYMMDD), MonthYear, Year, Actor1Code, Actor2Code, EventCode,
    EventBaseCode, EventRootCode, NumSources, NumArticles and SOURCEURL, plus
    DatePrecision, the fact id and the EDTF date.
    """
    fmt = infer_format(out, fmt)
    if fmt == "parquet" and out == "-":
        raise click.BadParameter("parquet needs a file, not stdout", param_hint="OUT")
    if fmt == "parquet":
        require("pyarrow.parquet")  # before reading anything: a missing extra is said at once
    filters = fact_filters(pair, state, fact_type, since, until, lang, polarity, min_confidence, doc)
    with open_store(db_url, must_exist=True) as store:
        if fmt == "datasette-metadata":
            # Datasette names a database after its file: kb.db is "kb"
            name = "sampark" if "://" in store.url else Path(store.url.removeprefix("sqlite:///")).stem
            text = json.dumps(datasette_metadata(name), ensure_ascii=False, indent=2) + "\n"
            if out == "-":
                sys.stdout.write(text)
            else:
                Path(out).write_text(text, encoding="utf-8")
            click.echo(f"wrote Datasette metadata to {out}", err=True)
            return
        store.count_facts(**filters)  # a bad filter fails here, before OUT is created
        facts = all_facts(store, **filters)
        if fmt == "parquet":
            pq = require("pyarrow.parquet")
            table = parquet_table(facts)
            pq.write_table(table, out)
            count = table.num_rows
        else:
            handle = sys.stdout if out == "-" else open(Path(out), "w", encoding="utf-8", newline="")
            try:
                if fmt == "jsonl":
                    count = 0
                    for line in jsonl_lines(facts):
                        handle.write(line)
                        count += 1
                elif fmt == "csv":
                    count = write_csv((fact_csv_row(f) for f in facts), FACT_CSV_COLUMNS, handle, quote_text=True)
                else:
                    count = write_csv((cameo_row(f) for f in facts), CAMEO_COLUMNS, handle, delimiter="\t",
                                      quote_text=True)
            finally:
                if handle is not sys.stdout:
                    handle.close()
    click.echo(f"wrote {count} facts to {out} ({fmt})", err=True)


def register(group: click.Group) -> None:
    """Add ``export`` to the ``sampark`` group."""
    group.add_command(export_command)
