"""Unicode normalisation shared by the clean stage and every gazetteer.

Text and gazetteer entries must be normalised by the same function, or a
name written one way in the data will not match the same name written the
other way in a document. Bengali has three letters that Unicode can write
either as one code point or as a base letter plus nukta (U+09BC); NFC
*decomposes* them (they are composition exclusions), while most Bengali
text on the web uses the single code points. We normalise to the single
code points, and drop the zero-width joiners that some keyboards insert
inside conjuncts.
"""
from __future__ import annotations

import unicodedata

import regex

# NFC turns the precomposed letters into base + nukta; compose them back
# afterwards, because that is how most Bengali text spells them.
_NUKTA_COMPOSE = (
    ("\u09af\u09bc", "\u09df"),  # YA + NUKTA -> YYA
    ("\u09a1\u09bc", "\u09dc"),  # DDA + NUKTA -> RRA
    ("\u09a2\u09bc", "\u09dd"),  # DDHA + NUKTA -> RHA
)
# Zero-width (non-)joiners only change how a conjunct is drawn, not the word.
_DROP = {0x200C: None, 0x200D: None}

_GRAPHEME = regex.compile(r"\X")


def normalize(s: str) -> str:
    """Normalise ``s``: NFC, then compose the nukta letters, then drop ZWNJ/ZWJ.

    Args:
        s: any text.

    Returns:
        The normalised text. ``normalize(normalize(s)) == normalize(s)``.
    """
    s = unicodedata.normalize("NFC", s)
    if "\u09bc" in s:
        for decomposed, composed in _NUKTA_COMPOSE:
            s = s.replace(decomposed, composed)
    if "\u200c" in s or "\u200d" in s:
        s = s.translate(_DROP)
    return s


# The name the brief for the gazetteers uses; one function, two names.
normalize_bn = normalize


def is_normalized(s: str) -> bool:
    """Whether ``normalize(s) == s``.

    ``unicodedata.is_normalized("NFC", ...)`` cannot answer this: the
    single-code-point য় we keep is itself not NFC.
    """
    return normalize(s) == s


def normalize_with_offsets(s: str) -> tuple[str, list[int]]:
    """Normalise ``s`` and say where each output character came from.

    Normalisation never crosses a grapheme cluster in practice (NFC
    reorders and composes marks within a cluster, and the nukta and joiners
    sit inside one), so each cluster is normalised on its own.

    Args:
        s: any text.

    Returns:
        ``(t, starts)`` where ``t == normalize(s)`` and ``starts`` has
        ``len(t) + 1`` entries: ``starts[i]`` is the offset in ``s`` of the
        cluster that produced ``t[i]``, and ``starts[len(t)] == len(s)``.
    """
    out: list[str] = []
    starts: list[int] = []
    for m in _GRAPHEME.finditer(s):
        piece = m.group()
        norm = normalize(piece)
        out.append(norm)
        starts.extend([m.start()] * len(norm))
    starts.append(len(s))
    return "".join(out), starts
