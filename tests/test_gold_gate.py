"""The quality gate: sampark.extract against the development gold set.

The documents are read from ../shared (skipped where it is absent); see
tests/gold/README.md. Floors per group are in tests/gold/floors.json.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_DEVSET = Path(__file__).resolve().parent / "gold" / "devset.py"
_spec = importlib.util.spec_from_file_location("sampark_devset", _DEVSET)
devset = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = devset  # dataclasses look their module up by name
_spec.loader.exec_module(devset)

pytestmark = pytest.mark.skipif(not devset.shared_available(),
                                reason=f"shared corpora not found at {devset.SHARED}")

ENTRIES = devset.load_manifest()
GROUPS = devset.groups(ENTRIES)
CONTRACT_EXTRA_CODES = {"SUN", "YUG", "CSK", "DDR", "SCG", "YMD", "ZAR", "BUR", "TMP", "XKX"}


def _known_code(code: str) -> bool:
    import pycountry
    return (code in CONTRACT_EXTRA_CODES or pycountry.countries.get(alpha_3=code) is not None
            or pycountry.historic_countries.get(alpha_3=code) is not None)


def test_manifest_covers_both_languages_and_kinds():
    langs = {(e.lang, e.kind) for e in ENTRIES if e.group != "seed"}
    assert {("bn", "wikipedia"), ("bn", "news"), ("en", "wikipedia")} <= langs
    assert sum(1 for e in ENTRIES if e.group != "seed") >= 22
    assert "seed" in GROUPS
    assert len({(e.doc, e.section) for e in ENTRIES}) == len(ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_gold_document_loads_and_is_well_formed(entry):
    doc = devset.load_document(entry)
    start, end = devset.section_span(doc.text, entry.section)
    assert 0 <= start < end <= len(doc.text)
    if entry.section:
        heading = doc.text[start:doc.text.index("\n", start)]
        assert heading.startswith("=")
        assert devset._norm_heading(entry.section.split(" > ")[-1]) in devset._norm_heading(heading)
    score = devset.scorer()
    gold = devset.load_gold(entry)
    ids = [g["id"] for g in gold]
    assert len(ids) == len(set(ids))
    for g in gold:
        assert {"id", "type", "actors", "directed", "date", "attrs", "optional", "note"} <= set(g), g
        assert g["type"] in devset.FACT_TYPES, g
        assert len(g["actors"]) == 2 and g["actors"][0] != g["actors"][1], g
        assert all(_known_code(c) for c in g["actors"]), g
        directed = g["type"] in score.DIRECTED or (
            g["type"] == "trade_volume" and g["attrs"].get("flow") in ("export", "import"))
        assert g["directed"] == directed, g
        score.span(g["date"])  # raises on a date the scorer cannot read
        assert isinstance(g["optional"], bool) and g["note"].strip(), g


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_scoring_plumbing_gives_gold_itself_full_marks(entry):
    """Gold facts dressed as predictions inside the section score 1.0;
    the same facts placed outside the section are not counted."""
    doc = devset.load_document(entry)
    start, end = devset.section_span(doc.text, entry.section)
    ev = {"doc": doc.id, "start": start, "end": start + 5, "text": doc.text[start:start + 5]}
    gold = devset.load_gold(entry)
    pred = [dict(g, evidence=[ev]) for g in gold if not g["optional"]]
    r = devset.score_entry(entry, pred)
    if r.result["gold"]:
        assert r.result["f1"] == 1.0 and r.result["exact_dates"] in (1.0, None)
    assert r.ev_good == r.ev_spans == len(pred)
    if entry.section and end < len(doc.text):
        outside = {"doc": doc.id, "start": end, "end": end + 1, "text": doc.text[end:end + 1]}
        r2 = devset.score_entry(entry, [dict(p, evidence=[outside]) for p in pred])
        assert r2.result["predicted"] == 0


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_quality_gate(group):
    reason = devset.extractor_missing()
    if reason:
        pytest.skip(reason)
    totals = devset.score_group(GROUPS[group])
    print()
    print(devset.table(totals, group))
    floors = devset.load_floors().get(group, {})
    failures = devset.check_floors(totals, floors)
    assert not failures, f"{group}: " + "; ".join(failures)
