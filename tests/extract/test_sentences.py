"""Sentences end where the language ends them, and know their section."""
import pytest

from sampark.stages import clean
from sampark.stages import sentences
from sampark.model import Document


def split(raw, lang):
    doc = sentences.run(clean.run(Document(id="t", raw=raw, lang=lang)))
    return [doc.text[s.start:s.end] for s in doc.sentences], doc.sentences


# fmt: off
@pytest.mark.parametrize("raw, lang, expected", [
    ("ভারত একটি দেশ। চীন আরেকটি দেশ। কেন?", "bn", ["ভারত একটি দেশ।", "চীন আরেকটি দেশ।", "কেন?"]),
    ("Mr. Modi met Dr. Rahman in the U.S. Capitol. They spoke.", "en",
     ["Mr. Modi met Dr. Rahman in the U.S. Capitol.", "They spoke."]),
    ("A. K. Abdul Momen visited Delhi. Trade grew 2.5 percent.", "en",
     ["A. K. Abdul Momen visited Delhi.", "Trade grew 2.5 percent."]),
    ("first line\nsecond line", "en", ["first line", "second line"]),
])
# fmt: on
def test_sentences_split(raw, lang, expected):
    assert split(raw, lang)[0] == expected


def test_sentences_boilerplate_sections_are_marked():
    texts, sents = split("দেশ দুটি বন্ধু। == তথ্যসূত্র == ভারত ও চীন। == আরো দেখুন == কিছু", "bn")
    flags = {t: s.boilerplate for t, s in zip(texts, sents)}
    assert flags["দেশ দুটি বন্ধু।"] is False
    assert flags["ভারত ও চীন।"] is True


def test_sentences_heading_names_the_section():
    _, sents = split("Intro.\n== Trade ==\nIndia exports tea.", "en")
    assert sents[-1].section == "Trade"


def test_sentences_overlong_run_is_cut_at_clauses():
    raw = "India and Japan signed an agreement, " * 200
    _, sents = split(raw, "en")
    assert len(sents) > 1
    assert all(s.end - s.start <= sentences.MAX_SENTENCE for s in sents)
    assert "".join(raw[s.start:s.end] for s in sents).replace(" ", "") == raw.replace(" ", "")
