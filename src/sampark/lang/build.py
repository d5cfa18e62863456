"""Regenerate the generated language data from CLDR (babel) and iso-codes (pycountry).

Run ``python -m sampark.lang.build`` after upgrading babel or pycountry;
``tests/test_lang_build.py`` fails when the committed files differ from a
fresh build. Curated files (``*.curated.jsonl``, ``suffixes.json``,
``states.ambiguous.json``) are edited by hand and never written here.

Generated files (same names in every language directory):

- ``states.generated.jsonl``: one line per (state, name): CLDR territory
  names, and for English also pycountry's ISO 3166 names and the historical
  states of ISO 3166-3 that sampark keys by their former code.
- ``cities.generated.jsonl``: CLDR's exemplar-city names (from its time-zone
  data) for the capitals and cities listed in ``en/cities.curated.jsonl``.
"""
from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

import pycountry
from babel import Locale

from sampark.text.normalize import normalize

LANGS = ("bn", "en")

# CLDR uses a user-assigned code for Kosovo; XKX is the alpha-3 the EU and
# the IMF use, and what sampark's contract uses.
_EXTRA_ALPHA2 = {"XK": "XKX"}

# ISO 3166-3 states that sampark keys by their former code (the contract's
# historical states). Others, like Burma (BUR) or East Timor (TMP), are keyed
# by today's code and named in the curated files.
HISTORIC_KEPT = ("CSK", "DDR", "SCG", "SUN", "YMD", "YUG", "ZAR")


def _alpha3(alpha2: str) -> str | None:
    if alpha2 in _EXTRA_ALPHA2:
        return _EXTRA_ALPHA2[alpha2]
    if not (len(alpha2) == 2 and alpha2.isalpha()):
        return None  # CLDR regions such as 001 (World) or 150 (Europe)
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None  # EU, UN, EZ, QO... are no states


def _cldr_variants(name: str, lang: str) -> list[str]:
    """The forms a CLDR display name is written in running text.

    CLDR writes ``Myanmar (Burma)`` and ``Congo - Kinshasa`` for menus; text
    says ``Myanmar`` or ``Burma`` and ``Congo-Kinshasa``.
    """
    forms: list[str] = []
    if "(" in name and name.endswith(")"):
        head, _, tail = name[:-1].partition("(")
        forms += [head.strip(), tail.strip()]
    else:
        forms.append(name)
    out: list[str] = []
    for form in forms:
        form = form.replace(" - ", "-")
        out.append(form)
        if lang == "en":
            if "&" in form:
                out.append(form.replace("&", "and"))
            if "\u2019" in form:
                out.append(form.replace("\u2019", "'"))
            if form.startswith("St. "):
                out.append("Saint " + form[4:].replace("&", "and"))
    return out


def build_states(lang: str) -> list[dict]:
    """State names for ``lang``, one record per (state, pattern)."""
    records: dict[tuple[str, str], dict] = {}

    def add(code: str, pattern: str, source: str, display: bool = False) -> None:
        pattern = normalize(pattern.strip())
        if pattern and (code, pattern) not in records:
            records[(code, pattern)] = {"id": code, "form": "name", "pattern": pattern, "source": source}
            if display:
                # the name to show for the state (state_name); CLDR's own
                # display name, less its menu decorations
                records[(code, pattern)]["display"] = True

    for alpha2, name in Locale(lang).territories.items():
        code = _alpha3(alpha2)
        if code:
            for i, form in enumerate(_cldr_variants(name, lang)):
                add(code, form, f"cldr:territories:{alpha2}", display=i == 0)
    if lang == "en":
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                # "Korea, Republic of" is an index form, never running text
                if value and "," not in value:
                    add(country.alpha_3, value, f"iso3166-1:{attr}")
        for country in pycountry.historic_countries:
            if country.alpha_3 in HISTORIC_KEPT and "," not in country.name:
                add(country.alpha_3, country.name, "iso3166-3:name")
    return sorted(records.values(), key=lambda r: (r["id"], r["pattern"]))


def _curated_cities() -> list[dict]:
    path = resources.files("sampark") / "lang" / "en" / "cities.curated.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _tz_city_en(tz: str, en: Locale) -> str:
    # English CLDR only overrides the exemplar city where it differs from
    # the time-zone id's last part.
    city = en.time_zones.get(tz, {}).get("city")
    return city or tz.rsplit("/", 1)[-1].replace("_", " ")


def build_cities(lang: str) -> list[dict]:
    """CLDR exemplar-city names in ``lang`` for the curated capitals and cities."""
    loc, en = Locale(lang), Locale("en")
    by_en: dict[str, str] = {}
    for tz in sorted(Locale("bn").time_zones):
        if "/" in tz and not tz.startswith("Etc/"):
            by_en.setdefault(_tz_city_en(tz, en), tz)
    records: dict[tuple[str, str], dict] = {}
    for entry in _curated_cities():
        for english in [entry["city"], *entry["patterns"]]:
            tz = by_en.get(english)
            if not tz:
                continue
            name = loc.time_zones.get(tz, {}).get("city") if lang != "en" else _tz_city_en(tz, en)
            if not name:
                continue
            pattern = normalize(name)
            key = (entry["id"], pattern)
            if key not in records:
                records[key] = {
                    "id": entry["id"], "form": entry["form"], "city": entry["city"],
                    "pattern": pattern, "source": f"cldr:timezone-city:{tz}",
                }
            break
    return sorted(records.values(), key=lambda r: (r["id"], r["pattern"]))


GENERATED = {"states.generated.jsonl": build_states, "cities.generated.jsonl": build_cities}


def dumps(records: list[dict]) -> str:
    """Serialise records as JSONL, one per line, in a stable form."""
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def build(out_root: Path) -> list[Path]:
    """Write every generated file under ``out_root/<lang>/`` and return their paths."""
    written = []
    for lang in LANGS:
        (out_root / lang).mkdir(parents=True, exist_ok=True)
        for name, builder in GENERATED.items():
            path = out_root / lang / name
            path.write_text(dumps(builder(lang)), encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent,
                        help="directory to write <lang>/*.generated.jsonl into (default: the package's lang/)")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(path)


if __name__ == "__main__":
    main()
