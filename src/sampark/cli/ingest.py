"""``sampark ingest``: read files and directories into the knowledge base."""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from sampark.cli.query import db_option, handle_errors, open_store
from sampark.dist import parallel_extractor, unchanged_in
from sampark.readers import DEFAULT_MAX_BYTES, ReadProblem, SourceDoc, read_path, walk
from sampark.readers.records import DEFAULT_FIELDS
from sampark.store import IngestSummary, Store


def parse_fields(value: str | None) -> dict[str, str] | None:
    """``id=guid,text=body`` to ``{"id": "guid", "text": "body"}``."""
    if not value:
        return None
    fields = {}
    for part in value.split(","):
        role, sep, column = part.partition("=")
        role, column = role.strip(), column.strip()
        if not sep or not column or role not in DEFAULT_FIELDS:
            raise click.BadParameter(f"{part!r}: expected ROLE=COLUMN with ROLE one of {', '.join(DEFAULT_FIELDS)}",
                                     param_hint="--fields")
        fields[role] = column
    return fields


def _entries(paths: tuple[str, ...], follow_links: bool, skipped: Counter) -> list[tuple[Path, str] | ReadProblem]:
    """The files to read with their id bases, and what could not be walked, directories expanded."""
    entries: list[tuple[Path, str] | ReadProblem] = []
    for raw in paths:
        entries.extend(walk(raw, follow_links=follow_links, skipped=skipped))
    return entries


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters (escape sequences, bidi overrides) shown as ``\\x1b``, ``\\u202e``.

    Titles, ids and messages come from the input; printed raw, an escape
    code in one could rewrite or hide what the terminal shows.
    """
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def print_summary(summary: IngestSummary, out: Console) -> None:
    """The end-of-run report: documents by outcome, facts, conflicts, problems."""
    table = Table(title="ingest summary", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (("documents read", summary.read), ("new", summary.new),
                         ("unchanged", summary.unchanged), ("replaced", summary.replaced),
                         ("skipped", len(summary.skipped)), ("facts new", summary.facts_new),
                         ("facts merged into others", summary.facts_merged),
                         ("facts rejected", sum(summary.facts_rejected.values())),
                         ("new conflicts", summary.conflicts), ("input problems", len(summary.problems))):
        table.add_row(label, str(value))
    out.print(table)
    for reason, n in sorted(summary.passed_over.items()):
        out.print(f"passed over: {n} {reason}", markup=False)
    for reason, n in sorted(summary.facts_rejected.items()):
        out.print(f"facts rejected: {n} ({reason})")
    # One line per message, however long, so that it can be found with grep.
    for doc_id, reason in summary.skipped:
        out.print(terminal_safe(f"skipped {doc_id}: {reason}"), markup=False, soft_wrap=True)
    for item in summary.problems:
        out.print(terminal_safe(item.message), style="red", markup=False, soft_wrap=True)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--fields", metavar="ROLE=COLUMN,...",
              help="Column or key names in CSV/JSON(L) files, e.g. id=guid,text=body,date=published "
                   "(roles: id, title, text, lang, url, date, format).")
@click.option("--errors", "errors", type=click.Choice(["strict", "replace"]), default="strict", show_default=True,
              help="strict refuses files that are not valid UTF-8; replace reads them with U+FFFD.")
@click.option("--follow-links", is_flag=True,
              help="Read symbolic links that lead out of a directory given (off: they are reported and skipped).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="The most bytes of one document, record, line, CSV field or dump page; larger ones are "
                   "reported and skipped, the rest kept.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON instead of a table.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Extract in N worker processes (default 1: in this one); with --engine dask and no "
                   "--scheduler, the size of the local cluster (default 2).")
@click.option("--engine", type=click.Choice(["processes", "dask"]), default="processes", show_default=True,
              help="Where extraction runs: local worker processes or a Dask cluster.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Dask scheduler to send batches to (implies --engine dask); without it a local "
                   "cluster on loopback is started and stopped.")
@handle_errors
def ingest_command(paths: tuple[str, ...], db_url: str | None, fields: str | None, errors: str, follow_links: bool,
                   max_bytes: int, as_json: bool, quiet: bool, workers: int | None, engine: str,
                   scheduler: str | None) -> None:
    """Read documents into the knowledge base and merge their facts.

    PATH is a file or a directory (read recursively): .txt .md .wiki .html
    .json .jsonl .csv and MediaWiki dumps .xml .xml.bz2 .xml.xz. Each
    document is stored in its own transaction; a document already stored
    with the same content is left alone, a changed one replaces its facts.
    Problems in the input are reported with file and line or byte offset,
    and the readable parts are kept. Only regular files are read; README,
    LICENSE, CHANGELOG and SOURCES.md files met in a directory are passed
    over. A file's document id is its path below the directory given,
    without extension (docs/knowledge-base.md).

    Documents are stored by this process in input order whichever engine
    extracts them.

    Exit status: 0 all read, 2 some input could not be read, 1 some
    documents could not be processed.
    """
    field_map = parse_fields(fields)
    err = Console(stderr=True)
    summary = IngestSummary()
    entries = _entries(paths, follow_links, summary.passed_over)
    files = [e for e in entries if not isinstance(e, ReadProblem)]
    with parallel_extractor(workers, engine, scheduler) as prefetched, open_store(db_url) as store:
        if prefetched is not None:
            store = Store(store.db, extractor=prefetched)
        with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TextColumn("{task.fields[docs]} docs"), TimeElapsedColumn(),
                      console=err, disable=quiet, transient=False) as bar:
            task = bar.add_task("reading", total=len(files), docs=0)
            counted = Counter()

            def progress(item: SourceDoc | ReadProblem, status: str) -> None:
                counted[status] += 1
                bar.update(task, docs=sum(counted.values()) - counted["problem"])

            def items() -> Iterator[SourceDoc | ReadProblem]:
                # One stream over all files, so that workers stay busy across file boundaries.
                for entry in entries:
                    if isinstance(entry, ReadProblem):
                        yield entry
                        continue
                    file, base = entry
                    bar.update(task, description=terminal_safe(_label(file)))
                    yield from read_path(file, fields=field_map, errors=errors, skipped=summary.passed_over,
                                         base=base, max_bytes=max_bytes)
                    bar.advance(task)

            stream = items() if prefetched is None else prefetched.feed(items(), skip=unchanged_in(store))
            store.ingest(stream, progress=progress, summary=summary)
            bar.update(task, description="done")
    if as_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_summary(summary, Console(width=None if sys.stdout.isatty() else 160))
    if summary.problems:
        sys.exit(2)
    if any(reason.startswith(("[E312]", "[E315]")) for _, reason in summary.skipped):
        sys.exit(1)


def _label(path: Path, width: int = 40) -> str:
    name = path.name
    return name if len(name) <= width else "…" + name[-(width - 1):]


def register(group: click.Group) -> None:
    """Add ``ingest`` to the ``sampark`` group."""
    group.add_command(ingest_command)
