"""The shared real corpora through the real extractor and the installed command.

``sampark ingest ../shared/seed ../shared/corpora`` twice: the second run
adds nothing; the truncated Bengali dump keeps its whole pages and says
what it skipped; the seed's timeline comes out in date order.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sampark.store import Store
from sampark.store.merge import date_span

SEED_DOC = "000_bb0a45d58a4dc28d"


def sampark(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("sampark")
    command = [exe] if exe else [sys.executable, "-c", "from sampark.cli import main; main()"]
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=3000)


def _summary(result: subprocess.CompletedProcess) -> dict:
    return json.loads(result.stdout[result.stdout.index("{"):])


def test_store_corpora_ingest_twice_adds_nothing(db_url: str, shared: Path) -> None:
    first = sampark("ingest", "-q", "--json", "--db", db_url, str(shared / "seed"), str(shared / "corpora"))
    summary = _summary(first)
    assert first.returncode == 2, first.stderr  # the dump is truncated on purpose
    [problem] = summary["problems"]
    assert problem["code"] == "E303" and problem["line"] == 100001
    assert "kept 380 whole pages" in problem["message"]
    docs = summary["documents"]
    assert docs["read"] >= 1 + 380 + 47 + 1 and docs["skipped"] == 0, summary["skipped"]
    assert docs["new"] == docs["read"]
    assert summary["passed_over"]["redirect"] > 0
    assert summary["facts"]["new"] > 0

    second = sampark("ingest", "-q", "--json", "--db", db_url, str(shared / "seed"), str(shared / "corpora"))
    again = _summary(second)
    assert again["documents"]["unchanged"] == docs["read"] and again["documents"]["new"] == 0
    assert again["facts"] == {"new": 0, "merged": 0, "rejected": {}} and again["conflicts"] == 0

    with Store.open(db_url) as store:
        stored = {d["id"] for d in store.documents()}
        assert SEED_DOC in stored and "Foreign_relations_of_India" in stored
        assert sum(1 for d in stored if d.startswith("bnwiki-truncated-100k/")) == 380
        timeline = store.timeline("MYS", "RUS")
        assert any(e["doc"] == SEED_DOC for f in timeline for e in f["evidence"])
        for f in timeline:
            for e in f["evidence"]:
                assert store.document(e["doc"])["text"][e["start"]:e["end"]] == e["text"]
        starts = [date_span(f["date"])[0] for f in timeline if f["date"] and date_span(f["date"])]
        assert starts == sorted(starts)

    table = sampark("timeline", "MYS", "RUS", "--db", db_url)
    assert table.returncode == 0 and SEED_DOC in table.stdout


@pytest.mark.parametrize("name", ["মালয়েশিয়া", "Malaysia"])
def test_store_seed_timeline_by_name(tmp_path: Path, shared: Path, name: str) -> None:
    db = str(tmp_path / "seed.db")
    assert sampark("ingest", "-q", "--db", db, str(shared / "seed")).returncode == 0
    result = sampark("timeline", name, "রাশিয়া", "--db", db, "--format", "jsonl")
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert facts and all({"MYS"} <= {*f["actors"]} for f in facts)


def test_store_two_ingest_commands_at_once(db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pairs = [("Malaysia", "Russia"), ("India", "Pakistan"), ("Bangladesh", "India"), ("Japan", "China")]
    for i in range(16):
        a, b = pairs[i % 4]
        year = 1970 + i
        (corpus / f"doc{i:02d}.txt").write_text(
            f"{a} and {b} established diplomatic relations in {1960 + i % 4}. In {year}, {a} and {b} signed "
            f"a trade agreement. The prime minister of {a} visited {b} in March {year}.", encoding="utf-8")
    exe = shutil.which("sampark")
    command = [exe] if exe else [sys.executable, "-c", "from sampark.cli import main; main()"]
    runs = [subprocess.Popen([*command, "ingest", "-q", "--db", db_url, str(corpus)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    reference = str(tmp_path / "reference.db")
    assert sampark("ingest", "-q", "--db", reference, str(corpus)).returncode == 0
    with Store.open(db_url) as together, Store.open(reference) as alone:
        assert together.counts() == alone.counts() and together.counts()["facts"] > 0
        assert together.facts() == alone.facts()
        assert together.conflicts() == alone.conflicts()
