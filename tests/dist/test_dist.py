"""Parallel and distributed extraction store the same facts as a serial run.

Real worker processes (``ProcessPoolExecutor``) and a real
``dask.distributed.LocalCluster`` on 127.0.0.1; no timing assertions.
"""
from __future__ import annotations

import dataclasses
import itertools
import json
import os
import subprocess
from pathlib import Path

import pytest

import distkit
from sampark.dist import Prefetched, extract_in_parallel, local_cluster, unchanged_in
from sampark.readers import ReadProblem, SourceDoc
from sampark.store import Store


def _ingest_prefetched(url: str, items, **options) -> dict:
    order: list[str] = []
    with Prefetched(**options) as prefetched, Store.open(url, extractor=prefetched) as store:
        summary = store.ingest(prefetched.feed(items, skip=unchanged_in(store)),
                               progress=lambda item, status: order.append(distkit.label(item)))
        return distkit.outcome(store, summary, order)


def test_dist_process_pool_equals_serial(sample_items, serial_facts, tmp_path: Path) -> None:
    got = _ingest_prefetched(str(tmp_path / "kb.db"), sample_items, workers=2, batch_size=5)
    assert serial_facts["facts"]  # the samples do hold facts
    assert got == serial_facts


def test_dist_dask_local_cluster_equals_serial(sample_items, serial_facts, tmp_path: Path) -> None:
    from dask.distributed import Client

    with local_cluster(n_workers=2, processes=True) as cluster, Client(cluster) as client:
        got = _ingest_prefetched(str(tmp_path / "kb.db"), sample_items, client=client, batch_size=4)
    assert got == serial_facts


def test_dist_dask_memory_stays_flat_on_a_long_stream() -> None:
    """Batches travel as scattered data, so Dask's message logs do not keep the documents."""
    import psutil
    from dask.distributed import Client

    rss = psutil.Process().memory_info
    with local_cluster(n_workers=2, processes=True) as cluster, Client(cluster) as client:
        results = extract_in_parallel(distkit.big_documents(3000), client=client, extractor=distkit.length_only)
        for _ in itertools.islice(results, 300):
            pass
        before = rss().rss
        n = 300 + sum(1 for _ in results)
    # 2,700 more documents of 60 kB went through; kept, they would add about 400 MB.
    assert n == 3000
    assert rss().rss - before < 100e6


def test_dist_bn_dump_slice_equals_serial(bn_dump_slice, tmp_path: Path) -> None:
    serial = distkit.ingest_serial(str(tmp_path / "serial.db"), bn_dump_slice)
    parallel = _ingest_prefetched(str(tmp_path / "parallel.db"), bn_dump_slice, workers=2, batch_size=4)
    assert serial["summary"]["documents"]["new"] > 20
    assert parallel == serial


def test_dist_extraction_failure_reported_like_serial(sample_items, tmp_path: Path) -> None:
    items = list(sample_items)
    bad = next(i for i in items if isinstance(i, SourceDoc) and i.lang == "bn")
    items[items.index(bad)] = dataclasses.replace(bad, text=bad.text + " " + distkit.FAILING_MARK)
    serial = distkit.ingest_serial(str(tmp_path / "serial.db"), items, extractor=distkit.failing_extractor)
    parallel = _ingest_prefetched(str(tmp_path / "parallel.db"), items, workers=2, batch_size=3,
                                  extractor=distkit.failing_extractor)
    assert [s["reason"] for s in serial["summary"]["skipped"]] == [
        f"[E312] {bad.id}: extraction failed: ValueError: refused {bad.id}", "[W002] empty document"]
    assert parallel == serial


def test_dist_results_in_input_order_and_input_read_lazily(sample_items) -> None:
    consumed = 0

    def counting():
        nonlocal consumed
        for item in sample_items:
            consumed += 1
            yield item

    results = extract_in_parallel(counting(), workers=1, batch_size=2, in_flight=2)
    first_item, first_result = next(results)
    # At most the batches in flight (plus the one being cut) have been read.
    assert consumed <= 3 * 4 * 2
    rest = list(results)
    assert [distkit.label(i) for i, _ in [(first_item, first_result), *rest]] == [
        distkit.label(i) for i in sample_items]
    for item, result in [(first_item, first_result), *rest]:
        if isinstance(item, ReadProblem) or not item.text.strip():
            assert result is None
        else:
            assert isinstance(result, list)


def test_dist_skip_leaves_documents_unextracted(sample_items) -> None:
    docs = [i for i in sample_items if isinstance(i, SourceDoc) and i.text.strip()][:6]
    skipped = {docs[1].id, docs[4].id}
    out = list(extract_in_parallel(docs, workers=1, batch_size=2, skip=lambda d: d.id in skipped))
    assert [d.id for d, _ in out] == [d.id for d in docs]
    assert [d.id for d, r in out if r is None] == [docs[1].id, docs[4].id]


def test_dist_second_parallel_ingest_leaves_everything_unchanged(sample_items, serial_facts, tmp_path: Path) -> None:
    url = str(tmp_path / "kb.db")
    _ingest_prefetched(url, sample_items, workers=2)
    again = _ingest_prefetched(url, sample_items, workers=2)
    assert again["facts"] == serial_facts["facts"]
    assert again["summary"]["documents"]["new"] == 0
    assert again["summary"]["documents"]["unchanged"] == serial_facts["summary"]["documents"]["new"]


def _write_corpus(folder: Path, items) -> None:
    folder.mkdir()
    for item in items:
        if isinstance(item, SourceDoc) and item.text.strip():
            (folder / f"{item.id}.{item.lang}.txt").write_text(item.text, encoding="utf-8")


def _cli(*args: str) -> dict:
    env = dict(os.environ, PYTHONUTF8="1")
    proc = subprocess.run(["sampark", *args], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("engine_args", [["--workers", "2"], ["--engine", "dask", "--workers", "2"]],
                         ids=["processes", "dask"])
def test_dist_cli_engines_store_what_a_serial_run_stores(sample_items, tmp_path: Path, engine_args) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, sample_items[:14])
    summaries = {}
    for name, extra in (("serial", []), ("parallel", engine_args)):
        db = str(tmp_path / f"{name}.db")
        summaries[name] = _cli("ingest", "-q", "--json", "--db", db, *extra, str(corpus))
        with Store.open(db) as store:
            summaries[name]["facts_stored"] = distkit.fact_keys(store)
    assert summaries["serial"]["documents"]["new"] >= 10
    assert summaries["parallel"] == summaries["serial"]
