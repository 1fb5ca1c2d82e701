using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Import;

/// <summary>
/// Orders: one row per order line, lines of one order share order_id (stored as order_no), account and order date.
/// Account ids come from an in-memory map of external ids (accounts are few; lines are never held in memory).
/// Re-importing an order replaces its lines — unless header and lines are equal to the stored ones, which are then left
/// untouched — so importing the same file twice leaves the same lines. Products are upserted by SKU, and the segments of
/// the accounts in the file are refreshed (<see cref="SegmentRefresh"/>).
/// <see cref="OrderLoader"/> reads the file: lines of new orders go straight into order_lines, lines of existing orders
/// into the staging table for the set-based steps here; with <see cref="ImportContext.StageAll"/> every row is staged.
/// </summary>
internal sealed class OrderImport(ImportContext context) : EntityImport<OrderLineInput>(context)
{
    private static readonly StageColumn[] Stage =
    [
        new("order_no", "text"), new("account_id", "bigint"), new("order_date", "date"), new("net_amount", "numeric(16,2)"),
        new("product_sku", "text"), new("product_category", "text"), new("quantity", "numeric(14,3)"), new("currency", "text"),
        new("margin", "numeric(16,2)"),
    ];

    private Dictionary<string, long> _accounts = [];
    private long _accountId;
    private OrderLoader? _loader;

    /// <summary>The account id that <see cref="CheckRow"/> resolved for the row it checked last.</summary>
    public long ResolvedAccountId => _accountId;

    public override EntitySchema Schema => OrderLineRules.Schema;

    public override IReadOnlyList<StageColumn> StageColumns => Stage;

    public override RuleResult<OrderLineInput> Parse(IFieldValues values, ValueFormat format) => OrderLineRules.Parse(values, format);

    public override async Task PrepareAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var accounts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("SELECT external_id, id FROM accounts", connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                accounts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        _accounts = accounts;
        // What the loader writes besides the staging table: product pairs and the accounts of new orders' lines.
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE import_products (sku text NOT NULL, category text) ON COMMIT DROP;
            CREATE TEMP TABLE import_accounts (id bigint NOT NULL) ON COMMIT DROP;
            """, ct);
    }

    public override Task<StreamOutcome> LoadAsync(NpgsqlConnection connection, RowSource source, CancellationToken ct) =>
        (_loader = new OrderLoader(this, Context)).LoadAsync(connection, source, ct);

    /// <remarks>Resolves the account; <see cref="Write"/> follows immediately for the same row and uses the resolved id.</remarks>
    public override void CheckRow(OrderLineInput input, List<FieldError> errors)
    {
        if (!_accounts.TryGetValue(input.AccountExternalId!, out _accountId))
        {
            errors.Add(new FieldError("account_external_id", $"no account with external_id '{input.AccountExternalId}' in the database"));
        }
    }

    public override void Write(NpgsqlBinaryImporter w, OrderLineInput o)
    {
        w.Write(o.OrderId!, NpgsqlDbType.Text);
        w.Write(_accountId, NpgsqlDbType.Bigint);
        w.Write(o.OrderDate!.Value, NpgsqlDbType.Date);
        w.Write(o.NetAmount!.Value, NpgsqlDbType.Numeric);
        w.Text(o.ProductSku);
        w.Text(o.ProductCategory);
        w.Decimal(o.Quantity);
        w.Text(o.Currency);
        w.Decimal(o.Margin);
    }

    /// <summary>One row per order of the file, in file order, with what its lines agree (or disagree) on.</summary>
    public override Task AfterStageAsync(NpgsqlConnection connection, CancellationToken ct) => ExecuteAsync(connection, """
        CREATE TEMP TABLE import_orders ON COMMIT DROP AS
        SELECT order_no, min(account_id) AS account_id, max(account_id) AS max_account_id,
               min(order_date) AS order_date, max(order_date) AS max_order_date,
               coalesce(min(currency), 'EUR') AS currency, count(*) AS lines, min(line) AS first_line, max(line) AS last_line,
               NULL::bigint AS order_id, NULL::bigint AS old_account_id, 'new'::text AS status
        FROM import_stage WHERE reason IS NULL GROUP BY order_no
        ORDER BY min(line);
        ANALYZE import_orders;
        """, ct);

    public override IEnumerable<SqlCheck> Checks()
    {
        yield return new SqlCheck("order_id", """
            WITH bad AS (
                SELECT order_no FROM import_orders WHERE account_id <> max_account_id OR order_date <> max_order_date),
            lines AS (
                SELECT s.order_no, s.line, s.account_id, s.order_date,
                       first_value(s.line) OVER w AS first_line, first_value(s.account_id) OVER w AS first_account,
                       first_value(s.order_date) OVER w AS first_date
                FROM import_stage s JOIN bad USING (order_no)
                WHERE s.reason IS NULL
                WINDOW w AS (PARTITION BY s.order_no ORDER BY s.line)),
            conflict AS (
                SELECT DISTINCT ON (order_no) order_no, line, account_id, order_date
                FROM lines WHERE account_id <> first_account OR order_date <> first_date
                ORDER BY order_no, line)
            SELECT l.line, format('the lines of order %L disagree: row %s has account %L and order_date %s, row %s has account %L and order_date %s (all lines of an order share account and date)',
                                  l.order_no, l.first_line, fa.external_id, l.first_date, c.line, ca.external_id, c.order_date)
            FROM lines l
            JOIN conflict c USING (order_no)
            JOIN accounts fa ON fa.id = l.first_account
            JOIN accounts ca ON ca.id = c.account_id
            """);
    }

    public override async Task<ImportCounts> CountAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // With --skip-invalid the lines of disagreeing orders were rejected; their orders go too.
        await ExecuteAsync(connection, """
            DELETE FROM import_orders WHERE account_id <> max_account_id OR order_date <> max_order_date
            """, ct);
        var existing = await ExecuteAsync(connection, """
            UPDATE import_orders s SET order_id = o.id, old_account_id = o.account_id, status = 'changed'
            FROM orders o WHERE o.order_no = s.order_no
            """, ct);
        if (existing > 0)
        {
            // An existing order whose header and lines (in order) equal the file's is left alone, so a re-import neither
            // deletes nor inserts lines. The lines are paired by their place in the order (file: row order; database:
            // line_no order) and compared column by column: one hash join, cheaper than reducing both sides to text
            // digests (1M unchanged lines: about 6.4 s instead of 9.2 s in an isolated test, docs/benchmarks.md "Import").
            await ExecuteAsync(connection, """
                ANALYZE import_orders;
                WITH f AS (
                    SELECT s.order_id, row_number() OVER (PARTITION BY t.order_no ORDER BY t.line) AS n,
                           t.product_sku, t.product_category, t.quantity, t.net_amount, t.margin, coalesce(t.currency, 'EUR') AS currency
                    FROM import_stage t JOIN import_orders s ON s.order_no = t.order_no
                    WHERE t.reason IS NULL AND s.status = 'changed'),
                d AS (
                    SELECT l.order_id, row_number() OVER (PARTITION BY l.order_id ORDER BY l.line_no) AS n,
                           l.product_sku, l.product_category, l.quantity, l.net_amount, l.margin, l.currency
                    FROM order_lines l WHERE l.order_id IN (SELECT order_id FROM import_orders WHERE status = 'changed')),
                differs AS (
                    SELECT DISTINCT coalesce(f.order_id, d.order_id) AS order_id
                    FROM f FULL JOIN d ON d.order_id = f.order_id AND d.n = f.n
                    WHERE f.order_id IS NULL OR d.order_id IS NULL
                       OR (f.product_sku, f.product_category, f.quantity, f.net_amount, f.margin, f.currency)
                          IS DISTINCT FROM (d.product_sku, d.product_category, d.quantity, d.net_amount, d.margin, d.currency))
                UPDATE import_orders s SET status = 'unchanged'
                FROM orders o
                WHERE s.status = 'changed' AND o.id = s.order_id
                  AND o.account_id = s.account_id AND o.order_date = s.order_date AND o.currency = s.currency
                  AND NOT EXISTS (SELECT FROM differs x WHERE x.order_id = s.order_id);
                """, ct);
        }
        var counts = await ReadCountsAsync(connection, """
            SELECT sum(lines) FILTER (WHERE status = 'new')::bigint,
                   sum(lines) FILTER (WHERE status = 'changed')::bigint,
                   sum(lines) FILTER (WHERE status = 'unchanged')::bigint
            FROM import_orders
            """, ct);
        return counts with { Inserted = counts.Inserted + (_loader?.DirectLines ?? 0) };
    }

    public override async Task ApplyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // New orders get their ids in file order (import_orders is stored in file order), so lines arrive in
        // ascending order_id and the order index grows at its end. Lines of changed orders are deleted before their
        // header changes so the account cascade has nothing to update.
        await ExecuteAsync(connection, """
            UPDATE import_orders SET order_id = nextval(pg_get_serial_sequence('orders', 'id')) WHERE status = 'new';

            INSERT INTO orders (id, order_no, account_id, order_date, currency)
            SELECT order_id, order_no, account_id, order_date, currency FROM import_orders WHERE status = 'new';

            DELETE FROM order_lines l USING import_orders s WHERE s.status = 'changed' AND l.order_id = s.order_id;

            UPDATE orders o SET account_id = s.account_id, order_date = s.order_date, currency = s.currency
            FROM import_orders s
            WHERE s.status = 'changed' AND o.id = s.order_id
              AND (o.account_id, o.order_date, o.currency) IS DISTINCT FROM (s.account_id, s.order_date, s.currency);

            ANALYZE import_orders;

            -- Lines of an order that stand together in the file (the usual case) are numbered by their distance from
            -- the order's first line, without sorting; the others (spread out, or records spanning several physical
            -- lines) by row_number().
            INSERT INTO order_lines (order_id, account_id, order_date, line_no, product_sku, product_category, quantity, net_amount, margin, currency)
            SELECT s.order_id, t.account_id, t.order_date, (t.line - s.first_line + 1)::int,
                   t.product_sku, t.product_category, t.quantity, t.net_amount, t.margin, coalesce(t.currency, 'EUR')
            FROM import_stage t JOIN import_orders s ON s.order_no = t.order_no
            WHERE t.reason IS NULL AND s.status <> 'unchanged' AND s.last_line - s.first_line + 1 = s.lines;

            INSERT INTO order_lines (order_id, account_id, order_date, line_no, product_sku, product_category, quantity, net_amount, margin, currency)
            SELECT s.order_id, t.account_id, t.order_date, row_number() OVER (PARTITION BY t.order_no ORDER BY t.line),
                   t.product_sku, t.product_category, t.quantity, t.net_amount, t.margin, coalesce(t.currency, 'EUR')
            FROM import_stage t JOIN import_orders s ON s.order_no = t.order_no
            WHERE t.reason IS NULL AND s.status <> 'unchanged' AND s.last_line - s.first_line + 1 <> s.lines;

            INSERT INTO products (sku, category)
            SELECT sku, max(category) FROM (
                SELECT product_sku, product_category FROM import_stage WHERE reason IS NULL AND product_sku IS NOT NULL
                UNION ALL
                SELECT sku, category FROM import_products) p(sku, category)
            GROUP BY sku
            ON CONFLICT (sku) DO UPDATE SET category = coalesce(excluded.category, products.category)
            WHERE products.category IS DISTINCT FROM coalesce(excluded.category, products.category);
            """, ct);
        await SegmentRefresh.RefreshAsync(connection, """
            SELECT account_id FROM import_orders UNION SELECT old_account_id FROM import_orders WHERE old_account_id IS NOT NULL
            UNION SELECT id FROM import_accounts
            """, Context.Today, ct);
    }
}
