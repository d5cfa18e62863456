"""Property tests on the extractor: for any string, in either format, every
fact's evidence is a valid span of the input and its text is that exact
slice, and no exception escapes ``sampark.extract``.

Random text alone rarely makes a fact, so the generated strings mix random
characters with fragments that the stages react to (country names, dates,
cue words, wiki markup) in both languages.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sampark

# fmt: off
FRAGMENTS = [
    # Bengali: states, inflections, dates, cues, sentence ends
    "ভারত", "বাংলাদেশের", "মালয়েশিয়া", "রাশিয়ার", "সোভিয়েত ইউনিয়ন", "পাকিস্তানে", "চীন", "প্রাচীন",
    "১৯৬৭ সালের ", "৩ এপ্রিল ", "১৯৭২ সালে", "১৯৮০-এর দশকে", "কূটনৈতিক সম্পর্ক স্থাপিত হয়", "চুক্তি স্বাক্ষরিত হয়",
    "দূতাবাস খোলে", "সফর করেন", "বাণিজ্যের পরিমাণ ১২০ কোটি মার্কিন ডলার", "দুই দেশের মধ্যে", "।", "॥",
    "প্রধানমন্ত্রী", "শেখ হাসিনা", "য়", "য়", "\u09cd", "\u200c", "\u200d",
    # English
    "India", "Bangladesh", "Malaysia", "Russia", "the Soviet Union", "Kuala Lumpur", "Moscow", "the two countries",
    "established diplomatic relations", "signed a trade agreement", "opened an embassy in", "visited",
    "on 3 April 1967", "in 1972", "in the 1980s", "since 1985", "US$ 1,903 million", "Prime Minister",
    ". ", "? ", "! ", "\n", "\n\n", " ",
    # markup
    "'''", "''", "[[", "]]", "[[India|", "{{", "}}", "{{cite web|title=", "== ", " ==", "=== See also ===",
    "<ref>", "</ref>", "<ref name=x/>", "<!--", "-->", "{|", "|}", "|-", "| ", "[http://x.org ", "]",
    "[[File:Map.png|thumb|", "[[Category:", "&nbsp;", "&amp;", "<br/>", "* ", "# ", ": ", "__TOC__",
    "# Heading", "(", ")", "( ; )",
]
# fmt: on

# Bengali block, Latin, digits of both scripts, markup characters, combining marks.
ALPHABET = st.sampled_from(
    [chr(c) for c in range(0x0980, 0x0A00)]
    + list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789০১২৩৪৫৬৭৮৯")
    + list("[]{}|=<>'\"!&;#*:-/.,?() \t\n\r")
    + ["\u0301", "\u0308", "\u20dd", "\u09bc", "\u200c", "\u200d", "\ufeff", "\u00a0", "\u2028", "\u0085"]
)
ANY_CHAR = st.characters(exclude_categories=("Cs",))  # any code point but surrogates

PIECE = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(ALPHABET, max_size=12),
    st.text(ANY_CHAR, max_size=6),
)
# Sentences built to make facts (a pair, a cue, a date), with noise between the parts.
STATES_BN = ["ভারত", "বাংলাদেশ", "মালয়েশিয়া", "রাশিয়া", "পাকিস্তান", "জাপান"]
STATES_EN = ["India", "Bangladesh", "Malaysia", "Russia", "Pakistan", "Japan", "the Soviet Union"]
FACT_BN = st.tuples(
    st.sampled_from(["১৯৬৭ সালের ৩ এপ্রিল ", "১৯৭২ সালে ", "১৯৮০-এর দশকে ", ""]),
    st.sampled_from(STATES_BN), st.sampled_from(["ও ", "এবং ", "-", " ও "]),
    st.sampled_from([s + "ের " for s in STATES_BN] + [s + "র " for s in STATES_BN]),
    st.sampled_from(["মধ্যে কূটনৈতিক সম্পর্ক স্থাপিত হয়", "মধ্যে একটি বাণিজ্য চুক্তি স্বাক্ষরিত হয়",
                     "মধ্যে বাণিজ্যের পরিমাণ ১২০ কোটি মার্কিন ডলার", "প্রধানমন্ত্রী সফর করেন"]),
    st.sampled_from(["।", "। ", "।\n", ""]),
)
FACT_EN = st.tuples(
    st.sampled_from(STATES_EN), st.sampled_from([" and ", " – ", " and "]), st.sampled_from(STATES_EN),
    st.sampled_from([" established diplomatic relations", " signed a trade agreement", " agreed to cooperate in space",
                     " traded goods worth US$ 1,903 million"]),
    st.sampled_from([" on 3 April 1967", " in 1972", " in the 1980s", " since 1985", ""]),
    st.sampled_from([".", ". ", ".\n", ""]),
)


def _noisy(parts: tuple[str, ...], noise: list[str]) -> str:
    out = []
    for i, part in enumerate(parts):
        out.append(part)
        out.append(noise[i % len(noise)] if noise else "")
    return "".join(out)


NOISE = st.lists(st.one_of(st.just(""), st.sampled_from(FRAGMENTS), st.text(ALPHABET, max_size=3)),
                 min_size=1, max_size=6)
FACTY = st.builds(_noisy, st.one_of(FACT_BN, FACT_EN), NOISE)
TEXTS = st.one_of(
    st.lists(st.one_of(PIECE, FACTY), max_size=40).map("".join),
    st.lists(FACTY, min_size=1, max_size=8).map("".join),
    st.text(ANY_CHAR, max_size=300),
    st.text(ALPHABET, max_size=300),
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_evidence_is_exact(text: str, facts: list[dict]) -> None:
    assert isinstance(facts, list)
    for fact in facts:
        assert fact["evidence"], fact
        for ev in fact["evidence"]:
            start, end = ev["start"], ev["end"]
            assert isinstance(start, int) and isinstance(end, int), ev
            assert 0 <= start <= end <= len(text), (ev, len(text))
            assert ev["text"] == text[start:end], ev


@pytest.mark.parametrize("fmt", ["text", "wikitext"])
@pytest.mark.parametrize("lang", [None, "bn", "en"])
@SETTINGS
@given(text=TEXTS)
def test_properties_evidence_is_a_slice_of_any_input(text: str, fmt: str, lang: str | None) -> None:
    facts = sampark.extract(text, lang=lang, doc_id="prop", fmt=fmt)
    assert_evidence_is_exact(text, facts)


@SETTINGS
@given(head=TEXTS, tail=TEXTS, fmt=st.sampled_from(["text", "wikitext"]))
def test_properties_known_sentence_keeps_exact_evidence_in_noise(head: str, tail: str, fmt: str) -> None:
    """A sentence that makes a fact keeps exact evidence whatever surrounds it."""
    sentence = "\n\nIndia and Bangladesh signed a trade agreement in 1980.\n\n"
    text = head + sentence + tail
    facts = sampark.extract(text, doc_id="prop", fmt=fmt)
    assert_evidence_is_exact(text, facts)
