-- Order lines are loaded in bulk (1M-line imports, docs/scaling.md), so their per-row costs decide the import speed (ADR 0010).
-- 1. The reference line → order (order_id, account_id) is enforced by statement-level triggers with transition tables
--    instead of a foreign key: one join per statement instead of one referential query per line. The triggers keep
--    the foreign key's meaning for every writer (API, EF, psql): a line's order must exist and belong to the line's
--    account; deleting an order deletes its lines; moving an order to another account moves its lines.
-- 2. Lines are identified by (order_id, line_no): that key replaces both the surrogate id and the order_id index.
-- 3. Lines are appended roughly in date order, so a BRIN index serves date ranges over all accounts (dashboard
--    revenue) at a fraction of a B-tree's insert cost; per-account ranges use ix_order_lines_account_date.

-- Line numbers were unique per order for every writer so far; renumber defensively where they are not.
UPDATE order_lines l SET line_no = r.n
FROM (SELECT id, row_number() OVER (PARTITION BY order_id ORDER BY line_no, id) AS n
      FROM order_lines
      WHERE order_id IN (SELECT order_id FROM order_lines GROUP BY order_id, line_no HAVING count(*) > 1)) r
WHERE l.id = r.id;

ALTER TABLE order_lines DROP CONSTRAINT order_lines_order_fkey;
DROP INDEX ux_orders_id_account;

ALTER TABLE order_lines DROP CONSTRAINT order_lines_pkey;
ALTER TABLE order_lines DROP COLUMN id;
ALTER TABLE order_lines ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, line_no);
DROP INDEX ix_order_lines_order;

DROP INDEX ix_order_lines_date;
CREATE INDEX ix_order_lines_date_brin ON order_lines USING brin (order_date);

-- Every statement that inserts or updates lines: each (order_id, account_id) must be an order. Orders that this
-- transaction wrote itself (xmin) cannot change under it; any other referenced order is touched with a no-op
-- UPDATE, which waits for and conflicts with a concurrent delete or move of that order exactly like a foreign
-- key's row lock does, and also makes a REPEATABLE READ or SERIALIZABLE transaction that deletes or moves the order
-- afterwards fail with a serialization error instead of missing the new lines.
CREATE FUNCTION order_lines_check_orders() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    me constant xid := pg_current_xact_id()::xid;
    missing bigint;
    others bigint;
    bad record;
BEGIN
    -- LATERAL ... LIMIT 1: one primary-key probe per order; a plain join may hash all of orders for a few lines.
    SELECT count(*) FILTER (WHERE o.mine IS NULL), count(*) FILTER (WHERE NOT o.mine)
    INTO missing, others
    FROM (SELECT DISTINCT order_id, account_id FROM new_lines) k
    LEFT JOIN LATERAL (
        SELECT o.xmin = me AS mine FROM orders o WHERE o.id = k.order_id AND o.account_id = k.account_id LIMIT 1) o ON true;

    IF others > 0 THEN
        UPDATE orders o SET currency = o.currency
        FROM (SELECT DISTINCT order_id, account_id FROM new_lines) k
        WHERE o.id = k.order_id AND o.account_id = k.account_id AND o.xmin <> me;
        missing := 1;
    END IF;

    IF missing > 0 THEN
        -- Under READ COMMITTED this statement sees what concurrent transactions committed while the UPDATE waited.
        SELECT k.order_id, k.account_id INTO bad
        FROM (SELECT DISTINCT order_id, account_id FROM new_lines) k
        WHERE NOT EXISTS (SELECT FROM orders o WHERE o.id = k.order_id AND o.account_id = k.account_id)
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'insert or update on table "order_lines" violates foreign key constraint "order_lines_order_fkey"'
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'order_lines_order_fkey', TABLE = 'order_lines',
                      DETAIL = format('Key (order_id, account_id)=(%s, %s) is not present in table "orders".', bad.order_id, bad.account_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER order_lines_orders_insert AFTER INSERT ON order_lines
    REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION order_lines_check_orders();
CREATE TRIGGER order_lines_orders_update AFTER UPDATE ON order_lines
    REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION order_lines_check_orders();

-- Deleting orders deletes their lines (was ON DELETE CASCADE), also when accounts are deleted (accounts → orders).
CREATE FUNCTION orders_delete_lines() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM order_lines l USING old_orders o WHERE l.order_id = o.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER orders_lines_delete AFTER DELETE ON orders
    REFERENCING OLD TABLE AS old_orders FOR EACH STATEMENT EXECUTE FUNCTION orders_delete_lines();

-- Moving orders to another account moves their lines (was ON UPDATE CASCADE on account_id).
CREATE FUNCTION orders_move_lines() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE order_lines l SET account_id = n.account_id
    FROM old_orders o JOIN new_orders n ON n.id = o.id
    WHERE l.order_id = o.id AND n.account_id <> o.account_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER orders_lines_move AFTER UPDATE ON orders
    REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION orders_move_lines();

-- The statement-level cascade pairs old and new rows by id, so an order's id must not change (the foreign key
-- cascaded such changes; nothing in Rapport changes an order's id).
CREATE FUNCTION orders_id_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the id of order % cannot change (order lines refer to it)', OLD.id
        USING ERRCODE = 'foreign_key_violation', TABLE = 'orders', COLUMN = 'id';
END
$$;

CREATE TRIGGER orders_id_immutable BEFORE UPDATE OF id ON orders
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION orders_id_immutable();

-- TRUNCATE orders (also TRUNCATE accounts ... CASCADE) empties order_lines, as it did through the foreign key.
CREATE FUNCTION orders_truncate_lines() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE order_lines;
    RETURN NULL;
END
$$;

CREATE TRIGGER orders_lines_truncate AFTER TRUNCATE ON orders
    FOR EACH STATEMENT EXECUTE FUNCTION orders_truncate_lines();
