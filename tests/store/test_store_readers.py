"""Readers: every input format, bad input reported with place, good parts kept."""
from __future__ import annotations

import bz2
import io
import json
import lzma
import sys
from collections import Counter
from pathlib import Path

import pytest

from sampark.errors import InputError
from sampark.readers import ReadProblem, SourceDoc, iter_documents, read_file, text_hash

BN = "মালয়েশিয়া ও রাশিয়ার মধ্যে ১৯৬৭ সালে কূটনৈতিক সম্পর্ক স্থাপিত হয়।"
EN = "Malaysia and the Soviet Union established diplomatic relations in April 1967."


def docs_and_problems(path: Path, **kw) -> tuple[list[SourceDoc], list[ReadProblem]]:
    items = list(iter_documents(path, **kw))
    return ([i for i in items if isinstance(i, SourceDoc)], [i for i in items if isinstance(i, ReadProblem)])


def page(page_id: int, title: str, text: str, ns: int = 0, redirect: bool = False,
         stamp: str = "2023-05-01T10:00:00Z") -> str:
    return (f"  <page>\n    <title>{title}</title>\n    <ns>{ns}</ns>\n    <id>{page_id}</id>\n"
            + ('    <redirect title="X" />\n' if redirect else "")
            + f"    <revision>\n      <id>{page_id * 10}</id>\n      <timestamp>{stamp}</timestamp>\n"
            f'      <text xml:space="preserve">{text}</text>\n    </revision>\n  </page>\n')


HEAD = '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">\n  <siteinfo><sitename>t</sitename></siteinfo>\n'
DUMP = (HEAD + page(1, "মালয়েশিয়া–রাশিয়া সম্পর্ক", BN) + page(2, "Talk:X", "talk", ns=1)
        + page(3, "Old name", "#REDIRECT [[X]]", redirect=True) + page(4, "Malaysia–Russia relations", EN,
                                                                       stamp="2021-02-03T04:05:06Z")
        + "</mediawiki>\n")


# fmt: off
@pytest.mark.parametrize("name,content,fmt", [
    ("a.txt", EN, "text"),
    ("a.md", "# Title\n\n" + EN, "text"),
    ("a.wiki", "'''Malaysia''' and [[Russia]]\n== History ==\n" + EN, "wikitext"),
    ("a.wikitext", "{{Infobox}} [[Russia]]", "wikitext"),
])
# fmt: on
def test_readers_plain_files(tmp_path: Path, name: str, content: str, fmt: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    docs, problems = docs_and_problems(path)
    assert problems == []
    assert [(d.id, d.format, d.text) for d in docs] == [("a", fmt, content)]
    assert docs[0].hash == text_hash(content) and len(docs[0].hash) == 64
    assert docs[0].source_path == str(path)


def test_readers_guess_language(tmp_path: Path) -> None:
    (tmp_path / "bn.txt").write_text(BN, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    langs = {d.id: d.lang for d in iter_documents(tmp_path)}
    assert langs == {"bn": "bn", "en": "en"}


def test_readers_directory_is_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a.txt").write_text(BN, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(EN, encoding="utf-8")
    assert [d.source_path for d in iter_documents(tmp_path)] == [
        str(tmp_path / "a.txt"), str(tmp_path / "b" / "a.txt"), str(tmp_path / "b" / "z.txt")]


def test_readers_json_string_is_one_document_detected_as_wikitext(tmp_path: Path) -> None:
    wikitext = "{{Short description|none}}\n'''India''' has relations with [[Russia]].\n==History==\n" + EN
    (tmp_path / "Foreign_relations.json").write_text(json.dumps(wikitext), encoding="utf-8")
    (tmp_path / "plain.json").write_text(json.dumps(EN), encoding="utf-8")
    docs = {d.id: d for d in iter_documents(tmp_path)}
    assert docs["Foreign_relations"].format == "wikitext" and docs["Foreign_relations"].text == wikitext
    assert docs["plain"].format == "text"


def test_readers_json_list_of_records(tmp_path: Path) -> None:
    records = [{"id": "x1", "headline": "H", "body": EN, "url": "http://e/1", "published": "2020-01-02"},
               {"body": BN, "language": "bn"}]
    (tmp_path / "news.json").write_text(json.dumps(records), encoding="utf-8")
    docs = list(iter_documents(tmp_path / "news.json"))
    assert [(d.id, d.title, d.url, d.date, d.lang) for d in docs] == [
        ("news/x1", "H", "http://e/1", "2020-01-02", "en"), ("news/2", None, None, None, "bn")]


def test_readers_jsonl_keeps_good_lines_and_lists_bad_ones(tmp_path: Path) -> None:
    lines = [json.dumps({"text": EN, "title": "one"}), "{not json", json.dumps({"text": BN, "id": 7}),
             "", json.dumps([1, 2]), json.dumps({"title": "no text here"})]
    path = tmp_path / "recs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = docs_and_problems(path)
    assert [d.id for d in docs] == ["recs/1", "recs/7"]
    assert [(p.code, p.line) for p in problems] == [("E305", 2), ("E305", 5), ("E305", 6)]
    assert "recs.jsonl" in problems[0].message and "line 2" in problems[0].message


def test_readers_csv_defaults_find_title_and_content(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text('title,content\n"শিরোনাম এক","' + BN + '"\nsecond,"' + EN + ', with a comma"\n',
                    encoding="utf-8")
    docs, problems = docs_and_problems(path)
    assert problems == []
    assert [(d.id, d.title, d.lang) for d in docs] == [("news/1", "শিরোনাম এক", "bn"), ("news/2", "second", "en")]
    assert docs[1].text == EN + ", with a comma"


def test_readers_csv_fields_option_and_id_column(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("guid,story,when\nA-1," + EN.replace(",", "") + ",1999-01-01\n", encoding="utf-8")
    docs, problems = docs_and_problems(path, fields={"id": "guid", "text": "story", "date": "when"})
    assert problems == [] and [(d.id, d.date) for d in docs] == [("x/A-1", "1999-01-01")]


def test_readers_csv_without_text_column_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,count\na,1\n", encoding="utf-8")
    docs, problems = docs_and_problems(path)
    assert docs == [] and [p.code for p in problems] == ["E304"]
    assert "bad.csv" in problems[0].message and "name, count" in problems[0].message


def test_readers_html_main_text_title_date(tmp_path: Path) -> None:
    html = ("<html><head><title>Malaysia and Russia</title><meta name='date' content='2020-05-04'></head>"
            "<body><nav>Home | About</nav><article><h1>Malaysia and Russia</h1><p>" + EN + " " + EN
            + "</p><p>Trade between the two countries grew in 1985 to two billion dollars.</p></article>"
            "<footer>copyright</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    [doc] = list(iter_documents(tmp_path / "page.html"))
    assert doc.id == "page" and doc.title == "Malaysia and Russia" and doc.date == "2020-05-04"
    assert EN in doc.text and "copyright" not in doc.text and doc.format == "text"


def test_readers_dump_articles_only(tmp_path: Path) -> None:
    path = tmp_path / "tiny-pages.xml"
    path.write_text(DUMP, encoding="utf-8")
    skipped: Counter = Counter()
    docs, problems = docs_and_problems(path, skipped=skipped)
    assert problems == []
    assert [(d.id, d.title, d.date, d.format, d.lang) for d in docs] == [
        ("tiny-pages/1", "মালয়েশিয়া–রাশিয়া সম্পর্ক", "2023-05-01", "wikitext", "bn"),
        ("tiny-pages/4", "Malaysia–Russia relations", "2021-02-03", "wikitext", "en")]
    assert docs[0].text == BN
    assert skipped == Counter({"not an article (namespace)": 1, "redirect": 1})


@pytest.mark.parametrize("suffix,opener", [(".xml.bz2", bz2.open), (".xml.xz", lzma.open)])
def test_readers_compressed_dumps(tmp_path: Path, suffix: str, opener) -> None:
    path = tmp_path / ("d" + suffix)
    with opener(path, "wb") as fh:
        fh.write(DUMP.encode("utf-8"))
    assert [d.id for d in iter_documents(path)] == ["d/1", "d/4"]


def test_readers_truncated_dump_keeps_whole_pages(tmp_path: Path) -> None:
    cut = DUMP[: DUMP.index("<id>4</id>") + 6]  # inside page 4, after its title
    path = tmp_path / "cut.xml.xz"
    with lzma.open(path, "wb") as fh:
        fh.write(cut.encode("utf-8"))
    docs, problems = docs_and_problems(path)
    assert [d.id for d in docs] == ["cut/1"]
    [p] = problems
    assert p.code == "E303" and p.line == cut.count("\n") + 1
    assert "Malaysia–Russia relations" in p.message and "kept 1 whole pages" in p.message


def test_readers_malformed_xml_reports_line(tmp_path: Path) -> None:
    bad = DUMP.replace("<ns>1</ns>", "<ns>1</nsx>")
    path = tmp_path / "bad.xml"
    path.write_text(bad, encoding="utf-8")
    docs, problems = docs_and_problems(path)
    assert [d.id for d in docs] == ["bad/1"]
    assert [p.code for p in problems] == ["E302"]
    assert problems[0].line == bad[: bad.index("</nsx>")].count("\n") + 1


def test_readers_corrupt_bz2_is_reported(tmp_path: Path) -> None:
    data = bz2.compress(DUMP.encode("utf-8"))
    path = tmp_path / "broken.xml.bz2"
    path.write_bytes(data[: len(data) // 2])
    docs, problems = docs_and_problems(path)
    assert [p.code for p in problems] == ["E306"]
    assert "broken.xml.bz2" in problems[0].message


def test_readers_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04")
    docs, problems = docs_and_problems(path)
    assert docs == [] and [p.code for p in problems] == ["E004"]


# fmt: off
@pytest.mark.parametrize("data,code,offset", [
    (("ok " + EN).encode() + b"\xff\xfe bad " + BN.encode(), "E001", len(("ok " + EN).encode())),
    (b"caf\xe9 na\xefve r\xe9sum\xe9", "E008", 3),
    (b"text\x00\x01\x02binary", "E002", 4),
    (b"", "E308", None),
])
# fmt: on
def test_readers_bad_bytes_are_refused_with_offset(tmp_path: Path, data: bytes, code: str, offset) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    docs, problems = docs_and_problems(path)
    assert docs == [] and [(p.code, p.offset) for p in problems] == [(code, offset)]
    assert str(path) in problems[0].message


def test_readers_errors_replace_reads_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(EN.encode() + b"\xff" + BN.encode())
    [doc] = list(iter_documents(path, errors="replace"))
    assert doc.text == EN + "\ufffd" + BN


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_readers_byte_order_marks(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "x.txt"
    data = BN.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    [doc] = list(iter_documents(path))
    assert doc.text == BN


def test_read_file_single_documents_and_errors(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(EN, encoding="utf-8")
    assert read_file(tmp_path / "ok.txt").text == EN
    (tmp_path / "latin.txt").write_bytes("Malmö and Zürich".encode("latin-1"))
    (tmp_path / "bin.wiki").write_bytes(b"\x00\x00\x00")
    (tmp_path / "bad.md").write_bytes("ভারত".encode() + b"\xc3(")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    (tmp_path / "many.csv").write_text("text\na\nb\n", encoding="utf-8")
    # fmt: off
    cases = [("latin.txt", "E008"), ("bin.wiki", "E002"), ("bad.md", "E001"), ("x.pdf", "E004"),
             ("missing.txt", "E003"), ("many.csv", "E301")]
    # fmt: on
    for name, code in cases:
        with pytest.raises(InputError) as info:
            read_file(tmp_path / name)
        assert info.value.code == code and str(info.value).startswith(f"[{code}]"), name
        assert info.value.exit_status == 2


def test_read_file_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(("'''X''' [[Russia]] and [[Malaysia]]. " + EN).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    doc = read_file("-")
    assert doc.id == "stdin" and doc.format == "wikitext" and doc.text.endswith(EN)


# --- the shared real corpora (never copied into the repository) -------------

def test_readers_shared_corpora(shared: Path) -> None:
    skipped: Counter = Counter()
    docs, problems = docs_and_problems(shared / "corpora", skipped=skipped)
    by_source = Counter(Path(d.source_path).name for d in docs)
    assert by_source["bnwiki-truncated-100k.xml.xz"] == 380
    assert by_source["framing_geo_pakistan_cleaned_pakistan.csv"] == 47
    assert by_source["Foreign_relations_of_India.json"] == 1
    india = next(d for d in docs if d.id == "Foreign_relations_of_India")
    assert india.format == "wikitext" and india.lang == "en"
    assert len({d.id for d in docs}) == len(docs)
    [p] = problems
    assert p.code == "E303" and p.line == 100001 and "kept 380 whole pages" in p.message
    assert skipped["redirect"] + skipped["not an article (namespace)"] + 380 == 722
    bn_pages = [d for d in docs if d.source_path.endswith(".xml.xz")]
    assert all(d.format == "wikitext" and d.date and d.id.startswith("bnwiki-truncated-100k/") for d in bn_pages)


def test_readers_dump_is_streamed_not_loaded(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "big.xml.bz2"
    body = (EN + " ") * 150  # about 12 KB a page
    with bz2.open(path, "wt", encoding="utf-8") as fh:
        fh.write(HEAD)
        for i in range(400):
            fh.write(page(i + 1, f"Page {i}", body))
        fh.write("</mediawiki>\n")
    size = 400 * len(body)
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_documents(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 400
    assert peak < size / 5, f"peak {peak} bytes for a {size}-byte dump"


def test_readers_xml_that_is_not_a_dump(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<rss><channel><title>x</title></channel></rss>", encoding="utf-8")
    docs, problems = docs_and_problems(path)
    assert docs == [] and [p.code for p in problems] == ["E337"] and "not a MediaWiki dump" in problems[0].message


# fmt: off
@pytest.mark.parametrize("suffix,opener", [
    (".jsonl.gz", "gzip"), (".jsonl.bz2", "bz2"), (".jsonl.xz", "lzma"),
    (".csv.gz", "gzip"), (".csv.xz", "lzma"),
])
# fmt: on
def test_readers_compressed_records_read_like_plain(tmp_path: Path, suffix: str, opener: str) -> None:
    import gzip
    module = {"gzip": gzip, "bz2": bz2, "lzma": lzma}[opener]
    if suffix.startswith(".jsonl"):
        raw = json.dumps({"id": "a1", "title": "T", "date": "1967-04-03", "text": EN}) + "\n" + "{broken\n"
    else:
        raw = 'id,title,text\na1,T,"' + EN + '"\n'
    plain = tmp_path / ("news" + suffix.rsplit(".", 1)[0])
    plain.write_text(raw, encoding="utf-8")
    packed = tmp_path / "packed" / ("news" + suffix)
    packed.parent.mkdir()
    with module.open(packed, "wb") as fh:
        fh.write(raw.encode("utf-8"))
    want_docs, want_problems = docs_and_problems(plain)
    got_docs, got_problems = docs_and_problems(packed)
    assert [(d.id, d.title, d.text, d.date) for d in got_docs] == [(d.id, d.title, d.text, d.date) for d in want_docs]
    assert got_docs and got_docs[0].id == "news/a1" and got_docs[0].source_path == str(packed)
    assert [(p.code, p.line) for p in got_problems] == [(p.code, p.line) for p in want_problems]
    assert all(p.path == str(packed) for p in got_problems)


def test_readers_corrupt_compressed_file_is_a_problem(tmp_path: Path) -> None:
    bad = tmp_path / "news.jsonl.xz"
    bad.write_bytes(b"not xz at all")
    docs, problems = docs_and_problems(bad)
    assert docs == [] and len(problems) == 1 and problems[0].path == str(bad)
