"""The runner: a document goes through the stages in order.

Each stage is a module with ``run(doc) -> doc`` (see docs/architecture.md).
The runner is the only place that knows the order, and it names the stage
that failed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import regex

from sampark.errors import SamparkError
from sampark.lang.load import LANGUAGES
from sampark.model import Document
from sampark.stages import clean, dates, events, facts, money, people, sentences, states

if TYPE_CHECKING:
    from sampark.readers import SourceDoc

Stage = Callable[[Document], Document]

# The order of the stages: each reads what the ones before it added.
STAGES: tuple[tuple[str, Stage], ...] = (
    ("clean", clean.run),
    ("sentences", sentences.run),
    ("states", states.run),
    ("dates", dates.run),
    ("money", money.run),
    ("people", people.run),
    ("events", events.run),
    ("facts", facts.run),
)
STAGE_NAMES = tuple(name for name, _ in STAGES)


def stages() -> list[tuple[str, Stage]]:
    """The pipeline's stages in order, as ``(name, run)``."""
    return list(STAGES)


def run(doc: Document, names: Iterable[str] | None = None,
        using: Iterable[tuple[str, Stage]] = STAGES) -> Document:
    """Run ``doc`` through the stages (all of them, or those in ``names``).

    Every stage is ``Document -> Document``; one that fails or returns
    anything else stops the run with E007 naming it.

    Args:
        doc: a document from :func:`new_document` or :func:`from_source`.
        names: only the stages of these names (in the pipeline's order).
        using: the ``(name, stage)`` pairs to run (default: :data:`STAGES`).
    """
    wanted = set(names) if names is not None else None
    for name, stage in using:
        if wanted is not None and name not in wanted:
            continue
        try:
            result = stage(doc)
        except SamparkError:
            raise
        except Exception as exc:  # the runner names the stage that failed
            raise SamparkError("E007", stage=name, doc=doc.id, detail=repr(exc)) from exc
        if not isinstance(result, Document):
            raise SamparkError("E007", stage=name, doc=doc.id,
                               detail=f"returned {type(result).__name__}, not a Document")
        doc = result
    return doc


def extract_document(doc: Document) -> Document:
    """Run the whole pipeline on a prepared :class:`Document`."""
    return run(doc)


def new_document(
    text: str,
    lang: str | None = None,
    doc_id: str = "doc",
    fmt: str = "text",
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Document:
    """A :class:`Document` ready for the pipeline (arguments as :func:`extract`)."""
    if lang == "auto":
        lang = None
    if lang is not None and lang not in LANGUAGES:
        raise SamparkError("E006", lang=lang, known=", ".join(LANGUAGES))
    doc = Document(id=doc_id, raw=text, lang=lang, title=title, url=url, format=fmt)
    if date:
        day = str(date)[:10]
        if fmt == "wikitext":
            # A wiki page's date is its last revision, not when its events
            # happened: it must not anchor "last year" in the text.
            doc.meta["revision_date"] = day
        else:
            doc.date = day
    return doc


def extract(
    text: str,
    lang: str | None = None,
    doc_id: str = "doc",
    fmt: str = "text",
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> list[dict[str, Any]]:
    """Extract the bilateral facts of one text.

    Args:
        text: the document as read (offsets in the facts point into it).
        lang: ``bn``, ``en`` or None to detect.
        doc_id: the id that evidence records name.
        fmt: ``text`` or ``wikitext`` (raw MediaWiki markup).
        title: the document's title, if known (helps find its pair).
        date: the document's own date as EDTF, if known (anchors relative dates).
        url: where the document came from.

    Returns:
        Facts in the shape of the contract (the fact contract, docs/extraction.md).
    """
    return extract_document(new_document(text, lang, doc_id, fmt, title, date, url)).facts


_ISO_DAY = regex.compile(r"\d{4}(-\d{2}(-\d{2})?)?(?![\d-])")


def known_language(lang: str | None) -> str | None:
    """``bn-BD`` -> ``bn``; a language sampark does not read -> None (the clean stage detects)."""
    if not lang:
        return None
    code = regex.split(r"[-_]", lang.strip().lower())[0]
    return code if code in LANGUAGES else None


def edtf_day(date: str | None) -> str | None:
    """The EDTF day, month or year at the head of an ISO date or timestamp; None for other formats.

    Sources give dates in any format; the pipeline takes EDTF only and uses
    it to anchor relative dates, so an unreadable date is better left out.
    """
    if not date:
        return None
    m = _ISO_DAY.match(date.strip())
    return m.group(0) if m else None


def from_source(source: SourceDoc) -> Document:
    """The one door in: a :class:`Document` for a document as the readers yield it.

    The CLI, the store, the Dask workers and the web app all come in here,
    so a record reads the same whichever of them reads it: a language tag
    such as ``en-US`` is read as ``en``, one sampark does not read is
    detected, and a date is kept only as far as it is EDTF.
    """
    return new_document(source.text, lang=known_language(source.lang), doc_id=source.id, fmt=source.format,
                        title=source.title, date=edtf_day(source.date), url=source.url)


def extract_source(source: SourceDoc) -> list[dict[str, Any]]:
    """Extract the facts of a document as the readers yield it (through :func:`from_source`)."""
    return run(from_source(source)).facts
