-- sampark store, schema step 2: indexes for the queries the CLI and web make.
CREATE INDEX facts_pair_type ON facts (pair_key, type);
CREATE INDEX facts_date ON facts (date_lo);
CREATE INDEX evidence_group ON evidence (pair_key, type);
CREATE INDEX evidence_fact ON evidence (fact_id);
CREATE INDEX conflicts_pair ON conflicts (pair_key, type);
CREATE INDEX conflict_members_fact ON conflict_members (fact_id);
