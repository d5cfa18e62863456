"""Incremental merging (issue 16): a new document's facts are placed among the
kept clusters of their group instead of reclustering the whole group; the
stored facts, links and conflicts must be exactly those of a full recluster,
whatever the order documents arrive in, with replaced and deleted documents
and a second writer in between.
"""
from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from sampark.readers import SourceDoc
from sampark.store import Store
from storekit import HandExtractor, fact

PAIRS = [("IND", "PAK"), ("MYS", "SUN"), ("MYS", "RUS"), ("BGD", "IND")]


def _corpus(n: int, seed: int) -> tuple[list[SourceDoc], HandExtractor]:
    """Documents of one to three facts each, built to merge, split and clash."""
    rng = random.Random(seed)
    hand = HandExtractor()
    docs = []
    for i in range(n):
        text = f"Document {i}. " + " ".join(f"Clause {j} of document {i}." for j in range(3))
        doc = SourceDoc(f"d{i:03d}", f"Title {i}", text, lang=rng.choice(["en", "bn"]))
        docs.append(doc)
        facts = []
        for j in range(rng.randint(1, 3)):
            a, b = rng.choice(PAIRS)
            quote = f"Clause {j} of document {i}."
            kind = rng.choice(["relations_established", "agreement_signed", "mission_opened", "trade_volume",
                               "meeting"])
            date = rng.choice(["1967", "1967-04", "1967-04-03", "1968", "1972-10", "198X", None])
            attrs: dict[str, Any] = {}
            if kind == "agreement_signed":
                attrs["topics"] = rng.choice([["trade"], ["economic"], [], ["trade", "economic"]])
            elif kind == "mission_opened":
                attrs["kind"] = rng.choice(["embassy", "consulate"])
                if rng.random() < 0.5:
                    attrs["city"] = rng.choice(["Dhaka", "Delhi"])
            elif kind == "trade_volume":
                attrs.update(value=rng.choice([1e9, 1.001e9, 2e9]), currency="USD", flow="total")
                date = rng.choice(["1985", "1986"])
            facts.append(fact(doc, kind, [a, b] if rng.random() < 0.5 else [b, a], date, quote,
                              confidence=rng.choice([0.6, 0.9]), **attrs))
        hand.facts[doc.id] = facts
    return docs, hand


def _state(url: str) -> tuple:
    with Store.open(url) as store:
        facts = store.facts()
        conflicts = store.conflicts()
        links = store.db.all("SELECT doc_id, ord, span, fact_id FROM evidence ORDER BY doc_id, ord, span")
    strip = lambda rows: sorted((repr({k: v for k, v in r.items() if k not in ("updated_at", "created_at")})  # noqa: E731
                                 for r in rows))
    return strip(facts), strip(conflicts), links


def _reclustered(url: str) -> tuple:
    """The state after reclustering every group from scratch."""
    with Store.open(url) as store:
        groups = store.db.all("SELECT DISTINCT type, pair_key FROM evidence")
        with store.db.write():
            for fact_type, key in groups:
                store.writer.recluster(fact_type, key)
    return _state(url)


@pytest.mark.parametrize("order", ["sorted", "shuffled"])
def test_incremental_merge_equals_full_recluster(db_url: str, order: str) -> None:
    docs, hand = _corpus(60, seed=16)
    if order == "shuffled":
        random.Random(3).shuffle(docs)
    with Store.open(db_url, extractor=hand) as store:
        store.ingest(docs[:40])
        # A replaced document and a deleted one go through the full path.
        changed = SourceDoc(docs[5].id, "changed", docs[5].text + " More.", lang="en")
        hand.facts[changed.id] = hand.facts[docs[5].id][:1]
        assert store.ingest_document(changed) == "replaced"
        assert store.delete_document(docs[7].id)
        store.ingest(docs[40:])
    state = _state(db_url)
    assert state[0] and state[1], "the corpus should make facts and conflicts"
    assert state == _reclustered(db_url)


def test_incremental_merge_notices_another_writer(tmp_path: Path) -> None:
    url = str(tmp_path / "kb.db")
    docs, hand = _corpus(40, seed=5)
    with Store.open(url, extractor=hand) as first, Store.open(url, extractor=hand) as second:
        for i, doc in enumerate(docs):
            (first if i % 3 else second).ingest_document(doc)
    assert _state(url) == _reclustered(url)
    conn = sqlite3.connect(url)
    try:
        assert conn.execute("SELECT COUNT(*) FROM evidence WHERE fact_id IS NULL").fetchone()[0] == 0
    finally:
        conn.close()
