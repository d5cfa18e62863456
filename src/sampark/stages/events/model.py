"""What the events stage reads a sentence as: its states (and the persons
standing for one), its dates and sums, and the cues found in it.

Shared by the modules of the events stage (:mod:`sampark.stages.events.stage`,
:mod:`sampark.stages.events.cues`, :mod:`sampark.stages.events.tables`); nothing outside the stage uses it.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

import regex

from sampark.geo import PAIR, predecessor_on, successor
from sampark.model import Document, Mention, Sentence
from sampark.stages.events.rules import LangRules

# Events that recur between the same states, so that one cue with a list of
# dates ("clashes in 1984 and 1999") is one event a date.
LISTED_DATE_TYPES = {"conflict", "visit", "meeting", "agreement_signed", "relations_strained"}


@dataclass
class Actor:
    """A state taking part in a sentence: named, or standing behind a person."""

    code: str
    start: int
    end: int
    case: str
    form: str
    city: str | None = None
    person: str | None = None

    @property
    def base(self) -> str:
        return successor(self.code)


@dataclass
class Candidate:
    """A fact found in a sentence, before its actors and date are settled."""

    type: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
    roles: dict | None = None
    priority: int = 0
    anchor: int | None = None  # where to look for the date, if not the cue
    actors: tuple[Actor, ...] | None = None  # settled by the family's own rule
    date: Mention | None = None


class SentenceView:
    """One sentence with the mentions inside it."""

    def __init__(self, doc: Document, sent: Sentence, by_kind: dict[str, list[Mention]],
                 starts: dict[str, list[int]], rules: LangRules) -> None:
        self.doc = doc
        self.rules = rules
        self.cue_spans: list[tuple[int, int, str]] = []  # (start, end, type) of every cue found
        self.sent = sent
        self.text = doc.text
        self.start, self.end = sent.start, sent.end

        def inside(kind: str) -> list[Mention]:
            ms = by_kind.get(kind, [])
            i = bisect_left(starts[kind], sent.start)
            out = []
            while i < len(ms) and ms[i].start < sent.end:
                out.append(ms[i])
                i += 1
            return out

        self.money = inside("money")
        self.dates = inside("date")
        money_spans = [(m.start, m.end) for m in self.money]
        self.actors: list[Actor] = []
        self.pair_mentions: list[Mention] = []
        for m in sorted(inside("state") + inside("city"), key=lambda m: m.start):
            if any(s <= m.start < e for s, e in money_spans):
                continue  # "US dollar" names a currency, not a state taking part
            if m.key == PAIR:
                self.pair_mentions.append(m)
                continue
            self.actors.append(Actor(m.key, m.start, m.end, self._case(m), m.attrs.get("form", "name"),
                                     m.attrs.get("city")))
        for m in inside("person"):
            if m.key:
                self.actors.append(Actor(m.key, m.start, m.end, self._case(m), "person",
                                         person=m.attrs.get("name")))
        self.actors.sort(key=lambda a: a.start)

    def add_pronouns(self, rules: LangRules, person: Mention | None) -> None:
        """Let "he"/"তিনি" stand for the person named last, and so for that person's state."""
        if person is None:
            return
        for m in rules.pronouns.finditer(self.text, self.start, self.end):
            case = rules.pronoun_case.get(m.group(), "nom")
            self.actors.append(Actor(person.key, m.start(), m.end(), case, "person",
                                     person=person.attrs.get("name")))
        self.actors.sort(key=lambda a: a.start)

    def _case(self, m: Mention) -> str:
        case = m.attrs.get("case", "nom")
        rules = self.rules
        if rules.case_after is not None:
            after = rules.case_after.match(self.text, m.end, min(self.end, m.end + 20))
            if after:
                return rules.case_of.get(after.group(1).lower(), case)
        if case == "gen" or rules.case_before is None:
            return case
        before = rules.case_before.search(self.text, max(self.start, m.start - 28), m.start)
        if before:
            return rules.case_of.get(before.group(1).lower(), case)
        return case

    def distinct_states(self) -> list[str]:
        seen: list[str] = []
        for a in self.actors:
            if a.base not in {successor(c) for c in seen}:
                seen.append(a.code)
        return seen


def year_of(edtf: str | None) -> int | None:
    if not edtf:
        return None
    m = regex.match(r"(-?\d{3})(\d|X)", edtf)
    if not m:
        return None
    return int(m.group(1) + (m.group(2) if m.group(2) != "X" else "0"))


def historical(codes: list[str], date: str | None) -> list[str]:
    year = year_of(date)
    if year is None:
        return codes
    return [predecessor_on(code, year) for code in codes]
