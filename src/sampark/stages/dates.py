"""The dates stage: date expressions in Bengali and English, as EDTF.

Every date expression in ``doc.text`` becomes a ``Mention(kind="date")``
whose ``key`` is an EDTF string at the precision the text gives, never more
(``1967-04-03``, ``1968-04``, ``1968``, ``198X``, ``1985/..``, ``../1990``,
``1971/1975``). ``attrs`` carry:

- ``mode``: ``point``, ``since``, ``until``, ``range``, ``decade``,
  ``relative`` or ``partial`` (a day or month without a year that nothing
  resolved).
- ``year``: the first year as an int, or None.
- ``point``: for ``since``, ``until`` and ``range``, the EDTF of the point
  the interval starts (or, for ``until``, ends) at.
- ``month`` (and ``day``) for a date whose year the text does not give at
  that place; then ``year_from`` says where the year came from (``context``:
  the previous date of the same sentence; ``anchor``: the document's date),
  or ``month_only`` (True) says nothing gave one. ``bare`` (True) marks a
  year written as a plain number, with no year word.
- for ``relative``: ``unit`` (day, week, month, year), ``offset`` and, for a
  weekday or a named month, ``weekday`` (Monday = 0) or ``month``, and
  ``direction`` (-1 last, 0 this, 1 next).

Relative dates ("yesterday", "গত বৃহস্পতিবার", "last October") and days
without a year ("২০ নভেম্বর") are resolved against an anchor, the document's
own date: a week becomes an interval Monday/Sunday, a day without a year the
latest such day no more than a season after the anchor. Without an anchor
they are still emitted, with ``key=""``, so that a later stage can carry a
date to them; consumers that need a date must skip empty keys.

All the words come from data files under ``sampark/lang/<lang>/`` (months and
weekdays from CLDR, the rest curated); each language compiles into one
``regex`` pattern, once per process. The pattern has no nested quantifiers
over overlapping classes and every number starts behind a digit lookbehind,
so a long run of digits is scanned in linear time.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

import regex

from sampark.lang.detect import language_or_english
from sampark.lang.load import DEFAULT_LANGUAGE, LANGUAGES, load_json_or_empty
from sampark.lang.profile import profile
from sampark.model import Document, Mention
from sampark.text.normalize import normalize
from sampark.text.patterns import WORD_END, WORD_START, alternation

LANGS = LANGUAGES

_LB = WORD_START
_RB = WORD_END
_WS = r"\s{1,3}"
_COMMA = r"\s{0,2},?\s{0,3}"
_DASH = r"\s{0,2}[-\u2013\u2014]\s{0,2}"
# A number is read from its first digit only: no digit, separator or currency
# sign may come right before it.
_NUM_START = r"(?<![\p{N}/:$\u00a3\u20ac\u00a5\u20b9\u09f3])(?<!\p{N}[.,])"
_YEAR = _NUM_START + r"\d{4}(?!\p{N})"
_DAY = _NUM_START + r"\d{1,2}(?!\p{N})"

# How far a publication cue may stand before the date it introduces, and how
# much of the top of a text counts as the dateline area.
_CUE_REACH = 40
_DATELINE_AREA = 300
_DATELINE_LINE = 80
_DATELINE_EXTRA = 30
# How many characters before a date a word such as "since" may start.
_PREFIX_REACH = 24
# The longest range written with a two-digit end ("1939-45"); "2023-05" is
# no range.
_SHORT_RANGE = 20
# The earliest year a range of plain numbers ("১৪৮৫-১৫২৮") is read as.
_RANGE_MIN = 1000
# A year carried to a day without one ("১৯৭১ সালের ... ২৬শে মার্চ") must come
# from a date of one of these modes in the same sentence.
_CONTEXT_MODES = ("point", "since", "range")
_SENTENCE_END = regex.compile(r"[.!?\u0964\u0965\n]")
# Forms that start with a year, which an era word before it disowns.
_YEAR_FORMS = ("range", "ymd", "ym", "dec_num", "ys", "ymark", "ybare", "year")
# English words that open a range ("from 1971 to 1975", "between 1990 and 1995").
_RANGE_STARTS = ("from", "between")
# How far after the document date a day without a year may lie.
_FUTURE_REACH_DAYS = 92


@dataclass
class Grammar:
    """One language's compiled date pattern and the tables to read matches."""

    lang: str
    pattern: regex.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]
    modifiers: dict[str, int]
    inclusive_modifiers: frozenset[str]
    decade_names: dict[str, int]
    since_words: set[str]
    until_words: set[str]
    point_words: set[str]
    quantity_after: regex.Pattern[str]
    cue_before: regex.Pattern[str]
    bare_year_range: tuple[int, int]
    bare_weekday_direction: int
    extra: dict[str, Any] = field(default_factory=dict)


def _month_table(lang: str) -> dict[str, int]:
    generated = load_json_or_empty(lang, "months.generated.json")
    curated = load_json_or_empty(lang, "months.curated.json")
    table: dict[str, int] = {}
    widths = ["wide", "abbreviated"] if curated.get("use_abbreviated") else ["wide"]
    for width in widths:
        for number, names in generated.get(width, {}).items():
            for name in names:
                table.setdefault(normalize(name), int(number))
    for number, names in curated.get("variants", {}).items():
        for name in names:
            table.setdefault(normalize(name), int(number))
    return table


def _weekday_table(lang: str) -> dict[str, int]:
    generated = load_json_or_empty(lang, "weekdays.generated.json")
    curated = load_json_or_empty(lang, "weekdays.curated.json")
    table: dict[str, int] = {}
    for number, names in generated.get("wide", {}).items():
        for name in names:
            table[normalize(name)] = int(number)
    for number, names in curated.get("variants", {}).items():
        for name in names:
            table[normalize(name)] = int(number)
    return table


def _texts(entries: list[dict[str, Any]], value: str) -> dict[str, Any]:
    return {normalize(text): entry[value] for entry in entries for text in entry["texts"]}


@cache
def grammar(lang: str) -> Grammar:
    """The compiled grammar of ``lang`` (built once per process)."""
    if lang not in LANGS:
        lang = DEFAULT_LANGUAGE
    words = load_json_or_empty(lang, "dates.curated.json")
    rel = load_json_or_empty(lang, "relative.curated.json")
    months = _month_table(lang)
    weekdays = _weekday_table(lang)
    relative = {
        normalize(text): (entry["unit"], int(entry["offset"]))
        for entry in rel.get("words", [])
        for text in entry["texts"]
    }
    modifiers = _texts(rel.get("weekday_modifiers", []), "direction")
    inclusive = frozenset(normalize(t) for grp in rel.get("weekday_modifiers", [])
                          if grp.get("today_included") for t in grp["texts"])
    decade_names = {normalize(k): int(v) for k, v in words.get("decade_names", {}).items()}
    month_suffixes = load_json_or_empty(lang, "months.curated.json").get("suffixes", [])
    month_words = load_json_or_empty(lang, "months.curated.json").get("month_words", [])
    weekday_suffixes = load_json_or_empty(lang, "weekdays.curated.json").get("suffixes", [])

    alt = alternation
    ordinal = alt(words.get("ordinal_suffixes", []))
    day = rf"{_DAY}(?:-?{ordinal})?"
    mon_suffix = rf"(?:{alt(month_suffixes)})?" if month_suffixes else ""
    # An abbreviated English month may end in a full stop ("Sept."); a full
    # stop after a full name ends the sentence and stays out of the span.
    generated = load_json_or_empty(lang, "months.generated.json").get("wide", {})
    wide = {normalize(n) for names in generated.values() for n in names}
    abbreviations = [name + "." for name in months if profile(lang).abbreviated_months and name not in wide]
    mon = alt(list(months) + abbreviations)
    year_words = words.get("year_words", []) + words.get("year_word_typos", [])
    year_word = rf"[ \t\u00a0-]{{0,2}}{alt(year_words)}{_RB}" if year_words else r"(?!x)x"
    year_suffix = rf"{alt(words['year_suffixes'])}{_RB}" if words.get("year_suffixes") else r"(?!x)x"
    year_mark = rf"(?:{year_word}|{year_suffix})"
    # Before a day or month, a spaced genitive also links ("১৯৭১ এর মার্চে");
    # elsewhere "১০০০ এর বেশি" is a number, so only there.
    spaced = words.get("year_links_spaced", [])
    year_link = rf"(?:{year_mark}|[ \t\u00a0]{{1,2}}{alt(spaced)}{_RB})" if spaced else year_mark
    since = alt(words.get("since_words", []))
    until = alt(words.get("until_words", []))
    range_dashes = [w for w in words.get("range_dashes", []) if w not in "-\u2013\u2014"]
    range_ends = words.get("range_ends", [])
    decade_words = words.get("decade_words", [])
    weekday = alt(list(weekdays)) + (rf"(?:{alt(weekday_suffixes)})?" if weekday_suffixes else "")
    relword = alt(list(relative))
    modifier = alt(list(modifiers))
    other_era = alt(words.get("other_eras", []))

    def mon_group(name: str) -> str:
        return rf"(?P<{name}>{mon}){mon_suffix}{_RB}"

    # Forms that start with a digit and forms that start with a word are
    # grouped behind a one-character lookahead each: most positions of a text
    # fail that lookahead at once instead of trying every form.
    digit_forms: list[str] = []
    word_forms: list[str] = []
    # Full ISO dates first: a year followed by "-05" is not a range.
    digit_forms.append(rf"(?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})(?!\p{{N}}))")
    digit_forms.append(
        rf"(?P<num_dmy>(?P<nd_d>{_DAY})(?P<nd_sep>[./-])(?P<nd_m>\d{{1,2}})(?P=nd_sep)(?P<nd_y>\d{{4}})(?!\p{{N}}))"
    )
    prefix_words = sorted(
        set(words.get("since_words", []))
        | set(words.get("until_words", []))
        | set(words.get("point_words", []))
        | set(words.get("range_starts", []))
    )
    if profile(lang).adpositions_after:  # since/until follow the date: "১৯৭২ সাল থেকে"
        range_end = rf"(?:{_WS}{alt(range_ends)}{_RB})?" if range_ends else ""
        digit_forms.append(
            rf"(?P<range>(?P<r_a>{_YEAR})(?P<r_mark>{year_word})?"
            rf"(?P<r_sep>{_DASH}|{_WS}{alt(range_dashes)}{_WS})"
            rf"(?P<r_b>{_NUM_START}(?:\d{{4}}|\d{{2}})(?!\p{{N}}))(?P<r_mark2>{year_mark})?{range_end})"
        )
        tail = rf"(?:{year_mark})?(?:{_WS}(?:(?P<TAG_since>{since})|(?P<TAG_until>{until})){_RB})?"
        month_tail = rf"(?:{_WS}(?:(?P<TAG_since>{since})|(?P<TAG_until>{until})){_RB})?"
        digit_forms.append(
            rf"(?P<ymd>(?P<ymd_y>{_YEAR})(?:{year_link})?{_WS}(?P<ymd_d>{day}){_WS}{mon_group('ymd_m')}"
            + month_tail.replace("TAG", "ymd")
            + ")"
        )
        month_word = rf"(?:{_WS}{alt(month_words)}{_RB})?" if month_words else ""
        digit_forms.append(
            rf"(?P<ym>(?P<ym_y>{_YEAR})(?:{year_link})?{_WS}{mon_group('ym_m')}{month_word}"
            + month_tail.replace("TAG", "ym")
            + ")"
        )
        digit_forms.append(
            rf"(?P<dmy>(?P<dmy_d>{day})(?:{_WS}|-){mon_group('dmy_m')}{_COMMA}(?P<dmy_y>{_YEAR})"
            + tail.replace("TAG", "dmy")
            + ")"
        )
        word_forms.append(
            rf"(?P<my>{_LB}{mon_group('my_m')}{_COMMA}(?P<my_y>{_YEAR})" + tail.replace("TAG", "my") + ")"
        )
        links = alt(words.get("decade_links", []))
        quals = alt(words.get("decade_qualifiers", []))
        decade_word = alt(decade_words)
        digit_forms.append(
            rf"(?P<dec_num>(?P<dn_y>{_NUM_START}\d{{3}}[0\u09e6](?!\p{{N}}))(?:[ \t\u00a0-]{{0,2}}{links})?"
            rf"(?:{_WS}{quals})?{_WS}{decade_word}{_RB})"
        )
        word_forms.append(rf"(?P<dec_word>{_LB}(?P<dw_n>{alt(list(decade_names))}){_WS}{decade_word}{_RB})")
        digit_forms.append(rf"(?P<other_era>{_YEAR}\s{{0,2}}{other_era}{_RB})")
        digit_forms.append(
            rf"(?P<ys>(?P<ys_y>{_YEAR})(?:{year_mark})?{_WS}"
            rf"(?:(?P<ys_since>{since})|(?P<ys_until>{until})){_RB})"
        )
        digit_forms.append(rf"(?P<ymark>(?P<ymark_y>{_NUM_START}\d{{3,4}}(?!\p{{N}})){year_mark})")
        digit_forms.append(rf"(?P<ybare>{_YEAR}{_RB})")
        digit_forms.append(rf"(?P<dm>(?P<dm_d>{day})(?:{_WS}|-){mon_group('dm_m')})")
        if month_words:
            word_forms.append(rf"(?P<mw>{_LB}{mon_group('mw_m')}{_WS}{alt(month_words)}{_RB})")
        if words.get("day_words"):
            # "মার্চের ২৬ তারিখে": month, then day, then the word for date.
            word_forms.append(
                rf"(?P<md>{_LB}{mon_group('md_m')}{_WS}(?P<md_d>{day}){_WS}{alt(words['day_words'])}{_RB})"
            )
        # "অক্টোবরে" (in October): a month with a case ending; the reader
        # refuses a bare month name, which is too often another word ("মে").
        word_forms.append(rf"(?P<mw>{_LB}{mon_group('mw_m')}{_RB})")
    else:
        # English words before a date (since, from, the, mid-) are looked for
        # behind the match (see _Reader.prefix), not as optional pattern parts
        # that every position would have to try.
        digit_forms.append(
            rf"(?P<range>(?P<r_a>{_YEAR})(?P<r_mark>)(?P<r_mark2>)"
            rf"(?P<r_sep>{_DASH}|{_WS}(?P<r_word>{alt(range_dashes)}){_WS})"
            rf"(?P<r_b>{_NUM_START}(?:\d{{4}}|\d{{2}})(?!\p{{N}})){_RB})"
        )
        digit_forms.append(
            rf"(?P<dmy>(?P<dmy_d>{day})(?:{_WS}of)?{_WS}{mon_group('dmy_m')}{_COMMA}(?P<dmy_y>{_YEAR}){_RB})"
        )
        word_forms.append(
            rf"(?P<mdy>{_LB}{mon_group('mdy_m')}{_WS}(?P<mdy_d>{day}){_RB}{_COMMA}(?P<mdy_y>{_YEAR}){_RB})"
        )
        digit_forms.append(rf"(?P<dec_num>(?P<dn_y>{_NUM_START}\d{{3}}[0\u09e6])(?:'|\u2019)?s{_RB})")
        word_forms.append(rf"(?P<dec_word>{_LB}(?P<dw_n>{alt(list(decade_names))}){_RB})")
        word_forms.append(rf"(?P<my>{_LB}{mon_group('my_m')}{_COMMA}(?P<my_y>{_YEAR}){_RB})")
        digit_forms.append(rf"(?P<other_era>{_YEAR}\s{{0,2}}{other_era}{_RB})")
        digit_forms.append(
            rf"(?P<year>(?P<year_y>{_YEAR})(?:\s{{0,2}}{alt(words.get('year_words', []))})?{_RB})"
        )
        digit_forms.append(rf"(?P<dm>(?P<dm_d>{day}){_RB}(?:{_WS}of)?{_WS}{mon_group('dm_m')})")
        word_forms.append(rf"(?P<md>{_LB}{mon_group('md_m')}{_WS}(?P<md_d>{day}){_RB})")
        word_forms.append(rf"(?P<mw>{_LB}{mon_group('mw_m')})")
    # "গত অক্টোবরে", "last October": a month said relative to the anchor.
    word_forms.append(rf"(?P<relmon>{_LB}(?P<relmon_w>{modifier}){_WS}{mon_group('relmon_m')})")
    word_forms.append(rf"(?P<rel>{_LB}(?P<rel_w>{relword}){_RB}(?:{_WS}(?P<rel_wd>{weekday}){_RB})?)")
    word_forms.append(rf"(?P<wd>{_LB}(?P<wd_w>{weekday}){_RB})")
    initials = {w[0] for w in [*months, *weekdays, *relative, *decade_names]}
    initial_class = "[" + "".join(regex.escape(c) for c in sorted(initials)) + "]"
    pattern = regex.compile(
        rf"(?=\p{{N}}){_NUM_START}(?:{'|'.join(digit_forms)})|(?={initial_class})(?:{'|'.join(word_forms)})"
    )
    quals = alt(words.get("decade_qualifiers", [])) if words.get("decade_qualifiers") else r"(?!x)x"
    prefix_before = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?P<w>{alt(prefix_words)})\s{{1,3}}\Z")
    decade_before = regex.compile(
        rf"(?:(?<![\p{{L}}\p{{M}}])[Tt]he\s{{1,3}})?(?:(?<![\p{{L}}\p{{M}}])(?P<q>{quals})[ \t\u00a0-]{{1,2}})?\Z"
    )
    era_before = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){other_era}\s{{1,3}}\Z")
    modifier_before = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?P<w>{modifier})\s{{1,3}}\Z")
    quantity = alt(words.get("quantity_words", []))
    quantity_after = regex.compile(rf"\s{{0,2}}-?{quantity}(?![\p{{L}}\p{{M}}])")
    cues = alt(words.get("publication_cues", []))
    cue_before = regex.compile(rf"{cues}\s{{0,3}}[:\uff1a\-\u2013\u2014]?[^\n]{{0,{_CUE_REACH}}}$")
    low, high = words.get("bare_year_min", 1500), words.get("bare_year_max", 2099)
    return Grammar(
        lang=lang,
        pattern=pattern,
        months=months,
        weekdays=weekdays,
        relative=relative,
        modifiers=modifiers,
        inclusive_modifiers=inclusive,
        decade_names=decade_names,
        since_words={normalize(w) for w in words.get("since_words", [])},
        until_words={normalize(w) for w in words.get("until_words", [])},
        point_words={normalize(w) for w in words.get("point_words", [])},
        quantity_after=quantity_after,
        cue_before=cue_before,
        extra={
            "prefix_before": prefix_before, "decade_before": decade_before, "modifier_before": modifier_before,
            "era_before": era_before,
        },
        bare_year_range=(low, high),
        bare_weekday_direction=int(rel.get("bare_weekday_direction", -1)),
    )


# --------------------------------------------------------------------------
# Reading matches


def _ymd(year: int, month: int | None = None, day: int | None = None) -> str:
    """EDTF at the precision given; a day the month does not have is dropped."""
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    if day is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _digits(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def parse_anchor(anchor: str | None) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of an EDTF anchor (None where it is less precise)."""
    if not anchor:
        return None, None, None
    found = regex.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", anchor)
    if not found:
        return None, None, None
    year, month, day = found.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def resolve_relative(unit: str, offset: int, anchor: str | None) -> str:
    """The EDTF of a relative date (``""`` if the anchor is not precise enough)."""
    year, month, day = parse_anchor(anchor)
    if year is None:
        return ""
    if unit == "year":
        return f"{year + offset:04d}"
    if month is None:
        return ""
    if unit == "month":
        y, m = _shift_month(year, month, offset)
        return f"{y:04d}-{m:02d}"
    if day is None:
        return ""
    today = date(year, month, day)
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    return (today + timedelta(days=offset)).isoformat()


def resolve_weekday(weekday: int, direction: int, anchor: str | None) -> str:
    """The date of a weekday said relative to the anchor day.

    ``direction`` -1 is the latest such day before the anchor (on or before
    for a bare weekday), 1 the first one after, 0 the one in the anchor's week.
    """
    year, month, day = parse_anchor(anchor)
    if year is None or month is None or day is None:
        return ""
    today = date(year, month, day)
    if direction > 0:
        delta = (weekday - today.weekday()) % 7 or 7
    elif direction < 0:
        delta = -((today.weekday() - weekday) % 7 or 7)
    else:
        delta = weekday - today.weekday()
    return (today + timedelta(days=delta)).isoformat()


def resolve_month(month: int, direction: int, anchor: str | None) -> str:
    """The year-month of a named month said relative to the anchor.

    ``direction`` -1 ("last October") is the latest such month before the
    anchor's month, 1 the first one after it, 0 the one in the anchor's year.
    """
    year, a_month, _ = parse_anchor(anchor)
    if year is None or a_month is None:
        return ""
    if direction < 0:
        year = year if month < a_month else year - 1
    elif direction > 0:
        year = year if month > a_month else year + 1
    return f"{year:04d}-{month:02d}"


def _year_for(month: int, day: int | None, anchor: str | None) -> int | None:
    """The year of a day-and-month said in a text dated ``anchor``.

    News speaks mostly of the recent past and the near future: the latest
    such date no more than a season after the anchor.
    """
    year, a_month, a_day = parse_anchor(anchor)
    if year is None or a_month is None:
        return None
    horizon = date(year, a_month, a_day or 28) + timedelta(days=_FUTURE_REACH_DAYS)
    for candidate in (year + 1, year, year - 1):
        last = calendar.monthrange(candidate, month)[1]
        if date(candidate, month, min(day or 1, last)) <= horizon:
            return candidate
    return year - 1


def _mention(start: int, end: int, key: str, mode: str, year: int | None, **attrs: Any) -> Mention:
    return Mention(start, end, "date", key, {"mode": mode, "year": year, **attrs})


class _Reader:
    """Turns the matches of one text into mentions."""

    def __init__(self, g: Grammar, text: str, anchor: str | None) -> None:
        self.g = g
        self.text = text
        self.anchor = anchor
        # Where the previous mention ended: a word before a date is looked
        # for only after it.
        self.floor = 0
        self.previous: Mention | None = None

    def month(self, surface: str) -> int | None:
        return self.g.months.get(surface.rstrip("."))

    def weekday(self, surface: str) -> int | None:
        found = self.g.weekdays.get(surface)
        if found is not None:
            return found
        # A weekday with a case suffix: its longest known prefix.
        for end in range(len(surface) - 1, 1, -1):
            if surface[:end] in self.g.weekdays:
                return self.g.weekdays[surface[:end]]
        return None

    def interval(self, m: regex.Match[str], start: int, key: str, year: int, tag: str) -> Mention:
        if m.group(f"{tag}_since"):
            return _mention(start, m.end(), f"{key}/..", "since", year, point=key)
        if m.group(f"{tag}_until"):
            return _mention(start, m.end(), f"../{key}", "until", year, point=key)
        return _mention(start, m.end(), key, "point", year)

    def context_year(self, start: int) -> int | None:
        """The year of the previous dated mention, if it is in the same sentence.

        "১৯৭১ সালের ... ২৬শে মার্চ": a day without a year takes the year the
        sentence has just given. Only a point or an interval's start counts,
        and nothing but the same sentence.
        """
        previous = self.previous
        if previous is None or previous.attrs.get("mode") not in _CONTEXT_MODES or not previous.key:
            return None
        if _SENTENCE_END.search(self.text, previous.end, start):
            return None
        return previous.attrs.get("year")

    def before(self, name: str, start: int) -> regex.Match[str] | None:
        """A word that stands right before ``start`` (and after the previous mention)."""
        window = max(self.floor, start - _PREFIX_REACH)
        found = self.g.extra[name].search(self.text, window, start)
        return found if found and found.start() < start else None

    def prefixed(self, s: int, e: int, key: str, year: int) -> Mention:
        """An English date with since/until (taken into the span) or in/of before it."""
        pre = self.before("prefix_before", s)
        word = pre.group("w") if pre else None
        if pre is not None and word in self.g.since_words:
            return _mention(pre.start(), e, f"{key}/..", "since", year, point=key)
        if pre is not None and word in self.g.until_words:
            return _mention(pre.start(), e, f"../{key}", "until", year, point=key)
        return _mention(s, e, key, "point", year)

    def read(self, m: regex.Match[str]) -> Mention | list[Mention] | None:  # noqa: C901 - one branch per form
        form = m.lastgroup
        g = m.group
        s, e = m.start(), m.end()
        # since/until/in stand before the date ("since May"), not after it
        prefixes = not profile(self.g.lang).adpositions_after
        year: int | None
        month: int | None
        day: int | None
        attrs: dict[str, Any]
        if form in _YEAR_FORMS and self.before("era_before", s) is not None:
            # "খ্রিস্টপূর্ব ১৬০০ সালে", "BC 300": not a year of our era.
            return None
        if form == "iso":
            year, month, day = _digits(g("iso_y")), _digits(g("iso_m")), _digits(g("iso_d"))
            if not 1 <= month <= 12:
                return None
            return _mention(s, e, _ymd(year, month, day), "point", year)
        if form == "num_dmy":
            day, month, year = _digits(g("nd_d")), _digits(g("nd_m")), _digits(g("nd_y"))
            if not (1 <= month <= 12 and 1 <= day <= 31):
                return None
            return _mention(s, e, _ymd(year, month, day), "point", year)
        if form == "range":
            return self.year_range(m)
        if form in ("ymd", "ym", "dmy", "my", "mdy"):
            year = _digits(g(f"{form}_y"))
            month = self.month(g(f"{form}_m"))
            day = _digits(g(f"{form}_d")) if form in ("ymd", "dmy", "mdy") else None
            if month is None or (day is not None and not 1 <= day <= 31):
                return None
            key = _ymd(year, month, day)
            if prefixes:
                return self.prefixed(s, e, key, year)
            return self.interval(m, s, key, year, form)
        if form in ("dec_num", "dec_word"):
            year = _digits(g("dn_y")) if form == "dec_num" else self.g.decade_names[g("dw_n")]
            attrs = {}
            if prefixes:
                lead = self.before("decade_before", s)
                if lead is not None:
                    s = lead.start()
                    if lead.group("q"):
                        attrs["qualifier"] = lead.group("q")
            return _mention(s, e, f"{year // 10:03d}X", "decade", year, **attrs)
        if form == "other_era":
            return None
        if form == "ys":
            year = _digits(g("ys_y"))
            return self.interval(m, s, f"{year:04d}", year, "ys")
        if form == "ymark":
            year = _digits(g("ymark_y"))
            return _mention(s, e, f"{year:04d}", "point", year)
        if form == "ybare":
            return self.bare_year(s, e, _digits(g()))
        if form == "year":
            year = _digits(g("year_y"))
            pre = self.before("prefix_before", s)
            if pre is None:
                return self.bare_year(s, e, year)
            if pre.group("w") in self.g.point_words and self.g.quantity_after.match(self.text, e):
                return None
            return self.prefixed(s, e, f"{year:04d}", year)
        if form in ("dm", "md", "mw"):
            if prefixes and form == "mw" and self.before("prefix_before", s) is None:
                # A month name alone ("May") is a date only after in/since/until.
                return None
            if profile(self.g.lang).word_endings and form == "mw" and m.end() == m.end("mw_m"):
                return None  # a Bengali month needs its ending or the word মাস
            month = self.month(g(f"{form}_m"))
            day = _digits(g(f"{form}_d")) if form != "mw" else None
            if month is None or (day is not None and not 1 <= day <= 31):
                return None
            attrs = {"month": month} if day is None else {"month": month, "day": day}
            year = self.context_year(s)
            if year is not None:
                return _mention(s, e, _ymd(year, month, day), "point", year, year_from="context", **attrs)
            year = _year_for(month, day, self.anchor)
            if year is None:
                return _mention(s, e, "", "partial", None, month_only=True, **attrs)
            return _mention(s, e, _ymd(year, month, day), "point", year, year_from="anchor", **attrs)
        if form == "relmon":
            month = self.month(g("relmon_m"))
            direction = self.g.modifiers[g("relmon_w")]
            if month is None:
                return None
            key = resolve_month(month, direction, self.anchor)
            return _mention(s, e, key, "relative", _year_of(key), unit="month", month=month, direction=direction)
        if form == "rel":
            unit, offset = self.g.relative[g("rel_w")]
            key = resolve_relative(unit, offset, self.anchor)
            attrs = {"unit": unit, "offset": offset}
            if g("rel_wd"):
                attrs["weekday"] = self.weekday(g("rel_wd"))
            return _mention(s, e, key, "relative", _year_of(key), **attrs)
        if form == "wd":
            return self.weekday_mention(s, e, g("wd_w"))
        return None

    def year_range(self, m: regex.Match[str]) -> Mention | list[Mention]:
        s, e = m.start(), m.end()
        first = _digits(m.group("r_a"))
        second_text = m.group("r_b")
        second = _digits(second_text)
        if len(second_text) == 2:
            second = first - first % 100 + second
            if second <= first:
                second += 100
        prefixes = not profile(self.g.lang).adpositions_after
        pre = self.before("prefix_before", s) if prefixes else None
        word = m.group("r_word") if prefixes else None
        if pre is not None and pre.group("w").lower() in _RANGE_STARTS:
            s = pre.start()
        elif word and (word == "and" or len(second_text) == 2):
            # "1971 to 1975" alone is a range; "1990 and 1995" is two years.
            second = 0
        if len(second_text) == 2 and (second - first > _SHORT_RANGE or not regex.match(_DASH, m.group("r_sep"))):
            second = 0
        if not (_RANGE_MIN <= first and second <= self.g.bare_year_range[1]) and not (
            m.group("r_mark") or m.group("r_mark2")
        ):
            # "৮০০৮ থেকে ১০": numbers, not years, unless a year word says so.
            return []
        if not first < second <= first + 100:
            # "2023-05", "1990-1980", "1990 and 1995": not a range, but years.
            years = [self.bare_year(s, m.end("r_a"), first)]
            if len(second_text) == 4:
                years.append(self.bare_year(m.start("r_b"), e, _digits(second_text)))
            return [y for y in years if y is not None]
        return _mention(s, e, f"{first:04d}/{second:04d}", "range", first, point=f"{first:04d}")

    def weekday_mention(self, s: int, e: int, surface: str) -> Mention | None:
        weekday = self.weekday(surface)
        if weekday is None:
            return None
        lead = self.before("modifier_before", s)
        if lead is not None and lead.group("w") not in self.g.inclusive_modifiers:
            direction = self.g.modifiers[lead.group("w")]
            s = lead.start()
            key = resolve_weekday(weekday, direction, self.anchor)
        else:
            if lead is not None:
                s = lead.start()  # "on Saturday" in a report of Saturday is that day
            # A bare weekday in news is the latest such day, today included.
            direction = self.g.bare_weekday_direction
            key = resolve_weekday(weekday, direction, self.anchor)
            y, mo, d = parse_anchor(self.anchor)
            if direction < 0 and y is not None and mo is not None and d is not None \
                    and date(y, mo, d).weekday() == weekday:
                key = date(y, mo, d).isoformat()
        return _mention(s, e, key, "relative", _year_of(key), unit="day", weekday=weekday, direction=direction)

    def bare_year(self, start: int, end: int, year: int) -> Mention | None:
        low, high = self.g.bare_year_range
        if not low <= year <= high or self.g.quantity_after.match(self.text, end):
            return None
        return _mention(start, end, f"{year:04d}", "point", year, bare=True)


def _year_of(key: str) -> int | None:
    return int(key[:4]) if key[:4].isdigit() else None


def find_dates(text: str, lang: str, anchor: str | None = None) -> list[Mention]:
    """Every date expression of ``text``.

    Args:
        text: the cleaned view of a document.
        lang: ``bn`` or ``en`` (anything else is read as English).
        anchor: the document's own date (EDTF) that relative dates and days
            without a year resolve against.

    Returns:
        ``Mention(kind="date")`` in text order; see the module docstring for
        keys and attrs.
    """
    g = grammar(lang)
    reader = _Reader(g, text, anchor)
    found = []
    for m in g.pattern.finditer(text):
        read = reader.read(m)
        for mention in read if isinstance(read, list) else [read]:
            if mention is not None:
                found.append(mention)
                reader.floor = mention.end
                reader.previous = mention
    return found


_PLACE_BEFORE = regex.compile(r"\s*[\p{L}\p{M} .'’-]{2,40},\s*")
_AGENCY_AFTER = regex.compile(r"\s*(?:\([^()\n]{1,40}\))?\s*[-–—:]")


def find_dateline(text: str, lang: str, mentions: list[Mention] | None = None) -> tuple[str, str] | None:
    """The publication date near the top of a news text, if one stands out.

    A day-precision date counts when a publication cue ("প্রকাশ:",
    "Published") stands just before it, or when it is in the first
    characters of the text on a short line of its own (a dateline).

    Returns:
        ``(EDTF, source)`` with source ``publication_cue`` or ``dateline``,
        or None.
    """
    g = grammar(lang)
    if mentions is None:
        mentions = find_dates(text[: _DATELINE_AREA * 4], lang)
    dateline = None
    for m in mentions:
        if m.attrs.get("mode") != "point" or len(m.key) != 10 or m.attrs.get("year_from"):
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        if g.cue_before.search(text[max(line_start, m.start - _CUE_REACH - 30) : m.start]):
            return m.key, "publication_cue"
        if dateline is None and m.start < _DATELINE_AREA and _PLACE_BEFORE.fullmatch(text, line_start, m.start) \
                and _AGENCY_AFTER.match(text, m.end):
            # "DHAKA, Nov 24, 2025 (Reuters) -", "ঢাকা, ২৪ নভেম্বর (বাসস):" open a news report.
            dateline = (m.key, "dateline")
            continue
        if dateline is None and m.start < _DATELINE_AREA:
            line_end = text.find("\n", m.end)
            line_end = len(text) if line_end < 0 else line_end
            # A dateline is a line that is mostly the date (a place or a time
            # may stand beside it), not a sentence that mentions one.
            if line_end - line_start <= min(_DATELINE_LINE, m.end - m.start + _DATELINE_EXTRA):
                dateline = (m.key, "dateline")
    return dateline


def run(doc: Document) -> Document:
    """Add a date mention for every date expression of ``doc.text``.

    When ``doc.date`` is unknown and the top of the text carries a
    publication date, ``doc.date`` and ``doc.meta["date_source"]`` are set
    and relative dates resolve against it.
    """
    text = doc.text
    if not text:
        return doc
    lang = doc.lang if doc.lang in LANGS else language_or_english(text)
    mentions = find_dates(text, lang, anchor=doc.date)
    # Only news-like text has a dateline; the top of a wiki page is its lead.
    if not doc.date and doc.format != "wikitext":
        head = [m for m in mentions if m.start < _DATELINE_AREA * 4]
        found = find_dateline(text, lang, head)
        if found is not None:
            doc.date, doc.meta["date_source"] = found
            mentions = find_dates(text, lang, anchor=doc.date)
    doc.mentions.extend(mentions)
    return doc


__all__ = ["find_dates", "find_dateline", "resolve_relative", "resolve_weekday", "run", "grammar"]
