"""What a language does differently, read from ``lang/<code>/profile.json``.

The stages never ask which language a text is in; they ask its profile:
whether its script has letter case, whether case endings are written onto
words, whether a noun's modifiers and parties come before it, and the few
numbers that follow from that. Bengali and English as examples::

    >>> profile("bn").letter_case, profile("en").letter_case
    (False, True)
    >>> profile("bn").head_final      # "ভারতের সঙ্গে চুক্তি": partner before the cue
    True

A new language adds its own ``profile.json``; the loader refuses a file
with a key it does not know or without one it needs, so a typo never
silently falls back to a default.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from sampark.lang.load import load_json


@dataclass(frozen=True)
class Profile:
    """A language's grammar profile (see ``lang/<code>/profile.json``).

    Attributes:
        code: the language's code, the name of its folder.
        letter_case: the script has capitals; text is matched lower-cased
            and names start with a capital.
        word_endings: case endings are written onto the word (ভারতের), so a
            name or cue may end inside a longer word.
        head_final: a noun's modifiers, dates and parties stand before it
            and the verb comes last (Bengali); English puts them after.
        adpositions_after: since/until words follow a date ("১৯৭২ থেকে")
            instead of preceding it ("since 1972").
        after_cue_penalty: characters added to the distance of a state
            named after a cue, where the language names parties before.
        after_cue_window: characters after a cue read for its partners and
            an agreement's title, where the language names them after.
        mission_lookback: characters before an embassy cue read for its
            verb, or null to read as far as after it.
        min_with_partners: how many "with X" partners make a list of
            partners on their own.
        partnership_is_cooperation: an agreement cue that names a
            partnership, neither signed nor negotiated, is cooperation.
        abbreviated_months: month names may be abbreviated with a full stop.
        fuzzy_keeps_first_letter: a misspelt name keeps its first letter.
        export_roles: role classes of an export cue's source and target.
        import_roles: role classes of an import cue's source and target.
    """

    code: str
    letter_case: bool
    word_endings: bool
    head_final: bool
    adpositions_after: bool
    after_cue_penalty: int
    after_cue_window: int
    mission_lookback: int | None
    min_with_partners: int
    partnership_is_cooperation: bool
    abbreviated_months: bool
    fuzzy_keeps_first_letter: bool
    export_roles: dict[str, list[str]]
    import_roles: dict[str, list[str]]

    def fold(self, text: str) -> str:
        """``text`` as matched against lower-cased data (unchanged without letter case)."""
        return text.lower() if self.letter_case else text


_TYPES: dict[str, Any] = {"bool": bool, "int": int, "int | None": (int, type(None)),
                          "dict[str, list[str]]": dict}


@cache
def profile(code: str) -> Profile:
    """The profile of a language of ``sampark/lang/``.

    Raises:
        ValueError: the file has a key :class:`Profile` does not know, lacks
            one, or gives a value of the wrong type.
    """
    return parse_profile(code, load_json(code, "profile.json"))


def parse_profile(code: str, data: dict[str, Any]) -> Profile:
    """A :class:`Profile` from the contents of a ``profile.json`` (see :func:`profile`)."""
    data = dict(data)
    data.pop("source", None)
    wanted = {f.name: f for f in fields(Profile) if f.name != "code"}
    unknown = sorted(set(data) - set(wanted))
    missing = sorted(set(wanted) - set(data))
    if unknown or missing:
        raise ValueError(f"lang/{code}/profile.json: unknown keys {unknown}, missing keys {missing}")
    for name, f in wanted.items():
        expected = _TYPES[str(f.type)]
        value = data[name]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ValueError(f"lang/{code}/profile.json: {name} is {value!r}, not {f.type}")
    return Profile(code=code, **data)
