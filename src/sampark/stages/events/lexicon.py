"""Event lexicon hits in a sentence: lemmas and their forms, not inflected regex phrases.

The lexicon (``lang/<code>/lexicon.generated.jsonl`` and
``lexicon.curated.jsonl``) lists lemmas with a contract type, CAMEO code and
frame; the morphology (``lang/<code>/morphology.json``) turns each lemma into
its written forms; the sense guards (``lang/<code>/confusables.json``) drop
hits in senses that are no event. :func:`hits` returns, for one sentence,
every :class:`LexiconHit` with exact offsets into that sentence::

    "The two sides paid a courtesy call"   -> visit    "paid a courtesy call"  light_verb=pay, tense=past
    "sanctions were imposed"               -> sanction "sanctions" (nominalised) and "sanctions were imposed" (passive)
    "the signing of the accord"            -> agreement_signed "signing" (nominalised), "accord"
    "দুই দেশ চুক্তি সই করেননি"              -> agreement_signed "সই করেননি" negative=True
    "প্রধানমন্ত্রী ভারত সফর করবেন"           -> visit "সফর করবেন" tense=future, honorific
    "পানিচুক্তি"                             -> agreement_signed, compound=True

Matching is by word: the sentence is split into words and every form of
every lemma is a sequence of words in one table keyed by its first word, so a
cue never matches inside another word (a compound head, by the morphology's
rule, is the one exception) and no word is too short to match (ঋণ). Work is
linear in the number of words: each word looks up a bounded list of forms and
a bounded window of neighbours.

The events stage reads a hit's ``type``, ``cameo``, ``frame`` (which slots of
the clause fill the fact's roles; in a passive the ``by`` agent is the
subject's role), ``polarity``, ``attrs`` and ``features``; it decides what a
negated, future or intended hit means (no fact, per FACTS.md).
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from sampark.lang import load
from sampark.stages.events import morphology
from sampark.text.normalize import normalize

LEXICON_FILES = ("lexicon.generated.jsonl", "lexicon.curated.jsonl")
NOUN_POS = frozenset({"noun", "light_verb_noun", "adjective"})
_REQUIRES_WINDOW = 6
_OBJECT_WINDOW = 4
# য়, ড়, ঢ় written as one code point or as letter + nukta: guards match either.
_NUKTA_VARIANTS = (("\u09df", "(?:\u09df|\u09af\u09bc)"), ("\u09dc", "(?:\u09dc|\u09a1\u09bc)"),
                   ("\u09dd", "(?:\u09dd|\u09a2\u09bc)"))


@dataclass(frozen=True)
class Features:
    """What a hit's form and its neighbours say: tense, negation, voice, and how the event is worded."""

    tense: str | None = None
    negative: bool = False
    passive: bool = False
    by_agent: bool = False
    nominalised: bool = False
    light_verb: str | None = None
    honorific: bool = False
    modal: str | None = None
    compound: bool = False
    case: str | None = None
    plural: bool = False


@dataclass(frozen=True)
class LexiconHit:
    """One lexicon entry found in a sentence; ``start``/``end`` are offsets into the sentence."""

    start: int
    end: int
    text: str
    head: tuple[int, int]
    lemma: str
    pos: str
    type: str
    cameo: str
    frame: Mapping[str, tuple[str, ...]]
    source: str
    polarity: str | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)
    intent: bool = False
    features: Features = Features()


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    key: str


@dataclass(frozen=True)
class _Form:
    words: tuple[str, ...]
    entry: int
    feats: Mapping[str, Any]


class Matcher:
    """The compiled lexicon of one language: build once (:func:`matcher`), call :meth:`hits` per sentence."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.morph: dict[str, Any] = load.load_json(lang, "morphology.json")
        self.case_insensitive = bool(self.morph.get("case_insensitive"))
        self.token_re = regex.compile(self.morph["token"])
        self.entries: list[dict[str, Any]] = [dict(e) for name in LEXICON_FILES
                                             for e in load.load_jsonl_or_empty(lang, name)]
        self.forms: dict[str, list[_Form]] = {}
        self.compound_heads: dict[str, list[_Form]] = {}
        for i, entry in enumerate(self.entries):
            self._add_entry(i, entry)
        self.light: dict[str, list[tuple[tuple[str, ...], str, dict[str, Any]]]] = {}
        for lemma, form, feats in morphology.light_verb_forms(self.morph):
            words = tuple(self.key(w) for w in form.split())
            self.light.setdefault(words[0], []).append((words, lemma, feats))
        self.endings = {self.key(e["suffix"]) for e in self.morph.get("noun", {}).get("endings", [])} | {"s", "es"}
        self._aux_sets()
        self.guards = self._compile_guards(load.load_json_or_empty(lang, "confusables.json"))

    # compile ---------------------------------------------------------------

    def key(self, text: str) -> str:
        text = normalize(text)
        return text.lower() if self.case_insensitive else text

    def _add_entry(self, i: int, entry: dict[str, Any]) -> None:
        forms = morphology.verb_forms(entry, self.morph) if entry["pos"] == "verb" else \
            morphology.noun_forms(entry["lemma"], self.morph)
        seen: set[tuple[str, ...]] = set()
        for text, feats in forms:
            words = tuple(self.key(w) for w in text.split())
            if not words or words in seen:
                continue
            seen.add(words)
            form = _Form(words, i, feats)
            self.forms.setdefault(words[0], []).append(form)
            if entry.get("compound_head") and len(words) == 1:
                self.compound_heads.setdefault(words[0], []).append(form)
        if "object" in entry:
            entry["_objects"] = [tuple(self.key(w) for w in o.split()) for o in entry["object"]]

    def _aux_sets(self) -> None:
        aux = self.morph.get("aux", {})
        self.aux = {name: {self.key(w) for w in aux.get(name, [])}
                    for name in ("be", "have", "do", "future", "modal", "negators", "adverbs", "infinitive")}
        self.do_tense = {self.key(k): v for k, v in aux.get("do_tense", {}).items()}
        self.aux_window = int(aux.get("window", 0))
        self.negators_after = {self.key(w) for w in self.morph.get("negators_after", [])}
        lv = self.morph.get("light_verbs", {})
        self.light_position = lv.get("position", "after")
        self.light_window = int(lv.get("window", 0))
        self.light_skip = {self.key(w) for w in lv.get("skip", [])}
        self.passive_aux = lv.get("passive", {}).get("auxiliary")
        nom = self.morph.get("nominalisation", {})
        self.gerund_det = {self.key(w) for w in nom.get("gerund_determiners", [])}
        self.gerund_after = {self.key(w) for w in nom.get("gerund_after", [])}
        self.agent = self.key(self.morph.get("passive", {}).get("agent_preposition", "")) or None
        self.agent_window = int(self.morph.get("passive", {}).get("agent_window", 0))
        compound = self.morph.get("compound", {})
        self.min_prefix = int(compound.get("min_prefix", 0)) if compound else 0

    def _compile_guards(self, data: Mapping[str, Any]) -> list[tuple[Any, frozenset[str]]]:
        flags = regex.IGNORECASE if self.case_insensitive else 0
        out = []
        for g in data.get("guards", []):
            pattern = g["pattern"]
            for one, either in _NUKTA_VARIANTS:
                pattern = pattern.replace(one, either)
            out.append((regex.compile(pattern, flags), frozenset(g["blocks"])))
        return out

    # match -----------------------------------------------------------------

    def tokens(self, text: str) -> list[_Token]:
        return [_Token(m.start(), m.end(), self.key(m.group())) for m in self.token_re.finditer(text)]

    def hits(self, text: str, guards: bool = True) -> list[LexiconHit]:
        """Every lexicon hit in one sentence, in text order; ``guards=False`` skips the sense guards."""
        toks = self.tokens(text)
        out: dict[tuple[Any, ...], LexiconHit] = {}
        for i in range(len(toks)):
            for form, end, compound in self._forms_at(toks, i):
                hit = self._hit(text, toks, i, end, form, compound)
                if hit is not None:
                    out.setdefault((hit.start, hit.end, hit.type, hit.cameo, hit.lemma, hit.pos), hit)
        found = self._one_reading(toks, _outermost(sorted(out.values(), key=lambda h: (h.start, h.end, h.type))))
        return self._guard(text, found) if guards else found

    def _forms_at(self, toks: Sequence[_Token], i: int) -> list[tuple[_Form, int, bool]]:
        """Forms whose words start at token ``i``: ``(form, index of the last token, is a compound head)``."""
        out = []
        for form in self.forms.get(toks[i].key, ()):
            n = len(form.words)
            if i + n <= len(toks) and all(toks[i + k].key == w for k, w in enumerate(form.words)):
                out.append((form, i + n - 1, False))
        if not out and self.min_prefix:
            out = [(f, i, True) for f in self._compound(toks[i].key)]
        return out

    def _compound(self, key: str) -> list[_Form]:
        """A compound-head noun closing a longer word (পানিচুক্তি); the leftmost, i.e. longest, head wins."""
        for k in range(self.min_prefix, len(key) - 1):
            if morphology._is_mark(key[k]) or "VIRAMA" in _name(key[k - 1]):
                continue
            heads = self.compound_heads.get(key[k:])
            if heads:
                return heads
        return []

    def _hit(self, text: str, toks: Sequence[_Token], i: int, j: int, form: _Form,
             compound: bool) -> LexiconHit | None:
        entry = self.entries[form.entry]
        if not self._requires_met(entry, toks, i, j):
            return None
        feats: dict[str, Any] = {k: v for k, v in form.feats.items() if k != "participle"}
        feats["compound"] = compound
        start, end, frame = i, j, entry["frame"]
        if entry["pos"] == "verb":
            span = self._verb_context(entry, toks, i, j, form, feats)
            if span is None:
                return None
            start, end = span
        else:
            with_light = self._light_verb(entry, toks, i, j, feats)
            if with_light is None:
                return None
            start, end, frame = with_light
        return LexiconHit(
            start=toks[start].start, end=toks[end].end, text=text[toks[start].start:toks[end].end],
            head=(toks[i].start, toks[j].end), lemma=entry["lemma"], pos=entry["pos"], type=entry["type"],
            cameo=entry["cameo"], frame={k: tuple(v) for k, v in frame.items()}, source=entry["source"],
            polarity=entry.get("polarity"), attrs=dict(entry.get("attrs", {})), intent=bool(entry.get("intent")),
            features=Features(**{k: v for k, v in feats.items() if k in Features.__dataclass_fields__}),
        )

    def _requires_met(self, entry: Mapping[str, Any], toks: Sequence[_Token], i: int, j: int) -> bool:
        wanted = entry.get("requires")
        if not wanted:
            return True
        keys = [self.key(w) for w in wanted]
        lo, hi = max(0, i - _REQUIRES_WINDOW), min(len(toks), j + _REQUIRES_WINDOW + 1)
        for t in toks[lo:hi]:
            for w in keys:
                if t.key == w or (t.key.startswith(w) and t.key[len(w):] in self.endings):
                    return True
        return False

    # verbs -----------------------------------------------------------------

    def _verb_context(self, entry: Mapping[str, Any], toks: Sequence[_Token], i: int, j: int, form: _Form,
                      feats: dict[str, Any]) -> tuple[int, int] | None:
        """Tense, voice and negation from the words around a verb; the span, or None where its pattern fails."""
        first = self._auxiliaries(toks, i, bool(form.feats.get("participle")), feats)
        self._negated_after(toks, j, feats)
        if feats.get("tense") == "progressive" and i > 0 and j + 1 < len(toks) \
                and toks[i - 1].key in self.gerund_det and toks[j + 1].key in self.gerund_after:
            feats["nominalised"] = True
        if feats.get("passive") and self.agent:
            feats["by_agent"] = any(t.key == self.agent for t in toks[j + 1:j + 1 + self.agent_window])
        start, end = first, j
        if "prep" in entry and "object" not in entry:
            if not any(t.key == self.key(entry["prep"]) for t in toks[j + 1:j + 4]):
                return None
        if "object" in entry:
            found = self._object(entry, toks, first, j, bool(feats.get("passive")))
            if found is None:
                return None
            start, end = min(start, found[0]), max(end, found[1])
        return start, end

    def _auxiliaries(self, toks: Sequence[_Token], i: int, participle: bool, feats: dict[str, Any]) -> int:
        """Read the auxiliaries before a verb (was signed, will visit, did not meet); the first one's index."""
        first, k, seen = i, i - 1, 0
        while k >= 0 and seen < self.aux_window:
            key = toks[k].key
            if key in self.aux["adverbs"]:
                k -= 1
                continue
            if key in self.aux["be"] and participle:
                feats["passive"] = True
            elif key in self.aux["have"] and participle:
                feats["tense"] = "perfect"
            elif key in self.aux["do"]:
                feats["tense"] = self.do_tense.get(key, feats.get("tense"))
            elif key in self.aux["future"]:
                feats["tense"] = "future"
            elif key in self.aux["modal"]:
                feats["modal"] = key
            elif key in self.aux["negators"]:
                feats["negative"] = True
            elif key in self.aux["infinitive"] and first == i:
                feats["tense"] = "infinitive"
            elif key not in self.aux["be"] and key not in self.aux["have"]:
                break
            first, k, seen = k, k - 1, seen + 1
            if feats.get("tense") == "infinitive":
                break
        return first

    def _negated_after(self, toks: Sequence[_Token], j: int, feats: dict[str, Any]) -> None:
        if j + 1 < len(toks) and toks[j + 1].key in self.negators_after:
            feats["negative"] = True

    def _object(self, entry: Mapping[str, Any], toks: Sequence[_Token], first: int, j: int,
                passive: bool) -> tuple[int, int] | None:
        """The object a PETRARCH pattern names (impose * SANCTIONS): after the verb, or before it in a passive."""
        window = range(first - _OBJECT_WINDOW, first) if passive else range(j + 1, j + 1 + _OBJECT_WINDOW)
        prep = self.key(entry["prep"]) if "prep" in entry else None
        for k in window:
            if k < 0 or k >= len(toks):
                continue
            if prep and (k == 0 or toks[k - 1].key != prep) and not passive:
                continue
            for words in entry["_objects"]:
                n = len(words)
                if k + n <= len(toks) and self._words_match(toks[k:k + n], words):
                    return (k - 1 if prep and not passive else k), k + n - 1
        return None

    def _words_match(self, toks: Sequence[_Token], words: tuple[str, ...]) -> bool:
        for t, w in zip(toks[:-1], words[:-1], strict=True):
            if t.key != w:
                return False
        last, w = toks[-1].key, words[-1]
        return last == w or (last.startswith(w) and last[len(w):] in self.endings)

    # nouns -----------------------------------------------------------------

    def _light_verb(self, entry: Mapping[str, Any], toks: Sequence[_Token], i: int, j: int,
                    feats: dict[str, Any]) -> tuple[int, int, Mapping[str, Any]] | None:
        """A noun with its light verb (সফর করবেন, paid a courtesy call), or alone as a nominalised event.

        None where the word is an event only with its light verb (দেখা করেন "met", but দেখা যায় "is seen").
        """
        allowed = entry.get("light_verbs")
        found = self._find_light(toks, i, j, allowed)
        if found is None:
            if entry.get("needs_light_verb"):
                return None
            feats["nominalised"] = True
            return i, j, entry["frame"]
        lo, hi, lemma, lv_feats = found
        feats.update({k: v for k, v in lv_feats.items() if k != "participle"})
        feats["light_verb"] = lemma
        if self.light_position == "before":
            self._auxiliaries(toks, lo, bool(lv_feats.get("participle")), feats)
        else:
            hi = self._passive_after(toks, hi, feats)
            self._negated_after(toks, hi, feats)
        frame = entry.get("light_verb_frames", {}).get(lemma, entry["frame"])
        return min(lo, i), max(hi, j), frame

    def _find_light(self, toks: Sequence[_Token], i: int, j: int,
                    allowed: Sequence[str] | None) -> tuple[int, int, str, dict[str, Any]] | None:
        if self.light_position == "before":
            positions = list(range(i - 1, max(-1, i - 1 - self.light_window - 2), -1))
        else:
            positions = list(range(j + 1, min(len(toks), j + 2 + self.light_window)))
        for n, k in enumerate(positions):
            for words, lemma, lv_feats in self.light.get(toks[k].key, ()):
                m = len(words)
                if allowed and lemma not in allowed:
                    continue
                if k + m <= len(toks) and all(toks[k + q].key == w for q, w in enumerate(words)):
                    return k, k + m - 1, lemma, lv_feats
            # only skippable words may stand between a noun and its light verb
            if toks[k].key not in self.light_skip and n >= 1:
                break
        return None

    def _passive_after(self, toks: Sequence[_Token], hi: int, feats: dict[str, Any]) -> int:
        """A verbal noun and a form of the passive auxiliary (সই করা হয়েছে): the auxiliary gives the tense."""
        if feats.get("tense") != "verbal_noun" or not self.passive_aux or hi + 1 >= len(toks):
            return hi
        for words, lemma, lv_feats in self.light.get(toks[hi + 1].key, ()):
            if lemma == self.passive_aux and len(words) == 1:
                feats.update(lv_feats)
                feats["passive"] = True
                return hi + 1
        return hi

    def _one_reading(self, toks: Sequence[_Token], found: list[LexiconHit]) -> list[LexiconHit]:
        """Where a word is both a noun and a verb of one lemma (visit, sanctions), drop the reading its
        neighbours rule out: no verb right after a determiner (his visit), no bare noun after an
        auxiliary (will visit)."""
        by_head: dict[tuple[Any, ...], set[str]] = {}
        for h in found:
            by_head.setdefault((h.head, h.type, h.lemma), set()).add(h.pos)
        before_start = {toks[n].start: toks[n - 1].key for n in range(1, len(toks))}
        with_aux = {(h.head, h.lemma) for h in found if h.pos == "verb" and h.start < h.head[0]}
        out = []
        for h in found:
            pos = by_head[(h.head, h.type, h.lemma)]
            if "verb" in pos and len(pos) > 1:
                prev = before_start.get(h.head[0])
                if h.pos == "verb" and prev in self.gerund_det and not h.features.nominalised:
                    continue
                if h.pos != "verb" and h.features.nominalised and (h.head, h.lemma) in with_aux:
                    continue
            out.append(h)
        return out

    # guards ----------------------------------------------------------------

    def _guard(self, text: str, found: list[LexiconHit]) -> list[LexiconHit]:
        blocked: list[tuple[int, int, frozenset[str]]] = []
        for pattern, types in self.guards:
            blocked += [(m.start(), m.end(), types) for m in pattern.finditer(text)]
        if not blocked:
            return found
        return [h for h in found
                if not any(h.type in types and h.head[0] < e and s < h.head[1] for s, e, types in blocked)]


def _outermost(found: list[LexiconHit]) -> list[LexiconHit]:
    """Drop a hit whose word lies strictly inside another hit's word ("call" in "courtesy call")."""
    inside: set[tuple[int, int]] = set()
    max_end = -1
    for head in sorted({h.head for h in found}, key=lambda hd: (hd[0], -hd[1])):
        if max_end >= head[1]:
            inside.add(head)
        max_end = max(max_end, head[1])
    return [h for h in found if h.head not in inside]


def _name(ch: str) -> str:
    import unicodedata

    return unicodedata.name(ch, "")


@cache
def matcher(lang: str) -> Matcher:
    """The compiled lexicon of ``lang`` (built once a process)."""
    return Matcher(lang)


def hits(text: str, lang: str, guards: bool = True) -> list[LexiconHit]:
    """The lexicon hits in one sentence of language ``lang``; offsets are into ``text``."""
    return matcher(lang).hits(text, guards=guards)


def sizes() -> dict[str, dict[str, int]]:
    """Lexicon entries per language and type (for docs/extraction.md)."""
    out: dict[str, dict[str, int]] = {}
    for lang in load.LANGUAGES:
        counts: dict[str, int] = {}
        for name in LEXICON_FILES:
            for e in load.load_jsonl_or_empty(lang, name):
                counts[e["type"]] = counts.get(e["type"], 0) + 1
        out[lang] = dict(sorted(counts.items()))
    return out


if __name__ == "__main__":
    print(json.dumps(sizes(), indent=1))
