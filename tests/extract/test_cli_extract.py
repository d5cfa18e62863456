"""``sampark extract`` and ``sampark demo`` from the command line."""
import json
import subprocess
import sys


BN = "১৯৭২ সালের ৪ঠা ফেব্রুয়ারি ভারত ও বাংলাদেশের মধ্যে কূটনৈতিক সম্পর্ক স্থাপিত হয়।\n"
EN = "India and Bangladesh established diplomatic relations on 6 December 1971.\n"


def run(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "sampark", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=120)


def test_cli_extract_prints_contract_facts_with_file_stem_as_doc(tmp_path):
    path = tmp_path / "india-bangladesh.txt"
    path.write_text(BN, encoding="utf-8")
    out = run("extract", str(path))
    assert out.returncode == 0, out.stderr
    facts = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert facts and all(f["evidence"][0]["doc"] == "india-bangladesh" for f in facts)
    f = facts[0]
    assert {"id", "type", "actors", "date", "attrs", "cameo", "lang", "confidence", "evidence"} <= set(f)
    ev = f["evidence"][0]
    assert BN[ev["start"]:ev["end"]] == ev["text"]


def test_cli_extract_reads_stdin_and_table_format():
    out = run("extract", "-", "--format", "table", stdin=EN.encode())
    assert out.returncode == 0, out.stderr
    assert "relations_established" in out.stdout.decode()


def test_cli_extract_wikitext_offsets_point_into_the_markup(tmp_path):
    raw = "'''[[India]]''' and [[Bangladesh]] established diplomatic relations on 6 December 1971.<ref>{{cite}}</ref>"
    path = tmp_path / "page.wiki"
    path.write_text(raw, encoding="utf-8")
    out = run("extract", str(path))
    facts = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert facts
    for f in facts:
        for ev in f["evidence"]:
            assert raw[ev["start"]:ev["end"]] == ev["text"]


def test_cli_extract_empty_file_no_facts_exit_0(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    out = run("extract", str(path))
    assert out.returncode == 0 and out.stdout == b""


def test_cli_extract_invalid_utf8_names_file_and_byte(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(EN.encode()[:10] + b"\xff\xfe" + EN.encode()[10:])
    out = run("extract", str(path))
    assert out.returncode == 2
    err = out.stderr.decode()
    assert "bad.txt" in err and "10" in err
    replaced = run("extract", str(path), "--errors", "replace")
    assert replaced.returncode == 0


def test_cli_extract_binary_file_refused(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00")
    out = run("extract", str(path))
    assert out.returncode == 2 and "binary" in out.stderr.decode()


def test_cli_extract_other_language_warns_not_crashes(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text("Ceci est un texte en français sur rien de particulier.", encoding="utf-8")
    out = run("extract", str(path))
    assert out.returncode == 0


def test_cli_extract_missing_file_is_an_error(tmp_path):
    out = run("extract", str(tmp_path / "nope.txt"))
    assert out.returncode == 2 and "nope.txt" in out.stderr.decode()


def test_cli_demo_prints_timelines(tmp_path):
    out = run("demo", "--db", str(tmp_path / "demo.db"), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert "relations_established" in text and "sampark serve" in text


def test_cli_extract_text_in_another_language_prints_a_warning(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text("Ceci est un texte en français sur les relations entre deux pays voisins.", encoding="utf-8")
    out = run("extract", str(path))
    assert out.returncode == 0 and "W001" in out.stderr.decode()


def test_cli_extract_reads_compressed_json_lines_with_record_ids(tmp_path):
    import json
    import lzma

    records = [{"id": "r1", "text": "Malaysia and the Soviet Union established diplomatic relations in April 1967."},
               {"id": "r2", "text": "India and Bhutan signed a trade agreement in 2017."}]
    path = tmp_path / "wire.jsonl.xz"
    with lzma.open(path, "wt", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(r) + "\n" for r in records))
    out = run("extract", str(path))
    assert out.returncode == 0, out.stderr
    docs = {ev["doc"] for line in out.stdout.splitlines() for ev in json.loads(line)["evidence"]}
    assert docs == {"wire/r1", "wire/r2"}
