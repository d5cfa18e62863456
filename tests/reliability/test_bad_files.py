"""Bad files through the command line: each gets a clear message naming the
file and where in it the problem is, the readable parts are kept, and nothing
already in the database is lost.

Every case runs ``sampark ingest`` into a database that already holds two
documents, and ``sampark extract`` on the same file, as child processes.
"""
from __future__ import annotations

import bz2
import json
import lzma
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from relkit import sampark, snapshot, whole_documents

EN_FACT = "India and Bangladesh signed a trade agreement in 1980."
EN_FACT_2 = "Malaysia and Russia established diplomatic relations on 3 April 1967."
BN_FACT = "১৯৭২ সালে ভারত ও বাংলাদেশের মধ্যে একটি বাণিজ্য চুক্তি স্বাক্ষরিত হয়।"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding two good documents (one per language), built once."""
    folder = tmp_path_factory.mktemp("seed")
    (folder / "good_en.txt").write_text(f"{EN_FACT}\n\n{EN_FACT_2}\n", encoding="utf-8")
    (folder / "good_bn.txt").write_text(BN_FACT + "\n", encoding="utf-8")
    db = folder / "kb.db"
    done = sampark("ingest", folder / "good_en.txt", folder / "good_bn.txt", "--db", db, "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    return db


@pytest.fixture
def db(seeded: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded database."""
    import sqlite3

    target = tmp_path / "kb.db"
    src, dst = sqlite3.connect(seeded), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def _dump(pages: list[tuple[int, str, str]]) -> bytes:
    body = "".join(
        f"  <page>\n    <title>{title}</title>\n    <ns>0</ns>\n    <id>{pid}</id>\n    <revision>\n"
        f"      <timestamp>2020-01-01T00:00:00Z</timestamp>\n      <text>{text}</text>\n    </revision>\n  </page>\n"
        for pid, title, text in pages
    )
    return ('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" xml:lang="en">\n' + body
            + "</mediawiki>\n").encode("utf-8")


def _big_dump() -> bytes:
    """About 500 KB of dump whose pages compress badly, so that half a compressed
    file still decompresses to many whole pages."""
    rng = random.Random(6)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(4000)]
    pages = []
    for pid in range(1, 41):
        filler = " ".join(rng.choice(words) for _ in range(2000))
        pages.append((pid, f"Page {pid}", f"{EN_FACT}\n\n{filler}."))
    return _dump(pages)


def truncated(compress: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        data = compress(_big_dump())
        path.write_bytes(data[: len(data) // 2])
    return write


def not_well_formed(path: Path) -> None:
    good = _dump([(1, "A", EN_FACT), (2, "B", EN_FACT_2), (3, "C", EN_FACT)])
    # The second page's title is closed by the wrong tag.
    path.write_bytes(good.replace(b"<title>B</title>", b"<title>B</titl>"))


def write_text(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(text.encode(encoding))


def write_bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


JSONL = "\n".join([
    json.dumps({"id": "a", "text": EN_FACT}),
    '{"id": "b", "text": broken',
    "",
    json.dumps({"id": "c", "text": EN_FACT_2}),
    "[1, 2]",
    '{"id": "d", "text": "cut off',
    json.dumps({"id": "e", "text": BN_FACT}, ensure_ascii=False),
    json.dumps({"id": "f", "title": "no text field"}),
]) + "\n"

# fmt: off
# name, file name, writer, ingest exit status, message patterns (each must appear),
# document ids kept (new in the database), extract exit status
CASES = [
    ("truncated_bz2", "cut.xml.bz2", truncated(lambda d: bz2.compress(d, compresslevel=1)), 2,
     [r"\[E306\] \S*cut\.xml\.bz2: compressed data is corrupt or truncated after \d+ decompressed bytes",
      r"kept [1-9]\d* whole pages"], "many", 2),
    ("truncated_xz", "cut.xml.xz", truncated(lambda d: lzma.compress(d, preset=0)), 2,
     [r"\[E306\] \S*cut\.xml\.xz: compressed data is corrupt or truncated after \d+ decompressed bytes",
      r"kept [1-9]\d* whole pages"], "many", 2),
    ("xml_not_well_formed", "broken.xml", not_well_formed, 2,
     [r"\[E302\] \S*broken\.xml: not well-formed XML at line \d+, column \d+"], ["broken/1"], 2),
    ("csv_without_text_column", "nocol.csv", write_text("id,headline\n1,India and Bangladesh\n"), 2,
     [r"\[E304\] \S*nocol\.csv: CSV has no text column .*found id, headline"], [], 2),
    ("csv_short_row", "short.csv", write_text(f'id,title,text\n1,T1,"{EN_FACT}"\n2,only a title\n3,T3,"{EN_FACT_2}"\n'), 2,
     [r"\S*short\.csv: line 3: row 2 has 2 of the 3 columns"], ["short/1", "short/3"], 2),
    ("jsonl_broken_lines", "mixed.jsonl", write_text(JSONL), 2,
     [r"\S*mixed\.jsonl: line 2: not a JSON record", r"\S*mixed\.jsonl: line 5: not a JSON record",
      r"\S*mixed\.jsonl: line 6: not a JSON record", r"\S*mixed\.jsonl: line 8: not a JSON record: no text field"],
     ["mixed/a", "mixed/c", "mixed/e"], 2),
    ("empty_file", "empty.txt", write_text(""), 2, [r"\[E308\] \S*empty\.txt: empty file"], [], 0),
    ("latin1", "latin.txt", write_text(f"Café: {EN_FACT} Élysée.", "latin-1"), 2,
     [r"\[E008\] \S*latin\.txt: not UTF-8 at byte 3: looks like an 8-bit encoding"], [], 2),
    ("utf16_without_bom", "u16.txt", write_text(EN_FACT, "utf-16-le"), 2,
     [r"\[E008\] \S*u16\.txt: .*UTF-16 without a byte-order mark"], [], 2),
    ("invalid_utf8", "bad8.txt", write_bytes(f"{EN_FACT} ".encode() + b"\xff\xfe" + BN_FACT.encode()), 2,
     [rf"\[E001\] \S*bad8\.txt: not valid UTF-8 at byte {len(EN_FACT) + 1}"], [], 2),
    ("binary", "blob.txt", write_bytes(bytes(range(256)) * 40), 2,
     [r"\[E002\] \S*blob\.txt: looks like a binary file \(NUL byte at byte 0\); refused"], [], 2),
    ("unknown_extension", "notes.xyz", write_text(EN_FACT), 2, [r"\[E004\] \S*notes\.xyz: unknown file type '\.xyz'"],
     [], 2),
]
# fmt: on


def _doc_ids(db: Path) -> set[str]:
    return {row[0] for row in snapshot(db)["documents"]}


def _kept(before: dict, after: dict) -> None:
    """Every document and evidence span of ``before`` is still in ``after``, unchanged.

    Evidence may point to a new merged fact id once a new document brings the
    same fact (column 3 of evidence); whole_documents checks that fact exists.
    """
    missing = set(before["documents"]) - set(after["documents"])
    assert not missing, f"documents lost or changed: {sorted(missing, key=repr)[:3]}"
    spans = lambda rows: {row[:3] + row[4:] for row in rows}  # noqa: E731
    missing = spans(before["evidence"]) - spans(after["evidence"])
    assert not missing, f"evidence lost or changed: {sorted(missing, key=repr)[:3]}"


@pytest.mark.parametrize("name, filename, write, ingest_status, patterns, kept, extract_status", CASES,
                         ids=[c[0] for c in CASES])
def test_bad_files_reported_and_nothing_lost(db: Path, tmp_path: Path, name: str, filename: str,
                                             write: Callable[[Path], None], ingest_status: int,
                                             patterns: list[str], kept: list[str] | str, extract_status: int) -> None:
    path = tmp_path / filename
    write(path)
    before = snapshot(db)

    ingest = sampark("ingest", path, "--db", db, "-q")
    said = ingest.stdout + ingest.stderr
    assert ingest.returncode == ingest_status, said
    assert "Traceback" not in said, said
    for pattern in patterns:
        assert re.search(pattern, said), f"{pattern!r} not in:\n{said}"
    after = snapshot(db)
    whole_documents(db)
    new = _doc_ids(db) - {row[0] for row in before["documents"]}
    if kept == "many":
        assert len(new) > 1, f"no whole page kept from {filename}: {said}"
    else:
        assert new == set(kept), said
    if not kept:
        assert after == before, "a refused file changed the database"
    else:
        _kept(before, after)

    extract = sampark("extract", path)
    said = extract.stdout + extract.stderr
    assert extract.returncode == extract_status, said
    assert "Traceback" not in said, said
    for pattern in patterns:
        if "E308" not in pattern:  # extract says nothing about an empty file
            assert re.search(pattern, extract.stderr), f"{pattern!r} not in extract's stderr:\n{extract.stderr}"
    facts = [json.loads(line) for line in extract.stdout.splitlines() if line.strip()]
    if kept:
        assert facts, f"extract found nothing in the readable part of {filename}"
    else:
        assert facts == []


def test_bad_files_errors_replace_reads_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad8.txt"
    path.write_bytes(f"{EN_FACT} ".encode() + b"\xff\xfe " + BN_FACT.encode())
    done = sampark("extract", path, "--errors", "replace")
    assert done.returncode == 0, done.stderr
    facts = [json.loads(line) for line in done.stdout.splitlines()]
    text = path.read_bytes().decode("utf-8", "replace")
    assert {f["type"] for f in facts} == {"agreement_signed"} and len(facts) >= 1
    for fact in facts:
        for ev in fact["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]

    db = tmp_path / "kb.db"
    done = sampark("ingest", path, "--db", db, "-q", "--errors", "replace")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _doc_ids(db) == {"bad8"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_bad_files_utf16_with_bom_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    text = f"{EN_FACT}\n\n{BN_FACT}\n"
    data = text.encode(encoding) if encoding == "utf-16" else "\ufeff".encode(encoding) + text.encode(encoding)
    path.write_bytes(data)
    done = sampark("extract", path)
    assert done.returncode == 0, done.stderr
    facts = [json.loads(line) for line in done.stdout.splitlines()]
    assert facts
    for fact in facts:
        for ev in fact["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]  # offsets into the decoded text


def test_bad_files_directory_keeps_good_files_beside_bad_ones(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a_good.txt").write_text(EN_FACT_2, encoding="utf-8")
    (folder / "b_latin.txt").write_bytes(f"Café {EN_FACT}".encode("latin-1"))
    (folder / "c_notes.xyz").write_text("?", encoding="utf-8")
    (folder / "d_good.wiki").write_text(f"== History ==\n'''{EN_FACT}'''\n", encoding="utf-8")
    before = snapshot(db)
    done = sampark("ingest", folder, "--db", db, "-q")
    said = done.stdout + done.stderr
    assert done.returncode == 2, said
    assert re.search(r"\[E008\] \S*b_latin\.txt", said) and re.search(r"\[E004\] \S*c_notes\.xyz", said), said
    _kept(before, snapshot(db))
    assert _doc_ids(db) - {row[0] for row in before["documents"]} == {"a_good", "d_good"}


@pytest.mark.slow
def test_bad_files_50mb_single_line_finishes(tmp_path: Path) -> None:
    """A 50 MB line (no newline at all) is read and extracted; no timing is asserted,
    the timeout only stops a run that would never end."""
    path = tmp_path / "oneline.txt"
    filler = ("x" * 60 + " ") * (50 * 1024 * 1024 // 61)
    with path.open("w", encoding="utf-8") as out:
        out.write(EN_FACT + " ")
        out.write(filler)
        out.write(" " + BN_FACT)
    assert path.stat().st_size > 50 * 1024 * 1024 and b"\n" not in path.read_bytes()[:1024]
    done = sampark("extract", path, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    facts = [json.loads(line) for line in done.stdout.splitlines()]
    assert any(f["type"] == "agreement_signed" and f["evidence"][0]["start"] == 0 for f in facts), facts
    with path.open(encoding="utf-8") as f:
        text = f.read()
    for fact in facts:
        for ev in fact["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]
