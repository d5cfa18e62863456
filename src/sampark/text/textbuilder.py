"""Building a cleaned view of a text while remembering where it came from.

Cleaning stages copy, drop or replace pieces of the original text through a
:class:`TextBuilder`; the builder writes the cleaned view and an
:class:`~sampark.model.OffsetMap` back to the original at once, so no
stage ever has to recompute offsets.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

import regex

from sampark.model import OffsetMap

# Where Unicode normalisation can change a Bengali or Latin text: decomposed
# vowel signs and nukta letters, zero-width joiners, combining accents.
# Everything else is already in normal form, so only these runs are handed
# to the normaliser; the rest is copied as it is (fast on clean text).
_NORMALISABLE = regex.compile(
    r"[\u09C7][\u09BE\u09D7]|[\u09AF\u09A1\u09A2]\u09BC|[\u200C\u200D]+|\p{L}[\u0300-\u036F]+"
)


class TextBuilder:
    """Writes a cleaned view of ``raw`` piece by piece.

    Args:
        raw: the original text.
        normalise: a function from a short original run to its normal form
            (``sampark.text.normalize.normalize``); None copies text unchanged.
    """

    __slots__ = ("raw", "_parts", "_len", "_next_raw", "offsets", "_normalise", "_targets", "_target_starts")

    def __init__(self, raw: str, normalise: Callable[[str], str] | None = None) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._len = 0
        self._next_raw = 0
        self.offsets = OffsetMap()
        self._normalise = normalise
        # Where normalisation may change the text, found in one scan of the
        # whole text rather than one scan per piece kept.
        self._targets: list[tuple[int, int]] = []
        if normalise is not None:
            self._targets = [m.span() for m in _NORMALISABLE.finditer(raw)]
        self._target_starts = [t[0] for t in self._targets]

    @property
    def length(self) -> int:
        """The length of the view written so far."""
        return self._len

    def _write(self, raw_start: int, raw_end: int, text: str) -> None:
        if raw_start != self._next_raw:
            self.offsets.add_anchor(self._len, raw_start, self._next_raw)
        self._parts.append(text)
        self._len += len(text)
        if len(text) != raw_end - raw_start:
            # A dropped piece: a span ending here ends where the piece began.
            self.offsets.add_anchor(self._len, raw_end, raw_end if text else raw_start)
        self._next_raw = raw_end

    def keep(self, start: int, end: int) -> None:
        """Copy ``raw[start:end]`` into the view, normalised."""
        if end <= start:
            return
        i = bisect_left(self._target_starts, start)
        if i == len(self._targets) or self._targets[i][0] >= end:
            self._write(start, end, self.raw[start:end])
            return
        pos = start
        while i < len(self._targets) and self._targets[i][0] < end:
            ts, te = self._targets[i]
            te = min(te, end)
            if ts > pos:
                self._write(pos, ts, self.raw[pos:ts])
            self._write(ts, te, self._normalise(self.raw[ts:te]) if self._normalise else self.raw[ts:te])
            pos = te
            i += 1
        if pos < end:
            self._write(pos, end, self.raw[pos:end])

    def replace(self, start: int, end: int, text: str) -> None:
        """Write ``text`` in place of ``raw[start:end]``."""
        self._write(start, end, text)

    def drop(self, start: int, end: int) -> None:
        """Leave ``raw[start:end]`` out of the view."""
        if end > start:
            self._write(start, end, "")

    def build(self) -> tuple[str, OffsetMap]:
        """The view and its map back to the original."""
        return "".join(self._parts), self.offsets
