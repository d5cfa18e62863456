"""Extraction in parallel: worker processes on this machine or a Dask cluster.

Extraction is the slow part of an ingest; storing is quick and must stay in
one process (each document is one short write transaction). So workers only
extract, and the main process stores what they return, in input order:

>>> from sampark.dist import Prefetched                          # doctest: +SKIP
>>> with Prefetched(workers=2) as prefetched:                    # doctest: +SKIP
...     store = Store.open("kb.db", extractor=prefetched)
...     store.ingest(prefetched.feed(iter_documents("dump.xml.xz")))

With a Dask cluster, pass ``client=dask.distributed.Client(...)`` instead of
``workers``; :func:`parallel_extractor` does either for ``sampark ingest``.

:func:`extract_in_parallel` is the engine: it cuts the input into batches,
keeps a bounded number of batches in flight (so a streamed dump never piles
up in memory) and yields ``(item, result)`` in the order the items came.
:class:`Prefetched` wraps it as the store's extractor hook.
"""
from __future__ import annotations

import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from sampark.errors import Errors, SamparkError
from sampark.readers import ReadProblem, SourceDoc

Extractor = Callable[[SourceDoc], list[dict]]
Result = list[dict] | BaseException | None

# The coded message for errors.py (kept here until it moves there).
SCHEDULER_TIMEOUT = "20s"
DEFAULT_BATCH_SIZE = 16
# A batch is closed early at this many characters, so that a few huge pages
# do not make one worker's batch (and Dask's messages) very large.
DEFAULT_BATCH_CHARS = 2_000_000


def default_extractor(doc: SourceDoc) -> list[dict]:
    """What the store runs by default: the pipeline through its one door."""
    from sampark.pipeline import extract_source

    return extract_source(doc)


def warm_up() -> None:
    """Load the pipeline's stages and language data (done once per worker)."""
    import sampark

    sampark.extract("India and Bangladesh signed a treaty in 1972.", lang="en")
    sampark.extract("১৯৭২ সালে ভারত ও বাংলাদেশ চুক্তি করে।", lang="bn")


def die_with_parent(parent: int) -> None:
    """End this worker when the process that started it ends, however it ends.

    A worker of a killed ``ingest --workers N`` (SIGKILL, SIGTERM) would
    otherwise live on, and with it the resource tracker it keeps open. On
    Linux the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``);
    everywhere a daemon thread also checks every second that the parent is
    still the one that started us.
    """
    import signal
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the line above ran

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="sampark-parent-watch", daemon=True).start()


def init_worker(parent: int) -> None:
    """A pool worker's start: tie its life to the parent's, then load the pipeline."""
    die_with_parent(parent)
    warm_up()


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a stand-in with the same type name and message."""
    try:
        return pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any unpicklable exception gets the stand-in
        stand_in = type(type(exc).__name__, (Exception,), {"__module__": __name__})
        return stand_in(str(exc))


def extract_batch(docs: list[SourceDoc], extractor: Extractor | None = None) -> list[list[dict] | BaseException]:
    """Extract each document of a batch (runs in a worker).

    A document whose extraction raises gets its exception in place of its
    facts, so that one bad page does not cost the rest of its batch.
    """
    extract = extractor or default_extractor
    out: list[list[dict] | BaseException] = []
    for doc in docs:
        try:
            out.append(list(extract(doc)))
        except Exception as exc:  # noqa: BLE001 - reported per document by the caller
            out.append(_portable(exc))
    return out


def _batches(items: Iterable[SourceDoc | ReadProblem], size: int, max_chars: int,
             skip: Callable[[SourceDoc], bool] | None) -> Iterator[tuple[list[Any], list[SourceDoc]]]:
    """Cut the input into ``(items, docs to extract)``; problems and skipped documents ride along."""
    items_out: list[Any] = []
    docs: list[SourceDoc] = []
    chars = 0
    for item in items:
        items_out.append(item)
        if isinstance(item, SourceDoc) and item.text.strip() and not (skip and skip(item)):
            docs.append(item)
            chars += len(item.text)
        if len(docs) >= size or chars >= max_chars or len(items_out) >= 4 * size:
            yield items_out, docs
            items_out, docs, chars = [], [], 0
    if items_out:
        yield items_out, docs


class _Engine:
    """Submits batches to a process pool or a Dask client."""

    def __init__(self, workers: int | None, client: Any, extractor: Extractor | None) -> None:
        self.client = client
        self.extractor = extractor
        self.workers = workers or os.cpu_count() or 1
        self.pool: Executor | None = None
        if client is not None:
            self.slots = max(1, sum(client.nthreads().values()))
            client.run(warm_up)
        else:
            self.slots = self.workers
            self.pool = self._new_pool()

    def _new_pool(self) -> Executor:
        import multiprocessing

        # spawn, not fork: the parent may hold a database connection and a
        # progress-bar thread, neither of which survives a fork cleanly.
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=init_worker, initargs=(os.getpid(),))

    def submit(self, docs: list[SourceDoc]) -> Any:
        if not docs:
            return None
        if self.client is not None:
            # The documents go to a worker as data (scatter), not inside the
            # task: Dask keeps its last 1,000 task messages under 1 MB for
            # debugging, which on a dump would hold some 1,000 batches.
            [batch] = self.client.scatter([docs], hash=False)
            extra = () if self.extractor is None else (self.extractor,)
            return self.client.submit(extract_batch, batch, *extra, pure=False)
        args = (extract_batch, docs) if self.extractor is None else (extract_batch, docs, self.extractor)
        assert self.pool is not None
        try:
            return self.pool.submit(*args)
        except BrokenProcessPool:
            self.restart()
            return self.pool.submit(*args)

    def restart(self) -> None:
        """Replace a pool whose worker died (the batches it held are reported as failed)."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def extract_in_parallel(items: Iterable[SourceDoc | ReadProblem], *, workers: int | None = None,
                        client: Any = None, batch_size: int = DEFAULT_BATCH_SIZE,
                        batch_chars: int = DEFAULT_BATCH_CHARS, in_flight: int | None = None,
                        extractor: Extractor | None = None,
                        skip: Callable[[SourceDoc], bool] | None = None) -> Iterator[tuple[Any, Result]]:
    """Extract documents in worker processes or on a Dask cluster, yielding results in input order.

    Args:
        items: documents and reading problems, e.g. from
            :func:`sampark.readers.iter_documents`; read lazily.
        workers: worker processes on this machine (default: the CPU count);
            ignored when ``client`` is given.
        client: a ``dask.distributed.Client``; batches go to its cluster.
        batch_size: documents per batch.
        batch_chars: a batch is sent early once its texts reach this many characters.
        in_flight: batches submitted and not yet yielded (default: twice the
            worker slots); this bounds memory on a streamed input.
        extractor: ``SourceDoc -> facts``, a module-level function the workers
            can import (default: what the store runs, ``sampark.extract``).
        skip: documents for which it returns True are not extracted (e.g.
            already stored unchanged); they are yielded with None.

    Yields:
        ``(item, result)`` for every item, in input order. ``result`` is the
        list of facts, the exception extraction raised, or None for reading
        problems, empty and skipped documents.
    """
    engine = _Engine(workers, client, extractor)
    try:
        yield from _in_order(engine, items, batch_size, batch_chars, in_flight, skip)
    finally:
        engine.close()


def _in_order(engine: _Engine, items: Iterable[SourceDoc | ReadProblem], batch_size: int, batch_chars: int,
              in_flight: int | None, skip: Callable[[SourceDoc], bool] | None) -> Iterator[tuple[Any, Result]]:
    limit = in_flight or 2 * engine.slots
    pending: deque[tuple[list[Any], list[SourceDoc], Any]] = deque()
    batches = _batches(items, batch_size, batch_chars, skip)
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                batch_items, docs = batch
                pending.append((batch_items, docs, engine.submit(docs)))
            if not pending:
                return
            batch_items, docs, future = pending.popleft()
            results = _collect(engine, docs, future)
            del future
            by_doc = {id(doc): result for doc, result in zip(docs, results)}
            for item in batch_items:
                yield item, by_doc.get(id(item))
    finally:
        for _, _, future in pending:
            if future is not None:
                try:
                    future.cancel()
                except Exception:  # noqa: BLE001 - e.g. the Dask client is already closed
                    pass


def _collect(engine: _Engine, docs: list[SourceDoc], future: Any) -> list[Result]:
    """The results of one batch; if the batch itself failed, that failure for each of its documents."""
    if future is None:
        return []
    try:
        return future.result()
    except BrokenProcessPool as exc:
        # A worker died (killed, out of memory): these documents fail, the pool is replaced.
        engine.restart()
        return [exc] * len(docs)
    except Exception as exc:  # noqa: BLE001 - e.g. a Dask worker lost; reported per document
        return [exc] * len(docs)


class Prefetched:
    """A store extractor that hands back facts computed ahead in parallel.

    Use :meth:`feed` to wrap the documents given to ``Store.ingest``: it
    extracts them in batches on the workers and, as each document reaches
    the store, remembers its result; the store then calls this object as
    its extractor and gets those facts (or the worker's exception,
    re-raised so the store reports it like a serial failure). A document
    the feed did not extract is extracted here, in the main process. The
    workers are started on first use and kept until :meth:`close`, so that
    several inputs (files of a directory) share them.

    Args:
        workers, client, batch_size, batch_chars, in_flight, extractor: as
            for :func:`extract_in_parallel`.
    """

    def __init__(self, *, workers: int | None = None, client: Any = None, batch_size: int = DEFAULT_BATCH_SIZE,
                 batch_chars: int = DEFAULT_BATCH_CHARS, in_flight: int | None = None,
                 extractor: Extractor | None = None) -> None:
        self.workers, self.client, self.extractor_fn = workers, client, extractor
        self.batching = (batch_size, batch_chars, in_flight)
        self.extractor = extractor or default_extractor
        self._engine: _Engine | None = None
        self._current: tuple[SourceDoc, Result] | None = None

    def feed(self, items: Iterable[SourceDoc | ReadProblem],
             skip: Callable[[SourceDoc], bool] | None = None) -> Iterator[SourceDoc | ReadProblem]:
        """Yield ``items`` in order, each once its facts are ready."""
        if self._engine is None:
            self._engine = _Engine(self.workers, self.client, self.extractor_fn)
        try:
            for item, result in _in_order(self._engine, items, *self.batching, skip):
                self._current = (item, result) if result is not None else None
                yield item
        finally:
            self._current = None

    def __call__(self, doc: SourceDoc) -> list[dict]:
        current, self._current = self._current, None
        if current is None or current[0] is not doc:
            return self.extractor(doc)
        result = current[1]
        if isinstance(result, BaseException):
            raise result
        return result  # type: ignore[return-value]

    def close(self) -> None:
        """Stop the worker processes (a Dask client is left to its owner)."""
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def __enter__(self) -> Prefetched:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def unchanged_in(store: Any) -> Callable[[SourceDoc], bool]:
    """A ``skip`` predicate: True for documents ``store`` already holds with the same text."""
    return lambda doc: store.writer.stored_hash(doc.id) == doc.hash


@contextmanager
def parallel_extractor(workers: int | None = None, engine: str = "processes", scheduler: str | None = None,
                       batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Prefetched | None]:
    """The extractor for ``sampark ingest``'s ``--workers``, ``--engine`` and ``--scheduler``.

    Args:
        workers: worker processes (``processes``), or the size of the local
            Dask cluster (``dask`` without a scheduler, default 2).
        engine: ``processes`` or ``dask``.
        scheduler: a Dask scheduler address (``tcp://host:port``); implies
            ``dask``. Without it the Dask engine starts a ``LocalCluster`` on
            loopback and closes it at the end.

    Yields:
        A :class:`Prefetched`, or None when extraction stays in this process
        (``processes`` with fewer than two workers).
    """
    if engine == "dask" or scheduler:
        from dask.distributed import Client

        cluster = None if scheduler else local_cluster(n_workers=workers or 2)
        try:
            client = Client(scheduler or cluster, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            if cluster is not None:
                cluster.close()
            raise SamparkError("E316", Errors.E316, address=scheduler or cluster.scheduler_address,
                               detail=str(exc) or type(exc).__name__) from exc
        try:
            with Prefetched(client=client, batch_size=batch_size) as prefetched:
                yield prefetched
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    elif workers and workers > 1:
        with Prefetched(workers=workers, batch_size=batch_size) as prefetched:
            yield prefetched
    else:
        yield None


def local_cluster(n_workers: int = 2, processes: bool = True, threads_per_worker: int = 1) -> Any:
    """A Dask ``LocalCluster`` on loopback (the caller closes it)."""
    from dask.distributed import LocalCluster

    return LocalCluster(n_workers=n_workers, processes=processes, threads_per_worker=threads_per_worker,
                        host="127.0.0.1", dashboard_address=None)
