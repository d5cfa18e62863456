"""The clean stage: a plain, normalised view of the document with an offset map.

Wikitext goes through :mod:`sampark.stages.clean.wikitext`. Plain text may still carry
residue of markup (text flattened from a wiki page): bold and italic quotes,
``== heading ==`` in the middle of a line, parentheses left empty by removed
templates. That residue is dropped from the view; headings are kept as
their own segments and reported in ``doc.meta["headings"]``. Unicode is
normalised with :func:`sampark.text.normalize.normalize`, the function the
gazetteers use too.
"""
from __future__ import annotations

import regex

from sampark.errors import Warnings
from sampark.lang.detect import detect_language, reads_as
from sampark.model import Document, OffsetMap
from sampark.stages.clean import wikitext
from sampark.text.normalize import normalize
from sampark.text.textbuilder import TextBuilder

_RESIDUE = regex.compile(
    # A heading written inline, as text flattened from a wiki page has it.
    r"(?P<heading>(?<![=\w])(?P<hq>={2,6})[ \t]*(?P<htitle>[^=\n]{1,120}?)[ \t]*(?P=hq)(?!=))"
    r"|(?P<mdheading>^(?P<mq>\#{1,6})[ \t]+(?P<mtitle>[^\n]{1,200}?)[ \t]*\#*[ \t]*$)"
    r"|(?P<quotes>'{2,5})"
    r"|(?P<emptyparen>\([\s;,:.]*\))",
    regex.M,
)

def clean_plain(raw: str) -> tuple[str, OffsetMap, list[tuple[int, int, int, str]]]:
    """A view of plain text without markup residue.

    Returns:
        ``(view, offset_map, headings)`` as :func:`sampark.stages.clean.wikitext.to_view`.
    """
    b = TextBuilder(raw, normalize)
    headings: list[tuple[int, int, int, str]] = []
    pos = 0
    for m in _RESIDUE.finditer(raw):
        s, e = m.span()
        b.keep(pos, s)
        pos = e
        kind = m.lastgroup
        if kind in ("heading", "mdheading"):
            marks, title = ("hq", "htitle") if kind == "heading" else ("mq", "mtitle")
            ts, te = m.span(title)
            # The heading stands apart from the sentences around it.
            b.replace(s, ts, "\n")
            start = b.length
            b.keep(ts, te)
            headings.append((start, b.length, len(m.group(marks)), m.group(title)))
            b.replace(te, e, "\n")
        else:
            b.drop(s, e)
    b.keep(pos, len(raw))
    view, offsets = b.build()
    return view, offsets, headings


def run(doc: Document) -> Document:
    """Clean ``doc.raw`` into ``doc.text``; detect the language if not given."""
    tables: list[dict] = []
    if doc.format == "wikitext":
        doc.text, doc.offsets, headings, tables = wikitext.to_view(doc.raw, normalize)
    else:
        doc.text, doc.offsets, headings = clean_plain(doc.raw)
    doc.meta["headings"] = headings
    doc.meta["tables"] = tables
    if not doc.text.strip():
        return doc
    if doc.lang is None:
        doc.lang = detect_language(doc.text)
    if doc.lang is None or not reads_as(doc.lang, doc.text):
        doc.warnings.append("W001 " + Warnings.W001.format(doc=doc.id))
        doc.lang = doc.lang or "en"
    return doc
