"""Bengali date expressions: EDTF keys, modes and spans (sentences written for these tests)."""
from __future__ import annotations

import json

import pytest

from sampark.stages.dates import find_dates, run
from sampark.model import Document
from sampark.lang import build_dates

ANCHOR = "2025-11-21"  # a Friday


def only(text: str, anchor: str | None = None):
    found = find_dates(text, "bn", anchor)
    assert len(found) == 1, [(text[m.start : m.end], m.key) for m in found]
    return found[0]


# fmt: off
POINTS = [
    ("দুই দেশ ১৯৬৭ সালের ৩রা এপ্রিল সম্পর্ক স্থাপন করে।", "১৯৬৭ সালের ৩রা এপ্রিল", "1967-04-03", "point"),
    ("চুক্তিটি ৩ এপ্রিল ১৯৬৭ তারিখে সই হয়।", "৩ এপ্রিল ১৯৬৭", "1967-04-03", "point"),
    ("চুক্তিটি ৩রা এপ্রিল, ১৯৬৭ তারিখে সই হয়।", "৩রা এপ্রিল, ১৯৬৭", "1967-04-03", "point"),
    ("প্রতিনিধিদল ২০০৭ সালের ১৯শে মে মস্কো যায়।", "২০০৭ সালের ১৯শে মে", "2007-05-19", "point"),
    ("১৫ই আগস্ট ১৯৪৭ সালে দেশটি স্বাধীন হয়।", "১৫ই আগস্ট ১৯৪৭ সালে", "1947-08-15", "point"),
    ("১লা জানুয়ারী ২০০০ সালে নতুন নিয়ম চালু হয়।", "১লা জানুয়ারী ২০০০ সালে", "2000-01-01", "point"),
    ("বৈঠকটি ২১তম সেপ্টেম্বর ২০১০ অনুষ্ঠিত হয়।", "২১তম সেপ্টেম্বর ২০১০", "2010-09-21", "point"),
    ("দূতাবাস ১৯৬৮ সালের মস্কোতে খোলা হয়।", "১৯৬৮ সালের", "1968", "point"),
    ("দূতাবাস ১৯৬৮ সালে খোলা হয়।", "১৯৬৮ সালে", "1968", "point"),
    ("দূতাবাস ১৯৬৮ খ্রিস্টাব্দে খোলা হয়।", "১৯৬৮ খ্রিস্টাব্দে", "1968", "point"),
    ("দূতাবাস ১৯৬৮ খ্রিষ্টাব্দের শেষে খোলা হয়।", "১৯৬৮ খ্রিষ্টাব্দের", "1968", "point"),
    ("দূতাবাস ১৯৬৮-তে খোলা হয়।", "১৯৬৮-তে", "1968", "point"),
    ("দেশটি ১৯৭১-এ স্বাধীন হয়।", "১৯৭১-এ", "1971", "point"),
    ("১৯৭১ সালের যুদ্ধ দুই দেশকে বদলে দেয়।", "১৯৭১ সালের", "1971", "point"),
    ("২০০২ সাকে তিনি প্রথম সফর করেন।", "২০০২ সাকে", "2002", "point"),
    ("দুই দেশের মধ্যে ১৯৭২ সালের অক্টোবর মাসে চুক্তি হয়।", "১৯৭২ সালের অক্টোবর মাসে", "1972-10", "point"),
    ("১৯৭২ সালের অক্টোবরে চুক্তি হয়।", "১৯৭২ সালের অক্টোবরে", "1972-10", "point"),
    ("চুক্তিটি মার্চ ১৯৯৯ সালে সই হয়।", "মার্চ ১৯৯৯ সালে", "1999-03", "point"),
    ("বৈঠক হয় অগাস্ট, ২০১২ সালে।", "অগাস্ট, ২০১২ সালে", "2012-08", "point"),
    ("চুক্তিটি ১২/০৬/২০১৮ তারিখে সই হয়।", "১২/০৬/২০১৮", "2018-06-12", "point"),
    ("চুক্তিটি ২০১৮-০৬-১২ তারিখে সই হয়।", "২০১৮-০৬-১২", "2018-06-12", "point"),
    ("প্রতিবেদনটি 2015 সালে প্রকাশিত হয়।", "2015 সালে", "2015", "point"),
    ("১৯৭১-এর ২৬ মার্চ স্বাধীনতা ঘোষিত হয়।", "১৯৭১-এর ২৬ মার্চ", "1971-03-26", "point"),
    ("২০২৪-এর আগস্টে সরকার বদলায়।", "২০২৪-এর আগস্টে", "2024-08", "point"),
    ("১৯৭১ এর মার্চে যুদ্ধ শুরু হয়।", "১৯৭১ এর মার্চে", "1971-03", "point"),
    ("মোগলরা ৭১১ সালে সিন্ধু জয় করে না।", "৭১১ সালে", "0711", "point"),
]
# fmt: on


@pytest.mark.parametrize("text,phrase,key,mode", POINTS)
def test_dates_bn_points(text, phrase, key, mode):
    m = only(text)
    assert text[m.start : m.end] == phrase
    assert (m.key, m.attrs["mode"]) == (key, mode)
    assert m.attrs["year"] == int(key[:4])


# fmt: off
INTERVALS = [
    ("এপ্রিল, ১৯৬৮ সাল থেকে দূতাবাস রয়েছে।", "এপ্রিল, ১৯৬৮ সাল থেকে", "1968-04/..", "since", "1968-04"),
    ("১৯৮৫ সাল থেকে সম্পর্ক ভালো।", "১৯৮৫ সাল থেকে", "1985/..", "since", "1985"),
    ("১৯৮৫ সালের পর থেকে সম্পর্ক ভালো।", "১৯৮৫ সালের পর থেকে", "1985/..", "since", "1985"),
    ("১লা জানুয়ারি ২০০০ থেকে ভিসা লাগে না।", "১লা জানুয়ারি ২০০০ থেকে", "2000-01-01/..", "since", "2000-01-01"),
    ("২০২০ সাল পর্যন্ত চুক্তিটি বহাল ছিল।", "২০২০ সাল পর্যন্ত", "../2020", "until", "2020"),
    ("১৯৭১ সালের ২৬ মার্চ থেকে যুদ্ধ চলে।", "১৯৭১ সালের ২৬ মার্চ থেকে", "1971-03-26/..", "since", "1971-03-26"),
    ("২০০২ সালের জুলাই মাস থেকে সরবরাহ শুরু।", "২০০২ সালের জুলাই মাস থেকে", "2002-07/..", "since", "2002-07"),
    ("২০২০ সালের ডিসেম্বর পর্যন্ত চুক্তি ছিল।", "২০২০ সালের ডিসেম্বর পর্যন্ত", "../2020-12", "until", "2020-12"),
    ("১৯৭১-১৯৭৫ সময়ে সম্পর্ক ভালো ছিল।", "১৯৭১-১৯৭৫", "1971/1975", "range", "1971"),
    ("১৯৭১ থেকে ১৯৭৫ সাল পর্যন্ত সম্পর্ক ভালো ছিল।", "১৯৭১ থেকে ১৯৭৫ সাল পর্যন্ত", "1971/1975", "range", "1971"),
    ("১৯৩৯-৪৫ সালের যুদ্ধে দেশটি নিরপেক্ষ ছিল।", "১৯৩৯-৪৫ সালের", "1939/1945", "range", "1939"),
    ("২০২৩–২৪ অর্থবছরে বাণিজ্য বাড়ে।", "২০২৩–২৪", "2023/2024", "range", "2023"),
]
# fmt: on


@pytest.mark.parametrize("text,phrase,key,mode,point", INTERVALS)
def test_dates_bn_intervals(text, phrase, key, mode, point):
    m = only(text)
    assert text[m.start : m.end] == phrase
    assert (m.key, m.attrs["mode"], m.attrs["point"]) == (key, mode, point)


# fmt: off
DECADES = [
    ("১৯৮০ এর পুরো দশক জুড়ে সম্পর্ক খারাপ ছিল।", "১৯৮০ এর পুরো দশক", "198X"),
    ("১৯৮০-এর দশকে সম্পর্ক খারাপ ছিল।", "১৯৮০-এর দশকে", "198X"),
    ("১৯৯০'র দশকে বাণিজ্য বাড়ে।", "১৯৯০'র দশকে", "199X"),
    ("আশির দশকে সম্পর্ক খারাপ ছিল।", "আশির দশকে", "198X"),
    ("নব্বইয়ের দশকের শুরুতে চুক্তি হয়।", "নব্বইয়ের দশকের", "199X"),
    ("ষাটের দশকে দূতাবাস খোলে।", "ষাটের দশকে", "196X"),
]
# fmt: on


@pytest.mark.parametrize("text,phrase,key", DECADES)
def test_dates_bn_decades(text, phrase, key):
    m = only(text)
    assert text[m.start : m.end] == phrase
    assert (m.key, m.attrs["mode"]) == (key, "decade")


# fmt: off
RELATIVE = [
    ("গতকাল বৃহস্পতিবার সন্ধ্যায় দূত ফুল পাঠান।", "গতকাল বৃহস্পতিবার", "2025-11-20"),
    ("আজ তিনি ঢাকায় পৌঁছান।", "আজ", "2025-11-21"),
    ("আগামীকাল বৈঠক হবে।", "আগামীকাল", "2025-11-22"),
    ("গত বৃহস্পতিবার দরপত্র আহ্বান করা হয়।", "গত বৃহস্পতিবার", "2025-11-20"),
    ("গত শুক্রবার দরপত্র আহ্বান করা হয়।", "গত শুক্রবার", "2025-11-14"),
    ("আগামী শুক্রবার দরপত্র জমা দিতে হবে।", "আগামী শুক্রবার", "2025-11-28"),
    ("রোববার মন্ত্রী ঢাকা আসেন।", "রোববার", "2025-11-16"),
    ("চলতি মাসে দুই দেশ বৈঠকে বসে।", "চলতি মাসে", "2025-11"),
    ("গত মাসে দুই দেশ বৈঠকে বসে।", "গত মাসে", "2025-10"),
    ("গত বছর দুই দেশ বৈঠকে বসে।", "গত বছর", "2024"),
    ("চলতি বছরের শেষে চুক্তি হবে।", "চলতি বছরের", "2025"),
    ("গত সপ্তাহে দুই দেশ বৈঠকে বসে।", "গত সপ্তাহে", "2025-11-10/2025-11-16"),
    ("নভেম্বর মাসে দুই দেশ বৈঠকে বসে।", "নভেম্বর মাসে", "2025-11"),
    ("দরপত্রটি ২০ নভেম্বর জারি হয়।", "২০ নভেম্বর", "2025-11-20"),
    ("সভাটি ৫ জানুয়ারি হবে।", "৫ জানুয়ারি", "2026-01-05"),
    ("সভাটি মার্চের ২৬ তারিখে হয়েছিল।", "মার্চের ২৬ তারিখে", "2025-03-26"),
    ("এর আগে গত অক্টোবরে তিনি আম্মান যান।", "গত অক্টোবরে", "2025-10"),
    ("গত ডিসেম্বরে তিনি আম্মান যান।", "গত ডিসেম্বরে", "2024-12"),
    ("আগামী মার্চে নির্বাচন হবে।", "আগামী মার্চে", "2026-03"),
]
# fmt: on


@pytest.mark.parametrize("text,phrase,key", RELATIVE)
def test_dates_bn_relative_resolved_against_anchor(text, phrase, key):
    m = only(text, ANCHOR)
    assert text[m.start : m.end] == phrase
    assert m.key == key


@pytest.mark.parametrize("text,phrase,key", RELATIVE)
def test_dates_bn_relative_without_anchor_has_empty_key(text, phrase, key):
    m = only(text)
    assert text[m.start : m.end] == phrase
    assert m.key == ""
    assert m.attrs["mode"] in ("relative", "partial")


def test_dates_bn_month_without_year_is_partial():
    m = only("দরপত্রটি ২০ নভেম্বর জারি হয়।")
    assert m.attrs == {"mode": "partial", "year": None, "month_only": True, "month": 11, "day": 20}


# fmt: off
NOT_DATES = [
    "মোট বাণিজ্য ছিল ১৯০৩ মিলিয়ন মার্কিন ডলার।",
    "বাণিজ্য ছিল ১,৯০৩ মিলিয়ন ডলার।",
    "প্রায় ২০০০ জন সৈন্য সীমান্তে ছিল।",
    "নদীটি ২৫০০ কিলোমিটার দীর্ঘ।",
    "গ্রন্থটি ১৪৩০ বঙ্গাব্দে প্রকাশিত হয়।",
    "খ্রিস্টপূর্ব ১৬০০ সালে শহরটি গড়ে ওঠে।",
    "এটি প্রাচীন এক শহর, আজকালকার নয়।",
    "বৈঠক সন্ধ্যা ৬টায় শুরু হয়।",
    "দলটি ২০০৯টি ম্যাচ খেলেছে।",
    "সেখানে ১০০০ এর বেশি মানুষ ছিল।",
]
# fmt: on


@pytest.mark.parametrize("text", NOT_DATES)
def test_dates_bn_not_dates(text):
    assert find_dates(text, "bn") == []


def test_dates_bn_year_before_a_hyphenated_word_is_a_year():
    assert [m.key for m in find_dates("২০০৯ টি-টোয়েন্টি বিশ্বকাপে দলটি জেতে।", "bn")] == ["2009"]


def test_dates_bn_day_takes_year_from_same_sentence():
    text = "১৯৭১ সালের মার্চ মাসে যুদ্ধ শুরু হয় এবং ২৬শে মার্চ স্বাধীনতা ঘোষণা করা হয়।"
    found = find_dates(text, "bn")
    assert [(m.key, m.attrs.get("year_from")) for m in found] == [("1971-03", None), ("1971-03-26", "context")]


def test_dates_bn_day_takes_no_year_from_previous_sentence():
    found = find_dates("১৯৭১ সালে যুদ্ধ হয়। ২৬শে মার্চ স্বাধীনতা দিবস।", "bn")
    assert [m.key for m in found] == ["1971", ""]


def test_dates_bn_bare_year_is_marked():
    m = only("১৯৭১ মুক্তিযুদ্ধের বছর।")
    assert (m.key, m.attrs["bare"]) == ("1971", True)


def test_dates_bn_several_in_one_sentence():
    text = "২০০৭ সালে বাণিজ্য ছিল বেশি, যেখানে ২০০৬ সালে ছিল কম; ২০০২ সালের জুলাই মাসে চুক্তি হয়।"
    assert [m.key for m in find_dates(text, "bn")] == ["2007", "2006", "2002-07"]


def test_dates_bn_run_finds_dateline_and_resolves_relative():
    text = "প্রকাশ: ২৪ নভেম্বর ২০২৫, ১০:৩০\nগতকাল রোববার দুই দেশের মন্ত্রীরা বৈঠক করেন।"
    doc = run(Document(id="d", raw=text, text=text, lang="bn"))
    assert doc.date == "2025-11-24"
    assert doc.meta["date_source"] == "publication_cue"
    assert [m.key for m in doc.mentions_of("date")] == ["2025-11-24", "2025-11-23"]


def test_dates_bn_run_keeps_known_date():
    text = "গতকাল দুই দেশের মন্ত্রীরা বৈঠক করেন।"
    doc = run(Document(id="d", raw=text, text=text, lang="bn", date="2025-01-10"))
    assert doc.date == "2025-01-10"
    assert "date_source" not in doc.meta
    assert [m.key for m in doc.mentions_of("date")] == ["2025-01-09"]


def test_dates_bn_long_digit_run_is_no_date():
    assert find_dates("১" * 100_000, "bn") == []


def test_dates_generated_files_equal_a_fresh_build(tmp_path):
    from importlib import resources

    for path in build_dates.build(tmp_path):
        committed = resources.files("sampark").joinpath(f"lang/{path.parent.name}/{path.name}")
        assert json.loads(committed.read_text(encoding="utf-8")) == json.loads(path.read_text(encoding="utf-8")), path.name
