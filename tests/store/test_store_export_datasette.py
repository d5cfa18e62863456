"""The knowledge base opened in Datasette with the metadata sampark writes:
descriptions shown, facets applied, views listed, search tables hidden.
Skipped where Datasette is not installed (``pip install datasette``)."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from storekit import BN, EN, NEWS, HandExtractor, seed_facts

from sampark.cli import main
from sampark.store import Store


def test_datasette_reads_the_metadata(tmp_path: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")
    db = tmp_path / "relations.db"
    hand = HandExtractor()
    seed_facts(hand)
    with Store.open(str(db), extractor=hand) as store:
        store.ingest([BN, EN, NEWS])
    meta = tmp_path / "metadata.json"
    result = CliRunner().invoke(main, ["export", str(meta), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output

    async def browse() -> tuple[dict, dict, str]:
        ds = datasette_app.Datasette([str(db)], metadata=json.loads(meta.read_text(encoding="utf-8")))
        await ds.invoke_startup()
        database = (await ds.client.get("/relations.json")).json()
        facts = (await ds.client.get("/relations/facts.json?_size=1")).json()
        page = (await ds.client.get("/relations/facts")).text
        return database, facts, page

    database, facts, page = asyncio.run(browse())
    tables = {t["name"]: t for t in database["tables"]}
    assert {"fact_evidence", "pair_summary", "pair_type_counts"} <= {v["name"] for v in database["views"]}
    assert tables["evidence_fts"]["hidden"] and not tables["facts"]["hidden"]
    facets = facts["facet_results"]
    assert set(facets.get("results", facets)) == {"type", "pair_key", "lang"}
    assert "One row per merged fact" in page
