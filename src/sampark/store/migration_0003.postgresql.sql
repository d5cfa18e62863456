-- sampark store, schema step 3 (PostgreSQL): foreign keys on fact ids, a
-- full-text index, and views. The SQLite twin is migration_0003.sqlite.sql.

-- One spelling of a pair everywhere: MYS-RUS (it was MYS|RUS in the tables,
-- MYS-RUS on the web). State codes never hold a hyphen.
UPDATE facts SET pair_key = REPLACE(pair_key, '|', '-');
UPDATE evidence SET pair_key = REPLACE(pair_key, '|', '-');
UPDATE conflicts SET pair_key = REPLACE(pair_key, '|', '-');

UPDATE evidence SET fact_id = NULL WHERE fact_id IS NOT NULL AND fact_id NOT IN (SELECT id FROM facts);
ALTER TABLE evidence ADD CONSTRAINT evidence_fact_fk FOREIGN KEY (fact_id) REFERENCES facts (id) ON DELETE SET NULL;
DELETE FROM conflict_members WHERE fact_id NOT IN (SELECT id FROM facts);
ALTER TABLE conflict_members ADD CONSTRAINT conflict_members_fact_fk
    FOREIGN KEY (fact_id) REFERENCES facts (id) ON DELETE CASCADE;

-- Word search with the 'simple' configuration (no stemming, any script);
-- the store's queries use these very expressions so the indexes serve them.
CREATE INDEX evidence_text_tsv ON evidence USING gin (to_tsvector('simple', coalesce(text, '')));
CREATE INDEX documents_title_tsv ON documents USING gin (to_tsvector('simple', coalesce(title, '')));

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
