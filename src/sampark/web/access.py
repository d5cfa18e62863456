"""How the web app reaches the store: one ``Store`` per worker thread.

FastAPI runs plain (``def``) endpoints in a thread pool. Sharing one
connection between threads would interleave their cursors, so each thread
opens its own ``Store`` on first use, and all are closed at shutdown.
Writes (HTTP ingest) are also serialised by one lock here, so that two
requests do not queue up on the database's own write lock.
"""
from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from typing import Any

from sampark import geo


def successor(code: str) -> str:
    """The state that carries on a former state's relations: SUN -> RUS.

    The store keys pairs by successor codes, so the web app does the same
    (a page for MYS-SUN is the page for MYS-RUS).
    """
    return geo.successor(code)


class StoreAccess:
    """Thread-local stores over one database.

    Args:
        db_url: what ``Store.open`` accepts (an SQLite path or a URL).
    """

    def __init__(self, db_url: str) -> None:
        from sampark.pipeline import extract_source
        from sampark.store import Store  # imported late: importing the web app needs no database

        self.db_url = db_url
        self._open = functools.partial(Store.open, extractor=extract_source)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._stores: list[Any] = []
        self.write_lock = threading.Lock()
        self.get()  # fail at start-up, not on the first request, if the URL is bad

    @property
    def url(self) -> str:
        """The database URL without its password, for messages."""
        return getattr(self.get(), "url", self.db_url)

    def get(self) -> Any:
        """This thread's store, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._open(self.db_url)
            self._local.store = store
            with self._lock:
                self._stores.append(store)
        return store

    def close(self) -> None:
        """Close every store opened by any thread."""
        with self._lock:
            stores, self._stores = self._stores, []
        for store in stores:
            try:
                store.close()
            except Exception:  # closing at shutdown must not hide the real error
                pass
        self._local = threading.local()


class TextCache:
    """Recently shown document texts, shared by the worker threads.

    A pair page quotes the sentence around each evidence span, and reading a
    document from the store also reads all its facts; keeping the texts
    avoids that on every request. Entries expire after ``ttl`` seconds, so
    a document replaced by another process shows its new text soon after;
    until then a span that no longer matches the old text is shown alone
    (``views._add_context`` checks). HTTP ingest clears the cache at once.

    Args:
        size: how many texts to keep.
        ttl: seconds a text stays.
    """

    def __init__(self, size: int = 256, ttl: float = 30.0) -> None:
        self.size = size
        self.ttl = ttl
        self._items: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, doc_id: str) -> str | None:
        with self._lock:
            item = self._items.get(doc_id)
            if item is None:
                return None
            if time.monotonic() - item[0] > self.ttl:
                del self._items[doc_id]
                return None
            self._items.move_to_end(doc_id)
            return item[1]

    def put(self, doc_id: str, text: str) -> None:
        with self._lock:
            self._items[doc_id] = (time.monotonic(), text)
            self._items.move_to_end(doc_id)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
