"""The event cue data of one language, compiled.

Data lives in ``lang/<code>/events.jsonl`` (generic cues, one a line),
``agreements.json``, ``missions.json`` and ``trade.json`` (the families whose
facts have more structure). This module only loads and compiles them; the
events stage applies them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import ahocorasick
import regex

from sampark.lang.load import load_json, load_jsonl
from sampark.lang.profile import profile
from sampark.text.normalize import normalize
from sampark.text.patterns import WORD_START, alternation

_NON_LITERAL = regex.compile(
    r"\\p\{[^}]*\}|\\[a-zA-Z]|\[(?:\\.|[^\]])*\]|\(\?<?[!=](?:[^()]|\([^()]*\))*\)|\(\?-?[a-zA-Z]+:|\(\?:")
_OPTIONAL_LETTER = regex.compile(r"[\p{L}\p{M}](?:[?*]|\{0,?\d*\})")
_META = regex.compile(r"[()|?*+{}^$.\\,:;\s\d'’-]+")


def literal_hints(pattern: str, lang: str, stop: frozenset[str] = frozenset()) -> frozenset[str]:
    """Words a match of ``pattern`` must contain at least one of.

    Each cue is a regular expression whose alternatives are built from
    literal words; a text holding none of the words cannot match, so the
    stage reads a cue only in sentences that hold one of its words (found
    for all cues at once with Aho-Corasick).
    """
    body = _NON_LITERAL.sub(" ", pattern)
    # A letter made optional ("disputes?") is not part of the word that must appear.
    body = _OPTIONAL_LETTER.sub(" ", body)
    words = {w for w in _META.split(body) if len(w) >= 2}
    if profile(lang).letter_case:
        words = {w.lower() for w in words}
    # Words in almost every sentence only make the filter useless; a cue
    # always has a content word of its own as well.
    content = {w for w in words if len(w) >= 3 and w not in stop}
    return frozenset(content or words)


@dataclass(frozen=True)
class Cue:
    """One generic cue pattern (a line of ``events.jsonl``)."""

    type: str
    pattern: Any
    requires: Any = None
    unless: Any = None
    unless_before: Any = None
    unless_after: Any = None
    attrs: dict = field(default_factory=dict)
    roles: dict | None = None
    priority: int = 0
    requires_states: int = 0
    hints: frozenset = frozenset()
    target_first: bool = False
    state_after: int = 0
    state_before: int = 0


@dataclass
class LangRules:
    """Everything the events stage needs for one language."""

    lang: str
    cues: list[Cue]
    agreement_noun: Any
    agreement_signed: Any
    agreement_signed_after: Any
    agreement_negotiated: Any
    agreement_backref: Any
    agreement_negated: Any
    topics: list[tuple[str, Any]]
    mission_kinds: list[tuple[str, Any]]
    mission_opened: Any
    mission_opened_near: int
    mission_closed: Any
    mission_expelled: Any
    trade: dict[str, Any]
    pronouns: Any
    pronoun_case: dict[str, str]
    case_after: Any  # a postposition right after a state name (Bengali)
    case_before: Any  # a preposition right before a state name (English)
    case_of: dict[str, str]
    coordination: Any
    between_before: Any
    between_after: Any
    since: Any
    table_types: list[tuple[str, Any]]
    table_exclude: Any
    hints: Any = None  # Aho-Corasick over every cue's literal words -> the cues they belong to


def _flags(lang: str) -> int:
    return regex.I if profile(lang).letter_case else 0


def _compile(pattern: str | None, lang: str, word_start: bool = False):
    if not pattern:
        return None
    # Data files are typed by hand: normalise them as the text is normalised.
    pattern = normalize(pattern)
    # Patterns applied with match(text, pos) are anchored there already; a
    # leading ^ would only match at the start of the whole text.
    pattern = pattern[1:] if pattern.startswith("^") else pattern
    if word_start and not profile(lang).word_endings:
        # English words take no case endings: a cue ends where its word does
        # ("import" must not match "importance"), unless it ends on a space.
        pattern = f"(?:{pattern})(?:(?<=\\s)|(?![\\p{{L}}\\p{{M}}]))"
    return regex.compile((WORD_START if word_start else "") + pattern, _flags(lang) | regex.V0)


@cache
def rules_for(lang: str) -> LangRules:
    """The compiled rules of ``lang`` (``bn`` or ``en``), built once a process."""
    cues = []
    stop = frozenset(profile(lang).fold(normalize(w))
                     for w in load_json(lang, "grammar.json").get("hint_stopwords", ()))
    for row in load_jsonl(lang, "events.jsonl"):
        cues.append(Cue(
            type=row["type"],
            pattern=_compile(row["pattern"], lang, word_start=True),
            requires=_compile(row.get("requires"), lang),
            unless=_compile(row.get("unless"), lang),
            unless_before=_compile(row.get("unless_before"), lang),
            unless_after=_compile(row.get("unless_after"), lang),
            attrs=row.get("attrs", {}),
            roles=row.get("roles"),
            priority=row.get("priority", 0),
            requires_states=row.get("requires_states", 0),
            hints=literal_hints(normalize(row["pattern"]), lang, stop),
            target_first=row.get("target_first", False),
            state_after=row.get("state_after", 0),
            state_before=row.get("state_before", 0),
        ))
    agr = load_json(lang, "agreements.json")
    mis = load_json(lang, "missions.json")
    trade = load_json(lang, "trade.json")
    pron = load_json(lang, "pronouns.json")
    grammar = load_json(lang, "grammar.json")
    tables = load_json(lang, "tables.json")
    return LangRules(
        lang=lang,
        cues=cues,
        agreement_noun=_compile(agr["nouns"], lang, word_start=True),
        agreement_signed=_compile(agr["signed"], lang, word_start=True),
        agreement_signed_after=_compile(agr.get("signed_after"), lang),
        agreement_negotiated=_compile(agr["negotiated"], lang, word_start=True),
        agreement_backref=_compile(agr["backreference"], lang),
        agreement_negated=_compile(agr.get("negated"), lang),
        topics=[(name, _compile(p, lang, word_start=True)) for name, p in agr["topics"].items()],
        mission_kinds=[(name, _compile(p, lang, word_start=True)) for name, p in mis["kinds"].items()],
        mission_opened=_compile(mis["opened"], lang, word_start=True),
        mission_opened_near=mis.get("opened_near", 60),
        mission_closed=_compile(mis["closed"], lang, word_start=True),
        mission_expelled=_compile(mis["expelled"], lang, word_start=True),
        trade={k: _compile(v, lang, word_start=k not in ("goods_split", "goods_after", "goods_until"))
               for k, v in trade.items() if k != "source"},
        pronouns=regex.compile(WORD_START + "(?:" + "|".join(
            regex.escape(normalize(w)) for case in ("nom", "gen", "acc") for w in pron[case]) + r")(?![\p{L}\p{M}])"),
        pronoun_case={normalize(w): case for case in ("nom", "gen", "acc") for w in pron[case]},
        case_after=_words(grammar["postpositions_after"], lang, grammar["postposition_glue"], ""),
        case_before=_words(grammar["postpositions_before"], lang, r"(?:^|\s)", grammar["preposition_glue"]),
        case_of={normalize(k).lower(): v for part in ("postpositions_after", "postpositions_before")
                 for k, v in grammar[part].items()},
        coordination=_words(grammar["coordination"], lang, r"\s*", grammar["coordination_glue"]),
        between_before=_words(grammar["between_before"], lang, r"", grammar["between_glue"]),
        between_after=_words(grammar["between_after"], lang, grammar["postposition_glue"], ""),
        since=_words(grammar["since"], lang, "", ""),
        table_types=[(t, _compile(p, lang)) for t, p in tables["types"].items()],
        table_exclude=_compile(tables.get("exclude"), lang),
        hints=_hint_automaton(cues, lang, stop, {
            AGREEMENT: [agr["nouns"]],
            MISSION: list(mis["kinds"].values()) + [mis["expelled"]],
            TRADE: [trade[k] for k in ("trade", "goods_cue_export", "goods_cue_import") if trade.get(k)],
        }),
    )


def _words(words, lang: str, before: str, after: str):
    """A regex matching any of ``words`` (longest first) as group 1, or None."""
    if not words:
        return None
    return regex.compile(f"{before}({alternation(words)}){after}", _flags(lang))


# Keys in the hint automaton for the families with rules of their own.
AGREEMENT, MISSION, TRADE = -1, -2, -3


def _hint_automaton(cues: list[Cue], lang: str, stop: frozenset[str], families: dict[int, list[str]]):
    """An automaton that finds every cue's literal words: word -> indices of the cues.

    ``families`` adds the words of the agreement, mission and trade rules
    under the keys AGREEMENT, MISSION and TRADE.
    """
    automaton = ahocorasick.Automaton()
    owners: dict[str, set[int]] = {}
    for i, cue in enumerate(cues):
        for word in cue.hints:
            owners.setdefault(word, set()).add(i)
    for key, patterns in families.items():
        for pattern in patterns:
            for word in literal_hints(normalize(pattern), lang, stop):
                owners.setdefault(word, set()).add(key)
    for word, indices in owners.items():
        automaton.add_word(word, frozenset(indices))
    automaton.make_automaton()
    return automaton


def cues_in(rules: LangRules, text: str) -> list[tuple[int, frozenset]]:
    """``(end offset, cue indices)`` of every cue word in ``text``."""
    haystack = profile(rules.lang).fold(text)
    return list(rules.hints.iter(haystack)) if len(rules.hints) else []
