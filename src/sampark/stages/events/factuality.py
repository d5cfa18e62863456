"""Whether a clause states its event as a fact.

FACTS.md: a planned, proposed, hoped-for, cancelled, hypothetical, denied or
negated event is no fact, and a forecast is no trade figure. :func:`judge`
reads one clause (from :func:`sampark.stages.events.clauses.split`) and,
optionally, the span of an event trigger inside it, and gives one label:

================  =====================================================
label             examples
================  =====================================================
``asserted``      India and Japan signed an agreement; ভারত চুক্তি সই করেছে
``negated``       India has not signed the agreement; ভারত চুক্তিতে সই করেনি
``modal``         The two sides may sign a trade pact; চুক্তি সই হতে পারে
``planned``       Japan plans to open an embassy; দুই দেশ চুক্তি সই করবে
``hypothetical``  If Pakistan attacks, India will respond; যদি ... তাহলে
``threat``        Iran threatened to close the embassy; ... হুমকি দিয়েছে
``cancelled``     Modi cancelled his visit to Dhaka; ... সফর বাতিল করেছেন
``denied``        Russia denied that it had supplied weapons; ... অস্বীকার
``forecast``      Trade is expected to reach $10 billion by 2030; লক্ষ্যমাত্রা
================  =====================================================

Only ``asserted`` is a fact. A threat, a demand or a rejection carries
``statement="negative"``: the act of speaking may become an optional
negative statement (FACTS.md, Conventions).

The cues are data (``lang/<code>/factuality.json``), each with its label, a
category, and a scope: ``governed_verb`` (the verb the cue attaches to:
after the cue in a language whose profile says ``verb_position: medial``,
before it where ``final``: "did not sign", "সই করেনি"), ``after``,
``before``, ``clause``; ``complement`` cues also govern the clauses reported
under their clause ("denied that ..."). A cue governs a trigger only
inside the trigger's own clause, so "had planned and then signed" keeps
"signed" asserted: the coordinator made it a clause of its own. Where
several cues govern, the label comes first in the file's ``precedence``
(a cancelled planned visit is ``cancelled``); two negations cancel;
"not only" is matched before "not" and asserts. Cues are found with one
scan of the clause per cue pattern: linear in the clause's length.

The events stage calls, per sentence, ``found = clauses.split(text, offset,
lang)`` and, per candidate, ``j = judge_span(found, (c.start, c.end), lang)``
and ``outcome(j, c.type, lang)``: the type to emit (the candidate's own, a
type the data's ``becomes`` gives, such as ``agreement_negotiated`` for a
planned signing, or ``statement`` for a threat), or None to drop it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from sampark.lang.load import load_json_or_empty
from sampark.stages.events.clauses import Clause, clause_at
from sampark.text.normalize import normalize
from sampark.text.patterns import WORD_END, WORD_START

ASSERTED = "asserted"
NEGATED = "negated"
HYPOTHETICAL = "hypothetical"


@dataclass(frozen=True)
class FactualityCue:
    """One cue of ``factuality.json``, compiled."""

    label: str
    category: str
    pattern: Any
    scope: str  # after, before or clause (governed_verb is resolved on load)
    complement: bool = False
    weak: bool = False
    statement: str | None = None
    reach: int | None = None  # at most this many words before or after the cue; None: to the clause's edge


@dataclass
class FactualityRules:
    """The compiled ``factuality.json`` of one language."""

    lang: str
    cues: list[FactualityCue]
    precedence: dict[str, int]
    is_fact: dict[str, bool]
    statement: dict[str, str]  # label -> the statement it may become
    becomes: dict[str, dict[str, str]] = field(default_factory=dict)  # label -> {fact type: the type it is then}


@dataclass(frozen=True)
class Judgement:
    """How a clause states its event.

    Attributes:
        label: ``asserted``, ``negated``, ``modal``, ``planned``,
            ``hypothetical``, ``threat``, ``cancelled``, ``denied`` or ``forecast``.
        is_fact: whether the event is a fact (only ``asserted`` is).
        cue: the absolute span of the cue that decided, if any.
        cue_text: that cue's text.
        category: the cue's category in the data (``negation``, ``future``, ``demand``, ...).
        statement: ``"negative"`` where the act of saying (a threat, a
            demand, a rejection) may become an optional negative statement.
    """

    label: str
    is_fact: bool
    cue: tuple[int, int] | None = None
    cue_text: str | None = None
    category: str | None = None
    statement: str | None = None


@cache
def rules_for(lang: str) -> FactualityRules:
    """The factuality rules of ``lang``, compiled once a process.

    A language without ``factuality.json`` has no cues: every clause is asserted.
    """
    profile = load_json_or_empty(lang, "clauses.json").get("profile", {})
    return compile_rules(lang, load_json_or_empty(lang, "factuality.json"), profile)


def compile_rules(lang: str, data: dict[str, Any], profile: dict[str, Any]) -> FactualityRules:
    """Compile a ``factuality.json`` document; ``profile`` is the grammar profile of ``clauses.json``."""
    governed = "before" if profile.get("verb_position") == "final" else "after"
    casefold = bool(profile.get("casefold", False))
    cues = []
    for row in data.get("cues", []):
        flags = regex.V0 | (regex.I if casefold and not row.get("case_sensitive") else 0)
        scope = row.get("scope", "clause")
        cues.append(FactualityCue(
            label=row["label"],
            category=row.get("category", row["label"]),
            pattern=regex.compile(f"{WORD_START}(?:{normalize(row['pattern'])}){WORD_END}", flags),
            scope=governed if scope == "governed_verb" else scope,
            complement=bool(row.get("complement", False)),
            weak=bool(row.get("weak", False)),
            statement=row.get("statement"),
            reach=row.get("reach"),
        ))
    labels = data.get("labels", {})
    return FactualityRules(
        lang=lang,
        cues=cues,
        precedence={label: i for i, label in enumerate(data.get("precedence", []))},
        is_fact={label: bool(v.get("is_fact", label == ASSERTED)) for label, v in labels.items()},
        statement={label: v["statement"] for label, v in labels.items() if v.get("statement")},
        becomes={label: dict(v["becomes"]) for label, v in labels.items() if v.get("becomes")},
    )


@dataclass(frozen=True)
class _Found:
    cue: FactualityCue
    start: int  # absolute
    end: int


def cues_in(clause: Clause, rules: FactualityRules) -> list[_Found]:
    """The cues in a clause, longest first where two overlap, in text order."""
    # Where two cues match the same words (পৌঁছাবে is a future and a
    # forecast), the label first in precedence names them.
    found: list[tuple[int, int, int, int]] = []
    last = len(rules.precedence)
    for k, cue in enumerate(rules.cues):
        rank = rules.precedence.get(cue.label, last)
        found.extend((m.start(), -m.end(), rank, k) for m in cue.pattern.finditer(clause.text))
    found.sort()
    out: list[_Found] = []
    last_end = -1
    for start, neg_end, _, k in found:
        if start >= last_end:
            out.append(_Found(rules.cues[k], clause.start + start, clause.start - neg_end))
            last_end = -neg_end
    return out


_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def _governs(f: _Found, clause: Clause, trigger: tuple[int, int] | None) -> bool:
    if trigger is None or f.cue.scope == "clause":
        return True
    if f.cue.scope == "after":
        lo, hi = f.start, clause.end
        if f.cue.reach is not None:
            words = list(_WORD.finditer(clause.text, f.end - clause.start))[:f.cue.reach]
            hi = clause.start + words[-1].end() if words else f.end
    else:
        lo, hi = clause.start, f.end
        if f.cue.reach is not None:
            words = list(_WORD.finditer(clause.text, 0, f.start - clause.start))[-f.cue.reach:]
            lo = clause.start + words[0].start() if words else f.start
    return trigger[0] < hi and trigger[1] > lo


def judge(clause: Clause, trigger: tuple[int, int] | None, rules: FactualityRules | str,
          clauses: list[Clause] | None = None) -> Judgement:
    """The factuality of the event a clause states.

    Args:
        clause: one clause from :func:`sampark.stages.events.clauses.split`.
        trigger: the absolute span of the event's trigger inside the clause
            (the cue the events stage matched); ``None`` judges the whole clause.
        rules: the language's :class:`FactualityRules` (or its code, e.g. ``"bn"``).
        clauses: all clauses of the sentence, so that a reported clause is
            read under its frame ("Russia denied that ...") and a clause
            under a condition ("If Pakistan attacks, India will respond") is
            hypothetical. Without it the clause is read alone.

    Returns:
        A :class:`Judgement`; ``is_fact`` is True only for ``asserted``.
    """
    if isinstance(rules, str):
        rules = rules_for(rules)
    governing = [f for f in cues_in(clause, rules) if _governs(f, clause, trigger)]
    governing += _inherited(clause, rules, clauses or [])
    negations = [f for f in governing if f.cue.label == NEGATED]
    if len(negations) >= 2 and len(negations) % 2 == 0:
        governing = [f for f in governing if f.cue.label != NEGATED]  # two negations assert
    strong = [f for f in governing if not f.cue.weak and f.cue.label != ASSERTED]
    if not strong:
        return Judgement(ASSERTED, True)
    rank = rules.precedence
    best = min(strong, key=lambda f: (rank.get(f.cue.label, len(rank)), abs(f.start - (trigger or (f.start,))[0])))
    weak = [f for f in governing if f.cue.weak]
    if weak and rank.get(weak[0].cue.label, len(rank)) < rank.get(best.cue.label, len(rank)):
        best = weak[0]  # "will reach $10 billion by 2030" is a forecast
    text = _text_of(best, clause, clauses or [])
    return Judgement(
        label=best.cue.label,
        is_fact=rules.is_fact.get(best.cue.label, False),
        cue=(best.start, best.end),
        cue_text=text,
        category=best.cue.category,
        statement=best.cue.statement or rules.statement.get(best.cue.label),
    )


def judge_span(found: list[Clause], span: tuple[int, int], rules: FactualityRules | str) -> Judgement:
    """The factuality of the event whose trigger is ``span``, read in its own clause.

    The call the events stage makes per candidate, with ``found`` the
    sentence's clauses from :func:`sampark.stages.events.clauses.split`
    (computed once per sentence): ``judge_span(found, (c.start, c.end), lang)``.
    A sentence without clauses is asserted.
    """
    clause = clause_at(found, span[0])
    if clause is None:
        return Judgement(ASSERTED, True)
    return judge(clause, span, rules, found)


def outcome(j: Judgement, fact_type: str, rules: FactualityRules | str) -> str | None:
    """What a candidate of ``fact_type`` judged ``j`` becomes: its type, another type, or None (no fact).

    An asserted event keeps its type. A statement whose saying is itself
    the act (a threat, a demand, a rejection: ``j.statement``) stays a
    statement. A label may turn a type into another (``becomes`` in the
    data: an agreement that will, may or is proposed to be signed is
    ``agreement_negotiated``). Anything else is no fact.
    """
    if isinstance(rules, str):
        rules = rules_for(rules)
    if j.is_fact:
        return fact_type
    if j.statement and fact_type == "statement":
        return fact_type
    return rules.becomes.get(j.label, {}).get(fact_type)


_CONDITION = FactualityCue(HYPOTHETICAL, "condition", None, "clause")


def _inherited(clause: Clause, rules: FactualityRules, clauses: list[Clause]) -> list[_Found]:
    """Cues a clause takes from the sentence: its frame's complement cues, its condition."""
    out: list[_Found] = []
    if not clauses:
        return out
    if clause.kind == "reported" and clause.head is not None and 0 <= clause.head < len(clauses):
        frame = clauses[clause.head]
        out += [f for f in cues_in(frame, rules) if f.cue.complement]
    if clause.kind == "condition" and clause.marker is not None:
        out.append(_Found(_CONDITION, *clause.marker))
    for other in clauses:
        if other.kind == "condition" and other.head == clause.index and other.marker is not None:
            out.append(_Found(_CONDITION, *other.marker))
    return out


def _text_of(f: _Found, clause: Clause, clauses: list[Clause]) -> str | None:
    for c in [clause, *clauses]:
        if c.start <= f.start and f.end <= c.end:
            return c.text[f.start - c.start:f.end - c.start]
    return None
