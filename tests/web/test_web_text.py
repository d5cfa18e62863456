"""The pieces behind the pages: highlight segments, sentence context, dates, names, chart."""
from __future__ import annotations

import unicodedata

import pytest

from sampark.web.chart import bars, trade_series
from sampark.web.i18n import UI
from sampark.web.text import date_sort_key, segments, sentence_around, year_of
from sampark.web.views import BadRequest, NotFound, parse_pair, safe_href

# fmt: off
SEGMENT_CASES = [
    ("abcdef", [], [("abcdef", [])]),
    ("abcdef", [(1, 3, "f1")], [("a", []), ("bc", ["f1"]), ("def", [])]),
    ("abcdef", [(0, 6, "f1")], [("abcdef", ["f1"])]),
    ("abcdef", [(1, 4, "f1"), (2, 5, "f2")], [("a", []), ("b", ["f1"]), ("cd", ["f1", "f2"]), ("e", ["f2"]), ("f", [])]),
    ("abcdef", [(1, 3, "f1"), (1, 3, "f2")], [("a", []), ("bc", ["f1", "f2"]), ("def", [])]),
    ("abcdef", [(4, 2, "f1"), (-5, 1, "f2"), (5, 99, "f3")], [("a", ["f2"]), ("bcde", []), ("f", ["f3"])]),
    ("", [(0, 3, "f1")], []),
]
# fmt: on


@pytest.mark.parametrize("text,spans,expected", SEGMENT_CASES)
def test_web_text_segments(text, spans, expected):
    got = segments(text, spans)
    assert [(s.text, s.facts) for s in got] == expected
    assert "".join(s.text for s in got) == text


def test_web_text_segments_keep_markup_as_text():
    text = "a <script>alert(1)</script> b"
    got = segments(text, [(2, 10, "f")])
    assert got[1].text == "<script>"  # escaping is the template's job, the text is untouched


# fmt: off
SENTENCE_CASES = [
    ("One. Two three four. Five.", "three", ("Two ", "three", " four.")),
    ("এক। দুই তিন চার। পাঁচ।", "তিন", ("দুই ", "তিন", " চার।")),
    ("এক। দুই তিন চার। পাঁচ।", "দুই তিন চার।", ("", "দুই তিন চার।", "")),
    ("no end here", "end", ("no ", "end", " here")),
    ("Trade was US$1.9 billion in 2007. Next.", "2007", ("Trade was US$1.9 billion in ", "2007", ".")),
    ("{{cite|x}}</ref> চীন বাংলাদেশকে স্বীকৃতি দেয়। পরে", "চীন", ("", "চীন", " বাংলাদেশকে স্বীকৃতি দেয়।")),
]
# fmt: on


@pytest.mark.parametrize("text,span,expected", SENTENCE_CASES)
def test_web_text_sentence_around(text, span, expected):
    start = text.index(span)
    assert sentence_around(text, start, start + len(span)) == expected


def test_web_text_sentence_around_shortens_long_context():
    text = "x" * 1000 + "SPAN" + "y" * 1000
    before, span, after = sentence_around(text, 1000, 1004, limit=50)
    assert span == "SPAN" and before == "…" + "x" * 50 and after == "y" * 50 + "…"


# fmt: off
YEAR_CASES = [
    ("1967-04-03", (1967, "1967")), ("1968-04", (1968, "1968")), ("1968", (1968, "1968")),
    ("198X", (1980, "198X")), ("1985/..", (1985, "1985")), ("../2001", (2001, "2001")),
    ("2001/2003", (2001, "2001")), (None, (None, None)), ("", (None, None)), ("garbage", (None, None)),
]
DATE_CASES = [
    ("en", "1967-04-03", "3 April 1967"), ("bn", "1967-04-03", "৩ এপ্রিল ১৯৬৭"),
    ("en", "1968-04", "April 1968"), ("bn", "1968", "১৯৬৮"),
    ("en", "198X", "1980s"), ("bn", "198X", "১৯৮০-এর দশক"),
    ("en", "1985/..", "since 1985"), ("bn", "1985/..", "১৯৮৫ থেকে"),
    ("en", "../2001", "until 2001"), ("en", "2001/2003", "2001 – 2003"),
    ("en", None, "Undated"), ("bn", None, "তারিখহীন"), ("en", "1967-13-40", "1967-13-40"),
]
# fmt: on


@pytest.mark.parametrize("edtf,expected", YEAR_CASES)
def test_web_text_year_of(edtf, expected):
    assert year_of(edtf) == expected


def test_web_text_dates_sort_in_time_order_undated_last():
    dates = [None, "2007", "1967-04-03", "198X", "1967", "1967-11", "1985/.."]
    assert sorted(dates, key=date_sort_key) == ["1967", "1967-04-03", "1967-11", "198X", "1985/..", "2007", None]


@pytest.mark.parametrize("lang,edtf,expected", DATE_CASES)
def test_web_i18n_dates(lang, edtf, expected):
    assert UI(lang).date(edtf) == expected


def test_web_i18n_numbers_and_names():
    assert UI("bn").digits(2007) == "২০০৭"
    assert UI("en").state("MYS") == "Malaysia"
    assert unicodedata.normalize("NFD", UI("bn").state("MYS")) == unicodedata.normalize("NFD", "মালয়েশিয়া")
    assert UI("en").state("SUN")  # a former state has a name too
    assert UI("en").type_label("relations_established") == "Relations established"
    assert UI("xx").lang == "en"


# fmt: off
PAIR_CASES = [
    ("MYS-RUS", ("MYS", "RUS")), ("rus-mys", ("RUS", "MYS")), ("Malaysia-Russia", ("MYS", "RUS")),
    ("মালয়েশিয়া-রাশিয়া", ("MYS", "RUS")), ("MYS-SUN", ("MYS", "RUS")), ("Guinea-Bissau-Senegal", ("GNB", "SEN")),
    ("MYS–RUS", ("MYS", "RUS")),
]
# fmt: on


@pytest.mark.parametrize("text,expected", PAIR_CASES)
def test_web_views_parse_pair(text, expected):
    assert parse_pair(text) == expected


@pytest.mark.parametrize("text,error", [("MYS", BadRequest), ("-", BadRequest), ("MYS-MYS", BadRequest),
                                        ("MYS-Atlantis", NotFound), ("x" * 400, BadRequest)])
def test_web_views_parse_pair_refuses(text, error):
    with pytest.raises(error):
        parse_pair(text)


@pytest.mark.parametrize("url,ok", [("https://bn.wikipedia.org/wiki/x", True), ("http://a.b/c?d=e", True),
                                    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
                                    ("data:text/html,<b>", False), ("//evil.example/x", False),
                                    ("https://a b", False), (None, False)])
def test_web_views_safe_href(url, ok):
    assert safe_href(url) == (url if ok else None)


def fact(date, value, currency="USD", flow="total", fid="f"):
    return {"id": fid, "type": "trade_volume", "date": date,
            "attrs": {"value": value, "currency": currency, "flow": flow}}


def test_web_chart_one_bar_per_year_largest_total():
    series = trade_series([fact("2007", 1903e6), fact("2007", 1900e6), fact("2006", 1133e6),
                           fact("2005", 10.0, currency="EUR"), fact("198X", 5.0), fact(None, 7.0),
                           {"id": "x", "type": "visit", "date": "2001", "attrs": {}}])
    assert series["currency"] == "USD"
    assert [(p["year"], p["value"]) for p in series["points"]] == [(2006, 1133e6), (2007, 1903e6)]
    geometry = bars(series)
    tall, short = geometry["bars"][1], geometry["bars"][0]
    assert tall["h"] > short["h"] and tall["y"] < short["y"]
    assert all(0 <= b["x"] <= geometry["width"] for b in geometry["bars"])


def test_web_chart_exports_and_imports_add_up_without_a_total():
    series = trade_series([fact("2010", 3.0, flow="export"), fact("2010", 4.0, flow="import")])
    assert series["points"][0]["value"] == 7.0


def test_web_chart_none_without_figures():
    assert trade_series([fact("2007", None), fact("2007", "lots")]) is None


def test_web_text_cache_keeps_recent_texts_for_a_while():
    from sampark.web.access import TextCache

    cache = TextCache(size=2, ttl=60)
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"  # a is now the most recent
    cache.put("c", "C")
    assert cache.get("b") is None and cache.get("a") == "A" and cache.get("c") == "C"
    expired = TextCache(ttl=-1)
    expired.put("a", "A")
    assert expired.get("a") is None
    cache.clear()
    assert cache.get("a") is None
