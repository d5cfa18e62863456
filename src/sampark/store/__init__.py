"""The knowledge base: documents, merged facts with all their evidence, conflicts.

See docs/knowledge-base.md. ``Store.open(url)`` opens or creates a SQLite
file or a PostgreSQL database from one schema (``migration_*.sql``).
"""
from __future__ import annotations

from sampark.store.db import Database, default_url
from sampark.store.ingest import IngestSummary
from sampark.store.store import Store, resolve_state

__all__ = ["Store", "IngestSummary", "Database", "default_url", "resolve_state"]
