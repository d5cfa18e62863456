"""The core install: with PostgreSQL, Dask, Parquet and HTML extraction packages
absent, the CLI, the store, the web app and JSONL/CSV export still work, and
the optional parts fail with the pip extra to install.

The packages are hidden from a child Python by an import hook (they are
installed here, so absence has to be made); everything else runs for real.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from storekit import BN, EN, NEWS, HandExtractor, seed_facts

from sampark.store import Store

REPO = Path(__file__).resolve().parents[2]
HIDDEN = ("psycopg", "pyarrow", "dask", "distributed", "trafilatura", "lxml_html_clean")
HIDE = f"""
import sys
class _Hide:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {HIDDEN!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None
sys.meta_path.insert(0, _Hide())
"""


def run_core(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    code = HIDE + "from sampark.cli import main\nmain()"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("SAMPARK_DB", None)
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    path = tmp_path / "kb.db"
    hand = HandExtractor()
    seed_facts(hand)
    with Store.open(str(path), extractor=hand) as store:
        store.ingest([BN, EN, NEWS])
    return path


def test_core_commands_work_without_the_extras(kb: Path, tmp_path: Path) -> None:
    pairs = run_core("pairs", "--db", str(kb), "--format", "jsonl", cwd=tmp_path)
    assert pairs.returncode == 0 and '"MYS"' in pairs.stdout, pairs.stderr
    for name in ("f.jsonl", "f.csv"):
        result = run_core("export", str(tmp_path / name), "--db", str(kb), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 0
    code = HIDE + "import sampark.web, sampark.store, sampark.cli.serve, sampark.dist\nprint('ok')"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    imported = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert imported.stdout.strip() == "ok", imported.stderr


def test_optional_parts_name_their_extra(kb: Path, tmp_path: Path) -> None:
    parquet = run_core("export", str(tmp_path / "f.parquet"), "--db", str(kb), cwd=tmp_path)
    assert parquet.returncode == 1 and 'pip install "sampark[parquet]"' in parquet.stderr
    assert "Traceback" not in parquet.stderr and not (tmp_path / "f.parquet").exists()
    postgres = run_core("pairs", "--db", "postgresql://nobody@127.0.0.1:1/none", cwd=tmp_path)
    assert postgres.returncode != 0 and 'pip install "sampark[postgres]"' in postgres.stderr
    assert "Traceback" not in postgres.stderr
