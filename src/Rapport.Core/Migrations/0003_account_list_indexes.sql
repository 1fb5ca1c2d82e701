-- Indexes for the account list API (docs/api.md; p95 under 50 ms at 50,000 accounts, docs/benchmarks.md#account-list-api).
-- The offered sort orders: an index in list order turns "sort every row, then skip" into an index walk.
CREATE INDEX ix_accounts_name_id ON accounts (name, id);
CREATE INDEX ix_accounts_created_id ON accounts (created_at, id);
CREATE INDEX ix_accounts_updated_id ON accounts (updated_at, id);
-- "Key accounts" is the most used list filter and selects few rows: a partial index in name order.
CREATE INDEX ix_accounts_key_name_id ON accounts (name, id) WHERE key_account;

-- Search matches any part of the name or external id, case-insensitively (ILIKE '%term%'), in the API and the UI
-- alike. Trigram indexes serve that when the standard pg_trgm extension can be installed (trusted since
-- PostgreSQL 13); where it cannot, the same queries still work by scanning, so the migration must not fail.
-- 0004 (UI) declares the same indexes; IF NOT EXISTS makes the order in which the two run irrelevant.
DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX IF NOT EXISTS ix_accounts_name_trgm ON accounts USING gin (name gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS ix_accounts_external_id_trgm ON accounts USING gin (external_id gin_trgm_ops);
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm unavailable (%): account search scans the table.', SQLERRM;
    END;
END
$$;
