"""MediaWiki XML dumps (``pages-articles``), streamed one page at a time.

The dump is never held in memory: ``iterparse`` hands over each ``<page>``
when it closes and the tree is cleared after it. Only articles (namespace 0)
that are not redirects become documents. A dump cut off mid-page (as the
bundled Bengali one is) yields every whole page and then one problem that
says where it stopped and what it skipped.
"""
from __future__ import annotations

import bz2
import lzma
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sampark.readers.model import ReadProblem, SourceDoc, guess_lang, problem


class _CountingReader:
    """A read-only stream that counts the (decompressed) bytes handed out and notes EOF."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.count = 0
        self.eof = False

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size)
        if not chunk:
            self.eof = True
        self.count += len(chunk)
        return chunk


def open_dump(path: Path) -> BinaryIO:
    """Open a dump for reading, decompressing ``.bz2`` and ``.xz`` on the fly."""
    name = path.name.lower()
    if name.endswith(".bz2"):
        return bz2.open(path, "rb")
    if name.endswith(".xz"):
        return lzma.open(path, "rb")
    return open(path, "rb")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(elem: ET.Element, name: str) -> ET.Element | None:
    for child in elem:
        if _local(child.tag) == name:
            return child
    return None


def _page_doc(page: ET.Element, stem: str, path: Path) -> SourceDoc | str:
    """A SourceDoc for an article page, or the reason the page is skipped."""
    ns = _child(page, "ns")
    if ns is not None and (ns.text or "0").strip() != "0":
        return "not an article (namespace)"
    if _child(page, "redirect") is not None:
        return "redirect"
    title_el = _child(page, "title")
    id_el = _child(page, "id")
    revisions = [child for child in page if _local(child.tag) == "revision"]
    if not revisions:
        return "no revision"
    revision = revisions[-1]
    text_el = _child(revision, "text")
    text = (text_el.text if text_el is not None else None) or ""
    if text.lstrip().lower().startswith(("#redirect", "#পুনর্নির্দেশ")):
        return "redirect"
    if not text.strip():
        return "empty page"
    stamp_el = _child(revision, "timestamp")
    stamp = (stamp_el.text or "").strip() if stamp_el is not None else ""
    page_id = (id_el.text or "").strip() if id_el is not None else ""
    title = (title_el.text or "").strip() if title_el is not None else None
    return SourceDoc(id=f"{stem}/{page_id or title}", title=title, text=text, lang=guess_lang(text),
                     date=stamp[:10] or None, format="wikitext", source_path=str(path))


def dump_stem(path: Path) -> str:
    """The file name without ``.xml`` and compression suffixes."""
    name = path.name
    for suffix in (".bz2", ".xz", ".xml"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def read_dump(path: Path, skipped: Counter | None = None, base: str | None = None,
              max_bytes: int | None = None) -> Iterator[SourceDoc | ReadProblem]:
    """Yield the articles of a MediaWiki XML dump, then any problem that stopped it.

    Args:
        path: ``.xml``, ``.xml.bz2`` or ``.xml.xz`` file.
        skipped: if given, counts pages skipped by reason (redirect, namespace).
    """
    stem = base or dump_stem(path)
    pages = 0
    open_title: str | None = None
    in_page = False
    try:
        raw = open_dump(path)
    except OSError as exc:
        yield problem("E005", str(path), detail=exc.strerror or str(exc))
        return
    stream = _CountingReader(raw)
    root: ET.Element | None = None
    try:
        for event, elem in ET.iterparse(stream, events=("start", "end")):
            tag = _local(elem.tag)
            if event == "start":
                if root is None:
                    root = elem
                    if tag != "mediawiki":
                        yield problem("E337", str(path), tag=tag)
                        return
                elif tag == "page":
                    in_page, open_title = True, None
                continue
            if tag == "title" and in_page:
                open_title = elem.text
            elif tag == "page":
                in_page = False
                result = _page_doc(elem, stem, path)
                if isinstance(result, SourceDoc):
                    pages += 1
                    yield result
                elif skipped is not None:
                    skipped[result] += 1
                # Drop everything parsed so far so memory stays flat.
                if root is not None:
                    root.clear()
    except ET.ParseError as exc:
        line, column = exc.position
        if stream.eof:
            what = f"the unfinished page {open_title!r}" if (in_page and open_title) else (
                "an unfinished page" if in_page else "the closing tags")
            yield problem("E303", str(path), line=line, offset=stream.count, detail=_reason(exc),
                          pages=pages, skipped=what)
        else:
            yield problem("E302", str(path), line=line, column=column, detail=_reason(exc))
    except (EOFError, OSError, lzma.LZMAError) as exc:
        yield problem("E306", str(path), offset=stream.count,
                      detail=f"{exc}; kept {pages} whole pages before it")
    finally:
        raw.close()


def _reason(exc: ET.ParseError) -> str:
    return str(exc).split(":", 1)[0]
