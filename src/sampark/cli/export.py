"""``sampark export``: every fact to JSONL, CSV, Parquet or a CAMEO event table."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from sampark.cli.query import db_option, handle_errors, open_store
from sampark.store import Store
from sampark.store.formats import (CAMEO_COLUMNS, FACT_CSV_COLUMNS, cameo_row, fact_csv_row, jsonl_lines,
                                   parquet_table, write_csv)

_PAGE = 1000


def all_facts(store: Store, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every fact, fetched a page at a time so memory stays bounded for big stores."""
    offset = 0
    while True:
        page = store.facts(limit=_PAGE, offset=offset, **filters)
        yield from page
        if len(page) < _PAGE:
            return
        offset += _PAGE


@click.command("export")
@click.argument("out", metavar="OUT")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "cameo"]), required=True,
              help="jsonl: contract shape; csv: one flat row a fact; parquet: typed columns with evidence "
                   "as a list; cameo: GDELT-like tab-separated event table.")
@click.option("--pair", nargs=2, metavar="A B", help="Only facts between these two states.")
@click.option("--type", "fact_type", metavar="T", help="Only facts of this type.")
@db_option
@handle_errors
def export_command(out: str, fmt: str, pair: tuple[str, str] | None, fact_type: str | None,
                   db_url: str | None) -> None:
    """Write the knowledge base's facts to OUT (``-`` for stdout, except parquet).

    The CAMEO table has GDELT's columns SQLDATE (first day the date covers,
    YYYYMMDD), MonthYear, Year, Actor1Code, Actor2Code, EventCode,
    EventBaseCode, EventRootCode, NumSources, NumArticles and SOURCEURL, plus
    DatePrecision, the fact id and the EDTF date.
    """
    if fmt == "parquet" and out == "-":
        raise click.BadParameter("parquet needs a file, not stdout", param_hint="OUT")
    with open_store(db_url) as store:
        facts = all_facts(store, pair=pair or None, type=fact_type)
        if fmt == "parquet":
            import pyarrow.parquet as pq

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
                    count = write_csv((fact_csv_row(f) for f in facts), FACT_CSV_COLUMNS, handle)
                else:
                    count = write_csv((cameo_row(f) for f in facts), CAMEO_COLUMNS, handle, delimiter="\t")
            finally:
                if handle is not sys.stdout:
                    handle.close()
    click.echo(f"wrote {count} facts to {out} ({fmt})", err=True)


def register(group: click.Group) -> None:
    """Add ``export`` to the ``sampark`` group."""
    group.add_command(export_command)
