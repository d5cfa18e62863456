"""Cleaning keeps an exact map back to the original text."""
import pytest

from sampark.stages import clean
from sampark.stages.clean import wikitext
from sampark.model import Document
from sampark.text.textbuilder import TextBuilder
from sampark.text.normalize import normalize

# fmt: off
PLAIN = [
    "সম্পর্ক''' (; মালে ''হু'' হল এক দেশ। == ইতিহাস == প্রথম বাক্য।",
    "রাশিয়া\u09af\u09bcার দূতাবাস",          # য written as য + nukta
    "ভার\u200cত ও চীন",                        # a zero-width non-joiner inside a word
    "plain English text, nothing to clean.",
    "",
]
WIKI = [
    "'''রাশিয়া''' ([[রাশিয়া]]র) [[File:x.jpg|thumb|a [[b|c]] caption]] বড় [[big country|দেশ]]।<ref>{{cite|x}}</ref>",
    "{{Infobox country|name=X}}\n== History ==\n* item [http://example.org label] end",
    "text [[unclosed link and {{unclosed template\n\nnext paragraph",
    "{| class=wikitable\n|-\n! A !! B\n|-\n| style=\"x\" | India || 1947\n|}\nafter",
]
# fmt: on


@pytest.mark.parametrize("raw", PLAIN)
def test_clean_plain_every_view_span_maps_to_a_slice(raw):
    view, offsets, _ = clean.clean_plain(raw)
    for start in range(len(view) + 1):
        for end in range(start, min(len(view), start + 12) + 1):
            rs, re_ = offsets.span_to_raw(start, end)
            assert 0 <= rs <= re_ <= len(raw)


@pytest.mark.parametrize("raw", WIKI)
def test_wikitext_view_words_map_back_to_the_same_words(raw):
    view, offsets, _, _ = wikitext.to_view(raw, normalize)
    import regex
    for m in regex.finditer(r"[\p{L}\p{M}]+", view):
        rs, re_ = offsets.span_to_raw(m.start(), m.end())
        # Markup may sit inside a word's span ([[X]]Y), never change its letters.
        assert regex.sub(r"[^\p{L}\p{M}]", "", raw[rs:re_]).startswith(m.group()[:1])


def test_wikitext_drops_captions_references_and_templates():
    view, _, _, _ = wikitext.to_view(WIKI[0], normalize)
    assert "caption" not in view and "cite" not in view
    assert normalize("রাশিয়ার") in view


def test_wikitext_unclosed_brackets_lose_nothing_after_them():
    view, _, _, _ = wikitext.to_view(WIKI[2], normalize)
    assert "next paragraph" in view


def test_wikitext_definition_term_is_a_heading():
    view, _, headings, _ = wikitext.to_view("intro\n;Colombia\nBoth countries met.", normalize)
    assert [h[3] for h in headings] == ["Colombia"]


def test_normalisation_composes_nukta_and_keeps_offsets():
    raw = "রাশিয়\u09af\u09bc"
    b = TextBuilder(raw, normalize)
    b.keep(0, len(raw))
    view, offsets = b.build()
    assert view == normalize(raw)
    assert offsets.span_to_raw(0, len(view)) == (0, len(raw))


def test_dropped_markup_is_not_swallowed_by_a_span_ending_before_it():
    view, offsets, _, _ = wikitext.to_view("a [[b]] c", normalize)
    i = view.index("b")
    assert offsets.span_to_raw(i, i + 1) == (4, 5)


def test_document_evidence_is_a_slice_of_raw():
    raw = "{{x}}'''ভারত''' ও [[চীন]]।"
    doc = Document(id="d", raw=raw, format="wikitext")
    doc = clean.run(doc)
    i = doc.text.index("চীন")
    ev = doc.evidence(i, i + 3)
    assert raw[ev["start"]:ev["end"]] == ev["text"] == "চীন"
