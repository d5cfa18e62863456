"""The interface's two languages: UI strings, dates, numbers and state names.

UI strings live in ``i18n/<lang>.json`` (same keys in every file). Dates are
EDTF strings in the data; here they become "3 April 1967" or "৩ এপ্রিল ১৯৬৭"
for people, while pages keep the EDTF value in ``<time datetime>``.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.dates import get_month_names
from babel.numbers import format_compact_decimal, format_decimal

from sampark import geo

LANGS = ("en", "bn")
DEFAULT_LANG = "en"
_DIR = Path(__file__).parent / "i18n"

_DAY = re.compile(r"^(-?\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(-?\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(-?\d{4})$")
_DECADE = re.compile(r"^(\d{3})X$")
_CENTURY = re.compile(r"^(\d{2})XX$")


@lru_cache(maxsize=None)
def strings(lang: str) -> dict[str, Any]:
    """The UI strings of ``lang`` (falling back to English for a missing key)."""
    with open(_DIR / f"{DEFAULT_LANG}.json", encoding="utf-8") as fh:
        base = json.load(fh)
    if lang != DEFAULT_LANG:
        with open(_DIR / f"{lang}.json", encoding="utf-8") as fh:
            own = json.load(fh)
        types = {**base["types"], **own.get("types", {})}
        values = {**base["values"], **own.get("values", {})}
        base = {**base, **own, "types": types, "values": values}
    return base


class UI:
    """What a template needs to speak one language.

    Args:
        lang: ``en`` or ``bn``.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else DEFAULT_LANG
        self.s = strings(self.lang)
        self._digits = str.maketrans("0123456789", self.s["digits"])

    def t(self, key: str, **values: object) -> str:
        """The UI string ``key`` with ``{name}`` placeholders filled in."""
        text = self.s.get(key, key)
        return text.format(**values) if values else text

    def type_label(self, fact_type: str | None) -> str:
        """A fact type as a person reads it (the raw type if unknown)."""
        return self.s["types"].get(fact_type or "", fact_type or "")

    def value(self, value: object) -> object:
        """An attribute's coded value (``high_commission``) as a person reads it."""
        if isinstance(value, str):
            return self.s["values"].get(value, value)
        return value

    def digits(self, value: object) -> str:
        """``value`` as text, in the interface's digits (০-৯ in Bengali)."""
        return str(value).translate(self._digits)

    def number(self, value: float | int | None) -> str:
        """A number with the locale's grouping (Bengali uses 1,00,000)."""
        if value is None:
            return ""
        return format_decimal(value, locale=self.lang)

    def money(self, value: float | int | None, currency: str | None) -> str:
        """A large amount made short: 1.9B USD, ১৯০.৩ কো USD."""
        if value is None:
            return ""
        short = format_compact_decimal(value, locale=self.lang, fraction_digits=2)
        return self.digits(f"{short} {currency or ''}".strip())

    def date(self, edtf: str | None) -> str:
        """An EDTF date for people: ``1967-04-03`` is "3 April 1967".

        Unknown shapes are shown as they are rather than guessed at.
        """
        if not edtf:
            return self.t("undated")
        if "/" in edtf:
            start, _, end = edtf.partition("/")
            if end in ("..", ""):
                return self.t("date_since", date=self.date(start))
            if start in ("..", ""):
                return self.t("date_until", date=self.date(end))
            return self.t("date_range", start=self.date(start), end=self.date(end))
        months = get_month_names("wide", locale=self.lang)
        if m := _DAY.match(edtf):
            year, month, day = m.groups()
            if 1 <= int(month) <= 12:
                return self.t("date_day", day=self.digits(int(day)), month=months[int(month)],
                              year=self.digits(year))
        if m := _MONTH.match(edtf):
            year, month = m.groups()
            if 1 <= int(month) <= 12:
                return self.t("date_month", month=months[int(month)], year=self.digits(year))
        if m := _YEAR.match(edtf):
            return self.digits(m.group(1))
        if m := _DECADE.match(edtf):
            return self.t("date_decade", decade=self.digits(m.group(1) + "0"))
        if m := _CENTURY.match(edtf):
            return self.t("date_decade", decade=self.digits(m.group(1) + "00"))
        return self.digits(edtf)

    def state(self, code: str | None) -> str:
        """A state's name in the interface's language (its code if unknown)."""
        return state_name(code, self.lang)


@lru_cache(maxsize=4096)
def state_name(code: str | None, lang: str = DEFAULT_LANG) -> str:
    """The name of the state ``code`` in ``lang`` (from :mod:`sampark.geo`)."""
    return geo.state_name(code, lang) if code else ""


def resolve_state(name: str) -> str | None:
    """The state code for a name in either language, or for a code (from :mod:`sampark.geo`)."""
    text = " ".join(name.split())
    if not text or len(text) > 200:
        return None
    return geo.resolve_state(text)
