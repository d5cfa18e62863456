"""One connection interface over SQLite (sqlite3) and PostgreSQL (psycopg 3).

SQL in the store is written once, in the subset both understand, with ``?``
placeholders; :class:`Database` rewrites them to ``%s`` for psycopg. Writes
happen in :meth:`Database.write`, a transaction that holds the store's write
lock for its duration: ``BEGIN IMMEDIATE`` on SQLite (one writer per file),
``pg_advisory_xact_lock`` on PostgreSQL. Merging touches facts that other
documents share, so serialising the short write transactions is what keeps
two concurrent ingests from duplicating or losing a fact; the slow part,
extraction, runs outside them in parallel.
"""
from __future__ import annotations

import os
import random
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from sampark.errors import Errors, SamparkError

# Any 64-bit number no other application on the server uses for advisory locks.
_PG_LOCK_KEY = 0x53414D50  # "SAMP"
# migration_0003.sql serves both databases; migration_0003.sqlite.sql and
# migration_0003.postgresql.sql are one step written twice, one per database.
_MIGRATION = re.compile(r"migration_(\d{4})(?:\.(sqlite|postgresql))?\.sql$")


def default_url() -> str:
    """``$SAMPARK_DB`` or ``sampark.db`` in the working directory."""
    return os.environ.get("SAMPARK_DB") or "sampark.db"


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def migrations(dialect: str = "sqlite") -> list[tuple[int, str]]:
    """The numbered schema steps shipped with the package for ``dialect`` (sqlite, postgresql), in order."""
    steps = []
    for entry in resources.files("sampark.store").iterdir():
        m = _MIGRATION.search(entry.name)
        if m and m.group(2) in (None, dialect):
            steps.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(steps)


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    if "CREATE TRIGGER" not in script.upper():
        return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
    # A trigger's body holds semicolons: it ends at its own END;
    statements, current, in_trigger = [], [], False
    for line in lines:
        current.append(line)
        stripped = line.strip().upper()
        if stripped.startswith("CREATE TRIGGER"):
            in_trigger = True
        if (in_trigger and stripped == "END;") or (not in_trigger and stripped.endswith(";")):
            statements.append("\n".join(current).strip().rstrip(";").strip())
            current, in_trigger = [], False
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip().rstrip(";"))
    return [s for s in statements if s]


def _retry_while_locked(action: Callable[[], object], *, attempts: int, step: float, cap: float) -> bool:
    """Run ``action`` until SQLite stops answering "locked" or "busy".

    Waits a jittered, growing ``min(cap, step * attempt)`` seconds between
    tries, so that processes contending for one file spread out. Returns
    False when every attempt found the file locked; other errors propagate.
    """
    for attempt in range(attempts):
        try:
            action()
            return True
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            time.sleep(min(cap, step * (attempt + 1)) * random.uniform(0.5, 1.5))
    return False


class Database:
    """A connection to the store's database, SQLite file or PostgreSQL URL."""

    def __init__(self, url: str | os.PathLike[str] | None = None, *, readonly: bool = False) -> None:
        self.url = str(url or default_url())
        self.postgres = is_postgres(self.url)
        self.readonly = readonly
        if readonly:
            self._open_readonly()
            self._in_tx = False
            return
        try:
            if self.postgres:
                from sampark.extras import require

                psycopg = require("psycopg")  # names the extra when missing
                self.conn = psycopg.connect(self.url, autocommit=True)
            else:
                path = self.url[len("sqlite:///"):] if self.url.startswith("sqlite:///") else self.url
                if path != ":memory:":
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                # Autocommit mode: transactions are opened explicitly below.
                self.conn = sqlite3.connect(path, isolation_level=None, timeout=60, check_same_thread=False)
                self.conn.execute("PRAGMA busy_timeout=60000")
                self._use_wal()
                # NORMAL is durable against a killed process in WAL mode; only
                # a power cut can lose the last commits, never corrupt the file.
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.conn.execute("PRAGMA foreign_keys=ON")
        except Exception as exc:  # noqa: BLE001 - both drivers, one message
            raise SamparkError("E310", Errors.E310, url=self.redacted_url, detail=str(exc).strip()) from exc
        self._in_tx = False

    def _open_readonly(self) -> None:
        """Connect without writing anything: SQLite with ``mode=ro`` (a read-only file
        or folder is fine, a missing file is an error, not a new database);
        PostgreSQL with read-only transactions."""
        try:
            if self.postgres:
                import psycopg

                self.conn = psycopg.connect(self.url, autocommit=True)
                self.conn.execute("SET default_transaction_read_only = on")
                return
            path = self.url[len("sqlite:///"):] if self.url.startswith("sqlite:///") else self.url
            if not Path(path).is_file():
                raise FileNotFoundError(f"no such database file: {path}")
            uri = Path(path).resolve().as_uri()
            self.conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=60,
                                        check_same_thread=False)
            try:
                self.conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # A WAL file in a folder we cannot write to: SQLite cannot make
                # its shared-memory file. Nobody can be writing it then either.
                self.conn.close()
                self.conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None,
                                            check_same_thread=False)
                self.conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            self.conn.execute("PRAGMA busy_timeout=60000")
        except Exception as exc:  # noqa: BLE001 - both drivers, one message
            raise SamparkError("E310", Errors.E310, url=self.redacted_url, detail=str(exc).strip()) from exc

    def _use_wal(self) -> None:
        """Switch a SQLite file to WAL, waiting while another process holds it.

        Changing the journal mode needs the file to itself, and SQLite answers
        "database is locked" at once, without its busy handler, when a second
        ingest opens the same new file at the same moment: retried here.
        """
        def switch() -> None:
            if self.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                self.conn.execute("PRAGMA journal_mode=WAL")

        if not _retry_while_locked(switch, attempts=100, step=0.02, cap=1.0):
            raise sqlite3.OperationalError("database is locked (journal mode)")

    @property
    def redacted_url(self) -> str:
        """The URL without its password, for messages."""
        return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", self.url)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; returns the cursor."""
        return self.conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.postgres:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), [tuple(r) for r in rows])
        else:
            self.conn.executemany(sql, [tuple(r) for r in rows])

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return list(self.execute(sql, params).fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self.execute(sql, params).fetchone()

    @contextmanager
    def write(self) -> Iterator[Database]:
        """A transaction holding the store-wide write lock; rolled back on error.

        SQLite's ``BEGIN IMMEDIATE`` can still report "database is locked"
        when the busy timeout runs out under heavy contention; it is retried.
        """
        if self._in_tx:
            yield self
            return
        if self.postgres:
            self.conn.execute("BEGIN")
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_LOCK_KEY,))
        else:
            begun = _retry_while_locked(lambda: self.conn.execute("BEGIN IMMEDIATE"), attempts=50, step=0.05, cap=2.0)
            if not begun:
                raise SamparkError("E310", Errors.E310, url=self.redacted_url, detail="database stays locked")
        self._in_tx = True
        try:
            yield self
        except BaseException:
            self._in_tx = False
            self.conn.execute("ROLLBACK")
            raise
        self._in_tx = False
        self.conn.execute("COMMIT")

    def schema_version(self) -> int:
        """The highest migration applied, 0 for an empty database."""
        row = self.one("SELECT MAX(version) FROM schema_version")
        return int(row[0] or 0) if row else 0

    def check_readable(self) -> int:
        """For a read-only connection: the schema version, which must be one this code reads.

        Raises:
            SamparkError: E310 when the database holds no sampark store, E311
                when it is newer than this code.
        """
        try:
            current = self.schema_version()
        except Exception as exc:  # noqa: BLE001 - no schema_version table in either database
            raise SamparkError("E310", Errors.E310, url=self.redacted_url,
                               detail="not a sampark database (no schema); run `sampark ingest` first") from exc
        steps = migrations()
        known = steps[-1][0] if steps else 0
        if current > known:
            raise SamparkError("E311", Errors.E311, url=self.redacted_url, found=current, known=known)
        if current < known:
            raise SamparkError("E310", Errors.E310, url=self.redacted_url,
                               detail=f"schema version {current}, older than {known}: open it once for writing "
                                      "(e.g. `sampark ingest`) to upgrade it")
        return current

    def migrate(self) -> int:
        """Apply the migrations not yet applied, each in its own transaction.

        Returns:
            The schema version after migrating.

        Raises:
            SamparkError: E311 when the database is newer than this code.
        """
        steps = migrations("postgresql" if self.postgres else "sqlite")
        known = steps[-1][0] if steps else 0
        with self.write():
            # The version table is the one thing created outside the
            # numbered steps: they record themselves in it.
            self.execute("CREATE TABLE IF NOT EXISTS schema_version "
                         "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        current = self.schema_version()
        if current > known:
            raise SamparkError("E311", Errors.E311, url=self.redacted_url, found=current, known=known)
        for version, script in steps:
            if version <= current:
                continue
            with self.write():
                # Another process may have migrated while we waited for the lock.
                if self.schema_version() >= version:
                    continue
                for statement in _statements(script):
                    self.execute(statement)
                self.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                             (version, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
        return max(known, current)

    def close(self) -> None:
        self.conn.close()
