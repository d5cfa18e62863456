"""The facts stage: contract-shaped facts with ids, CAMEO codes and evidence.

Events carry their evidence as spans of the cleaned view; here they become
spans of the text as the user gave it (``raw[start:end] == text``), and each
fact gets a stable id (a hash of what it says and where it was read) and the
CAMEO code of its type (the fact contract, FACTS.md).
"""
from __future__ import annotations

import hashlib
import json

from sampark.contract import is_directed
from sampark.model import Document

# CAMEO codes of the contract's table; where it gives several, the attributes choose.
CAMEO = {
    "relations_established": "054", "relations_restored": "050", "relations_improved": "050",
    "relations_strained": "160", "relations_severed": "161", "mission_opened": "054",
    "mission_closed": "161", "agreement_signed": "057", "agreement_negotiated": "046",
    "visit": "042", "meeting": "040", "statement": "051", "trade_volume": "061",
    "trade_goods": "061", "arms_transfer": "062", "cooperation": "061", "aid": "070",
    "sanction": "163", "conflict": "190",
}
_COOPERATION_CAMEO = {"defense": "062", "security": "062", "education": "064", "science": "064",
                      "space": "064", "culture": "064", "health": "064"}
_AID_CAMEO = {"economic": "071", "military": "072", "humanitarian": "073"}


def cameo_code(fact: dict) -> str:
    """The CAMEO event code of a fact."""
    t, attrs = fact["type"], fact.get("attrs") or {}
    if t == "statement":
        return "111" if attrs.get("polarity") == "negative" else "051"
    if t == "cooperation":
        return _COOPERATION_CAMEO.get(attrs.get("domain") or "", "061")
    if t == "aid":
        return _AID_CAMEO.get(attrs.get("kind") or "", "070")
    if t == "mission_closed" and attrs.get("expelled"):
        return "166"
    if t == "arms_transfer" and attrs.get("donated"):
        return "072"
    return CAMEO.get(t, "010")


def fact_id(fact: dict) -> str:
    """A stable id: the same fact read from the same place has the same id."""
    ev = fact["evidence"][0]
    key = json.dumps([fact["type"], fact["actors"], fact["date"], ev["doc"], ev["start"], ev["end"],
                      sorted((fact.get("attrs") or {}).items(), key=lambda kv: kv[0])],
                     ensure_ascii=False, default=str)
    return "f:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def run(doc: Document) -> Document:
    """Turn the events stage's drafts into contract facts with evidence into ``doc.raw``."""
    out = []
    for f in doc.drafts:
        spans = f.spans or [f.span]
        fact = {
            "type": f.type,
            "actors": list(f.actors),
            "directed": is_directed(f.type, f.attrs),
            "date": f.date,
            "attrs": f.attrs or {},
            "lang": f.lang or doc.lang,
            "confidence": f.confidence,
            "evidence": [doc.evidence(s, e) for s, e in spans],
        }
        fact["cameo"] = cameo_code(fact)
        fact["id"] = fact_id(fact)
        out.append(fact)
    doc.facts = out
    return doc
