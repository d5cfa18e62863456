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

import regex

from sampark.textbuilder import TextBuilder

# Namespaces whose links are not prose: files, categories, interwiki and
# interlanguage links. Bengali and English names, matched case-insensitively.
_DROP_LINK_PREFIX = regex.compile(
    r"\s*:?\s*(?:file|image|media|category|চিত্র|ফাইল|মিডিয়া|বিষয়শ্রেণী|বিষয়শ্রেণী|"
    r"[a-z]{2,3}(?:-[a-z]+)?)\s*:",
    regex.I,
)
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
    r"|(?P<tablerow>^[ \t]*(?:\{\||\|\}|\|-|\|\+)[^\n]*$)"
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


def to_view(raw: str, normalise=None) -> tuple[str, object, list[tuple[int, int, int, str]]]:
    """Turn wikitext into a plain view.

    Args:
        raw: the markup.
        normalise: the Unicode normaliser for kept text.

    Returns:
        ``(view, offset_map, headings)`` where headings are
        ``(start, end, level, title)`` spans of the view.
    """
    b = TextBuilder(raw, normalise)
    headings: list[tuple[int, int, int, str]] = []
    closes = _match_brackets(raw)
    pos = 0  # everything before pos is written to the view
    at = 0  # where to look for the next token
    link_label = 0  # open [[target| links whose label is being kept
    ext_open = False
    table_depth = 0
    while True:
        m = _TOKEN.search(raw, at)
        if m is None:
            break
        kind = m.lastgroup
        s, e = m.start(), m.end()
        at = e
        if kind in ("cell", "cellattr", "cellsep") and not table_depth:
            continue
        if kind in ("tclose",) or (kind == "lclose" and not link_label):
            continue  # a closing bracket with nothing open: plain text
        b.keep(pos, s)
        pos = e
        if kind == "topen":
            end = closes.get(s)
            if end is None:
                b.drop(s, e)  # never closed: drop the braces, keep the text
                continue
            b.drop(s, end)
            pos = at = end
        elif kind == "lsimple":
            target = m.group("lt")
            if _DROP_LINK_PREFIX.match(target):
                b.drop(s, e)
            else:
                b.drop(s, s + 2)
                b.keep(s + 2, e - 2)
                b.drop(e - 2, e)
        elif kind in ("lpipe", "lopen"):
            end = closes.get(s)
            target = m.group("lpt") if kind == "lpipe" else ""
            if end is not None and raw.find("\n\n", s, end) >= 0:
                end = None  # a link never spans paragraphs: this one is not closed
            if end is None:
                b.drop(s, s + 2)  # never closed: drop the brackets only
                pos = at = s + 2
            elif kind == "lopen" or _DROP_LINK_PREFIX.match(target):
                # A file or category link, caption included, or a link whose
                # target holds another link: not prose.
                b.drop(s, end)
                pos = at = end
            else:
                b.drop(s, e)
                link_label += 1
        elif kind == "lclose":
            b.drop(s, e)
            link_label -= 1
        elif kind == "ext":
            b.drop(s, e)
            ext_open = True
        elif kind == "extclose":
            if ext_open:
                b.drop(s, e)
                ext_open = False
            else:
                b.keep(s, e)
        elif kind == "heading":
            ts, te = m.span("htitle")
            b.drop(s, ts)
            start = b.length
            b.keep(ts, te)
            headings.append((start, b.length, len(m.group("hq")), m.group("htitle")))
            b.drop(te, e)
        elif kind == "dlhead":
            ts, te = m.span("dltitle")
            b.drop(s, ts)
            start = b.length
            b.keep(ts, te)
            headings.append((start, b.length, 7, m.group("dltitle")))
            b.drop(te, e)
        elif kind == "tablerow":
            stripped = m.group().lstrip()
            if stripped.startswith("{|"):
                table_depth += 1
            elif stripped.startswith("|}"):
                table_depth = max(0, table_depth - 1)
            b.drop(s, e)
        elif kind in ("cell", "cellattr"):
            b.drop(s, e)
        elif kind == "cellsep":
            b.replace(s, e, " ; ")
        elif kind == "br":
            b.replace(s, e, " ")
        elif kind == "entity":
            text = html.unescape(m.group())
            b.replace(s, e, " " if text == "\u00a0" else text)
        else:  # comment, droptag, quotes, tag, magic, list
            b.drop(s, e)
    b.keep(pos, len(raw))
    view, offsets = b.build()
    return view, offsets, headings
