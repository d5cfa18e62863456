"""Clauses of a sentence, so that a fact is read inside the clause that states it.

A sentence often holds more than one proposition, and only some are facts:
"Russia denied that it had supplied weapons to Syria" asserts a denial, not
a supply; "If Pakistan attacks, India will respond" asserts neither; "India
signed the deal, and Japan ratified it" asserts two acts by different
states. :func:`split` cuts a sentence into clauses with exact offsets and a
kind, so that the events stage can read actors and factuality
(:mod:`sampark.stages.events.factuality`) clause by clause:

=============  ==========================================================
kind           example (the clause in brackets)
=============  ==========================================================
``main``       [India signed the agreement], and ...
``coordinate`` India signed the deal, [and Japan ratified it]
``relative``   a treaty, [which Japan ratified in 2005]; ... চুক্তি, [যা ...]
``condition``  [If Pakistan attacks], India will respond; [যদি পাকিস্তান হামলা করে], ...
``subordinate`` India signed [because talks had succeeded]
``frame``      [The minister said] that ...; ... [বলে জানান মন্ত্রী]
``reported``   The minister said [that India had signed]; [“...”]
=============  ==========================================================

Everything language-specific comes from ``lang/<code>/clauses.json``: the
markers with their roles, the punctuation that bounds a clause, quotation
marks, the shapes of finite verbs, and a grammar profile (whether reporting
frames stand before their content). There is no branch on a language in
this module.

How a sentence is cut, in one pass over its tokens:

1. Punctuation boundaries (``,`` ``;`` ``:`` dashes, brackets) and quoted
   stretches make segments.
2. Inside a segment, a marker opens a clause only where a finite verb
   follows it in the segment; a coordinator also needs a verb before it
   ("India and Japan signed" is one clause; "India signed and Japan
   ratified" two). A reporting verb followed by another finite verb opens
   reported content ("The minister said India had signed").
3. A piece without a finite verb ("In 2005," "India, Japan and China")
   joins its neighbour.
4. Kinds and heads: reported content depends on its frame, a condition on
   the clause it conditions, a relative clause on the clause before it.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from sampark.lang.load import load_json_or_empty
from sampark.text.normalize import normalize

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*|\S")
# Punctuation that ends a sentence in any script (full stop, danda, ...):
# trimmed from a clause's ends, never a cut inside it ("U.S.", "2.5").
_TERMINAL = regex.compile(r"[\p{Sentence_Terminal}…]")

# A quotation longer than this many tokens is speech even where no verb we
# know stands in it; a shorter one without a verb is a scare-quoted name.
_QUOTED_CLAUSE_WORDS = 4

# Roles a marker may have in clauses.json.
COORDINATE, RELATIVE, COMPLEMENTIZER = "coordinate", "relative", "complementizer"
CONDITION, CONDITION_CLOSE, SUBORDINATE = "condition", "condition_close", "subordinate"
REPORTING_VERB, REPORTING_SOURCE, REPORTED_CLOSER = "reporting_verb", "reporting_source", "reported_closer"
# Roles that open a clause of their own where a finite verb follows.
_OPENERS = {COORDINATE, RELATIVE, COMPLEMENTIZER, CONDITION, SUBORDINATE, CONDITION_CLOSE}
# Kinds of clause that depend on another (their ``head``).
DEPENDENT = frozenset({"relative", "condition", "subordinate", "reported"})


@dataclass(frozen=True)
class Clause:
    """One clause of a sentence; offsets are absolute (the sentence's offset added).

    Attributes:
        start, end: the clause's span, without the punctuation around it.
        kind: ``main``, ``coordinate``, ``relative``, ``condition``,
            ``subordinate``, ``frame`` or ``reported``.
        text: the clause's own text (``sentence[start - offset:end - offset]``).
        index: its position in the sentence's list of clauses.
        head: the index of the clause it depends on: a reported clause's
            frame, a condition's consequence, a relative clause's antecedent
            clause; ``None`` for independent clauses.
        marker: the span of the word(s) that opened it (``that``, ``if``, যে,
            বলে জানান), if any.
        speaker: for a frame, the span naming who speaks, if the frame names one.
    """

    start: int
    end: int
    kind: str
    text: str
    index: int
    head: int | None = None
    marker: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None


@dataclass(frozen=True)
class Marker:
    words: tuple[str, ...]
    role: str
    speaker: str | None = None  # reporting_source: does the speaker stand "before" or "after"?


@dataclass
class ClauseRules:
    """The compiled ``clauses.json`` of one language."""

    lang: str
    verb_position: str
    frame_before: bool
    casefold: bool
    boundaries: frozenset[str]
    quotes: dict[str, str]
    verb_words: frozenset[str]
    verb_exclude: frozenset[str]
    verb_pattern: Any
    markers: dict[str, list[Marker]] = field(default_factory=dict)  # first word -> markers, longest first


@cache
def rules_for(lang: str) -> ClauseRules:
    """The clause rules of ``lang``, compiled once a process.

    A language without ``clauses.json`` (a new language, before its data is
    written) gets empty rules: no markers and no verbs known, so every
    sentence is one ``main`` clause.
    """
    data = load_json_or_empty(lang, "clauses.json")
    return compile_rules(lang, data)


def compile_rules(lang: str, data: dict[str, Any]) -> ClauseRules:
    """Compile a ``clauses.json`` document (see ``lang/SOURCES.md``)."""
    profile = data.get("profile", {})
    casefold = bool(profile.get("casefold", False))

    def fold(word: str) -> str:
        word = normalize(word)
        return word.lower() if casefold else word

    verbs = data.get("verbs", {})
    patterns = [normalize(p) for p in verbs.get("patterns", [])]
    markers: dict[str, list[Marker]] = {}
    for row in data.get("markers", []):
        words = tuple(fold(w) for w in _TOKEN.findall(row["form"]))
        markers.setdefault(words[0], []).append(Marker(words, row["role"], row.get("speaker")))
    for group in markers.values():
        group.sort(key=lambda m: -len(m.words))
    return ClauseRules(
        lang=lang,
        verb_position=profile.get("verb_position", "medial"),
        frame_before="before" in profile.get("reporting_frame", ["before"]),
        casefold=casefold,
        boundaries=frozenset(data.get("boundaries", [",", ";", ":"])),
        quotes={q["open"]: q["close"] for q in data.get("quotes", [])},
        verb_words=frozenset(fold(w) for w in verbs.get("words", [])),
        verb_exclude=frozenset(fold(w) for w in verbs.get("exclude", [])),
        verb_pattern=regex.compile("(?:" + "|".join(patterns) + ")") if patterns else None,
        markers=markers,
    )


@dataclass
class _Piece:
    """A stretch of tokens ``[lo, hi)`` on its way to becoming a clause."""

    lo: int
    hi: int
    role: str | None = None  # the role of the marker that opened it
    marker: tuple[int, int] | None = None  # token range of that marker
    quoted: bool = False
    frame_speaker: str | None = None  # for reporting_source: where the speaker stands
    kind: str = ""
    head: int | None = None
    report_at: int | None = None  # token index of a reporting verb inside it
    mid: bool = False  # opened by a marker inside a stretch, not right after punctuation
    speaker: tuple[int, int] | None = None  # token range


class _Sentence:
    """A sentence as tokens, with the finite verbs and markers found in one pass."""

    def __init__(self, text: str, rules: ClauseRules) -> None:
        self.text = text
        self.rules = rules
        self.spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.words = [text[s:e].lower() if rules.casefold else text[s:e] for s, e in self.spans]
        n = len(self.spans)
        self.marker: list[Marker | None] = [self._marker_at(i) for i in range(n)]
        self.verbs = [0] * (n + 1)  # prefix sums: finite verbs before token i
        for i in range(n):
            self.verbs[i + 1] = self.verbs[i] + self._is_verb(i)

    def _marker_at(self, i: int) -> Marker | None:
        for m in self.rules.markers.get(self.words[i], ()):
            if tuple(self.words[i:i + len(m.words)]) == m.words:
                return m
        return None

    def _is_verb(self, i: int) -> int:
        word, rules = self.words[i], self.rules
        if word in rules.verb_exclude:
            return 0
        if word in rules.verb_words:
            return 1
        s, e = self.spans[i]
        return int(rules.verb_pattern is not None and rules.verb_pattern.fullmatch(self.text, s, e) is not None)

    def has_verb(self, lo: int, hi: int) -> bool:
        return hi > lo and self.verbs[hi] - self.verbs[lo] > 0

    def is_boundary(self, i: int) -> bool:
        return self.words[i] in self.rules.boundaries

    def is_punct(self, i: int) -> bool:
        """A boundary or a sentence's terminal punctuation: no part of a clause's span at its ends."""
        return self.is_boundary(i) or _TERMINAL.fullmatch(self.words[i]) is not None


def split(text: str, offset: int, rules: ClauseRules | str) -> list[Clause]:
    """Cut one sentence into clauses.

    Args:
        text: the sentence's text.
        offset: where the sentence starts in the document; added to every span.
        rules: the language's :class:`ClauseRules` (or its code, e.g. ``"bn"``).

    Returns:
        The clauses in text order; every one satisfies
        ``text[c.start - offset:c.end - offset] == c.text``. A sentence with
        no marker is one ``main`` clause; an empty one gives ``[]``.
    """
    if isinstance(rules, str):
        rules = rules_for(rules)
    sent = _Sentence(text, rules)
    pieces = _merge_verbless(sent, _cut(sent, _segments(sent)))
    _assign_kinds(sent, pieces)
    out: list[Clause] = []
    for p in pieces:
        s, e = sent.spans[p.lo][0], sent.spans[p.hi - 1][1]
        marker = None if p.marker is None else (sent.spans[p.marker[0]][0] + offset,
                                                sent.spans[p.marker[1] - 1][1] + offset)
        speaker = None if p.speaker is None else (sent.spans[p.speaker[0]][0] + offset,
                                                  sent.spans[p.speaker[1] - 1][1] + offset)
        out.append(Clause(s + offset, e + offset, p.kind, text[s:e], len(out), p.head, marker, speaker))
    return out


def _segments(sent: _Sentence) -> list[_Piece]:
    """Stretches between punctuation boundaries.

    A quotation holding a finite verb is a stretch of its own (reported
    speech); one without (a scare-quoted name, ‘আমালেক’, "Team A") stays
    part of the stretch around it.
    """
    out: list[_Piece] = []
    lo: int | None = None
    close: str | None = None  # the closing mark of an open quotation
    outer: int | None = None  # where the stretch around an open quotation began
    opened = 0  # the opening mark's token
    quotes = sent.rules.quotes

    def end_quote(hi: int) -> int | None:
        """Close the quotation ending before token ``hi``; the start of the stretch that goes on, if any."""
        if sent.has_verb(opened + 1, hi) or hi - opened > _QUOTED_CLAUSE_WORDS:
            if outer is not None:
                out.append(_Piece(outer, opened))
            out.append(_Piece(opened + 1, hi, quoted=True))
            return None
        return outer if outer is not None else opened

    for i, w in enumerate(sent.words):
        if close is not None and w == close:
            lo, close = end_quote(i), None
        elif close is None and w in quotes:
            outer, opened, close = lo, i, quotes[w]
        elif close is None and sent.is_boundary(i):
            if lo is not None:
                out.append(_Piece(lo, i))
            lo = None
        elif close is None and lo is None and not sent.is_punct(i):
            lo = i
    if close is not None:
        lo = end_quote(len(sent.words))
    if lo is not None:
        out.append(_Piece(lo, len(sent.words)))
    for p in out:  # a quotation's own trailing full stop or comma is no part of it
        while p.hi > p.lo and sent.is_punct(p.hi - 1):
            p.hi -= 1
    return [p for p in out if p.hi > p.lo]


def _cut(sent: _Sentence, segments: list[_Piece]) -> list[_Piece]:
    """Cut segments at markers that open a clause (see the module's notes)."""
    out: list[_Piece] = []
    for seg in segments:
        if seg.quoted:
            out.append(seg)
            continue
        cur = _Piece(seg.lo, seg.hi)
        i = seg.lo
        while i < seg.hi:
            m = sent.marker[i]
            if m is None:
                i += 1
                continue
            after = i + len(m.words)
            if _opens(sent, m, cur, i, after, seg.hi, out):
                if i > cur.lo:
                    cur.hi = i
                    out.append(cur)
                cur = _Piece(i, seg.hi, m.role, (i, after), mid=i > seg.lo)
            elif m.role == REPORTING_SOURCE:
                cur = _cut_source(sent, m, cur, i, after, seg.hi, out)
            elif m.role == REPORTED_CLOSER and sent.has_verb(cur.lo, i) and after <= seg.hi:
                if i > cur.lo:
                    cur.hi = i
                    out.append(cur)
                cur = _Piece(i, seg.hi, m.role, (i, after))
            elif m.role == REPORTING_VERB:
                cur.report_at = i
                if sent.rules.frame_before and sent.has_verb(after, seg.hi) and cur.role != REPORTED_CLOSER \
                        and not _complementizer_near(sent, after, seg.hi):
                    # "The minister said India had signed": the content follows the verb.
                    cur.hi = after
                    out.append(cur)
                    cur = _Piece(after, seg.hi, "report_content")
            i = after
        out.append(cur)
    return out


def _complementizer_near(sent: _Sentence, lo: int, hi: int, window: int = 4) -> bool:
    """Whether a complementizer ("that", যে) follows within a few words: it opens the content then."""
    for j in range(lo, min(hi, lo + window)):
        m = sent.marker[j]
        if m is not None and m.role == COMPLEMENTIZER:
            return True
    return False


def _opens(sent: _Sentence, m: Marker, cur: _Piece, i: int, after: int, hi: int, done: list[_Piece]) -> bool:
    """Whether marker ``m`` at token ``i`` opens a clause of its own."""
    if m.role not in _OPENERS:
        return False
    if m.role == CONDITION and i == cur.lo and cur.role is None:
        return True  # "If Pakistan attacks, ...": a condition bounded by punctuation needs no verb we know
    if not sent.has_verb(after, hi):
        return False
    if m.role == COORDINATE:
        before = sent.has_verb(cur.lo, i) if i > cur.lo else bool(done) and sent.has_verb(done[-1].lo, done[-1].hi)
        return before
    if m.role == CONDITION_CLOSE:
        return bool(done) and done[-1].role == CONDITION or cur.role == CONDITION
    if m.role == COMPLEMENTIZER:
        return i > 0
    return True


def _cut_source(sent: _Sentence, m: Marker, cur: _Piece, i: int, after: int, hi: int,
                out: list[_Piece]) -> _Piece:
    """ "according to X" / "X-এর মতে": a frame whose speaker stands after or before the phrase."""
    if m.speaker == "before":
        # X-এর মতে, ... : the frame runs from the segment's start to the postposition.
        frame = _Piece(cur.lo, after, REPORTING_SOURCE, (i, after), frame_speaker="before")
        out.append(frame)
        return _Piece(after, hi, "report_content") if after < hi else _Piece(hi, hi)
    if i > cur.lo:
        cur.hi = i
        out.append(cur)
    return _Piece(i, hi, REPORTING_SOURCE, (i, after), frame_speaker="after")


def _merge_verbless(sent: _Sentence, pieces: list[_Piece]) -> list[_Piece]:
    """A piece without a finite verb joins its neighbour (the one before, else the one after)."""
    out: list[_Piece] = []
    waiting: list[_Piece] = []  # verbless pieces with no clause before them to join
    for p in pieces:
        if p.hi <= p.lo:
            continue
        if p.quoted or p.role in (REPORTING_SOURCE, REPORTED_CLOSER, CONDITION) or sent.has_verb(p.lo, p.hi):
            if waiting:
                if p.role in (None, "report_content") and not p.quoted:
                    p.lo = waiting[0].lo  # "India, Japan and China signed ..."
                else:  # a clause opened by a marker does not take what stands before it
                    out.append(_Piece(waiting[0].lo, waiting[-1].hi))
                waiting = []
            out.append(p)
        elif out and not out[-1].quoted and out[-1].role != REPORTING_SOURCE:
            out[-1].hi = p.hi  # "India signed the deal, in Delhi, on Tuesday"
        else:
            waiting.append(p)
    if waiting:
        out.append(_Piece(waiting[0].lo, waiting[-1].hi))
    return out


def _assign_kinds(sent: _Sentence, pieces: list[_Piece]) -> None:
    """Give every piece its kind and head (see the module's table)."""
    for k, p in enumerate(pieces):
        prev = pieces[k - 1] if k else None
        if p.quoted:
            p.kind = "reported"
        elif p.role in (REPORTING_SOURCE, REPORTED_CLOSER):
            p.kind = "frame"
        elif p.role == "report_content":
            p.kind = "reported"
            p.head = k - 1
            if prev is not None:
                prev.kind = "frame"
        elif p.role == COMPLEMENTIZER and prev is not None and prev.report_at is not None:
            p.kind, p.head, prev.kind = "reported", k - 1, "frame"
        elif p.role in (RELATIVE, COMPLEMENTIZER):
            p.kind, p.head = "relative", (k - 1 if k else None)
        elif p.role == CONDITION:
            p.kind = "condition"
        elif p.role == SUBORDINATE:
            p.kind, p.head = "subordinate", (k - 1 if k else None)
        elif p.role == COORDINATE:
            p.kind = "coordinate"
        elif p.report_at is not None and len(pieces) > 1 and not sent.has_verb(p.lo, p.report_at) \
                and not sent.has_verb(p.report_at + 1, p.hi):
            p.kind = "frame"  # "..., the minister said" / "মন্ত্রী বলেন, ..."
    _link_frames(sent, pieces)
    _extend_reports(pieces)
    _link_conditions(pieces)
    seen_main = False
    for p in pieces:
        if not p.kind:
            p.kind = "coordinate" if seen_main else "main"
        seen_main = seen_main or p.kind == "main"
        if p.kind == "frame" and p.speaker is None:
            p.speaker = _speaker(sent, p)


def _link_frames(sent: _Sentence, pieces: list[_Piece]) -> None:
    """Reported content without a head takes the frame beside it; a closer's frame takes what precedes it."""
    for k, p in enumerate(pieces):
        if p.kind != "frame":
            continue
        if p.role == REPORTED_CLOSER:
            j = k - 1
            while j >= 0 and pieces[j].kind in ("", "main", "coordinate", "reported") and pieces[j].head is None:
                pieces[j].kind, pieces[j].head = "reported", k
                j -= 1
            continue
        before = pieces[k - 1] if k else None
        after = pieces[k + 1] if k + 1 < len(pieces) else None
        # a frame standing first speaks of what follows it; one standing last, of what precedes it
        target = after if after is not None and (before is None or after.kind == "reported") else before
        # what a frame reports is a clause no marker opened ("and ..." after a frame is the frame's own)
        if target is not None and target.head is None and target.kind in ("", "reported") \
                and target.role in (None, "report_content"):
            target.kind, target.head = "reported", k
        elif p.role is None and not any(q is not None and q.head == k for q in (before, after)):
            p.kind = ""  # a reporting verb with nothing reported beside it is a clause like any other


def _extend_reports(pieces: list[_Piece]) -> None:
    """A coordinate clause joined without a comma to reported content is reported too.

    "Russia denied that it had supplied weapons and trained troops": both are denied.
    """
    for prev, p in zip(pieces, pieces[1:]):
        if p.kind == "coordinate" and p.mid and prev.kind == "reported" and prev.head is not None:
            p.kind, p.head = "reported", prev.head


def _link_conditions(pieces: list[_Piece]) -> None:
    """A condition depends on the clause it conditions: the next independent one, else the one before."""
    for k, p in enumerate(pieces):
        if p.kind != "condition":
            continue
        nxt = next((j for j in range(k + 1, min(len(pieces), k + 3)) if pieces[j].kind in ("", "main")), None)
        p.head = nxt if nxt is not None else (k - 1 if k else None)


def _speaker(sent: _Sentence, p: _Piece) -> tuple[int, int] | None:
    """Who speaks in a frame: the words before its reporting verb, else those after its marker."""
    if p.role == REPORTING_SOURCE and p.marker is not None:
        lo, hi = (p.lo, p.marker[0]) if p.frame_speaker == "before" else (p.marker[1], p.hi)
    elif p.report_at is not None and p.report_at > p.lo:
        lo, hi = p.lo, p.report_at
    elif p.marker is not None:
        lo, hi = p.marker[1], p.hi
        while hi > lo and sent.has_verb(hi - 1, hi):
            hi -= 1
    elif p.report_at is not None:
        lo, hi = p.report_at + 1, p.hi
    else:
        return None
    while hi > lo and sent.is_punct(hi - 1):
        hi -= 1
    return (lo, hi) if hi > lo else None


def clause_at(found: list[Clause], pos: int) -> Clause | None:
    """The clause of ``found`` (one sentence's clauses, from :func:`split`) holding offset ``pos``.

    An offset between two clauses (a comma, a space) belongs to the clause
    after it; one past the last clause, to the last.
    """
    starts = [c.start for c in found]
    i = bisect_right(starts, pos) - 1
    if i < 0:
        return found[0] if found else None
    return found[i]
