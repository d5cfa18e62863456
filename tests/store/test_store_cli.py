"""The knowledge-base commands through click: ingest, listings in every format, export."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from storekit import BN, EN, NEWS, HandExtractor, seed_facts

from sampark.store import Store

COMMANDS = ["ingest", "timeline", "facts", "pairs", "conflicts", "docs", "export"]


@pytest.fixture
def cli():
    from sampark.cli import main

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def filled(db_url: str) -> str:
    """A database holding the hand-written seed facts (no extractor involved)."""
    hand = HandExtractor()
    seed_facts(hand)
    with Store.open(db_url, extractor=hand) as store:
        store.ingest([BN, EN, NEWS])
    return db_url


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help(cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert len(result.output.split("\n\n")[1].strip()) > 20  # a real description, not just usage
    assert "--db" in result.output


def test_cli_commands_are_in_the_docs() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "knowledge-base.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"sampark {command}" in doc


def test_cli_timeline_by_names_in_both_languages(cli, filled: str) -> None:
    table = cli("timeline", "Malaysia", "রাশিয়া", "--db", filled)
    assert table.exit_code == 0, table.output
    assert "1967-04-03" in table.output and "bn-seed" in table.output and "কুয়ালালামপুরে" in table.output
    lines = cli("timeline", "MYS", "RUS", "--db", filled, "--format", "jsonl").output.splitlines()
    facts = [json.loads(line) for line in lines]
    assert [f["date"] for f in facts] == ["1967-04-03", "1968", "1968-04", "1972-10", "1985", "1985"]
    for f in facts:
        assert {"id", "type", "actors", "date", "attrs", "cameo", "lang", "confidence", "evidence"} <= set(f)
    unknown = cli("timeline", "MYS", "Atlantis", "--db", filled)
    assert unknown.exit_code == 2 and "[E313]" in unknown.output


def test_cli_facts_filters_and_csv(cli, filled: str) -> None:
    result = cli("facts", "--pair", "RUS", "MYS", "--type", "trade_volume", "--since", "1980", "--db", filled,
                 "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["type"], r["date"]) for r in rows] == [("trade_volume", "1985")] * 2
    assert {json.loads(r["attrs"])["value"] for r in rows} == {1.903e9, 2.4e9}
    bn = cli("facts", "--lang", "bn", "--db", filled, "--format", "jsonl").output.splitlines()
    assert len(bn) == 3


def test_cli_pairs_conflicts_docs(cli, filled: str) -> None:
    pairs = [json.loads(line) for line in cli("pairs", "--db", filled, "--format", "jsonl").output.splitlines()]
    assert [(p["a"], p["b"], p["count"]) for p in pairs] == [("MYS", "RUS", 6)]
    assert "relations_established 2" in cli("pairs", "--db", filled).output
    conflicts = [json.loads(line) for line in
                 cli("conflicts", "--pair", "MYS", "RUS", "--db", filled, "--format", "jsonl").output.splitlines()]
    assert sorted(c["kind"] for c in conflicts) == ["date", "value"]
    assert all(len(c["facts"]) == 2 and c["facts"][0]["evidence"] for c in conflicts)
    table = cli("conflicts", "--db", filled).output
    assert "2 conflict(s)" in table and "news/1" in table
    rows = list(csv.DictReader(io.StringIO(cli("conflicts", "--db", filled, "--format", "csv").output)))
    assert len(rows) == 4 and {r["kind"] for r in rows} == {"date", "value"}
    docs = cli("docs", "--db", filled, "--format", "csv").output
    assert [r["id"] for r in csv.DictReader(io.StringIO(docs))] == ["bn-seed", "en-wiki", "news/1"]
    assert "মালয়েশিয়া–রাশিয়া সম্পর্ক" in cli("docs", "--db", filled).output


def test_cli_export_formats_are_readable(cli, filled: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    for fmt, name in (("jsonl", "f.jsonl"), ("csv", "f.csv"), ("parquet", "f.parquet"), ("cameo", "f.tsv")):
        result = cli("export", "--format", fmt, tmp_path / name, "--db", filled)
        assert result.exit_code == 0, result.output
    facts = [json.loads(line) for line in (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(facts) == 6 and all(f["evidence"] for f in facts)
    rows = list(csv.DictReader(open(tmp_path / "f.csv", encoding="utf-8")))
    assert [r["id"] for r in rows] == [f["id"] for f in facts]
    table = pq.read_table(tmp_path / "f.parquet")
    assert table.num_rows == 6 and table.column("evidence").to_pylist()[0][0]["doc"] in {"bn-seed", "en-wiki"}
    events = list(csv.DictReader(open(tmp_path / "f.tsv", encoding="utf-8"), delimiter="\t"))
    first = events[0]
    assert (first["SQLDATE"], first["Year"], first["DatePrecision"]) == ("19670403", "1967", "day")
    assert {first["Actor1Code"], first["Actor2Code"]} == {"MYS", "SUN"}
    assert {"EventCode", "SOURCEURL", "FactID"} <= set(first) and first["FactID"] == facts[0]["id"]
    assert cli("export", "--format", "parquet", "-", "--db", filled).exit_code == 2


def _write_inputs(root: Path) -> None:
    (root / "docs").mkdir()
    (root / "docs" / "a.txt").write_text(
        "Malaysia and the Soviet Union established diplomatic relations on 3 April 1967. "
        "India and Pakistan signed a trade agreement in 2005.", encoding="utf-8")
    (root / "docs" / "b.txt").write_text(
        "মালয়েশিয়া ও রাশিয়ার মধ্যে ১৯৬৭ সালের ৩রা এপ্রিল কূটনৈতিক সম্পর্ক স্থাপিত হয়।", encoding="utf-8")
    (root / "docs" / "c.jsonl").write_text(json.dumps({"id": "r1", "text": "Malaysia and Russia signed a visa "
                                                       "agreement in 2010."}) + "\n{broken\n", encoding="utf-8")


def test_cli_ingest_twice_adds_nothing_and_reports_bad_lines(cli, db_url: str, tmp_path: Path) -> None:
    _write_inputs(tmp_path)
    first = cli("ingest", tmp_path / "docs", "--db", db_url, "--json")
    summary = json.loads(first.output[first.output.index("{"):])
    assert first.exit_code == 2  # the broken JSONL line
    assert summary["documents"] == {"read": 3, "new": 3, "unchanged": 0, "replaced": 0, "skipped": 0}
    assert [(p["code"], p["line"]) for p in summary["problems"]] == [("E305", 2)]
    second = cli("ingest", tmp_path / "docs", "--db", db_url, "--json")
    again = json.loads(second.output[second.output.index("{"):])
    assert again["documents"]["new"] == 0 and again["documents"]["unchanged"] == 3
    assert again["facts"] == {"new": 0, "merged": 0, "rejected": {}}
    good = cli("ingest", tmp_path / "docs" / "a.txt", "--db", db_url)
    assert good.exit_code == 0 and "documents read" in good.output
    missing = cli("ingest", tmp_path / "nope.txt", "--db", db_url)
    assert missing.exit_code == 2 and "[E003]" in missing.output
    bad_fields = cli("ingest", tmp_path / "docs", "--db", db_url, "--fields", "txt=body")
    assert bad_fields.exit_code == 2 and "--fields" in bad_fields.output


def test_cli_bad_database_is_one_coded_line(cli, tmp_path: Path) -> None:
    not_db = tmp_path / "notes.txt"
    not_db.write_text("this is not a database " * 100, encoding="utf-8")
    result = cli("pairs", "--db", not_db)
    assert result.exit_code == 1 and "[E310]" in result.output and "Traceback" not in result.output
