"""The document model every stage reads and extends.

A :class:`Document` holds the text exactly as the user gave it (``raw``), a
cleaned view of it (``text``) that the stages read, and an :class:`OffsetMap`
from the view back to ``raw``. Stages add sentences, mentions and facts; all
of them carry offsets into ``text`` until the facts stage turns evidence into
offsets into ``raw`` (stand-off evidence: ``raw[start:end] == evidence.text``).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any


class OffsetMap:
    """Maps offsets in a cleaned view back to the original text.

    The map is sparse: it stores only the points where the view and the
    original stop advancing together (markup dropped, characters composed),
    as anchors ``(view offset, original offset)``. Between anchors both texts
    advance one character at a time. Each anchor also remembers where the
    original text stood just *before* the edit, so that a span ending at an
    anchor does not swallow markup dropped right after it.
    """

    __slots__ = ("_clean", "_raw", "_before")

    def __init__(self) -> None:
        self._clean: list[int] = [0]
        self._raw: list[int] = [0]
        self._before: list[int] = [0]

    def add_anchor(self, clean_pos: int, raw_pos: int, raw_before: int | None = None) -> None:
        """Record that view offset ``clean_pos`` is original offset ``raw_pos``.

        Args:
            clean_pos: an offset in the view, not smaller than the last anchor's.
            raw_pos: the original offset where the view resumes.
            raw_before: the original offset where the view text before
                ``clean_pos`` ended (defaults to ``raw_pos``).
        """
        before = raw_pos if raw_before is None else raw_before
        if clean_pos == self._clean[-1]:
            self._raw[-1] = raw_pos
            return
        self._clean.append(clean_pos)
        self._raw.append(raw_pos)
        self._before.append(before)

    def to_raw(self, pos: int) -> int:
        """The original offset of view offset ``pos`` (as a start)."""
        i = bisect_right(self._clean, pos) - 1
        return self._raw[i] + (pos - self._clean[i])

    def end_to_raw(self, pos: int) -> int:
        """The original offset of view offset ``pos`` taken as a span's end."""
        i = bisect_right(self._clean, pos) - 1
        if self._clean[i] == pos and i:
            return self._before[i]
        return self._raw[i] + (pos - self._clean[i])

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span to the original span it was cleaned from."""
        rs = self.to_raw(start)
        return rs, max(rs, self.end_to_raw(end))


@dataclass(slots=True)
class Mention:
    """A typed span of ``Document.text``.

    Attributes:
        start: offset of the first character in the cleaned view.
        end: offset after the last character in the cleaned view.
        kind: what was found: ``state``, ``city``, ``person``, ``date``,
            ``money``, ``cue``.
        key: its canonical value: an ISO 3166 alpha-3 code for states (and
            for the state a city or person stands for), an EDTF string for
            dates, an ISO 4217 code for money, a fact type for cues.
        attrs: details that depend on the kind (see docs/architecture.md).
    """

    start: int
    end: int
    kind: str
    key: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Sentence:
    """A sentence of the cleaned view, with where it stands in the document."""

    start: int
    end: int
    section: str = ""
    paragraph: int = 0
    boilerplate: bool = False


@dataclass(slots=True)
class DraftFact:
    """A fact as the events stage found it, before the facts stage makes it a contract fact.

    Offsets are into ``Document.text`` (the cleaned view); the facts stage
    maps them into ``raw`` for the evidence.

    Attributes:
        type: a fact type of the contract (``visit``, ``agreement_signed``, ...).
        actors: the two state codes, in role order for directed types.
        date: an EDTF string, or None.
        attrs: the contract attributes of the type.
        lang: the language the fact was read in.
        confidence: 0.05 to 0.99.
        span: the sentence it was read from.
        cue: the words that made it a fact of its type.
        carried: whether the date came from an earlier sentence.
        spans: every sentence that says it (the same fact found again).
    """

    type: str
    actors: list[str]
    date: str | None
    attrs: dict[str, Any]
    lang: str | None
    confidence: float
    span: tuple[int, int]
    cue: tuple[int, int]
    carried: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)
    _seen: set[tuple[int, int]] = field(default_factory=set, repr=False, compare=False)

    def add_span(self, span: tuple[int, int]) -> None:
        """Add an evidence span once (the set beside the list keeps this O(1))."""
        if not self._seen:
            self._seen.update(self.spans)
        if span not in self._seen:
            self._seen.add(span)
            self.spans.append(span)


@dataclass
class Document:
    """One document on its way through the pipeline."""

    id: str
    raw: str
    lang: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    format: str = "text"
    text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # Mentions in ``title`` (offsets into the title): the states and people
    # stages add them, the events stage reads the document's focus from them.
    title_mentions: list[Mention] = field(default_factory=list)
    # What the events stage found; the facts stage turns it into ``facts``.
    drafts: list[DraftFact] = field(default_factory=list)
    # Contract facts only (docs/extraction.md), written by the facts stage.
    facts: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def mentions_of(self, kind: str) -> list[Mention]:
        """The mentions of one kind (``state``, ``date``, ...) in the order found."""
        return [m for m in self.mentions if m.kind == kind]

    def evidence(self, start: int, end: int) -> dict[str, Any]:
        """A contract evidence record for a span of the cleaned view."""
        rs, re_ = self.offsets.span_to_raw(start, end)
        return {"doc": self.id, "start": rs, "end": re_, "text": self.raw[rs:re_]}
