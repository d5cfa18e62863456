"""Helpers for the knowledge-base tests: documents and per-document facts written by hand.

Imported by the tests and by the child processes the crash and
concurrency tests start (conftest puts this folder on ``sys.path``).
"""
from __future__ import annotations

import random
from typing import Any

from sampark.readers import SourceDoc


def fact(doc: SourceDoc, fact_type: str, actors: list[str], date: str | None, quote: str,
         lang: str | None = None, confidence: float = 0.9, cameo: str | None = None, **attrs: Any) -> dict[str, Any]:
    """A per-document fact in the contract shape whose evidence is ``quote`` found in ``doc.text``."""
    start = doc.text.index(quote)
    return {"id": f"f:{doc.id}:{start}", "type": fact_type, "actors": actors, "date": date, "attrs": attrs,
            "cameo": cameo or "000", "lang": lang or doc.lang, "confidence": confidence,
            "evidence": [{"doc": doc.id, "start": start, "end": start + len(quote), "text": quote}]}


class HandExtractor:
    """An extractor whose facts for each document id are given by the test.

    It stands in for ``sampark.extract`` where the test is about merging,
    not extraction: the input facts are then exactly known.
    """

    def __init__(self) -> None:
        self.facts: dict[str, list[dict[str, Any]]] = {}
        self.calls: list[str] = []

    def __call__(self, doc: SourceDoc) -> list[dict[str, Any]]:
        self.calls.append(doc.id)
        return [dict(f) for f in self.facts.get(doc.id, [])]


BN = SourceDoc("bn-seed", "মালয়েশিয়া–রাশিয়া সম্পর্ক",
               "মালয়েশিয়া ও সোভিয়েত ইউনিয়নের মধ্যে ১৯৬৭ সালের ৩রা এপ্রিল কূটনৈতিক সম্পর্ক স্থাপিত হয়। "
               "এপ্রিল, ১৯৬৮ সাল থেকে কুয়ালালামপুরে রাশিয়ার দূতাবাস রয়েছে। "
               "১৯৭২ সালের অক্টোবরে অর্থনীতি ও প্রযুক্তিগত সহযোগিতা বিষয়ক একটি চুক্তি স্বাক্ষরিত হয়।", lang="bn")
EN = SourceDoc("en-wiki", "Malaysia–Russia relations",
               "Malaysia and Russia established relations in 1967. Russia has had an embassy in Kuala Lumpur "
               "since 1968. An economic agreement was signed in 1972. In 1985 trade reached US$1,903 million.",
               lang="en")
NEWS = SourceDoc("news/1", "Trade", "Officials said trade in 1985 was US$2,400 million, and that relations were "
                 "set up in 1968.", lang="en")


def seed_facts(hand: HandExtractor) -> None:
    hand.facts[BN.id] = [
        fact(BN, "relations_established", ["MYS", "SUN"], "1967-04-03", "১৯৬৭ সালের ৩রা এপ্রিল কূটনৈতিক সম্পর্ক"),
        fact(BN, "mission_opened", ["RUS", "MYS"], "1968-04", "কুয়ালালামপুরে রাশিয়ার দূতাবাস",
             kind="embassy", city="Kuala Lumpur"),
        fact(BN, "agreement_signed", ["MYS", "SUN"], "1972-10", "অর্থনীতি ও প্রযুক্তিগত সহযোগিতা বিষয়ক একটি চুক্তি",
             topics=["economic", "technical"]),
    ]
    hand.facts[EN.id] = [
        fact(EN, "relations_established", ["RUS", "MYS"], "1967", "established relations in 1967"),
        fact(EN, "mission_opened", ["RUS", "MYS"], "1968", "embassy in Kuala Lumpur", kind="embassy"),
        fact(EN, "agreement_signed", ["MYS", "RUS"], "1972", "economic agreement", topics=["economic"]),
        fact(EN, "trade_volume", ["MYS", "RUS"], "1985", "trade reached US$1,903 million",
             value=1_903_000_000, currency="USD", flow="total"),
    ]
    hand.facts[NEWS.id] = [
        fact(NEWS, "trade_volume", ["RUS", "MYS"], "1985", "trade in 1985 was US$2,400 million",
             value=2_400_000_000, currency="USD"),
        fact(NEWS, "relations_established", ["MYS", "RUS"], "1968", "relations were set up in 1968"),
    ]


def corpus() -> tuple[list[SourceDoc], HandExtractor]:
    hand = HandExtractor()
    docs = []
    rng = random.Random(7)
    for i in range(24):
        year = 1990 + i % 6
        text = f"Document {i}: in {year} India and Pakistan traded goods; Russia and India met in {year}."
        doc = SourceDoc(f"doc{i:02d}", None, text, lang="en")
        docs.append(doc)
        hand.facts[doc.id] = [
            fact(doc, "trade_volume", ["IND", "PAK"], str(year), f"in {year} India and Pakistan traded",
                 value=rng.choice([1e9, 1.001e9, 2e9]), currency="USD"),
            fact(doc, "meeting", ["SUN" if year < 1992 else "RUS", "IND"], str(year), f"met in {year}"),
        ]
    return docs, hand
