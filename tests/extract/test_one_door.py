"""One door from a source document to a ``Document``: ``sampark.pipeline.from_source``.

The CLI (``sampark extract``), the store (``sampark ingest``) and the web
app read a record the same way, whatever its metadata looks like.
"""
import json
import subprocess
import sys

import pytest

from sampark.pipeline import edtf_day, extract_source, from_source, known_language
from sampark.readers import SourceDoc
from sampark.store import Store

EN = "India and Bangladesh established diplomatic relations on 6 December 1971."


# fmt: off
@pytest.mark.parametrize("tag, code", [
    ("en-US", "en"), ("bn_BD", "bn"), ("EN", "en"), (" bn ", "bn"), ("fr", None), ("", None), (None, None),
])
# fmt: on
def test_one_door_known_language(tag, code):
    assert known_language(tag) == code


# fmt: off
@pytest.mark.parametrize("date, day", [
    ("2021-03-05T10:00:00Z", "2021-03-05"), ("2021-03", "2021-03"), ("1971", "1971"),
    ("March 5, 2021", None), ("", None), (None, None),
])
# fmt: on
def test_one_door_edtf_day(date, day):
    assert edtf_day(date) == day


def test_one_door_from_source_reads_a_regional_language_tag():
    doc = from_source(SourceDoc(id="d", title=None, text=EN, lang="en-US"))
    assert doc.lang == "en" and doc.id == "d"


def test_one_door_extract_and_ingest_agree_on_a_regional_language_tag(tmp_path):
    record = {"id": "r1", "text": EN, "lang": "en-US", "date": "2021-03-05T10:00:00Z"}
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "sampark", "extract", str(path)], capture_output=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    printed = [json.loads(line) for line in out.stdout.decode().splitlines()]
    direct = extract_source(SourceDoc(id="docs/r1", title=None, text=EN, lang="en-US",
                                      date="2021-03-05T10:00:00Z"))
    assert printed and [f["type"] for f in printed] == [f["type"] for f in direct]
    with Store.open(str(tmp_path / "kb.db"), extractor=extract_source) as store:
        summary = store.ingest([SourceDoc(id="r1", title=None, text=EN, lang="en-US")])
        assert summary.new == 1 and not summary.skipped
        assert {f["type"] for f in store.facts()} == {f["type"] for f in printed}
