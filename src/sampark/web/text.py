"""Document text cut into pieces a template can escape and highlight.

Templates never mark up document text with ``|safe``: a text is split into
segments, each plain or covered by one or more fact spans, and the template
wraps the covered ones in ``<mark>`` while Jinja escapes every segment.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# Where a sentence ends, in Bengali (dari, and the look-alike ৷) and English.
# A full stop counts only before a space or the end ("US$1.9 billion", "U.S.").
_SENTENCE_END = re.compile(r"[।৷!?\n]|\.(?=\s|$)")
# Where the context before a span may start: a sentence end, or the end of a
# wikitext template or tag (``}}``, ``</ref>``), since raw wikitext is stored
# as read and its markup would otherwise lead into the sentence.
_CONTEXT_START = re.compile(r"[।৷!?\n>}]|\.(?=\s|$)")
CONTEXT_CHARS = 300


@dataclass
class Segment:
    """A run of text and the facts whose evidence covers it."""

    text: str
    facts: list[str] = field(default_factory=list)

    @property
    def marked(self) -> bool:
        return bool(self.facts)


def segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Segment]:
    """Split ``text`` at every span boundary.

    Args:
        text: the document text.
        spans: ``(start, end, fact_id)`` triples; they may overlap, and
            offsets outside the text are clipped.

    Returns:
        Segments in order, whose texts join back to ``text``.
    """
    n = len(text)
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}
    for start, end, fact_id in spans:
        start, end = max(0, min(int(start), n)), max(0, min(int(end), n))
        if end <= start:
            continue
        starts.setdefault(start, []).append(fact_id)
        ends.setdefault(end, []).append(fact_id)
    cuts = sorted({0, n, *starts, *ends})
    active: list[str] = []
    out: list[Segment] = []
    for left, right in zip(cuts, cuts[1:]):
        for fact_id in ends.get(left, ()):
            active.remove(fact_id)
        active.extend(starts.get(left, ()))
        piece = text[left:right]
        if out and out[-1].facts == active:
            out[-1].text += piece
        else:
            out.append(Segment(piece, list(active)))
    return out


def sentence_around(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """The sentence holding ``text[start:end]``, cut in three.

    Args:
        text: the document text.
        start: where the span starts.
        end: where the span ends.
        limit: at most this many characters of context on each side.

    Returns:
        ``(before, span, after)``; ``before`` and ``after`` are the rest of
        the sentence, shortened with an ellipsis past ``limit``.
    """
    n = len(text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    left_floor = max(0, start - limit)
    before_window = text[left_floor:start]
    cut = None
    for m in _CONTEXT_START.finditer(before_window):
        cut = m.end()
    if cut is not None:
        before = before_window[cut:]
    else:
        before = ("…" if left_floor > 0 else "") + before_window
    after_window = text[end:min(n, end + limit)]
    m = _SENTENCE_END.search(after_window)
    if end > start and _SENTENCE_END.match(text, end - 1):  # the span ends its sentence
        after = ""
    elif m:
        after = after_window[: m.end()].rstrip("\n")
    else:
        after = after_window + ("…" if end + limit < n else "")
    return before.lstrip(), text[start:end], after


# -- dates -----------------------------------------------------------------

_LEADING_YEAR = re.compile(r"^(-?\d{3,4})(X?)")


def year_of(edtf: str | None) -> tuple[int | None, str | None]:
    """The year an EDTF date falls in, and the key of its timeline group.

    ``1967-04-03`` is in 1967; ``198X`` is grouped as the 1980s (``198X``);
    ``1985/..`` starts in 1985; ``../2001`` ends in 2001; no date is
    ``(None, None)``.
    """
    if not edtf:
        return None, None
    first = edtf.split("/")[0]
    if first in ("", ".."):
        first = edtf.split("/")[-1]
    m = _LEADING_YEAR.match(first)
    if not m:
        return None, None
    digits, decade = m.groups()
    if decade:
        return int(digits) * 10, f"{digits}X"
    return int(digits), digits


def date_sort_key(edtf: str | None) -> tuple:
    """Sort dated facts in time order, undated ones last."""
    year, _ = year_of(edtf)
    if year is None:
        return (1, 0, 0, 0, "")
    parts = re.findall(r"\d+", (edtf or "").split("/")[0])
    month = int(parts[1]) if len(parts) > 1 else 0
    day = int(parts[2]) if len(parts) > 2 else 0
    return (0, year, month, day, edtf or "")


# -- titles ------------------------------------------------------------------

def short_title(text: str | None, limit: int = 80) -> str:
    """``text`` cut to at most ``limit`` user-perceived characters, with an ellipsis.

    The cut falls between grapheme clusters (``regex``'s ``\\X``), never
    inside one: a Bengali conjunct or a consonant with its vowel sign stays
    whole, so no dangling vowel sign is drawn on a dotted circle.
    """
    import regex

    text = " ".join((text or "").split())
    clusters = regex.findall(r"\X", text)
    if len(clusters) <= limit:
        return text
    cut = "".join(clusters[: limit - 1]).rstrip()
    return cut + "…"


# -- paragraphs and where a date was read --------------------------------------

PARAGRAPH_CHARS = 1500
_BN_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def paragraph_around(text: str, start: int, end: int, limit: int = PARAGRAPH_CHARS) -> tuple[int, int]:
    """The bounds of the paragraph (between blank lines or line breaks) holding ``text[start:end]``,
    at most ``limit`` characters on each side."""
    n = len(text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    floor = max(0, start - limit)
    left = text.rfind("\n", floor, start)
    lo = left + 1 if left != -1 else floor
    right = text.find("\n", end, min(n, end + limit))
    hi = right if right != -1 else min(n, end + limit)
    return lo, hi


def date_origin(edtf: str | None, text: str, start: int, end: int) -> dict | None:
    """Where in ``text`` a fact's year is written: in its evidence, else the paragraph around it.

    Looks for the date's first year in Latin or Bengali digits. Returns
    ``{"where": "evidence"|"paragraph", "start", "end"}`` (offsets into
    ``text``), or None when the year is written in neither (it then came
    from further away: a heading, the article's context or its own date).
    """
    number, key = year_of(edtf)
    if number is None or key is None or key.endswith("X") or number < 100:
        return None
    year = str(number)
    lo, hi = paragraph_around(text, start, end)
    for where, a, b in (("evidence", start, end), ("paragraph", lo, hi)):
        best = None
        for form in (year, year.translate(_BN_DIGITS)):
            for found in re.finditer(rf"(?<![\d০-৯]){re.escape(form)}(?![\d০-৯])", text[a:b]):
                at = a + found.start()
                distance = 0 if start <= at < end else min(abs(at - start), abs(at - end))
                if best is None or distance < best[0]:
                    best = (distance, at, at + len(form))
        if best is not None:
            return {"where": where, "start": best[1], "end": best[2]}
    return None
