"""The store on SQLite and PostgreSQL: ingest, merge, conflicts, idempotency, queries."""
from __future__ import annotations

import multiprocessing
import random

import pytest
from storekit import BN, EN, NEWS, HandExtractor, corpus, fact, seed_facts

from sampark.readers import ReadProblem, SourceDoc
from sampark.store import Store
from sampark.store.db import Database, migrations

def test_store_schema_is_migrated_once(db_url: str) -> None:
    Store.open(db_url).close()
    db = Database(db_url)
    assert db.schema_version() == migrations()[-1][0] >= 2
    assert db.migrate() == db.schema_version()
    assert db.one("SELECT COUNT(*) FROM schema_version")[0] == len(migrations())
    db.close()


def test_store_merges_across_documents_and_languages(store: Store, hand: HandExtractor) -> None:
    seed_facts(hand)
    summary = store.ingest([BN, EN])
    assert (summary.read, summary.new, summary.facts_new, summary.facts_merged) == (2, 2, 4, 3)
    timeline = store.timeline("MYS", "RUS")
    assert [(f["type"], f["date"]) for f in timeline] == [
        ("relations_established", "1967-04-03"), ("mission_opened", "1968-04"),
        ("agreement_signed", "1972-10"), ("trade_volume", "1985")]
    established, mission, agreement, _ = timeline
    assert sorted(established["actors"]) == ["MYS", "SUN"]  # a source said SUN, and 1967 precedes RUS
    assert mission["actors"] == ["RUS", "MYS"] and mission["attrs"]["city"] == "Kuala Lumpur"
    assert agreement["attrs"]["topics"] == ["economic", "technical"]
    for merged in (established, mission, agreement):
        assert merged["langs"] == ["bn", "en"]
        assert {e["doc"] for e in merged["evidence"]} == {"bn-seed", "en-wiki"}
        for e in merged["evidence"]:
            text = BN.text if e["doc"] == "bn-seed" else EN.text
            assert text[e["start"]:e["end"]] == e["text"]
    # Either order, codes or names in both languages, former state for successor.
    for a, b in (("RUS", "MYS"), ("Malaysia", "রাশিয়া"), ("SUN", "মালয়েশিয়া")):
        assert [f["id"] for f in store.timeline(a, b)] == [f["id"] for f in timeline]
    assert store.fact(mission["id"]) == mission
    assert store.fact("f:nothing") is None


def test_store_flags_conflicts_with_every_source(store: Store, hand: HandExtractor) -> None:
    seed_facts(hand)
    summary = store.ingest([BN, EN, NEWS])
    assert summary.conflicts == 2
    conflicts = {c["type"]: c for c in store.conflicts(pair=("MYS", "RUS"))}
    assert set(conflicts) == {"relations_established", "trade_volume"}
    rel = conflicts["relations_established"]
    assert rel["kind"] == "date" and rel["pair"] == ["MYS", "RUS"]
    assert [f["date"] for f in rel["facts"]] == ["1967-04-03", "1968"]
    assert {e["doc"] for f in rel["facts"] for e in f["evidence"]} == {"bn-seed", "en-wiki", "news/1"}
    trade = conflicts["trade_volume"]
    assert trade["kind"] == "value" and sorted(f["attrs"]["value"] for f in trade["facts"]) == [1.903e9, 2.4e9]
    assert store.conflicts(pair=("IND", "PAK")) == []
    # Both sides stay in the timeline.
    assert [f["date"] for f in store.timeline("MYS", "RUS") if f["type"] == "relations_established"] == [
        "1967-04-03", "1968"]


def test_store_is_idempotent_by_content_hash(store: Store, hand: HandExtractor) -> None:
    seed_facts(hand)
    store.ingest([BN, EN, NEWS])
    before = (store.counts(), store.facts(), store.conflicts())
    calls = len(hand.calls)
    again = store.ingest([BN, EN, NEWS])
    assert (again.new, again.unchanged, again.replaced, again.facts_new, again.conflicts) == (0, 3, 0, 0, 0)
    assert len(hand.calls) == calls  # unchanged documents are not even extracted again
    assert (store.counts(), store.facts(), store.conflicts()) == before


def test_store_changed_document_replaces_its_facts(store: Store, hand: HandExtractor) -> None:
    seed_facts(hand)
    store.ingest([BN, EN, NEWS])
    changed = SourceDoc("news/1", "Trade", "Officials said trade in 1985 was US$1,905 million.", lang="en")
    hand.facts["news/1"] = [fact(changed, "trade_volume", ["RUS", "MYS"], "1985", "trade in 1985 was US$1,905 million",
                                 value=1_905_000_000, currency="USD")]
    assert store.ingest_document(changed) == "replaced"
    trade = [f for f in store.timeline("MYS", "RUS") if f["type"] == "trade_volume"]
    assert len(trade) == 1 and {e["doc"] for e in trade[0]["evidence"]} == {"en-wiki", "news/1"}
    assert [c["type"] for c in store.conflicts()] == []  # the 1968 claim went with the old text
    assert store.document("news/1")["text"] == changed.text
    assert store.counts()["documents"] == 3


def test_store_delete_document_remerges(store: Store, hand: HandExtractor) -> None:
    seed_facts(hand)
    store.ingest([BN, EN])
    assert store.delete_document("bn-seed")
    timeline = store.timeline("MYS", "RUS")
    assert all({e["doc"] for e in f["evidence"]} == {"en-wiki"} for f in timeline)
    assert [f["date"] for f in timeline][:1] == ["1967"] and sorted(timeline[0]["actors"]) == ["MYS", "RUS"]
    assert store.counts()["evidence"] == 4


def test_store_queries_filters_and_paging(store: Store, hand: HandExtractor) -> None:
    seed_facts(hand)
    other = SourceDoc("in-pk", None, "India and Pakistan signed a visa agreement. Leaders met in 2004.", lang="en")
    hand.facts[other.id] = [
        fact(other, "agreement_signed", ["IND", "PAK"], None, "visa agreement", topics=["visa"]),
        fact(other, "meeting", ["PAK", "IND"], "2004", "Leaders met in 2004"),
    ]
    store.ingest([BN, EN, NEWS, other])
    assert [f["type"] for f in store.facts(pair=("Pakistan", "India"))] == ["meeting", "agreement_signed"]
    assert [f["date"] for f in store.facts(type="agreement_signed")] == ["1972-10", None]  # undated last
    assert {f["type"] for f in store.facts(since=1985)} == {"trade_volume", "meeting"}
    assert {f["type"] for f in store.facts(lang="bn")} == {"relations_established", "mission_opened",
                                                           "agreement_signed"}
    everything = store.facts()
    assert store.facts(limit=2) == everything[:2] and store.facts(limit=3, offset=2) == everything[2:5]
    pairs = store.pairs()
    assert [(p["a"], p["b"], p["count"]) for p in pairs] == [("MYS", "RUS", 6), ("IND", "PAK", 2)]
    assert pairs[0]["by_type"] == {"agreement_signed": 1, "mission_opened": 1, "relations_established": 2,
                                   "trade_volume": 2}
    assert (pairs[0]["first_date"], pairs[0]["last_date"]) == ("1967-04-03", "1985")
    docs = store.documents()
    assert [d["id"] for d in docs] == ["bn-seed", "en-wiki", "in-pk", "news/1"]
    assert "text" not in docs[0] and docs[0]["n_facts"] == 3 and docs[0]["lang"] == "bn"
    assert [d["id"] for d in store.documents(limit=1, offset=1)] == ["en-wiki"]
    doc = store.document("bn-seed")
    assert doc["text"] == BN.text and len(doc["evidence"]) == 3 and len(doc["facts"]) == 3
    assert all(BN.text[e["start"]:e["end"]] == e["text"] for e in doc["evidence"])
    assert store.document("missing") is None
    assert store.resolve_state("মালয়েশিয়া") == "MYS" and store.resolve_state("Atlantis") is None


def test_store_skips_empty_and_failed_documents(db_url: str) -> None:
    def broken(doc: SourceDoc) -> list[dict]:
        if "boom" in doc.text:
            raise RuntimeError("extractor crashed")
        return [{"type": "visit", "actors": ["IND"], "date": None, "attrs": {}, "evidence": []}]

    with Store.open(db_url, extractor=broken) as store:
        problem = ReadProblem(path="x.csv", message="[E304] x.csv: CSV has no text column", code="E304")
        summary = store.ingest([SourceDoc("empty", None, "  \n"), SourceDoc("bad", None, "boom"),
                                SourceDoc("ok", None, "fine text"), problem])
        assert [d for d, _ in summary.skipped] == ["empty", "bad"]
        assert summary.skipped[1][1].startswith("[E312] bad: extraction failed: RuntimeError")
        assert summary.problems == [problem] and summary.new == 1
        assert dict(summary.facts_rejected) == {"needs two actor codes": 1}
        assert [d["id"] for d in store.documents()] == ["ok"]


def test_store_failed_write_leaves_nothing_half_done(db_url: str) -> None:
    class Unstorable:
        def __call__(self, doc: SourceDoc) -> list[dict]:
            # A float('nan') value is fine; an object json cannot encode fails mid-transaction.
            return [{"type": "visit", "actors": ["IND", "PAK"], "date": "2004", "attrs": {"x": object()},
                     "evidence": [{"doc": doc.id, "start": 0, "end": 4, "text": doc.text[:4]}]}]

    with Store.open(db_url, extractor=Unstorable()) as store:
        with pytest.raises(TypeError):
            store.ingest_document(SourceDoc("d1", None, "text of d1"))
        assert store.counts() == {"documents": 0, "facts": 0, "evidence": 0, "conflicts": 0, "pairs": 0}
        # In a corpus run the document is skipped with a reason and the run goes on.
        store.writer.extractor = lambda doc: Unstorable()(doc) if doc.id == "d1" else []
        summary = store.ingest([SourceDoc("d1", None, "text of d1"), SourceDoc("d2", None, "text of d2")])
        assert summary.skipped[0][0] == "d1" and summary.skipped[0][1].startswith("[E315] d1: could not be stored")
        assert [d["id"] for d in store.documents()] == ["d2"]


def test_store_keeps_text_postgres_cannot_hold(store: Store, hand: HandExtractor) -> None:
    doc = SourceDoc("odd", None, "India\x00Pakistan \ud800 visit in 2004")
    hand.facts["odd"] = [fact(doc, "visit", ["IND", "PAK"], "2004", "visit in 2004")]
    assert store.ingest_document(doc) == "new"
    stored = store.document("odd")
    assert stored["text"] == "India\ufffdPakistan \ufffd visit in 2004" and len(stored["facts"]) == 1


# --- two processes at once ---------------------------------------------------

def _ingest_in_child(url: str, seed: int) -> None:
    docs, hand = corpus()
    random.Random(seed).shuffle(docs)
    with Store.open(url, extractor=hand) as store:
        store.ingest(docs)


def test_store_two_concurrent_ingests_match_one(db_url: str, tmp_path) -> None:
    ctx = multiprocessing.get_context("fork")
    children = [ctx.Process(target=_ingest_in_child, args=(db_url, seed)) for seed in (1, 2)]
    for child in children:
        child.start()
    for child in children:
        child.join(120)
        assert child.exitcode == 0
    docs, hand = corpus()
    with Store.open(str(tmp_path / "sequential.db"), extractor=hand) as reference, \
            Store.open(db_url) as concurrent:
        reference.ingest(docs)
        assert concurrent.counts() == reference.counts()
        assert concurrent.facts() == reference.facts()
        assert concurrent.conflicts() == reference.conflicts()
        ids = [f["id"] for f in concurrent.facts()]
        assert len(ids) == len(set(ids))


def test_store_orders_open_start_dates_by_their_end(store: Store, hand: HandExtractor) -> None:
    doc = SourceDoc("d", None, "until 1990; in 1995; some time; in 1991")
    hand.facts["d"] = [fact(doc, "visit", ["IND", "PAK"], d, q) for d, q in
                       (("../1990", "until 1990"), ("1995", "in 1995"), (None, "some time"), ("1991", "in 1991"))]
    store.ingest([doc])
    assert [f["date"] for f in store.facts()] == ["../1990", "1991", "1995", None]
    assert [f["date"] for f in store.document("d")["facts"]] == ["../1990", "1991", "1995", None]
    assert (store.pairs()[0]["first_date"], store.pairs()[0]["last_date"]) == ("../1990", "1995")


def test_store_refuses_a_newer_schema_and_a_non_database(db_url: str, tmp_path) -> None:
    from sampark.errors import SamparkError

    Store.open(db_url).close()
    db = Database(db_url)
    with db.write():
        db.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (999, "later"))
    db.close()
    with pytest.raises(SamparkError) as info:
        Store.open(db_url)
    assert info.value.code == "E311" and "999" in str(info.value)
    not_db = tmp_path / "notes.txt"
    not_db.write_text("this is not a database " * 100, encoding="utf-8")
    with pytest.raises(SamparkError) as info:
        Store.open(str(not_db))
    assert info.value.code == "E310" and "notes.txt" in str(info.value)
