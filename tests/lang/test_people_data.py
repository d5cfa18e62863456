"""Schema checks for the people stage's data: titles.json and people.jsonl.

The files are read as package resources, the way the stage reads them, so a
file missing from the package data fails here and not at run time.
"""
from __future__ import annotations

import collections
import json
import unicodedata
from importlib import resources

import pycountry
import pytest

try:
    from sampark.text.normalize import normalize as _project_normalize
except ImportError:  # the stage data must not wait for the normaliser
    _project_normalize = None

LANGS = ("bn", "en")
PERSON_KEYS = {"name", "forms", "state", "roles", "from", "to"}
QUALIFIERS = {"former", "acting", "outgoing", "incoming", "elect", "late", "interim", "caretaker", "then"}
# NFC decomposes these three letters; the project spells them as one code point.
NUKTA_PAIRS = {"\u09af\u09bc": "\u09df", "\u09a1\u09bc": "\u09dc", "\u09a2\u09bc": "\u09dd"}
JOINERS = ("\u200c", "\u200d")
# A Bengali form may also hold spaces, hyphens, the abbreviation dot and an apostrophe.
BN_EXTRA = set(" -.'")


def _read(lang: str, name: str) -> str:
    return (resources.files("sampark") / "lang" / lang / name).read_text(encoding="utf-8")


def load_titles(lang: str) -> dict:
    return json.loads(_read(lang, "titles.json"))


def load_people(lang: str) -> tuple[dict, list[dict]]:
    """Return the provenance header and the people of ``people.jsonl``."""
    lines = [json.loads(line) for line in _read(lang, "people.jsonl").splitlines() if line.strip()]
    header = lines[0] if "source" in lines[0] else {}
    people = lines[1:] if header else lines
    return header, people


def bn_normalized(s: str) -> str:
    """NFC, then the nukta letters composed back, without joiners."""
    if _project_normalize is not None:
        return _project_normalize(s)
    s = unicodedata.normalize("NFC", s)
    for decomposed, composed in NUKTA_PAIRS.items():
        s = s.replace(decomposed, composed)
    return s.replace("\u200c", "").replace("\u200d", "")


def is_bengali_form(s: str) -> bool:
    return any("\u0980" <= c <= "\u09ff" for c in s) and all(
        "\u0980" <= c <= "\u09ff" or c in BN_EXTRA for c in s
    )


def is_state_code(code: str) -> bool:
    return (
        pycountry.countries.get(alpha_3=code) is not None
        or pycountry.historic_countries.get(alpha_3=code) is not None
    )


def all_forms(lang: str) -> list[str]:
    titles = load_titles(lang)
    header, people = load_people(lang)
    forms = [t["form"] for t in titles["titles"]] + [q["form"] for q in titles["qualifiers"]]
    forms += [f for p in people for f in p["forms"]] + list(header.get("ambiguous", {}))
    return forms


@pytest.mark.parametrize("lang", LANGS)
def test_titles_schema(lang):
    data = load_titles(lang)
    assert data["source"].strip()
    roles = data["roles"]
    for role, spec in roles.items():
        assert spec["description"].strip(), role
        assert spec.get("counts_as", role) in roles, role
    for q in data["qualifiers"]:
        assert set(q) == {"form", "qualifier"}, q
        assert q["qualifier"] in QUALIFIERS, q
    forms = [t["form"] for t in data["titles"]]
    assert len(forms) == len(set(forms)), [f for f, n in collections.Counter(forms).items() if n > 1]
    for t in data["titles"]:
        assert t["form"].strip() == t["form"] and t["form"], t
        assert t["role"] in roles, t
        assert set(t) <= {"form", "role", "of_country"}, t


def test_titles_roles_same_in_both_languages():
    assert load_titles("bn")["roles"] == load_titles("en")["roles"]


# fmt: off
@pytest.mark.parametrize("lang,form,role", [
    ("bn", "প্রধানমন্ত্রী", "head_of_government"),
    ("bn", "প্রধান উপদেষ্টা", "chief_adviser"),
    ("bn", "পররাষ্ট্র উপদেষ্টা", "foreign_adviser"),
    ("bn", "পররাষ্ট্র মন্ত্রী", "foreign_minister"),
    ("bn", "হাইকমিশনার", "high_commissioner"),
    ("bn", "উপপ্রধানমন্ত্রী", "deputy_head_of_government"),
    ("en", "Prime Minister", "head_of_government"),
    ("en", "prime minister", "head_of_government"),
    ("en", "External Affairs Minister", "foreign_minister"),
    ("en", "Secretary of State", "foreign_minister"),
    ("en", "Crown Prince", "crown_prince"),
    ("en", "Chief Adviser", "chief_adviser"),
])
# fmt: on
def test_titles_known_forms(lang, form, role):
    by_form = {t["form"]: t["role"] for t in load_titles(lang)["titles"]}
    assert by_form[form] == role


@pytest.mark.parametrize("lang", LANGS)
def test_people_schema(lang):
    header, people = load_people(lang)
    assert header.get("source", "").strip(), "first line must say where the list came from"
    roles = load_titles(lang)["roles"]
    assert len(people) >= 250
    names = [p["name"] for p in people]
    assert len(names) == len(set(names))
    for p in people:
        assert set(p) == PERSON_KEYS, p
        assert is_state_code(p["state"]), p
        assert p["roles"] and all(r in roles for r in p["roles"]), p
        assert isinstance(p["from"], int) and 1900 <= p["from"] <= 2026, p
        assert p["to"] is None or (isinstance(p["to"], int) and p["from"] <= p["to"] <= 2026), p
        assert p["forms"] and len(p["forms"]) == len(set(p["forms"])), p
        assert all(f and f.strip() == f and "  " not in f for f in p["forms"]), p


@pytest.mark.parametrize("lang", LANGS)
def test_people_forms_name_one_state(lang):
    header, people = load_people(lang)
    ambiguous = header.get("ambiguous", {})
    states = collections.defaultdict(set)
    for p in people:
        for f in p["forms"]:
            states[f].add(p["state"])
    clashes = {f: sorted(s) for f, s in states.items() if len(s) > 1}
    assert not clashes, "list these under 'ambiguous' instead: %r" % clashes
    by_name = {p["name"]: p for p in people}
    for form, candidates in ambiguous.items():
        assert form not in states, f"{form!r} is ambiguous and must not be a form"
        assert len({by_name[n]["state"] for n in candidates}) > 1, form


def test_people_same_in_both_languages():
    _, bn = load_people("bn")
    _, en = load_people("en")
    strip = lambda p: {k: v for k, v in p.items() if k != "forms"}  # noqa: E731
    bn_by_name = {p["name"]: strip(p) for p in bn}
    en_by_name = {p["name"]: strip(p) for p in en}
    assert set(bn_by_name) == set(en_by_name)
    assert bn_by_name == en_by_name


def test_people_en_forms_include_name():
    _, people = load_people("en")
    for p in people:
        assert p["name"] in p["forms"], p["name"]


@pytest.mark.parametrize("lang", LANGS)
def test_people_script(lang):
    for form in all_forms(lang):
        if lang == "bn":
            assert is_bengali_form(form), form
        else:
            assert not any("\u0980" <= c <= "\u09ff" for c in form), form


def test_people_bn_forms_normalised():
    for form in all_forms("bn"):
        assert bn_normalized(form) == form, ascii(form)
        assert not any(j in form for j in JOINERS), ascii(form)
        assert not any(d in form for d in NUKTA_PAIRS), ascii(form)


# fmt: off
@pytest.mark.parametrize("lang,form,name,state", [
    ("bn", "পুতিন", "Vladimir Putin", "RUS"),
    ("bn", "পুটিন", "Vladimir Putin", "RUS"),
    ("bn", "গোরবাচেভ", "Mikhail Gorbachev", "SUN"),
    ("bn", "শাহবাজ শরিফ", "Shehbaz Sharif", "PAK"),
    ("bn", "শেহবাজ শরীফ", "Shehbaz Sharif", "PAK"),
    ("bn", "নরেন্দ্র মোদী", "Narendra Modi", "IND"),
    ("bn", "মাহাথির মোহাম্মদ", "Mahathir Mohamad", "MYS"),
    ("bn", "শি জিনপিং", "Xi Jinping", "CHN"),
    ("bn", "তৌহিদ হোসেন", "Touhid Hossain", "BGD"),
    ("bn", "মিন অং হ্লাইং", "Min Aung Hlaing", "MMR"),
    ("en", "Tito", "Josip Broz Tito", "YUG"),
    ("en", "Brezhnev", "Leonid Brezhnev", "SUN"),
    ("en", "Yeltsin", "Boris Yeltsin", "RUS"),
    ("en", "MBS", "Mohammed bin Salman", "SAU"),
    ("en", "Zelensky", "Volodymyr Zelenskyy", "UKR"),
])
# fmt: on
def test_people_known_forms(lang, form, name, state):
    _, people = load_people(lang)
    matches = [(p["name"], p["state"]) for p in people if form in p["forms"]]
    assert (name, state) in matches
