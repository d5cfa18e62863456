"""The web app over PostgreSQL: the same pages from the same store API."""
from __future__ import annotations

import os
import uuid

import pytest
from fastapi.testclient import TestClient

from sampark.web import create_app

pytestmark = pytest.mark.postgres
PG_URL = os.environ.get("SAMPARK_TEST_PG_URL")


@pytest.fixture
def pg_url():
    """A fresh schema on the test server (``eval "$(bash .ci/postgres.sh)"`` starts one)."""
    if not PG_URL:
        pytest.skip('SAMPARK_TEST_PG_URL is not set (eval "$(bash .ci/postgres.sh)")')
    import psycopg

    schema = f"web_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


def test_web_postgres_pages_twins_and_ingest(pg_url, build_kb, client, auth, token):
    from pathlib import Path

    samples = Path(__file__).resolve().parents[2] / "src" / "sampark" / "samples"
    data = Path(__file__).resolve().parent / "data"
    build_kb(pg_url, *[p for p in (samples, data) if p.is_dir()])
    with TestClient(create_app(pg_url, allow_ingest=True, token=token)) as pg:
        pairs = pg.get("/index.json").json()["pairs"]
        # the same documents give the same pairs as on SQLite
        assert [(p["a"], p["b"], p["count"]) for p in pairs] == \
            [(p["a"], p["b"], p["count"]) for p in client.get("/index.json").json()["pairs"]]
        top = pairs[0]["url"]
        assert pg.get(top).status_code == 200
        assert pg.get(top + ".json").json()["count"] == pairs[0]["count"]
        assert pg.get("/pair/XXQ-RUS.json").status_code == 404
        # the explorer, search and relations answer the same as on SQLite
        lite = client.get("/facts.json?limit=1000").json()
        assert [f["id"] for f in pg.get("/facts.json?limit=1000").json()["facts"]] == [f["id"] for f in lite["facts"]]
        word = next(e["text"] for f in lite["facts"] for e in f["evidence"] if e.get("lang") == "bn").split()[0]
        assert {f["id"] for f in pg.get("/search.json", params={"q": word}).json()["facts"]} == \
            {f["id"] for f in client.get("/search.json", params={"q": word}).json()["facts"]}
        a = pairs[0]["a"]
        assert pg.get(f"/relations/{a}.json").json()["partners"] == client.get(f"/relations/{a}.json").json()["partners"]
        assert pg.get(top + ".csv").text == client.get(top + ".csv").text
        doc = {"id": "pg/<b>x</b>", "text": "<script>alert(1)</script> India established diplomatic "
               "relations with Bangladesh on 6 December 1971.", "lang": "en"}
        r = pg.post("/api/documents", json=doc, headers=auth)
        assert r.status_code == 201, r.text
        page = pg.get(r.json()["document"]).text
        assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
