"""Wiki tables whose rows each state a fact: "Country | Date" under a header
saying the rows are diplomatic relations, agreements or embassies.
"""
from __future__ import annotations

from typing import Any

import regex

from sampark.geo import PAIR, resolve_state, successor
from sampark.model import Document, DraftFact, Mention
from sampark.stages.events.focus import Focus
from sampark.stages.events.model import historical
from sampark.stages.events.rules import LangRules

_YEAR_CELL = regex.compile(r"\s*(1[5-9]\d\d|20\d\d)\s*")


def table_facts(doc: Document, rules: LangRules, focus: Focus,
                 by_kind: dict[str, list[Mention]]) -> list[DraftFact]:
    """Rows of a wiki table that each name a state and a date ("Country | Date")."""
    home = focus.single or (focus.pair[0] if focus.pair else None)
    if not home or not doc.meta.get("tables"):
        return []
    text = doc.text
    out: list[DraftFact] = []
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
            codes = historical([home, partner], key)
            if successor(codes[0]) == successor(codes[1]):
                continue
            attrs: dict[str, Any] = {}
            if ftype == "agreement_signed":
                attrs["topics"] = _topics_in(rules, context) or ["other"]
            if ftype == "mission_opened":
                attrs["kind"] = "embassy"
                codes = [partner, home] if "in" not in context.casefold() else codes
            out.append(DraftFact(type=ftype, actors=codes, date=key, attrs=attrs, lang=doc.lang,
                                 confidence=0.8 if key else 0.6, span=(start, end), cue=(start, end)))
    return out


def table_spans(doc: Document, rules: LangRules) -> list[tuple[int, int]]:
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
    for start, _end, _level, title in doc.meta.get("headings", ()):
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
