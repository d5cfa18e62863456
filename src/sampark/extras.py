"""Optional parts of sampark and the pip extra that installs each.

The core (extraction, SQLite store, CLI, web UI, demo) needs none of
these. Each is imported only where it is used, through :func:`require`, so
a missing one fails with the command to install it rather than a bare
``ModuleNotFoundError``.
"""
from __future__ import annotations

import importlib
from types import ModuleType

# module -> (extra, what it serves)
EXTRAS = {
    "psycopg": ("postgres", "PostgreSQL databases"),
    "pyarrow": ("parquet", "Parquet export"),
    "dask": ("dask", "the Dask engine (--engine dask, --scheduler)"),
    "trafilatura": ("html", "reading HTML pages"),
}


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message names the pip extra."""


def require(module: str) -> ModuleType:
    """Import ``module`` (e.g. ``pyarrow.parquet``), or raise MissingExtra naming its extra."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        if top not in EXTRAS or (exc.name or "").split(".")[0] != top:
            raise
        extra, purpose = EXTRAS[top]
        raise MissingExtra(f"{purpose} need(s) {top}, which is not installed: "
                           f'pip install "sampark[{extra}]"') from exc
