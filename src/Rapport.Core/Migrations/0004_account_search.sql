-- Account search in the UI and the API matches any part of the name or external id (ILIKE '%term%'). A plain
-- B-tree cannot serve that; trigram GIN indexes turn the scan of every account into an index lookup.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, so a database owner may create it. Where it
-- is missing, search still works, only without the index.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX IF NOT EXISTS ix_accounts_name_trgm ON accounts USING gin (name gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS ix_accounts_external_id_trgm ON accounts USING gin (external_id gin_trgm_ops);
    ELSE
        RAISE NOTICE 'pg_trgm is not available: account search runs without trigram indexes.';
    END IF;
END
$$;
