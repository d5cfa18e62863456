"""Which states a document, or one of its sections, is about.

"The two countries" is the pair that the document is about (the contract),
and a sentence that names only one state of a bilateral article is about
that state and the other one. The focus is read from the title ("Malaysia–
Russia relations", "মালয়েশিয়া-রাশিয়া সম্পর্ক"), from a lead sentence that
names two states and their relations, from section headings that name a
state (a "Foreign relations of India" article has a section per partner),
and from how often each state is named.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

import regex

from sampark.geo import PAIR, successor
from sampark.lang.load import LANGUAGES, load_json
from sampark.model import Document, Mention
from sampark.text.normalize import normalize

# "relations" in every language: a lead sentence naming two states and this is about the pair.
_RELATIONS_WORD = regex.compile(
    "|".join(regex.escape(normalize(w)) for lang in LANGUAGES
             for w in load_json(lang, "grammar.json")["relations_words"]), regex.I)


@dataclass
class Focus:
    """The states a document is about.

    Attributes:
        pair: the two states of a bilateral document, or None.
        single: the one state a document is about (its subject), or None.
        sections: a section title's own pair, where the heading names a state.
    """

    pair: tuple[str, str] | None = None
    single: str | None = None
    person: Mention | None = None
    bilateral: bool = False  # the pair comes from the title or the lead, not from counting
    sections: dict[str, tuple[str, str]] = field(default_factory=dict)

    def pair_for(self, section: str) -> tuple[str, str] | None:
        return self.sections.get(section) or self.pair

    def partner(self, code: str, section: str) -> str | None:
        """The state a sentence naming only ``code`` is also about."""
        base = successor(code)
        pair = self.pair_for(section)
        if pair:
            a, b = pair
            if successor(a) == base:
                return b
            if successor(b) == base:
                return a
            return None
        if self.single and successor(self.single) != base:
            return self.single
        return None


def _codes(mentions: list[Mention]) -> list[str]:
    seen: list[str] = []
    for m in mentions:
        if m.kind == "state" and m.key != PAIR and m.key not in seen \
                and successor(m.key) not in {successor(c) for c in seen}:
            seen.append(m.key)
    return seen


def find_focus(doc: Document, states: list[Mention]) -> Focus:
    """Work out ``doc``'s focus from its title, lead, headings and mentions."""
    focus = Focus()
    if doc.title:
        _focus_from_title(focus, doc)
    if focus.pair is None:
        _pair_from_lead(focus, doc, states)
    _focus_from_counts(focus, states)
    _pairs_of_sections(focus, doc, states)
    return focus


def _focus_from_title(focus: Focus, doc: Document) -> None:
    """Two states in the title are the pair, one is the subject; else a person's state."""
    codes = _codes([m for m in doc.title_mentions if m.kind == "state"])
    if len(codes) == 2:
        focus.pair = (codes[0], codes[1])
        focus.bilateral = True
    elif len(codes) == 1:
        focus.single = codes[0]
    else:
        # An article about a person is about that person's state.
        people = [m for m in doc.title_mentions if m.kind == "person"]
        if people:
            focus.single = people[0].key
            focus.person = people[0]


def _pair_from_lead(focus: Focus, doc: Document, states: list[Mention]) -> None:
    """A lead sentence that names two states and their relations names the pair."""
    body = [s for s in doc.sentences if not s.boilerplate]
    for sent in body[:2]:
        inside = [m for m in states if sent.start <= m.start < sent.end]
        codes = _codes(inside)
        if len(codes) == 2 and _RELATIONS_WORD.search(doc.text, sent.start, sent.end):
            focus.pair = (codes[0], codes[1])
            focus.bilateral = True
            break


def _focus_from_counts(focus: Focus, states: list[Mention]) -> None:
    """The state named most is the subject, and a second one named often enough its partner."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for m in states:
        if m.key != PAIR and m.kind == "state":
            code = successor(m.key)
            counts[code] += 1
            first_seen.setdefault(code, m.start)
    total = sum(counts.values())
    ranked = sorted(counts, key=lambda c: (-counts[c], first_seen[c]))
    if focus.single is None and focus.pair is None and ranked:
        top = ranked[0]
        if counts[top] >= 3 and counts[top] >= 0.3 * total:
            focus.single = _spelt_as(top, states)
    if focus.pair is None and focus.single and len(ranked) > 1:
        top = successor(focus.single)
        second = next((c for c in ranked if c != top), None)
        if second and counts[second] >= 3 and counts[second] >= 0.25 * total \
                and counts[second] >= 0.5 * counts.get(top, 0):
            focus.pair = (focus.single, _spelt_as(second, states))


def _pairs_of_sections(focus: Focus, doc: Document, states: list[Mention]) -> None:
    """A heading that names two states is their section; one names it with the document's own state."""
    anchor = focus.single or (focus.pair[0] if focus.pair else None)
    starts = [m.start for m in states]  # states come sorted by offset
    for start, end, _level, title in doc.meta.get("headings", ()):
        codes = _codes(states[bisect_left(starts, start):bisect_left(starts, end)])
        if len(codes) == 2:
            focus.sections[normalize(title).strip()] = (codes[0], codes[1])
        elif len(codes) == 1 and anchor and successor(codes[0]) != successor(anchor):
            focus.sections[normalize(title).strip()] = (anchor, codes[0])


def _spelt_as(code: str, states: list[Mention]) -> str:
    """The code as the text first used it (SUN rather than its successor RUS)."""
    for m in states:
        if m.key != PAIR and successor(m.key) == code:
            return m.key
    return code
