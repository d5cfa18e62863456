-- sampark store, schema step 3 (SQLite): foreign keys on fact ids, a full-text
-- index, and views for the common questions. PostgreSQL has its own step 3
-- (migration_0003.postgresql.sql) with the same tables and views.

-- evidence.fact_id and conflict_members.fact_id now reference facts(id).
-- SQLite adds a foreign key only by rebuilding the table; rowids are kept.
-- A fact id pointing at no fact (none should) becomes NULL first.
-- One spelling of a pair everywhere: MYS-RUS (it was MYS|RUS in the tables,
-- MYS-RUS on the web). State codes never hold a hyphen.
UPDATE facts SET pair_key = REPLACE(pair_key, '|', '-');
UPDATE evidence SET pair_key = REPLACE(pair_key, '|', '-');
UPDATE conflicts SET pair_key = REPLACE(pair_key, '|', '-');

UPDATE evidence SET fact_id = NULL WHERE fact_id IS NOT NULL AND fact_id NOT IN (SELECT id FROM facts);
CREATE TABLE evidence_new (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    span INTEGER NOT NULL,
    fact_id TEXT REFERENCES facts (id) ON DELETE SET NULL,
    type TEXT NOT NULL,
    pair_key TEXT NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    lang TEXT,
    original TEXT,
    PRIMARY KEY (doc_id, ord, span)
);
INSERT INTO evidence_new (rowid, doc_id, ord, span, fact_id, type, pair_key, "start", "end", text, lang, original)
    SELECT rowid, doc_id, ord, span, fact_id, type, pair_key, "start", "end", text, lang, original FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_new RENAME TO evidence;
CREATE INDEX evidence_group ON evidence (pair_key, type);
CREATE INDEX evidence_fact ON evidence (fact_id);

DELETE FROM conflict_members WHERE fact_id NOT IN (SELECT id FROM facts);
CREATE TABLE conflict_members_new (
    conflict_id TEXT NOT NULL REFERENCES conflicts (id) ON DELETE CASCADE,
    fact_id TEXT NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
    PRIMARY KEY (conflict_id, fact_id)
);
INSERT INTO conflict_members_new (conflict_id, fact_id) SELECT conflict_id, fact_id FROM conflict_members;
DROP TABLE conflict_members;
ALTER TABLE conflict_members_new RENAME TO conflict_members;
CREATE INDEX conflict_members_fact ON conflict_members (fact_id);

-- Full-text search over evidence text and document titles. The trigram
-- tokenizer indexes every three characters, so Bengali (whose vowel signs
-- would split words under unicode61) and English both match inside words.
-- External-content tables: the text lives once, in evidence and documents;
-- the triggers keep the index in step, and
-- INSERT INTO evidence_fts (evidence_fts) VALUES ('rebuild') rebuilds it.
CREATE VIRTUAL TABLE evidence_fts USING fts5(text, content='evidence', content_rowid='rowid', tokenize='trigram');
INSERT INTO evidence_fts (evidence_fts) VALUES ('rebuild');
CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence BEGIN
    INSERT INTO evidence_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER evidence_fts_delete AFTER DELETE ON evidence BEGIN
    INSERT INTO evidence_fts (evidence_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER evidence_fts_update AFTER UPDATE OF text ON evidence BEGIN
    INSERT INTO evidence_fts (evidence_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO evidence_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE VIRTUAL TABLE title_fts USING fts5(title, content='documents', content_rowid='rowid', tokenize='trigram');
INSERT INTO title_fts (title_fts) VALUES ('rebuild');
CREATE TRIGGER title_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO title_fts (rowid, title) VALUES (new.rowid, new.title);
END;
CREATE TRIGGER title_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO title_fts (title_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
END;
CREATE TRIGGER title_fts_update AFTER UPDATE OF title ON documents BEGIN
    INSERT INTO title_fts (title_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
    INSERT INTO title_fts (rowid, title) VALUES (new.rowid, new.title);
END;

-- Views for tools that open the file directly (Datasette, sqlite3, pandas).
CREATE VIEW fact_evidence AS
    SELECT f.id AS fact_id, f.type, f.actor_a, f.actor_b, f.pair_key AS pair, f.date,
           f.date_lo, f.date_hi, f.cameo, f.confidence, e.doc_id, d.title AS doc_title, d.url AS doc_url,
           e.lang, e."start", e."end", e.text AS evidence
    FROM facts f JOIN evidence e ON e.fact_id = f.id JOIN documents d ON d.id = e.doc_id;
CREATE VIEW pair_summary AS
    SELECT pair_key AS pair, COUNT(*) AS n_facts, COUNT(DISTINCT type) AS n_types,
           MIN(CASE WHEN date_lo = '0001-01-01' THEN date_hi ELSE date_lo END) AS first_day,
           MAX(CASE WHEN date_hi = '9999-12-31' THEN date_lo ELSE date_hi END) AS last_day,
           SUM(n_docs) AS n_sources
    FROM facts GROUP BY pair_key;
CREATE VIEW pair_type_counts AS
    SELECT pair_key AS pair, type, COUNT(*) AS n_facts FROM facts GROUP BY pair_key, type;
