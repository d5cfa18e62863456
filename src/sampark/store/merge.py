"""Merging per-document facts into one record, and flagging conflicts.

Pure functions over fact dicts; the store calls :func:`cluster_members` with
every per-document fact of one (type, pair) group and writes the
:func:`merged_record` of each cluster. Reclustering a whole group from a sorted list (rather than merging
one new fact into what is stored) makes the result independent of the order
in which documents arrived, so two concurrent ingests and one sequential
ingest end with the same facts.

Rules (docs/knowledge-base.md has the user-facing version):

- Same fact: same type; same pair with former states counted as their
  successors (SUN = RUS); for directed types the same order; compatible
  dates (equal, or one EDTF interval inside the other: 1968 and 1968-04,
  198X and 1985); compatible attributes (trade values within 1% with the
  same currency and flow, agreement topics overlapping or one empty, ...).
- Conflict: two merged facts that are clearly the same event (same
  agreement topic set, same mission kind and direction, same trade year and
  flow, or relations established between the same pair) yet were not merged
  because their dates or values disagree.
"""
from __future__ import annotations

import calendar
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from sampark.contract import is_directed
from sampark.geo import SUCCESSOR_SINCE, successor

LIST_ATTRS = ("topics", "persons", "goods", "hs", "parties")
MIN_DAY, MAX_DAY = "0001-01-01", "9999-12-31"
_EDTF_SIDE = re.compile(r"(\d{2})(\d|X)(\d|X)(?:-(\d{2}))?(?:-(\d{2}))?")


def pair_key(a: str, b: str) -> str:
    """The order-free key of a pair in successor codes: ``MYS-RUS`` (as on the web)."""
    return "-".join(sorted((successor(a), successor(b))))


# --- EDTF dates as closed day intervals -------------------------------------

def _side(text: str, upper: bool) -> str | None:
    text = text.strip().rstrip("?~%")
    if text in ("", ".."):
        return None
    m = _EDTF_SIDE.fullmatch(text)
    if not m:
        raise ValueError(text)
    head, d3, d4, month, day = m.groups()
    year = int(head + (d3 if d3 != "X" else ("9" if upper else "0")) + (d4 if d4 != "X" else ("9" if upper else "0")))
    if month is None:
        return f"{year:04d}-12-31" if upper else f"{year:04d}-01-01"
    mo = int(month)
    if not 1 <= mo <= 12:
        raise ValueError(text)
    if day is None:
        last = calendar.monthrange(year, mo)[1] if year > 0 else 31
        return f"{year:04d}-{mo:02d}-{last:02d}" if upper else f"{year:04d}-{mo:02d}-01"
    return f"{year:04d}-{mo:02d}-{int(day):02d}"


def date_span(edtf: str | None) -> tuple[str, str] | None:
    """The closed range of days (ISO strings) an EDTF date covers; None if none or unreadable.

    >>> date_span("1968-04")
    ('1968-04-01', '1968-04-30')
    >>> date_span("198X")
    ('1980-01-01', '1989-12-31')
    """
    if not edtf or not isinstance(edtf, str):
        return None
    try:
        if "/" in edtf:
            a, b = edtf.split("/", 1)
            return _side(a, False) or MIN_DAY, _side(b, True) or MAX_DAY
        lo, hi = _side(edtf, False), _side(edtf, True)
    except ValueError:
        return None
    if lo is None or hi is None:
        return None
    return lo, hi


def dates_compatible(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Equal, or one interval inside the other (one date refines the other)."""
    if a is None or b is None:
        return a is None and b is None
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _width(span: tuple[str, str] | None) -> tuple[int, str]:
    if span is None:
        return (1, "")
    # ISO strings of equal shape: a narrower interval has a later lo or earlier hi;
    # compare by (hi - lo) in days via ordinal arithmetic on the strings.
    from datetime import date

    lo = date.fromisoformat(span[0]) if span[0] != MIN_DAY else date.min
    hi = date.fromisoformat(span[1]) if span[1] != MAX_DAY else date.max
    return (0, f"{(hi - lo).days:07d}")


# --- per-document facts ------------------------------------------------------

@dataclass
class Member:
    """One per-document fact as stored in the evidence table."""

    doc_id: str
    ord: int
    fact: dict[str, Any]
    canon: tuple[str, str] = ("", "")
    span: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        a, b = self.fact["actors"][:2]
        ca, cb = successor(a), successor(b)
        if not is_directed(self.fact["type"], self.attrs) and cb < ca:
            ca, cb = cb, ca
        self.canon = (ca, cb)
        self.span = date_span(self.fact.get("date"))

    @property
    def attrs(self) -> dict[str, Any]:
        return self.fact.get("attrs") or {}

    @property
    def key(self) -> tuple[str, int]:
        return (self.doc_id, self.ord)

    def aligned_actors(self) -> tuple[str, str]:
        """The member's own codes in the order of ``canon``."""
        a, b = self.fact["actors"][:2]
        return (a, b) if successor(a) == self.canon[0] and successor(b) == self.canon[1] else (b, a)


def valid_fact(fact: Any) -> str | None:
    """Why a per-document fact cannot be stored, or None when it can."""
    if not isinstance(fact, dict):
        return "not an object"
    if not isinstance(fact.get("type"), str) or not fact["type"]:
        return "no type"
    actors = fact.get("actors")
    if not isinstance(actors, (list, tuple)) or len(actors) < 2 or not all(isinstance(a, str) and a for a in actors[:2]):
        return "needs two actor codes"
    if successor(actors[0]) == successor(actors[1]):
        return "both actors are the same state"
    return None


def _norm(value: Any) -> str:
    return str(value).strip().casefold() if value not in (None, "") else ""


def _as_set(value: Any) -> set[str]:
    if value in (None, ""):
        return set()
    if isinstance(value, (list, tuple, set)):
        return {_norm(v.get("name") if isinstance(v, dict) else v) for v in value} - {""}
    return {_norm(value)}


def _value_close(a: Any, b: Any) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return True
    return abs(x - y) <= 0.01 * max(abs(x), abs(y))


def _same_or_missing(a: Any, b: Any, *, other: bool = False) -> bool:
    x, y = _norm(a), _norm(b)
    if not x or not y:
        return True
    if other and "other" in (x, y):
        return True
    return x == y


def attrs_compatible(fact_type: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two facts' attributes allow them to be the same fact."""
    if fact_type == "trade_volume":
        return (_norm(a.get("flow") or "total") == _norm(b.get("flow") or "total")
                and _same_or_missing(a.get("currency"), b.get("currency"))
                and _same_or_missing(a.get("period"), b.get("period"))
                and _value_close(a.get("value"), b.get("value")))
    if fact_type in ("agreement_signed", "agreement_negotiated"):
        ta, tb = _as_set(a.get("topics")), _as_set(b.get("topics"))
        return not ta or not tb or bool(ta & tb)
    if fact_type in ("mission_opened", "mission_closed"):
        return _same_or_missing(a.get("kind"), b.get("kind"), other=True) and _same_or_missing(a.get("city"), b.get("city"))
    if fact_type in ("visit", "meeting"):
        # Person names are written differently in each language, so they
        # cannot tell two visits apart; the city can.
        return _same_or_missing(a.get("city"), b.get("city"))
    if fact_type == "statement":
        return _same_or_missing(a.get("polarity"), b.get("polarity"))
    if fact_type in ("aid", "arms_transfer"):
        return (_same_or_missing(a.get("kind"), b.get("kind")) and _same_or_missing(a.get("item"), b.get("item"))
                and _same_or_missing(a.get("currency"), b.get("currency")) and _value_close(a.get("value"), b.get("value")))
    if fact_type == "cooperation":
        return _same_or_missing(a.get("domain"), b.get("domain"), other=True)
    if fact_type == "sanction":
        return _same_or_missing(a.get("measure"), b.get("measure"), other=True)
    if fact_type == "trade_goods":
        ha, hb = _as_set(a.get("hs")), _as_set(b.get("hs"))
        return not ha or not hb or bool(ha & hb)
    return True


def _undated_joins(fact_type: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether an undated fact may merge with a dated one.

    Only for one-off events does an undated mention surely describe the
    same event as a dated one; a recurring event (visit, trade figure)
    without a date could be any of them.
    """
    if fact_type == "relations_established":
        return True
    if fact_type == "mission_opened":
        return bool(_norm(a.get("kind"))) and _norm(a.get("kind")) == _norm(b.get("kind"))
    if fact_type == "agreement_signed":
        ta, tb = _as_set(a.get("topics")), _as_set(b.get("topics"))
        return (bool(ta) and ta == tb) or (bool(_norm(a.get("title"))) and _norm(a.get("title")) == _norm(b.get("title")))
    return False


def same_fact(x: Member, y: Member) -> bool:
    """Whether two per-document facts are one fact."""
    if x.fact["type"] != y.fact["type"] or x.canon != y.canon:
        return False
    if not attrs_compatible(x.fact["type"], x.attrs, y.attrs):
        return False
    if (x.span is None) != (y.span is None):
        return _undated_joins(x.fact["type"], x.attrs, y.attrs)
    return dates_compatible(x.span, y.span)


# --- clusters ---------------------------------------------------------------

@dataclass
class Cluster:
    """Per-document facts found to be one fact, and the merged record."""

    members: list[Member] = field(default_factory=list)
    record: dict[str, Any] = field(default_factory=dict)


def cluster_members(members: Sequence[Member]) -> list[Cluster]:
    """Group members into facts: each joins the first cluster it agrees with entirely.

    Members are sorted first so that the result depends only on the set of
    members, never on arrival order. Agreeing with every member (not just
    one) keeps 1968-04 and 1968-05 apart even when both refine 1968.
    """
    clusters: list[Cluster] = []
    # Members that say exactly the same thing compare alike with everyone, so
    # each cluster is checked against one member per distinct statement: a
    # fact repeated by a thousand sources costs one comparison, not a thousand.
    distinct: list[dict[str, Member]] = []
    for member in sorted(members, key=lambda m: m.key):
        said = _statement(member)
        for cluster, seen in zip(clusters, distinct):
            if said in seen or all(same_fact(member, other) for other in seen.values()):
                cluster.members.append(member)
                seen.setdefault(said, member)
                break
        else:
            clusters.append(Cluster(members=[member]))
            distinct.append({said: member})
    for cluster in clusters:
        cluster.record = merged_record(cluster.members)
    return clusters


def _statement(member: Member) -> str:
    """What a member says, without where it was read: equal for true repeats."""
    return json.dumps([member.fact["type"], member.canon, member.span, member.attrs],
                      sort_keys=True, ensure_ascii=False, default=str)


def fact_id(fact_type: str, key: str, first: Member) -> str:
    """A merged fact's id: stable while its earliest source stays in the store."""
    digest = hashlib.sha256(f"{fact_type}|{key}|{first.doc_id}|{first.ord}".encode()).hexdigest()
    return f"f:{digest[:16]}"


def merged_record(members: list[Member]) -> dict[str, Any]:
    """The stored fact for a cluster: most precise date, historically right codes, all evidence."""
    first = members[0]
    fact_type = first.fact["type"]
    rep = min(members, key=lambda m: (_width(m.span), -float(m.fact.get("confidence") or 0), m.key))
    span = rep.span
    actors = [_display_code(i, first.canon[i], members, span) for i in (0, 1)]
    attrs = dict(rep.attrs)
    for member in members:
        _add_attrs(attrs, member.attrs)
    evidence = []
    for member in members:
        lang = member.fact.get("lang")
        for item in member.fact.get("evidence") or []:
            evidence.append({"doc": item.get("doc", member.doc_id), "start": item.get("start"),
                             "end": item.get("end"), "text": item.get("text"), "lang": lang})
    langs = sorted({m.fact.get("lang") for m in members if m.fact.get("lang")})
    confidences = [float(m.fact["confidence"]) for m in members if m.fact.get("confidence") is not None]
    return {
        "id": fact_id(fact_type, "|".join(first.canon), first),
        "type": fact_type,
        "actors": actors,
        "directed": is_directed(fact_type, attrs),
        "date": rep.fact.get("date") if span is not None else None,
        "date_span": span,
        "attrs": attrs,
        "cameo": rep.fact.get("cameo"),
        "lang": rep.fact.get("lang") or (langs[0] if langs else None),
        "langs": langs,
        "confidence": max(confidences) if confidences else None,
        "evidence": evidence,
        "n_docs": len({m.doc_id for m in members}),
    }


def _rep_key(member: Member) -> tuple:
    return (_width(member.span), -float(member.fact.get("confidence") or 0), member.key)


@dataclass
class RecordAux:
    """What :func:`extend_record` needs to add members to a merged record without rereading the old ones."""

    rep: Member
    used: tuple[list[str], list[str]]
    docs: set[str]


def record_aux(members: list[Member]) -> RecordAux:
    rep = min(members, key=_rep_key)
    used = ([m.aligned_actors()[0] for m in members], [m.aligned_actors()[1] for m in members])
    return RecordAux(rep=rep, used=used, docs={m.doc_id for m in members})


def extend_record(record: dict[str, Any], aux: RecordAux, added: list[Member]) -> bool:
    """Add members that sort after all others to ``record`` in place, as :func:`merged_record` would.

    Returns False (record untouched) when one of them becomes the
    representative member, which changes what every member contributes:
    the caller then rebuilds the record from all members.
    """
    best = min(added, key=_rep_key)
    if _rep_key(best) < _rep_key(aux.rep):
        return False
    rep = aux.rep
    span = rep.span
    fact_type = rep.fact["type"]
    canon = rep.canon
    attrs = record["attrs"]
    for member in added:
        _add_attrs(attrs, member.attrs)
        lang = member.fact.get("lang")
        for item in member.fact.get("evidence") or []:
            record["evidence"].append({"doc": item.get("doc", member.doc_id), "start": item.get("start"),
                                       "end": item.get("end"), "text": item.get("text"), "lang": lang})
        aligned = member.aligned_actors()
        aux.used[0].append(aligned[0])
        aux.used[1].append(aligned[1])
        aux.docs.add(member.doc_id)
    langs = sorted(set(record["langs"]) | {m.fact.get("lang") for m in added if m.fact.get("lang")})
    confidences = [float(m.fact["confidence"]) for m in added if m.fact.get("confidence") is not None]
    if record["confidence"] is not None:
        confidences.append(record["confidence"])
    record.update(
        actors=[_display_from(canon[i], aux.used[i], span) for i in (0, 1)],
        directed=is_directed(fact_type, attrs),
        lang=rep.fact.get("lang") or (langs[0] if langs else None),
        langs=langs,
        confidence=max(confidences) if confidences else None,
        n_docs=len(aux.docs),
    )
    return True


def _display_from(canonical: str, used: list[str], span: tuple[str, str] | None) -> str:
    """:func:`_display_code` from the codes the members used, in member order."""
    former = next((code for code in used if code != canonical), None)
    if former is None:
        return canonical
    since = SUCCESSOR_SINCE.get(canonical)
    if span is not None:
        return former if since and span[1] < since else canonical
    return max(set(used), key=lambda c: (used.count(c), c != canonical))


def _display_code(position: int, canonical: str, members: list[Member], span: tuple[str, str] | None) -> str:
    """Keep a former state's code when a source used it and the date precedes the successor."""
    used = [m.aligned_actors()[position] for m in members]
    former = [code for code in used if code != canonical]
    if not former:
        return canonical
    since = SUCCESSOR_SINCE.get(canonical)
    if span is not None:
        return former[0] if since and span[1] < since else canonical
    # Undated: the code most sources used.
    return max(set(used), key=lambda c: (used.count(c), c != canonical))


# --- conflicts --------------------------------------------------------------

def _year(span: tuple[str, str] | None) -> str | None:
    if span is None or span[0][:4] != span[1][:4]:
        return None
    return span[0][:4]


def same_event(fact_type: str, x: dict[str, Any], y: dict[str, Any]) -> bool:
    """Whether two merged facts clearly describe the same event."""
    ax, ay = x["attrs"], y["attrs"]
    if fact_type == "relations_established":
        return True
    if fact_type == "agreement_signed":
        tx, ty = _as_set(ax.get("topics")), _as_set(ay.get("topics"))
        titles_differ = _norm(ax.get("title")) and _norm(ay.get("title")) and _norm(ax.get("title")) != _norm(ay.get("title"))
        return bool(tx) and tx == ty and not titles_differ
    if fact_type in ("mission_opened", "mission_closed"):
        return (x["canon"] == y["canon"] and bool(_norm(ax.get("kind"))) and _norm(ax.get("kind")) == _norm(ay.get("kind"))
                and _same_or_missing(ax.get("city"), ay.get("city")))
    if fact_type == "trade_volume":
        year = _year(x["date_span"])
        return (year is not None and year == _year(y["date_span"])
                and _norm(ax.get("flow") or "total") == _norm(ay.get("flow") or "total")
                and x["canon"] == y["canon"]
                and _same_or_missing(ax.get("currency"), ay.get("currency")))
    return False


def event_bucket(fact_type: str, record: dict[str, Any]) -> Any:
    """A key that two records :func:`same_event` accepts always share (None: never the same event)."""
    attrs = record["attrs"]
    if fact_type == "relations_established":
        return ()
    if fact_type == "agreement_signed":
        topics = _as_set(attrs.get("topics"))
        return frozenset(topics) if topics else None
    if fact_type in ("mission_opened", "mission_closed"):
        kind = _norm(attrs.get("kind"))
        return (tuple(record["canon"]), kind) if kind else None
    if fact_type == "trade_volume":
        year = _year(record["date_span"])
        return (year, _norm(attrs.get("flow") or "total"), tuple(record["canon"])) if year else None
    return None


def find_conflicts(fact_type: str, clusters: list[Cluster]) -> list[dict[str, Any]]:
    """Sets of merged facts that are the same event yet disagree, with a reason.

    Returns:
        ``{"id", "kind" ("date" or "value"), "reason", "fact_ids"}`` per
        conflict; each is a connected set of facts under :func:`same_event`.
    """
    records = [dict(c.record, canon=c.members[0].canon) for c in clusters]
    n = len(records)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only facts in one bucket can be the same event (see event_bucket), so
    # pairs are compared within buckets: linear for facts that cannot clash.
    buckets: dict[Any, list[int]] = {}
    for i, record in enumerate(records):
        bucket = event_bucket(fact_type, record)
        if bucket is not None:
            buckets.setdefault(bucket, []).append(i)
    for indexes in buckets.values():
        if fact_type == "relations_established":
            for i in indexes[1:]:  # same_event is always true: one set
                parent[root(i)] = root(indexes[0])
            continue
        for a, i in enumerate(indexes):
            for j in indexes[a + 1:]:
                if same_event(fact_type, records[i], records[j]):
                    parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    conflicts = []
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        group = [records[i] for i in indexes]
        dates = {r["date"] for r in group}
        spans = [r["date_span"] for r in group]
        date_clash = any(not dates_compatible(a, b) for a in spans for b in spans if a and b)
        kind = "date" if date_clash or (len(dates) > 1 and fact_type != "trade_volume") else "value"
        ids = sorted(r["id"] for r in group)
        digest = hashlib.sha256("|".join(ids).encode()).hexdigest()[:16]
        conflicts.append({"id": f"c:{digest}", "kind": kind, "fact_ids": ids,
                          "reason": _reason(fact_type, kind, group)})
    return conflicts


def _reason(fact_type: str, kind: str, group: list[dict[str, Any]]) -> str:
    pair = "–".join(group[0]["actors"])
    sides = []
    for record in sorted(group, key=lambda r: (r["date_span"] or (MAX_DAY, MAX_DAY), r["id"])):
        docs = ", ".join(sorted({e["doc"] for e in record["evidence"]}))
        if kind == "value":
            value = record["attrs"].get("value")
            what = f"{value:,.0f} {record['attrs'].get('currency') or ''}".strip() if isinstance(value, (int, float)) else str(value)
        else:
            what = record["date"] or "undated"
        sides.append(f"{what} ({docs})")
    label = "dates" if kind == "date" else "values"
    return f"{fact_type} {pair}: sources give different {label}: " + " vs ".join(sides)


def members_from(rows: Iterable[tuple[str, int, dict[str, Any]]]) -> list[Member]:
    """Members from ``(doc_id, ord, fact)`` rows."""
    return [Member(doc_id=doc_id, ord=ord_, fact=fact) for doc_id, ord_, fact in rows]


def _add_attrs(attrs: dict[str, Any], more: dict[str, Any]) -> None:
    """Fold one member's attributes into a merged fact's: lists are joined, blanks filled."""
    for name, value in more.items():
        if name in LIST_ATTRS and isinstance(value, list):
            merged = list(attrs.get(name) or [])
            merged += [v for v in value if v not in merged]
            attrs[name] = merged
        elif attrs.get(name) in (None, "", []):
            attrs[name] = value
