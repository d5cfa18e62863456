"""The events stage: cues in sentences become bilateral facts.

For every sentence outside boilerplate, the stage finds cues (generic ones
from ``events.jsonl``; agreements, missions and trade figures, whose facts
have more structure, by their own rules), then fills each fact's two states
and its date from the mentions the earlier stages found:

- actors: the states named nearest the cue, with the roles of directed
  types taken from case and position (a Bengali genitive before দূতাবাস is
  the sending state; a locative is the host); "the two countries" is the
  document's pair; a sentence that names one state of the pair is about the
  other one too (:mod:`sampark.focus`); a state that no longer existed on the
  fact's date is given its former code (Russia in 1972 is the Soviet Union);
- date: the date mention nearest the cue (before it, in Bengali), else the
  date carried from an earlier sentence of the same section;
- evidence: the sentence, as offsets into the cleaned view (the facts stage
  maps them to the original).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

import regex

from sampark.document import Document, Mention, Sentence
from sampark.eventrules import AGREEMENT, MISSION, TRADE, Cue, LangRules, cues_in, rules_for
from sampark.focus import Focus, find_focus
from sampark.states import PAIR, predecessor_on, resolve_state, successor

DIRECTED = {"mission_opened", "mission_closed", "visit", "statement", "trade_goods",
            "arms_transfer", "aid", "sanction"}
# Types whose "since YEAR" is a state that began then (EDTF YEAR/..); for the
# others "since" marks when the thing happened (an embassy there since 1968).
SINCE_TYPES = {"relations_improved", "relations_strained", "cooperation", "conflict"}
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


class _Sentence:
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


def _cue_ok(cue: Cue, s: _Sentence, m) -> bool:
    text = s.text
    if cue.requires is not None and not cue.requires.search(text, s.start, s.end):
        return False
    if cue.unless is not None and cue.unless.search(text, s.start, s.end):
        return False
    if cue.unless_before is not None and cue.unless_before.search(text, max(s.start, m.start() - 30), m.start()):
        return False
    if cue.unless_after is not None and cue.unless_after.match(text, m.end(), min(s.end, m.end() + 30)):
        return False
    if cue.state_after and not any(m.end() <= a.start <= m.end() + cue.state_after for a in s.actors):
        return False
    if cue.state_before and not any(m.start() - cue.state_before <= a.end <= m.start() for a in s.actors):
        return False
    return True


def _generic(s: _Sentence, rules: LangRules, present: frozenset = None) -> list[Candidate]:
    found: list[Candidate] = []
    for i, cue in enumerate(rules.cues):
        if present is not None and i not in present:
            continue
        for m in cue.pattern.finditer(s.text, s.start, s.end):
            if _cue_ok(cue, s, m):
                found.append(Candidate(cue.type, m.start(), m.end(), dict(cue.attrs), cue.roles,
                                       cue.priority))
                found[-1].attrs["_requires_states"] = cue.requires_states
                if cue.target_first:
                    found[-1].attrs["_target_first"] = True
                if cue.type not in LISTED_DATE_TYPES:
                    break  # one fact of a kind per cue line and sentence
    # Where cues overlap, the more specific (higher priority) one stands.
    found.sort(key=lambda c: (-c.priority, c.start))
    kept: list[Candidate] = []
    for c in found:
        if any(c.start < k.end and k.start < c.end for k in kept):
            continue
        if any(k.type == c.type and k.attrs.get("domain") == c.attrs.get("domain") and
               (c.type not in LISTED_DATE_TYPES or abs(k.start - c.start) < 8) for k in kept):
            continue
        kept.append(c)
    return kept


def _topics(s: _Sentence, rules: LangRules, start: int, end: int) -> list[str]:
    topics = []
    for name, pattern in rules.topics:
        if pattern.search(s.text, start, end):
            topics.append(name)
    if "free_trade" in topics and "trade" in topics:
        topics.remove("trade")
    return topics


def _agreements(s: _Sentence, rules: LangRules) -> list[Candidate]:
    text = s.text
    nouns = list(rules.agreement_noun.finditer(text, s.start, s.end))
    if not nouns:
        return []
    signed_anywhere = rules.agreement_signed.search(text, s.start, s.end)
    out = []
    prev_end = s.start
    for m in nouns:
        if rules.agreement_backref.search(text, max(s.start, m.start() - 12), m.start()):
            prev_end = m.end()
            continue
        # The agreement's own words: back to the previous agreement, date or
        # comma (Bengali puts them before the noun), and a little after (English).
        window_start = max(prev_end, m.start() - 80)
        for d in s.dates:
            if window_start <= d.end <= m.start():
                window_start = d.end
        after_end = min(s.end, m.end() + (60 if rules.lang == "en" else 0))
        if rules.lang == "en":
            nxt = next((n.start() for n in nouns if n.start() > m.end()), s.end)
            after_end = min(after_end, nxt)
        if rules.agreement_negated is not None and rules.agreement_negated.search(
                text, max(s.start, m.start() - 60), min(s.end, m.end() + 40)):
            prev_end = m.end()
            continue
        signed = signed_anywhere or (rules.agreement_signed_after is not None and
                                     rules.agreement_signed_after.match(text, m.end(), min(s.end, m.end() + 40)))
        negotiated = rules.agreement_negotiated.search(text, max(s.start, m.start() - 50),
                                                       min(s.end, m.end() + 50))
        if negotiated and not (signed and signed.start() > m.end() and rules.lang == "bn"
                               and not rules.agreement_negotiated.search(text, m.end(), min(s.end, m.end() + 50))):
            ftype = "agreement_negotiated"
        elif signed:
            ftype = "agreement_signed"
        elif rules.lang == "en" and "partnership" in m.group().lower():
            # A partnership that is neither signed nor in the works is a
            # standing cooperation ("a strong strategic partnership with X").
            out.append(Candidate("cooperation", m.start(), m.end(), {"domain": "other"}, None, 3))
            prev_end = m.end()
            continue
        else:
            prev_end = m.end()
            continue
        topics = _topics(s, rules, window_start, after_end) or _topics(s, rules, s.start, s.end)[:1]
        title = text[window_start:m.end()].strip(" ,;:") if rules.lang == "bn" else text[m.start():after_end].strip(" ,;:.")
        attrs: dict[str, Any] = {"topics": topics or ["other"]}
        if title and len(title) < 150:
            attrs["title"] = title
        out.append(Candidate(ftype, m.start(), m.end(), attrs, None, 7))
        prev_end = m.end()
    return out


def _missions(s: _Sentence, rules: LangRules) -> list[Candidate]:
    """Missions: one per sending state named with a mission word.

    A Bengali sentence may name several with one noun ("X-এ A-র এবং Y-তে B-র
    দূতাবাস রয়েছে"): each genitive state before the noun sends one, to the
    host named in the locative just before it.
    """
    text = s.text
    out: list[Candidate] = []
    expelled = rules.mission_expelled.search(text, s.start, s.end)
    for kind, pattern in rules.mission_kinds:
        for m in pattern.finditer(text, s.start, s.end):
            if any(c.start <= m.start() < c.end for c in out):
                continue
            near = rules.mission_opened_near
            # Bengali says "X-এ Y-র দূতাবাস রয়েছে" (the verb follows); English
            # "Y has an embassy in X" or "an embassy was opened" (either side).
            lo = max(s.start, m.start() - (12 if rules.lang == "bn" else near))
            closed = rules.mission_closed.search(text, max(s.start, m.start() - near), min(s.end, m.end() + near))
            opened = rules.mission_opened.search(text, lo, min(s.end, m.end() + near))
            if closed and (not opened or abs(closed.start() - m.start()) < abs(opened.start() - m.start())):
                ftype = "mission_closed"
            elif opened:
                ftype = "mission_opened"
            else:
                continue
            out.extend(_mission_facts(s, rules, m, kind, ftype, out))
    if expelled and not any(c.type == "mission_closed" for c in out):
        out.append(Candidate("mission_closed", expelled.start(), expelled.end(), {"kind": "embassy"},
                             {"source": ["nom", "adj", "gen"], "target": ["acc", "gen", "other"]}, 6))
    return out


def _mission_facts(s: _Sentence, rules: LangRules, m, kind: str, ftype: str,
                   before: list[Candidate]) -> list[Candidate]:
    prev = max([c.end for c in before if c.end <= m.start()], default=s.start)
    if rules.lang == "bn":
        senders = [a for a in s.actors if prev <= a.start < m.start() and a.case == "gen" and a.form != "person"]
        if len(senders) > 1:
            out = []
            for i, sender in enumerate(senders):
                lo = senders[i - 1].end if i else prev
                hosts = [a for a in s.actors if lo <= a.start < sender.start and a.case == "loc"]
                host = hosts[-1] if hosts else None
                out.append(Candidate(ftype, m.start(), m.end(), {"kind": kind}, None, 7,
                                     anchor=sender.start,
                                     actors=(sender, host) if host else (sender,)))
            return out
        return [Candidate(ftype, m.start(), m.end(), {"kind": kind},
                          {"source": ["gen", "adj", "nom"], "target": ["loc", "other"]}, 7)]
    return [Candidate(ftype, m.start(), m.end(), {"kind": kind},
                      {"source": ["gen_adjacent", "adj_before", "nom", "gen"],
                       "target": ["loc", "other"]}, 7)]


def _trade(s: _Sentence, rules: LangRules) -> list[Candidate]:
    """Trade figures (a sum of money near a trade word), else traded goods."""
    text = s.text
    t = rules.trade
    out: list[Candidate] = []
    if t["trade"].search(text, s.start, s.end):
        for money in s.money:
            c = _trade_figure(s, rules, money)
            if c is not None:
                out.append(c)
    # Goods named in another clause than a figure are a fact of their own
    # ("trade was $60 million; its main exports are carpets and tea").
    for g in _goods(s, rules):
        if not any(abs(g.start - c.start) < 40 and not _CLAUSE_MARK.search(text, *sorted((g.start, c.start)))
                   for c in out):
            out.append(g)
    return out


_CLAUSE_MARK = regex.compile(r"[;,।:]")


def _nearest_match(pattern, text: str, lo: int, hi: int, at: int):
    """The match of ``pattern`` in ``text[lo:hi]`` nearest to offset ``at``."""
    found = list(pattern.finditer(text, lo, hi))
    return min(found, key=lambda m: min(abs(m.start() - at), abs(m.end() - at))) if found else None


def _trade_figure(s: _Sentence, rules: LangRules, money: Mention) -> Candidate | None:
    text, t = s.text, rules.trade
    lo = max(s.start, money.start - 60)
    hi = min(s.end, money.end + 40)
    not_trade = _nearest_match(t["not_trade"], text, lo, hi, money.start)
    trade_word = _nearest_match(t["trade"], text, lo, hi, money.start) or t["trade"].search(text, s.start, s.end)
    if not_trade and (not trade_word or abs(not_trade.start() - money.start) < abs(trade_word.start() - money.start)):
        return None
    attrs: dict[str, Any] = {"value": money.attrs.get("value"), "currency": money.key, "flow": "total"}
    roles = None
    # The flow word nearest the figure says which figure it is: a sentence
    # may give exports and imports side by side.
    exp = _nearest_match(t["export"], text, lo, hi, money.start)
    imp = _nearest_match(t["import"], text, lo, hi, money.start)
    total = _nearest_match(t["total"], text, lo, hi, money.start)
    flows = [(m, name) for m, name in ((exp, "export"), (imp, "import"), (total, "total")) if m is not None]
    if flows:
        m, flow = min(flows, key=lambda fm: min(abs(fm[0].start() - money.start), abs(fm[0].end() - money.start)))
        attrs["flow"] = flow
        if flow == "export":
            roles = _export_roles(rules.lang)
        elif flow == "import":
            roles = _import_roles(rules.lang)
    return Candidate("trade_volume", money.start, money.end, attrs, roles, 8, anchor=money.start)


def _export_roles(lang: str) -> dict:
    if lang == "bn":
        return {"source": ["before_cue", "gen", "nom", "adj", "abl"], "target": ["loc", "acc", "other"]}
    return {"source": ["nom", "gen", "adj", "abl"], "target": ["loc", "acc", "other"]}


def _import_roles(lang: str) -> dict:
    # Written as [exporter, importer]: an importer is the target.
    if lang == "bn":
        return {"target": ["before_cue", "gen", "nom", "adj"], "source": ["abl", "loc", "other"]}
    return {"target": ["nom", "gen", "adj"], "source": ["abl", "other"]}


def _goods(s: _Sentence, rules: LangRules) -> list[Candidate]:
    t = rules.trade
    out = []
    for flow, roles in (("export", _export_roles(rules.lang)), ("import", _import_roles(rules.lang))):
        m = t[f"goods_cue_{flow}"].search(s.text, s.start, s.end)
        if not m:
            continue
        goods = _goods_named(s, t, m)
        out.append(Candidate("trade_goods", m.start(), m.end(), {"goods": goods, "flow": flow}, roles, 6))
    return out


def _distance(a: Actor, c: Candidate, lang: str | None) -> int:
    """How far a state stands from a cue; Bengali names a noun's parties before it."""
    if a.end <= c.start:
        return c.start - a.end
    gap = max(0, a.start - c.end)
    return gap + (20 if lang == "bn" else 0)


def _goods_named(s: _Sentence, t: dict, m) -> list[str]:
    """The goods an export or import word names, as written.

    A list follows the word where the text announces one ("রপ্তানিকৃত
    দ্রব্যের মধ্যে ...", "exports include ..."); otherwise Bengali names the
    goods just before the word ("চাল রপ্তানি", rice export).
    """
    text = s.text
    after = t.get("goods_after")
    lead = after.match(text, m.end(), s.end) if after is not None else None
    if after is None or lead:
        begin = lead.end() if lead else m.end()
        end_word = t["goods_end"].search(text, begin, s.end)
        tail = text[begin:end_word.start() if end_word else s.end]
        goods = [g.strip(" ।.,;:‘’'\"") for g in regex.split(t["goods_split"].pattern, tail, flags=regex.I)]
        return [g for g in goods if 1 < len(g) < 60][:12]
    inside = regex.match(r"\S+\s+(?:(?:[\w-]+\s+){0,3}?of\s+)?(.+?)\s+(?:to|from)\s*$", m.group())
    if inside and t.get("goods_until") is not None:
        return [inside.group(1)]  # "exported 2 million tonnes of wheat to"
    until = t.get("goods_until")
    if until is not None:
        # English names them after the word: "exported rice to Nepal".
        stop = until.search(text, m.end(), s.end)
        named = text[m.end():stop.start() if stop else min(s.end, m.end() + 60)].strip(" ,.;:")
        return [named] if 1 < len(named) < 60 else []
    words = regex.findall(r"[\p{L}\p{M}]+", text[max(s.start, m.start() - 40):m.start()])
    named: list[str] = []
    for word in reversed(words):
        if t["goods_units"].fullmatch(word) or len(named) == 2:
            break
        named.insert(0, word)
    return [" ".join(named)] if named else []


def _nearest(actors: list[Actor], cls: str, c: Candidate, s: _Sentence, exclude: set[str]) -> Actor | None:
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


def _settle_actors(c: Candidate, s: _Sentence, focus: Focus, ctx: _Context) -> tuple[list[str], dict] | None:
    """The fact's two states, in role order for directed types."""
    section = s.sent.section
    info: dict[str, Any] = {"from_focus": False}
    pair = focus.sections.get(section)
    if pair is None and len(ctx.states) >= 2 and not focus.bilateral:
        pair = ctx.states[:2]  # "the two countries" of the sentences just read
    if pair is None:
        pair = focus.pair
    if c.actors is not None:
        chosen = [a for a in c.actors if a is not None]
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
    directed = (c.type in DIRECTED or c.attrs.get("flow") in ("export", "import")) and c.roles
    if s.pair_mentions and pair and (c.type in PAIR_TYPES or not s.distinct_states()):
        return list(pair), info
    distinct = s.distinct_states()
    if directed:
        actors = [a for a in s.actors if a.case != "mediator" and not (c.type == "statement" and _is_venue(a))]
        src_cls, tgt_cls = c.roles.get("source", []), c.roles.get("target", [])
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
        if src is None and tgt is None:
            if not distinct:
                return None
            first = next(a for a in actors if a.code == distinct[0])
            src = first
        codes: list[str | None] = [src.code if src else None, tgt.code if tgt else None]
        info["chosen"] = [src, tgt]
        info["cities"] = [src.city if src else None, tgt.city if tgt else None]
        info["persons"] = [a.person for a in (src, tgt) if a is not None and a.person]
        if codes[0] is None or codes[1] is None:
            known = codes[0] or codes[1]
            others = [x for x in distinct if successor(x) != successor(known)]
            if not others and c.type in LOOSE_TYPES and not focus.bilateral and not s.pair_mentions:
                return None  # e.g. praise of a domestic thing in news about two states
            other = others[0] if others else focus.partner(known, section)
            if other is None and s.pair_mentions and pair:
                other = pair[1] if successor(pair[0]) == successor(known) else pair[0]
            if other is None:
                return None
            info["from_focus"] = not others
            codes = [known, other] if codes[0] else [other, known]
        return codes, info
    parties = [a for a in s.actors if a.case != "mediator"]
    if c.type == "meeting" and len(_distinct([a for a in parties if not _is_place(a)])) >= 1:
        # A meeting's place is not one of its parties unless nothing else is named.
        located = [a for a in parties if not _is_place(a)]
        if len(_distinct(located)) >= 2 or focus.partner(located[0].code, section):
            parties = located
    distinct = _distinct(parties)
    strict = bool(c.attrs.get("_strict"))
    if len(distinct) >= 2:
        def rank(a: Actor) -> int:
            return _distance(a, c, s.doc.lang) + (60 if _is_venue(a) else 0)
        nearest = {code: min((a for a in parties if a.code == code), key=rank) for code in distinct}
        ranked = sorted(distinct, key=lambda code: rank(nearest[code]))
        a, b = ranked[0], ranked[1]
        between = _compound_pair(s, c, parties) or _between_pair(s, c)
        if between is False:
            return None
        between = between or _subject_pair(s, parties) or _pair_before_cue(s, c, parties)
        if between:
            return [between[0].code, between[1].code], info
        partners = _with_partners(s, parties, c, focus)
        if partners:
            subject, others = partners
            info["partners"] = others
            info["from_focus"] = subject.start < 0
            return [subject.code, others[0].code], info
        if strict:
            # Adversaries are named as such ("war with X", "X-এর বিরুদ্ধে"), or
            # they are the document's own pair; anything else is too loose.
            bases = {nearest[a].base, nearest[b].base}
            cases = {nearest[a].case, nearest[b].case}
            forms = {nearest[a].form, nearest[b].form}
            # "X-এর বিরুদ্ধে", "war with X"; or "X-এ Y-এর হামলা" (Y's attack in X).
            place = next((nearest[x] for x in (a, b) if nearest[x].case == "loc"), None)
            marked = bool(cases & {"with", "on"}) or (
                place is not None and not _is_venue(place) and (cases & {"gen"} or forms & {"adj"}))
            own = (pair and bases == {successor(x) for x in pair}) or \
                (focus.single is not None and successor(focus.single) in bases)
            if not marked and not own:
                return None
        info["chosen"] = [nearest[a], nearest[b]]
        group = _group(s, nearest[a])
        if nearest[b] in group and len(group) >= 2:
            # "with A and B": the list is the partners of a state named apart
            # (or of the document's own state), not a pair of its own.
            outside = [x for x in distinct if successor(x) not in {m.base for m in group}]
            anchor = focus.single if focus.single and successor(focus.single) not in {m.base for m in group} else None
            third = outside[0] if outside else anchor
            if third and len(group) > 2 or (third and outside):
                info["chosen"] = [None, nearest[a]]
                info["from_focus"] = not outside
                return [third, a], info
        return [a, b], info
    if len(distinct) == 1:
        other = focus.partner(distinct[0], section)
        if other is None and s.pair_mentions and pair:
            other = pair[1] if successor(pair[0]) == successor(distinct[0]) else pair[0]
        if other is None:
            return None
        info["from_focus"] = True
        return [distinct[0], other], info
    if c.type in CONTEXT_TYPES:
        if len(ctx.states) >= 2:
            info["from_focus"] = True
            return list(ctx.states[:2]), info
        if pair:
            info["from_focus"] = True
            return list(pair), info
    return None


def _with_partners(s: _Sentence, parties: list[Actor], c: Candidate,
                   focus: Focus) -> tuple[Actor, list[Actor]] | None:
    """A state and the several partners it acts "with" ("X-এর সঙ্গে ..., Y-এর সঙ্গে ...").

    Each partner makes a fact of its own, dated by the date nearest to it.
    """
    withs: list[Actor] = []
    # Another cue between a partner and this one means the partner belongs
    # to that other fact ("A-এর সঙ্গে সহযোগিতা বাড়িয়ে B-এর সঙ্গে উত্তেজনা").
    fences = [start for start, _, kind in s.cue_spans if kind != c.type]
    for a in parties:
        # Bengali names a cue's partners before it, English right after ("war with X").
        near = a.end <= c.start if s.doc.lang == "bn" else 0 <= a.start - c.end < 60
        lo, hi = sorted((a.end, c.start))
        if any(lo < f < hi for f in fences):
            continue
        if near and a.case == "with" and not _is_venue(a) and a.form != "person":
            for m in _group(s, a):
                if m.base not in {w.base for w in withs}:
                    withs.append(m)
    # English "war with X": one partner is enough when the subject is known.
    if len(withs) < (1 if s.doc.lang == "en" else 2):
        return None
    bases = {w.base for w in withs}
    subjects = [a for a in parties if a.base not in bases and a.case in ("nom", "gen") and not _is_venue(a)
                and (s.doc.lang == "bn" or a.end <= c.start)]  # an English subject precedes its verb
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


def _subject_pair(s: _Sentence, parties: list[Actor]) -> tuple[Actor, Actor] | None:
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


def _compound_pair(s: _Sentence, c: Candidate, parties: list[Actor]) -> tuple[Actor, Actor] | None:
    """Two states joined by a hyphen right at the cue: "পাক-ভারত যুদ্ধ", "India–Pakistan war"."""
    states = [a for a in parties if a.form != "person"]
    for a, b in zip(states, states[1:]):
        if a.base == b.base or b.start - a.end > 1 or s.text[a.end:b.start] not in ("-", "–", "—", "‐"):
            continue
        gap = c.start - b.end if b.end <= c.start else a.start - c.end
        if 0 <= gap <= 12:
            return a, b
    return None


def _pair_before_cue(s: _Sentence, c: Candidate, parties: list[Actor]) -> tuple[Actor, Actor] | None:
    """Two states listed together just before the cue ("ভারত ও চীনের সীমান্তে সংঘর্ষ")."""
    states = [a for a in parties if a.form != "person" and not _is_venue(a)]
    for i in range(len(states) - 1):
        a, b = states[i], states[i + 1]
        if a.base != b.base and _coordinated(s, a, b) and 0 <= c.start - b.end <= 20 and \
                not (i + 2 < len(states) and _coordinated(s, b, states[i + 2])) and \
                not (i and _coordinated(s, states[i - 1], a)):
            return a, b
    return None


def _between_pair(s: _Sentence, c: Candidate) -> tuple[Actor, Actor] | None | bool:
    """The two states of "between A and B" / "A ও B-এর মধ্যে" nearest the cue.

    False when "between" lists more than two states: the fact is multilateral.
    """
    states = [a for a in s.actors if a.form != "person"]
    best = None
    for i in range(len(states) - 1):
        a, b = states[i], states[i + 1]
        if a.base == b.base or not _coordinated(s, a, b):
            continue
        longer = (i + 2 < len(states) and _coordinated(s, b, states[i + 2])) or (i and _coordinated(s, states[i - 1], a))
        r = s.rules
        if (r.between_before is not None and r.between_before.search(s.text, max(s.start, a.start - 20), a.start)) or \
                (r.between_after is not None and r.between_after.match(s.text, b.end, min(s.end, b.end + 20))):
            if longer:
                return False  # "between A, B, C and D": not a bilateral fact
            dist = min(abs(a.start - c.start), abs(b.end - c.end))
            if best is None or dist < best[0]:
                best = (dist, a, b)
    return (best[1], best[2]) if best else None


def _coordinated(s: _Sentence, a: Actor, b: Actor) -> bool:
    """Whether only a list word stands between two mentions ("A, B ও C")."""
    if a.end > b.start:
        return False
    return bool(s.rules.coordination.fullmatch(s.text, a.end, b.start))


def _group(s: _Sentence, actor: Actor) -> list[Actor]:
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


def _expand(codes: list[str], info: dict, s: _Sentence) -> list[list[str]]:
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


def _settle_date(c: Candidate, s: _Sentence, lang: str, ctx: _Context, taken: set[int],
                 anchor: int | None = None) -> tuple[str | None, bool]:
    """The fact's EDTF date and whether it was carried from an earlier sentence."""
    if anchor is None:
        anchor = c.anchor if c.anchor is not None else c.start
    dates = [d for d in s.dates if d.key or _with_context_year(d, ctx)]
    chosen = None
    if dates:
        if c.type == "trade_volume":
            free = [d for d in dates if id(d) not in taken] or dates
            before = [d for d in free if d.end <= anchor]
            chosen = before[-1] if before else min(free, key=lambda d: abs(d.start - anchor))
            taken.add(id(chosen))
        elif lang == "bn":
            # Bengali dates an event before its noun; a date after the cue
            # belongs to it only if no other cue stands between.
            fences = [start for start, _, kind in s.cue_spans if start > c.start and kind != c.type]
            before = [d for d in dates if d.end <= anchor]
            after = [d for d in dates if d.start >= anchor and not any(c.start < f for f in fences)]
            chosen = before[-1] if before else (min(after, key=lambda d: d.start) if after else None)
        else:
            chosen = min(dates, key=lambda d: (abs(d.start - anchor) if d.end <= anchor else abs(d.start - anchor) + 1))
    carried = False
    if chosen is None:
        chosen = ctx.date
        carried = chosen is not None
    if chosen is None:
        return None, False
    key = chosen.key or _with_context_year(chosen, ctx)
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


def _with_context_year(d: Mention, ctx: "_Context") -> str:
    """A month (and day) without a year, dated by the year the text is at ("in October")."""
    month = d.attrs.get("month")
    point = ctx.date is not None and ctx.date.key and ctx.date.attrs.get("mode", "point") == "point"
    year = _year(ctx.date.key) if point else None
    if d.key or not month or year is None or "X" in (ctx.date.key or ""):
        return ""
    day = d.attrs.get("day")
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _year(edtf: str | None) -> int | None:
    if not edtf:
        return None
    m = regex.match(r"(-?\d{3})(\d|X)", edtf)
    if not m:
        return None
    return int(m.group(1) + (m.group(2) if m.group(2) != "X" else "0"))


def _historical(codes: list[str], date: str | None) -> list[str]:
    year = _year(date)
    if year is None:
        return codes
    return [predecessor_on(code, year) for code in codes]


def run(doc: Document) -> Document:
    """Find the facts of ``doc`` (evidence as offsets into ``doc.text``)."""
    if not doc.sentences:
        doc.facts = []
        return doc
    rules = rules_for(doc.lang if doc.lang in ("bn", "en") else "en")
    by_kind: dict[str, list[Mention]] = {}
    for m in doc.mentions:
        by_kind.setdefault(m.kind, []).append(m)
    for ms in by_kind.values():
        ms.sort(key=lambda m: m.start)
    starts = {k: [m.start for m in v] for k, v in by_kind.items()}
    for k in ("state", "city", "person", "date", "money"):
        by_kind.setdefault(k, [])
        starts.setdefault(k, [])
    focus = find_focus(doc, by_kind["state"])
    doc.meta["focus"] = {"pair": focus.pair, "single": focus.single, "sections": focus.sections}
    facts: list[dict[str, Any]] = []
    ctx = _Context()
    last_person: Mention | None = None
    table_spans = _tables_read_whole(doc, rules)
    hint_hits = cues_in(rules, doc.text)
    hint_ends = [end for end, _ in hint_hits]
    for sent in doc.sentences:
        if sent.boilerplate or any(a <= sent.start < b for a, b in table_spans):
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
        s = _Sentence(doc, sent, by_kind, starts, rules)
        s.add_pronouns(rules, focus.person or last_person)
        lo = bisect_left(starts["person"], sent.start)
        hi = bisect_left(starts["person"], sent.end)
        named = [m for m in by_kind["person"][lo:hi] if m.key]
        if named:
            subjects = [m for m in named if m.attrs.get("case", "nom") == "nom"]
            last_person = (subjects or named)[0]
        if s.actors or s.pair_mentions or ctx.states or focus.pair:
            candidates = ((_agreements(s, rules) if AGREEMENT in present else []) +
                          (_missions(s, rules) if MISSION in present else []) +
                          (_trade(s, rules) if TRADE in present else []))
            generic = _generic(s, rules, present)
            for g in generic:
                if g.type == "cooperation" and any(c.type.startswith("agreement") for c in candidates):
                    continue  # the agreement is the fact; its subject is no second one
                if g.type == "relations_improved":
                    # "upgraded relations to a strategic partnership": one fact, not two
                    candidates = [c for c in candidates if not (c.type == "cooperation" and
                                                                c.attrs.get("domain") == "other")]
                if g.type == "arms_transfer" and any(c.type == "trade_goods" for c in candidates):
                    candidates = [c for c in candidates if c.type != "trade_goods"]
                candidates.append(g)
            # A ban on imports is a sanction, and an agreement on exports an
            # agreement, not a trade in the goods they name.
            if any((g.type == "sanction" and g.attrs.get("measure") == "trade_restriction")
                   or g.type.startswith("agreement") for g in candidates):
                candidates = [c for c in candidates if c.type != "trade_goods"]
            taken: set[int] = set()
            s.cue_spans = [(c.start, c.end, c.type) for c in candidates]
            for c in candidates:
                need = c.attrs.pop("_requires_states", 0)
                # "the two countries" names two states at once
                if need and len(s.distinct_states()) + (2 if s.pair_mentions else 0) < need:
                    continue
                facts.extend(_build(doc, c, s, focus, ctx, rules.lang, taken))
        dated = [d for d in s.dates if d.key]
        if dated:
            ctx.date = dated[-1]
        distinct = s.distinct_states()
        if len(distinct) == 2:
            ctx.states = tuple(distinct[:2])
        elif len(distinct) > 2:
            ctx.states = ()  # several states: "the two countries" is no longer clear
    facts.extend(_table_facts(doc, rules, focus, by_kind))
    doc.facts = _dedupe(facts)
    return doc


_YEAR_CELL = regex.compile(r"\s*(1[5-9]\d\d|20\d\d)\s*")


def _remember(doc: Document, sent: Sentence, by_kind: dict[str, list[Mention]],
              starts: dict[str, list[int]], ctx: "_Context") -> None:
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


def _table_facts(doc: Document, rules: LangRules, focus: Focus,
                 by_kind: dict[str, list[Mention]]) -> list[dict[str, Any]]:
    """Rows of a wiki table that each name a state and a date ("Country | Date")."""
    home = focus.single or (focus.pair[0] if focus.pair else None)
    if not home or not doc.meta.get("tables"):
        return []
    text = doc.text
    out: list[dict[str, Any]] = []
    for table in doc.meta["tables"]:
        context = _table_context(doc, table)
        if rules.table_exclude is not None and rules.table_exclude.search(context):
            continue
        ftype = next((t for t, p in rules.table_types if p.search(context)), None)
        if ftype is None:
            continue
        for row in table["rows"]:
            if row["header"] or not row["cells"]:
                continue
            start, end = row["cells"][0][0], row["cells"][-1][1]
            partner = _row_state(doc, row, by_kind, home)
            if partner is None:
                continue
            date = next((m for m in by_kind["date"] if start <= m.start < end and m.key), None)
            key = date.key if date else None
            if key is None:
                year = next((text[a:b] for a, b in row["cells"] if _YEAR_CELL.fullmatch(text, a, b)), None)
                key = year.strip() if year else None
            if date is not None and date.attrs.get("mode") == "since":
                key = date.attrs.get("point") or key
            codes = _historical([home, partner], key)
            if successor(codes[0]) == successor(codes[1]):
                continue
            attrs: dict[str, Any] = {}
            if ftype == "agreement_signed":
                attrs["topics"] = _topics_in(rules, context) or ["other"]
            if ftype == "mission_opened":
                attrs["kind"] = "embassy"
                codes = [partner, home] if "in" not in context.casefold() else codes
            out.append({"type": ftype, "actors": codes, "date": key, "attrs": attrs, "lang": doc.lang,
                        "confidence": 0.8 if key else 0.6, "_span": (start, end), "_cue": (start, end)})
    return out


def _tables_read_whole(doc: Document, rules: LangRules) -> list[tuple[int, int]]:
    """Spans of tables: their rows are read as rows (``_table_facts``), never as sentences.

    A table row's cells side by side are no sentence: read as one, a row of
    a sports table named two states and a treaty in another column.
    """
    return [(table["start"], table["end"]) for table in doc.meta.get("tables", ())]


def _table_context(doc: Document, table: dict) -> str:
    """A table's caption and headers, its section title and the sentence before it."""
    text = doc.text
    parts = []
    if table.get("caption"):
        parts.append(text[slice(*table["caption"])])
    for row in table["rows"]:
        if row["header"]:
            parts.extend(text[a:b] for a, b in row["cells"])
    heading = None
    for start, end, _level, title in doc.meta.get("headings", ()):
        if start <= table["start"]:
            heading = title
    if heading:
        parts.append(heading)
    before = [s for s in doc.sentences if s.end <= table["start"] and table["start"] - s.end < 400]
    if before:
        parts.append(text[before[-1].start:before[-1].end])
    return " | ".join(parts)


def _row_state(doc: Document, row: dict, by_kind: dict[str, list[Mention]], home: str) -> str | None:
    """The state a table row is about: a state named in it, or a cell holding a state's code."""
    start, end = row["cells"][0][0], row["cells"][-1][1]
    for m in by_kind["state"]:
        if start <= m.start < end and m.key != PAIR and successor(m.key) != successor(home):
            return m.key
    for a, b in row["cells"]:
        cell = doc.text[a:b].strip()
        if 2 <= len(cell) <= 40 and regex.fullmatch(r"[\p{L}\p{M} .'’-]+", cell):
            code = resolve_state(cell) if len(cell) > 3 or cell.isupper() else None
            if code and successor(code) != successor(home):
                return code
    return None


def _topics_in(rules: LangRules, text: str) -> list[str]:
    return [name for name, pattern in rules.topics if pattern.search(text)]


def _build(doc: Document, c: Candidate, s: _Sentence, focus: Focus, ctx: _Context, lang: str,
           taken: set[int]) -> list[dict[str, Any]]:
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
            facts.append(_fact(doc, c, s, _historical(pair, date), date, carried, info))
        return facts
    explicit = not info.get("from_focus") and not s.pair_mentions
    listed = _listed_dates(c, s, lang) if c.type in LISTED_DATE_TYPES and explicit else []
    dated = [(d.key, False) for d in listed] or [_settle_date(c, s, lang, ctx, taken)]
    facts = []
    for date, carried in dated:
        for pair in _expand(codes, info, s):
            facts.append(_fact(doc, c, s, _historical(pair, date), date, carried, info))
    return facts


# Events that recur between the same states, so that one cue with a list of
# dates ("clashes in 1984 and 1999") is one event a date.
LISTED_DATE_TYPES = {"conflict", "visit", "meeting", "agreement_signed", "relations_strained"}


def _listed_dates(c: Candidate, s: _Sentence, lang: str) -> list[Mention]:
    """Two or more dates listed together on the cue's side, with no other cue between."""
    fences = sorted(start for start, _, kind in s.cue_spans if kind != c.type)
    if lang == "bn":
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


def _fact(doc: Document, c: Candidate, s: _Sentence, codes: list[str], date: str | None, carried: bool,
          info: dict) -> dict[str, Any]:
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
    return {
        "type": c.type,
        "actors": codes,
        "date": date,
        "attrs": attrs,
        "lang": doc.lang,
        "confidence": round(max(0.05, min(0.99, confidence)), 2),
        "_span": (s.start, s.end),
        "_cue": (c.start, c.end),
        "_carried": carried,
    }


def _dedupe(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One fact per (type, states, date, defining attributes) in a document."""
    out: list[dict[str, Any]] = []
    index: dict[tuple, dict[str, Any]] = {}
    said: set[tuple] = set()
    for f in facts:
        codes = [successor(c) for c in f["actors"]]
        actors = tuple(codes) if f["type"] in DIRECTED else tuple(sorted(codes))
        # Two cues of one type in one sentence about the same states say one thing.
        if f["type"] != "trade_volume" and f["type"] != "mission_opened":
            same = (f["type"], actors, f["date"], f["_span"])
            if same in said:
                continue
            said.add(same)
        a = f["attrs"]
        defining = (a.get("value"), a.get("currency"), a.get("flow"), a.get("kind"), a.get("city"),
                    tuple(a.get("topics") or ()), a.get("domain"), a.get("polarity"))
        key = (f["type"], actors, f["date"], defining)
        if key in index:
            kept = index[key]
            if f["_span"] not in kept["_spans"]:
                kept["_spans"].append(f["_span"])
            continue
        f["_spans"] = [f["_span"]]
        index[key] = f
        out.append(f)
    return _merge_undated_repeats(out)


def _merge_undated_repeats(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A fact said again later without a date of its own is the same fact.

    News repeats its story ("the clash", "the two countries' clash") in
    sentence after sentence, with at most a date carried from elsewhere.
    """
    first: dict[tuple, dict[str, Any]] = {}
    out = []
    for f in facts:
        codes = [successor(c) for c in f["actors"]]
        actors = tuple(codes) if f["type"] in DIRECTED else tuple(sorted(codes))
        key = (f["type"], actors)
        undated = f["date"] is None or f.get("_carried")
        kept = first.get(key)
        if kept is not None and undated and f["type"] not in ("trade_volume", "trade_goods", "mission_opened"):
            for span in f["_spans"]:
                if span not in kept["_spans"]:
                    kept["_spans"].append(span)
            continue
        first.setdefault(key, f)
        out.append(f)
    return out
