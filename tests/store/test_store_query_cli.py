"""The strict query CLI: read-only commands never create a database, filters are
checked with the web API's messages, and ``export`` writes typed files whose
format follows the file name."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from storekit import BN, EN, NEWS, HandExtractor, seed_facts

from sampark.store import Store

READ_ONLY = [("timeline", "MYS", "RUS"), ("facts",), ("pairs",), ("conflicts",), ("docs",),
             ("export", "out.jsonl")]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli():
    from sampark.cli import main

    runner = CliRunner()

    def run(*args: object):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture
def filled(db_url: str) -> str:
    hand = HandExtractor()
    seed_facts(hand)
    hand.facts[NEWS.id][0]["cameo"] = "057"
    with Store.open(db_url, extractor=hand) as store:
        store.ingest([BN, EN, NEWS])
    return db_url


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: c[0])
def test_read_only_commands_refuse_a_missing_database(cli, tmp_path: Path, command: tuple[str, ...]) -> None:
    target = tmp_path / "typo" / "x.db"
    result = cli(*command, "--db", target)
    assert result.exit_code == 2, result.output
    assert "[E310]" in result.output and "no such database" in result.output
    assert not target.exists() and not target.parent.exists()


def test_a_query_outside_a_project_creates_no_database(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("SAMPARK_DB", None)
    result = subprocess.run([sys.executable, "-m", "sampark", "pairs"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "sampark.db" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, message", [
    (("timeline", "IND", "IND"), "a pair needs two different states; both sides are IND"),
    (("facts", "--type", "visits"), "unknown fact type 'visits'"),
    (("facts", "--lang", "fr"), "unknown language 'fr'"),
    (("facts", "--since", "last year"), "since: a date is YYYY, YYYY-MM or YYYY-MM-DD"),
    (("facts", "--until", "2020-02-31"), "until: a date is"),
    (("facts", "--pair", "RUS", "SUN"), "both sides are RUS"),
    (("export", "x.csv", "--type", "visits"), "unknown fact type 'visits'"),
])
def test_bad_filters_exit_2_with_the_web_message(cli, filled: str, args: tuple[str, ...], message: str,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli(*args, "--db", filled)
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "x.csv").exists()


def test_the_web_api_gives_the_same_messages(filled: str) -> None:
    if filled.startswith("postgres"):
        pytest.skip("one backend is enough for the messages")
    from fastapi.testclient import TestClient

    from sampark.web import create_app

    with TestClient(create_app(filled)) as client:
        for query, message in (("type=visits", "unknown fact type 'visits'"), ("evidence_lang=fr", "unknown language 'fr'"),
                               ("since=last+year", "since: a date is YYYY"), ("pair=IND-IND", "both sides are IND")):
            response = client.get(f"/facts.json?{query}")
            assert response.status_code == 400 and message in response.json()["error"], query


def test_since_until_overlap_and_sort(cli, filled: str) -> None:
    rows = [json.loads(line) for line in
            cli("facts", "--since", "1968", "--until", "1972", "--db", filled, "--format", "jsonl").output.splitlines()]
    assert [r["date"] for r in rows] == ["1968", "1968-04", "1972-10"]
    newest = [json.loads(line) for line in
              cli("facts", "--sort", "-date", "--limit", "1", "--db", filled, "--format", "jsonl").output.splitlines()]
    assert [r["date"] for r in newest] == ["1985"]


@pytest.mark.parametrize("name, fmt", [("f.jsonl", "jsonl"), ("f.csv", "csv"), ("f.parquet", "parquet"),
                                       ("f.tsv", "cameo"), ("metadata.json", "datasette-metadata")])
def test_export_format_follows_the_file_name(cli, filled: str, tmp_path: Path, name: str, fmt: str) -> None:
    result = cli("export", tmp_path / name, "--db", filled)
    assert result.exit_code == 0, result.output
    assert f"({fmt})" in result.output or "Datasette" in result.output
    assert (tmp_path / name).stat().st_size > 0


def test_export_without_a_known_suffix_asks_for_a_format(cli, filled: str, tmp_path: Path) -> None:
    result = cli("export", tmp_path / "facts.dat", "--db", filled)
    assert result.exit_code == 2 and "--format" in result.output
    assert cli("export", tmp_path / "facts.dat", "--format", "jsonl", "--db", filled).exit_code == 0


def test_export_takes_the_facts_filters(cli, filled: str, tmp_path: Path) -> None:
    out = tmp_path / "trade.jsonl"
    assert cli("export", out, "--type", "trade_volume", "--since", "1980", "--db", filled).exit_code == 0
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = cli("facts", "--type", "trade_volume", "--since", "1980", "--db", filled, "--format", "jsonl")
    assert [f["id"] for f in facts] == [json.loads(line)["id"] for line in expected.output.splitlines()]
    assert len(facts) == 2 and {f["type"] for f in facts} == {"trade_volume"}


def test_csv_keeps_codes_as_text(cli, filled: str, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "facts.csv"
    assert cli("export", out, "--db", filled).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8")), quoting=csv.QUOTE_NONNUMERIC))
    header, body = rows[0], rows[1:]
    cameo = header.index("cameo")
    assert "057" in [r[cameo] for r in body]  # quoted text, kept by a reader that honours quotes
    frame = pd.read_csv(out, dtype={"cameo": str})  # the documented way for pandas
    assert "057" in set(frame["cameo"])


def test_parquet_columns_are_typed(cli, filled: str, tmp_path: Path) -> None:
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "facts.parquet"
    assert cli("export", out, "--db", filled).exit_code == 0
    table = pq.read_table(out)
    schema = table.schema
    assert schema.field("date_lo").type == pa.date32() and schema.field("date_hi").type == pa.date32()
    assert pa.types.is_integer(schema.field("n_docs").type)
    assert pa.types.is_struct(schema.field("attrs").type) or pa.types.is_map(schema.field("attrs").type)
    rows = table.to_pylist()
    first = next(r for r in rows if r["date"] == "1967-04-03")
    assert first["date_lo"] == first["date_hi"] == datetime.date(1967, 4, 3)
    assert {r["pair"] for r in rows} == {"MYS-RUS"}
    trade = [r for r in rows if r["type"] == "trade_volume"]
    assert sorted(r["attrs"]["value"] for r in trade) == [1_903_000_000, 2_400_000_000]


def test_datasette_metadata_names_the_views(cli, filled: str, tmp_path: Path) -> None:
    out = tmp_path / "metadata.json"
    cli("export", out, "--db", filled)
    databases = json.loads(out.read_text(encoding="utf-8"))["databases"]
    name = "sampark" if "://" in filled else Path(filled).stem  # Datasette's name for the file
    tables = databases[name]["tables"]
    with Store.open(filled) as store:
        for name in ("facts", "fact_evidence", "pair_summary"):
            assert name in tables
            assert store.db.all(f"SELECT * FROM {name} LIMIT 1")  # each described table or view exists
