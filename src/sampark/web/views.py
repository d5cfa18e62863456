"""What each page shows, as plain data: the page and its JSON twin share it.

Each ``*_data`` function reads the store and returns a dict. The JSON twin
is that dict without the keys that start with ``_`` (presentation helpers
such as highlighted segments, which only the HTML page needs).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any
from urllib.parse import quote

from sampark.web import chart
from sampark.web.access import TextCache, successor
from sampark.web.i18n import LANGS, UI, resolve_state, state_name
from sampark.web.text import date_origin, date_sort_key, paragraph_around, segments, sentence_around, year_of
from sampark.contract import FACT_TYPES

class NotFound(LookupError):
    """The thing a page is about does not exist (HTTP 404)."""


class BadRequest(ValueError):
    """The request cannot be answered as asked (HTTP 400)."""


def public(obj: Any) -> Any:
    """``obj`` without presentation-only keys (those starting with ``_``)."""
    if isinstance(obj, dict):
        return {k: public(v) for k, v in obj.items() if not (isinstance(k, str) and k.startswith("_"))}
    if isinstance(obj, (list, tuple)):
        return [public(v) for v in obj]
    return obj


def doc_url(doc_id: str, suffix: str = "") -> str:
    """The path of a document page; ids may hold ``/`` (dump pages)."""
    return "/doc/" + quote(str(doc_id), safe="/") + suffix


def fact_url(fact_id: str, suffix: str = "") -> str:
    return "/fact/" + quote(str(fact_id), safe="") + suffix


def pair_url(a: str, b: str, suffix: str = "") -> str:
    a, b = sorted((a, b))
    return f"/pair/{a}-{b}{suffix}"


def safe_href(url: str | None) -> str | None:
    """``url`` if it may be a link (http or https), else None.

    A document's URL comes from whoever supplied the document; a
    ``javascript:`` URL in an ``href`` would run when clicked.
    """
    if isinstance(url, str) and re.match(r"(?i)^https?://[^\s]+$", url):
        return url
    return None


def names(code: str) -> dict[str, str]:
    """A state's name in every interface language."""
    return {lang: state_name(code, lang) for lang in LANGS}


# -- pairs -----------------------------------------------------------------

def parse_pair(text: str) -> tuple[str, str]:
    """Two state codes from ``MYS-RUS``, ``rus-mys``, ``Malaysia-Russia``, ``মালয়েশিয়া-রাশিয়া``.

    Names may themselves hold hyphens (Guinea-Bissau), so every hyphen is
    tried as the separator until both sides resolve.

    Raises:
        NotFound: a side names no known state.
        BadRequest: the text is no pair, or both sides are one state.
    """
    text = text.strip().replace("–", "-")
    if len(text) > 300 or "-" not in text:
        raise BadRequest(f"a pair is two states joined by '-', such as MYS-RUS; got {text[:80]!r}")
    cuts = [i for i, ch in enumerate(text) if ch == "-"]
    unknown = None
    for i in cuts:
        left, right = text[:i].strip(), text[i + 1:].strip()
        if not left or not right:
            continue
        unknown = unknown or left
        a, b = resolve_state(left), resolve_state(right)
        if a and b:
            a, b = successor(a), successor(b)
            if a == b:
                raise BadRequest(f"a pair needs two different states; both sides are {a}")
            return a, b
        unknown = left if not a else right
    if unknown is None:
        raise BadRequest(f"a pair is two states joined by '-', such as MYS-RUS; got {text[:80]!r}")
    raise NotFound(f"unknown state {unknown!r}")


def pair_entry(pair: dict[str, Any]) -> dict[str, Any]:
    """A row of the pairs list, with names and its page's address."""
    a, b = sorted((pair["a"], pair["b"]))
    return {
        "a": a,
        "b": b,
        "count": pair.get("count", 0),
        "by_type": pair.get("by_type") or {},
        "first_date": pair.get("first_date"),
        "last_date": pair.get("last_date"),
        "names": {"a": names(a), "b": names(b)},
        "url": pair_url(a, b),
    }


def index_data(store: Any, q: str | None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """The home page: every pair, or the pairs of the states matching ``q``, a page at a time."""
    pairs = [pair_entry(p) for p in store.pairs()]
    pairs.sort(key=lambda p: (-p["count"], p["a"], p["b"]))
    q = " ".join((q or "").split())[:200]
    matches: list[str] = []
    if q:
        code = resolve_state(q)
        if code:
            matches.append(code)
        folded = q.casefold()
        present = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
        for c in present:
            if c in matches:
                continue
            if folded == c.casefold() or any(folded in n.casefold() for n in names(c).values()):
                matches.append(c)
        wanted = {successor(c) for c in matches}
        pairs = [p for p in pairs if p["a"] in wanted or p["b"] in wanted]
    total = len(pairs)
    return {
        "query": q or None,
        "matches": [{"code": c, "names": names(c)} for c in matches],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < total else None,
        "prev_offset": max(0, offset - limit) if offset > 0 else None,
        "pairs": pairs[offset:offset + limit],
    }


def pair_data(store: Any, a: str, b: str, fact_type: str | None = None,
              cache: TextCache | None = None) -> dict[str, Any]:
    """The page of a pair: its facts by year, trade chart, table and conflicts.

    Args:
        store: an open ``Store``.
        a: one state's code.
        b: the other's.
        fact_type: show only facts of this type in the timeline and table
            (counts and the chart still cover every fact).
        cache: document texts kept between requests, if any.

    Raises:
        NotFound: the pair has no facts.
        BadRequest: ``fact_type`` is no known type.
    """
    if fact_type and fact_type not in FACT_TYPES:
        raise BadRequest(f"unknown fact type {fact_type[:60]!r}; known: {', '.join(FACT_TYPES)}")
    a, b = sorted((successor(a), successor(b)))
    # the store counts a former state's facts as its successor's (SUN as RUS)
    facts = store.facts(pair=(a, b))
    if not facts:
        raise NotFound(f"no facts about the pair {a}-{b}")
    facts.sort(key=lambda f: (date_sort_key(f.get("date")), f.get("type") or "", f.get("id") or ""))
    texts = _DocTexts(store, cache)
    for fact in facts:
        _add_context(fact, texts)
    shown = [f for f in facts if not fact_type or f.get("type") == fact_type]

    years: dict[str | None, dict[str, Any]] = {}
    for fact in shown:
        year, key = year_of(fact.get("date"))
        group = years.setdefault(key, {"year": year, "key": key, "facts": []})
        group["facts"].append(fact)
    timeline = sorted(years.values(), key=lambda g: (g["year"] is None, g["year"] or 0, g["key"] or ""))

    by_type = Counter(f.get("type") for f in facts)
    dated = [f.get("date") for f in facts if year_of(f.get("date"))[0] is not None]
    dated.sort(key=date_sort_key)
    series = chart.trade_series(facts)
    conflicts = _conflicts(store, (a, b), cache)
    former = sorted({c for f in facts for c in f.get("actors") or [] if c} - {a, b})
    return {
        "pair": {"a": a, "b": b, "names": {"a": names(a), "b": names(b)}},
        "former_states": [{"code": c, "names": names(c)} for c in former],
        "count": len(facts),
        "by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0] or ""))),
        "first_date": dated[0] if dated else None,
        "last_date": dated[-1] if dated else None,
        "type": fact_type,
        "facts": shown,
        "timeline": [{"year": g["key"], "facts": [f.get("id") for f in g["facts"]],
                      "_facts": g["facts"]} for g in timeline],
        "trade": series,
        "_chart": chart.trade_axis(series) if series else None,
        "_lanes": chart.lanes(shown, KINDS),
        "conflicts": conflicts,
        "types": sorted(by_type),
    }


# -- facts, documents, conflicts ---------------------------------------------

def fact_data(store: Any, fact_id: str, cache: TextCache | None = None) -> dict[str, Any]:
    """One fact with its evidence in context."""
    fact = store.fact(fact_id)
    if not fact:
        raise NotFound(f"no fact {fact_id[:100]!r}")
    texts = _DocTexts(store, cache)
    _add_context(fact, texts)
    for ev in fact.get("evidence") or []:
        _add_paragraph(fact, ev, texts)
    actors = [a for a in fact.get("actors") or [] if a]
    return {
        "fact": fact,
        "pair_url": pair_url(*actors[:2]) if len(set(actors)) >= 2 else None,
    }


def doc_data(store: Any, doc_id: str, fold: bool = False, clean: bool = False) -> dict[str, Any]:
    """A document, its facts, and its text cut into highlighted segments.

    With ``fold``, long stretches of text far from any fact are folded
    (``_segments`` items with ``fold: True``, shown collapsed), so a long
    article is a page around its facts rather than the whole article. With
    ``clean``, wikitext is shown as the extractor read it (no templates,
    references or markup), evidence highlighted at the mapped offsets; the
    JSON's ``text`` stays the stored text that evidence offsets point into.
    """
    doc = store.document(doc_id)
    if not doc:
        raise NotFound(f"no document {doc_id[:200]!r}")
    text = doc.get("text") or ""
    facts = sorted(doc.get("facts") or [], key=lambda f: min(
        (e.get("start", 0) for e in f.get("evidence") or [] if e.get("doc") == doc_id), default=0))
    spans = []
    for fact in facts:
        for ev in fact.get("evidence") or []:
            if ev.get("doc") == doc_id and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
                spans.append((ev["start"], ev["end"], fact.get("id")))
    types = {f.get("id"): f.get("type") for f in facts}
    shown, shown_spans, cleaned = text, spans, False
    if clean and doc.get("format") == "wikitext":
        view = clean_view(text, doc.get("lang"), doc_id)
        if view is not None:
            shown, to_view = view
            shown_spans = [(to_view(a, False), to_view(b, True), fid) for a, b, fid in spans]
            cleaned = True
    segs = [{"text": s.text, "facts": s.facts, "types": sorted({types.get(i) or "" for i in s.facts}),
             "fold": False} for s in segments(shown, shown_spans)]
    if fold:
        segs = _fold(segs)
    return {
        "document": {k: doc.get(k) for k in ("id", "title", "lang", "url", "date", "format")},
        "text": text,
        "cleaned": cleaned,
        "facts": facts,
        "_segments": segs,
    }


def clean_view(raw: str, lang: str | None, doc_id: str) -> tuple[str, Any] | None:
    """The readable view of wikitext (templates, references and markup dropped) and a raw-to-view offset map.

    Runs the pipeline's own ``clean`` stage through ``sampark.pipeline``,
    the view the extractor read. Returns ``(view, to_view)`` where
    ``to_view(raw_offset, is_end)`` gives the view offset; None if cleaning
    fails (the page then shows the stored text as it is).
    """
    try:
        from sampark import pipeline

        doc = pipeline.new_document(raw, lang=lang if lang in ("bn", "en") else None, doc_id=doc_id, fmt="wikitext")
        doc = pipeline.run(doc, names=["clean"])
        view, offsets = doc.text, doc.offsets
    except Exception:  # noqa: BLE001 - an unreadable page is shown raw, not as an error
        return None
    n = len(view)

    def to_view(pos: int, is_end: bool) -> int:
        # the smallest view offset whose raw offset reaches pos (the map only goes view -> raw)
        lo, hi = 0, n
        while lo < hi:
            mid = (lo + hi) // 2
            at = offsets.end_to_raw(mid) if is_end else offsets.to_raw(mid)
            if at < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    return view, to_view


FOLD_KEEP = 600  # characters kept on each side of a fact when folding
FOLD_MIN = 2000  # unmarked text shorter than this is never folded


def _fold(segs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold the middle of every long unmarked segment, keeping FOLD_KEEP characters next to facts."""
    out: list[dict[str, Any]] = []
    last = len(segs) - 1
    for i, seg in enumerate(segs):
        text = seg["text"]
        if seg["facts"] or len(text) < FOLD_MIN:
            out.append(seg)
            continue
        keep_head = FOLD_KEEP if i > 0 else 0  # text right after a fact
        keep_tail = FOLD_KEEP if i < last else 0  # text right before the next fact
        head_end = _break_at(text, keep_head)
        tail_start = _break_at(text, len(text) - keep_tail)
        if tail_start - head_end < FOLD_MIN // 2:
            out.append(seg)
            continue
        if head_end:
            out.append({**seg, "text": text[:head_end]})
        out.append({**seg, "text": text[head_end:tail_start], "fold": True})
        if tail_start < len(text):
            out.append({**seg, "text": text[tail_start:]})
    return out


def _break_at(text: str, pos: int) -> int:
    """The line break nearest after ``pos`` (within 300 characters), else ``pos``."""
    if pos <= 0 or pos >= len(text):
        return max(0, min(pos, len(text)))
    nl = text.find("\n", pos, pos + 300)
    return nl + 1 if nl != -1 else pos


def facts_data(store: Any, filters: dict[str, Any], raw: dict[str, Any], sort: str, limit: int,
               offset: int) -> dict[str, Any]:
    """The facts explorer: one page of the facts matching ``filters`` (those of ``Store.facts``)."""
    facts = store.facts(**filters, sort=sort, limit=limit, offset=offset)
    total = store.count_facts(**filters)
    for fact in facts:
        fact["url"] = fact_url(fact["id"])
        pair = fact.get("pair") or []
        fact["pair_url"] = pair_url(*pair[:2]) if len(pair) >= 2 else None
    return {
        "filters": {k: v for k, v in raw.items() if v not in (None, "")},
        "sort": sort,
        "count": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < total else None,
        "prev_offset": max(0, offset - limit) if offset > 0 else None,
        "facts": facts,
        "types": list(FACT_TYPES),
    }


def search_data(store: Any, q: str, limit: int, offset: int, required: bool) -> dict[str, Any]:
    """Full-text search results: facts whose evidence matches, documents whose title does."""
    q = " ".join((q or "").split())
    if not q:
        if required:
            raise BadRequest("search needs some text: ?q=")
        return {"q": "", "n_facts": 0, "facts": [], "documents": [], "limit": limit, "offset": offset,
                "next_offset": None}
    result = store.search(q, limit=limit, offset=offset)
    for fact in result["facts"]:
        fact["url"] = fact_url(fact["id"])
        for ev in fact.get("evidence") or []:
            ev["_parts"] = _highlight(ev.get("text") or "", q)
    for doc in result["documents"]:
        doc["url"] = doc_url(doc["id"])
    more = offset + limit < result["n_facts"]
    return {**result, "limit": limit, "offset": offset, "next_offset": offset + limit if more else None}


def _highlight(text: str, q: str) -> list[tuple[str, bool]]:
    """``text`` in pieces, those equal to ``q`` (case-folded) marked."""
    low, needle = text.casefold(), q.casefold()
    if len(low) != len(text) or not needle:
        return [(text, False)]
    parts, at = [], 0
    while True:
        i = low.find(needle, at)
        if i == -1:
            parts.append((text[at:], False))
            return [p for p in parts if p[0]]
        parts += [(text[at:i], False), (text[i:i + len(needle)], True)]
        at = i + len(needle)


def state_or_404(state: str) -> str:
    """The successor code of a state name or code; NotFound for an unknown one."""
    code = resolve_state(state.strip()) if state and len(state) <= 200 else None
    if not code:
        raise NotFound(f"unknown state {state[:80]!r}")
    return successor(code)


# Kinds of facts on the relations map and in a pair's lanes.
KINDS = {
    "diplomacy": ("relations_established", "relations_restored", "relations_improved", "relations_strained",
                  "relations_severed", "mission_opened", "mission_closed"),
    "visits": ("visit", "meeting"),
    "agreements": ("agreement_signed", "agreement_negotiated", "cooperation"),
    "trade": ("trade_volume", "trade_goods", "aid"),
    "security": ("arms_transfer", "sanction", "conflict"),
    "statements": ("statement",),
}
KIND_OF = {t: kind for kind, types in KINDS.items() for t in types}


def relations_index(store: Any) -> dict[str, Any]:
    """The states that have facts, most connected first, to pick one for the map."""
    counts: Counter[str] = Counter()
    for p in store.pairs():
        counts[successor(p["a"])] += p["count"]
        counts[successor(p["b"])] += p["count"]
    states = [{"code": c, "names": names(c), "count": n, "url": f"/relations/{c}"}
              for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"state": None, "states": states, "partners": [], "kinds": list(KINDS)}


def relations_data(store: Any, state: str) -> dict[str, Any]:
    """The states ``state`` has facts with, how many of each kind, and a star graph to draw them."""
    code = state_or_404(state)
    rel = store.relations(code)
    partners = []
    for p in rel["partners"]:
        kinds: Counter[str] = Counter()
        for t, n in p["by_type"].items():
            kinds[KIND_OF.get(t, "diplomacy")] += n
        partners.append({"code": p["code"], "names": names(p["code"]), "count": p["count"],
                         "by_type": p["by_type"], "by_kind": {k: kinds.get(k, 0) for k in KINDS},
                         "url": pair_url(code, p["code"])})
    return {"state": {"code": code, "names": names(code)}, "partners": partners, "kinds": list(KINDS),
            "states": [], "_graph": chart.star(code, partners) if partners else None}


def documents_data(store: Any, limit: int, offset: int) -> dict[str, Any]:
    """A page of the stored documents."""
    rows = store.documents(limit=limit + 1, offset=offset)
    more = len(rows) > limit
    docs = [{k: d.get(k) for k in ("id", "title", "lang", "url", "date")} | {"facts": _count(d)}
            for d in rows[:limit]]
    return {"documents": docs, "limit": limit, "offset": offset,
            "next_offset": offset + limit if more else None}


def conflicts_data(store: Any, pair: tuple[str, str] | None, cache: TextCache | None = None) -> dict[str, Any]:
    """All flagged conflicts, or those of one pair."""
    pair = tuple(sorted(pair)) if pair else None
    return {"pair": list(pair) if pair else None, "conflicts": _conflicts(store, pair, cache)}


def _count(doc: dict[str, Any]) -> int | None:
    if isinstance(doc.get("facts"), list):
        return len(doc["facts"])
    for key in ("facts", "fact_count", "n_facts"):
        if isinstance(doc.get(key), int):
            return doc[key]
    return None


def _conflicts(store: Any, pair: tuple[str, str] | None, cache: TextCache | None = None) -> list[dict[str, Any]]:
    rows = store.conflicts(pair=pair)
    texts = _DocTexts(store, cache)
    out = []
    for c in rows:
        facts = []
        for f in c.get("facts") or []:
            fact = store.fact(f) if isinstance(f, str) else f
            if fact:
                _add_context(fact, texts)
                facts.append(fact)
        pair = c.get("pair")
        if isinstance(pair, str):
            pair = pair.split("-")
        out.append({**c, "pair": list(pair) if pair else None, "facts": facts,
                    "pair_url": pair_url(*pair[:2]) if pair and len(pair) >= 2 else None})
    return out


class _DocTexts:
    """Document texts read once per request (or kept in ``cache``), for evidence in context."""

    def __init__(self, store: Any, cache: TextCache | None = None) -> None:
        self.store = store
        self.cache = cache
        self.local: dict[str, str | None] = {}

    def get(self, doc_id: str) -> str | None:
        if doc_id in self.local:
            return self.local[doc_id]
        text = self.cache.get(doc_id) if self.cache is not None else None
        if text is None:
            try:
                doc = self.store.document(doc_id)
            except Exception:  # a missing document only costs the context
                doc = None
            text = (doc or {}).get("text")
            if text is not None and self.cache is not None:
                self.cache.put(doc_id, text)
        self.local[doc_id] = text
        return text


def _add_context(fact: dict[str, Any], texts: _DocTexts) -> None:
    """Give each evidence span its sentence (``_before``/``_span``/``_after``)."""
    for ev in fact.get("evidence") or []:
        text = texts.get(ev.get("doc")) if ev.get("doc") else None
        start, end = ev.get("start"), ev.get("end")
        if text is not None and isinstance(start, int) and isinstance(end, int) and text[start:end] == ev.get("text"):
            ev["_before"], ev["_span"], ev["_after"] = sentence_around(text, start, end)
        else:  # no stored text to show around it: show the span alone
            ev["_before"], ev["_span"], ev["_after"] = "", ev.get("text") or "", ""
        ev["_url"] = doc_url(ev["doc"]) if ev.get("doc") else None


def _add_paragraph(fact: dict[str, Any], ev: dict[str, Any], texts: _DocTexts) -> None:
    """Give an evidence span its paragraph, cut at the span and at the written year
    (``_paragraph``: ``[(text, role)]`` with role ``""``, ``"span"`` or ``"date"``), and
    ``date_origin`` (``evidence``, ``paragraph`` or None) for the JSON."""
    text = texts.get(ev.get("doc")) if ev.get("doc") else None
    start, end = ev.get("start"), ev.get("end")
    ev["date_origin"] = None
    if text is None or not isinstance(start, int) or not isinstance(end, int) or text[start:end] != ev.get("text"):
        ev["_paragraph"] = [(ev.get("text") or "", "span")]
        return
    lo, hi = paragraph_around(text, start, end)
    origin = date_origin(fact.get("date"), text, start, end)
    cuts = {lo, hi, start, end}
    if origin:
        ev["date_origin"] = origin["where"]
        ev["date_text"] = text[origin["start"]:origin["end"]]
        cuts |= {origin["start"], origin["end"]}
    points = sorted(c for c in cuts if lo <= c <= hi)
    parts = []
    for a, b in zip(points, points[1:]):
        if origin and origin["start"] <= a and b <= origin["end"]:
            role = "date"
        elif start <= a and b <= end:
            role = "span"
        else:
            role = ""
        parts.append((text[a:b], role))
    ev["_paragraph"] = parts


def ui_for(lang: str) -> UI:
    return UI(lang)
