"""Tests for the states stage on Bengali text (sampark.stages.states).

The sentences are written for these tests; none is taken from a corpus.
Editors write য় either as one code point or as য + nukta, so every sentence
and expected surface goes through ``normalize`` (as the clean stage does),
and separate tests feed the un-normalised forms.
"""
import lzma
import re
from collections import Counter
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

import pytest

from sampark.model import Document
from sampark.text.normalize import normalize
from sampark.geo import resolve_state, state_name
from sampark.stages.states import find_states, run


def found(text):
    """(surface, key, form, case) of every mention in a normalised text."""
    text = normalize(text)
    return [(m.attrs["surface"], m.key, m.attrs["form"], m.attrs["case"]) for m in find_states(text, "bn")]


def expect(rows):
    return [(normalize(s), k, f, c) for s, k, f, c in rows]


# fmt: off
SENTENCES = [
    # inflected names: genitive after a vowel (র) and after a consonant (ের)
    ("মালয়েশিয়ার রাজধানী কুয়ালালামপুর।",
     [("মালয়েশিয়ার", "MYS", "name", "gen"), ("কুয়ালালামপুর", "MYS", "capital", "nom")]),
    ("ভারতের সঙ্গে চীনের সীমান্ত নিয়ে আলোচনা চলছে।",
     [("ভারতের", "IND", "name", "gen"), ("চীনের", "CHN", "name", "gen")]),
    ("পাকিস্তানের ও বাংলাদেশের প্রতিনিধিরা বৈঠকে বসেন।",
     [("পাকিস্তানের", "PAK", "name", "gen"), ("বাংলাদেশের", "BGD", "name", "gen")]),
    # locative: য় after a vowel, ে after a consonant, তে after o
    ("তিনি মালয়েশিয়ায় পড়াশোনা করেন এবং পরে জাপানে যান।",
     [("মালয়েশিয়ায়", "MYS", "name", "loc"), ("জাপানে", "JPN", "name", "loc")]),
    ("প্রতিনিধিদল মস্কোতে পৌঁছায়, পরে ঢাকায় ফেরে।",
     [("মস্কোতে", "RUS", "capital", "loc"), ("ঢাকায়", "BGD", "capital", "loc")]),
    ("রাশিয়ায় নির্বাচন হয়।", [("রাশিয়ায়", "RUS", "name", "loc")]),
    # accusative and ablative (থেকে is a separate word and outside the span)
    ("তারা যুক্তরাষ্ট্রকে সমর্থন জানায়।", [("যুক্তরাষ্ট্রকে", "USA", "name", "acc")]),
    ("রাশিয়া থেকে গম আমদানি করা হয়।", [("রাশিয়া", "RUS", "name", "abl")]),
    ("চীন হতে যন্ত্রপাতি আসে।", [("চীন", "CHN", "name", "abl")]),
    # clitics ও / ই keep the nominative
    ("ভারতও এই প্রস্তাবে সই করে।", [("ভারতও", "IND", "name", "nom")]),
    # the প্রাচীন / চীন trap: no match inside a word
    ("প্রাচীন কালের একটি মুদ্রা পাওয়া গেছে।", []),
    ("এটি একটি প্রাচীন নগরী, চীনের নয়।", [("চীনের", "CHN", "name", "gen")]),
    # longest match wins
    ("সোভিয়েত ইউনিয়নের পতনের পর রাশিয়া স্বাধীন হয়।",
     [("সোভিয়েত ইউনিয়নের", "SUN", "name", "gen"), ("রাশিয়া", "RUS", "name", "nom")]),
    ("পূর্ব জার্মানি ও পশ্চিম জার্মানি একত্র হয়।",
     [("পূর্ব জার্মানি", "DDR", "name", "nom"), ("পশ্চিম জার্মানি", "DEU", "name", "nom")]),
    ("দক্ষিণ কোরিয়ায় শীর্ষ সম্মেলন হয়, উত্তর কোরিয়া যোগ দেয়নি।",
     [("দক্ষিণ কোরিয়ায়", "KOR", "name", "loc"), ("উত্তর কোরিয়া", "PRK", "name", "nom")]),
    ("মার্কিন যুক্তরাষ্ট্রের প্রেসিডেন্ট সফরে আসেন।", [("মার্কিন যুক্তরাষ্ট্রের", "USA", "name", "gen")]),
    ("সংযুক্ত আরব আমিরাতের সঙ্গে সৌদি আরবের চুক্তি।",
     [("সংযুক্ত আরব আমিরাতের", "ARE", "name", "gen"), ("সৌদি আরবের", "SAU", "name", "gen")]),
    # adjectives and demonyms
    ("সোভিয়েত শিক্ষার্থীরা মালয়েশিয়ান বিশ্ববিদ্যালয়ে আসে।",
     [("সোভিয়েত", "SUN", "adj", "nom"), ("মালয়েশিয়ান", "MYS", "adj", "nom")]),
    ("রুশ ও মার্কিন কর্মকর্তারা বৈঠক করেন।",
     [("রুশ", "RUS", "adj", "nom"), ("মার্কিন", "USA", "adj", "nom")]),
    ("বাংলাদেশিরা বিদেশে কাজ করেন, ভারতীয়দের সংখ্যাও কম নয়।",
     [("বাংলাদেশিরা", "BGD", "demonym", "nom"), ("ভারতীয়দের", "IND", "demonym", "gen")]),
    ("চীনা পণ্য ও পাকিস্তানি চাল", [("চীনা", "CHN", "adj", "nom"), ("পাকিস্তানি", "PAK", "adj", "nom")]),
    # spelling variants CLDR lacks
    ("ইসরাইল ও ইসরায়েল একই দেশ, ফিলিস্তিন আলাদা।",
     [("ইসরাইল", "ISR", "name", "nom"), ("ইসরায়েল", "ISR", "name", "nom"), ("ফিলিস্তিন", "PSE", "name", "nom")]),
    ("গণচীন ও ব্রিটেন আলোচনায় বসে।", [("গণচীন", "CHN", "name", "nom"), ("ব্রিটেন", "GBR", "name", "nom")]),
    ("আমেরিকার সঙ্গে যুক্তরাজ্যের সম্পর্ক ভালো।",
     [("আমেরিকার", "USA", "name", "gen"), ("যুক্তরাজ্যের", "GBR", "name", "gen")]),
    # historical states
    ("যুগোস্লাভিয়া ও চেকোস্লোভাকিয়া ভেঙে যায়।",
     [("যুগোস্লাভিয়া", "YUG", "name", "nom"), ("চেকোস্লোভাকিয়া", "CSK", "name", "nom")]),
    ("পূর্ব পাকিস্তানের মানুষ ভোট দেয়।", [("পূর্ব পাকিস্তানের", "PAK", "name", "gen")]),
    # capitals as metonyms and other cities
    ("ঢাকা ও ইসলামাবাদের মধ্যে আলোচনা হয়।",
     [("ঢাকা", "BGD", "capital", "nom"), ("ইসলামাবাদের", "PAK", "capital", "gen")]),
    ("নয়াদিল্লিতে ও বেইজিংয়ে দূতাবাস আছে।",
     [("নয়াদিল্লিতে", "IND", "capital", "loc"), ("বেইজিংয়ে", "CHN", "capital", "loc")]),
    ("ব্রুনাইয়ের সুলতান", [("ব্রুনাইয়ের", "BRN", "name", "gen")]),
    # "the two countries"
    ("দুই দেশের মধ্যে বাণিজ্য চুক্তি হয়।", [("দুই দেশের", "PAIR", "pair", "gen")]),
    ("উভয় দেশ সম্মত হয়, দেশ দুটির সম্পর্ক ভালো।",
     [("উভয় দেশ", "PAIR", "pair", "nom"), ("দেশ দুটির", "PAIR", "pair", "gen")]),
    # blocked phrases: an ocean is not a state
    ("ভারত মহাসাগরে ঝড় উঠেছে।", []),
    ("দক্ষিণ আমেরিকা একটি মহাদেশ।", []),
    # ambiguous words need a cue: মালি is also a gardener
    ("বাগানের মালি গাছে পানি দেন।", []),
    ("মালি আফ্রিকার একটি দেশ।", [("মালি", "MLI", "name", "nom")]),
    ("মালি ও সেনেগাল সীমান্ত খুলে দেয়।",
     [("মালি", "MLI", "name", "nom"), ("সেনেগাল", "SEN", "name", "nom")]),
    # পাক (Pakistani) only with a cue; it is also "holy" or "a turn"
    ("পাক-ভারত যুদ্ধ শুরু হয়।", [("পাক", "PAK", "adj", "nom"), ("ভারত", "IND", "name", "nom")]),
    ("পাক হানাদার বাহিনী আত্মসমর্পণ করে।", [("পাক", "PAK", "adj", "nom")]),
    ("নদীতে পাক খেয়ে নৌকা ডুবে যায়।", []),
    # hyphenated pairs
    ("রুশ-মার্কিন আলোচনা", [("রুশ", "RUS", "adj", "nom"), ("মার্কিন", "USA", "adj", "nom")]),
    # an English name inside Bengali text, with a Bengali ending
    ("USA-এর সঙ্গে India চুক্তি করে।", [("USA-এর", "USA", "name", "gen"), ("India", "IND", "name", "nom")]),
]
# fmt: on


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_states_bn_sentences(text, expected):
    assert found(text) == expect(expected)


# fmt: off
CITIES = [
    ("করাচি পাকিস্তানের বৃহত্তম শহর।", [("করাচি", "PAK", "Karachi"), ("পাকিস্তানের", "PAK", None)]),
    ("চট্টগ্রাম বন্দরে জাহাজ ভেড়ে।", [("চট্টগ্রাম", "BGD", "Chittagong")]),
    ("কলকাতায় মেলা বসে।", [("কলকাতায়", "IND", "Kolkata")]),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CITIES)
def test_states_bn_cities(text, expected):
    text = normalize(text)
    got = [(m.attrs["surface"], m.key, m.attrs.get("city")) for m in find_states(text, "bn")]
    assert got == [(normalize(s), k, c) for s, k, c in expected]
    kinds = {m.attrs["surface"]: m.kind for m in find_states(text, "bn")}
    for surface, _, city in expected:
        assert kinds[normalize(surface)] == ("city" if city else "state")


def test_states_bn_span_covers_suffix():
    text = normalize("১৯৬৮ সাল থেকে কুয়ালালামপুরে রাশিয়ার দূতাবাস রয়েছে।")
    for m in find_states(text, "bn"):
        assert text[m.start:m.end] == m.attrs["surface"]
        assert m.end == len(text) or not text[m.end].isalpha()


# য় typed as one code point (U+09DF) and as য + nukta (U+09AF U+09BC)
YYA_ONE = "\u09ae\u09be\u09b2\u09df\u09c7\u09b6\u09bf\u09df\u09be\u09b0 \u09b8\u09be\u09a5\u09c7"
YYA_TWO = "\u09ae\u09be\u09b2\u09af\u09bc\u09c7\u09b6\u09bf\u09af\u09bc\u09be\u09b0 \u09b8\u09be\u09a5\u09c7"


@pytest.mark.parametrize("text", [YYA_ONE, YYA_TWO, normalize(YYA_TWO)])
def test_states_bn_yya_either_way(text):
    ms = find_states(text, "bn")
    assert [(m.key, m.attrs["case"]) for m in ms] == [("MYS", "gen")]
    # offsets point into the text given, whatever its normal form
    assert ms[0].start == 0 and text[ms[0].end] == " "
    assert text[ms[0].start:ms[0].end] == ms[0].attrs["surface"]


def test_states_bn_zwj_inside_name():
    # রাশি‍য়ার with a zero-width joiner inside
    text = "\u09b0\u09be\u09b6\u09bf\u200d\u09df\u09be\u09b0 \u09a6\u09c2\u09a4\u09be\u09ac\u09be\u09b8"
    ms = find_states(text, "bn")
    assert [(m.key, m.attrs["case"]) for m in ms] == [("RUS", "gen")]
    assert (ms[0].start, ms[0].end) == (0, 8)  # the whole word, joiner included
    # after normalisation (what the clean stage hands over) the joiner is gone
    norm = normalize(text)
    assert [(m.start, m.end) for m in find_states(norm, "bn")] == [(0, 7)]


def test_states_bn_run_appends_mentions():
    doc = Document(id="t", raw="", lang="bn", text=normalize("ভারত ও নেপাল"))
    doc.mentions.append(object())  # mentions from other stages stay
    run(doc)
    assert [m.key for m in doc.mentions[1:]] == ["IND", "NPL"]


# fmt: off
RESOLVE = [
    ("মালয়েশিয়া", "MYS"), ("মালয়েশিয়ার", "MYS"), ("রাশিয়ায়", "RUS"), ("ভারতের", "IND"),
    ("সোভিয়েত ইউনিয়ন", "SUN"), ("সোভিয়েত রাশিয়া", "SUN"), ("যুক্তরাষ্ট্রের", "USA"),
    ("মস্কোতে", "RUS"), ("পূর্ব জার্মানি", "DDR"), ("ব্রিটিশ ভারত", "IND"), ("গণচীন", "CHN"),
    ("প্রাচীন", None), ("মালয়", None),
]
# fmt: on


@pytest.mark.parametrize("name,code", RESOLVE)
def test_states_bn_resolve(name, code):
    assert resolve_state(name) == code
    assert resolve_state(normalize(name)) == code


@pytest.mark.parametrize("code,name", [("MYS", "মালয়েশিয়া"), ("SUN", "সোভিয়েত ইউনিয়ন"), ("RUS", "রাশিয়া"),
                                       ("BGD", "বাংলাদেশ")])
def test_states_bn_state_name(code, name):
    assert state_name(code, "bn") == normalize(name)


UN_MEMBERS = (
    "AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR BLZ BOL BRA BRB BRN "
    "BTN BWA CAF CAN CHE CHL CHN CIV CMR COD COG COL COM CPV CRI CUB CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY "
    "ERI ESP EST ETH FIN FJI FRA FSM GAB GBR GEO GHA GIN GMB GNB GNQ GRC GRD GTM GUY HND HRV HTI HUN IDN IND "
    "IRL IRN IRQ ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU "
    "LUX LVA MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MOZ MRT MUS MWI MYS NAM NER NGA NIC NLD NOR "
    "NPL NRU NZL OMN PAK PAN PER PHL PLW PNG POL PRK PRT PRY QAT ROU RUS RWA SAU SDN SEN SGP SLB SLE SLV SMR "
    "SOM SRB SSD STP SUR SVK SVN SWE SWZ SYC SYR TCD TGO THA TJK TKM TLS TON TTO TUN TUR TUV TZA UGA UKR URY "
    "USA UZB VCT VEN VNM VUT WSM YEM ZAF ZMB ZWE"
).split()
OTHERS = ["PSE", "VAT", "TWN", "XKX", "SUN", "YUG", "CSK", "DDR", "SCG", "YMD", "ZAR"]


def test_states_bn_every_state_has_a_bengali_name():
    assert len(UN_MEMBERS) == 193
    missing = [c for c in UN_MEMBERS + OTHERS
               if not any("\u0980" <= ch <= "\u09ff" for ch in state_name(c, "bn"))]
    assert missing == []


# -- coverage over the real Bengali Wikipedia sample ----------------------

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "bnwiki-truncated-100k.xml.xz"
NS = "{http://www.mediawiki.org/xml/export-0.10/}"
ARTICLES = 150

# A word in the genitive right before a word that only states have (its
# capital, government, embassy, president, border, independence) looks like
# a country name. Generic nouns that also stand there are left out.
_STATE_CUES = "সরকার|রাজধানী|প্রধানমন্ত্রী|রাষ্ট্রপতি|দূতাবাস|সীমান্ত|প্রেসিডেন্ট|স্বাধীনতা|পররাষ্ট্র"
_LOOKS_LIKE_STATE = re.compile(normalize(
    "(?<![\u0980-\u09ff])([\u0980-\u09ff]{3,}?)(?:র|ের|এর|য়ের) (?:" + _STATE_CUES + ")"))
_GENERIC = {normalize(w) for w in (
    "দেশ দেশে দেশটি দেশটির রাজ্য রাজ্যে প্রজাতন্ত্র প্রজাতন্ত্রে রাষ্ট্র রাষ্ট্রে রাষ্ট্রসমূহ রাষ্ট্রসমূহে "
    "অঞ্চল অঞ্চলে প্রদেশ প্রদেশে সরকার সরকারে সাম্রাজ্য সাম্রাজ্যে তাদে আমাদে একমাত্ সালে মুজিবনগ বাংলা"
).split()}


_WORD = re.compile("[\u0980-\u09ff]+")


def _covered(text):
    """Offsets of the text that some mention covers."""
    out = set()
    for m in find_states(text, "bn"):
        out.update(range(m.start, m.end))
    return out


def _articles(n):
    out = []
    try:
        with lzma.open(CORPUS) as f:
            for _, el in iterparse(f):
                if el.tag == NS + "page":
                    text = el.findtext(f"{NS}revision/{NS}text") or ""
                    if el.findtext(NS + "ns") == "0" and not text.startswith("#"):
                        out.append(text)
                        if len(out) >= n:
                            break
                    el.clear()
    except (ParseError, EOFError):
        pass  # the sample is cut off mid-page
    return out


@pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpora beside the checkout")
def test_states_bn_coverage_on_wikipedia_sample():
    texts = [normalize(t) for t in _articles(ARTICLES)]
    assert len(texts) >= 100
    # 1. words that are a CLDR country name, bare or with a common ending,
    # are found (a miss is a word no mention covers)
    names = {normalize(state_name(c, "bn")): c for c in UN_MEMBERS if " " not in state_name(c, "bn")}
    endings = [normalize(e) for e in ("", "র", "ের", "এর", "ে", "য়", "তে", "কে", "ও", "ই")]
    seen, missed = Counter(), Counter()
    for text in texts:
        covered = _covered(text)
        for word in _WORD.finditer(text):
            w = word.group()
            if any(w[: len(w) - len(e)] in names for e in endings if w.endswith(e) and len(w) > len(e)):
                seen[w] += 1
                if word.start() not in covered:
                    missed[w] += 1
    assert sum(seen.values()) > 1000
    recall = 1 - sum(missed.values()) / sum(seen.values())
    # the misses allowed for: names inside blocked phrases (ভারত মহাসাগর) and
    # ambiguous words without a cue
    assert recall >= 0.97, missed.most_common(20)  # measured 0.986
    # 2. words in the genitive before a state-only noun are mostly states
    looks, caught = Counter(), Counter()
    for text in texts:
        covered = _covered(text)
        for hit in _LOOKS_LIKE_STATE.finditer(text):
            if hit.group(1) in _GENERIC:
                continue
            looks[hit.group(1)] += 1
            caught[hit.group(1)] += hit.start(1) in covered
    total = sum(looks.values())
    assert total > 80
    share = sum(caught.values()) / total
    # measured 0.68; most misses are ordinary words (তাদের সরকার, মন্ত্রকের)
    assert share >= 0.62, [w for w, _ in looks.most_common() if not caught[w]][:40]


def _bn_records(name):
    import json

    import sampark

    path = Path(sampark.__file__).parent / "lang" / "bn" / name
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


# Capitals spelt like an ordinary Bengali word or like the state itself are
# left out on purpose: মালে (Malé) is also "Malay", ভিক্টোরিয়া (Victoria) a
# name, and Singapore's capital is Singapore.
CAPITALS_LEFT_OUT = {"MDV", "SYC", "SGP"}


def test_states_bn_every_state_has_a_capital():
    capitals = {r["id"] for name in ("cities.curated.jsonl", "cities.generated.jsonl")
                for r in _bn_records(name) if r["form"] == "capital"}
    assert sorted(set(UN_MEMBERS) - CAPITALS_LEFT_OUT - capitals) == []


def test_states_bn_adjectives_for_the_most_named_states():
    adjs = {r["id"] for r in _bn_records("states.curated.jsonl") if r["form"] == "adj"}
    assert len(adjs) >= 80
    assert {"MYS", "RUS", "SUN", "IND", "PAK", "BGD", "CHN", "USA", "GBR"} <= adjs
