"""Raw MediaWiki markup to a plain view, keeping offsets into the markup.

A single pass over the markup's significant tokens, with a small stack for
what nests (templates, links, tables). Markup is dropped from the view, link
labels and text are kept, so ``[[রাশিয়া]]র`` reads as one inflected word.
File and category links (captions included), references, comments,
templates and tags whose content is not prose are dropped whole: a caption
or an infobox yields no dated fact. Headings are kept as their own lines and
reported, so that later stages know each sentence's section.

Why not mwparserfromhell: it builds a full node tree and loses character
offsets, and sampark needs both speed over whole dumps and exact offsets.
"""
from __future__ import annotations

import html
from collections.abc import Callable
from functools import cache

import regex

from sampark.lang.load import LANGUAGES, load_json
from sampark.model import OffsetMap
from sampark.text.textbuilder import TextBuilder


@cache
def _dropped_link() -> regex.Pattern[str]:
    """Links that are not prose: files and categories (every language's namespace
    names, from ``templates.json``, matched case-insensitively), interwiki and
    interlanguage links."""
    names = [n for lang in LANGUAGES for n in load_json(lang, "templates.json")["link_namespaces"]]
    return regex.compile(rf"\s*:?\s*(?:{'|'.join(map(regex.escape, names))}|[a-z]{{2,3}}(?:-[a-z]+)?)\s*:", regex.I)


# Tags whose content is not prose.
_DROP_TAGS = (
    "ref|gallery|math|timeline|syntaxhighlight|source|score|imagemap|mapframe|"
    "templatedata|chem|ce|graph|hiero|categorytree|references|inputbox|pre"
)

_TOKEN = regex.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    rf"|(?P<droptag><(?P<dtn>{_DROP_TAGS})\b[^>]*?(?:/>|>.*?(?:</(?P=dtn)\s*>|\Z)))"
    r"|(?P<topen>\{\{)|(?P<tclose>\}\})"
    r"|(?P<lsimple>\[\[(?P<lt>[^\[\]\|\n]*)\]\])"
    r"|(?P<lpipe>\[\[(?P<lpt>[^\[\]\|\n]*)\|)"
    r"|(?P<lopen>\[\[)|(?P<lclose>\]\])"
    r"|(?P<ext>\[(?:https?:)?//[^\s\]]*\s*)|(?P<extclose>\])"
    r"|(?P<heading>^(?P<hq>={1,6})[ \t]*(?P<htitle>[^\n]*?)[ \t]*(?P=hq)[ \t]*$)"
    r"|(?P<tcaption>^[ \t]*\|\+[ \t]*)"
    r"|(?P<tablerow>^[ \t]*(?:\{\||\|\}|\|-)[^\n]*$)"
    r"|(?P<cellattr>^[ \t]*[!|](?:[^\n|\[\]{}]*=[^\n|\[\]{}]*)\|(?!\|))"
    r"|(?P<cell>^[ \t]*[!|])|(?P<cellsep>\|\||!!)"
    r"|(?P<quotes>'{2,5})"
    r"|(?P<br><br\s*/?>)"
    r"|(?P<tag></?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>)"
    r"|(?P<magic>__[A-Z]+__)"
    # A definition-list term on a line of its own (";Colombia") works as a
    # sub-heading in many articles: it names the section's subject.
    r"|(?P<dlhead>^;[ \t]*(?P<dltitle>[^\n:;.।]{1,80}?)[ \t]*$)"
    r"|(?P<list>^[*#:;]+[ \t]*)"
    r"|(?P<entity>&(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);)",
    regex.S | regex.M,
)


_BRACKETS = regex.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    rf"|(?P<droptag><(?P<dtn>{_DROP_TAGS})\b[^>]*?(?:/>|>.*?(?:</(?P=dtn)\s*>|\Z)))"
    r"|(?P<topen>\{\{)|(?P<tclose>\}\})|(?P<lopen>\[\[)|(?P<lclose>\]\])",
    regex.S,
)


def _match_brackets(raw: str) -> dict[int, int]:
    """Where each ``{{`` and ``[[`` closes: opening offset -> offset after its closing.

    One pass with two stacks, so that text with a bracket never closed (a
    typo, or hostile input) costs linear time: an opening with no match is
    left out, and the main pass reads it as plain text.
    """
    matches: dict[int, int] = {}
    stacks: dict[str, list[int]] = {"t": [], "l": []}
    for m in _BRACKETS.finditer(raw):
        kind = m.lastgroup
        if kind in ("topen", "lopen"):
            stacks[kind[0]].append(m.start())
        elif kind in ("tclose", "lclose"):
            stack = stacks[kind[0]]
            if stack:
                matches[stack.pop()] = m.end()
    return matches


def to_view(raw: str, normalise: Callable[[str], str] | None = None
            ) -> tuple[str, OffsetMap, list[tuple[int, int, int, str]], list[dict]]:
    """Turn wikitext into a plain view.

    Args:
        raw: the markup.
        normalise: the Unicode normaliser for kept text.

    Returns:
        ``(view, offset_map, headings, tables)`` where headings are
        ``(start, end, level, title)`` spans of the view and tables are
        ``{"start", "end", "caption": span, "rows": [{"header", "cells": [span]}]}``.
    """
    return _ViewReader(raw, normalise).read()


_TABLE_ONLY = frozenset({"cell", "cellattr", "cellsep"})


class _ViewReader:
    """One pass over the markup's tokens, with one handler per kind of token."""

    def __init__(self, raw: str, normalise: Callable[[str], str] | None) -> None:
        self.raw = raw
        self.b = TextBuilder(raw, normalise)
        self.headings: list[tuple[int, int, int, str]] = []
        self.tables: list[dict] = []
        self.closes = _match_brackets(raw)
        self.pos = 0  # everything before pos is written to the view
        self.at = 0  # where to look for the next token
        self.link_label = 0  # open [[target| links whose label is being kept
        self.ext_open = False
        self.table_depth = 0
        self.handlers: dict[str, Callable[[regex.Match[str], str], None]] = {
            "topen": self._template, "lsimple": self._simple_link, "lpipe": self._link, "lopen": self._link,
            "lclose": self._link_close, "ext": self._external, "extclose": self._external_close,
            "heading": self._heading, "dlhead": self._heading, "tablerow": self._table_row,
            "tcaption": self._caption, "cell": self._cell, "cellattr": self._cell, "cellsep": self._cell_separator,
            "br": self._line_break, "entity": self._entity,
        }

    def read(self) -> tuple[str, OffsetMap, list[tuple[int, int, int, str]], list[dict]]:
        raw, b = self.raw, self.b
        while (m := _TOKEN.search(raw, self.at)) is not None:
            kind = m.lastgroup or ""
            s, e = m.start(), m.end()
            self.at = e
            if kind in _TABLE_ONLY and not self.table_depth:
                continue
            if kind == "tclose" or (kind == "lclose" and not self.link_label):
                continue  # a closing bracket with nothing open: plain text
            b.keep(self.pos, s)
            self.pos = e
            # comment, droptag, quotes, tag, magic, list: dropped
            self.handlers.get(kind, self._drop)(m, kind)
        b.keep(self.pos, len(raw))
        view, offsets = b.build()
        _close_table(self.tables, len(view))
        return view, offsets, self.headings, [_table_spans(t, view) for t in self.tables]

    def _drop(self, m: regex.Match[str], kind: str) -> None:
        self.b.drop(m.start(), m.end())

    def _template(self, m: regex.Match[str], kind: str) -> None:
        s, e = m.start(), m.end()
        end = self.closes.get(s)
        if end is None:
            self.b.drop(s, e)  # never closed: drop the braces, keep the text
            return
        kept = _kept_argument(self.raw, s, end)
        if kept is None:
            self.b.drop(s, end)
        else:
            self.b.drop(s, kept[0])
            self.b.keep(*kept)
            self.b.drop(kept[1], end)
        self.pos = self.at = end

    def _simple_link(self, m: regex.Match[str], kind: str) -> None:
        s, e = m.start(), m.end()
        if _dropped_link().match(m.group("lt")):
            self.b.drop(s, e)
        else:
            self.b.drop(s, s + 2)
            self.b.keep(s + 2, e - 2)
            self.b.drop(e - 2, e)

    def _link(self, m: regex.Match[str], kind: str) -> None:
        s, e = m.start(), m.end()
        end = self.closes.get(s)
        target = m.group("lpt") if kind == "lpipe" else ""
        if end is not None and self.raw.find("\n\n", s, end) >= 0:
            end = None  # a link never spans paragraphs: this one is not closed
        if end is None:
            self.b.drop(s, s + 2)  # never closed: drop the brackets only
            self.pos = self.at = s + 2
        elif kind == "lopen" or _dropped_link().match(target):
            # A file or category link, caption included, or a link whose
            # target holds another link: not prose.
            self.b.drop(s, end)
            self.pos = self.at = end
        else:
            self.b.drop(s, e)
            self.link_label += 1

    def _link_close(self, m: regex.Match[str], kind: str) -> None:
        self.b.drop(m.start(), m.end())
        self.link_label -= 1

    def _external(self, m: regex.Match[str], kind: str) -> None:
        self.b.drop(m.start(), m.end())
        self.ext_open = True

    def _external_close(self, m: regex.Match[str], kind: str) -> None:
        if self.ext_open:
            self.b.drop(m.start(), m.end())
            self.ext_open = False
        else:
            self.b.keep(m.start(), m.end())

    def _heading(self, m: regex.Match[str], kind: str) -> None:
        title = "htitle" if kind == "heading" else "dltitle"
        # A ";term" line ranks below every real heading.
        level = len(m.group("hq")) if kind == "heading" else 7
        ts, te = m.span(title)
        self.b.drop(m.start(), ts)
        start = self.b.length
        self.b.keep(ts, te)
        self.headings.append((start, self.b.length, level, m.group(title)))
        self.b.drop(te, m.end())

    def _table_row(self, m: regex.Match[str], kind: str) -> None:
        stripped = m.group().lstrip()
        tables = self.tables
        if stripped.startswith("{|"):
            self.table_depth += 1
            tables.append({"start": self.b.length, "caption": None, "rows": [], "open": True})
        elif stripped.startswith("|}"):
            self.table_depth = max(0, self.table_depth - 1)
            _close_table(tables, self.b.length)
        elif stripped.startswith("|-") and tables and tables[-1]["open"]:
            tables[-1]["rows"].append({"header": False, "cells": []})
        self.b.drop(m.start(), m.end())

    def _caption(self, m: regex.Match[str], kind: str) -> None:
        self.b.drop(m.start(), m.end())
        if self.tables and self.tables[-1]["open"]:
            self.tables[-1]["caption"] = self.b.length

    def _cell(self, m: regex.Match[str], kind: str) -> None:
        self.b.drop(m.start(), m.end())
        if self.tables and self.tables[-1]["open"]:
            rows = self.tables[-1]["rows"]
            if not rows:
                rows.append({"header": False, "cells": []})
            if m.group().lstrip().startswith("!"):
                rows[-1]["header"] = True
            rows[-1]["cells"].append(self.b.length)

    def _cell_separator(self, m: regex.Match[str], kind: str) -> None:
        self.b.replace(m.start(), m.end(), " ; ")
        if self.tables and self.tables[-1]["open"] and self.tables[-1]["rows"]:
            self.tables[-1]["rows"][-1]["cells"].append(self.b.length)

    def _line_break(self, m: regex.Match[str], kind: str) -> None:
        self.b.replace(m.start(), m.end(), " ")

    def _entity(self, m: regex.Match[str], kind: str) -> None:
        text = html.unescape(m.group())
        self.b.replace(m.start(), m.end(), " " if text == "\u00a0" else text)


def _close_table(tables: list[dict], end: int) -> None:
    for t in reversed(tables):
        if t["open"]:
            t["open"] = False
            t["end"] = end
            return


def _table_spans(table: dict, view: str) -> dict:
    """A table as view spans: its caption, and each row's cells."""
    def trim(a: int, b: int) -> tuple[int, int]:
        while a < b and view[a] in " ;\n\t":
            a += 1
        while b > a and view[b - 1] in " ;\n\t":
            b -= 1
        return a, b

    out = {"start": table["start"], "end": table["end"], "caption": None, "rows": []}
    if table["caption"] is not None:
        line_end = view.find("\n", table["caption"])
        out["caption"] = trim(table["caption"], line_end if line_end >= 0 else table["end"])
    rows = [r for r in table["rows"] if r["cells"]]
    for i, row in enumerate(rows):
        row_end = rows[i + 1]["cells"][0] if i + 1 < len(rows) else table["end"]
        bounds = row["cells"] + [row_end]
        cells = [trim(bounds[j], bounds[j + 1]) for j in range(len(row["cells"]))]
        out["rows"].append({"header": row["header"], "cells": cells})
    return out


def _kept_argument(raw: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a template's argument that is prose, for the few templates that carry some.

    ``{{flag|Guyana}}`` and ``{{dts|26 May 1966}}`` name a state and a date in
    tables; ``{{FRA}}`` is a state's flag by its code; ``{{lang|bn|...}}`` wraps
    text. All other templates are dropped whole.
    """
    inner = raw[start + 2:end - 2]
    if "{{" in inner or "[[" in inner or len(inner) > 200:
        return None
    parts = inner.split("|")
    name = parts[0].strip()
    rules = _template_rules()
    key = name.casefold()
    if len(parts) == 1:
        if regex.fullmatch(r"[A-Z]{3}|USSR|SFRY|EU", name):
            return start + 2 + inner.index(name), start + 2 + inner.index(name) + len(name)
        return None
    index = rules.get(key)
    if index is None:
        return None
    positional = [(i, p) for i, p in enumerate(parts[1:], 1) if "=" not in p]
    if len(positional) < index:
        return None
    i, part = positional[index - 1]
    offset = start + 2 + sum(len(p) + 1 for p in parts[:i])
    stripped = part.strip()
    if not stripped:
        return None
    lead = len(part) - len(part.lstrip())
    return offset + lead, offset + lead + len(stripped)


_RULES: dict[str, int] | None = None


def _template_rules() -> dict[str, int]:
    """Template name -> which positional argument to keep, from every language's data."""
    global _RULES
    if _RULES is None:
        rules: dict[str, int] = {}
        for lang in LANGUAGES:
            for name, index in load_json(lang, "templates.json")["keep_argument"].items():
                rules[name.casefold()] = index
        _RULES = rules
    return _RULES
