"""Helpers for the knowledge-base tests: per-document facts written by hand."""
from __future__ import annotations

from typing import Any

from sampark.readers import SourceDoc


def fact(doc: SourceDoc, fact_type: str, actors: list[str], date: str | None, quote: str,
         lang: str | None = None, confidence: float = 0.9, cameo: str | None = None, **attrs: Any) -> dict[str, Any]:
    """A per-document fact in the contract shape whose evidence is ``quote`` found in ``doc.text``."""
    start = doc.text.index(quote)
    return {"id": f"f:{doc.id}:{start}", "type": fact_type, "actors": actors, "date": date, "attrs": attrs,
            "cameo": cameo or "000", "lang": lang or doc.lang, "confidence": confidence,
            "evidence": [{"doc": doc.id, "start": start, "end": start + len(quote), "text": quote}]}


class HandExtractor:
    """An extractor whose facts for each document id are given by the test.

    It stands in for ``sampark.extract`` where the test is about merging,
    not extraction: the input facts are then exactly known.
    """

    def __init__(self) -> None:
        self.facts: dict[str, list[dict[str, Any]]] = {}
        self.calls: list[str] = []

    def __call__(self, doc: SourceDoc) -> list[dict[str, Any]]:
        self.calls.append(doc.id)
        return [dict(f) for f in self.facts.get(doc.id, [])]
