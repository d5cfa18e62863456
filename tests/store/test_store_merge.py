"""The merge rules on their own: dates, attributes, successors, conflicts."""
from __future__ import annotations

import pytest

from sampark.store import merge


def member(doc: str, fact_type: str, actors: list[str], date: str | None, ord_: int = 0, lang: str = "en",
           **attrs) -> merge.Member:
    fact = {"type": fact_type, "actors": actors, "date": date, "attrs": attrs, "lang": lang, "confidence": 0.8,
            "cameo": "054", "evidence": [{"doc": doc, "start": 0, "end": 1, "text": "x"}]}
    return merge.Member(doc_id=doc, ord=ord_, fact=fact)


# fmt: off
@pytest.mark.parametrize("edtf,span", [
    ("1967-04-03", ("1967-04-03", "1967-04-03")),
    ("1968-04", ("1968-04-01", "1968-04-30")),
    ("1968-02", ("1968-02-01", "1968-02-29")),
    ("1968", ("1968-01-01", "1968-12-31")),
    ("198X", ("1980-01-01", "1989-12-31")),
    ("19XX", ("1900-01-01", "1999-12-31")),
    ("1985/..", ("1985-01-01", "9999-12-31")),
    ("../1990", ("0001-01-01", "1990-12-31")),
    ("1990-05/1991", ("1990-05-01", "1991-12-31")),
    ("1971?", ("1971-01-01", "1971-12-31")),
    (None, None), ("", None), ("April 1968", None), ("1968-13", None),
])
# fmt: on
def test_merge_date_span(edtf, span) -> None:
    assert merge.date_span(edtf) == span


# fmt: off
@pytest.mark.parametrize("a,b,ok", [
    ("1968", "1968-04", True), ("1968-04", "1968-04-12", True), ("198X", "1985", True),
    ("1968-04", "1968-05", False), ("1967", "1968", False), ("1985/..", "1990", True),
    ("1968", "1968", True), (None, None, True), ("1968", None, False),
])
# fmt: on
def test_merge_dates_compatible(a, b, ok) -> None:
    assert merge.dates_compatible(merge.date_span(a), merge.date_span(b)) is ok
    assert merge.dates_compatible(merge.date_span(b), merge.date_span(a)) is ok


def test_merge_former_state_counts_as_successor() -> None:
    a = member("bn1", "agreement_signed", ["MYS", "SUN"], "1972-10", topics=["economic"])
    b = member("en1", "agreement_signed", ["RUS", "MYS"], "1972", topics=["economic", "technical"])
    assert merge.same_fact(a, b)
    [cluster] = merge.cluster_members([a, b])
    record = cluster.record
    # The more precise date wins; the 1972 fact keeps the Soviet code a source used.
    assert record["date"] == "1972-10"
    assert sorted(record["actors"]) == ["MYS", "SUN"]
    assert record["attrs"]["topics"] == ["economic", "technical"]
    assert record["langs"] == ["en"] and len(record["evidence"]) == 2


def test_merge_successor_code_after_dissolution() -> None:
    a = member("d1", "visit", ["SUN", "MYS"], "1995")
    b = member("d2", "visit", ["RUS", "MYS"], "1995-03")
    [cluster] = merge.cluster_members([a, b])
    assert cluster.record["actors"] == ["RUS", "MYS"] and cluster.record["date"] == "1995-03"


def test_merge_directed_order_matters() -> None:
    a = member("d1", "mission_opened", ["RUS", "MYS"], "1968", kind="embassy")
    b = member("d2", "mission_opened", ["MYS", "RUS"], "1968", kind="embassy")
    assert not merge.same_fact(a, b)
    c = member("d3", "relations_established", ["RUS", "MYS"], "1967")
    d = member("d4", "relations_established", ["MYS", "SUN"], "1967-04-03")
    assert merge.same_fact(c, d)


# fmt: off
@pytest.mark.parametrize("fact_type,a,b,ok", [
    ("trade_volume", {"value": 1_000_000, "currency": "USD", "flow": "total"}, {"value": 1_009_000, "currency": "USD"}, True),
    ("trade_volume", {"value": 1_000_000, "currency": "USD"}, {"value": 1_020_000, "currency": "USD"}, False),
    ("trade_volume", {"value": 1_000_000, "currency": "USD"}, {"value": 1_000_000, "currency": "MYR"}, False),
    ("trade_volume", {"value": 5, "flow": "export"}, {"value": 5, "flow": "total"}, False),
    ("agreement_signed", {"topics": ["trade"]}, {"topics": ["trade", "economic"]}, True),
    ("agreement_signed", {"topics": ["trade"]}, {"topics": []}, True),
    ("agreement_signed", {"topics": ["visa"]}, {"topics": ["defense"]}, False),
    ("mission_opened", {"kind": "embassy", "city": "Moscow"}, {"kind": "embassy"}, True),
    ("mission_opened", {"kind": "embassy"}, {"kind": "consulate"}, False),
    ("mission_opened", {"kind": "consulate", "city": "Vladivostok"}, {"kind": "consulate", "city": "Moscow"}, False),
    ("statement", {"polarity": "positive"}, {"polarity": "negative"}, False),
    ("cooperation", {"domain": "space"}, {"domain": "other"}, True),
])
# fmt: on
def test_merge_attrs_compatible(fact_type, a, b, ok) -> None:
    assert merge.attrs_compatible(fact_type, a, b) is ok


def test_merge_cluster_agrees_with_every_member() -> None:
    year = member("d1", "relations_improved", ["IND", "PAK"], "2004")
    april = member("d2", "relations_improved", ["IND", "PAK"], "2004-04")
    may = member("d3", "relations_improved", ["IND", "PAK"], "2004-05")
    clusters = merge.cluster_members([may, april, year])
    assert sorted(sorted(m.doc_id for m in c.members) for c in clusters) == [["d1", "d2"], ["d3"]]


def test_merge_undated_joins_only_one_off_events() -> None:
    undated = member("d1", "relations_established", ["IND", "PAK"], None)
    dated = member("d2", "relations_established", ["PAK", "IND"], "1947-08")
    assert merge.same_fact(undated, dated)
    visit = member("d3", "visit", ["IND", "PAK"], None)
    visit_dated = member("d4", "visit", ["IND", "PAK"], "2004")
    assert not merge.same_fact(visit, visit_dated)


def test_merge_result_does_not_depend_on_order() -> None:
    members = [member(f"d{i}", "trade_volume", ["IND", "PAK"], d, value=v, currency="USD")
               for i, (d, v) in enumerate([("2010", 100), ("2010", 100.5), ("2010", 150), ("2011", 100)])]
    forward = merge.cluster_members(members)
    backward = merge.cluster_members(list(reversed(members)))
    assert [c.record for c in forward] == [c.record for c in backward]


def test_merge_conflicts_date_and_value() -> None:
    a = member("d1", "relations_established", ["MYS", "RUS"], "1967-04-03")
    b = member("d2", "relations_established", ["MYS", "SUN"], "1968")
    t1 = member("d3", "trade_volume", ["MYS", "RUS"], "1985", value=1e9, currency="USD")
    t2 = member("d4", "trade_volume", ["RUS", "MYS"], "1985", value=2e9, currency="USD")
    t3 = member("d5", "trade_volume", ["RUS", "MYS"], "1986", value=3e9, currency="USD")
    [rel] = merge.find_conflicts("relations_established", merge.cluster_members([a, b]))
    assert rel["kind"] == "date" and len(rel["fact_ids"]) == 2
    assert "1967-04-03 (d1)" in rel["reason"] and "1968 (d2)" in rel["reason"]
    [trade] = merge.find_conflicts("trade_volume", merge.cluster_members([t1, t2, t3]))
    assert trade["kind"] == "value" and len(trade["fact_ids"]) == 2
    assert "1,000,000,000 USD (d3)" in trade["reason"]


def test_merge_no_conflict_for_different_events() -> None:
    embassy = member("d1", "mission_opened", ["RUS", "MYS"], "1968", kind="embassy")
    consulate = member("d2", "mission_opened", ["RUS", "MYS"], "1990", kind="consulate")
    other_way = member("d3", "mission_opened", ["MYS", "RUS"], "1970", kind="embassy")
    assert merge.find_conflicts("mission_opened", merge.cluster_members([embassy, consulate, other_way])) == []
    visa = member("d4", "agreement_signed", ["MYS", "RUS"], "1972", topics=["visa"])
    trade = member("d5", "agreement_signed", ["MYS", "RUS"], "1990", topics=["trade"])
    assert merge.find_conflicts("agreement_signed", merge.cluster_members([visa, trade])) == []
    same_topic = member("d6", "agreement_signed", ["MYS", "RUS"], "1991", topics=["trade"])
    [c] = merge.find_conflicts("agreement_signed", merge.cluster_members([visa, trade, same_topic]))
    assert c["kind"] == "date"


def test_merge_rejects_bad_facts() -> None:
    assert merge.valid_fact({"type": "visit", "actors": ["IND"]}) == "needs two actor codes"
    assert merge.valid_fact({"type": "visit", "actors": ["SUN", "RUS"]}) == "both actors are the same state"
    assert merge.valid_fact({"actors": ["IND", "PAK"]}) == "no type"
    assert merge.valid_fact({"type": "visit", "actors": ["IND", "PAK"]}) is None
