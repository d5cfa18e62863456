-- sampark store, schema step 1: documents, facts, evidence, conflicts.
-- Written in the subset of SQL that SQLite and PostgreSQL share; the store
-- applies each numbered step once and records it in schema_version.

-- One row per document read; text is the text evidence offsets point into.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT,
    lang TEXT,
    url TEXT,
    date TEXT,
    format TEXT NOT NULL,
    source_path TEXT,
    hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    n_facts INTEGER NOT NULL,
    text TEXT NOT NULL
);

-- Merged facts, one per real-world fact. pair_key is the order-free pair in
-- successor codes (MYS|RUS also holds SUN facts); actor_a/actor_b are the
-- codes to show, in [source, target] order for directed types.
CREATE TABLE facts (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    actor_a TEXT NOT NULL,
    actor_b TEXT NOT NULL,
    pair_key TEXT NOT NULL,
    directed INTEGER NOT NULL,
    date TEXT,
    date_lo TEXT,
    date_hi TEXT,
    attrs TEXT NOT NULL,
    cameo TEXT,
    confidence DOUBLE PRECISION,
    lang TEXT,
    langs TEXT NOT NULL,
    n_evidence INTEGER NOT NULL,
    n_docs INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per evidence span of a per-document fact (ord numbers the facts
-- of a document, span the spans of a fact). original, on span 0, is the
-- fact as the extractor gave it, from which merging is recomputed.
CREATE TABLE evidence (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    span INTEGER NOT NULL,
    fact_id TEXT,
    type TEXT NOT NULL,
    pair_key TEXT NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    lang TEXT,
    original TEXT,
    PRIMARY KEY (doc_id, ord, span)
);

-- Facts that are the same event but disagree on a date or value.
CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    type TEXT NOT NULL,
    pair_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE conflict_members (
    conflict_id TEXT NOT NULL REFERENCES conflicts (id) ON DELETE CASCADE,
    fact_id TEXT NOT NULL,
    PRIMARY KEY (conflict_id, fact_id)
);
