"""Surface forms of lexicon lemmas, generated from ``lang/<code>/morphology.json``.

Every function here is pure: it takes a lemma and the language's morphology
data and returns ``(form, features)`` pairs, where ``form`` is the text as
it is written (several words separated by spaces) and ``features`` what the
form says beyond the lemma::

    visit   -> visits (present), visited (past, participle), visiting (progressive)
    buy     -> bought (past, participle) from the irregular list
    meeting -> meetings (plural)
    negotiate -> negotiation (nominalised)
    কর- (consonant class)  -> করেছে (perfect), করেননি (past, negative, honorific), করবেন (future, honorific)
    কেন-/কিন-              -> কেনে (present), কিনেছিল (past_perfect)
    চুক্তি                 -> চুক্তির (genitive), চুক্তিতে (locative)

Which generator applies is decided by the data a language has (English has a
``verb`` rule block, Bengali ``verb_classes``), never by a language code.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

Form = tuple[str, dict[str, Any]]


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _is_vowel_end(word: str) -> bool:
    """Whether a word ends in a dependent vowel sign (চুক্তি), after which an ending such as -ে cannot follow."""
    return bool(word) and "VOWEL SIGN" in unicodedata.name(word[-1], "")


# English -----------------------------------------------------------------


def _cvc(word: str, rules: Mapping[str, Any]) -> bool:
    """A final consonant-vowel-consonant that may double before -ed/-ing (ship -> shipped)."""
    vowels = rules["vowels"]
    return (len(word) >= 3 and word[-1] in rules["doubling_final"] and word[-2] in vowels
            and word[-3] not in vowels)


def _third(word: str, es_after: Iterable[str], vowels: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2] not in vowels:
        return word[:-1] + "ies"
    if word.endswith(tuple(es_after)) or word.endswith("o"):
        return word + "es"
    return word + "s"


def _past(word: str, rules: Mapping[str, Any]) -> list[str]:
    vowels = rules["vowels"]
    if word.endswith("e"):
        return [word + "d"]
    if word.endswith("y") and len(word) > 1 and word[-2] not in vowels:
        return [word[:-1] + "ied"]
    out = [word + "ed"]
    if _cvc(word, rules):
        out.append(word + word[-1] + "ed")
    return out


def _ing(word: str, rules: Mapping[str, Any]) -> list[str]:
    if word.endswith("ie"):
        return [word[:-2] + "ying"]
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return [word[:-1] + "ing"]
    out = [word + "ing"]
    if _cvc(word, rules):
        out.append(word + word[-1] + "ing")
    return out


def english_verb_forms(lemma: str, morph: Mapping[str, Any], listed: Iterable[str] = ()) -> list[Form]:
    """Inflected forms of an English verb lemma; ``listed`` are irregular forms from the lexicon entry."""
    rules = morph["verb"]
    head, _, rest = lemma.partition(" ")
    tail = (" " + rest) if rest else ""
    es_after = morph["noun"]["plural_es_after"]
    irregular = rules["irregular"].get(lemma, {})
    out: list[Form] = [(lemma, {"tense": "present"})]
    thirds = irregular.get("present3", [_third(head, es_after, rules["vowels"])])
    out += [(f + tail, {"tense": "present"}) for f in thirds]
    pasts = irregular.get("past") or _past(head, rules)
    parts = irregular.get("participle") or _past(head, rules)
    out += [(f + tail, {"tense": "past", "participle": f in parts}) for f in pasts]
    out += [(f + tail, {"tense": "past", "participle": True}) for f in parts if f not in pasts]
    out += [(f + tail, {"tense": "progressive"}) for f in _ing(head, rules)]
    for f in listed:
        if f.split(" ")[0].endswith("ing"):
            out.append((f, {"tense": "progressive"}))
        elif f.split(" ")[0].endswith("s") and not f.split(" ")[0].endswith("ss"):
            out.append((f, {"tense": "present"}))
        else:
            out.append((f, {"tense": "past", "participle": True}))
    return out


def english_nominals(lemma: str, morph: Mapping[str, Any]) -> list[Form]:
    """Action nouns of an English verb by the nominalisation rules (negotiate -> negotiation)."""
    nom = morph.get("nominalisation", {})
    nouns = list(nom.get("irregular", {}).get(lemma, []))
    if " " not in lemma:
        for rule in nom.get("rules", []):
            if lemma.endswith(rule["verb_end"]) and lemma not in rule.get("except", []):
                nouns.append(lemma[: -len(rule["verb_end"])] + rule["noun_end"])
    out: list[Form] = []
    for n in nouns:
        out += [(f, {**feats, "nominalised": True}) for f, feats in noun_forms(n, morph)]
    return out


def _english_plural(word: str, morph: Mapping[str, Any]) -> str:
    noun = morph["noun"]
    if word in noun.get("irregular_plural", {}):
        return noun["irregular_plural"][word]
    return _third(word, noun["plural_es_after"], morph["verb"]["vowels"])


# Bengali-style (ending tables) -------------------------------------------


def class_verb_forms(low: str, high: str, verb_class: str, morph: Mapping[str, Any]) -> list[Form]:
    """Forms of a root in a verb class: each ending joins the root's low or high stem (কিন + েছিল)."""
    out: list[Form] = []
    for e in morph["verb_classes"][verb_class]["endings"]:
        stem = high if e["grade"] == "high" else low
        feats = {k: v for k, v in e.items() if k not in {"suffix", "grade"}}
        out.append((stem + e["suffix"], feats))
    return out


def irregular_verb_forms(name: str, morph: Mapping[str, Any]) -> list[Form]:
    return [(form, dict(feats)) for form, feats in morph["irregular_verbs"][name].items()]


def verb_spec_forms(spec: Mapping[str, Any], morph: Mapping[str, Any]) -> list[Form]:
    """Forms of a verb described as ``{"class", "low", "high"}`` or ``{"irregular"}`` (with ``before`` words)."""
    if "irregular" in spec:
        forms = irregular_verb_forms(spec["irregular"], morph)
    else:
        forms = class_verb_forms(spec["low"], spec["high"], spec["class"], morph)
    before = " ".join(spec.get("before", []))
    return [((before + " " + f).strip(), feats) for f, feats in forms]


def noun_forms(lemma: str, morph: Mapping[str, Any]) -> list[Form]:
    """A noun and its inflected forms: English plural, or Bengali case endings and plural markers."""
    out: list[Form] = [(lemma, {})]
    head, _, last = lemma.rpartition(" ")
    prefix = head + " " if head else ""
    noun = morph.get("noun", {})
    if "endings" in noun:
        for e in noun["endings"]:
            suffix = e["suffix"]
            if _is_mark(suffix[0]) and _is_vowel_end(last) and not noun.get("vowel_sign_after_vowel", True):
                continue
            feats = {k: v for k, v in e.items() if k != "suffix"}
            out.append((prefix + last + suffix, feats))
    elif "plural_es_after" in noun:
        out.append((prefix + _english_plural(last, morph), {"plural": True}))
    return out


def verb_forms(entry: Mapping[str, Any], morph: Mapping[str, Any]) -> list[Form]:
    """Every form of a verb entry, by whichever generator the language's data provides."""
    if "verb" in entry:
        return verb_spec_forms(entry["verb"], morph)
    if "verb" in morph:
        lemma = entry["lemma"]
        return english_verb_forms(lemma, morph, entry.get("forms", ())) + english_nominals(lemma, morph)
    return [(entry["lemma"], {})]


def light_verb_forms(morph: Mapping[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """``(lemma, form, features)`` of every light verb the language lists."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for spec in morph.get("light_verbs", {}).get("verbs", []):
        if isinstance(spec, str):
            out += [(spec, f, feats) for f, feats in english_verb_forms(spec, morph)]
        else:
            out += [(spec["lemma"], f, feats) for f, feats in verb_spec_forms(spec, morph)]
    return out
