using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Import;

/// <summary>
/// How <see cref="OrderImport"/> reads an order file (ADR 0010). A background thread reads and checks the rows and
/// hands them over in chunks of about <see cref="ImportOptions.OrderChunkRows"/> rows while this thread writes the previous chunk, so
/// parsing and the database's work overlap. Per chunk, one statement creates the chunk's new orders and tells for each
/// order of the chunk where its lines go:
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

    private const int Direct = 0, Staged = 1, Disagrees = 2;

    // One row per order of the chunk, in chunk order. Only the lookup by order_no joins; everything else is computed
    // row by row, because the planner cannot know how many rows unnest() yields. New orders take ids in file order.
    private const string PlaceSql = """
        WITH p AS MATERIALIZED (
            SELECT p.k, p.order_no, p.account_id, p.order_date, p.currency, o.id,
                   o.xmin = pg_current_xact_id()::xid AS ours,
                   o.account_id = p.account_id AND o.order_date = p.order_date AND (p.currency IS NULL OR p.currency = o.currency) AS agrees
            FROM unnest(@order_no, @account_id, @order_date, @currency) WITH ORDINALITY AS p(order_no, account_id, order_date, currency, k)
            LEFT JOIN orders o ON o.order_no = p.order_no
            ORDER BY p.k),
        placed AS MATERIALIZED (
            SELECT k, order_no, account_id, order_date, currency, id IS NULL AS new,
                   coalesce(id, nextval(@sequence::regclass)) AS order_id,
                   CASE WHEN id IS NULL OR (ours AND agrees) THEN 0 WHEN NOT ours THEN 1 ELSE 2 END AS mode,
                   CASE WHEN ours THEN coalesce((SELECT max(l.line_no) FROM order_lines l WHERE l.order_id = p.id), 0) ELSE 0 END AS line_offset
            FROM p ORDER BY k),
        created AS (
            INSERT INTO orders (id, order_no, account_id, order_date, currency)
            SELECT order_id, order_no, account_id, order_date, coalesce(currency, 'EUR') FROM placed WHERE new)
        SELECT order_id, mode, line_offset FROM placed ORDER BY k
        """;

    private readonly HashSet<long> _accounts = [];
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentQueue<Chunk> _free = new();
    private string? _sequence;
    private readonly HashSet<(string Sku, string? Category)> _products = [];

    /// <summary>Lines of new orders (written to order_lines unless --dry-run).</summary>
    public long DirectLines { get; private set; }

    public async Task<StreamOutcome> LoadAsync(NpgsqlConnection connection, RowSource source, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand("SELECT pg_get_serial_sequence('orders', 'id')", connection))
        {
            _sequence = (string)(await cmd.ExecuteScalarAsync(ct))!;
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
                    await ExecuteAsync(connection, "INSERT INTO import_accounts (id) SELECT unnest(@ids)", ct,
                        new NpgsqlParameter<long[]>("ids", [.. _accounts]));
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
        if (chunk.Pieces.Count > 0 && !await PlaceAsync(connection, chunk.Pieces, _sequence!, ct))
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

    /// <summary>Creates the chunk's new orders and reads, per order, its id, where its lines go and the lines it already has.</summary>
    private static async Task<bool> PlaceAsync(NpgsqlConnection connection, List<Piece> pieces, string sequence, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(PlaceSql, connection) { CommandTimeout = 0 };
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("order_no", [.. pieces.Select(p => p.OrderNo)]));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("account_id", [.. pieces.Select(p => p.AccountId)]));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]>("order_date", [.. pieces.Select(p => p.Date)]));
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("currency", [.. pieces.Select(p => p.Currency)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<string>("sequence", sequence));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var i = 0;
        var agree = true;
        while (await reader.ReadAsync(ct))
        {
            var piece = pieces[i++];
            piece.OrderId = reader.GetInt64(0);
            piece.Mode = reader.GetInt32(1);
            piece.Offset = reader.GetInt32(2);
            agree &= piece.Mode != Disagrees;
        }
        return agree;
    }

    private async Task CopyLinesAsync(NpgsqlConnection connection, Chunk chunk, CancellationToken ct)
    {
        List<string>? newSkus = null;
        List<string?>? newCategories = null;
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY order_lines (order_id, account_id, order_date, line_no, product_sku, product_category, quantity, net_amount, margin, currency) "
            + "FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in chunk.Rows)
            {
                if (row.Piece < 0 || chunk.Pieces[row.Piece] is not { Mode: Direct } piece)
                {
                    continue;
                }
                w.StartRow();
                w.Write(piece.OrderId, NpgsqlDbType.Bigint);
                w.Write(row.AccountId, NpgsqlDbType.Bigint);
                w.Write(piece.Date, NpgsqlDbType.Date);
                w.Write(piece.Offset + row.Position + 1, NpgsqlDbType.Integer);
                w.Text(row.Sku);
                w.Text(row.Category);
                w.Decimal(row.Quantity);
                w.Write(row.NetAmount, NpgsqlDbType.Numeric);
                w.Decimal(row.Margin);
                w.Write(row.Currency ?? "EUR", NpgsqlDbType.Text);

                if (row.Sku is { } sku && _products.Add((sku, row.Category)))
                {
                    (newSkus ??= []).Add(sku);
                    (newCategories ??= []).Add(row.Category);
                }
            }
            await w.CompleteAsync(ct);
        }
        if (newSkus is not null)
        {
            await ExecuteAsync(connection, "INSERT INTO import_products (sku, category) SELECT * FROM unnest(@skus, @categories)", ct,
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
        await using var w = await connection.BeginBinaryImportAsync($"COPY import_stage (line, raw, reason, {columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in chunk.Rows)
        {
            if (row.Piece >= 0 && chunk.Pieces[row.Piece].Mode == Direct)
            {
                continue;
            }
            w.StartRow();
            w.Write(row.Line, NpgsqlDbType.Bigint);
            w.Text(row.Raw);
            w.Text(row.Reason);
            if (row.Piece >= 0)
            {
                var piece = chunk.Pieces[row.Piece];
                w.Write(piece.OrderNo, NpgsqlDbType.Text);
                w.Write(row.AccountId, NpgsqlDbType.Bigint);
                w.Write(piece.Date, NpgsqlDbType.Date);
                w.Write(row.NetAmount, NpgsqlDbType.Numeric);
                w.Text(row.Sku);
                w.Text(row.Category);
                w.Decimal(row.Quantity);
                w.Text(row.Currency);
                w.Decimal(row.Margin);
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

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        cmd.Parameters.AddRange(parameters);
        await cmd.ExecuteNonQueryAsync(ct);
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
