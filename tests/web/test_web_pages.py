"""The pages and their JSON twins, over a store built by really ingesting documents."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from markupsafe import escape

import sampark.web
from sampark.web.i18n import strings


def test_web_index_lists_every_pair_with_counts(client):
    data = client.get("/index.json").json()
    assert data["pairs"]
    for pair in data["pairs"]:
        assert pair["a"] < pair["b"]
        assert pair["count"] == sum(pair["by_type"].values())
        assert pair["url"] == f"/pair/{pair['a']}-{pair['b']}"
    page = client.get("/")
    assert page.status_code == 200
    for pair in data["pairs"]:
        assert f'href="{pair["url"]}"' in page.text


def test_web_index_search_by_code_and_by_name_in_both_languages(client, busiest_pair):
    code = busiest_pair["a"]
    for q in (code, code.lower(), busiest_pair["names"]["a"]["en"], busiest_pair["names"]["a"]["bn"]):
        data = client.get("/index.json", params={"q": q}).json()
        assert code in [m["code"] for m in data["matches"]], q
        assert data["pairs"] and all(code in (p["a"], p["b"]) for p in data["pairs"]), q
        assert client.get("/", params={"q": q}).status_code == 200


def test_web_index_search_unknown_state_is_empty_not_an_error(client):
    data = client.get("/index.json", params={"q": "Atlantis"}).json()
    assert data["matches"] == [] and data["pairs"] == []
    assert "Atlantis" in client.get("/", params={"q": "Atlantis"}).text


def test_web_pair_page_and_json_twin_hold_the_same_facts(client, busiest_pair):
    url = busiest_pair["url"]
    data = client.get(url + ".json").json()
    assert data["pair"]["a"] == busiest_pair["a"] and data["pair"]["b"] == busiest_pair["b"]
    assert data["count"] == busiest_pair["count"] == len(data["facts"])
    page = client.get(url)
    assert page.status_code == 200
    for fact in data["facts"]:
        assert f'id="row-{fact["id"]}"' in page.text
    # the timeline covers every fact once, grouped by year
    assert sorted(i for g in data["timeline"] for i in g["facts"]) == sorted(f["id"] for f in data["facts"])
    # presentation helpers stay out of the JSON
    assert "_chart" not in data and "_before" not in str(data)


def test_web_pair_timeline_shows_dated_facts_with_highlighted_evidence(client, busiest_pair, dated_fact):
    page = client.get(busiest_pair["url"]).text
    assert f'data-date="{dated_fact["date"]}"' in page
    ev = dated_fact["evidence"][0]
    # the span is inside <mark>, escaped, and links to its document
    assert f"<mark>{escape(ev['text'])}</mark>" in page
    assert f'href="/doc/{quote(ev["doc"], safe="/")}#fact-{dated_fact["id"]}"' in page
    assert "<details" in page


def test_web_pair_accepts_either_order_and_names(client, busiest_pair):
    a, b = busiest_pair["a"], busiest_pair["b"]
    canonical = busiest_pair["url"]
    for asked in (f"{b}-{a}", f"{a.lower()}-{b.lower()}", f"{busiest_pair['names']['a']['en']}-{busiest_pair['names']['b']['en']}",
                  f"{busiest_pair['names']['b']['bn']}-{busiest_pair['names']['a']['bn']}"):
        r = client.get(f"/pair/{quote(asked)}", follow_redirects=False)
        assert r.status_code in (301, 302, 307, 308), asked
        assert r.headers["location"] == canonical
        r = client.get(f"/pair/{quote(asked)}.json", follow_redirects=False)
        assert r.headers["location"] == canonical + ".json"


def test_web_pair_type_filter(client, busiest_pair):
    some_type = next(iter(busiest_pair["by_type"]))
    data = client.get(busiest_pair["url"] + ".json", params={"type": some_type}).json()
    assert data["facts"] and {f["type"] for f in data["facts"]} == {some_type}
    assert data["count"] == busiest_pair["count"]  # counts still cover every fact
    page = client.get(busiest_pair["url"], params={"type": some_type}).text
    assert f'<option value="{some_type}" selected>' in page


def test_web_pair_trade_chart_is_inline_svg_when_there_are_figures(client):
    for pair in client.get("/index.json").json()["pairs"]:
        data = client.get(pair["url"] + ".json").json()
        if data["trade"]:
            page = client.get(pair["url"]).text
            assert '<svg class="bars"' in page
            chart = page[page.index('<svg class="bars"'):]
            chart = chart[:chart.index("</svg>")]
            assert chart.count("<rect ") == len(data["trade"]["points"])
            assert data["trade"]["currency"] and f'class="yunit"' in chart and data["trade"]["currency"] in chart
            return
        assert '<svg class="bars"' not in client.get(pair["url"]).text
    pytest.skip("the extractor found no trade_volume figure in the sample")


def test_web_document_page_highlights_every_fact_span(client, dated_fact):
    doc_id = dated_fact["evidence"][0]["doc"]
    data = client.get(f"/doc/{quote(doc_id, safe='/')}.json").json()
    assert data["document"]["id"] == doc_id
    assert data["facts"]
    page = client.get(f"/doc/{quote(doc_id, safe='/')}").text
    marked = re.findall(r'<mark data-facts="([^"]+)"', page)
    covered = {fid for group in marked for fid in group.split()}
    assert {f["id"] for f in data["facts"]} <= covered
    # the page shows the whole text, escaped
    plain = html.unescape(re.sub(r"<[^>]+>", "", page.split('class="doctext"', 1)[1].split("</div>", 1)[0]))
    assert plain.split(">", 1)[1] == data["text"]


def test_web_fact_page_and_twin(client, dated_fact):
    data = client.get(f"/fact/{dated_fact['id']}.json").json()
    assert data["fact"]["id"] == dated_fact["id"]
    assert data["fact"]["evidence"][0]["text"] == dated_fact["evidence"][0]["text"]
    assert "<mark>" in client.get(f"/fact/{dated_fact['id']}").text


def test_web_conflicts_page_and_twin(client):
    data = client.get("/conflicts.json").json()
    assert isinstance(data["conflicts"], list)
    assert client.get("/conflicts").status_code == 200
    for conflict in data["conflicts"]:
        assert len(conflict["facts"]) >= 2


def test_web_documents_page_pages_through(client):
    everything = client.get("/documents.json", params={"limit": 1000}).json()["documents"]
    first = client.get("/documents.json", params={"limit": 1}).json()
    assert first["documents"] == everything[:1]
    if len(everything) > 1:
        assert first["next_offset"] == 1
    assert client.get("/documents").status_code == 200


def test_web_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/pair/{pair}.json", "/index.json", "/doc/{doc_id}.json", "/conflicts.json", "/fact/{fact_id}.json"):
        assert path in spec["paths"], path
    assert "/api/documents" not in spec["paths"]  # read-only app
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/openapi.json" in docs.text
    # nothing loaded from another host
    assert not re.search(r'(src|href)="(https?:)?//', docs.text)


def test_web_pages_load_nothing_from_elsewhere(client, busiest_pair):
    for url in ("/", busiest_pair["url"], "/conflicts", "/documents", "/docs"):
        page = client.get(url).text
        assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', page), url
    assert "default-src 'self'" in client.get("/").headers["content-security-policy"]


def test_web_interface_switches_to_bengali_and_remembers(client_fresh):
    bn = strings("bn")
    r = client_fresh.get("/", params={"lang": "bn"})
    assert '<html lang="bn">' in r.text and bn["nav_home"] in r.text
    assert r.cookies.get("sampark_lang") == "bn" or "sampark_lang=bn" in r.headers.get("set-cookie", "")
    # the cookie carries the choice to the next page
    assert bn["nav_home"] in client_fresh.get("/documents").text
    r = client_fresh.get("/", params={"lang": "en"})
    assert strings("en")["nav_home"] in r.text and '<html lang="en">' in r.text


@pytest.fixture
def client_fresh(kb):
    from fastapi.testclient import TestClient

    from sampark.web import create_app

    with TestClient(create_app(str(kb))) as c:
        yield c


def test_web_i18n_files_have_the_same_keys():
    folder = Path(sampark.web.__file__).parent / "i18n"
    en, bn = (json.loads((folder / f"{lang}.json").read_text(encoding="utf-8")) for lang in ("en", "bn"))
    assert set(en) == set(bn)
    assert set(en["types"]) == set(bn["types"])
