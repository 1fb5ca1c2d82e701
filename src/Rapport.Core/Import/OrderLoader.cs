using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Import;

/// <summary>
/// How <see cref="OrderImport"/> reads an order file (ADR 0010). A background thread reads and checks the rows and
/// hands them over in chunks of about <see cref="ImportOptions.OrderChunkRows"/> rows while this thread writes the previous chunk, so
/// parsing and the database's work overlap. Per chunk, one query looks up the chunk's orders by order_no, the new ones
/// are created (binary COPY, ids from the orders sequence in file order), and each order's lines go:
/// <list type="bullet">
/// <item>lines of orders that did not exist before the import are copied (binary COPY) straight into
/// <c>order_lines</c> with their order id and line number — the bulk of a first import, written once;</item>
/// <item>lines of orders that existed go into <c>import_stage</c>, where the set-based steps of <see cref="OrderImport"/>
/// keep unchanged orders and replace the lines of changed ones; rejected rows (--skip-invalid) go there too.</item>
/// </list>
/// Without --skip-invalid an invalid row, and in any case an order whose lines disagree on account, date or currency,
/// ends this path with <see cref="StreamOutcome.Fallback"/>: the import starts again on the general path, which stages
/// every row and names every error. Memory stays bounded by a few chunks (and the longest order).
/// </summary>
internal sealed class OrderLoader(OrderImport import, ImportContext context)
{
    // Texts shared between rows and product pairs already sent are remembered up to this many (then forgotten).
    private const int MaxRemembered = 100_000;

    // Where a chunk's order goes: its lines into order_lines, or into import_stage (it existed before the import), or
    // back to the general path (it disagrees with its lines in an earlier chunk); New until the database answered.
    private const int Direct = 0, Staged = 1, Disagrees = 2, New = 3;

    // The chunk's orders that exist: whether this import created them (xmin), whether they agree with the chunk's
    // lines, and how many lines they have so far. LATERAL ... LIMIT 1 keeps this one index probe per order: with a
    // plain join the planner, not knowing how many rows unnest() yields, may hash the whole orders table per chunk.
    // @counted: whether to count the lines (an initial load counts them itself: order_lines has no key meanwhile).
    private const string LookupSql = """
        SELECT p.k, o.id, o.ours, o.agrees,
               CASE WHEN o.ours AND @counted THEN coalesce((SELECT max(l.line_no) FROM order_lines l WHERE l.order_id = o.id), 0) ELSE 0 END
        FROM unnest(@order_no, @account_id, @order_date, @currency) WITH ORDINALITY AS p(order_no, account_id, order_date, currency, k)
        CROSS JOIN LATERAL (
            SELECT o.id, o.xmin = pg_current_xact_id()::xid AS ours,
                   o.account_id = p.account_id AND o.order_date = p.order_date AND (p.currency IS NULL OR p.currency = o.currency) AS agrees
            FROM orders o WHERE o.order_no = p.order_no
            LIMIT 1) o
        """;

    private readonly HashSet<long> _accounts = [];
    private readonly HashSet<long> _lockedAccounts = [];
    private bool _withoutTriggers;
    private InitialOrderLoad? _initial;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentQueue<Chunk> _free = new();
    private string? _sequence;
    // The category last sent per SKU: one ordinal string lookup per line instead of hashing a (sku, category) pair.
    private readonly Dictionary<string, string?> _products = new(StringComparer.Ordinal);

    /// <summary>Lines of new orders (written to order_lines unless --dry-run).</summary>
    public long DirectLines { get; private set; }

    public async Task<StreamOutcome> LoadAsync(NpgsqlConnection connection, RowSource source, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand("SELECT pg_get_serial_sequence('orders', 'id')", connection))
        {
            _sequence = (string)(await cmd.ExecuteScalarAsync(ct))!;
        }
        _withoutTriggers = await MaySkipTriggersAsync(connection, ct);
        if (_withoutTriggers)
        {
            await CsvImporter.ExecuteAsync(connection, "SET LOCAL session_replication_role = replica", ct);
        }
        if (!context.Options.DryRun)
        {
            _initial = await InitialOrderLoad.TryBeginAsync(connection, source.File.Length, ct);
        }
        var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reader = Task.Factory.StartNew(() => Read(source, channel.Writer, stop.Token), stop.Token,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(ct))
            {
                if (chunk.End is { Fatal: not null } or { Fallback: true })
                {
                    return chunk.End.Value;
                }
                if (!await WriteAsync(connection, chunk, ct))
                {
                    return new StreamOutcome(chunk.RowsRead, Fallback: true);
                }
                var end = chunk.End;
                var (rowsRead, position) = (chunk.RowsRead, chunk.Position);
                chunk.Clear();
                _free.Enqueue(chunk);
                CsvImporter.Report(context.Options, rowsRead, position, source.File.Length, "reading");
                if (end is { } last)
                {
                    if (_initial is not null)
                    {
                        CsvImporter.Report(context.Options, rowsRead, position, source.File.Length, "indexing");
                        await _initial.FinishAsync(connection, ct);
                    }
                    await CsvImporter.ExecuteAsync(connection, "INSERT INTO import_accounts (id) SELECT unnest(@ids)", ct,
                        new NpgsqlParameter<long[]>("ids", [.. _accounts]));
                    if (_withoutTriggers)
                    {
                        // What the skipped statement triggers of order_lines do for the copied lines: their reference to
                        // the order holds by construction (the loader created each order with its lines' account and
                        // date, or checked that they agree), and the KPI facts of their accounts are now stale.
                        await CsvImporter.ExecuteAsync(connection, """
                            SET LOCAL session_replication_role = origin;
                            INSERT INTO kpi_dirty_accounts (account_id) SELECT id FROM import_accounts;
                            """, ct);
                    }
                    return last;
                }
            }
            throw new InvalidOperationException("The order file was not read to its end.");
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await reader;
            }
            catch (OperationCanceledException)
            {
                // The reader was stopped because this side finished early (fallback, error or cancellation).
            }
        }
    }

    /// <summary>The reading thread: checks rows and groups the valid ones of a chunk by order.</summary>
    private void Read(RowSource source, ChannelWriter<Chunk> output, CancellationToken ct)
    {
        try
        {
            var rows = new RowChecker<OrderLineInput>(source, import, reportProgress: false);
            var skipInvalid = context.Options.SkipInvalid;
            // Chunks end between orders; an order longer than maxRows is split, its later lines continuing its numbering.
            var chunkRows = Math.Max(1, context.Options.OrderChunkRows);
            var maxRows = 8 * chunkRows;
            var chunk = NewChunk();
            var pieces = new Dictionary<string, int>(StringComparer.Ordinal);
            string? lastOrder = null;

            void Emit(StreamOutcome? end)
            {
                chunk.RowsRead = rows.Rows;
                chunk.Position = source.File.Position;
                chunk.End = end;
                while (!output.TryWrite(chunk))
                {
                    output.WaitToWriteAsync(ct).AsTask().GetAwaiter().GetResult();
                }
                chunk = NewChunk();
                pieces.Clear();
            }

            while (true)
            {
                if (rows.Next(ct) is { } end)
                {
                    Emit(end);
                    return;
                }
                var line = source.Reader.LineNumber;
                if (rows.Input is not { } input)
                {
                    if (!skipInvalid)
                    {
                        Emit(new StreamOutcome(rows.Rows, Fallback: true));
                        return;
                    }
                    chunk.Rows.Add(new Row { Line = line, Piece = -1, Raw = rows.Raw(), Reason = rows.Reason });
                    continue;
                }

                var orderNo = input.OrderId!;
                if (chunk.Rows.Count >= maxRows || (chunk.Rows.Count >= chunkRows && orderNo != lastOrder))
                {
                    Emit(null);
                }
                lastOrder = orderNo;
                var account = import.ResolvedAccountId;
                if (!pieces.TryGetValue(orderNo, out var p))
                {
                    p = chunk.Pieces.Count;
                    pieces.Add(orderNo, p);
                    chunk.Pieces.Add(new Piece(orderNo, account, input.OrderDate!.Value));
                }
                var piece = chunk.Pieces[p];
                if (piece.AccountId != account || piece.Date != input.OrderDate)
                {
                    Emit(new StreamOutcome(rows.Rows, Fallback: true));
                    return;
                }
                if (input.Currency is { } currency && (piece.Currency is null || string.CompareOrdinal(currency, piece.Currency) < 0))
                {
                    piece.Currency = currency;
                }
                // Rows wait in a chunk until written: keeping them compact (and repeated texts shared) keeps them out of
                // the garbage collector's way.
                chunk.Rows.Add(new Row
                {
                    Line = line, Piece = p, Position = piece.Lines++, AccountId = account,
                    NetAmount = input.NetAmount!.Value, Quantity = input.Quantity, Margin = input.Margin,
                    Sku = Intern(input.ProductSku), Category = Intern(input.ProductCategory), Currency = Intern(input.Currency),
                    Raw = skipInvalid ? rows.Raw() : null,
                });
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            output.TryComplete(ex);
        }
        finally
        {
            output.TryComplete();
        }
    }

    private Chunk NewChunk() => _free.TryDequeue(out var chunk) ? chunk : new Chunk();

    private string? Intern(string? text)
    {
        if (text is null)
        {
            return null;
        }
        if (_strings.TryGetValue(text, out var shared))
        {
            return shared;
        }
        if (_strings.Count >= MaxRemembered)
        {
            _strings.Clear();
        }
        _strings.Add(text, text);
        return text;
    }

    /// <summary>Writes one chunk; false when an order of it disagrees with its lines in an earlier chunk.</summary>
    private async Task<bool> WriteAsync(NpgsqlConnection connection, Chunk chunk, CancellationToken ct)
    {
        if (chunk.Pieces.Count > 0 && !await PlaceAsync(connection, chunk.Pieces, ct))
        {
            return false;
        }
        var direct = 0;
        foreach (var row in chunk.Rows)
        {
            if (row.Piece >= 0 && chunk.Pieces[row.Piece].Mode == Direct)
            {
                direct++;
            }
        }
        DirectLines += direct;
        foreach (var piece in chunk.Pieces)
        {
            if (piece.Mode == Direct)
            {
                _accounts.Add(piece.AccountId);
            }
        }
        if (direct > 0 && !context.Options.DryRun)
        {
            await CopyLinesAsync(connection, chunk, ct);
        }
        if (direct < chunk.Rows.Count)
        {
            await StageAsync(connection, chunk, ct);
        }
        return true;
    }

    /// <summary>
    /// Finds where each order of the chunk goes and creates the new ones (ids from the orders sequence, in file order);
    /// false when an order disagrees with what an earlier chunk created.
    /// </summary>
    private async Task<bool> PlaceAsync(NpgsqlConnection connection, List<Piece> pieces, CancellationToken ct)
    {
        foreach (var piece in pieces)
        {
            piece.Mode = New;
            piece.Offset = 0;
        }
        // In an initial load only orders this import may have created can exist.
        var lookup = _initial is null ? pieces : pieces.Where(p => _initial.MayExist(p.OrderNo)).ToList();
        if (lookup.Count > 0)
        {
            await using var cmd = new NpgsqlCommand(LookupSql, connection) { CommandTimeout = 0 };
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("order_no", [.. lookup.Select(p => p.OrderNo)]));
            cmd.Parameters.Add(new NpgsqlParameter<long[]>("account_id", [.. lookup.Select(p => p.AccountId)]));
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]>("order_date", [.. lookup.Select(p => p.Date)]));
            cmd.Parameters.Add(new NpgsqlParameter<string?[]>("currency", [.. lookup.Select(p => p.Currency)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter<bool>("counted", _initial is null));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var piece = lookup[(int)reader.GetInt64(0) - 1];
                piece.OrderId = reader.GetInt64(1);
                var (ours, agrees) = (reader.GetBoolean(2), reader.GetBoolean(3));
                piece.Mode = !ours ? Staged : agrees ? Direct : Disagrees;
                piece.Offset = _initial is null ? reader.GetInt32(4) : _initial.LinesOf(piece.OrderId);
                if (piece.Mode == Disagrees)
                {
                    return false;
                }
            }
        }

        var created = pieces.Where(p => p.Mode == New).ToList();
        if (created.Count == 0)
        {
            return true;
        }
        var ids = new List<long>(created.Count);
        if (_initial is not null)
        {
            var first = await InitialOrderLoad.TakeIdsAsync(connection, _sequence!, created.Count, ct);
            for (var i = 0; i < created.Count; i++)
            {
                ids.Add(first + i);
            }
        }
        else
        {
            await using var cmd = new NpgsqlCommand("SELECT nextval(@sequence::regclass) FROM generate_series(1, @n)", connection);
            cmd.Parameters.Add(new NpgsqlParameter<string>("sequence", _sequence!));
            cmd.Parameters.Add(new NpgsqlParameter<int>("n", created.Count));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetInt64(0));
            }
        }
        ids.Sort();
        if (_withoutTriggers)
        {
            await LockAccountsAsync(connection, created, ct);
        }
        await using var w = await PgBinaryCopyWriter.StartAsync(connection,
            "COPY orders (id, order_no, account_id, order_date, currency) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < created.Count; i++)
        {
            var piece = created[i];
            piece.OrderId = ids[i];
            piece.Mode = Direct;
            _initial?.Add(piece.OrderNo);
            w.StartRow(5);
            w.WriteInt64(piece.OrderId);
            w.WriteText(piece.OrderNo);
            w.WriteInt64(piece.AccountId);
            w.WriteDate(piece.Date);
            w.WriteText(piece.Currency ?? "EUR");
        }
        await w.CompleteAsync(ct);
        return true;
    }

    /// <summary>
    /// Whether this session may skip triggers (<c>session_replication_role</c>: superusers, or a role granted SET on it).
    /// Without, every row goes through the triggers and foreign keys as for any other writer, only slower.
    /// </summary>
    private static async Task<bool> MaySkipTriggersAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT current_setting('is_superuser') = 'on' OR has_parameter_privilege('session_replication_role', 'SET')", connection);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// With triggers skipped, the foreign key orders → accounts is not checked per row: instead each account gets the
    /// key-share lock its check would take, once per import, before its first order is written. From then on nobody can
    /// delete it until the import commits; one deleted since the import read the accounts is reported here.
    /// </summary>
    private async Task LockAccountsAsync(NpgsqlConnection connection, List<Piece> created, CancellationToken ct)
    {
        var wanted = created.Select(p => p.AccountId).Where(id => !_lockedAccounts.Contains(id)).Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return;
        }
        await using var cmd = new NpgsqlCommand("SELECT id FROM accounts WHERE id = ANY (@ids) ORDER BY id FOR KEY SHARE", connection);
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("ids", wanted));
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                _lockedAccounts.Add(reader.GetInt64(0));
            }
        }
        if (wanted.FirstOrDefault(id => !_lockedAccounts.Contains(id)) is var gone and not 0)
        {
            throw new InvalidOperationException(
                $"account {gone} was deleted while its orders were being imported; nothing was imported, import the file again");
        }
    }

    private async Task CopyLinesAsync(NpgsqlConnection connection, Chunk chunk, CancellationToken ct)
    {
        List<string>? newSkus = null;
        List<string?>? newCategories = null;
        // Ten values per line, a million lines per benchmark file: encoded here rather than bound one by one (ADR 0019).
        await using (var w = await PgBinaryCopyWriter.StartAsync(connection,
            "COPY order_lines (order_id, account_id, order_date, line_no, product_sku, product_category, quantity, net_amount, margin, currency) "
            + "FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in chunk.Rows)
            {
                if (row.Piece < 0 || chunk.Pieces[row.Piece] is not { Mode: Direct } piece)
                {
                    continue;
                }
                w.StartRow(10);
                w.WriteInt64(piece.OrderId);
                w.WriteInt64(row.AccountId);
                w.WriteDate(piece.Date);
                w.WriteInt32(piece.Offset + row.Position + 1);
                w.WriteText(row.Sku);
                w.WriteText(row.Category);
                w.WriteNumeric(row.Quantity);
                w.WriteNumeric(row.NetAmount);
                w.WriteNumeric(row.Margin);
                w.WriteText(row.Currency ?? "EUR");

                if (row.Sku is { } sku && (!_products.TryGetValue(sku, out var sent) || !string.Equals(sent, row.Category, StringComparison.Ordinal)))
                {
                    _products[sku] = row.Category;
                    (newSkus ??= []).Add(sku);
                    (newCategories ??= []).Add(row.Category);
                }
            }
            await w.CompleteAsync(ct);
        }
        if (_initial is not null)
        {
            foreach (var piece in chunk.Pieces)
            {
                if (piece.Mode == Direct)
                {
                    _initial.SetLines(piece.OrderId, piece.Offset + piece.Lines);
                }
            }
        }
        if (newSkus is not null)
        {
            await CsvImporter.ExecuteAsync(connection, "INSERT INTO import_products (sku, category) SELECT * FROM unnest(@skus, @categories)", ct,
                new NpgsqlParameter<string[]>("skus", [.. newSkus]),
                new NpgsqlParameter<string?[]>("categories", [.. newCategories!]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            // The server keeps every pair; this set only saves sending them again, so it may forget.
            if (_products.Count > MaxRemembered)
            {
                _products.Clear();
            }
        }
    }

    /// <summary>Lines of existing orders and rejected rows into import_stage, as the general path stages them.</summary>
    private async Task StageAsync(NpgsqlConnection connection, Chunk chunk, CancellationToken ct)
    {
        var columns = string.Join(", ", import.StageColumns.Select(c => c.Name));
        // A re-import stages every line of the file here: the same encoder as the direct path.
        await using var w = await PgBinaryCopyWriter.StartAsync(connection, $"COPY import_stage (line, raw, reason, {columns}) FROM STDIN (FORMAT BINARY)", ct);
        var width = (short)(3 + import.StageColumns.Count);
        foreach (var row in chunk.Rows)
        {
            if (row.Piece >= 0 && chunk.Pieces[row.Piece].Mode == Direct)
            {
                continue;
            }
            w.StartRow(width);
            w.WriteInt64(row.Line);
            w.WriteText(row.Raw);
            w.WriteText(row.Reason);
            if (row.Piece >= 0)
            {
                var piece = chunk.Pieces[row.Piece];
                w.WriteText(piece.OrderNo);
                w.WriteInt64(row.AccountId);
                w.WriteDate(piece.Date);
                w.WriteNumeric(row.NetAmount);
                w.WriteText(row.Sku);
                w.WriteText(row.Category);
                w.WriteNumeric(row.Quantity);
                w.WriteText(row.Currency);
                w.WriteNumeric(row.Margin);
            }
            else
            {
                for (var i = 0; i < import.StageColumns.Count; i++)
                {
                    w.WriteNull();
                }
            }
        }
        await w.CompleteAsync(ct);
    }

    /// <summary>
    /// A row of a chunk: a valid line (<see cref="Piece"/> = index of its order in the chunk, <see cref="Position"/> =
    /// its place among the order's lines in the chunk) or a rejected row (<see cref="Piece"/> = -1).
    /// </summary>
    private struct Row
    {
        public long Line;
        public int Piece;
        public int Position;
        public long AccountId;
        public decimal NetAmount;
        public decimal? Quantity;
        public decimal? Margin;
        public string? Sku;
        public string? Category;
        public string? Currency;
        public string? Raw;
        public string? Reason;
    }

    /// <summary>The lines of one order within a chunk; <see cref="OrderId"/>, <see cref="Mode"/> and <see cref="Offset"/> come from the database.</summary>
    private sealed class Piece(string orderNo, long accountId, DateOnly date)
    {
        public string OrderNo { get; } = orderNo;
        public long AccountId { get; } = accountId;
        public DateOnly Date { get; } = date;
        public string? Currency { get; set; }
        public int Lines { get; set; }
        public long OrderId { get; set; }
        public int Mode { get; set; }
        public int Offset { get; set; }
    }

    private sealed class Chunk
    {
        public List<Row> Rows { get; } = [];
        public List<Piece> Pieces { get; } = [];
        public long RowsRead { get; set; }
        public long Position { get; set; }
        public StreamOutcome? End { get; set; }

        public void Clear()
        {
            Rows.Clear();
            Pieces.Clear();
            End = null;
        }
    }
}
