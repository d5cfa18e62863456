"""Store queries behind the CLI ``facts`` command and the web's /facts and /search:
filters, date-range overlap, shared validation messages, full-text search in
Bengali and English, and the schema-3 additions (foreign keys, views), on
SQLite and PostgreSQL."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storekit import BN, EN, NEWS, HandExtractor, fact, seed_facts

from sampark.readers import SourceDoc
from sampark.store import Store
from sampark.store.db import Database, _statements, migrations
from sampark.store.store import QueryError

STATEMENT = SourceDoc("stmt", "Kremlin remarks", "Moscow condemned the remarks made in Kuala Lumpur in 1999.",
                      lang="en")


@pytest.fixture
def filled(store: Store, hand: HandExtractor) -> Store:
    seed_facts(hand)
    hand.facts[STATEMENT.id] = [fact(STATEMENT, "statement", ["RUS", "MYS"], "1999", "condemned the remarks",
                                     confidence=0.6, polarity="negative")]
    store.ingest([BN, EN, NEWS, STATEMENT])
    return store


def test_since_until_select_facts_whose_dates_overlap(filled: Store) -> None:
    dates = [f["date"] for f in filled.facts(since="1968", until="1972")]
    assert dates == ["1968", "1968-04", "1972-10"]
    # 1968-04 overlaps April 1968 only; the year-dated "1968" facts overlap any month of it
    assert [f["date"] for f in filled.facts(since="1968-04", until="1968-04")] == ["1968", "1968-04"]
    assert [f["date"] for f in filled.facts(until="1967-12-31")] == ["1967-04-03"]
    assert filled.count_facts(since="1980") == len(filled.facts(since="1980")) == 3


def test_more_filters_and_sorts(filled: Store) -> None:
    assert [f["type"] for f in filled.facts(polarity="negative")] == ["statement"]
    assert all(f["confidence"] >= 0.8 for f in filled.facts(min_confidence=0.8))
    assert len(filled.facts(min_confidence=0.8)) == filled.count_facts() - 1
    assert {f["type"] for f in filled.facts(doc="news/1")} == {"trade_volume", "relations_established"}
    assert len(filled.facts(state="মালয়েশিয়া")) == filled.count_facts()
    assert filled.facts(state="IND") == []
    newest = filled.facts(sort="-date")
    assert newest[0]["date"] == "1999" and [f["date"] for f in newest][-1] == "1967-04-03"
    assert [f["confidence"] for f in filled.facts(sort="confidence")][0] == 0.6
    page = filled.facts(limit=2, offset=2)
    assert [f["id"] for f in page] == [f["id"] for f in filled.facts()][2:4]


@pytest.mark.parametrize("kwargs, message", [
    ({"type": "visits"}, "unknown fact type 'visits'"),
    ({"lang": "fr"}, "unknown language 'fr'"),
    ({"pair": ("IND", "India")}, "a pair needs two different states; both sides are IND"),
    ({"pair": ("RUS", "SUN")}, "both sides are RUS"),
    ({"since": "20x4"}, "since: a date is YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"until": "2024-13"}, "until: a date is"),
    ({"until": "2023-02-30"}, "until: a date is"),
    ({"polarity": "angry"}, "unknown polarity"),
    ({"min_confidence": "2"}, "a confidence is a number from 0 to 1"),
    ({"sort": "rowid"}, "unknown sort"),
])
def test_bad_filters_raise_query_errors(filled: Store, kwargs: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(")):
        filled.facts(**kwargs)


@pytest.mark.parametrize("q, expect_docs", [
    ("কূটনৈতিক সম্পর্ক", {"bn-seed"}),   # Bengali words with vowel signs, across a space
    ("নৈতিক", {"bn-seed"}),               # inside a Bengali word
    ("embassy in Kuala", {"en-wiki"}),
    ("EMBASSY", {"en-wiki"}),
])
def test_search_finds_evidence_in_both_languages(filled: Store, q: str, expect_docs: set[str]) -> None:
    result = filled.search(q)
    assert result["facts"], q
    assert {e["doc"] for f in result["facts"] for e in f["evidence"] if q.casefold() in e["text"].casefold()} \
        == expect_docs
    assert result["n_facts"] == len(result["facts"])


def test_search_titles_and_nothing_for_absent_text(filled: Store) -> None:
    assert [d["id"] for d in filled.search("রাশিয়া সম্পর্ক")["documents"]] == ["bn-seed"]
    assert [d["id"] for d in filled.search("Kremlin")["documents"]] == ["stmt"]
    assert filled.search("zebra crossing") == {"q": "zebra crossing", "n_facts": 0, "facts": [], "documents": []}
    assert filled.search('"quoted" OR (x')["facts"] == []  # query syntax is text, not FTS operators
    with pytest.raises(QueryError):
        filled.search("   ")


def test_search_index_follows_replaced_and_deleted_documents(filled: Store, hand: HandExtractor) -> None:
    assert filled.search("condemned")["facts"]
    changed = SourceDoc(STATEMENT.id, "Kremlin remarks", "Moscow welcomed the remarks made in Kuala Lumpur in 1999.",
                        lang="en")
    hand.facts[STATEMENT.id] = [fact(changed, "statement", ["RUS", "MYS"], "1999", "welcomed the remarks",
                                     polarity="positive")]
    filled.ingest([changed])
    assert filled.search("condemned")["facts"] == [] and filled.search("welcomed")["facts"]
    filled.delete_document(STATEMENT.id)
    assert filled.search("welcomed")["facts"] == [] and filled.search("Kremlin")["documents"] == []


def test_relations_lists_partners_with_counts(filled: Store) -> None:
    rel = filled.relations("Malaysia")
    assert rel["state"] == "MYS"
    assert [(p["code"], p["count"]) for p in rel["partners"]] == [("RUS", filled.count_facts())]
    assert rel["partners"][0]["by_type"]["trade_volume"] == 2


def test_views_answer_common_questions(filled: Store) -> None:
    rows = filled.db.all("SELECT pair, n_facts, first_day FROM pair_summary")
    assert rows == [("MYS-RUS", filled.count_facts(), "1967-04-03")]
    evidence = filled.db.all("SELECT fact_id, pair, doc_title, evidence FROM fact_evidence WHERE doc_id = ?",
                             ("bn-seed",))
    assert len(evidence) == 3 and all(r[1] == "MYS-RUS" and r[2] == BN.title for r in evidence)


def test_fact_ids_are_foreign_keys(filled: Store) -> None:
    with pytest.raises(Exception) as err:
        with filled.db.write():
            filled.db.execute("UPDATE evidence SET fact_id = 'no-such-fact' WHERE doc_id = ?", ("bn-seed",))
    assert "foreign key" in str(err.value).lower()
    with pytest.raises(Exception):
        with filled.db.write():
            filled.db.execute("INSERT INTO conflict_members (conflict_id, fact_id) "
                              "SELECT id, 'no-such-fact' FROM conflicts")
            if filled.db.one("SELECT COUNT(*) FROM conflicts")[0] == 0:
                raise AssertionError("the seed has conflicts")


def test_a_schema_2_database_migrates_with_its_data(tmp_path: Path) -> None:
    """A file built by the previous schema (steps 1-2) gains step 3 and keeps every row."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    for version, script in migrations("sqlite")[:2]:
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version VALUES (?, 'then')", (version,))
    conn.commit()
    conn.close()
    hand = HandExtractor()
    seed_facts(hand)
    # fill it through a store that stops at step 2: the code of the time
    db = Database(str(path))
    assert db.schema_version() == 2
    from sampark.store.ingest import Writer

    writer = Writer(db, hand)
    for doc in (BN, EN, NEWS):
        writer.ingest_document(doc)
    for table in ("facts", "evidence", "conflicts"):  # the old code spelled a pair MYS|RUS
        db.execute(f"UPDATE {table} SET pair_key = REPLACE(pair_key, '-', '|')")
    assert db.one("SELECT pair_key FROM facts LIMIT 1") == ("MYS|RUS",)
    before = {t: db.one(f"SELECT COUNT(*) FROM {t}")[0] for t in ("documents", "facts", "evidence", "conflicts")}
    links = db.all("SELECT doc_id, ord, span, fact_id FROM evidence ORDER BY 1, 2, 3")
    db.close()
    with Store.open(str(path)) as store:
        assert store.db.schema_version() == 3
        after = {t: store.db.one(f"SELECT COUNT(*) FROM {t}")[0]
                 for t in ("documents", "facts", "evidence", "conflicts")}
        assert after == before and before["facts"] > 0
        assert store.db.all("SELECT doc_id, ord, span, fact_id FROM evidence ORDER BY 1, 2, 3") == links
        assert store.search("কূটনৈতিক")["facts"]
        for table in ("facts", "evidence", "conflicts"):
            assert {r[0] for r in store.db.all(f"SELECT DISTINCT pair_key FROM {table}")} == {"MYS-RUS"}
        assert len(store.timeline("MYS", "RUS")) == after["facts"]
        assert store.conflicts(pair=("MYS", "RUS"))[0]["pair"] == ["MYS", "RUS"]
        fks = store.db.all("PRAGMA foreign_key_list(evidence)")
        assert any(row[2] == "facts" and row[3] == "fact_id" for row in fks)


def test_a_schema_2_database_migrates_on_either_backend(db_url: str) -> None:
    """The same upgrade through the Database API, so PostgreSQL is covered too."""
    db = Database(db_url)
    with db.write():
        db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        for version, script in migrations("postgresql" if db.postgres else "sqlite")[:2]:
            for statement in _statements(script):
                db.execute(statement)
            db.execute("INSERT INTO schema_version VALUES (?, 'then')", (version,))
    hand = HandExtractor()
    seed_facts(hand)
    from sampark.store.ingest import Writer

    writer = Writer(db, hand)
    for doc in (BN, EN, NEWS):
        writer.ingest_document(doc)
    with db.write():
        for table in ("facts", "evidence", "conflicts"):
            db.execute(f"UPDATE {table} SET pair_key = REPLACE(pair_key, '-', '|')")
    n_facts = db.one("SELECT COUNT(*) FROM facts")[0]
    db.close()
    with Store.open(db_url) as store:
        assert store.db.schema_version() == 3
        assert store.count_facts() == n_facts > 0
        assert store.db.all("SELECT DISTINCT pair_key FROM facts") == [("MYS-RUS",)]
        assert store.search("কূটনৈতিক")["facts"] and store.search("embassy")["facts"]
        assert store.db.one("SELECT n_facts FROM pair_summary WHERE pair = 'MYS-RUS'") == (n_facts,)
        with pytest.raises(Exception) as err:
            with store.db.write():
                store.db.execute("UPDATE evidence SET fact_id = 'no-such-fact'")
        assert "foreign key" in str(err.value).lower()


def test_trigger_bodies_stay_one_statement() -> None:
    script = ("CREATE TABLE t (x);\nCREATE TRIGGER a AFTER INSERT ON t BEGIN\n    INSERT INTO t VALUES (1);\n"
              "    INSERT INTO t VALUES (2);\nEND;\nCREATE INDEX i ON t (x);\n")
    statements = _statements(script)
    assert len(statements) == 3 and statements[1].count("INSERT INTO t") == 2
