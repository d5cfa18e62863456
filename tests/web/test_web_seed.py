"""The shared seed document through the whole stack: ingest, store, web.

This depends on the extractor (``sampark.extract``) finding the fact; a
failure here with the web tests otherwise green points at extraction.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sampark.web import create_app

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed"


@pytest.mark.skipif(not SEED.is_dir(), reason="no ../shared/seed beside the repository")
def test_web_seed_malaysia_russia_shows_relations_established_1967_04_03(tmp_path, build_kb):
    build_kb(tmp_path / "seed.db", SEED)
    with TestClient(create_app(str(tmp_path / "seed.db"))) as client:
        r = client.get("/pair/MYS-RUS.json")
        assert r.status_code == 200, (
            "EXTRACTOR: no Malaysia–Russia facts from ../shared/seed/ (the web app answered "
            f"{r.status_code}: {r.text[:200]})")
        facts = r.json()["facts"]
        found = [(f["type"], f["date"]) for f in facts]
        assert ("relations_established", "1967-04-03") in found, (
            "EXTRACTOR: the seed says the Soviet Union established relations with Malaysia on "
            f"3 April 1967 (১৯৬৭ সালের ৩রা এপ্রিল); the page has {sorted(found, key=str)}")
        page = client.get("/pair/MYS-RUS").text
        assert 'data-date="1967-04-03"' in page
