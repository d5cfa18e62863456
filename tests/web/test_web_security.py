"""Hostile input: escaping, parameterised queries, size limits, tokens, 4xx never 500."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from sampark.web import create_app

LONG_NAME = "Republic of " + "Ω" * 6000
HOSTILE = {
    "id": "evil/<script>alert('id')</script>",
    "title": "<script>alert(\"title\")</script>" + LONG_NAME,
    "text": (
        "India established diplomatic relations with Bangladesh on 6 December 1971 "
        "<script>alert('text')</script>. "
        "\"><img src=x onerror=alert(1)> India and Bangladesh signed a trade agreement in 1980. "
        "'; DROP TABLE facts; -- \" OR 1=1 -- Robert'); DELETE FROM documents;-- "
        f"{LONG_NAME} and Bangladesh met in 1990. "
        "১৯৭২ সালে ভারত ও বাংলাদেশের মধ্যে একটি বাণিজ্য চুক্তি স্বাক্ষরিত হয় <script>alert('bn')</script>।"
    ),
    "lang": "en",
    "url": "javascript:alert('url')",
    "date": "2020-01-01",
    "format": "text",
}
# What must never reach a page unescaped.
RAW = ("<script>alert", "<img src=x", 'href="javascript:')


def snapshot(path: Path, skip_doc: str) -> dict[str, object]:
    """Everything in the database that does not belong to ``skip_doc``."""
    conn = sqlite3.connect(path)
    try:
        return {
            "schema": conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall(),
            "documents": conn.execute("SELECT * FROM documents WHERE id != ? ORDER BY id", (skip_doc,)).fetchall(),
            "evidence": conn.execute(
                'SELECT doc_id, ord, span, type, pair_key, "start", "end", text, lang, original FROM evidence'
                " WHERE doc_id != ? ORDER BY doc_id, ord, span", (skip_doc,)).fetchall(),
            "integrity": conn.execute("PRAGMA integrity_check").fetchall(),
        }
    finally:
        conn.close()


def assert_escaped(text: str, where: str) -> None:
    for raw in RAW:
        assert raw not in text, f"{raw!r} unescaped on {where}"


def test_web_hostile_document_is_escaped_everywhere_and_changes_nothing_else(ingest_client, kb_copy, auth):
    before = snapshot(kb_copy, HOSTILE["id"])
    r = ingest_client.post("/api/documents", json=HOSTILE, headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    doc_page = body["document"]
    assert doc_page == "/doc/" + quote(HOSTILE["id"], safe="/")

    page = ingest_client.get(doc_page)
    assert page.status_code == 200
    assert "&lt;script&gt;alert(" in page.text
    assert_escaped(page.text, doc_page)
    assert "javascript:alert" in page.text  # shown as text, not as a link
    twin = ingest_client.get(doc_page + ".json").json()
    assert twin["text"] == HOSTILE["text"] and twin["document"]["title"] == HOSTILE["title"]

    urls = ["/", "/documents", "/conflicts", "/documents?limit=1000"]
    for fact in body["facts"]:
        urls.append(f"/fact/{fact['id']}")
        urls.append("/pair/" + "-".join(sorted(fact["pair"] if fact.get("pair") else fact["actors"])))
    for url in urls:
        r = ingest_client.get(url)
        assert r.status_code == 200, url
        assert_escaped(r.text, url)

    after = snapshot(kb_copy, HOSTILE["id"])
    assert after == before
    assert after["integrity"] == [("ok",)]
    conn = sqlite3.connect(kb_copy)
    try:
        assert conn.execute("SELECT text FROM documents WHERE id = ?", (HOSTILE["id"],)).fetchone()[0] == HOSTILE["text"]
    finally:
        conn.close()


# fmt: off
HOSTILE_GETS = [
    "/pair/MYS-RUS'; DROP TABLE facts;--",
    "/pair/MYS-RUS%27%20OR%201%3D1--.json",
    "/doc/x' OR '1'='1",
    "/doc/x' OR '1'='1.json",
    "/fact/' UNION SELECT * FROM documents --",
    "/fact/' UNION SELECT * FROM documents --.json",
    "/index.json?q=' OR 1=1 --",
    "/?q=<script>alert(1)</script>",
    "/conflicts.json?pair=MYS-RUS'--",
    "/pair/MYS-RUS.json?type=visit' OR '1'='1",
]
BAD_REQUESTS = [
    ("/pair/MYS", 400), ("/pair/MYS.json", 400), ("/pair/-", 400), ("/pair/-.json", 400),
    ("/pair/MYS-MYS.json", 400), ("/pair/MYS-SUN-RUS.json", 404), ("/pair/" + "A" * 5000 + ".json", 400),
    ("/pair/%00-%00.json", 404), ("/pair/XXQ-YYQ.json", 404), ("/pair/XXQ-YYQ", 404),
    ("/documents.json?limit=abc", 400), ("/documents.json?offset=-1", 400),
    ("/documents.json?limit=99999", 400), ("/documents?limit=abc", 400),
    ("/pair/MYS-RUS.json?type=nope", 400), ("/index.json?q=" + "x" * 1000, 400),
    ("/doc/%ED%A0%80.json", 404), ("/doc/%ff%fe.json", 404), ("/doc/nope", 404),
    ("/fact/nope.json", 404), ("/nowhere.json", 404), ("/conflicts.json?pair=MYS", 400),
    ("/static/../../etc/passwd", 404),
]
# fmt: on


@pytest.mark.parametrize("url", HOSTILE_GETS)
def test_web_hostile_queries_are_answered_without_harm(client, kb, url):
    before = snapshot(kb, "")
    r = client.get(url)
    assert r.status_code < 500, (url, r.text[:300])
    assert_escaped(r.text, url)
    assert snapshot(kb, "") == before


@pytest.mark.parametrize("url,status", BAD_REQUESTS)
def test_web_bad_requests_get_4xx_json_or_html(client, url, status):
    r = client.get(url, follow_redirects=False)
    assert r.status_code == status, (url, r.text[:300])
    if ".json" in url.split("?")[0]:
        assert r.headers["content-type"].startswith("application/json")
        assert r.json()["status"] == status and r.json()["error"]
    elif not url.startswith("/static"):
        assert r.headers["content-type"].startswith("text/html")


def test_web_unknown_pair_is_a_404_page_in_html_and_json(client):
    r = client.get("/pair/XXQ-RUS")
    assert r.status_code == 404 and "<html" in r.text
    r = client.get("/pair/XXQ-RUS.json")
    assert r.status_code == 404 and r.json() == {"ok": False, "status": 404, "error": "unknown state 'XXQ'"}


def test_web_ingest_is_absent_unless_allowed(client, auth):
    r = client.post("/api/documents", json=HOSTILE, headers=auth)
    assert r.status_code in (404, 405)
    assert r.headers["content-type"].startswith("application/json")


def test_web_ingest_without_a_token_cannot_be_allowed(kb):
    with pytest.raises(ValueError):
        create_app(str(kb), allow_ingest=True)


# fmt: off
BAD_AUTH = [
    None,
    "Bearer",
    "Bearer wrong",
    "Bearer {token}x",
    "Bearer  {token} x",
    "Basic {token}",
    "{token}",
]
# fmt: on


@pytest.mark.parametrize("header", BAD_AUTH)
def test_web_ingest_needs_the_token(ingest_client, kb_copy, token, header):
    headers = {} if header is None else {"Authorization": header.format(token=token)}
    before = snapshot(kb_copy, "")
    r = ingest_client.post("/api/documents", json=HOSTILE, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json()["status"] == 401
    # checked before the body is parsed: a bad body gets 401 too
    assert ingest_client.post("/api/documents", content=b"{not json", headers=headers).status_code == 401
    assert snapshot(kb_copy, "") == before


# fmt: off
BAD_BODIES = [
    (b"{not json", "application/json", 400),
    (b"[1, 2]", "application/json", 400),
    (b"\xff\xfe", "application/json", 400),
    (json.dumps({"id": "a"}).encode(), "application/json", 400),
    (json.dumps({"text": "a"}).encode(), "application/json", 400),
    (json.dumps({"id": "a", "text": "x", "extra": 1}).encode(), "application/json", 400),
    (json.dumps({"id": "a", "text": "x", "lang": "xx"}).encode(), "application/json", 400),
    (json.dumps({"id": "a", "text": "x", "format": "pdf"}).encode(), "application/json", 400),
    (json.dumps({"id": "a", "text": 5}).encode(), "application/json", 400),
    (json.dumps({"id": "", "text": "x"}).encode(), "application/json", 400),
    (json.dumps({"id": "a\nb", "text": "x"}).encode(), "application/json", 400),
    (json.dumps({"id": "x" * 501, "text": "x"}).encode(), "application/json", 400),
    (json.dumps({"id": "page.json", "text": "x"}).encode(), "application/json", 400),
    (json.dumps({"id": "a", "text": "x"}).encode(), "text/plain", 415),
]
# fmt: on


@pytest.mark.parametrize("body,content_type,status", BAD_BODIES)
def test_web_ingest_bad_bodies_get_4xx_json(ingest_client, body, content_type, status, auth):
    r = ingest_client.post("/api/documents", content=body, headers={**auth, "Content-Type": content_type})
    assert r.status_code == status, r.text
    assert r.json()["ok"] is False and r.json()["status"] == status


def test_web_body_over_the_limit_is_413(ingest_client, kb_copy, auth):
    before = snapshot(kb_copy, "")
    big = {"id": "big", "text": "x" * (70 * 1024)}
    r = ingest_client.post("/api/documents", json=big, headers=auth)
    assert r.status_code == 413 and r.json()["status"] == 413

    def chunks():  # no Content-Length: the limit counts what arrives
        for _ in range(80):
            yield b"x" * 1024

    r = ingest_client.post("/api/documents", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert snapshot(kb_copy, "") == before


def test_web_ingested_document_has_its_facts_and_pages(ingest_client, auth):
    doc = {"id": "web-test/india-bangladesh", "title": "India and Bangladesh", "lang": "en",
           "text": "India established diplomatic relations with Bangladesh on 6 December 1971.", "format": "text"}
    r = ingest_client.post("/api/documents", json=doc, headers=auth)
    assert r.status_code == 201, r.text
    assert ingest_client.get("/doc/web-test/india-bangladesh.json").json()["text"] == doc["text"]
    for fact in r.json()["facts"]:
        assert any(ev["doc"] == doc["id"] and doc["text"][ev["start"]:ev["end"]] == ev["text"]
                   for ev in fact["evidence"])
    spec = ingest_client.get("/openapi.json").json()
    assert "post" in spec["paths"]["/api/documents"]


def test_web_serve_command_refuses_ingest_without_a_token(kb):
    from sampark.cli.serve import serve

    result = CliRunner().invoke(serve, ["--db", str(kb), "--allow-ingest"], env={"SAMPARK_TOKEN": ""})
    assert result.exit_code == 2
    assert "token" in result.output


def test_web_serve_command_has_help():
    from sampark.cli.serve import serve

    result = CliRunner().invoke(serve, ["--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--allow-ingest", "--token"):
        assert option in result.output
