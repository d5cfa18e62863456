"""The events stage: cues in sentences become bilateral facts.

For every sentence outside boilerplate, the stage finds cues (generic ones
from ``events.jsonl``; agreements, missions and trade figures, whose facts
have more structure, by their own rules), then fills each fact's two states
and its date from the mentions the earlier stages found:

- actors: the states named nearest the cue, with the roles of directed
  types taken from case and position (a Bengali genitive before দূতাবাস is
  the sending state; a locative is the host); "the two countries" is the
  document's pair; a sentence that names one state of the pair is about the
  other one too (:mod:`sampark.stages.events.focus`); a state that no longer existed on the
  fact's date is given its former code (Russia in 1972 is the Soviet Union);
- date: the date mention nearest the cue (before it, in Bengali), else the
  date carried from an earlier sentence of the same section;
- evidence: the sentence, as offsets into the cleaned view (the facts stage
  maps them to the original).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from sampark.contract import DIRECTED
from sampark.geo import PAIR, successor
from sampark.lang.load import DEFAULT_LANGUAGE, LANGUAGES
from sampark.lang.profile import profile
from sampark.model import Document, DraftFact, Mention, Sentence
from sampark.stages.events.cues import find_candidates
from sampark.stages.events.focus import Focus, find_focus
from sampark.stages.events.model import LISTED_DATE_TYPES, Actor, Candidate, SentenceView, historical, year_of
from sampark.stages.events.rules import LangRules, cues_in, rules_for
from sampark.stages.events.tables import table_facts, table_spans

# Types whose "since YEAR" is a state that began then (EDTF YEAR/..); for the
# others "since" marks when the thing happened (an embassy there since 1968).
SINCE_TYPES = {"relations_improved", "relations_strained", "cooperation", "conflict"}
# Standing facts (goods traded, weapons bought, embassies kept) are not dated
# by an earlier sentence's event: a carried date would only split the same
# fact read in two documents into two.
UNCARRIED_TYPES = {"trade_goods", "arms_transfer", "mission_opened"}
# Types that a sentence naming no state at all may still carry, between the
# document's pair (or the states of the sentence before).
CONTEXT_TYPES = {"relations_established", "relations_restored", "relations_improved",
                 "relations_strained", "relations_severed", "agreement_signed",
                 "agreement_negotiated", "trade_volume"}
PAIR_TYPES = CONTEXT_TYPES | {"cooperation", "meeting"}
# Types whose second state may be left to the document's pair only in an
# article about that pair: in news they are too often about something else.
LOOSE_TYPES = {"statement", "arms_transfer", "aid", "sanction"}
BASE_CONFIDENCE = {
    "relations_established": 0.85, "relations_restored": 0.8, "relations_severed": 0.85,
    "relations_improved": 0.7, "relations_strained": 0.7, "mission_opened": 0.8,
    "mission_closed": 0.75, "agreement_signed": 0.85, "agreement_negotiated": 0.7,
    "visit": 0.75, "meeting": 0.7, "statement": 0.6, "trade_volume": 0.85,
    "trade_goods": 0.7, "arms_transfer": 0.7, "cooperation": 0.6, "aid": 0.65,
    "sanction": 0.7, "conflict": 0.55,
}


def _distance(a: Actor, c: Candidate, lang: str | None) -> int:
    """How far a state stands from a cue; Bengali names a noun's parties before it."""
    if a.end <= c.start:
        return c.start - a.end
    gap = max(0, a.start - c.end)
    return gap + (profile(lang).after_cue_penalty if lang else 0)


def _nearest(actors: list[Actor], cls: str, c: Candidate, s: SentenceView, exclude: set[str]) -> Actor | None:
    pool = [a for a in actors if a.base not in exclude]
    if cls == "person":
        pool = [a for a in pool if a.form == "person"]
    elif cls == "person_nom":
        pool = [a for a in pool if a.form == "person" and a.case not in ("gen", "acc", "loc")]
    elif cls == "before_cue":
        pool = [a for a in pool if c.start - 4 <= a.end <= c.start]
    elif cls == "after_cue":
        pool = [a for a in pool if c.end <= a.start <= c.end + 14]
    elif cls == "gen_adjacent":
        pool = [a for a in pool if (a.case == "gen" and abs(a.end - c.start) <= 14) or
                (a.case == "gen" and 0 <= a.start - c.end <= 6)]
    elif cls == "adj_before":
        pool = [a for a in pool if a.form in ("adj", "demonym") and 0 <= c.start - a.end <= 6]
    elif cls == "adj":
        pool = [a for a in pool if a.form in ("adj", "demonym")]
    elif cls == "nom":
        pool = [a for a in pool if a.case == "nom" and a.form not in ("adj", "demonym")]
    else:
        pool = [a for a in pool if a.case == cls]
    if not pool:
        return None
    return min(pool, key=lambda a: (_distance(a, c, s.doc.lang), a.start))


@dataclass
class _Context:
    """What earlier sentences of the same section leave to later ones."""

    section: str = ""
    date: Mention | None = None
    states: tuple[str, ...] = ()


Settled = tuple[list[str], dict[str, Any]]


def _settle_actors(c: Candidate, s: SentenceView, focus: Focus, ctx: _Context) -> Settled | None:
    """The fact's two states, in role order for directed types.

    One strategy per way a sentence names its parties: the cue names them
    itself, the sentence says "the two countries", a directed cue reads
    roles, two or more states are named, one is, or none and the context
    of the section supplies them.
    """
    section = s.sent.section
    info: dict[str, Any] = {"from_focus": False}
    pair = _current_pair(focus, ctx, section)
    if c.actors is not None:
        return _actors_of_cue(c, focus, section, info)
    directed = (c.type in DIRECTED or c.attrs.get("flow") in ("export", "import")) and c.roles
    if s.pair_mentions and pair and (c.type in PAIR_TYPES or not s.distinct_states()):
        return list(pair), info
    if directed:
        return _directed_actors(c, s, focus, pair, info)
    parties = _parties_of(c, s, focus, section)
    distinct = _distinct(parties)
    if len(distinct) >= 2:
        return _named_pair(c, s, focus, pair, parties, distinct, info)
    if len(distinct) == 1:
        return _one_named_state(s, focus, pair, distinct[0], section, info)
    return _pair_from_context(c, ctx, pair, info)


def _current_pair(focus: Focus, ctx: _Context, section: str) -> tuple[str, ...] | None:
    """The pair "the two countries" means here: the section's, the last sentences', or the document's."""
    pair: tuple[str, ...] | None = focus.sections.get(section)
    if pair is None and len(ctx.states) >= 2 and not focus.bilateral:
        pair = ctx.states[:2]  # "the two countries" of the sentences just read
    if pair is None:
        pair = focus.pair
    return pair


def _actors_of_cue(c: Candidate, focus: Focus, section: str, info: dict[str, Any]) -> Settled | None:
    """States the cue itself settled (a table row, an agreement's parties)."""
    chosen = [a for a in c.actors or () if a is not None]
    codes = [a.code for a in chosen]
    info["cities"] = [a.city for a in chosen]
    if len(codes) == 1:
        other = focus.partner(codes[0], section)
        if other is None:
            return None
        codes.append(other)
        info["from_focus"] = True
        info["cities"].append(None)
    return codes, info


def _directed_roles(c: Candidate, s: SentenceView, actors: list[Actor]) -> tuple[Actor | None, Actor | None]:
    """The source and target of a directed cue, by the role classes its rule lists."""
    roles = c.roles or {}
    src_cls, tgt_cls = roles.get("source", []), roles.get("target", [])
    src = tgt = None
    # A state right next to the cue is the strongest sign of its role
    # ("X-এর প্রশংসা": X is praised), so a positional class is settled first.
    if tgt_cls and tgt_cls[0] in ("before_cue", "after_cue"):
        tgt = _nearest(actors, tgt_cls[0], c, s, set())
    if tgt is None and c.attrs.get("_target_first"):
        # The state an action is aimed at is the one nearest the cue
        # ("A-এর ... B-এর ওপর নিষেধাজ্ঞা"); the actor stands further away.
        for cls in tgt_cls:
            if cls != "other" and (tgt := _nearest(actors, cls, c, s, set())):
                break
    for cls in src_cls:
        if tgt is not None:
            break
        if cls != "other" and (src := _nearest(actors, cls, c, s, set())):
            break
    for cls in tgt_cls:
        if tgt is not None:
            break
        if cls != "other" and (tgt := _nearest(actors, cls, c, s, {src.base} if src else set())):
            break
    if src is None and tgt is not None:
        for cls in src_cls:
            if cls != "other" and (src := _nearest(actors, cls, c, s, {tgt.base})):
                break
    return src, tgt


def _directed_actors(c: Candidate, s: SentenceView, focus: Focus, pair: tuple[str, ...] | None,
                     info: dict[str, Any]) -> Settled | None:
    """Source and target of a directed cue; a missing one is the other state named, or the focus's."""
    section = s.sent.section
    distinct = s.distinct_states()
    actors = [a for a in s.actors if a.case != "mediator" and not (c.type == "statement" and _is_venue(a))]
    src, tgt = _directed_roles(c, s, actors)
    if src is None and tgt is None:
        if not distinct:
            return None
        # The sentence's first state may be one left out of ``actors``
        # (a mediator, a venue of a statement): then no party is known.
        src = next((a for a in actors if a.code == distinct[0]), None)
        if src is None:
            return None
    info["chosen"] = [src, tgt]
    info["cities"] = [src.city if src else None, tgt.city if tgt else None]
    info["persons"] = [a.person for a in (src, tgt) if a is not None and a.person]
    if src is not None and tgt is not None:
        return [src.code, tgt.code], info
    one = src if src is not None else tgt
    if one is None:  # not reached: src is set above when both are missing
        return None
    known = one.code
    others = [x for x in distinct if successor(x) != successor(known)]
    if not others and c.type in LOOSE_TYPES and not focus.bilateral and not s.pair_mentions:
        return None  # e.g. praise of a domestic thing in news about two states
    other = others[0] if others else focus.partner(known, section)
    if other is None and s.pair_mentions and pair:
        other = pair[1] if successor(pair[0]) == successor(known) else pair[0]
    if other is None:
        return None
    info["from_focus"] = not others
    return ([known, other] if src is not None else [other, known]), info


def _parties_of(c: Candidate, s: SentenceView, focus: Focus, section: str) -> list[Actor]:
    """The states that may be parties of an undirected cue."""
    parties = [a for a in s.actors if a.case != "mediator"]
    if c.type == "meeting" and len(_distinct([a for a in parties if not _is_place(a)])) >= 1:
        # A meeting's place is not one of its parties unless nothing else is named.
        located = [a for a in parties if not _is_place(a)]
        if len(_distinct(located)) >= 2 or focus.partner(located[0].code, section):
            parties = located
    return parties


def _named_pair(c: Candidate, s: SentenceView, focus: Focus, pair: tuple[str, ...] | None,
                parties: list[Actor], distinct: list[str], info: dict[str, Any]) -> Settled | None:
    """Two of several named states: a marked pair, partners, or the two nearest the cue."""
    def rank(a: Actor) -> int:
        return _distance(a, c, s.doc.lang) + (60 if _is_venue(a) else 0)
    nearest = {code: min((a for a in parties if a.code == code), key=rank) for code in distinct}
    ranked = sorted(distinct, key=lambda code: rank(nearest[code]))
    a, b = ranked[0], ranked[1]
    between = _compound_pair(s, c, parties) or _between_pair(s, c)
    if between is False:
        return None
    marked = between or _subject_pair(s, parties) or _pair_before_cue(s, c, parties)
    if isinstance(marked, tuple):
        return [marked[0].code, marked[1].code], info
    partners = _with_partners(s, parties, c, focus)
    if partners:
        subject, others = partners
        info["partners"] = others
        info["from_focus"] = subject.start < 0
        return [subject.code, others[0].code], info
    if c.attrs.get("_strict") and not _adversaries(nearest[a], nearest[b], focus, pair):
        return None
    info["chosen"] = [nearest[a], nearest[b]]
    return _listed_partners(s, focus, distinct, nearest[a], nearest[b], info) or ([a, b], info)


def _adversaries(x: Actor, y: Actor, focus: Focus, pair: tuple[str, ...] | None) -> bool:
    """Whether two states are named as adversaries, or are the document's own pair.

    Adversaries are named as such ("war with X", "X-এর বিরুদ্ধে"), or they are
    the document's own pair; anything else is too loose for a strict type.
    """
    bases = {x.base, y.base}
    cases = {x.case, y.case}
    forms = {x.form, y.form}
    # "X-এর বিরুদ্ধে", "war with X"; or "X-এ Y-এর হামলা" (Y's attack in X).
    place = next((z for z in (x, y) if z.case == "loc"), None)
    marked = bool(cases & {"with", "on"}) or (
        place is not None and not _is_venue(place) and bool(cases & {"gen"} or forms & {"adj"}))
    own = bool(pair and bases == {successor(p) for p in pair}) or \
        (focus.single is not None and successor(focus.single) in bases)
    return marked or own


def _listed_partners(s: SentenceView, focus: Focus, distinct: list[str], first: Actor, second: Actor,
                     info: dict[str, Any]) -> Settled | None:
    """"with A and B": the list is the partners of a state named apart (or of the document's own state)."""
    group = _group(s, first)
    if second not in group or len(group) < 2:
        return None
    members = {m.base for m in group}
    outside = [x for x in distinct if successor(x) not in members]
    anchor = focus.single if focus.single and successor(focus.single) not in members else None
    third = outside[0] if outside else anchor
    if third and len(group) > 2 or (third and outside):
        info["chosen"] = [None, first]
        info["from_focus"] = not outside
        return [third, first.code], info
    return None


def _one_named_state(s: SentenceView, focus: Focus, pair: tuple[str, ...] | None, code: str, section: str,
                     info: dict[str, Any]) -> Settled | None:
    """One state named: the other is the focus's partner, or the other of "the two countries"."""
    other = focus.partner(code, section)
    if other is None and s.pair_mentions and pair:
        other = pair[1] if successor(pair[0]) == successor(code) else pair[0]
    if other is None:
        return None
    info["from_focus"] = True
    return [code, other], info


def _pair_from_context(c: Candidate, ctx: _Context, pair: tuple[str, ...] | None,
                       info: dict[str, Any]) -> Settled | None:
    """No state named: a context type takes the states of the last sentences, or the document's pair."""
    if c.type not in CONTEXT_TYPES:
        return None
    if len(ctx.states) >= 2:
        info["from_focus"] = True
        return list(ctx.states[:2]), info
    if pair:
        info["from_focus"] = True
        return list(pair), info
    return None


def _with_partners(s: SentenceView, parties: list[Actor], c: Candidate,
                   focus: Focus) -> tuple[Actor, list[Actor]] | None:
    """A state and the several partners it acts "with" ("X-এর সঙ্গে ..., Y-এর সঙ্গে ...").

    Each partner makes a fact of its own, dated by the date nearest to it.
    """
    grammar = profile(s.rules.lang)
    withs: list[Actor] = []
    # Another cue between a partner and this one means the partner belongs
    # to that other fact ("A-এর সঙ্গে সহযোগিতা বাড়িয়ে B-এর সঙ্গে উত্তেজনা").
    fences = [start for start, _, kind in s.cue_spans if kind != c.type]
    for a in parties:
        # Bengali names a cue's partners before it, English right after ("war with X").
        near = a.end <= c.start if grammar.head_final else 0 <= a.start - c.end < grammar.after_cue_window
        lo, hi = sorted((a.end, c.start))
        if any(lo < f < hi for f in fences):
            continue
        if near and a.case == "with" and not _is_venue(a) and a.form != "person":
            for m in _group(s, a):
                if m.base not in {w.base for w in withs}:
                    withs.append(m)
    # English "war with X": one partner is enough when the subject is known.
    if len(withs) < grammar.min_with_partners:
        return None
    bases = {w.base for w in withs}
    subjects = [a for a in parties if a.base not in bases and a.case in ("nom", "gen") and not _is_venue(a)
                and (grammar.head_final or a.end <= c.start)]  # an English subject precedes its verb
    if subjects:
        subject = min(subjects, key=lambda a: _distance(a, c, s.doc.lang))
    elif focus.single and successor(focus.single) not in bases:
        subject = Actor(focus.single, -1, -1, "nom", "name")
    else:
        return None
    return subject, withs


def _is_venue(a: Actor) -> bool:
    """A capital or city in the locative: where something happened, not who took part."""
    return a.case == "loc" and a.form in ("capital", "city")


def _is_place(a: Actor) -> bool:
    """Any state named as where something happened ("held in Morocco")."""
    return a.case == "loc" and a.form != "person"


def _distinct(actors: list[Actor]) -> list[str]:
    seen: list[str] = []
    for a in actors:
        if a.base not in {successor(c) for c in seen}:
            seen.append(a.code)
    return seen


def _subject_pair(s: SentenceView, parties: list[Actor]) -> tuple[Actor, Actor] | None:
    """Two states listed together as the subject ("A ও B ... সই করে", "A and B signed")."""
    states = [a for a in parties if a.form != "person" and not _is_venue(a)]
    for i in range(len(states) - 1):
        a, b = states[i], states[i + 1]
        if a.base != b.base and a.case == "nom" and b.case == "nom" and _coordinated(s, a, b):
            before = states[i - 1] if i else None
            after = states[i + 2] if i + 2 < len(states) else None
            if (before is None or not _coordinated(s, before, a)) and (after is None or not _coordinated(s, b, after)):
                return a, b
    return None


def _compound_pair(s: SentenceView, c: Candidate, parties: list[Actor]) -> tuple[Actor, Actor] | None:
    """Two states joined by a hyphen right at the cue: "পাক-ভারত যুদ্ধ", "India–Pakistan war"."""
    states = [a for a in parties if a.form != "person"]
    for a, b in zip(states, states[1:]):
        if a.base == b.base or b.start - a.end > 1 or s.text[a.end:b.start] not in ("-", "–", "—", "‐"):
            continue
        gap = c.start - b.end if b.end <= c.start else a.start - c.end
        if 0 <= gap <= 12:
            return a, b
    return None


def _pair_before_cue(s: SentenceView, c: Candidate, parties: list[Actor]) -> tuple[Actor, Actor] | None:
    """Two states listed together just before the cue ("ভারত ও চীনের সীমান্তে সংঘর্ষ")."""
    states = [a for a in parties if a.form != "person" and not _is_venue(a)]
    for i in range(len(states) - 1):
        a, b = states[i], states[i + 1]
        if a.base != b.base and _coordinated(s, a, b) and 0 <= c.start - b.end <= 20 and \
                not (i + 2 < len(states) and _coordinated(s, b, states[i + 2])) and \
                not (i and _coordinated(s, states[i - 1], a)):
            return a, b
    return None


def _between_pair(s: SentenceView, c: Candidate) -> tuple[Actor, Actor] | None | bool:
    """The two states of "between A and B" / "A ও B-এর মধ্যে" nearest the cue.

    False when "between" lists more than two states: the fact is multilateral.
    """
    states = [a for a in s.actors if a.form != "person"]
    best = None
    for i in range(len(states) - 1):
        a, b = states[i], states[i + 1]
        if a.base == b.base or not _coordinated(s, a, b):
            continue
        longer = ((i + 2 < len(states) and _coordinated(s, b, states[i + 2]))
                  or (i and _coordinated(s, states[i - 1], a)))
        r = s.rules
        if (r.between_before is not None and r.between_before.search(s.text, max(s.start, a.start - 20), a.start)) or \
                (r.between_after is not None and r.between_after.match(s.text, b.end, min(s.end, b.end + 20))):
            if longer:
                return False  # "between A, B, C and D": not a bilateral fact
            dist = min(abs(a.start - c.start), abs(b.end - c.end))
            if best is None or dist < best[0]:
                best = (dist, a, b)
    return (best[1], best[2]) if best else None


def _coordinated(s: SentenceView, a: Actor, b: Actor) -> bool:
    """Whether only a list word stands between two mentions ("A, B ও C")."""
    if a.end > b.start:
        return False
    return bool(s.rules.coordination.fullmatch(s.text, a.end, b.start))


def _group(s: SentenceView, actor: Actor) -> list[Actor]:
    """``actor`` and the states listed with it ("A, B ও C", "A, B and C")."""
    states = [a for a in s.actors if a.form != "person"]
    if actor not in states:
        return [actor]
    i = states.index(actor)
    lo = hi = i
    while lo > 0 and _coordinated(s, states[lo - 1], states[lo]):
        lo -= 1
    while hi + 1 < len(states) and _coordinated(s, states[hi], states[hi + 1]):
        hi += 1
    return states[lo:hi + 1]


def _expand(codes: list[str], info: dict, s: SentenceView) -> list[list[str]]:
    """One fact per state of a list on either side ("India's suppliers are A, B and C")."""
    chosen = info.get("chosen")
    if not chosen:
        return [codes]
    sides: list[list[str]] = []
    for i, (code, actor) in enumerate(zip(codes, chosen)):
        if actor is None:
            sides.append([code])
            continue
        # The other side's state is never its own partner: a list that holds
        # both sides is the pair itself ("A and B agreed ...").
        other = successor(codes[1 - i])
        members = [code]
        for a in _group(s, actor):
            if a.base != other and a.base not in {successor(m) for m in members}:
                members.append(a.code)
        sides.append(members)
    out = [[x, y] for x in sides[0] for y in sides[1] if successor(x) != successor(y)]
    return out[:12] or [codes]


def _settle_date(c: Candidate, s: SentenceView, lang: str, ctx: _Context, taken: set[int],
                 anchor: int | None = None) -> tuple[str | None, bool]:
    """The fact's EDTF date and whether it was carried from an earlier sentence."""
    if anchor is None:
        anchor = c.anchor if c.anchor is not None else c.start
    dates = [d for d in s.dates if d.key or _with_contextyear_of(d, ctx)]
    chosen = None
    if dates:
        if c.type == "trade_volume":
            free = [d for d in dates if id(d) not in taken] or dates
            before = [d for d in free if d.end <= anchor]
            chosen = before[-1] if before else min(free, key=lambda d: abs(d.start - anchor))
            taken.add(id(chosen))
        elif profile(lang).head_final:
            # Bengali dates an event before its noun; a date after the cue
            # belongs to it only if no other cue stands between.
            fences = [start for start, _, kind in s.cue_spans if start > c.start and kind != c.type]
            before = [d for d in dates if d.end <= anchor]
            after = [d for d in dates if d.start >= anchor and not any(c.start < f for f in fences)]
            chosen = before[-1] if before else (min(after, key=lambda d: d.start) if after else None)
        else:
            chosen = min(dates, key=lambda d: (abs(d.start - anchor) if d.end <= anchor else abs(d.start - anchor) + 1))
    carried = False
    if chosen is None and c.type not in UNCARRIED_TYPES:
        chosen = ctx.date
        carried = chosen is not None
    if chosen is None:
        return None, False
    key = chosen.key or _with_contextyear_of(chosen, ctx)
    mode = chosen.attrs.get("mode")
    point = chosen.attrs.get("point")
    if c.type in SINCE_TYPES:
        if mode != "since" and not carried and "/" not in key:
            gap = s.text[chosen.end:max(chosen.end, min(anchor, s.end))]
            lead = s.text[max(s.start, chosen.start - 14):chosen.start]
            if s.rules.since.search(gap[:80]) or s.rules.since.search(lead):
                key = f"{key}/.."
    elif mode == "since" and point:
        key = point
    return key, carried


def _with_contextyear_of(d: Mention, ctx: _Context) -> str:
    """A month (and day) without a year, dated by the year the text is at ("in October")."""
    month = d.attrs.get("month")
    said = ctx.date
    if said is None or not said.key or said.attrs.get("mode", "point") != "point":
        return ""
    year = year_of(said.key)
    if d.key or not month or year is None or "X" in said.key:
        return ""
    day = d.attrs.get("day")
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _index_mentions(doc: Document) -> tuple[dict[str, list[Mention]], dict[str, list[int]]]:
    """The mentions of each kind in text order, and their starts (for bisecting)."""
    by_kind: dict[str, list[Mention]] = {}
    for m in doc.mentions:
        by_kind.setdefault(m.kind, []).append(m)
    for ms in by_kind.values():
        ms.sort(key=lambda m: m.start)
    starts = {k: [m.start for m in v] for k, v in by_kind.items()}
    for k in ("state", "city", "person", "date", "money"):
        by_kind.setdefault(k, [])
        starts.setdefault(k, [])
    return by_kind, starts


def _sentence_facts(doc: Document, s: SentenceView, rules: LangRules, present: frozenset[str], focus: Focus,
                    ctx: _Context) -> list[DraftFact]:
    """The facts of the cues of one sentence."""
    facts: list[DraftFact] = []
    candidates = find_candidates(s, rules, present)
    taken: set[int] = set()
    s.cue_spans = [(c.start, c.end, c.type) for c in candidates]
    for c in candidates:
        need = c.attrs.pop("_requires_states", 0)
        # "the two countries" names two states at once
        if need and len(s.distinct_states()) + (2 if s.pair_mentions else 0) < need:
            continue
        facts.extend(_build(doc, c, s, focus, ctx, rules.lang, taken))
    return facts


def run(doc: Document) -> Document:
    """Find the facts of ``doc`` (evidence as offsets into ``doc.text``)."""
    if not doc.sentences:
        doc.drafts = []
        return doc
    rules = rules_for(doc.lang if doc.lang in LANGUAGES else DEFAULT_LANGUAGE)
    by_kind, starts = _index_mentions(doc)
    focus = find_focus(doc, by_kind["state"])
    doc.meta["focus"] = {"pair": focus.pair, "single": focus.single, "sections": focus.sections}
    facts: list[DraftFact] = []
    ctx = _Context()
    last_person: Mention | None = None
    in_tables = table_spans(doc, rules)
    hint_hits = cues_in(rules, doc.text)
    hint_ends = [end for end, _ in hint_hits]
    for sent in doc.sentences:
        if sent.boilerplate or any(a <= sent.start < b for a, b in in_tables):
            continue
        lo, hi = bisect_left(hint_ends, sent.start), bisect_left(hint_ends, sent.end)
        present = frozenset().union(*(hint_hits[i][1] for i in range(lo, hi)))
        if sent.section != ctx.section:
            ctx = _Context(section=sent.section)
        if not present:
            # No cue word: nothing here can be a fact, but the sentence may
            # still set the date and states that later sentences carry.
            _remember(doc, sent, by_kind, starts, ctx)
            continue
        s = SentenceView(doc, sent, by_kind, starts, rules)
        s.add_pronouns(rules, focus.person or last_person)
        lo = bisect_left(starts["person"], sent.start)
        hi = bisect_left(starts["person"], sent.end)
        named = [m for m in by_kind["person"][lo:hi] if m.key]
        if named:
            subjects = [m for m in named if m.attrs.get("case", "nom") == "nom"]
            last_person = (subjects or named)[0]
        if s.actors or s.pair_mentions or ctx.states or focus.pair:
            facts.extend(_sentence_facts(doc, s, rules, present, focus, ctx))
        dated = [d for d in s.dates if d.key]
        if dated:
            ctx.date = dated[-1]
        distinct = s.distinct_states()
        if len(distinct) == 2:
            ctx.states = tuple(distinct[:2])
        elif len(distinct) > 2:
            ctx.states = ()  # several states: "the two countries" is no longer clear
    facts.extend(table_facts(doc, rules, focus, by_kind))
    doc.drafts = _dedupe(facts)
    return doc


def _remember(doc: Document, sent: Sentence, by_kind: dict[str, list[Mention]],
              starts: dict[str, list[int]], ctx: _Context) -> None:
    """Carry a sentence's last date and its two states to the sentences after it."""
    i = bisect_left(starts["date"], sent.start)
    last = None
    while i < len(by_kind["date"]) and by_kind["date"][i].start < sent.end:
        if by_kind["date"][i].key:
            last = by_kind["date"][i]
        i += 1
    if last is not None:
        ctx.date = last
    codes: list[str] = []
    i = bisect_left(starts["state"], sent.start)
    while i < len(by_kind["state"]) and by_kind["state"][i].start < sent.end:
        m = by_kind["state"][i]
        if m.key != PAIR and successor(m.key) not in {successor(c) for c in codes}:
            codes.append(m.key)
        i += 1
    if len(codes) == 2:
        ctx.states = tuple(codes)
    elif len(codes) > 2:
        ctx.states = ()


def _build(doc: Document, c: Candidate, s: SentenceView, focus: Focus, ctx: _Context, lang: str,
           taken: set[int]) -> list[DraftFact]:
    settled = _settle_actors(c, s, focus, ctx)
    if settled is None:
        return []
    codes, info = settled
    if len(codes) != 2 or successor(codes[0]) == successor(codes[1]):
        return []
    if info.get("partners"):
        facts = []
        for partner in info["partners"]:
            date, carried = _settle_date(c, s, lang, ctx, taken, anchor=partner.start)
            pair = [codes[0], partner.code]
            facts.append(_fact(doc, c, s, historical(pair, date), date, carried, info))
        return facts
    explicit = not info.get("from_focus") and not s.pair_mentions
    listed = _listed_dates(c, s, lang) if c.type in LISTED_DATE_TYPES and explicit else []
    dated: list[tuple[str | None, bool]] = [(d.key, False) for d in listed] or [_settle_date(c, s, lang, ctx, taken)]
    facts = []
    for date, carried in dated:
        for pair in _expand(codes, info, s):
            facts.append(_fact(doc, c, s, historical(pair, date), date, carried, info))
    return facts



def _listed_dates(c: Candidate, s: SentenceView, lang: str) -> list[Mention]:
    """Two or more dates listed together on the cue's side, with no other cue between."""
    fences = sorted(start for start, _, kind in s.cue_spans if kind != c.type)
    if profile(lang).head_final:
        lo = max([f for f in fences if f < c.start], default=s.start)
        segment = [d for d in s.dates if d.key and lo <= d.start and d.end <= c.start]
    else:
        hi = min([f for f in fences if f > c.end], default=s.end)
        segment = [d for d in s.dates if d.key and c.end <= d.start and d.end <= hi]
    if len({d.key for d in segment}) < 2:
        return []
    for a, b in zip(segment, segment[1:]):
        # "in 1984 and 1999", "১৯৮৪ সালে সিয়াচেন ও ১৯৯৯ সালে": close together, joined by a list word
        if b.start - a.end > 40 or not s.rules.coordination.search(s.text, a.end, b.start):
            return []
    return segment


def _fact(doc: Document, c: Candidate, s: SentenceView, codes: list[str], date: str | None, carried: bool,
          info: dict) -> DraftFact:
    attrs = {k: v for k, v in c.attrs.items() if not k.startswith("_")}
    cities = info.get("cities") or []
    if c.type in ("mission_opened", "mission_closed") and len(cities) > 1 and cities[1]:
        attrs["city"] = cities[1]
    if c.type == "visit":
        if len(cities) > 1 and cities[1]:
            attrs["city"] = cities[1]
        persons = [a.person for a in s.actors if a.person and a.base == successor(codes[0])]
        if persons:
            attrs["persons"] = sorted(set(persons))
    if c.type == "meeting":
        persons = [a.person for a in s.actors if a.person]
        if persons:
            attrs["persons"] = sorted(set(persons))
    if c.type == "arms_transfer":
        attrs["item"] = s.text[c.start:c.end]
    confidence = BASE_CONFIDENCE.get(c.type, 0.6)
    if info.get("from_focus"):
        confidence -= 0.1
    if carried:
        confidence -= 0.05
    if date is None:
        confidence -= 0.05
    return DraftFact(type=c.type, actors=codes, date=date, attrs=attrs, lang=doc.lang,
                     confidence=round(max(0.05, min(0.99, confidence)), 2), span=(s.start, s.end),
                     cue=(c.start, c.end), carried=carried)


def _dedupe(facts: list[DraftFact]) -> list[DraftFact]:
    """One fact per (type, states, date, defining attributes) in a document."""
    out: list[DraftFact] = []
    index: dict[tuple, DraftFact] = {}
    said: set[tuple] = set()
    for f in facts:
        codes = [successor(c) for c in f.actors]
        actors = tuple(codes) if f.type in DIRECTED else tuple(sorted(codes))
        # Two cues of one type in one sentence about the same states say one thing.
        if f.type != "trade_volume" and f.type != "mission_opened":
            same = (f.type, actors, f.date, f.span)
            if same in said:
                continue
            said.add(same)
        a = f.attrs
        defining = (a.get("value"), a.get("currency"), a.get("flow"), a.get("kind"), a.get("city"),
                    tuple(a.get("topics") or ()), a.get("domain"), a.get("polarity"))
        key = (f.type, actors, f.date, defining)
        if key in index:
            index[key].add_span(f.span)
            continue
        f.spans = [f.span]
        index[key] = f
        out.append(f)
    return _merge_undated_repeats(out)


def _merge_undated_repeats(facts: list[DraftFact]) -> list[DraftFact]:
    """A fact said again later without a date of its own is the same fact.

    News repeats its story ("the clash", "the two countries' clash") in
    sentence after sentence, with at most a date carried from elsewhere.
    """
    first: dict[tuple, DraftFact] = {}
    out = []
    for f in facts:
        codes = [successor(c) for c in f.actors]
        actors = tuple(codes) if f.type in DIRECTED else tuple(sorted(codes))
        key = (f.type, actors)
        undated = f.date is None or f.carried
        kept = first.get(key)
        if kept is not None and undated and f.type not in ("trade_volume", "trade_goods", "mission_opened"):
            for span in f.spans:
                kept.add_span(span)
            continue
        first.setdefault(key, f)
        out.append(f)
    return out
