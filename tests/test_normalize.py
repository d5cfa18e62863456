"""Tests for sampark.text.normalize."""
import unicodedata

import pytest

from sampark.text.normalize import is_normalized, normalize, normalize_bn, normalize_with_offsets

# fmt: off
CASES = [
    # (input, expected) -- escapes, because editors disagree on how to write য়:
    # as one code point it stays, as য + nukta it is composed
    ("\u09ae\u09be\u09b2\u09af\u09bc\u09c7\u09b6\u09bf\u09af\u09bc\u09be", "\u09ae\u09be\u09b2\u09df\u09c7\u09b6\u09bf\u09df\u09be"),
    ("\u09ae\u09be\u09b2\u09df\u09c7\u09b6\u09bf\u09df\u09be", "\u09ae\u09be\u09b2\u09df\u09c7\u09b6\u09bf\u09df\u09be"),
    ("\u09aa\u09be\u09a1\u09bc\u09be", "\u09aa\u09be\u09dc\u09be"),
    ("\u0986\u09b7\u09be\u09a2\u09bc", "\u0986\u09b7\u09be\u09dd"),
    # ZWJ / ZWNJ inside a word are dropped
    ("\u09b0\u09be\u09b6\u09bf\u200d\u09df\u09be", "\u09b0\u09be\u09b6\u09bf\u09df\u09be"),
    ("র\u200c্যাব", "র্যাব"),
    # decomposed ো (ে + া) composes under NFC
    ("ম\u09b8\u09cd\u0995\u09c7\u09be", "মস্কো"),
    ("Malaysia", "Malaysia"),
    ("", ""),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CASES)
def test_normalize_cases(text, expected):
    assert normalize(text) == expected
    assert normalize_bn(text) == expected


@pytest.mark.parametrize("text,expected", CASES)
def test_normalize_idempotent_and_flagged(text, expected):
    assert normalize(expected) == expected
    assert is_normalized(expected)
    assert is_normalized(text) == (text == expected)


def test_normalize_yya_is_one_code_point():
    out = normalize("\u09af\u09bc")
    assert out == "\u09df"
    # NFC alone would decompose it again: the order of steps matters
    assert unicodedata.normalize("NFC", "\u09df") == "\u09af\u09bc"


@pytest.mark.parametrize("text,expected", CASES)
def test_normalize_with_offsets_maps_back(text, expected):
    out, starts = normalize_with_offsets(text)
    assert out == expected
    assert len(starts) == len(out) + 1
    assert starts[-1] == len(text)
    assert starts == sorted(starts)
