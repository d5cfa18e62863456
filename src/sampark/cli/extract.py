"""``sampark extract`` and ``sampark demo``: the extractor from the command line."""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import click

from sampark.cli.query import console, emit_facts
from sampark.errors import InputError, SamparkError
from sampark.pipeline import LANGUAGES, extract_source, from_source, run
from sampark.readers import ReadProblem, iter_documents, kind_of, read_file

_MANY = ("csv", "jsonl", "dump")


def _sources(path: str, errors: str):
    """The documents of one command-line argument, or the problems reading it."""
    if path != "-" and Path(path).exists() and (Path(path).is_dir() or kind_of(Path(path)) in _MANY):
        yield from iter_documents(path, errors=errors)
        return
    yield read_file(path, errors=errors)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", type=click.Choice(["auto", *LANGUAGES]), default="auto", show_default=True,
              help="Language of the documents; auto tells Bengali from English by script.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table", "csv"]), default="jsonl",
              show_default=True, help="Facts as JSON Lines (the contract's shape), a table or CSV.")
@click.option("--errors", type=click.Choice(["strict", "replace"]), default="strict", show_default=True,
              help="Invalid UTF-8: stop with an error naming the byte, or replace it and go on.")
def extract_command(paths: tuple[str, ...], lang: str, fmt: str, errors: str) -> None:
    """Extract the bilateral facts of PATHS and print them.

    A path is a .txt/.md (plain text), .wiki/.wikitext (MediaWiki markup),
    .html, .json file, a file of many documents (.jsonl, .csv, MediaWiki
    .xml dumps), a directory, or - for standard input. A document's id is its
    file name without the extension. Exit status: 0, or 2 if an input could
    not be read (the others are still extracted).
    """
    failed = False
    facts: list[dict] = []
    for path in paths:
        try:
            for item in _sources(path, errors):
                if isinstance(item, ReadProblem):
                    failed = failed or item.code != "E308"
                    if item.code != "E308":
                        click.echo(str(item), err=True)
                    continue
                if lang != "auto":
                    item.lang = lang
                try:
                    doc = run(from_source(item))
                except SamparkError as exc:
                    click.echo(str(exc), err=True)
                    failed = True
                    continue
                for warning in doc.warnings:  # e.g. a text in neither language
                    click.echo(f"warning: {warning}", err=True)
                found = doc.facts
                if fmt == "jsonl":
                    for fact in found:
                        sys.stdout.write(json.dumps(fact, ensure_ascii=False) + "\n")
                else:
                    facts.extend(found)
        except InputError as exc:
            if exc.code == "E308":  # an empty file has no facts; that is not an error
                continue
            click.echo(str(exc), err=True)
            failed = True
    if fmt != "jsonl":
        emit_facts(facts, fmt, "facts")
    sys.stdout.flush()
    if failed:
        sys.exit(2)


def sample_paths() -> list[Path]:
    """The bundled sample articles (written for sampark; see samples/README.md)."""
    folder = resources.files("sampark").joinpath("samples")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


@click.command("demo")
@click.option("--db", "db_url", default="sampark-demo.db", show_default=True,
              help="Where to build the demo knowledge base (a SQLite file or a PostgreSQL URL).")
def demo_command(db_url: str) -> None:
    """Extract the bundled sample articles and print their timelines.

    Reads short Bengali and English articles that ship with sampark, stores
    their facts (the same fact found in both languages becomes one), prints
    each pair's timeline, and says how to open the web UI on them.
    """
    from sampark.geo import state_name
    from sampark.store import Store

    docs = [read_file(path) for path in sample_paths()]
    with Store.open(db_url, extractor=extract_source) as store:
        summary = store.ingest(docs)
        out = console()
        where = db_url if "://" in db_url else str(Path(db_url).resolve())
        out.print(f"[bold]sampark demo[/bold]: read {summary.read} sample articles into {where}")
        for pair in store.pairs():
            title = f"{state_name(pair['a'], 'en')} – {state_name(pair['b'], 'en')}"
            emit_facts(store.timeline(pair["a"], pair["b"]), "table", title)
    out.print(f"\nExplore them in a browser: [bold]sampark serve --db {db_url}[/bold], "
              "then open http://127.0.0.1:8000/")


def register(group: click.Group) -> None:
    group.add_command(extract_command)
    group.add_command(demo_command)
