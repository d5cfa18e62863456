"""Hostile documents posted to ``POST /api/documents``: script tags, SQL
fragments and very long names are shown as text on every page, queries stay
parameterised (the tables survive ``'; DROP TABLE facts; --``), and the
database holds nothing new apart from the posted documents.
"""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from sampark.readers import SourceDoc
from sampark.store import Store
from sampark.web import create_app

TOKEN = "reliability-token-7Yq"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

EN_FACT = "India and Bangladesh signed a trade agreement in 1980."
BN_FACT = "১৯৭২ সালে ভারত ও বাংলাদেশের মধ্যে একটি বাণিজ্য চুক্তি স্বাক্ষরিত হয়।"
SCRIPT = '<script>alert("rel-xss")</script>'
IMG = "<img src=x onerror=alert('rel-img')>"
SVG = "<svg/onload=alert('rel-svg')>"
ATTR = '" onmouseover="alert(\'rel-attr\')" x="'
SQL = "'; DROP TABLE facts; -- \" OR 1=1 -- Robert'); DELETE FROM documents WHERE ('1'='1"
LONG = "Ω" * 100_000  # a 100 KB (200 KB of UTF-8) name
# What must never appear as markup on a page: each marker as the attack wrote it.
# ("onerror=alert" may stand in a page as text, after an escaped "&lt;img".)
RAW = ("<script>alert(", "<img src=x", "<svg/onload", "onmouseover=\"alert")

HOSTILE_DOCS = [
    {"id": "rel/<script>alert(1)</script>", "title": SCRIPT + " and " + IMG,
     "text": f"{EN_FACT} {SCRIPT} India and Bangladesh met in Dhaka in 1990 {IMG}. {SVG}\n\n{BN_FACT} {SCRIPT}",
     "lang": "en", "url": "javascript:alert('rel-url')", "format": "text"},
    {"id": "rel/'; DROP TABLE facts; --", "title": SQL,
     "text": f"{SQL}\n\n{EN_FACT} {SQL}\n\nMalaysia and Russia established diplomatic relations on 3 April 1967. {ATTR}",
     "lang": "en", "date": "2021-02-03", "format": "text"},
    {"id": "rel/long-name", "title": "Republic of " + "Ω" * 15_000,
     "text": f"The Republic of {LONG} and India signed a treaty in 1975. {EN_FACT}\n\n[[{LONG}]] {{{{{LONG}",
     "lang": "en", "format": "wikitext"},
]


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    path = tmp_path / "kb.db"
    with Store.open(str(path)) as store:
        store.ingest([
            SourceDoc(id="before/en", title="Before", text=f"{EN_FACT}\n\nMalaysia and Russia established "
                      "diplomatic relations on 3 April 1967.", lang="en"),
            SourceDoc(id="before/bn", title="আগে", text=BN_FACT, lang="bn"),
        ])
    return path


@pytest.fixture
def client(kb: Path):
    with TestClient(create_app(str(kb), allow_ingest=True, token=TOKEN, max_body=4 * 1024 * 1024)) as c:
        yield c


def _tables(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {
            "schema": conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall(),
            "counts": {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names},
            "documents": conn.execute("SELECT * FROM documents ORDER BY id").fetchall(),
            "evidence": conn.execute('SELECT doc_id, ord, span, type, pair_key, "start", "end", text, lang, original'
                                     " FROM evidence ORDER BY doc_id, ord, span").fetchall(),
            "integrity": conn.execute("PRAGMA integrity_check").fetchall(),
        }
    finally:
        conn.close()


def assert_escaped(html: str, where: str) -> None:
    for raw in RAW:
        assert raw not in html, f"{raw!r} unescaped on {where}"


def _pages(client: TestClient, doc_ids: list[str], facts: list[dict]) -> list[str]:
    urls = ["/", "/index.json", "/documents", "/documents.json", "/documents?limit=1000", "/conflicts",
            "/conflicts.json", "/docs"]
    for doc_id in doc_ids:
        urls += ["/doc/" + quote(doc_id, safe="/"), "/doc/" + quote(doc_id, safe="/") + ".json"]
    for fact in facts:
        urls += [f"/fact/{quote(fact['id'], safe='')}", f"/fact/{quote(fact['id'], safe='')}.json"]
        a, b = sorted(fact["actors"])
        urls += [f"/pair/{a}-{b}", f"/pair/{a}-{b}.json", f"/pair/{a}-{b}?lang=bn"]
    return urls


def test_web_hostile_documents_are_escaped_and_change_nothing_else(client: TestClient, kb: Path) -> None:
    before = _tables(kb)
    posted_facts: list[dict] = []
    for doc in HOSTILE_DOCS:
        r = client.post("/api/documents", json=doc, headers=AUTH)
        assert r.status_code == 201, r.text[:500]
        posted_facts += r.json()["facts"]
    assert posted_facts, "the hostile documents carry real facts; the extractor found none"

    ids = [d["id"] for d in HOSTILE_DOCS]
    for url in _pages(client, ids + ["before/en", "before/bn"], posted_facts):
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        if not url.split("?")[0].endswith(".json"):
            assert r.headers["content-type"].startswith("text/html")
            assert_escaped(r.text, url)
        else:
            assert r.headers["content-type"].startswith("application/json")

    # A hostile document's own page shows its text, as text.
    page = client.get("/doc/" + quote(ids[0], safe="/")).text
    assert "&lt;script&gt;alert(" in page
    assert not re.search(r"href=[\"']?javascript:", page, re.I)
    twin = client.get("/doc/" + quote(ids[1], safe="/") + ".json").json()
    assert twin["text"] == HOSTILE_DOCS[1]["text"]

    after = _tables(kb)
    assert after["schema"] == before["schema"], "a table or index changed"
    assert after["integrity"] == [("ok",)]
    assert set(before["documents"]) <= set(after["documents"]), "a stored document changed"
    assert {row[0] for row in after["documents"]} - {row[0] for row in before["documents"]} == set(ids)
    assert set(before["evidence"]) <= set(after["evidence"]), "stored evidence changed"
    new_evidence = [row for row in after["evidence"] if row not in set(before["evidence"])]
    assert {row[0] for row in new_evidence} <= set(ids)
    assert after["counts"]["documents"] == before["counts"]["documents"] + len(ids)
    assert after["counts"]["facts"] >= before["counts"]["facts"]


@pytest.mark.parametrize("field, value", [
    ("title", "T" * 100_000),           # beyond the title limit
    ("id", "x" * 100_000),              # beyond the id limit
    ("id", "rel/bad\x00id"),            # a control character
    ("lang", "<script>"),               # not a language
    ("format", "'; DROP TABLE facts; --"),
], ids=["title_100kb", "id_100kb", "id_nul", "lang_script", "format_sql"])
def test_web_hostile_fields_refused_with_4xx_and_nothing_stored(client: TestClient, kb: Path, field: str,
                                                              value: str) -> None:
    before = _tables(kb)
    doc = {"id": "rel/refused", "text": EN_FACT, field: value}
    r = client.post("/api/documents", json=doc, headers=AUTH)
    assert 400 <= r.status_code < 500, r.text[:300]
    body = r.json()
    assert body["ok"] is False and body["status"] == r.status_code
    assert value[:1000] not in r.text or len(value) < 50  # a huge input is not echoed back
    assert _tables(kb) == before


def test_web_hostile_sql_in_queries_is_harmless(client: TestClient, kb: Path) -> None:
    before = _tables(kb)
    for url in ["/?q=" + quote(SQL), "/index.json?q=" + quote(SQL), "/pair/IND-BGD'--", "/pair/BGD-IND.json?type="
                + quote(SQL[:40]), "/conflicts.json?pair=" + quote("BGD-IND' OR 1=1 --"),
                "/doc/" + quote("x' OR '1'='1", safe=""), "/fact/" + quote("f' OR 1=1 --", safe="") + ".json",
                "/documents.json?limit=1%20OR%201=1", "/?q=" + quote(SCRIPT)]:
        r = client.get(url)
        assert r.status_code < 500, url
        if "json" not in r.headers.get("content-type", ""):
            assert_escaped(r.text, url)
    assert _tables(kb) == before


def test_web_hostile_ingest_needs_the_token(client: TestClient, kb: Path) -> None:
    before = _tables(kb)
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                    {"Authorization": f"Bearer {TOKEN}x"}):
        r = client.post("/api/documents", json=HOSTILE_DOCS[0], headers=headers)
        assert r.status_code == 401
    assert _tables(kb) == before
