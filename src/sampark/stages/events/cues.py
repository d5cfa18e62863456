"""Cues in a sentence: the generic ones of ``events.jsonl``, and the families
whose facts have more structure (agreements and their topics, missions
with their senders and hosts, trade figures and traded goods).

A cue becomes a :class:`~sampark.stages.events.model.Candidate`; the events stage then
settles its states and date.
"""
from __future__ import annotations

from typing import Any

import regex

from sampark.lang.profile import profile
from sampark.model import Mention
from sampark.stages.events.model import LISTED_DATE_TYPES, Candidate, SentenceView
from sampark.stages.events.rules import AGREEMENT, MISSION, TRADE, Cue, LangRules


def _cue_ok(cue: Cue, s: SentenceView, m) -> bool:
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


def _generic(s: SentenceView, rules: LangRules, present: frozenset | None = None) -> list[Candidate]:
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


def _topics(s: SentenceView, rules: LangRules, start: int, end: int) -> list[str]:
    topics = []
    for name, pattern in rules.topics:
        if pattern.search(s.text, start, end):
            topics.append(name)
    if "free_trade" in topics and "trade" in topics:
        topics.remove("trade")
    return topics


def _agreements(s: SentenceView, rules: LangRules) -> list[Candidate]:
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
        grammar = profile(rules.lang)
        after_end = min(s.end, m.end() + grammar.after_cue_window)
        if not grammar.head_final:
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
        if negotiated and not (signed and signed.start() > m.end() and grammar.head_final
                               and not rules.agreement_negotiated.search(text, m.end(), min(s.end, m.end() + 50))):
            ftype = "agreement_negotiated"
        elif signed:
            ftype = "agreement_signed"
        elif grammar.partnership_is_cooperation and "partnership" in m.group().lower():
            # A partnership that is neither signed nor in the works is a
            # standing cooperation ("a strong strategic partnership with X").
            out.append(Candidate("cooperation", m.start(), m.end(), {"domain": "other"}, None, 3))
            prev_end = m.end()
            continue
        else:
            prev_end = m.end()
            continue
        topics = _topics(s, rules, window_start, after_end) or _topics(s, rules, s.start, s.end)[:1]
        if grammar.head_final:
            title = text[window_start:m.end()].strip(" ,;:")
        else:
            title = text[m.start():after_end].strip(" ,;:.")
        attrs: dict[str, Any] = {"topics": topics or ["other"]}
        if title and len(title) < 150:
            attrs["title"] = title
        out.append(Candidate(ftype, m.start(), m.end(), attrs, None, 7))
        prev_end = m.end()
    return out


def _missions(s: SentenceView, rules: LangRules) -> list[Candidate]:
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
            lookback = profile(rules.lang).mission_lookback
            lo = max(s.start, m.start() - (near if lookback is None else lookback))
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


def _mission_facts(s: SentenceView, rules: LangRules, m, kind: str, ftype: str,
                   before: list[Candidate]) -> list[Candidate]:
    prev = max([c.end for c in before if c.end <= m.start()], default=s.start)
    if profile(rules.lang).head_final:
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


def _trade(s: SentenceView, rules: LangRules) -> list[Candidate]:
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


def _trade_figure(s: SentenceView, rules: LangRules, money: Mention) -> Candidate | None:
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
    return {role: list(classes) for role, classes in profile(lang).export_roles.items()}


def _import_roles(lang: str) -> dict:
    # Written as [exporter, importer]: an importer is the target.
    return {role: list(classes) for role, classes in profile(lang).import_roles.items()}


def _goods(s: SentenceView, rules: LangRules) -> list[Candidate]:
    t = rules.trade
    out = []
    for flow, roles in (("export", _export_roles(rules.lang)), ("import", _import_roles(rules.lang))):
        m = t[f"goods_cue_{flow}"].search(s.text, s.start, s.end)
        if not m:
            continue
        goods = _goods_named(s, t, m)
        out.append(Candidate("trade_goods", m.start(), m.end(), {"goods": goods, "flow": flow}, roles, 6))
    return out


def _goods_named(s: SentenceView, t: dict, m) -> list[str]:
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
        after = text[m.end():stop.start() if stop else min(s.end, m.end() + 60)].strip(" ,.;:")
        return [after] if 1 < len(after) < 60 else []
    words = regex.findall(r"[\p{L}\p{M}]+", text[max(s.start, m.start() - 40):m.start()])
    named: list[str] = []
    for word in reversed(words):
        if t["goods_units"].fullmatch(word) or len(named) == 2:
            break
        named.insert(0, word)
    return [" ".join(named)] if named else []




def find_candidates(s: SentenceView, rules: LangRules, present: frozenset) -> list[Candidate]:
    """Every cue of a sentence, as candidate facts, families first.

    ``present`` says which cues' words the sentence holds (see
    ``eventrules.cues_in``); a family or cue whose words are absent is not read.
    """
    candidates = ((_agreements(s, rules) if AGREEMENT in present else []) +
                  (_missions(s, rules) if MISSION in present else []) +
                  (_trade(s, rules) if TRADE in present else []))
    for g in _generic(s, rules, present):
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
    return candidates
