-- Per-account day history for the retention KPIs (docs/definitions.md#retention-kpis, ADR 0017).
-- The KPIs of a period need, per account, only: the days with a transaction (a non-negative line), the net revenue
-- of each day, and the first transaction day of each product category. Read from order_lines for every request, a
-- period with its active window touches a quarter of 20 million lines (seconds); this table keeps that summary —
-- about one entry per order day instead of five lines, compactly encoded — and is refreshed for the accounts whose
-- lines changed: statement-level triggers on order_lines record the accounts, and kpi_refresh_account_facts(),
-- called before every KPI query, rebuilds exactly those accounts from their lines.

CREATE TABLE kpi_account_facts (
    account_id           bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    -- Day numbers count days since 0001-01-01 (.NET DateOnly.DayNumber).
    first_day            integer NOT NULL,
    last_day             integer NOT NULL,
    -- One entry per day with lines, in day order. Entry: int2 h (big-endian); h >= 0: the day is (h >> 1) days after
    -- the previous entry's day (the first entry: after first_day) and (h & 1) = 1 marks a transaction day;
    -- h = -1 / -2: the same with a following int4 day difference, without / with a transaction. Then int4 c: the net
    -- revenue of the day in cents, or -2147483648 followed by the cents as int8.
    days                 bytea NOT NULL,
    -- First transaction day of each category bought (sorted; categories trimmed, empty ones ignored).
    category_first_days  integer[] NOT NULL,
    categories           text[] NOT NULL
) WITH (toast_tuple_target = 8160);
-- toast_tuple_target: a history of a few thousand days stays uncompressed in the row, so reading it costs no decompression.

-- Accounts whose lines changed since their facts were built (duplicates allowed; no key, so writers never wait).
CREATE TABLE kpi_dirty_accounts (
    account_id  bigint NOT NULL
);

-- Builds the facts of the given accounts (all when ids is null) from order_lines.
CREATE FUNCTION kpi_build_account_facts(ids bigint[]) RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE
    written bigint;
BEGIN
    EXECUTE format($sql$
        INSERT INTO kpi_account_facts (account_id, first_day, last_day, days, category_first_days, categories)
        WITH lines AS (
            SELECT account_id, order_date, net_amount, product_category
            FROM order_lines
            WHERE %s
        ), by_day AS (
            SELECT account_id, order_date - DATE '0001-01-01' AS day,
                   (100 * sum(net_amount))::bigint AS cents, bool_or(net_amount >= 0) AS is_transaction
            FROM lines
            GROUP BY account_id, order_date
        ), with_delta AS (
            SELECT account_id, day, cents, is_transaction::integer AS tx,
                   day - lag(day, 1, day) OVER (PARTITION BY account_id ORDER BY day) AS delta
            FROM by_day
        ), encoded AS (
            SELECT account_id, min(day) AS first_day, max(day) AS last_day,
                   string_agg(
                       CASE WHEN delta < 16384 THEN int2send(((delta << 1) | tx)::smallint)
                            ELSE int2send((-1 - tx)::smallint) || int4send(delta) END
                       || CASE WHEN cents BETWEEN -2147483647 AND 2147483647 THEN int4send(cents::integer)
                               ELSE int4send(-2147483648) || int8send(cents) END,
                       ''::bytea ORDER BY day) AS days
            FROM with_delta
            GROUP BY account_id
        ), bought AS (
            SELECT account_id, btrim(product_category, E' \t\r\n') AS category, min(order_date) - DATE '0001-01-01' AS first_day
            FROM lines
            WHERE net_amount >= 0 AND btrim(product_category, E' \t\r\n') <> ''
            GROUP BY 1, 2
        ), by_category AS (
            SELECT account_id, array_agg(first_day ORDER BY first_day) AS first_days, array_agg(category ORDER BY category) AS categories
            FROM bought
            GROUP BY account_id
        )
        SELECT e.account_id, e.first_day, e.last_day, e.days, coalesce(c.first_days, '{}'), coalesce(c.categories, '{}')
        FROM encoded e
        LEFT JOIN by_category c ON c.account_id = e.account_id
        $sql$, CASE WHEN ids IS NULL THEN 'true' ELSE 'account_id = ANY ($1)' END)
    USING ids;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$fn$;

-- Rebuilds the facts of the accounts marked dirty; returns how many accounts it looked at. Concurrent callers take
-- disjoint sets (the DELETE locks the rows it takes); the rebuild runs in the caller's transaction, so a KPI query
-- that follows in the same or a later transaction sees current facts.
CREATE FUNCTION kpi_refresh_account_facts() RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
    ids bigint[];
BEGIN
    WITH taken AS (DELETE FROM kpi_dirty_accounts RETURNING account_id)
    SELECT array_agg(DISTINCT account_id) INTO ids FROM taken;
    IF ids IS NULL THEN
        RETURN 0;
    END IF;
    DELETE FROM kpi_account_facts WHERE account_id = ANY (ids);
    PERFORM kpi_build_account_facts(ids);
    RETURN cardinality(ids);
END
$fn$;

CREATE FUNCTION kpi_mark_new_lines() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO kpi_dirty_accounts (account_id) SELECT DISTINCT account_id FROM new_lines;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION kpi_mark_old_lines() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO kpi_dirty_accounts (account_id) SELECT DISTINCT account_id FROM old_lines;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION kpi_mark_changed_lines() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO kpi_dirty_accounts (account_id)
    SELECT account_id FROM new_lines UNION SELECT account_id FROM old_lines;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION kpi_clear_facts() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    DELETE FROM kpi_account_facts;
    DELETE FROM kpi_dirty_accounts;
    RETURN NULL;
END
$fn$;

-- Statement-level with transition tables: one INSERT per statement (import, COPY, API write), not per line.
CREATE TRIGGER order_lines_kpi_insert AFTER INSERT ON order_lines
    REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_new_lines();
CREATE TRIGGER order_lines_kpi_update AFTER UPDATE ON order_lines
    REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_changed_lines();
CREATE TRIGGER order_lines_kpi_delete AFTER DELETE ON order_lines
    REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_old_lines();
CREATE TRIGGER order_lines_kpi_truncate AFTER TRUNCATE ON order_lines
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_clear_facts();

-- The history so far.
SELECT kpi_build_account_facts(NULL);
