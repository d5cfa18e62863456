"""Fixtures for the parallel and distributed ingest tests: documents the tests
write themselves (the bundled samples, multiplied with new ids) and, when the
shared corpora are beside the checkout, a slice of the Bengali dump.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Worker processes import the helpers by module name; spawned children get
# the parent's sys.path, so adding this folder here reaches them too.
sys.path.insert(0, str(Path(__file__).resolve().parent))
import distkit  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
BN_DUMP = REPO.parent / "shared" / "corpora" / "bnwiki-truncated-100k.xml.xz"


@pytest.fixture(scope="session")
def sample_items():
    """A few dozen Bengali and English documents, an empty one and two reading problems."""
    return distkit.sample_items(copies=8)


@pytest.fixture(scope="session")
def serial_facts(sample_items, tmp_path_factory):
    """The facts a plain serial ingest of ``sample_items`` stores, and its summary."""
    url = str(tmp_path_factory.mktemp("serial") / "kb.db")
    return distkit.ingest_serial(url, sample_items)


@pytest.fixture(scope="session")
def bn_dump_slice():
    if not BN_DUMP.exists():
        pytest.skip(f"shared corpora not present ({BN_DUMP})")
    return distkit.dump_slice(BN_DUMP, 30)
