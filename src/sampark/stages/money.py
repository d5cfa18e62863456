"""The money stage: amounts of money in Bengali and English, in units of a currency.

Every amount in ``doc.text`` becomes ``Mention(kind="money", key=<ISO 4217>,
attrs={"value": float, "approx": bool})``: '১,৯০৩ মিলিয়ন মার্কিন ডলার' is
USD 1903000000.0, '৫০০ কোটি টাকা' BDT 5e9, 'Rs 500 crore' INR 5e9. Further
attrs: ``value_max`` for a range ("2-3 billion dollars"), ``vague`` (True)
for an amount with no number ("several hundred crore dollars": the value is
then the lower bound the scale words give), ``surface`` (the currency as
written).

A number needs a currency (a word after it, or a symbol or code before or
after it) to be money; :func:`find_numbers` reads numbers with scale words
alone, for quantities.

Number scale words (লাখ, কোটি, million, crore, bn), currency words and symbols
are data: ``numbers.curated.json``, ``currencies.generated.json`` (CLDR
display names) and ``currencies.curated.json`` under
``sampark/lang/<lang>/``. Each language compiles into one ``regex`` pattern,
once per process; numbers are read atomically from their first digit, so a
long run of digits is scanned in linear time.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from sampark.lang.detect import language_or_english
from sampark.lang.load import LANGUAGES, load_json_or_empty
from sampark.lang.profile import profile
from sampark.model import Document, Mention
from sampark.text.normalize import normalize
from sampark.text.patterns import WORD_END, WORD_START, alternation

LANGS = LANGUAGES

_LB = WORD_START
_RB = WORD_END
_NUM_START = r"(?<![\p{N}])(?<!\p{N}[.,])"
# A number: Western (1,903,000) or Indian (১২,৩৪,৫৬৭) grouping or none, and
# a decimal part. Atomic, so that a failed match never re-splits a digit run.
_NUMBER = r"(?>\d{1,3}(?:,\d{2,3})++(?!\p{N})|\d++)(?:\.\d++)?"
_SP = r"[ \t\u00a0]{0,2}"
_WS = r"\s{1,3}"
_WORDS = regex.compile(r"[\p{L}\p{M}'\u2019]+")
# How far before an amount a word such as "about" or a cue that settles an
# ambiguous currency may stand.
_APPROX_REACH = 24


@dataclass
class MoneyGrammar:
    """One language's compiled money pattern and the tables to read matches."""

    lang: str
    pattern: regex.Pattern[str]
    currency_after: regex.Pattern[str]
    numbers: regex.Pattern[str]
    words: dict[str, str]
    weak_words: set[str]
    symbols: dict[str, str]
    scales: dict[str, float]
    attached: dict[str, float]
    number_words: dict[str, float]
    approx_before: regex.Pattern[str]
    approx_after: regex.Pattern[str]
    ambiguous: dict[str, list[tuple[regex.Pattern[str], str]]]
    reach: int


def _currency_words(lang: str, curated: dict[str, Any]) -> dict[str, str]:
    """Surface form (lower-cased for English) to ISO code: CLDR names, then curated ones."""
    table: dict[str, str] = {}
    generated = load_json_or_empty(lang, "currencies.generated.json").get("names", {})
    clashes: set[str] = set()
    for code, names in generated.items():
        for name in names:
            if "(" in name:  # a former currency, named with its years
                continue
            key = _fold(lang, normalize(name))
            if key in table and table[key] != code:
                clashes.add(key)
            table[key] = code
    for key in clashes:
        del table[key]
    for code, names in curated.get("words", {}).items():
        for name in names:
            table[_fold(lang, normalize(name))] = code
    return table


def _currency_surfaces(lang: str, cur: dict[str, Any]) -> list[str]:
    """Every currency word as written in the data (for the pattern; lookups fold case)."""
    generated = load_json_or_empty(lang, "currencies.generated.json").get("names", {})
    out = [normalize(n) for names in generated.values() for n in names if "(" not in n]
    out += [normalize(n) for names in cur.get("words", {}).values() for n in names]
    return out


def _cased(lang: str, words: Any) -> list[str]:
    """English words as written, in lower case and capitalised (the pattern is case-sensitive)."""
    out = list(words)
    if profile(lang).letter_case:
        out += [w.lower() for w in words] + [w[:1].upper() + w[1:] for w in words]
        out += [" ".join(t[:1].upper() + t[1:] for t in w.split(" ")) for w in words]
    return out


def _fold(lang: str, text: str) -> str:
    return profile(lang).fold(text)


@cache
def grammar(lang: str) -> MoneyGrammar:
    """The compiled money grammar of ``lang`` (built once per process)."""
    if lang not in LANGS:
        lang = "en"
    nums = load_json_or_empty(lang, "numbers.curated.json")
    cur = load_json_or_empty(lang, "currencies.curated.json")
    words = _currency_words(lang, cur)
    symbols: dict[str, str] = {}
    for code, symbol in load_json_or_empty(lang, "currencies.generated.json").get("symbols", {}).items():
        symbols[normalize(symbol)] = code
    for code, forms in cur.get("symbols", {}).items():
        for form in forms:
            symbols[normalize(form)] = code
    aliases = cur.get("code_aliases", {})
    for code in cur.get("codes", []):
        symbols.setdefault(code, aliases.get(code, code))
    # English is matched without regard to case: look symbols up folded too.
    symbol_lookup = {_fold(lang, k): v for k, v in symbols.items()}
    scales = {_fold(lang, normalize(k)): float(v) for k, v in nums.get("scales", {}).items()}
    attached = {k: float(v) for k, v in nums.get("attached_scales", {}).items()}
    number_words = {_fold(lang, normalize(k)): float(v) for k, v in nums.get("number_words", {}).items()}

    alt = alternation
    scale = alt(_cased(lang, scales))
    suffix = rf"(?:{alt(cur['suffixes'])})?" if cur.get("suffixes") else ""
    lettered = [s for s in symbols if s[0].isalpha()]
    signs = [s for s in symbols if not s[0].isalpha()]
    codes = [s for s in symbols if s.isalpha() and s.isupper()]
    range_words = alt(nums.get("range_words", []))

    # Every form has its own group names (prefix ``TAG_``), read by _Reader.
    def scale_run(tag: str) -> str:
        return rf"(?P<{tag}_scales>(?:{_SP}-?{scale}{_RB}){{1,2}})"

    def amount(tag: str) -> str:
        attached_scale = rf"(?P<{tag}_attached>{alt(_cased(lang, attached))}){_RB}" if attached else r"(?!x)x"
        return (
            rf"(?P<{tag}_num>{_NUM_START}{_NUMBER})"
            rf"(?:(?:{_SP}[-\u2013]{_SP}|{_WS}{range_words}{_WS})(?P<{tag}_num2>{_NUMBER}))?"
            rf"(?:{attached_scale}|{scale_run(tag)})?"
        )

    # The scanning pattern finds only the amounts (a number, a symbol and a
    # number, or number words with a scale); the currency word after an
    # amount is matched from its end by ``currency_after``. Keeping the few
    # hundred currency names out of the scanning pattern keeps the scan fast.
    forms = [
        # 500 crore, ১০ লাখ, 3 bn (a currency must follow)
        rf"(?=\p{{N}})(?P<nw>{amount('nw')})",
        # US$1,903 million, ₹500 crore, Rs. 500 crore
        rf"(?P<sn>(?P<sn_symbol>(?:{_LB}{alt(lettered)}|{alt(signs)})){_SP}{amount('sn')})",
        # দুই বিলিয়ন, a billion
        rf"(?P<ww>(?P<ww_numword>{_LB}{alt(_cased(lang, number_words))}){_WS}{scale_run('ww')})",
        # কয়েক শ কোটি, several billion
        rf"(?P<vw>(?P<vw_vague>{_LB}{alt(_cased(lang, nums.get('vague_words', [])))})(?:{_SP}{scale_run('vw')})?)",
    ]
    pattern = regex.compile("|".join(forms))
    currency_after = regex.compile(
        rf"{_SP}(?:(?P<word>{alt(_cased(lang, _currency_surfaces(lang, cur)))}){suffix}{_RB}"
        rf"|(?P<code>{alt(codes)}){_RB})"
    )
    numbers = regex.compile(rf"(?=\p{{N}}){amount('n')}")
    approx_before = regex.compile(
        rf"(?<![\p{{L}}\p{{M}}]){alt(_cased(lang, nums.get('approx_before', [])))}{_SP}\Z"
    )
    approx_after = regex.compile(rf"{_SP}{alt(_cased(lang, nums.get('approx_after', [])))}{_RB}")
    ambiguous = {}
    for entry in cur.get("ambiguous", []):
        cues = [
            (regex.compile(rf"{_LB}{alt(_cased(lang, cue_words))}"), choice)
            for choice, cue_words in entry["cues"].items()
        ]
        for surface in entry["surfaces"]:
            ambiguous[_fold(lang, normalize(surface))] = cues
    return MoneyGrammar(
        lang=lang,
        pattern=pattern,
        currency_after=currency_after,
        numbers=numbers,
        words=words,
        weak_words={_fold(lang, normalize(w)) for w in cur.get("weak_words", [])},
        symbols=symbol_lookup,
        scales=scales,
        attached=attached,
        number_words=number_words,
        approx_before=approx_before,
        approx_after=approx_after,
        ambiguous=ambiguous,
        reach=int(cur.get("ambiguous_reach", 150)),
    )


def _number(text: str) -> float:
    """A written number as a float: grouping commas go, any script's digits count."""
    return float(text.replace(",", ""))


class _Groups:
    """Named groups of a match; a name the pattern lacks reads as None.

    (``Match.groupdict`` builds a dict of every group, which costs more than
    the match itself on a pattern with this many groups.)
    """

    __slots__ = ("m", "names")

    def __init__(self, m: regex.Match[str]) -> None:
        self.m = m
        self.names = m.re.groupindex

    def get(self, name: str) -> str | None:
        return self.m.group(name) if name in self.names else None

    def __getitem__(self, name: str) -> str:
        return self.m.group(name)


def _scale(g: MoneyGrammar, m: regex.Match[str], tag: str) -> float:
    """The product of the scale words of a match (1 when there are none)."""
    factor = 1.0
    groups = _Groups(m)
    if groups.get(f"{tag}_attached"):
        factor *= g.attached[groups[f"{tag}_attached"].lower()]
    if groups.get(f"{tag}_scales"):
        for word in _WORDS.findall(groups[f"{tag}_scales"]):
            factor *= g.scales.get(_fold(g.lang, word), 1.0)
    return factor


class _Reader:
    """Turns the matches of one text into mentions."""

    def __init__(self, g: MoneyGrammar, text: str) -> None:
        self.g = g
        self.text = text
        # Where the previous mention ended: cues are looked for only after it.
        self.floor = 0

    def code(self, tag: str, groups: _Groups, after: regex.Match[str] | None, start: int) -> tuple[str | None, str]:
        """The currency of a match and the surface that named it."""
        g = self.g
        # A word after the number names the currency better than a symbol
        # before it ("¥5 billion yuan").
        word = after.group("word") if after else None
        code_after = after.group("code") if after else None
        surface = word or code_after or groups.get(f"{tag}_symbol") or ""
        folded = _fold(g.lang, surface)
        code = g.words.get(folded) if word else g.symbols.get(folded)
        if folded in g.ambiguous:
            code = self.settle(folded, code, start)
        return code, surface

    def settle(self, surface: str, code: str | None, start: int) -> str | None:
        """An ambiguous currency decided by the nearest cue before it."""
        window_start = max(self.floor, start - self.g.reach)
        best: tuple[int, str] | None = None
        for cue, choice in self.g.ambiguous[surface]:
            for found in cue.finditer(self.text, window_start, start):
                if best is None or found.end() > best[0]:
                    best = (found.end(), choice)
        return best[1] if best else code

    def read(self, m: regex.Match[str]) -> Mention | None:
        g = self.g
        tag = m.lastgroup
        groups = _Groups(m)
        after = g.currency_after.match(self.text, m.end())
        if after is None and tag != "sn":
            return None
        code, surface = self.code(tag, groups, after, m.start())
        if code is None:
            return None
        end = after.end() if after else m.end()
        attrs: dict[str, Any] = {"surface": surface}
        factor = _scale(g, m, tag)
        if tag == "vw":
            # "কয়েক শ কোটি", "কোটি কোটি", "billions of": the scale words said,
            # each once, give the lower bound.
            said = _WORDS.findall(f"{groups['vw_vague']} {groups.get('vw_scales') or ''}")
            value = math.prod({g.scales[w] for w in (_fold(g.lang, w) for w in said) if w in g.scales})
            if value == 1:
                return None
            attrs["vague"] = True
        elif tag == "ww":
            value = g.number_words[_fold(g.lang, groups["ww_numword"])] * factor
        else:
            value = _number(groups[f"{tag}_num"]) * factor
            if groups.get(f"{tag}_num2"):
                high = _number(groups[f"{tag}_num2"]) * factor
                if high > value:
                    attrs["value_max"] = high
        if not math.isfinite(value):
            # A run of hundreds of digits is no amount of money.
            return None
        if factor == 1.0 and tag != "sn" and _fold(g.lang, surface) in g.weak_words:
            # "5 pounds of rice": a weak currency word needs a scale or a symbol.
            return None
        approx = bool(attrs.get("vague") or "value_max" in attrs)
        if not approx:
            window = max(self.floor, m.start() - _APPROX_REACH)
            approx = bool(
                g.approx_before.search(self.text, window, m.start()) or g.approx_after.match(self.text, end)
            )
        return Mention(m.start(), end, "money", code, {"value": value, "approx": approx, **attrs})


def find_money(text: str, lang: str) -> list[Mention]:
    """Every amount of money in ``text``.

    Args:
        text: the cleaned view of a document.
        lang: ``bn`` or ``en`` (anything else is read as English).

    Returns:
        ``Mention(kind="money")`` in text order (see the module docstring).
    """
    g = grammar(lang)
    reader = _Reader(g, text)
    found = []
    for m in g.pattern.finditer(text):
        mention = reader.read(m)
        if mention is not None:
            found.append(mention)
            reader.floor = mention.end
    return found


def find_numbers(text: str, lang: str) -> list[tuple[int, int, float]]:
    """Numbers with their scale words ("১০ লাখ", "2.5 billion", "18"), for quantities.

    Returns:
        ``(start, end, value)`` for each number, in text order.
    """
    g = grammar(lang)
    out = []
    for m in g.numbers.finditer(text):
        out.append((m.start(), m.end(), _number(m.group("n_num")) * _scale(g, m, "n")))
    return out


def run(doc: Document) -> Document:
    """Add a money mention for every amount of money in ``doc.text``."""
    if not doc.text:
        return doc
    lang = doc.lang if doc.lang in LANGS else language_or_english(doc.text)
    doc.mentions.extend(find_money(doc.text, lang))
    return doc


__all__ = ["find_money", "find_numbers", "grammar", "run"]
