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
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from sampark.errors import Errors, InputError
from sampark.readers.decode import decode_bytes
from sampark.readers.dump import dump_stem, read_dump
from sampark.readers.model import (ReadProblem, SourceDoc, guess_lang, looks_like_wikitext, problem,
                                   text_hash)
from sampark.readers.records import read_csv_stream, read_json, read_jsonl_stream

__all__ = ["SourceDoc", "ReadProblem", "iter_documents", "read_file", "read_path", "kind_of",
           "text_hash", "guess_lang", "looks_like_wikitext", "SUFFIXES", "walk_files", "walk", "doc_base",
           "is_metadata", "DEFAULT_MAX_BYTES"]

SUFFIXES = {
    ".txt": "text", ".md": "text", ".wiki": "wikitext", ".wikitext": "wikitext",
    ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl", ".csv": "csv",
    ".xml": "dump", ".xml.bz2": "dump", ".xml.xz": "dump",
}


COMPRESSED = (".gz", ".bz2", ".xz")
# Record files whose compressed form is read as well: the rest are single
# documents or dumps (dumps handle their own compression).
COMPRESSIBLE = ("jsonl", "csv", "json")

# The most bytes one document, record, line, CSV field or dump page may
# have (``--max-bytes``): memory follows it, not the size of the file.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024

# Found in a directory walk, these describe the corpus and are not documents
# (named directly, they are read).
METADATA_PREFIXES = ("readme", "license", "licence", "changelog")
METADATA_NAMES = ("sources.md",)
PASSED_METADATA = "metadata file (README, LICENSE, CHANGELOG, SOURCES.md)"


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


def is_metadata(path: Path) -> bool:
    """README, LICENSE, CHANGELOG and SOURCES.md files, which a directory walk passes over."""
    name = path.name.lower()
    return name.startswith(METADATA_PREFIXES) or name in METADATA_NAMES


def doc_base(path: Path, root: Path | None = None) -> str:
    """The id of a file's document, or the prefix of its records' ids.

    The file's path relative to the directory ``root`` it was found in,
    without its extension (``a/report`` for ``root/a/report.txt``,
    ``news`` for ``root/news.jsonl.xz``); a file named directly, or at the
    top of ``root``, has its name without extension.
    """
    if kind_of(path) == "dump":
        stem = dump_stem(path)
    else:
        stem = (_uncompressed(path) or path).stem
    if root is None:
        return stem
    try:
        folder = path.parent.relative_to(root)
    except ValueError:
        return stem
    return stem if folder == Path(".") else f"{folder.as_posix()}/{stem}"


def _open_binary(path: Path) -> BinaryIO:
    """The file opened for reading, decompressed where its name says it is compressed."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        import gzip
        return gzip.open(path, "rb")
    if suffix == ".bz2":
        import bz2
        return bz2.open(path, "rb")
    if suffix == ".xz":
        return lzma.open(path, "rb")
    return open(path, "rb")


def _read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The file's bytes (decompressed); at most ``max_bytes`` + 1 of them when given."""
    with _open_binary(path) as fh:
        return fh.read() if max_bytes is None else fh.read(max_bytes + 1)


class _Counting:
    """A binary stream that counts the (decompressed) bytes handed out."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size)
        self.count += len(chunk)
        return chunk


def iter_documents(path: str | os.PathLike[str], *, fields: Mapping[str, str] | None = None,
                   errors: str = "strict", skipped: Counter | None = None, follow_links: bool = False,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceDoc | ReadProblem]:
    """Yield the documents in a file or a directory tree.

    Args:
        path: a file or a directory (walked recursively, sorted by path;
            hidden files and directories are left out, and so are metadata
            files such as README and LICENSE; see :func:`walk`).
        fields: column or key names for record files, by role (``id``,
            ``title``, ``text``, ``lang``, ``url``, ``date``).
        errors: ``"strict"`` refuses files that are not valid UTF-8;
            ``"replace"`` reads them with U+FFFD for the bad bytes.
        skipped: if given, counts what was passed over on purpose (dump
            redirects, non-article pages, metadata files) by reason.
        follow_links: read symbolic links that lead out of ``path``.
        max_bytes: the most bytes of one document, record, line or page.

    Yields:
        ``SourceDoc`` for each document and ``ReadProblem`` for each part
        that could not be read (with its code, line or byte offset).
    """
    for entry in walk(path, follow_links=follow_links, skipped=skipped):
        if isinstance(entry, ReadProblem):
            yield entry
        else:
            file, base = entry
            yield from read_path(file, fields=fields, errors=errors, skipped=skipped, base=base,
                                 max_bytes=max_bytes)


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def walk(path: str | os.PathLike[str], *, follow_links: bool = False,
         skipped: Counter | None = None) -> Iterator[tuple[Path, str] | ReadProblem]:
    """The files to read under ``path``, each with its document id base (:func:`doc_base`).

    Only regular files are read: FIFOs, devices and sockets are reported and
    skipped (reading them would hang or never end), and so is a directory
    that cannot be listed. A symbolic link that leads out of ``path`` is
    reported and skipped unless ``follow_links``; links to directories are
    followed only with ``follow_links`` (each directory once). Hidden entries
    are left out; metadata files (:func:`is_metadata`) are counted in
    ``skipped`` and left out.
    """
    top = Path(path)
    try:
        info = os.stat(top)
    except FileNotFoundError:
        yield problem("E003", str(top))
        return
    except OSError as exc:
        yield problem("E005", str(top), detail=exc.strerror or str(exc))
        return
    if not stat.S_ISDIR(info.st_mode):
        kind = _not_regular(info.st_mode)
        if kind:
            yield problem("E331", str(top), kind=kind)
        else:
            yield top, doc_base(top)
        return
    real_root = os.path.realpath(top)
    seen = {real_root}
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield problem("E330", str(folder), detail=exc.strerror or str(exc))
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            file = Path(entry.path)
            try:
                link = entry.is_symlink()
                target = os.path.realpath(file) if link else None
                if link and not follow_links and not _inside(target, real_root):
                    yield problem("E332", str(file), target=target, root=str(top))
                    continue
                mode = os.stat(file).st_mode
            except OSError as exc:
                yield problem("E005", str(file), detail=exc.strerror or str(exc))
                continue
            if stat.S_ISDIR(mode):
                if link and not follow_links:
                    if skipped is not None:
                        skipped["link to a directory (use --follow-links)"] += 1
                    continue
                real = os.path.realpath(file)
                if real not in seen:
                    seen.add(real)
                    folders.append(file)
                continue
            kind = _not_regular(mode)
            if kind:
                yield problem("E331", str(file), kind=kind)
                continue
            if is_metadata(file):
                if skipped is not None:
                    skipped[PASSED_METADATA] += 1
                continue
            yield file, doc_base(file, top)
        stack.extend(reversed(folders))


def walk_files(root: Path) -> Iterator[Path]:
    """The files :func:`walk` would read under ``root`` (problems left out)."""
    for entry in walk(root):
        if not isinstance(entry, ReadProblem):
            yield entry[0]


def read_path(path: Path, *, fields: Mapping[str, str] | None = None, errors: str = "strict",
              skipped: Counter | None = None, base: str | None = None,
              max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[SourceDoc | ReadProblem]:
    """Yield the documents of one file (see :func:`iter_documents`).

    ``max_bytes`` None reads a single-document file whole, however large
    (``sampark extract`` on one file the user named).

    Any failure is reported as a problem with the file and where in it
    reading stopped; the documents before it are kept.
    """
    base = base or doc_base(path)
    kept = 0
    line = None
    opened: list[_Counting] = []
    try:
        for item in _read_path(path, fields, errors, skipped, base, max_bytes, opened):
            if isinstance(item, SourceDoc):
                kept += 1
            elif item.line is not None:
                line = item.line
            yield item
    except (EOFError, OSError, lzma.LZMAError, zlib.error) as exc:
        # OSError covers gzip/bz2 format errors; EOFError a cut-off stream.
        offset = opened[0].count if opened else 0
        yield problem("E306", str(path), line=line, offset=offset, detail=f"{exc}; kept {kept} documents before it")
    except Exception as exc:  # noqa: BLE001 - RecursionError, MemoryError, bugs: keep the rest of the input
        yield problem("E336", str(path), line=line, detail=f"{type(exc).__name__}: {exc}", kept=kept)


def _read_path(path: Path, fields: Mapping[str, str] | None, errors: str, skipped: Counter | None,
               base: str, max_bytes: int | None, opened: list[_Counting]) -> Iterator[SourceDoc | ReadProblem]:
    kind = kind_of(path)
    cap = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if kind is None:
        # Directory walks meet stray files; they are reported, not fatal.
        yield problem("E004", str(path), suffix=path.suffix or path.name)
        return
    if kind == "dump":
        yield from read_dump(path, skipped=skipped, base=base, max_bytes=cap)
        return
    try:
        raw = _open_binary(path)
    except OSError as exc:
        yield problem("E005", str(path), detail=exc.strerror or str(exc))
        return
    with raw:
        if kind in ("jsonl", "csv"):
            stream = _Counting(raw)
            opened.append(stream)
            reader = read_jsonl_stream if kind == "jsonl" else read_csv_stream
            empty = True
            for item in reader(stream, base, fields, path, errors=errors, max_bytes=cap):
                empty = False
                yield item
            if empty and stream.count == 0:
                yield problem("E308", str(path))
            return
        data = raw.read() if max_bytes is None else raw.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        yield problem("E333", str(path), line=1, what="the file", limit=max_bytes)
        return
    if not data.strip():
        yield problem("E308", str(path))
        return
    text = decode_bytes(data, str(path), errors)
    if isinstance(text, ReadProblem):
        yield text
        return
    if kind in ("text", "wikitext"):
        yield SourceDoc(id=base, title=None, text=text, lang=guess_lang(text), format=kind,
                        source_path=str(path))
    elif kind == "html":
        yield _html_doc(path, text, base)
    elif kind == "json":
        yield from read_json(_uncompressed(path) or path, text, fields, source=path, base=base)


def _html_doc(path: Path, html: str, base: str | None = None) -> SourceDoc | ReadProblem:
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
    return SourceDoc(id=base or path.stem, title=meta.get("title"), text=text,
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
    docs = list(read_path(file, errors=errors, max_bytes=None))
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
