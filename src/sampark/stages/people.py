"""The people stage: persons who stand for a state.

Two sources link a person to a state: a title with a name ("রাষ্ট্রপতি
ভলাদিমির পুতিন", "Prime Minister of Malaysia Mahathir Mohamad", "Russian
President Vladimir Putin"), where the state is the one named with the title
or the person's own entry; and the curated list of heads of state and
government and foreign ministers (``lang/<code>/people.jsonl``). A person
found once is linked for the rest of the document: later mentions by
surname, and misspelt variants one letter away (গোরবাচেভ / গোরবাশেভ), are
the same person.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import ahocorasick
import regex

from sampark.geo import PAIR
from sampark.lang.load import LANGUAGES, load_json, load_jsonl
from sampark.lang.profile import profile
from sampark.model import Document, Mention
from sampark.text.normalize import normalize

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*")
_ONE_WORD_GAP = regex.compile(r"[\s-]*(?:[\p{L}\p{M}]+\s+)?")
_MIN_FUZZY = 5  # shorter names have too many neighbours among ordinary words
_LONG_WORD = regex.compile(rf"[\p{{L}}\p{{M}}]{{{_MIN_FUZZY},}}(?:[-'’][\p{{L}}\p{{M}}]+)*")
_CAPITALISED = r"(?:[A-Z][\p{L}\p{M}'’-]+|[A-Z]\.)"


def _capitalised_name(particles: list[str]) -> regex.Pattern[str]:
    """Up to four capitalised words, with the lower-case ``particles`` a name may hold between them."""
    inner = rf"(?:(?:{'|'.join(map(regex.escape, particles))})\s+)?" if particles else ""
    return regex.compile(rf"{_CAPITALISED}(?:\s+{inner}{_CAPITALISED}){{0,3}}")


@dataclass(frozen=True)
class Person:
    name: str
    state: str


class _Lexicon:
    """The curated people and titles of one language, compiled once."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.people = ahocorasick.Automaton()
        for row in load_jsonl(lang, "people.jsonl"):
            person = Person(row["name"], row["state"])
            for form in row.get("forms", ()):
                form = normalize(form)
                key = profile(lang).fold(form)
                self.people.add_word(key, (len(key), person))
        self.people.make_automaton()
        titles = load_json(lang, "titles.json")
        forms = sorted({normalize(t["form"]) for t in titles["titles"]}, key=len, reverse=True)
        quals = sorted({normalize(q["form"]) for q in titles.get("qualifiers", ())}, key=len, reverse=True)
        # Titles are literal words: one Aho-Corasick pass finds them all, and
        # a qualifier ("former", "সাবেক") is looked for just before each.
        self.titles = ahocorasick.Automaton()
        for form in forms:
            self.titles.add_word(form, form)
        self.titles.make_automaton()
        self.qualifier = regex.compile(
            r"(?<![\p{L}\p{M}])(?:" + "|".join(map(regex.escape, quals)) + r")\s+$")
        # A name takes the case endings of its own language, or, in a language
        # that writes none onto words, those of the languages that do.
        own = profile(lang).word_endings
        suffixes = [s for other in LANGUAGES if (other == lang if own else profile(other).word_endings)
                    for s in load_json(other, "suffixes.json")["suffixes"]]
        self.suffixes = sorted({s["suffix"] for s in suffixes if s["suffix"][0] not in "-'’"},
                               key=len, reverse=True)
        self.case_of = {s["suffix"]: s["case"] for s in suffixes}
        self.suffix_set = frozenset(self.suffixes)
        names = load_json(lang, "names.json")
        self.common_parts = frozenset(normalize(w) for w in names["common_parts"])
        self.capitalised_name = _capitalised_name(names["name_particles"])
        self.not_names = frozenset(normalize(w) for w in names["not_names"])
        self.longest_suffix = max(map(len, self.suffixes))


@cache
def _lexicon(lang: str) -> _Lexicon:
    return _Lexicon(lang)


def _is_boundary(text: str, i: int) -> bool:
    return i <= 0 or i >= len(text) or not regex.match(r"[\p{L}\p{M}]", text[i])


def _suffix_end(text: str, end: int, lex: _Lexicon) -> tuple[int, str]:
    """Extend a Bengali name over a case ending; return the new end and the case."""
    if _is_boundary(text, end):
        return end, "nom"
    for suf in lex.suffixes:
        if text.startswith(suf, end) and _is_boundary(text, end + len(suf)):
            return end + len(suf), lex.case_of.get(suf, "nom")
    return -1, ""


def _known(doc: Document, lex: _Lexicon) -> list[Mention]:
    grammar = profile(lex.lang)
    text = grammar.fold(doc.text)
    found: list[Mention] = []
    for end_idx, (length, person) in lex.people.iter_long(text):
        start = end_idx + 1 - length
        if not _is_boundary(text, start - 1):
            continue
        end, case = _suffix_end(doc.text, end_idx + 1, lex) if grammar.word_endings else (end_idx + 1, "nom")
        if end < 0:
            continue
        if not grammar.word_endings:
            if not _is_boundary(text, end):
                if doc.text.startswith(("'s", "’s"), end):
                    end, case = end + 2, "gen"
                else:
                    continue
            if not doc.text[start].isupper():
                continue
        found.append(Mention(start, end, "person", person.state,
                             {"name": person.name, "case": case, "source": "list"}))
    return found


def _state_near_title(states: list[Mention], text: str, t_start: int, t_end: int, lang: str) -> str | None:
    """The state named with a title: just before it, or (English) 'of X' after it."""
    for m in reversed(states):
        # "ভারতের প্রধানমন্ত্রী", "ভারতের কেন্দ্রীয় প্রতিরক্ষামন্ত্রী": one word may stand between.
        if m.end <= t_start and m.key != PAIR and _ONE_WORD_GAP.fullmatch(text, m.end, t_start):
            if m.attrs.get("case") in ("gen", "nom") or m.attrs.get("form") in ("adj", "demonym"):
                return m.key
        if m.end < t_start - 40:
            break
    if not profile(lang).head_final:  # "the President of X"
        for m in states:
            if m.start > t_end + 8:
                break
            if m.start >= t_end and regex.fullmatch(r"\s+of\s+(?:the\s+)?", text[t_end:m.start]) and m.key != PAIR:
                return m.key
    return None


def _span_index(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted starts and the furthest end reached so far, for ``_overlaps``."""
    spans = sorted(spans)
    starts, reach, furthest = [], [], -1
    for start, end in spans:
        furthest = max(furthest, end)
        starts.append(start)
        reach.append(furthest)
    return starts, reach


def _overlaps(starts: list[int], reach: list[int], start: int, end: int) -> bool:
    """Whether any indexed span overlaps ``[start, end)``, in log time."""
    i = bisect_right(starts, end - 1) - 1
    return i >= 0 and reach[i] > start


def _title_spans(text: str, lex: _Lexicon):
    """``(start, end, title)`` of every title in ``text``, a qualifier before it included."""
    for end_idx, form in lex.titles.iter_long(text):
        start, end = end_idx + 1 - len(form), end_idx + 1
        if not (_is_boundary(text, start - 1) and _is_boundary(text, end)):
            continue
        qualified = lex.qualifier.search(text, max(0, start - 40), start)
        yield (qualified.start() if qualified else start), end, form


def _titled(doc: Document, lex: _Lexicon, states: list[Mention]) -> list[Mention]:
    text = doc.text
    out: list[Mention] = []
    state_starts, state_reach = _span_index([(m.start, m.end) for m in states])
    for t_start, t_end, title in _title_spans(text, lex):
        state = _state_near_title(states, text, t_start, t_end, lex.lang)
        pos = t_end
        if not profile(lex.lang).head_final:
            of = regex.match(r"\s+of\s+(?:the\s+)?[^,]{2,40}?,?\s+", text[pos:pos + 60])
            m = regex.compile(r"\s*,?\s*").match(text, pos)
            start = m.end()
            if of and state:
                start = pos + of.end()
            name = lex.capitalised_name.match(text, start)
            if not name or name.end() - name.start() < 3:
                continue
            s, e = name.span()
            surface = name.group()
            case = "nom"
            if text.startswith(("'s", "’s"), e):
                e += 2
                case = "gen"
        else:
            tokens: list[regex.Match[str]] = []
            for w in _WORD.finditer(text, pos, min(len(text), pos + 80)):
                if text[tokens[-1].end():w.start()].strip() if tokens else text[pos:w.start()].strip():
                    break
                if w.group() in lex.not_names:
                    break
                tokens.append(w)
                if _strip_suffix(w.group(), lex) != w.group() or len(tokens) == 3:
                    break
            if not tokens:
                continue
            s, e = tokens[0].start(), tokens[-1].end()
            surface = text[s:e]
            case = "nom"
            last = tokens[-1].group()
            for suf in lex.suffixes:
                if last.endswith(suf) and len(last) - len(suf) >= 3:
                    case = lex.case_of.get(suf, "nom")
                    surface = surface[: len(surface) - len(suf)]
                    break
        if _overlaps(state_starts, state_reach, s, e):
            continue  # "the President of India": a state, not a name
        out.append(Mention(s, e, "person", state or "",
                           {"name": surface.strip(), "case": case, "title": title,
                            "source": "title"}))
    return out


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))} | {word}


def _later_mentions(doc: Document, lex: _Lexicon, people: list[Mention]) -> list[Mention]:
    """Surnames and one-letter misspellings of persons already found.

    A misspelling is found through deletions (as SymSpell does): two words one
    edit apart share a string with one letter deleted from each, so each
    word of the text costs a few dictionary look-ups.
    """
    index: dict[str, tuple[str, str, str]] = {}
    exact: dict[str, tuple[str, str, str]] = {}
    for m in people:
        if not m.key:
            continue
        for w in _WORD.findall(doc.text[m.start:m.end]):
            stem = _strip_suffix(w, lex) if profile(lex.lang).word_endings else w
            if len(stem) < _MIN_FUZZY or stem in lex.common_parts:
                continue  # "সালমান" alone could be any Salman
            exact.setdefault(stem, (m.attrs["name"], m.key, stem))
            for d in _deletions(stem):
                index.setdefault(d, (m.attrs["name"], m.key, stem))
    if not index:
        return []
    # Names of states are never misspelt persons ("India" is one letter from "Indira").
    starts, reach = _span_index([(m.start, m.end) for m in people] +
                                [(m.start, m.end) for m in doc.mentions if m.kind in ("state", "city")])
    out = []
    grammar = profile(lex.lang)
    longest = max(len(k[2]) for k in index.values()) + 1 + lex.longest_suffix
    # One edit leaves either the first two or the last two letters of a
    # name of five or more letters in place: a cheap test before the look-ups.
    heads = {k[2][:2] for k in index.values()}
    tails = {k[2][-2:] for k in index.values()}
    for w in _LONG_WORD.finditer(doc.text):
        word = w.group()
        if len(word) > longest or (grammar.letter_case and not word[0].isupper()):
            continue
        if _overlaps(starts, reach, w.start(), w.start() + 1):
            continue
        stem = _strip_suffix(word, lex) if grammar.word_endings else word
        if len(stem) < _MIN_FUZZY or (stem[:2] not in heads and stem[-2:] not in tails):
            continue
        hit = exact.get(stem) or _one_edit_away(stem, index, grammar.fuzzy_keeps_first_letter)
        if hit:
            case = "nom"
            if stem != word:
                case = lex.case_of.get(word[len(stem):], "nom")
            out.append(Mention(w.start(), w.end(), "person", hit[1],
                               {"name": hit[0], "case": case, "source": "later"}))
    return out


def _one_edit_away(stem: str, index: dict[str, tuple[str, str, str]],
                   keeps_first_letter: bool) -> tuple[str, str, str] | None:
    """The known name one edit away from ``stem``, through the deletions both share."""
    for d in _deletions(stem):
        candidate = index.get(d)
        if candidate is None or abs(len(candidate[2]) - len(stem)) > 1:
            continue
        # English misspellings keep the first letter; Bengali ones may not (মাহাথির/নাহাথির).
        if keeps_first_letter and candidate[2][:1].lower() != stem[:1].lower():
            continue
        return candidate
    return None


def _strip_suffix(word: str, lex: _Lexicon) -> str:
    """``word`` without a Bengali case ending, if what is left is still a word."""
    for k in range(min(lex.longest_suffix, len(word) - 3), 0, -1):
        if word[-k:] in lex.suffix_set:
            return word[:-k]
    return word


def find_people(text: str, lang: str) -> list[Mention]:
    """Persons of the curated list named in ``text`` (a title, say)."""
    if lang not in LANGUAGES or not text:
        return []
    doc = Document(id="", raw=text, text=normalize(text), lang=lang)
    return [m for m in _known(doc, _lexicon(lang)) if m.key]


def run(doc: Document) -> Document:
    """Add ``person`` mentions whose key is the state the person stands for."""
    if not doc.text or doc.lang not in LANGUAGES:
        return doc
    if doc.title:
        doc.title_mentions.extend(find_people(doc.title, doc.lang))
    lex = _lexicon(doc.lang)
    states = sorted((m for m in doc.mentions if m.kind == "state"), key=lambda m: m.start)
    known = _known(doc, lex)
    titled = _titled(doc, lex, states)
    people: list[Mention] = list(known)
    for t in titled:
        overlap = next((k for k in known if k.start < t.end and t.start < k.end), None)
        if overlap is not None:
            if not overlap.key and t.key:
                overlap.key = t.key
            continue
        if not t.key:
            # A name from the list said a few words later settles the state.
            continue
        people.append(t)
    # State mentions inside a person's name are not the state taking part.
    person_starts, person_reach = _span_index([(p.start, p.end) for p in people])
    doc.mentions = [m for m in doc.mentions
                    if not (m.kind == "state" and _overlaps(person_starts, person_reach, m.start, m.start + 1))]
    people.extend(_later_mentions(doc, lex, people))
    people.sort(key=lambda m: m.start)
    doc.mentions.extend(people)
    return doc
