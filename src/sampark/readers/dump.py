"""MediaWiki XML dumps (``pages-articles``), streamed one page at a time.

The dump is never held in memory: expat hands over its pieces and only what
a page's document needs is kept (title, namespace, id, redirect, and the
text and timestamp of the latest revision, capped at ``max_bytes``); nothing
outside pages is built. Only articles (namespace 0)
that are not redirects become documents. A dump cut off mid-page (as the
bundled Bengali one is) yields every whole page and then one problem that
says where it stopped and what it skipped.
"""
from __future__ import annotations

import bz2
import lzma
from xml.parsers import expat
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
        base: the id prefix (default: the file name without suffixes).
        max_bytes: the most bytes of text one page may have; a larger page is
            reported (E333) and skipped, the rest of the dump read on.
    """
    stem = base or dump_stem(path)
    limit = max_bytes if max_bytes is not None else 2**62
    try:
        raw = open_dump(path)
    except OSError as exc:
        yield problem("E005", str(path), detail=exc.strerror or str(exc))
        return
    stream = _CountingReader(raw)
    state = _PageState(stem, path, limit)
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = state.start
    parser.EndElementHandler = state.end
    parser.CharacterDataHandler = state.data
    state.line = lambda: parser.CurrentLineNumber
    try:
        while True:
            chunk = stream.read(_CHUNK)
            parser.Parse(chunk, not chunk)
            for item in state.out:
                if isinstance(item, str):
                    if skipped is not None:
                        skipped[item] += 1
                else:
                    yield item
            state.out.clear()
            if state.stop or not chunk:
                return
    except expat.ExpatError as exc:
        for item in state.out:
            if not isinstance(item, str):
                yield item
        reason = expat.ErrorString(exc.code)
        if stream.eof:
            what = f"the unfinished page {state.open_title!r}" if (state.in_page and state.open_title) else (
                "an unfinished page" if state.in_page else "the closing tags")
            yield problem("E303", str(path), line=exc.lineno, offset=stream.count, detail=reason,
                          pages=state.pages, skipped=what)
        else:
            yield problem("E302", str(path), line=exc.lineno, column=exc.offset, detail=reason)
    except (EOFError, OSError, lzma.LZMAError) as exc:
        yield problem("E306", str(path), offset=stream.count,
                      detail=f"{exc}; kept {state.pages} whole pages before it")
    finally:
        raw.close()


_CHUNK = 1 << 16
# A real dump nests six deep (mediawiki > page > revision > contributor > ...).
_MAX_DEPTH = 64


class _PageState:
    """Expat handlers that keep only what a page's document needs.

    Nothing outside ``<page>`` is kept (a huge ``<siteinfo>`` costs nothing),
    only the latest ``<revision>`` of a page is kept (history dumps), and a
    page's text stops being kept past ``limit`` bytes.
    """

    def __init__(self, stem: str, path: Path, limit: int) -> None:
        self.stem, self.path, self.limit = stem, path, limit
        self.out: list[SourceDoc | ReadProblem | str] = []
        self.stack: list[str] = []
        self.pages = 0
        self.stop = False
        self.in_page = False
        self.open_title: str | None = None
        self.line = lambda: 0
        self._reset_page()

    def _reset_page(self) -> None:
        self.fields: dict[str, list[str]] = {}
        self.redirect = False
        self.revisions = 0
        self.text: list[str] | None = None
        self.text_size = 0
        self.too_big = False
        self.stamp: list[str] | None = None
        self.capture: list[str] | None = None
        self.page_line = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = tag.rsplit(":", 1)[-1]
        depth = len(self.stack)
        self.stack.append(name)
        if depth == 0:
            if name != "mediawiki":
                self.out.append(problem("E337", str(self.path), tag=name))
                self.stop = True
            return
        if self.stop:
            return
        if depth >= _MAX_DEPTH:
            self.out.append(problem("E302", str(self.path), line=self.line(), column=0,
                                    detail=f"elements nested deeper than {_MAX_DEPTH}"))
            self.stop = True
            return
        if depth == 1 and name == "page":
            self.in_page, self.open_title = True, None
            self._reset_page()
            self.page_line = self.line()
            return
        if not self.in_page:
            return
        if depth == 2:
            if name in ("title", "ns", "id"):
                self.capture = self.fields.setdefault(name, [])
                self.capture.clear()
            elif name == "redirect":
                self.redirect = True
            elif name == "revision":
                self.revisions += 1
                self.text, self.text_size, self.too_big, self.stamp = None, 0, False, None
        elif depth == 3 and self.stack[2] == "revision":
            if name == "text":
                self.text, self.text_size, self.too_big = [], 0, False
                self.capture = self.text
            elif name == "timestamp":
                self.stamp = []
                self.capture = self.stamp

    def data(self, text: str) -> None:
        if self.capture is None:
            return
        if self.capture is self.text:
            if self.too_big:
                return
            self.text_size += len(text.encode("utf-8", "surrogatepass"))
            if self.text_size > self.limit:
                self.too_big = True
                self.text.clear()
                return
        self.capture.append(text)

    def end(self, tag: str) -> None:
        name = self.stack.pop()
        depth = len(self.stack)
        self.capture = None
        if self.stop or not self.in_page:
            return
        if depth == 2 and name == "title":
            self.open_title = "".join(self.fields.get("title", []))
        elif depth == 1 and name == "page":
            self.in_page = False
            result = self._page()
            if isinstance(result, SourceDoc):
                self.pages += 1
            self.out.append(result)
            self._reset_page()

    def _page(self) -> SourceDoc | ReadProblem | str:
        """A SourceDoc for an article page, a problem, or the reason the page is skipped."""
        field = lambda name: "".join(self.fields[name]) if name in self.fields else None  # noqa: E731
        ns = field("ns")
        if ns is not None and (ns or "0").strip() != "0":
            return "not an article (namespace)"
        if self.redirect:
            return "redirect"
        if not self.revisions:
            return "no revision"
        title = field("title")
        if self.too_big:
            return problem("E333", str(self.path), line=self.page_line, what=f"the text of page {title!r}",
                           limit=self.limit)
        text = "".join(self.text) if self.text is not None else ""
        if text.lstrip().lower().startswith(("#redirect", "#পুনর্নির্দেশ")):
            return "redirect"
        if not text.strip():
            return "empty page"
        stamp = "".join(self.stamp).strip() if self.stamp is not None else ""
        page_id = (field("id") or "").strip()
        title = title.strip() if title is not None else None
        return SourceDoc(id=f"{self.stem}/{page_id or title}", title=title, text=text, lang=guess_lang(text),
                         date=stamp[:10] or None, format="wikitext", source_path=str(self.path))
