"""Inputs an attack used to break ingest (issue 16): each is reported on one
line with its file and place, the rest of the input is kept, nothing hangs.

The readers are checked directly on real files; each case is also run once
through ``sampark ingest`` into a real SQLite file, so that the exit status,
the message and what is stored are the user's.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from relkit import sampark, whole_documents
from sampark.readers import ReadProblem, SourceDoc, iter_documents

EN = "India and Bangladesh signed a trade agreement in 1980."
EN_2 = "Malaysia and Russia established diplomatic relations on 3 April 1967."
NESTED = "[" * 1000 + "]" * 1000


def split(items) -> tuple[list[SourceDoc], list[ReadProblem]]:
    items = list(items)
    return ([i for i in items if isinstance(i, SourceDoc)], [i for i in items if isinstance(i, ReadProblem)])


def stored(db: Path) -> dict[str, tuple]:
    conn = sqlite3.connect(db)
    try:
        return {row[0]: row[1:] for row in conn.execute("SELECT id, title, url, date FROM documents")}
    finally:
        conn.close()


def ingest(*args: str | os.PathLike[str], timeout: float = 300) -> tuple[int, str, dict]:
    done = sampark("ingest", "-q", "--json", *args, timeout=timeout)
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said
    summary = json.loads(done.stdout[done.stdout.index("{"):]) if "{" in done.stdout else {}
    return done.returncode, said, summary


# --- 1. deeply nested JSON ---------------------------------------------------

def test_nested_json_is_one_problem_and_later_input_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_nested.json").write_text(NESTED, encoding="utf-8")
    lines = [json.dumps({"id": "1", "text": EN}), NESTED, '{"id": "2", "text": ' + NESTED + "}",
             json.dumps({"id": "3", "text": EN_2})]
    (folder / "b_lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "c_after.txt").write_text(EN_2, encoding="utf-8")
    docs, problems = split(iter_documents(folder))
    assert [d.id for d in docs] == ["b_lines/1", "b_lines/3", "c_after"]
    assert [(p.code, Path(p.path).name, p.line) for p in problems] == [
        ("E334", "a_nested.json", 1), ("E334", "b_lines.jsonl", 2), ("E334", "b_lines.jsonl", 3)]

    db = tmp_path / "kb.db"
    status, said, summary = ingest(folder, "--db", db)
    assert status == 2, said
    assert set(stored(db)) == {"b_lines/1", "b_lines/3", "c_after"}
    assert re.search(r"\[E334\] \S*b_lines\.jsonl: line 2: JSON nested too deeply", said), said
    whole_documents(db)


# --- 2. field roles per record -------------------------------------------------

def test_jsonl_record_without_text_does_not_change_how_the_next_is_read(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    rows = [{"id": "a", "headline": "no text here", "link": "http://x/a"},
            {"id": "b", "title": "Trade", "text": EN, "url": "http://x/b", "date": "1980-05-01"},
            {"guid": "c", "body": EN_2},
            {"id": "d", "title": "Relations", "text": EN_2, "url": "http://x/d", "date": "1967-04-03"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs, problems = split(iter_documents(path))
    assert [(p.code, p.line) for p in problems] == [("E305", 1)]
    by_id = {d.id: d for d in docs}
    assert set(by_id) == {"news/b", "news/c", "news/d"}
    assert (by_id["news/b"].title, by_id["news/b"].url, by_id["news/b"].date) == ("Trade", "http://x/b", "1980-05-01")
    assert (by_id["news/d"].title, by_id["news/d"].url, by_id["news/d"].date) == ("Relations", "http://x/d",
                                                                                  "1967-04-03")
    assert by_id["news/c"].text == EN_2

    db = tmp_path / "kb.db"
    status, said, _ = ingest(path, "--db", db)
    assert status == 2, said
    assert stored(db)["news/d"] == ("Relations", "http://x/d", "1967-04-03")


# --- 3. ids from paths; metadata files -------------------------------------------

def test_same_named_files_in_subfolders_get_distinct_stable_ids(tmp_path: Path) -> None:
    col = tmp_path / "col"
    (col / "a").mkdir(parents=True)
    (col / "b").mkdir()
    (col / "a" / "report.txt").write_text(EN, encoding="utf-8")
    (col / "b" / "report.txt").write_text(EN_2, encoding="utf-8")
    (col / "top.txt").write_text(EN, encoding="utf-8")
    (col / "b" / "news.jsonl").write_text(json.dumps({"id": "7", "text": EN_2}) + "\n", encoding="utf-8")
    for meta in ("README.md", "SOURCES.md", "LICENSE", "CHANGELOG.txt"):
        (col / meta).write_text("About this corpus: " + EN, encoding="utf-8")
    (col / "a" / "README.txt").write_text("notes", encoding="utf-8")
    skipped: Counter = Counter()
    docs, problems = split(iter_documents(col, skipped=skipped))
    assert problems == []
    assert [d.id for d in docs] == ["top", "a/report", "b/news/7", "b/report"]
    assert sum(n for reason, n in skipped.items() if "metadata" in reason) == 5
    # Named directly, a file keeps its stem, and a README is a document.
    assert [d.id for d in iter_documents(col / "a" / "report.txt")] == ["report"]
    assert [d.id for d in iter_documents(col / "README.md")] == ["README"]

    db = tmp_path / "kb.db"
    status, said, first = ingest(col, "--db", db)
    assert status == 0, said
    assert first["documents"]["new"] == 4 and first["passed_over"]
    status, said, again = ingest(col, "--db", db)
    assert status == 0, said
    assert again["documents"]["unchanged"] == 4 and again["documents"]["new"] == 0
    assert again["documents"]["replaced"] == 0
    assert set(stored(db)) == {"top", "a/report", "b/report", "b/news/7"}


# --- 4. unreadable directory ----------------------------------------------------------

def test_unreadable_directory_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    col = tmp_path / "col"
    (col / "locked").mkdir(parents=True)
    (col / "locked" / "x.txt").write_text(EN, encoding="utf-8")
    (col / "ok.txt").write_text(EN_2, encoding="utf-8")
    real = os.scandir

    def scandir(path):
        if Path(path) == col / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    # The tests may run as root, whom permission bits do not stop.
    monkeypatch.setattr(os, "scandir", scandir)
    docs, problems = split(iter_documents(col))
    assert [d.id for d in docs] == ["ok"]
    [p] = problems
    assert p.code == "E330" and p.path.endswith("locked") and "Permission denied" in p.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any directory")
def test_unreadable_directory_through_the_command(tmp_path: Path) -> None:
    col = tmp_path / "col"
    (col / "locked").mkdir(parents=True)
    (col / "locked" / "x.txt").write_text(EN, encoding="utf-8")
    (col / "ok.txt").write_text(EN_2, encoding="utf-8")
    (col / "locked").chmod(0)
    try:
        status, said, _ = ingest(col, "--db", tmp_path / "kb.db")
    finally:
        (col / "locked").chmod(0o755)
    assert status == 2 and "[E330]" in said, said


# --- 5. only regular files; links out of the root ----------------------------------------

def test_fifo_device_and_links_out_are_reported_not_read(tmp_path: Path) -> None:
    col = tmp_path / "col"
    col.mkdir()
    os.mkfifo(col / "pipe.txt")
    (col / "zero.txt").symlink_to("/dev/zero")
    (col / "passwd.txt").symlink_to("/etc/passwd")
    (col / "good.txt").write_text(EN, encoding="utf-8")
    (col / "inside.txt").symlink_to(col / "good.txt")
    outside = tmp_path / "outside.txt"
    outside.write_text(EN_2, encoding="utf-8")
    (col / "out.txt").symlink_to(outside)
    docs, problems = split(iter_documents(col))
    assert sorted(d.id for d in docs) == ["good", "inside"]
    assert sorted((p.code, Path(p.path).name) for p in problems) == [
        ("E331", "pipe.txt"), ("E332", "out.txt"), ("E332", "passwd.txt"), ("E332", "zero.txt")]
    # With follow_links the links are read if they lead to regular files; devices never are.
    docs, problems = split(iter_documents(col, follow_links=True))
    assert sorted(d.id for d in docs) == ["good", "inside", "out", "passwd"]
    assert sorted((p.code, Path(p.path).name) for p in problems) == [("E331", "pipe.txt"), ("E331", "zero.txt")]
    # A FIFO named directly is refused too, without opening it.
    assert [p.code for p in iter_documents(col / "pipe.txt")] == ["E331"]

    db = tmp_path / "kb.db"
    status, said, _ = ingest(col, "--db", db, timeout=120)
    assert status == 2, said
    assert re.search(r"\[E331\] \S*pipe\.txt: not a regular file \(a FIFO\)", said), said
    assert re.search(r"\[E332\] \S*passwd\.txt: a link to /etc/passwd", said), said
    assert set(stored(db)) == {"good", "inside"}
    status, said, _ = ingest(col, "--db", db, "--follow-links", timeout=120)
    assert status == 2 and "[E332]" not in said and "[E331]" in said, said
    assert set(stored(db)) == {"good", "inside", "out", "passwd"}


# --- 6. unclosed CSV quote ---------------------------------------------------------------

def test_unclosed_csv_quote_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(f'id,title,text\n1,A,"{EN}"\n2,B,"{EN_2}\n3,C,{EN}\n4,D,{EN_2}\n', encoding="utf-8")
    docs, problems = split(iter_documents(path))
    assert [d.id for d in docs] == ["news/1"]
    [p] = problems
    assert p.code == "E340" and p.line == 3, p.message
    db = tmp_path / "kb.db"
    status, said, _ = ingest(path, "--db", db)
    assert status == 2 and re.search(r"\[E340\] \S*news\.csv: line 3: a quote opened", said), said
    assert set(stored(db)) == {"news/1"}


def test_bad_quoting_inside_a_csv_row_loses_only_that_row(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(f'id,title,text\n1,A,"{EN}"\n2,B,"x"y\n3,C,"{EN_2}"\n', encoding="utf-8")
    docs, problems = split(iter_documents(path))
    assert [d.id for d in docs] == ["news/1", "news/3"]
    assert [(p.code, p.line) for p in problems] == [("E339", 3)]


# --- 7. caps: one record, line, field or page over --max-bytes -------------------------------

def test_records_over_the_cap_are_reported_and_the_rest_kept(tmp_path: Path) -> None:
    big = "x " * 3000
    (tmp_path / "a.jsonl").write_text("\n".join([json.dumps({"id": "1", "text": EN}),
                                                 json.dumps({"id": "2", "text": big}),
                                                 json.dumps({"id": "3", "text": EN_2})]) + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(f'id,text\n1,"{EN}"\n2,"{big}"\n3,"{EN_2}"\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text(big, encoding="utf-8")
    docs, problems = split(iter_documents(tmp_path, max_bytes=1000))
    assert [d.id for d in docs] == ["a/1", "a/3", "b/1", "b/3"]
    assert [(p.code, Path(p.path).name, p.line) for p in problems] == [
        ("E333", "a.jsonl", 2), ("E333", "b.csv", 3), ("E333", "c.txt", 1)]
    status, said, _ = ingest(tmp_path / "a.jsonl", "--db", tmp_path / "kb.db", "--max-bytes", "1000")
    assert status == 2 and re.search(r"\[E333\] \S*a\.jsonl: JSON Lines record at line 2 is larger than 1000", said)


def test_compressed_jsonl_is_streamed_with_the_same_ids(tmp_path: Path) -> None:
    import lzma

    lines = "".join(json.dumps({"id": str(i), "text": f"{EN} {i}"}) + "\n" for i in range(200))
    (tmp_path / "news.jsonl.xz").write_bytes(lzma.compress(lines.encode()))
    docs, problems = split(iter_documents(tmp_path / "news.jsonl.xz", max_bytes=200))
    assert problems == [] and [d.id for d in docs] == [f"news/{i}" for i in range(200)]


# --- 11. terminal output ------------------------------------------------------------------

def test_control_characters_in_messages_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text('{"id": "\\u001b[2J\\u001b]0;pwned\\u0007", "text": " "}\n{"title": "x"}\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sampark", "ingest", "-q", "--db", str(tmp_path / "kb.db"),
                           str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    said = done.stdout + done.stderr
    assert "\x1b" not in said and "\x07" not in said and "\\x1b[2J" in said, said


def test_truncated_compressed_jsonl_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    import lzma
    import random

    rng = random.Random(4)
    lines = "".join(json.dumps({"id": str(i), "text": f"{EN} " + "".join(rng.choice("abcdefgh ") for _ in range(2000))})
                    + "\n" for i in range(200))
    data = lzma.compress(lines.encode(), preset=0)
    path = tmp_path / "news.jsonl.xz"
    path.write_bytes(data[: len(data) // 2])
    docs, problems = split(iter_documents(path))
    assert len(docs) > 20 and [d.id for d in docs] == [f"news/{i}" for i in range(len(docs))]
    [p] = problems
    assert p.code == "E306" and p.offset and p.offset > 0, p.message
    assert f"kept {len(docs)} documents before it" in p.message


# --- 7. dumps: nothing outside pages is built, one page is capped, history keeps the latest ----------

def _page(pid: int, title: str, revisions: list[tuple[str, str]]) -> str:
    revs = "".join(f"<revision><id>{pid * 100 + n}</id><timestamp>{stamp}</timestamp>"
                   f"<contributor><id>{n}</id></contributor><text>{text}</text></revision>"
                   for n, (stamp, text) in enumerate(revisions))
    return f"<page><title>{title}</title><ns>0</ns><id>{pid}</id>{revs}</page>\n"


def test_dump_pages_are_capped_and_history_keeps_the_latest_revision(tmp_path: Path) -> None:
    import bz2

    head = '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/">\n<siteinfo>' + "<x/>" * 200_000 + "</siteinfo>\n"
    body = (_page(1, "Old", [("2001-01-01T00:00:00Z", "first draft"), ("2020-05-06T00:00:00Z", EN)])
            + _page(2, "Huge", [("2020-01-01T00:00:00Z", " " * 5000 + EN)])
            + _page(3, "After", [("2021-01-01T00:00:00Z", EN_2)]))
    path = tmp_path / "hist.xml.bz2"
    path.write_bytes(bz2.compress((head + body + "</mediawiki>\n").encode()))
    docs, problems = split(iter_documents(path, max_bytes=2000))
    assert [(d.id, d.title, d.text, d.date) for d in docs] == [
        ("hist/1", "Old", EN, "2020-05-06"), ("hist/3", "After", EN_2, "2021-01-01")]
    [p] = problems
    assert p.code == "E333" and "'Huge'" in p.message and p.line == 4, p.message


def test_dump_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.xml"
    path.write_text("<mediawiki>" + _page(1, "A", [("2020-01-01T00:00:00Z", EN)]) + "<a>" * 10_000
                    + "</a>" * 10_000 + "</mediawiki>", encoding="utf-8")
    docs, problems = split(iter_documents(path))
    assert [d.id for d in docs] == ["deep/1"]
    assert [p.code for p in problems] == ["E302"] and "nested deeper" in problems[0].message


def test_csv_field_over_the_cap_across_many_lines_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "field.csv"
    big = "y" * 79 + "\n"
    path.write_text(f'id,text\n1,"{EN}"\n2,"{big * 100}"\n3,"{EN_2}"\n4,"a ""quoted"" {EN}"\n', encoding="utf-8")
    docs, problems = split(iter_documents(path, max_bytes=1000))
    assert [d.id for d in docs] == ["field/1", "field/3", "field/4"]
    assert docs[2].text == f'a "quoted" {EN}'
    assert [(p.code, p.line) for p in problems] == [("E333", 3)]
    short = tmp_path / "short.csv"
    short.write_text(f'id,title,text\n1,"{big * 30}",x\n2,only\n3,T,"{EN}"\n', encoding="utf-8")
    docs, problems = split(iter_documents(short, max_bytes=1000))
    assert [d.id for d in docs] == ["short/3"]
    assert [(p.code, p.line) for p in problems] == [("E333", 2), ("E338", 33)]
