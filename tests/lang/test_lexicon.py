"""The event lexicon, its morphology and its sense guards (sampark.stages.events.lexicon).

Sentences are written for the project; none is copied from a corpus.
"""
import json
import re
from importlib import resources

import pytest

from sampark.contract import DIRECTED, FACT_TYPES
from sampark.lang import build_lexicon, load
from sampark.stages.events import lexicon
from sampark.stages.events.lexicon import hits

LANGS = ("bn", "en")
POS = {"verb", "noun", "light_verb_noun", "adjective"}
ROLES = {"source", "target", "parties", "venue"}


def _entries(lang):
    return [e for name in lexicon.LEXICON_FILES for e in load.load_jsonl_or_empty(lang, name)]


# build ---------------------------------------------------------------------


@pytest.mark.skipif(not build_lexicon.DEFAULT_SOURCE.is_file(), reason="PETRARCH2's CAMEO.2.0.txt is not in ../shared")
def test_lexicon_generated_equals_fresh_build(tmp_path):
    fresh = build_lexicon.build(tmp_path).read_text(encoding="utf-8")
    committed = (resources.files("sampark") / "lang" / "en" / build_lexicon.OUTPUT).read_text(encoding="utf-8")
    assert fresh == committed, "en/lexicon.generated.jsonl is stale: run `python -m sampark.lang.build_lexicon`"


def test_lexicon_generated_has_a_provenance_header_and_petrarch_sources():
    path = resources.files("sampark") / "lang" / "en" / build_lexicon.OUTPUT
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert load.is_header(first) and "PETRARCH2" in first["source"]
    rows = load.load_jsonl("en", build_lexicon.OUTPUT)
    assert len(rows) > 500
    assert all(r["source"].startswith("petrarch2:") for r in rows)


def test_lexicon_cameo_mapping_leaves_out_intent_and_unmapped_codes():
    table = build_lexicon.cameo_types()
    assert build_lexicon.lookup("042:043", table)[1]["type"] == "visit"
    assert build_lexicon.lookup("043", table)[1]["reverse"] is True
    assert build_lexicon.lookup("0331", table) is None  # intent to give aid: no fact
    assert build_lexicon.lookup("1712", table) is None  # property destruction: no contract type
    assert build_lexicon.lookup("---", table) is None
    assert all(not c.startswith("03") or v.get("intent") for c, v in table["codes"].items())


# entries -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_entries_are_valid(lang):
    morph = load.load_json(lang, "morphology.json")
    slots = set(morph["slots"])
    light = {v if isinstance(v, str) else v["lemma"] for v in morph["light_verbs"]["verbs"]}
    entries = _entries(lang)
    assert entries
    for e in entries:
        where = f"{lang}: {e}"
        assert e["type"] in FACT_TYPES, where
        assert re.fullmatch(r"\d{3,4}", e["cameo"]), where
        assert e["pos"] in POS, where
        assert e["source"], where
        assert e["lemma"] == e["lemma"].strip() and e["lemma"], where
        assert set(e["frame"]) <= ROLES, where
        assert all(set(s) <= slots for s in e["frame"].values()), where
        if e["type"] in DIRECTED:
            assert {"source", "target"} <= set(e["frame"]), where
        else:
            assert "parties" in e["frame"], where
        if e["type"] == "statement":
            assert e["polarity"] in {"positive", "negative"}, where
        assert set(e.get("light_verbs", [])) <= light, where
        assert set(e.get("light_verb_frames", {})) <= set(e.get("light_verbs", [])), where


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_sizes_cover_the_main_types(lang):
    counts = lexicon.sizes()[lang]
    for t in ("visit", "meeting", "agreement_signed", "statement", "sanction", "aid", "conflict"):
        assert counts.get(t, 0) >= 2, (lang, t)


# surface forms -------------------------------------------------------------

# fmt: off
FOUND = [
    # lang, sentence, hit text, type, features that must hold
    ("en", "India bought six patrol boats from Norway in 1999.", "bought", "trade_goods", {"tense": "past"}),
    ("en", "The president telephoned his Kenyan counterpart on Sunday.", "telephoned", "meeting", {"tense": "past"}),
    ("en", "Artillery units shelled the border outposts overnight.", "shelled", "conflict", {"tense": "past"}),
    ("en", "The new envoy paid a courtesy call on the foreign minister.", "paid a courtesy call", "visit",
     {"light_verb": "pay", "tense": "past"}),
    ("en", "The two prime ministers held bilateral meetings in Colombo.", "held bilateral meetings", "meeting",
     {"light_verb": "hold", "plural": True}),
    ("en", "Officials prepared for the signing of the accord in Hanoi.", "signing", "agreement_signed",
     {"nominalised": True}),
    ("en", "Officials prepared for the signing of the accord in Hanoi.", "accord", "agreement_signed", {}),
    ("en", "The trade protocol was signed by the two ministers.", "was signed", "agreement_signed",
     {"passive": True, "by_agent": True}),
    ("en", "Sanctions were imposed after the missile test.", "Sanctions", "sanction", {"plural": True}),
    ("en", "Sanctions were imposed after the missile test.", "were imposed", "sanction", {"passive": True}),
    ("en", "The two sides did not sign the fisheries treaty.", "did not sign", "agreement_signed",
     {"negative": True, "tense": "past"}),
    ("en", "The minister will visit Lagos next week.", "will visit", "visit", {"tense": "future"}),
    ("en", "Both governments agreed to begin negotiations on a free trade pact.", "negotiations",
     "agreement_negotiated", {"nominalised": True, "plural": True}),
    ("en", "Japan extended a loan of 200 million yen to Laos.", "extended a loan", "aid", {"light_verb": "extend"}),
    ("bn", "দুই মন্ত্রী বাণিজ্য নিয়ে আলোচনা করে।", "আলোচনা করে", "meeting", {"light_verb": "কর", "tense": "present"}),
    ("bn", "দুই দেশ পারস্পরিক সম্পর্ক দৃঢ় করছে।", "দৃঢ় করছে", "relations_improved", {"tense": "progressive"}),
    ("bn", "মিশর ফ্রান্স থেকে যুদ্ধবিমান কিনেছিল।", "কিনেছিল", "trade_goods", {"tense": "past_perfect"}),
    ("bn", "চাল রপ্তানির ওপর নতুন বিধিনিষেধ আরোপ করা হয়েছে।", "বিধিনিষেধ আরোপ করা হয়েছে", "sanction",
     {"passive": True, "light_verb": "আরোপ কর"}),
    ("bn", "দুই দেশের পানিচুক্তি নিয়ে আলোচনা চলছে।", "পানিচুক্তি", "agreement_signed", {"compound": True}),
    ("bn", "জাপান সেতু নির্মাণে ঋণ দিয়েছে।", "ঋণ দিয়েছে", "aid", {"light_verb": "দে", "tense": "perfect"}),
    ("bn", "জাপানের দেওয়া ঋণ সময়মতো পৌঁছেছে।", "ঋণ", "aid", {"nominalised": True}),
    ("bn", "দুই দেশ শেষ পর্যন্ত চুক্তিতে সই করেননি।", "সই করেননি", "agreement_signed",
     {"negative": True, "honorific": True}),
    ("bn", "প্রধানমন্ত্রী আগামী মাসে জাপান সফর করবেন।", "সফর করবেন", "visit", {"tense": "future", "honorific": True}),
    ("bn", "পররাষ্ট্রমন্ত্রী রাষ্ট্রদূতকে তলব করেন।", "তলব করেন", "statement", {"honorific": True}),
    ("bn", "সরকার হামলার তীব্র নিন্দা জানিয়েছে।", "নিন্দা জানিয়েছে", "statement", {"light_verb": "জানা"}),
]
# fmt: on


@pytest.mark.parametrize("lang,sentence,text,ftype,features", FOUND)
def test_lexicon_finds_surface_forms(lang, sentence, text, ftype, features):
    found = [h for h in hits(sentence, lang) if h.type == ftype and h.text == text]
    assert found, [(h.text, h.type) for h in hits(sentence, lang)]
    for h in found:
        assert sentence[h.start:h.end] == h.text
        assert sentence.index(text) == h.start
    # the generated and the curated lexicon may both name the event; one hit must have every feature
    assert any(all(getattr(h.features, k) == v for k, v in features.items()) for h in found), [
        h.features for h in found
    ]


@pytest.mark.parametrize("lang,sentence", sorted({(lang, s) for lang, s, *_ in FOUND}))
def test_lexicon_offsets_are_exact(lang, sentence):
    found = hits(sentence, lang)
    assert found
    for h in found:
        assert sentence[h.start:h.end] == h.text
        assert h.start <= h.head[0] < h.head[1] <= h.end


def test_lexicon_negative_future_and_honorific_are_not_confused():
    (signed,) = [h for h in hits("দুই দেশ চুক্তি সই করেছে।", "bn") if h.lemma == "সই"]
    assert not signed.features.negative and signed.features.tense == "perfect"
    (not_signed,) = [h for h in hits("দুই দেশ চুক্তি সই করেনি।", "bn") if h.lemma == "সই"]
    assert not_signed.features.negative and not not_signed.features.honorific
    (later,) = [h for h in hits("দুই দেশ চুক্তি সই করবে না।", "bn") if h.lemma == "সই"]
    assert later.features.negative and later.features.tense == "future"


def test_lexicon_offsets_survive_decomposed_letters():
    # ya + nukta written as two code points: the hit's offsets still point into the text as given
    sentence = "জাপান ঋণ দি\u09af\u09bcেছে।"
    (h,) = [h for h in hits(sentence, "bn") if h.lemma == "ঋণ"]
    assert sentence[h.start:h.end] == h.text == "ঋণ দি\u09af\u09bcেছে"
    assert h.features.tense == "perfect"


# fmt: off
NOT_INSIDE = [
    ("en", "The trademark dispute went to court.", "trade_volume"),
    ("en", "Visitors crowded the museum.", "visit"),
    ("en", "The aides drafted a reply.", "aid"),
    ("bn", "তাঁর বিশ্বাসই ছিল সবচেয়ে বড় শক্তি।", "agreement_signed"),
    ("bn", "সফরসঙ্গীরা হোটেলে ফিরেছেন।", "visit"),
    ("bn", "সে যুদ্ধংদেহী মনোভাব দেখায়।", "conflict"),
]
# fmt: on


@pytest.mark.parametrize("lang,sentence,ftype", NOT_INSIDE)
def test_lexicon_never_matches_inside_another_word(lang, sentence, ftype):
    assert not [h for h in hits(sentence, lang) if h.type == ftype]


def test_lexicon_compound_head_needs_a_prefix():
    assert [h for h in hits("তারা বাণিজ্যচুক্তি নবায়ন করেছে।", "bn") if h.features.compound]
    assert not [h for h in hits("তারা চুক্তি নবায়ন করেছে।", "bn") if h.features.compound]


# sense guards ---------------------------------------------------------------

GUARDS = [(lang, g) for lang in LANGS for g in load.load_json(lang, "confusables.json")["guards"]]


@pytest.mark.parametrize("lang,guard", GUARDS, ids=[g["sense"][:40] for _, g in GUARDS])
def test_lexicon_confusable_blocks_its_sense(lang, guard):
    blocked = set(guard["blocks"])
    assert not [h for h in hits(guard["sentence"], lang) if h.type in blocked]
    unguarded = [h for h in hits(guard["sentence"], lang, guards=False) if h.type in blocked]
    if guard["hit"] is None:
        assert not unguarded, "morphology alone refuses this word; the guard documents the sense"
    else:
        assert any(h.text.endswith(guard["hit"]) or guard["hit"] in h.text for h in unguarded), (
            "the guard must block a hit the lexicon would otherwise make"
        )


def test_lexicon_guard_leaves_the_event_sense():
    assert [h for h in hits("The foreign minister began a two-day visit to Nepal.", "en") if h.type == "visit"]
    assert [h for h in hits("প্রধানমন্ত্রী দুই দিনের ভারত সফর শুরু করেছেন।", "bn") if h.type == "visit"]


def test_lexicon_word_that_needs_its_light_verb():
    assert [h for h in hits("দুই মন্ত্রী বৃহস্পতিবার দেখা করেন।", "bn") if h.type == "meeting"]
    assert not [h for h in hits("আকাশে মেঘ দেখা যায়।", "bn") if h.type == "meeting"]
    for e in _entries("bn") + _entries("en"):
        assert not e.get("needs_light_verb") or e.get("light_verbs"), e


def test_lexicon_light_verb_frame_reverses_the_roles():
    (given,) = [h for h in hits("জাপান বাংলাদেশকে ঋণ দিয়েছে।", "bn") if h.lemma == "ঋণ"]
    (taken,) = [h for h in hits("বাংলাদেশ জাপান থেকে ঋণ নিয়েছে।", "bn") if h.lemma == "ঋণ"]
    assert given.frame["source"][0] == "nominative" and taken.frame["source"][0] == "ablative"


def test_lexicon_relations_words_need_relations_nearby():
    assert [h for h in hits("The visit deepened ties between the two navies.", "en") if h.type == "relations_improved"]
    assert not [h for h in hits("The river deepened after the rains.", "en") if h.type == "relations_improved"]


# fmt: off
READINGS = [
    # sentence, hit text, part of speech, tense
    ("His visit to Nepal ended on Friday.", "visit", "noun", None),
    ("The minister will visit Nepal in May.", "will visit", "verb", "future"),
    ("India plans to visit Nepal in May.", "to visit", "verb", "infinitive"),
    ("The ministers had already visited Nepal.", "had already visited", "verb", "perfect"),
]
# fmt: on


@pytest.mark.parametrize("sentence,text,pos,tense", READINGS)
def test_lexicon_one_reading_of_a_noun_verb_word(sentence, text, pos, tense):
    found = [h for h in hits(sentence, "en") if h.type == "visit"]
    assert [(h.text, h.pos, h.features.tense) for h in found] == [(text, pos, tense)]


@pytest.mark.parametrize("lang,sentence", [
    ("en", "The new envoy paid a courtesy call on the foreign minister in the capital on Monday."),
    ("bn", "প্রধানমন্ত্রী আগামী মাসে জাপান সফর করবেন এবং সেখানে দুই দেশের মধ্যে একটি চুক্তি সই হবে।"),
])
def test_lexicon_doubled_text_gives_doubled_hits(lang, sentence):
    # no timing: the matcher works word by word in bounded windows, so a text twice as long gives
    # the same hits twice, the second copy's shifted by the first copy's length
    once = [(h.start, h.end, h.type, h.lemma) for h in hits(sentence, lang)]
    shift = len(sentence) + 1
    twice = [(h.start, h.end, h.type, h.lemma) for h in hits(sentence + " " + sentence, lang)]
    assert once
    assert twice == once + [(s + shift, e + shift, t, lemma) for s, e, t, lemma in once]
