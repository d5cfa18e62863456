"""Helpers for the dist tests, importable by worker processes (module-level functions only)."""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from sampark.readers import ReadProblem, SourceDoc, iter_documents
from sampark.readers.model import problem
from sampark.store import Store

FAILING_MARK = "FAIL-HERE"


def sample_items(copies: int) -> list[SourceDoc | ReadProblem]:
    """The bundled samples ``copies`` times with new ids, plus an empty document and two problems."""
    samples = sorted((p.name, p.read_text(encoding="utf-8"))
                     for p in resources.files("sampark.samples").iterdir() if p.name.endswith(".txt"))
    items: list[SourceDoc | ReadProblem] = []
    for copy in range(copies):
        for name, text in samples:
            stem, lang = name[:-4].rsplit(".", 1)
            items.append(SourceDoc(id=f"{stem}.{lang}-{copy}", title=None, text=text, lang=lang))
        if copy == 2:
            items.append(problem("E003", f"missing-{copy}.txt"))
            items.append(SourceDoc(id=f"empty-{copy}", title=None, text="  \n", lang="en"))
    items.append(problem("E308", "empty-file.txt"))
    return items


def dump_slice(path: Path, n: int) -> list[SourceDoc | ReadProblem]:
    return list(itertools.islice(iter_documents(path), n))


def fact_keys(store: Store) -> set[tuple]:
    """What must not depend on the engine: type, actors, date and evidence spans of every stored fact."""
    return {(f["type"], tuple(f["actors"]), f["date"],
             frozenset((e["doc"], e["start"], e["end"]) for e in f["evidence"]))
            for f in store.facts()}


def outcome(store: Store, summary: Any, order: list[str]) -> dict[str, Any]:
    return {"facts": fact_keys(store), "counts": store.counts(), "summary": summary.as_dict(), "order": order}


def ingest_serial(url: str, items: Iterable[SourceDoc | ReadProblem], extractor: Any = None) -> dict[str, Any]:
    order: list[str] = []
    with Store.open(url, extractor=extractor) as store:
        summary = store.ingest(items, progress=lambda item, status: order.append(label(item)))
        return outcome(store, summary, order)


def label(item: SourceDoc | ReadProblem) -> str:
    return item.id if isinstance(item, SourceDoc) else item.message


def failing_extractor(doc: SourceDoc) -> list[dict]:
    """``sampark``'s extractor, except that it raises for documents whose text holds ``FAILING_MARK``."""
    if FAILING_MARK in doc.text:
        raise ValueError(f"refused {doc.id}")
    from sampark.pipeline import extract_source

    return extract_source(doc)


def length_only(doc: SourceDoc) -> list[dict]:
    """A cheap extractor for tests about the engine rather than the facts."""
    return [{"length": len(doc.text)}]


def big_documents(n: int, chars: int = 20_000):
    """``n`` Bengali documents of ``chars`` characters each, made as they are read."""
    for i in range(n):
        yield SourceDoc(id=f"big-{i}", title=None, text="ক" * chars + str(i), lang="bn")
