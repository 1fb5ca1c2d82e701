-- KPI dashboard benchmark data (docs/benchmarks.md, "KPI dashboard"): :accounts accounts and about :lines order lines
-- over five years ending :as_of, generated in PostgreSQL with generate_series. Deterministic: every "random" number
-- is a hash of a row number, so the same parameters always give the same data.
--   psql -v accounts=50000 -v lines=20000000 -v as_of=2026-11-21 -f bench/kpi/generate.sql   (migrated, empty database)
\set ON_ERROR_STOP on
SET session_replication_role = replica;   -- generated rows are consistent: skip the per-row foreign-key triggers
SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';

-- u(k, n): a pseudo-random number in [0, 1) for row n of stream k.
CREATE FUNCTION pg_temp.u(k int, n bigint) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ((hashint8(n * 7919 + k)::bigint + 2147483648) % 1000003) / 1000003.0 $$;

-- Accounts: 10 % prospects (no orders), 10 % new (first order within the last year), 12 % lost (last order 1–3 years
-- ago), the others buying throughout; order frequency from a heavy-tailed weight.
INSERT INTO accounts (id, external_id, name, industry, country, region, employees, business_type, acquisition_channel,
                      acquired_on, acquisition_cost, key_account, segment)
SELECT i, 'B-' || lpad(i::text, 6, '0'), 'Benchmark customer ' || i,
       (ARRAY['Automotive','Food & beverage','Chemicals','Packaging','Pharma','Plastics','Metalworking','Logistics','Electronics'])[1 + (i % 9)],
       (ARRAY['DE','DE','DE','AT','CH','NL','PL','FR'])[1 + (i % 8)],
       (ARRAY['Bayern','Baden-Württemberg','NRW','Niedersachsen','Sachsen','Hessen'])[1 + (i % 6)],
       (20 + 5000 * pg_temp.u(1, i) ^ 3)::int,
       (ARRAY['product','product','plant','system','supplier'])[1 + (i % 5)],
       (ARRAY['direct','trade_fair','referral','online','indirect','classic'])[1 + ((i / 7) % 6)],
       NULL, NULL, pg_temp.u(5, i) < 0.1, 'prospect'
FROM generate_series(1, :accounts) i;
SELECT setval(pg_get_serial_sequence('accounts', 'id'), :accounts);

CREATE TEMP TABLE bench_spans AS
SELECT id AS account_id,
       CASE WHEN pg_temp.u(2, id) < 0.20 THEN :'as_of'::date - (20 + pg_temp.u(6, id) * 340)::int
            ELSE :'as_of'::date - 1826 + (pg_temp.u(6, id) * 200)::int END AS first_day,
       CASE WHEN pg_temp.u(2, id) < 0.32 AND pg_temp.u(2, id) >= 0.20 THEN :'as_of'::date - (380 + pg_temp.u(7, id) * 700)::int
            ELSE :'as_of'::date END AS last_day,
       0.2 + 4 * pg_temp.u(8, id) ^ 2 AS weight,
       1 + (pg_temp.u(9, id) * 5)::int AS breadth
FROM accounts WHERE pg_temp.u(2, id) >= 0.10;

-- Orders: each buying account gets a share of all orders proportional to its weight; 1–9 lines (5 on average) each.
CREATE TEMP TABLE bench_orders AS
SELECT row_number() OVER (ORDER BY s.account_id, k) AS id, s.account_id, s.breadth, s.first_day, s.last_day,
       s.first_day + (pg_temp.u(10, s.account_id * 100000 + k) * (s.last_day - s.first_day))::int AS order_date
FROM bench_spans s
CROSS JOIN LATERAL generate_series(1, greatest(1, round(s.weight / (SELECT sum(weight) FROM bench_spans) * (:lines / 5.0))::int)) k;

INSERT INTO orders (id, order_no, account_id, order_date)
SELECT id, 'BO' || id, account_id, order_date FROM bench_orders;
SELECT setval(pg_get_serial_sequence('orders', 'id'), (SELECT max(id) FROM orders));

-- Lines: the order_lines indexes are dropped during the load and rebuilt from their own definitions afterwards.
CREATE TEMP TABLE bench_indexes AS
SELECT indexname, indexdef FROM pg_indexes
WHERE tablename = 'order_lines' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'order_lines'::regclass);
DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT indexname FROM bench_indexes LOOP EXECUTE format('DROP INDEX %I', r.indexname); END LOOP;
END $$;

-- Categories: an account buys from more of the six categories as time goes on (cross-sell), 2.5 % of lines are returns.
INSERT INTO order_lines (order_id, account_id, order_date, line_no, product_sku, product_category, quantity, net_amount, margin)
SELECT o.id, o.account_id, o.order_date, n,
       'SKU-' || ((o.id * 31 + n) % 2000),
       (ARRAY['machines','components','spare_parts','service','training','retrofit'])[
           1 + ((o.account_id + floor(pg_temp.u(12, o.id * 10 + n)
                * (1 + o.breadth * (o.order_date - o.first_day) / greatest(1, o.last_day - o.first_day)))::int) % 6)],
       1 + (pg_temp.u(13, o.id * 10 + n) * 20)::int,
       CASE WHEN pg_temp.u(14, o.id * 10 + n) < 0.025 THEN -1 ELSE 1 END
           * round((20 + 4000 * pg_temp.u(15, o.id * 10 + n) ^ 2)::numeric, 2),
       round((5 + 800 * pg_temp.u(16, o.id * 10 + n))::numeric, 2)
FROM bench_orders o
CROSS JOIN LATERAL generate_series(1, 1 + floor(pg_temp.u(17, o.id) * 9)::int) n;

DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT indexdef FROM bench_indexes LOOP EXECUTE r.indexdef; END LOOP;
END $$;

-- What the import would have set: acquisition date and cost of buying accounts, segments (prospect/new/lost/regular).
UPDATE accounts a SET acquired_on = s.first_day - (pg_temp.u(3, a.id) * 60)::int,
                      acquisition_cost = round((500 + 20000 * pg_temp.u(4, a.id))::numeric, 2),
                      segment = CASE WHEN s.first_day > :'as_of'::date - 365 THEN 'new'
                                     WHEN s.last_day <= :'as_of'::date - 365 THEN 'lost' ELSE 'regular' END
FROM bench_spans s WHERE s.account_id = a.id;

-- Service contracts for a fifth of the buying accounts.
INSERT INTO contracts (contract_no, account_id, start_date, end_date, annual_value, auto_renew)
SELECT 'BC-' || account_id, account_id, first_day, CASE WHEN last_day < :'as_of'::date THEN last_day END, 12000, true
FROM bench_spans WHERE account_id % 5 = 0;

RESET session_replication_role;
ANALYZE;
SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM orders) AS orders,
       (SELECT count(*) FROM order_lines) AS order_lines, (SELECT count(*) FROM contracts) AS contracts;
