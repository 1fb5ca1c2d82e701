-- Indexes for the account list API (SPEC §7.4; p95 under 50 ms at 50,000 accounts, SPEC §8).
-- Default order by name: an index in that order turns "sort everything, then skip" into an index walk.
CREATE INDEX ix_accounts_name_id ON accounts (name, id);
-- The other offered sort orders ("newest", "recently changed").
CREATE INDEX ix_accounts_created_id ON accounts (created_at, id);
CREATE INDEX ix_accounts_updated_id ON accounts (updated_at, id);
-- Search by external-id prefix, case-insensitive, independent of the database collation.
CREATE INDEX ix_accounts_external_id_lower ON accounts (lower(external_id) text_pattern_ops);

-- Search by part of the name (case-insensitive "contains") uses a trigram index when the standard pg_trgm extension
-- can be installed (it is a trusted extension since PostgreSQL 13). Where it cannot, the same query still works and
-- scans the table instead, so the migration must not fail.
DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX ix_accounts_name_trgm ON accounts USING gin (lower(name) gin_trgm_ops);
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm unavailable (%): account search by part of the name scans the table.', SQLERRM;
    END;
END
$$;
