"""What readers yield: whole documents, or problems with where they are."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import regex

from sampark.errors import Errors
from sampark.lang.detect import detect_language

# NUL and lone surrogates (from JSON escapes such as "\\ud800") cannot be
# stored in PostgreSQL text; each becomes one U+FFFD so offsets stay valid.
_UNSTORABLE = regex.compile(r"[\x00\ud800-\udfff]")
_WIKI_MARKUP = regex.compile(r"\[\[|\{\{|^=={1,4}[^=\n]+={2,5}[ \t]*$|^\{\|", regex.MULTILINE)


@dataclass(slots=True)
class SourceDoc:
    """One document as read from a file, before extraction.

    Attributes:
        id: stable document id (see docs/architecture.md, "Documents and ids").
        title: title if the source has one.
        text: the text exactly as read; evidence offsets point into it.
        lang: ISO 639-1 code from the source or guessed from the script.
        url: source URL if known.
        date: publication or revision date (ISO 8601) if known.
        format: ``"text"`` or ``"wikitext"``.
        source_path: the file it came from.
        hash: sha256 (hex) of ``text`` encoded as UTF-8.
    """

    id: str
    title: str | None
    text: str
    lang: str | None = None
    url: str | None = None
    date: str | None = None
    format: str = "text"
    source_path: str | None = None
    hash: str = field(default="")

    def __post_init__(self) -> None:
        if _UNSTORABLE.search(self.text):
            self.text = _UNSTORABLE.sub("\ufffd", self.text)
            self.hash = ""
        if not self.hash:
            self.hash = text_hash(self.text)


@dataclass(slots=True)
class ReadProblem:
    """Something in an input that could not be read; the rest still is.

    Attributes:
        path: the file.
        message: a coded message (``[E30x] ...``) a user can act on.
        code: the code alone, e.g. ``"E305"``.
        line: 1-based line of the problem, when known.
        offset: byte offset of the problem, when known.
    """

    path: str
    message: str
    code: str
    line: int | None = None
    offset: int | None = None

    def __str__(self) -> str:
        return self.message


def problem(code: str, path: str, *, line: int | None = None, offset: int | None = None,
            **context: object) -> ReadProblem:
    """Build a ReadProblem whose message is the coded template filled in."""
    template = getattr(Errors, code)
    message = f"[{code}] " + template.format(path=path, line=line, offset=offset, **context)
    return ReadProblem(path=path, message=message, code=code, line=line, offset=offset)


def text_hash(text: str) -> str:
    """The content hash the store uses for idempotency."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def guess_lang(text: str) -> str | None:
    """``bn`` or ``en`` from the script, as the extractor will read it (:mod:`sampark.lang.detect`)."""
    return detect_language(text)


def looks_like_wikitext(text: str, sample: int = 50000) -> bool:
    """True when the text carries MediaWiki markup (links, templates, headings)."""
    return len(_WIKI_MARKUP.findall(text[:sample])) >= 2
