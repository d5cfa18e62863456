"""The fact contract in code: the fact types, which are directed, and their CAMEO codes.

One place for what every part of sampark (extractor, store, web, exports)
must agree on; the contract itself is FACTS.md in the shared folder, summed
up in docs/extraction.md.
"""
from __future__ import annotations

FACT_TYPES = (
    "relations_established", "relations_restored", "relations_improved", "relations_strained",
    "relations_severed", "mission_opened", "mission_closed", "agreement_signed", "agreement_negotiated",
    "visit", "meeting", "statement", "trade_volume", "trade_goods", "arms_transfer", "cooperation",
    "aid", "sanction", "conflict",
)

# Types whose actors are [source, target]; trade_volume is directed only
# when its flow is export or import (see is_directed).
DIRECTED = frozenset({"mission_opened", "mission_closed", "visit", "statement", "trade_goods",
                      "arms_transfer", "aid", "sanction"})


def is_directed(fact_type: str, attrs: dict | None = None) -> bool:
    """Whether the order of a fact's two states matters."""
    flow = (attrs or {}).get("flow")
    return fact_type in DIRECTED or (fact_type == "trade_volume" and flow in ("export", "import"))
