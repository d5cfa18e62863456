"""English date expressions: EDTF keys, modes and spans (sentences written for these tests)."""
from __future__ import annotations

import pytest

from sampark.stages.dates import find_dates, run
from sampark.model import Document

ANCHOR = "2025-11-24"  # a Monday


def only(text: str, anchor: str | None = None):
    found = find_dates(text, "en", anchor)
    assert len(found) == 1, [(text[m.start : m.end], m.key) for m in found]
    return found[0]


# fmt: off
CASES = [
    ("Relations were set up on 3 April 1967.", "3 April 1967", "1967-04-03", "point"),
    ("Relations were set up on April 3, 1967.", "April 3, 1967", "1967-04-03", "point"),
    ("Relations were set up on the 3rd of April 1967.", "3rd of April 1967", "1967-04-03", "point"),
    ("The treaty was signed on Dec. 3, 2004 in Delhi.", "Dec. 3, 2004", "2004-12-03", "point"),
    ("The treaty was signed in Sept. 1999.", "Sept. 1999", "1999-09", "point"),
    ("An embassy opened in April 1968.", "April 1968", "1968-04", "point"),
    ("An embassy opened in 1968.", "1968", "1968", "point"),
    ("The report is dated 2023-05-10.", "2023-05-10", "2023-05-10", "point"),
    ("Trade has grown since 1985.", "since 1985", "1985/..", "since"),
    ("Trade has grown since April 1990.", "since April 1990", "1990-04/..", "since"),
    ("The embargo lasted until 1995.", "until 1995", "../1995", "until"),
    ("Ties were poor in the 1980s.", "the 1980s", "198X", "decade"),
    ("Ties were poor in 1980s Asia.", "1980s", "198X", "decade"),
    ("Ties improved in the mid-1990s.", "the mid-1990s", "199X", "decade"),
    ("Ties improved in the early 2000s.", "the early 2000s", "200X", "decade"),
    ("Trade boomed in the 2010s.", "the 2010s", "201X", "decade"),
    ("Ties were cold in the eighties.", "the eighties", "198X", "decade"),
    ("The 2003–04 season saw a tour.", "2003–04", "2003/2004", "range"),
    ("The 2003-2004 talks failed.", "2003-2004", "2003/2004", "range"),
    ("Ties were frozen from 1971 to 1975.", "from 1971 to 1975", "1971/1975", "range"),
    ("Ties were frozen between 1990 and 1995.", "between 1990 and 1995", "1990/1995", "range"),
]
# fmt: on


@pytest.mark.parametrize("text,phrase,key,mode", CASES)
def test_dates_en_forms(text, phrase, key, mode):
    m = only(text)
    assert text[m.start : m.end] == phrase
    assert (m.key, m.attrs["mode"]) == (key, mode)


def test_dates_en_since_gives_point():
    m = only("Trade has grown since 1985.")
    assert (m.attrs["point"], m.attrs["year"]) == ("1985", 1985)


def test_dates_en_decade_qualifier():
    assert only("Ties improved in the mid-1990s.").attrs["qualifier"] == "mid"


# fmt: off
RELATIVE = [
    ("The minister spoke on Tuesday.", "on Tuesday", "2025-11-18"),
    ("The minister spoke yesterday.", "yesterday", "2025-11-23"),
    ("The minister spoke last week.", "last week", "2025-11-17/2025-11-23"),
    ("The minister spoke last month.", "last month", "2025-10"),
    ("The minister spoke earlier this year.", "earlier this year", "2025"),
    ("The minister will speak next Friday.", "next Friday", "2025-11-28"),
    ("The talks begin in March.", "March", "2025-03"),
    ("The talks begin on 12 December.", "12 December", "2025-12-12"),
    ("He visited last October.", "last October", "2025-10"),
    ("He will return next March.", "next March", "2026-03"),
    ("The vote is this May.", "this May", "2025-05"),
]
# fmt: on


@pytest.mark.parametrize("text,phrase,key", RELATIVE)
def test_dates_en_relative(text, phrase, key):
    m = only(text, ANCHOR)
    assert text[m.start : m.end] == phrase
    assert m.key == key


@pytest.mark.parametrize("text,phrase,key", RELATIVE)
def test_dates_en_relative_without_anchor(text, phrase, key):
    m = only(text)
    assert text[m.start : m.end] == phrase
    assert m.key == ""


# fmt: off
NOT_DATES = [
    "Trade reached 1903 million dollars.",
    "Some 2000 troops were sent.",
    "The river is 2500 km long.",
    "The city was founded in 450 BC.",
    "They may march tomorrowland.",
    "It was 1990 and 1995 only in name.",
]
# fmt: on


@pytest.mark.parametrize("text", NOT_DATES[:-1])
def test_dates_en_not_dates(text):
    assert find_dates(text, "en") == []


def test_dates_en_two_years_joined_by_and_are_two_points():
    assert [m.key for m in find_dates(NOT_DATES[-1], "en")] == ["1990", "1995"]


def test_dates_en_dateline_on_its_own_line():
    text = "India and Japan sign pact\n24 November 2025\nThe two sides met yesterday in Tokyo."
    doc = run(Document(id="d", raw=text, text=text, lang="en"))
    assert (doc.date, doc.meta["date_source"]) == ("2025-11-24", "dateline")
    assert [m.key for m in doc.mentions_of("date")] == ["2025-11-24", "2025-11-23"]


def test_dates_en_no_dateline_deep_in_text():
    text = "x " * 400 + "24 November 2025"
    doc = run(Document(id="d", raw=text, text=text, lang="en"))
    assert doc.date is None


def test_dates_en_long_digit_run_is_no_date():
    assert find_dates("1" * 100_000, "en") == []


def test_dates_en_sentence_with_a_date_is_no_dateline():
    text = "India and Japan set up relations on 28 April 1952 in Tokyo.\nThey met yesterday."
    doc = run(Document(id="d", raw=text, text=text, lang="en"))
    assert doc.date is None
    assert doc.mentions_of("date")[-1].key == ""


def test_dates_en_wiki_page_has_no_dateline():
    text = "28 April 1952\nIndia and Japan set up relations."
    doc = run(Document(id="d", raw=text, text=text, lang="en", format="wikitext"))
    assert doc.date is None


def test_dates_en_day_takes_year_from_same_sentence():
    found = find_dates("In 1952 the two sides met on 28 April and again in May.", "en")
    assert [m.key for m in found] == ["1952", "1952-04-28", "1952-05"]
