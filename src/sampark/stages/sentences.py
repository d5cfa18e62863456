"""The sentences stage: sentences of the cleaned view, with their section.

Sentences end at ``।``, ``৷``, ``?``, ``!`` and at a full stop that is not
part of an abbreviation, an initial or a number, and never run across a
line break or a heading. Each sentence knows its section's title, whether
that section is boilerplate (see also, references, external links,
categories: sections that yield no facts), and its paragraph number.
"""
from __future__ import annotations

import regex

from sampark.lang.load import DEFAULT_LANGUAGE, LANGUAGES, load_json, load_lines
from sampark.model import Document, Sentence
from sampark.text.normalize import normalize

# A sentence ends at a language's own marks (the Bengali dari) or ? !, at a
# full stop before a space, or at a line break.
_MARKS = "".join(regex.escape(m) for lang in LANGUAGES for m in load_json(lang, "sections.json")["sentence_marks"])
_END = regex.compile(rf"[{_MARKS}?!]+[\"'”’»)\]]*|\.(?=[\"'”’»)\]]*(?:\s|$))[\"'”’»)\]]*|\n")
_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}.]+)\.$")
_NEXT_LOWER = regex.compile(r"\s*[a-z0-9]")


class _Rules:
    """Per-language data, loaded once."""

    def __init__(self, lang: str) -> None:
        data = load_json(lang, "sections.json")
        self.boilerplate = {normalize(h).casefold() for h in data["boilerplate"]}
        self.line_prefixes = tuple(normalize(p) for p in data.get("line_prefixes", ()))
        self.abbreviations = set(load_lines(lang, "abbreviations.txt"))


_rules: dict[str, _Rules] = {}


def _rules_for(lang: str) -> _Rules:
    if lang not in _rules:
        _rules[lang] = _Rules(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    return _rules[lang]


def _is_abbreviation(text: str, dot: int, rules: _Rules, all_rules: list[_Rules]) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation, an initial or a number."""
    m = _WORD_BEFORE.search(text, max(0, dot - 20), dot + 1)
    if m is None:
        return dot > 0 and text[dot - 1].isdigit() and dot + 1 < len(text) and text[dot + 1].isdigit()
    word = m.group(1)
    last = word.rsplit(".", 1)[-1] if "." in word else word
    if len(regex.sub(r"\p{M}", "", last)) == 1:  # an initial: "A. K. Momen", "এ. কে."
        return True
    if any(word in r.abbreviations or last in r.abbreviations for r in all_rules):
        # "U.S." at the very end of a sentence is still an end when a capital follows.
        return True
    return bool(_NEXT_LOWER.match(text, dot + 1))


MAX_SENTENCE = 1000
_CLAUSE_END = regex.compile(r"[,;:—–]\s|\s")


def _clause_cut(text: str, start: int, limit: int) -> int:
    """Where to cut an overlong sentence: after the last clause mark (else space) before ``limit``."""
    window = text[start:limit]
    for mark in (",", ";", "—", "–", ":"):
        i = window.rfind(mark + " ")
        if i > len(window) // 2:
            return start + i + 1
    i = window.rfind(" ")
    return start + i + 1 if i > 0 else limit


def split(text: str, lang: str, headings=(), start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split ``text[start:end]`` into sentences.

    Args:
        text: the cleaned view.
        lang: ``bn`` or ``en``; both languages' abbreviations are honoured.
        headings: ``(start, end, level, title)`` spans from the clean stage.
    """
    end = len(text) if end is None else end
    rules = _rules_for(lang)
    all_rules = [rules] + [_rules_for(x) for x in LANGUAGES if x != lang]
    out: list[Sentence] = []
    heads = sorted(headings)
    hi = 0
    section, boiler = "", False
    level_stack: list[tuple[int, bool]] = []
    paragraph = 0
    pos = start

    def emit(s: int, e: int) -> None:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > MAX_SENTENCE:
            # No real sentence is this long (a list, a table flattened, or
            # hostile input): cut it at a clause boundary, so that the work
            # per sentence stays bounded and the whole stays linear.
            cut = _clause_cut(text, s, s + MAX_SENTENCE)
            emit(s, cut)
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            chunk = text[s:e]
            is_boiler = boiler or chunk.startswith(rules.line_prefixes)
            out.append(Sentence(s, e, section, paragraph, is_boiler))

    while pos < end:
        next_head = heads[hi] if hi < len(heads) else None
        seg_end = min(end, next_head[0]) if next_head else end
        for m in _END.finditer(text, pos, seg_end):
            if m.group() == "\n":
                emit(pos, m.start())
                paragraph += 1
                pos = m.end()
                continue
            if m.group().startswith(".") and _is_abbreviation(text, m.start(), rules, all_rules):
                continue
            emit(pos, m.end())
            pos = m.end()
        emit(pos, seg_end)
        pos = seg_end
        if next_head and pos < end:
            _start, he, level, title = next_head
            while level_stack and level_stack[-1][0] >= level:
                level_stack.pop()
            parent_boiler = bool(level_stack) and level_stack[-1][1]
            boiler = parent_boiler or normalize(title).strip().casefold() in rules.boilerplate
            level_stack.append((level, boiler))
            section = normalize(title).strip()
            paragraph += 1
            pos = max(pos, he)
            hi += 1
    return out


def run(doc: Document) -> Document:
    """Split ``doc.text`` into ``doc.sentences``."""
    doc.sentences = split(doc.text, doc.lang or "en", doc.meta.get("headings", ()))
    return doc
