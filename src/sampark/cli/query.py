"""Commands that read the knowledge base: timeline, facts, pairs, conflicts, docs.

Every command takes ``--db`` and ``--format table|jsonl|csv``; tables are
drawn by rich (Bengali included), JSONL is the contract's fact shape, CSV
is flat. States are given by ISO code or by any name in Bengali or English.
"""
from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sampark.errors import Errors, InputError, SamparkError
from sampark.extras import MissingExtra
from sampark.store import Store, default_url
from sampark.store.db import is_postgres
from sampark.store.formats import FACT_CSV_COLUMNS, fact_csv_row, jsonl_lines, write_csv
from sampark.store.store import POLARITIES, SORTS, QueryError

FORMATS = ("table", "jsonl", "csv")


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--db``: SQLite path or ``postgresql://`` URL (default ``$SAMPARK_DB`` or ``sampark.db``)."""
    return click.option("--db", "db_url", envvar="SAMPARK_DB", default=None, metavar="URL",
                        help="SQLite file or postgresql:// URL [default: $SAMPARK_DB or ./sampark.db].")(func)


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="Output as a table, JSON Lines (contract shape) or CSV.")(func)


def check_exists(url: str) -> None:
    """Refuse a SQLite file that does not exist (InputError E310, exit 2).

    Commands that only read never create a database: a typo in ``--db``, or
    a query run outside the project folder, must not leave an empty
    ``sampark.db`` behind and report zero facts. (A PostgreSQL database is
    never created by sampark; an empty one gets the schema.)
    """
    if is_postgres(url):
        return
    path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
    if path == ":memory:":
        return
    if not Path(path).is_file():
        raise InputError("E310", Errors.E310, url=url,  # type: ignore[attr-defined]
                         detail="no such database file; build one with `sampark ingest PATH --db "
                                f"{url}` (commands that only read never create one)")


def open_store(db_url: str | None, must_exist: bool = False) -> Store:
    """Open the store (``ingest`` creates it); read-only commands pass ``must_exist``."""
    url = db_url or default_url()
    if must_exist:
        check_exists(url)
    return Store.open(url)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Report SamparkErrors (unknown state, bad database) and bad filters as one line.

    A filter the store refuses (QueryError) exits 2 with the message the web
    API gives with its 400.
    """
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SamparkError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_status)
        except QueryError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)
        except MissingExtra as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
    return wrapper


def fact_filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The filters of ``facts`` and ``export`` (the web's /facts takes the same)."""
    options = [
        click.option("--pair", nargs=2, metavar="A B", help="Only facts between these two states (codes or names)."),
        click.option("--state", metavar="S", help="Only facts with this state on either side."),
        click.option("--type", "fact_type", metavar="T", help="Only facts of this type (e.g. agreement_signed)."),
        click.option("--since", metavar="DATE",
                     help="Only facts whose date range reaches into or past DATE (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", metavar="DATE", help="Only facts whose date range starts on or before DATE."),
        click.option("--lang", metavar="L", help="Only facts with evidence in this language (bn, en)."),
        click.option("--polarity", metavar="P", help=f"Only statements of this polarity ({', '.join(POLARITIES)})."),
        click.option("--min-confidence", type=float, metavar="X", help="Only facts at least this confident (0-1)."),
        click.option("--doc", metavar="ID", help="Only facts with evidence in this document."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def fact_filters(pair: tuple[str, str] | None, state: str | None, fact_type: str | None, since: str | None,
                 until: str | None, lang: str | None, polarity: str | None, min_confidence: float | None,
                 doc: str | None) -> dict[str, Any]:
    """The options of :func:`fact_filter_options` as ``Store.facts`` keywords."""
    return {"pair": pair or None, "state": state, "type": fact_type, "since": since, "until": until,
            "lang": lang, "polarity": polarity, "min_confidence": min_confidence, "doc": doc}


def console() -> Console:
    # Wide enough that Bengali evidence is not folded letter by letter when
    # output goes to a pipe or a test runner rather than a terminal.
    return Console(width=None if sys.stdout.isatty() else 160, soft_wrap=False)


def _short(text: str | None, n: int = 90) -> str:
    """``text`` on one line, cut between grapheme clusters (never inside a Bengali conjunct)."""
    from sampark.web.text import short_title

    return short_title(text, n)


def describe_attrs(attrs: dict[str, Any]) -> str:
    """Attributes as ``key=value`` pairs, lists joined by commas."""
    parts = []
    for key, value in attrs.items():
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = ", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
        elif isinstance(value, float) and value.is_integer():
            value = f"{value:,.0f}"
        parts.append(f"{key}={value}")
    return "; ".join(parts)


def actors_label(fact: dict[str, Any]) -> str:
    a, b = fact["actors"]
    return f"{a} → {b}" if fact.get("directed") else f"{a} – {b}"


def sources_label(fact: dict[str, Any]) -> str:
    lines = []
    for e in fact.get("evidence") or []:
        lines.append(f"{e['doc']} [{e.get('lang') or '?'}] {e.get('start')}-{e.get('end')}: “{_short(e.get('text'), 70)}”")
    return "\n".join(lines)


def emit_facts(facts: Iterable[dict[str, Any]], fmt: str, title: str) -> None:
    """Print facts in the chosen format."""
    facts = list(facts)
    if fmt == "jsonl":
        sys.stdout.writelines(jsonl_lines(facts))
        return
    if fmt == "csv":
        write_csv((fact_csv_row(f) for f in facts), FACT_CSV_COLUMNS, sys.stdout, quote_text=True)
        return
    table = Table(title=title, show_lines=True)
    for column in ("date", "type", "actors", "details", "langs", "sources"):
        table.add_column(column, overflow="fold")
    for f in facts:
        table.add_row(f.get("date") or "—", f["type"], actors_label(f), describe_attrs(f.get("attrs") or {}),
                      ",".join(f.get("langs") or []), sources_label(f))
    out = console()
    out.print(table)
    out.print(f"{len(facts)} fact(s)")


@click.command("timeline")
@click.argument("state_a")
@click.argument("state_b")
@db_option
@format_option
@handle_errors
def timeline_command(state_a: str, state_b: str, db_url: str | None, fmt: str) -> None:
    """The facts between two states in date order (undated last), each with its sources.

    STATE_A and STATE_B are ISO codes or names in Bengali or English, in
    either order (MYS, Malaysia, মালয়েশিয়া); a former state counts as its
    successor (SUN facts appear under RUS).
    """
    with open_store(db_url, must_exist=True) as store:
        a, b = store.state_code(state_a), store.state_code(state_b)
        emit_facts(store.timeline(a, b), fmt, f"{a} – {b}")


@click.command("facts")
@fact_filter_options
@click.option("--sort", type=click.Choice(list(SORTS)), default="date", show_default=True,
              help="Order: date, -date (newest first), confidence, -confidence, type, docs (most sources first).")
@click.option("--limit", type=click.IntRange(0, None), default=None, help="At most this many facts.")
@click.option("--offset", type=click.IntRange(0, None), default=0, help="Skip this many facts first.")
@db_option
@format_option
@handle_errors
def facts_command(pair: tuple[str, str] | None, state: str | None, fact_type: str | None, since: str | None,
                  until: str | None, lang: str | None, polarity: str | None, min_confidence: float | None,
                  doc: str | None, sort: str, limit: int | None, offset: int, db_url: str | None, fmt: str) -> None:
    """List merged facts, filtered by pair, state, type, date range, language, polarity, confidence, document.

    --since and --until select the facts whose date range overlaps the
    period: ``--since 2024`` keeps a fact dated ``1782/..`` (ongoing since
    1782) and leaves out undated facts.
    """
    filters = fact_filters(pair, state, fact_type, since, until, lang, polarity, min_confidence, doc)
    with open_store(db_url, must_exist=True) as store:
        facts = store.facts(**filters, sort=sort, limit=limit, offset=offset)
        emit_facts(facts, fmt, "facts")


@click.command("pairs")
@db_option
@format_option
@handle_errors
def pairs_command(db_url: str | None, fmt: str) -> None:
    """Every pair of states with facts, with counts by type and the dates they span."""
    with open_store(db_url, must_exist=True) as store:
        pairs = store.pairs()
    if fmt == "jsonl":
        sys.stdout.writelines(jsonl_lines(pairs))
        return
    if fmt == "csv":
        rows = ({**p, "by_type": json.dumps(p["by_type"])} for p in pairs)
        write_csv(rows, ["a", "b", "count", "first_date", "last_date", "by_type"], sys.stdout, quote_text=True)
        return
    table = Table(title="pairs")
    for column in ("a", "b", "facts", "first", "last", "by type"):
        table.add_column(column, overflow="fold")
    for p in pairs:
        table.add_row(p["a"], p["b"], str(p["count"]), p["first_date"] or "—", p["last_date"] or "—",
                      ", ".join(f"{t} {n}" for t, n in p["by_type"].items()))
    console().print(table)


@click.command("conflicts")
@click.option("--pair", nargs=2, metavar="A B", help="Only conflicts between these two states.")
@db_option
@format_option
@handle_errors
def conflicts_command(pair: tuple[str, str] | None, db_url: str | None, fmt: str) -> None:
    """Facts that are the same event but whose sources disagree on a date or value.

    Each conflict lists every fact on each side with its sources; JSONL
    gives the facts in the contract's shape.
    """
    with open_store(db_url, must_exist=True) as store:
        conflicts = store.conflicts(pair=pair or None)
    if fmt == "jsonl":
        sys.stdout.writelines(jsonl_lines(conflicts))
        return
    if fmt == "csv":
        rows = ({"conflict": c["id"], "kind": c["kind"], "reason": c["reason"], **fact_csv_row(f)}
                for c in conflicts for f in c["facts"])
        write_csv(rows, ["conflict", "kind", "reason", *FACT_CSV_COLUMNS], sys.stdout, quote_text=True)
        return
    out = console()
    for c in conflicts:
        table = Table(title=f"{c['id']} ({c['kind']}): {c['reason']}", show_lines=True)
        for column in ("fact", "date", "actors", "details", "sources"):
            table.add_column(column, overflow="fold")
        for f in c["facts"]:
            table.add_row(f["id"], f.get("date") or "—", actors_label(f), describe_attrs(f.get("attrs") or {}),
                          sources_label(f))
        out.print(table)
    out.print(f"{len(conflicts)} conflict(s)")


@click.command("docs")
@click.option("--limit", type=int, default=None, help="At most this many documents.")
@db_option
@format_option
@handle_errors
def docs_command(limit: int | None, db_url: str | None, fmt: str) -> None:
    """The documents in the knowledge base, with their language, date and fact count."""
    with open_store(db_url, must_exist=True) as store:
        docs = store.documents(limit=limit)
    columns = ["id", "title", "lang", "date", "format", "n_facts", "source_path", "ingested_at", "hash"]
    if fmt == "jsonl":
        sys.stdout.writelines(jsonl_lines(docs))
        return
    if fmt == "csv":
        write_csv(docs, columns, sys.stdout, quote_text=True)
        return
    table = Table(title="documents")
    for column in ("id", "title", "lang", "date", "facts", "source"):
        table.add_column(column, overflow="fold")
    for d in docs:
        table.add_row(d["id"], _short(d["title"], 60), d["lang"] or "", d["date"] or "", str(d["n_facts"]),
                      d["source_path"] or "")
    out = console()
    out.print(table)
    out.print(f"{len(docs)} document(s)")


def register(group: click.Group) -> None:
    """Add the query commands to the ``sampark`` group."""
    for command in (timeline_command, facts_command, pairs_command, conflicts_command, docs_command):
        group.add_command(command)
