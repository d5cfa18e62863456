"""Readers: files and directories in, :class:`SourceDoc` records out.

``iter_documents`` walks files or directories (recursively, in sorted
order) and yields a ``SourceDoc`` per document or a ``ReadProblem`` where
something could not be read; the good parts of a bad file are still yielded.
``read_file`` reads one single-document file (or stdin) and raises
:class:`sampark.errors.InputError` instead.

| suffix | documents |
|---|---|
| ``.txt`` ``.md`` | one, format text |
| ``.wiki`` ``.wikitext`` | one, format wikitext |
| ``.html`` ``.htm`` | one, main text by trafilatura |
| ``.json`` | one string (text or wikitext by its markup), one record or a list of records |
| ``.jsonl`` | one record per line |
| ``.csv`` | one row per document |
| ``.xml`` ``.xml.bz2`` ``.xml.xz`` | MediaWiki dump, one article per page |

JSON Lines, CSV and JSON files may be compressed (``.gz``, ``.bz2``,
``.xz``): ``news.jsonl.xz`` is read as ``news.jsonl`` and its records get the
same ids (``news/<id>``).
"""
from __future__ import annotations

import lzma
import os
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

from sampark.errors import Errors, InputError
from sampark.readers.decode import decode_bytes
from sampark.readers.dump import read_dump
from sampark.readers.model import (ReadProblem, SourceDoc, guess_lang, looks_like_wikitext, problem,
                                   text_hash)
from sampark.readers.records import read_csv, read_json, read_jsonl

__all__ = ["SourceDoc", "ReadProblem", "iter_documents", "read_file", "read_path", "kind_of",
           "text_hash", "guess_lang", "looks_like_wikitext", "SUFFIXES", "walk_files"]

SUFFIXES = {
    ".txt": "text", ".md": "text", ".wiki": "wikitext", ".wikitext": "wikitext",
    ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl", ".csv": "csv",
    ".xml": "dump", ".xml.bz2": "dump", ".xml.xz": "dump",
}


COMPRESSED = (".gz", ".bz2", ".xz")
# Record files whose compressed form is read as well: the rest are single
# documents or dumps (dumps handle their own compression).
COMPRESSIBLE = ("jsonl", "csv", "json")


def kind_of(path: Path) -> str | None:
    """The reader for a file name (``text``, ``wikitext``, ``html``, ...), or None."""
    name = path.name.lower()
    for suffix in (".xml.bz2", ".xml.xz"):
        if name.endswith(suffix):
            return "dump"
    inner = _uncompressed(path)
    if inner is not None:
        kind = SUFFIXES.get(inner.suffix.lower())
        return kind if kind in COMPRESSIBLE else None
    return SUFFIXES.get(path.suffix.lower())


def _uncompressed(path: Path) -> Path | None:
    """``news.jsonl`` for ``news.jsonl.xz``; None for a file that is not compressed."""
    if path.suffix.lower() in COMPRESSED:
        return path.with_suffix("")
    return None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, decompressed where its name says it is compressed."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        import gzip
        with gzip.open(path, "rb") as fh:
            return fh.read()
    if suffix == ".bz2":
        import bz2
        with bz2.open(path, "rb") as fh:
            return fh.read()
    if suffix == ".xz":
        with lzma.open(path, "rb") as fh:
            return fh.read()
    return path.read_bytes()


def iter_documents(path: str | os.PathLike[str], *, fields: Mapping[str, str] | None = None,
                   errors: str = "strict", skipped: Counter | None = None) -> Iterator[SourceDoc | ReadProblem]:
    """Yield the documents in a file or a directory tree.

    Args:
        path: a file or a directory (walked recursively, sorted by path;
            hidden files and directories are left out).
        fields: column or key names for record files, by role (``id``,
            ``title``, ``text``, ``lang``, ``url``, ``date``).
        errors: ``"strict"`` refuses files that are not valid UTF-8;
            ``"replace"`` reads them with U+FFFD for the bad bytes.
        skipped: if given, counts what was passed over on purpose (dump
            redirects, non-article pages) by reason.

    Yields:
        ``SourceDoc`` for each document and ``ReadProblem`` for each part
        that could not be read (with its code, line or byte offset).
    """
    root = Path(path)
    if not root.exists():
        yield problem("E003", str(root))
        return
    if root.is_dir():
        for file in walk_files(root):
            yield from read_path(file, fields=fields, errors=errors, skipped=skipped)
        return
    yield from read_path(root, fields=fields, errors=errors, skipped=skipped)


def walk_files(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def read_path(path: Path, *, fields: Mapping[str, str] | None = None, errors: str = "strict",
              skipped: Counter | None = None) -> Iterator[SourceDoc | ReadProblem]:
    """Yield the documents of one file (see :func:`iter_documents`)."""
    kind = kind_of(path)
    if kind is None:
        # Directory walks meet READMEs and licences; they are reported, not fatal.
        yield problem("E004", str(path), suffix=path.suffix or path.name)
        return
    if kind == "dump":
        yield from read_dump(path, skipped=skipped)
        return
    try:
        data = _read_bytes(path)
    except (OSError, EOFError, ValueError, lzma.LZMAError) as exc:
        # OSError covers gzip/bz2 format errors; EOFError a cut-off stream.
        yield problem("E005", str(path), detail=str(exc))
        return
    if not data.strip():
        yield problem("E308", str(path))
        return
    text = decode_bytes(data, str(path), errors)
    if isinstance(text, ReadProblem):
        yield text
        return
    if kind in ("text", "wikitext"):
        yield SourceDoc(id=path.stem, title=None, text=text, lang=guess_lang(text), format=kind,
                        source_path=str(path))
    elif kind == "html":
        yield _html_doc(path, text)
    named = _uncompressed(path) or path
    if kind == "json":
        yield from read_json(named, text, fields, source=path)
    elif kind == "jsonl":
        yield from read_jsonl(named, text, fields, source=path)
    elif kind == "csv":
        yield from read_csv(named, text, fields, source=path)


def _html_doc(path: Path, html: str) -> SourceDoc | ReadProblem:
    # Imported here: trafilatura pulls in lxml and takes a moment to load.
    import trafilatura

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                         include_tables=True)
    if result is None:
        return problem("E314", str(path))
    meta = result if isinstance(result, dict) else result.as_dict()
    text = meta.get("text") or ""
    if not text.strip():
        return problem("E314", str(path))
    return SourceDoc(id=path.stem, title=meta.get("title"), text=text,
                     lang=meta.get("language") or guess_lang(text), url=meta.get("url"),
                     date=meta.get("date"), format="text", source_path=str(path))


def read_file(path: str | os.PathLike[str], errors: str = "strict") -> SourceDoc:
    """Read one single-document file, or stdin when ``path`` is ``"-"``.

    Args:
        path: a ``.txt``/``.md``/``.wiki``/``.wikitext``/``.html``/``.json``
            (one string) file, or ``"-"``.
        errors: ``"strict"`` or ``"replace"`` (see :func:`iter_documents`).

    Returns:
        The document. Stdin gets the id ``stdin`` and is wikitext when it
        carries wiki markup.

    Raises:
        InputError: E001 invalid UTF-8, E002 binary, E003 missing file,
            E004 unknown file type, E008 not UTF-8, E301 a file of many
            documents, E308 empty file.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        text = decode_bytes(data, "<stdin>", errors)
        if isinstance(text, ReadProblem):
            raise _as_error(text)
        fmt = "wikitext" if looks_like_wikitext(text) else "text"
        return SourceDoc(id="stdin", title=None, text=text, lang=guess_lang(text), format=fmt, source_path="-")
    file = Path(path)
    if not file.exists() or file.is_dir():
        raise InputError("E003", Errors.E003, path=str(file))
    kind = kind_of(file)
    if kind is None:
        raise InputError("E004", Errors.E004, path=str(file), suffix=file.suffix or file.name)
    if kind in ("csv", "jsonl", "dump"):
        raise InputError("E301", Errors.E301, path=str(file), kind=kind)
    docs = list(read_path(file, errors=errors))
    for item in docs:
        if isinstance(item, ReadProblem):
            raise _as_error(item)
    if len(docs) != 1:
        raise InputError("E301", Errors.E301, path=str(file), kind=f"{len(docs)} records")
    return docs[0]


def _as_error(item: ReadProblem) -> InputError:
    error = InputError(item.code, "{detail}", detail=item.message.split("] ", 1)[-1])
    error.context.update(path=item.path, line=item.line, offset=item.offset)
    return error
