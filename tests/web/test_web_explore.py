"""The explorer pages and their twins: /facts (.json, .csv), /search (.json),
/relations/{state} (.json), the pair page's lanes and CSV twin, home paging,
in both interface languages; and the web safety rules (HEAD, bounded numbers,
bounded JSON depth, links from routes, headers on every error)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from sampark.web import create_app
from sampark.web.chart import lanes, trade_axis
from sampark.web.guard import SECURITY_HEADERS
from sampark.web.text import short_title
from sampark.web.views import KINDS


def test_facts_json_filters_sort_and_pages(client: TestClient, busiest_pair: dict) -> None:
    everything = client.get("/facts.json?limit=1000").json()
    assert everything["count"] == len(everything["facts"]) > 0
    pair = f"{busiest_pair['a']}-{busiest_pair['b']}"
    of_pair = client.get(f"/facts.json?pair={pair}&limit=1000").json()
    assert of_pair["count"] == busiest_pair["count"]
    assert all(sorted(f["pair"]) == [busiest_pair["a"], busiest_pair["b"]] for f in of_pair["facts"])
    a_type = of_pair["facts"][0]["type"]
    typed = client.get(f"/facts.json?type={a_type}&limit=1000").json()
    assert typed["facts"] and {f["type"] for f in typed["facts"]} == {a_type}
    first, second = (client.get(f"/facts.json?limit=2&offset={o}").json() for o in (0, 2))
    assert [f["id"] for f in first["facts"] + second["facts"]] == [f["id"] for f in everything["facts"][:4]]
    assert first["next_offset"] == 2 and first["prev_offset"] is None
    newest = client.get("/facts.json?sort=-date&limit=1000").json()["facts"]
    assert {f["id"] for f in newest} == {f["id"] for f in everything["facts"]}
    assert newest[0]["id"] != everything["facts"][0]["id"]


def test_facts_date_range_overlaps(client: TestClient) -> None:
    facts = client.get("/facts.json?limit=1000").json()["facts"]
    years = sorted({int(f["date"][:4]) for f in facts if f.get("date") and f["date"][:4].isdigit()})
    middle = years[len(years) // 2]
    got = client.get(f"/facts.json?since={middle}&until={middle}&limit=1000").json()["facts"]
    assert got and all(f["date"] for f in got)
    assert any(f["date"].startswith(str(middle)) for f in got)


def test_facts_csv_is_the_json_as_rows(client: TestClient) -> None:
    data = client.get("/facts.json?limit=20").json()
    response = client.get("/facts.csv?limit=20")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in rows] == [f["id"] for f in data["facts"]]
    assert '"' + rows[0]["id"] + '"' in response.text  # text fields quoted


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_facts_page_in_each_language(client: TestClient, lang: str) -> None:
    from sampark.web.i18n import strings

    page = client.get(f"/facts?lang={lang}&limit=5")
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.text and strings(lang)["nav_facts"] in page.text
    assert page.text.count('<tr data-type=') == 5
    assert 'href="/facts.csv?limit=5"' in page.text.replace("&amp;", "&")


@pytest.mark.parametrize("query", ["type=visits", "evidence_lang=fr", "since=20x4", "until=1999-13", "pair=IND-IND",
                                   "polarity=angry", "sort=rowid", "min_confidence=2", "limit=0",
                                   "offset=9223372036854775808"])
def test_facts_bad_filters_are_400(client: TestClient, query: str) -> None:
    for path in ("/facts.json", "/facts.csv", "/facts"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query)


def test_pair_csv_twin(client: TestClient, busiest_pair: dict) -> None:
    response = client.get(busiest_pair["url"] + ".csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == busiest_pair["count"]
    assert f'href="{busiest_pair["url"]}.csv"' in client.get(busiest_pair["url"]).text


def test_search_in_english_and_bengali(client: TestClient) -> None:
    facts = client.get("/facts.json?limit=1000").json()["facts"]
    for lang in ("en", "bn"):
        texts = [e["text"] for f in facts for e in f["evidence"] if e.get("lang") == lang and len(e["text"]) >= 6]
        if not texts:
            continue
        needle = max(texts, key=len).split()[0] if lang == "bn" else max(texts, key=len)[:12]
        needle = needle if len(needle) >= 3 else max(texts, key=len)[:8]
        result = client.get("/search.json", params={"q": needle}).json()
        assert result["n_facts"] >= 1, needle
        assert all(any(needle.casefold() in e["text"].casefold() for e in f["evidence"]) for f in result["facts"])
        page = client.get("/search", params={"q": needle, "lang": lang}).text
        assert "<mark>" in page
    assert client.get("/search.json", params={"q": "qqqzzzxxx"}).json()["n_facts"] == 0
    assert client.get("/search.json").status_code == 400
    assert client.get("/search").status_code == 200  # the empty form


def test_relations_map(client: TestClient, busiest_pair: dict) -> None:
    a = busiest_pair["a"]
    data = client.get(f"/relations/{a}.json").json()
    assert data["state"]["code"] == a
    partners = {p["code"]: p for p in data["partners"]}
    assert busiest_pair["b"] in partners and partners[busiest_pair["b"]]["count"] == busiest_pair["count"]
    assert all(sum(p["by_kind"].values()) == p["count"] for p in data["partners"])
    page = client.get(f"/relations/{a}?lang=bn").text
    assert '<svg class="star"' in page and page.count('class="edge"') == min(len(partners), 24)
    assert client.get("/relations/Atlantis.json").status_code == 404
    assert client.get(f"/relations?state={a}", follow_redirects=False).headers["location"].startswith(f"/relations/{a}")


def test_home_pages_through_pairs(client: TestClient) -> None:
    everything = client.get("/index.json?limit=1000").json()
    first = client.get("/index.json?limit=1").json()
    assert first["total"] == len(everything["pairs"]) and len(first["pairs"]) == 1
    if first["total"] > 1:
        assert first["next_offset"] == 1
        second = client.get("/index.json?limit=1&offset=1").json()
        assert second["pairs"][0] == everything["pairs"][1]
        assert 'rel="next"' in client.get("/?limit=1").text


def test_pair_page_shows_each_fact_once_and_lanes_link_facts(client: TestClient, busiest_pair: dict) -> None:
    data = client.get(busiest_pair["url"] + ".json").json()
    page = client.get(busiest_pair["url"]).text
    for fact in data["facts"]:
        assert page.count(f'id="row-{fact["id"]}"') == 1
        assert page.count(f'<details class="fact" data-type="{fact["type"]}" id="t-{fact["id"]}"') == 1
    lanes_svg = page[page.index('<svg class="lanes"'):]
    lanes_svg = lanes_svg[:lanes_svg.index("</svg>")]
    dated = [f for f in data["facts"] if f.get("date")]
    assert lanes_svg.count('class="mark') == len(dated)
    for fact in dated:
        assert f'data-fact="{fact["id"]}"' in lanes_svg


def test_lanes_geometry_is_a_time_axis() -> None:
    facts = [{"id": "a", "type": "visit", "date": "1990"}, {"id": "b", "type": "statement", "date": "2000",
              "attrs": {"polarity": "negative"}}, {"id": "c", "type": "agreement_signed", "date": "1995/2005"},
             {"id": "d", "type": "trade_volume", "date": None}]
    g = lanes(facts, KINDS)
    marks = {m["id"]: m for lane in g["lanes"] for m in lane["marks"]}
    assert set(marks) == {"a", "b", "c"} and g["undated"] == 1
    assert marks["a"]["cx"] < marks["b"]["cx"] and marks["c"]["shape"] == "bar"
    # a linear axis: the dots sit mid-year (1990.5, 2000.5), the range starts on 1 January 1995
    per_year = (marks["b"]["cx"] - marks["a"]["cx"]) / 10
    assert abs(marks["c"]["x"] - (marks["a"]["cx"] + 4.5 * per_year)) < 1
    assert marks["b"]["polarity"] == "negative"
    assert len({m["y"] for m in marks.values()}) == 3  # three kinds, three lanes


def test_trade_axis_is_linear_in_time_and_drops_future_years() -> None:
    series = {"currency": "USD", "points": [{"year": 2000, "value": 1e9, "facts": ["a"]},
                                            {"year": 2001, "value": 2e9, "facts": ["b"]},
                                            {"year": 2010, "value": 4e9, "facts": ["c"]},
                                            {"year": 2040, "value": 9e9, "facts": ["d"]}]}
    g = trade_axis(series, this_year=2026)
    xs = [b["cx"] for b in g["bars"]]
    assert [b["year"] for b in g["bars"]] == [2000, 2001, 2010] and g["left_out"] == [2040]
    assert abs((xs[2] - xs[1]) / (xs[1] - xs[0]) - 9) < 0.01  # gaps in proportion to years
    assert g["y_ticks"][0]["value"] == 0 and g["y_ticks"][-1]["value"] >= 4e9 and g["currency"] == "USD"


def test_titles_are_cut_between_grapheme_clusters() -> None:
    title = "বাংলাদেশ–ভারত স্থল সীমান্ত চুক্তি ও প্রটোকল বাস্তবায়ন সংক্রান্ত সমঝোতা স্মারক"
    for limit in range(5, len(title)):
        cut = short_title(title, limit)
        if cut != title:
            assert cut.endswith("…")
            body = cut[:-1]
            assert title.startswith(body)
            # the next character of the title is never a combining mark left behind
            import unicodedata

            rest = title[len(body):]
            assert not rest or not unicodedata.category(rest[0]).startswith("M"), (limit, cut)
            assert "\u09cd" != body[-1:]  # no dangling virama (hasanta)


# -- safety -----------------------------------------------------------------

def test_every_get_route_answers_head(client: TestClient, busiest_pair: dict, dated_fact: dict) -> None:
    doc = dated_fact["evidence"][0]["doc"]
    paths = ["/", "/index.json", busiest_pair["url"], busiest_pair["url"] + ".json", busiest_pair["url"] + ".csv",
             f"/fact/{dated_fact['id']}", f"/fact/{dated_fact['id']}.json", f"/doc/{doc}", f"/doc/{doc}.json",
             "/documents", "/documents.json", "/conflicts", "/conflicts.json", "/facts", "/facts.json",
             "/facts.csv", "/search?q=abc", "/search.json?q=abc", "/relations", "/docs", "/openapi.json",
             "/static/style.css"]
    for path in paths:
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"" and head.headers.get("content-type") == get.headers.get("content-type"), path


def test_big_integers_are_400_not_500(client: TestClient) -> None:
    for path in ("/documents.json?offset=9223372036854775808", "/documents.json?limit=99999999999999999999",
                 "/index.json?offset=-1", "/facts.json?offset=1e99"):
        assert client.get(path).status_code == 400, path


def test_deep_json_is_refused(ingest_client: TestClient, auth: dict) -> None:
    body = '{"id": "deep", "text": "x", "title": ' + "[" * 1000 + "]" * 1000 + "}"
    response = ingest_client.post("/api/documents", content=body,
                                  headers={**auth, "content-type": "application/json"})
    assert response.status_code == 400 and "nests deeper" in response.json()["error"]
    fine = ingest_client.post("/api/documents", json={"id": "flat", "text": "India and Nepal met in 2001."},
                              headers=auth)
    assert fine.status_code == 201


def test_not_found_page_links_stay_on_site(client: TestClient) -> None:
    for path in ("//evil.example/x", "/\\evil.example/x", "/nowhere//evil.example"):
        response = client.get(path)
        assert response.status_code == 404
        assert "//evil.example" not in response.text.replace(path, "")  # only echoed as text, never linked
        assert 'href="//' not in response.text and 'href="/\\' not in response.text


def test_a_crash_is_a_clean_500_with_security_headers(kb) -> None:
    app = create_app(str(kb))

    def boom():
        raise RuntimeError("secret detail")

    app.add_api_route("/boom", boom)
    app.add_api_route("/boom.json", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        for path in ("/boom", "/boom.json"):
            response = c.get(path)
            assert response.status_code == 500 and "secret detail" not in response.text
            for name, _ in SECURITY_HEADERS:
                assert name.decode() in response.headers, (path, name)
        assert json.loads(c.get("/boom.json").text)["status"] == 500


def test_get_bodies_pass_through_unbuffered(kb) -> None:
    with TestClient(create_app(str(kb), max_body=1024)) as c:
        # a GET's body, sent without a length, is never read into memory: no 413
        chunks = (b"x" * 1024 for _ in range(8))
        assert c.request("GET", "/index.json", content=chunks).status_code == 200
        # a POST's is counted as it arrives and refused past the limit
        chunks = (b"x" * 1024 for _ in range(8))
        assert c.request("POST", "/index.json", content=chunks).status_code == 413


# -- document and fact pages ------------------------------------------------------

WIKI = ("{{Infobox bilateral relations|name=India–Bangladesh}}\n"
        "'''India''' and [[Bangladesh]] signed a trade agreement in [[1980]].<ref>{{cite web|title=Treaty"
        "|url=http://example.org}}</ref>\n\n"
        + "Filler about rivers and nothing else. " * 200 + "\n\n"
        "In 1999 the two states held talks.\nIndia and Nepal met in Kathmandu.\n")


@pytest.fixture
def wiki_client(kb_copy):
    from sampark.readers import SourceDoc
    from sampark.store import Store

    with Store.open(str(kb_copy)) as store:
        store.ingest([SourceDoc("wiki/India–Bangladesh", "India–Bangladesh relations", WIKI, lang="en",
                                format="wikitext")])
    with TestClient(create_app(str(kb_copy))) as c:
        yield c


def test_wikitext_documents_are_shown_clean_with_marks(wiki_client: TestClient) -> None:
    data = wiki_client.get("/doc/wiki/India–Bangladesh.json").json()
    assert data["text"] == WIKI and data["facts"]  # the twin keeps the stored text offsets point into
    page = wiki_client.get("/doc/wiki/India–Bangladesh").text
    body = page[page.index('<div class="doctext"'):]
    body = body[:body.index("</div>\n</section>")]
    assert "{{" not in body and "&lt;ref" not in body and "[[" not in body
    assert "<mark" in body and "Bangladesh signed a trade agreement in 1980" in body
    raw = wiki_client.get("/doc/wiki/India–Bangladesh?raw=1").text
    assert "{{cite web" in raw


def test_long_documents_fold_text_far_from_facts(wiki_client: TestClient) -> None:
    folded = wiki_client.get("/doc/wiki/India–Bangladesh").text
    full = wiki_client.get("/doc/wiki/India–Bangladesh?full=1").text
    assert '<details class="fold">' in folded and '<details class="fold">' not in full
    assert folded.count("Filler about rivers") < full.count("Filler about rivers") or \
        folded.index('<details class="fold">') < folded.rindex("Filler about rivers")


def test_fact_page_shows_paragraph_and_where_the_date_was_read(client: TestClient, dated_fact: dict) -> None:
    data = client.get(f"/fact/{dated_fact['id']}.json").json()
    origins = {e["date_origin"] for e in data["fact"]["evidence"]}
    assert origins <= {"evidence", "paragraph", None}
    page = client.get(f"/fact/{dated_fact['id']}").text
    assert page.count('<blockquote class="ev"') == len(dated_fact["evidence"])
    if "evidence" in origins or "paragraph" in origins:
        assert '<mark class="date-origin">' in page


def test_date_origin_finds_the_year_in_either_script() -> None:
    from sampark.web.text import date_origin

    text = "১৯৭২ সালে দুই দেশ একটি চুক্তি সই করে। পরে আরও আলোচনা হয়।"
    start, end = 0, text.index("।") + 1
    got = date_origin("1972", text, start, end)
    assert got["where"] == "evidence" and text[got["start"]:got["end"]] == "১৯৭২"
    later = text.index("পরে")
    assert date_origin("1972", text, later, len(text))["where"] == "paragraph"
    assert date_origin("1985", text, start, end) is None


def test_page_links_quote_odd_document_ids(ingest_client: TestClient, auth: dict) -> None:
    doc_id = "notes/a b?c#d–ঢাকা"
    response = ingest_client.post("/api/documents", json={"id": doc_id, "text": "India and Nepal met in 2001."},
                                  headers=auth)
    assert response.status_code == 201
    url = response.json()["document"]
    page = ingest_client.get(url).text
    toggle = page[page.index('id="lang-toggle" href="') + len('id="lang-toggle" href="'):]
    toggle = toggle[:toggle.index('"')].replace("&amp;", "&")
    assert toggle == url + "?lang=bn"
    assert ingest_client.get(toggle).status_code == 200
