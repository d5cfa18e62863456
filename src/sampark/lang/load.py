"""Loading the per-language data files under ``sampark/lang/<code>/``.

Every language has the same file names; a file's entries say where they came
from (see ``lang/SOURCES.md``). Loads are cached: data is read once a process.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def _languages() -> tuple[str, ...]:
    """The languages sampark reads: the folders of ``sampark/lang/`` that hold a grammar profile."""
    root = resources.files("sampark").joinpath("lang")
    return tuple(sorted(d.name for d in root.iterdir() if d.is_dir() and d.joinpath("profile.json").is_file()))


LANGUAGES = _languages()
# The language a text in none of them is read as (its names and dates are
# the ones most often quoted in other scripts).
DEFAULT_LANGUAGE = "en"


def _path(lang: str, name: str):
    return resources.files("sampark").joinpath("lang", lang, name)


@cache
def load_json(lang: str, name: str) -> Any:
    """A JSON data file of one language."""
    return json.loads(_path(lang, name).read_text(encoding="utf-8"))


# The keys a provenance header may hold: a first line such as
# ``{"source": "curated for sampark ...", "compiled": "2026-11"}``. Any
# other key makes the line an entry, whose own ``source`` says where that
# one entry came from (``"source": "cldr:territories:MY"``).
HEADER_KEYS = frozenset({"source", "compiled", "ambiguous", "note", "license"})


def is_header(row: dict[str, Any]) -> bool:
    """Whether a JSON Lines row is a file's provenance header rather than an entry."""
    return "source" in row and row.keys() <= HEADER_KEYS


@cache
def load_jsonl(lang: str, name: str) -> tuple[dict[str, Any], ...]:
    """A JSON Lines data file, without its provenance header (see :func:`is_header`)."""
    rows: list[dict[str, Any]] = []
    for line in _path(lang, name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        row = json.loads(line)
        if not rows and is_header(row):
            continue
        rows.append(row)
    return tuple(rows)


def load_jsonl_or_empty(lang: str, name: str) -> tuple[dict[str, Any], ...]:
    """A JSON Lines data file of one language, or nothing where the language has none."""
    return load_jsonl(lang, name) if exists(lang, name) else ()


@cache
def load_lines(lang: str, name: str) -> tuple[str, ...]:
    """A list file: one entry a line, ``#`` starts a comment."""
    out = []
    for line in _path(lang, name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return tuple(out)


def exists(lang: str, name: str) -> bool:
    return _path(lang, name).is_file()


def load_json_or_empty(lang: str, name: str) -> Any:
    """A JSON data file of one language, or an empty dict where the language has none."""
    return load_json(lang, name) if exists(lang, name) else {}
