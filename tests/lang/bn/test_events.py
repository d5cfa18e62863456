"""Bengali sentences the project wrote, and the facts they state."""
import pytest

import sampark
from sampark.normalize import normalize


def facts_of(text, **kw):
    return sampark.extract(text, lang="bn", doc_id="t", **kw)



# fmt: off
CASES = [
    ("১৯৭২ সালের ৪ঠা ফেব্রুয়ারি ভারত ও বাংলাদেশের মধ্যে কূটনৈতিক সম্পর্ক স্থাপিত হয়।",
     "relations_established", ["IND", "BGD"], "1972-02-04", False),
    ("১৯৭৬ সালে পাকিস্তান ও বাংলাদেশের মধ্যে কূটনৈতিক সম্পর্ক স্থাপিত হয়।",
     "relations_established", ["PAK", "BGD"], "1976", False),
    ("ঢাকায় চীনের দূতাবাস রয়েছে।", "mission_opened", ["CHN", "BGD"], "any", True),
    ("২০১০ সালের মার্চ মাসে নেপালের প্রধানমন্ত্রী ঢাকা সফর করেন।", "visit", ["NPL", "BGD"], "2010-03", True),
    ("প্রধানমন্ত্রী নরেন্দ্র মোদি ২০১৫ সালের জুন মাসে বাংলাদেশ সফর করেন।", "visit", ["IND", "BGD"], "2015-06", True),
    ("২০১৯ সালে দুই দেশের মধ্যে সাতটি সমঝোতা স্মারক সই হয়।", "agreement_signed", ["IND", "BGD"], "2019", False),
    ("২০২৩ সালে বাংলাদেশ ও ভারতের মধ্যে মোট বাণিজ্যের পরিমাণ ছিল ১৪ বিলিয়ন মার্কিন ডলার।",
     "trade_volume", ["BGD", "IND"], "2023", False),
    ("বাংলাদেশ ২০২২ সালে জাপানে ১৩৫ কোটি মার্কিন ডলারের পণ্য রপ্তানি করে।", "trade_volume", ["BGD", "JPN"], "2022", False),
    ("১৯৭১ সালে ভারত ও পাকিস্তানের মধ্যে যুদ্ধ হয়।", "conflict", ["IND", "PAK"], "1971", False),
    ("নব্বইয়ের দশকে দুই দেশের সম্পর্কের অবনতি ঘটে।", "relations_strained", ["IND", "BGD"], "199X", False),
    ("রাশিয়া ভারতকে এস-৪০০ ক্ষেপণাস্ত্র সরবরাহ করেছে।", "arms_transfer", ["RUS", "IND"], "any", True),
    ("পাকিস্তানের পররাষ্ট্রমন্ত্রী ইসহাক দার বাংলাদেশের প্রশংসা করেন।", "statement", ["PAK", "BGD"], "any", True),
    ("গতকাল ঢাকায় বাংলাদেশ ও মিয়ানমারের পররাষ্ট্রমন্ত্রীরা বৈঠক করেন।", "meeting", ["BGD", "MMR"], "any", False),
    ("যুক্তরাষ্ট্র ইরানের ওপর নতুন নিষেধাজ্ঞা আরোপ করেছে।", "sanction", ["USA", "IRN"], "any", True),
    ("জাপান বাংলাদেশকে ৩০ কোটি ডলার ঋণ সহায়তা দিয়েছে।", "aid", ["JPN", "BGD"], "any", True),
    ("১৯৯৬ সালে দুই দেশ গঙ্গা পানি বণ্টন চুক্তি স্বাক্ষর করে।", "agreement_signed", ["IND", "BGD"], "1996", False),
    ("দুই দেশ একটি মুক্ত বাণিজ্য চুক্তি নিয়ে আলোচনা করছে।", "agreement_negotiated", ["IND", "BGD"], "any", False),
    ("২০১৫ সালে স্থলসীমান্ত চুক্তি কার্যকর হওয়ার পর থেকে দুই দেশের সম্পর্ক আরও ঘনিষ্ঠ হয়েছে।",
     "relations_improved", ["IND", "BGD"], "2015/..", False),
]
# fmt: on


@pytest.mark.parametrize("text, ftype, actors, date, directed", CASES)
def test_events_bn_sentence(text, ftype, actors, date, directed, has_fact):
    facts = facts_of(text, title="বাংলাদেশ-ভারত সম্পর্ক")
    assert has_fact(facts, ftype, actors, date, directed), facts


def test_events_bn_evidence_is_exact():
    text = CASES[0][0] + " " + CASES[2][0]
    for f in facts_of(text):
        for ev in f["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]


def test_events_bn_date_carried_to_next_sentence(has_fact):
    text = "১৯৬৭ সালের ৩রা এপ্রিল জাপান ও নেপালের মধ্যে সম্পর্ক স্থাপিত হয়। সেই সময়েই একটি বাণিজ্য চুক্তি স্বাক্ষরিত হয়।"
    assert has_fact(facts_of(text), "agreement_signed", ["JPN", "NPL"], "1967-04-03")


def test_events_bn_former_state_for_old_dates():
    facts = facts_of("১৯৭২ সালে রাশিয়া ও ভারতের মধ্যে একটি চুক্তি স্বাক্ষরিত হয়।")
    assert any(f["type"] == "agreement_signed" and "SUN" in f["actors"] for f in facts)


def test_events_bn_sentence_about_one_state_has_no_fact():
    assert facts_of("ভারত একটি বড় দেশ। এর রাজধানী নয়াদিল্লি।") == []


def test_events_bn_boilerplate_yields_nothing():
    text = "== তথ্যসূত্র ==\n১৯৭২ সালে ভারত ও বাংলাদেশের মধ্যে কূটনৈতিক সম্পর্ক স্থাপিত হয়।"
    assert facts_of(text) == []


def test_events_bn_news_dateline_anchors_yesterday(has_fact):
    text = "ঢাকা, ২৪ নভেম্বর ২০২৫ (বাসস): বাংলাদেশ ও পাকিস্তানের মধ্যে গতকাল একটি বাণিজ্য চুক্তি সই হয়েছে।"
    assert has_fact(facts_of(text), "agreement_signed", ["BGD", "PAK"], "2025-11-23")


# fmt: off
@pytest.mark.parametrize("text, exporter, importer, goods", [
    ("এর আওতায় পাকিস্তান থেকে ৫০ হাজার টন চাল আমদানি করেছে বাংলাদেশ।", "PAK", "BGD", ["চাল"]),
    ("ভারতের রপ্তানিকৃত পণ্যের মধ্যে তুলা, চিনি ও পেঁয়াজ প্রধান।", "IND", "BGD", ["তুলা", "চিনি", "পেঁয়াজ"]),
])
# fmt: on
def test_events_bn_traded_goods_as_written(text, exporter, importer, goods):
    facts = [f for f in facts_of(text, title="বাংলাদেশ-ভারত সম্পর্ক") if f["type"] == "trade_goods"]
    assert [(f["actors"], f["attrs"]["goods"]) for f in facts] == [([exporter, importer], [normalize(g) for g in goods])]


def test_events_bn_two_missions_each_with_its_own_sender_host_and_year(has_fact):
    text = "১৯৬৮ সালে জাপান কাঠমান্ডুতে দূতাবাস খোলে এবং ১৯৬৫ সালে নেপাল টোকিওতে দূতাবাস স্থাপন করে।"
    facts = facts_of(text)
    assert has_fact(facts, "mission_opened", ["JPN", "NPL"], "1968", directed=True)
    assert has_fact(facts, "mission_opened", ["NPL", "JPN"], "1965", directed=True)
