"""Which language a text is in: Bengali or English, told by script.

One detector for the whole package, so that the language a reader labels a
document with and the one the extractor reads it in always agree.
"""
from __future__ import annotations

import regex

_BENGALI = regex.compile(r"[\u0980-\u09FF]")
_LATIN = regex.compile(r"[A-Za-z]")
_SAMPLE = 20000


def detect_language(text: str) -> str | None:
    """``bn`` or ``en`` by script, or None when the text is neither.

    Args:
        text: any text; only its first 20,000 characters are looked at.
    """
    sample = text[:_SAMPLE]
    bengali = len(_BENGALI.findall(sample))
    latin = len(_LATIN.findall(sample))
    if bengali == 0 and latin == 0:
        return None
    if bengali >= 0.2 * (bengali + latin):
        return "bn"
    letters = len(regex.findall(r"\p{L}", sample))
    return "en" if latin >= 0.5 * letters else None


def language_or_english(text: str) -> str:
    """:func:`detect_language`, reading a text in neither language as English."""
    return detect_language(text) or "en"


_WORDS = regex.compile(r"[\p{L}\p{M}]+")


def reads_as(lang: str, text: str, floor: float = 0.02) -> bool:
    """Whether ``text`` has the function words of ``lang`` a text in it always has.

    Script tells Bengali from English; this tells English from French or
    Malay written in the same letters.
    """
    from sampark.lang.load import load_lines
    from sampark.lang.profile import profile
    from sampark.text.normalize import normalize

    words = _WORDS.findall(text[:_SAMPLE])
    if len(words) < 8:
        return True  # too short to judge
    common = {normalize(w) for w in load_lines(lang, "function_words.txt")}
    fold = profile(lang).fold
    hits = sum(1 for w in words if fold(w) in common)
    return hits >= floor * len(words)
