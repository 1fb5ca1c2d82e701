using Npgsql;
using Rapport.Core.Data;

namespace Rapport.Core.Import;

/// <summary>
/// The first order import into a database without orders (ADR 0019): it takes <c>orders</c> and <c>order_lines</c>
/// exclusively, drops their secondary indexes (those that back no constraint) and the primary key of order lines, and
/// builds them again from their own definitions once every line is in (the key checks its uniqueness then): sorting a
/// million entries once costs a fraction of inserting them one by one. The loader counts the lines of the orders it
/// created itself meanwhile (<see cref="LinesOf"/>). Inside the import's transaction, so a failed import leaves the indexes as they were. While it runs,
/// readers of orders and lines wait; there is nothing to read yet.
/// It also remembers the order numbers it created in a Bloom filter: an order number the filter has not seen cannot
/// exist, so the loader asks the database only about the rare ones that may (lines of an order spread over the file).
/// </summary>
internal sealed class InitialOrderLoad
{
    // Empty, and ours to change (dropping an index takes its owner; a role that may only write rows loads the usual way).
    private const string Empty = """
        SELECT NOT EXISTS (SELECT FROM order_lines) AND NOT EXISTS (SELECT FROM orders)
           AND (SELECT bool_and(pg_has_role(relowner, 'USAGE')) FROM pg_class WHERE oid IN ('orders'::regclass, 'order_lines'::regclass))
        """;

    // Indexes that back no constraint (primary and unique keys stay: the loader looks orders up by them).
    private const string SecondaryIndexes = """
        SELECT format('%I.%I', n.nspname, c.relname), pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE i.indrelid IN ('orders'::regclass, 'order_lines'::regclass)
          AND NOT i.indisprimary AND NOT i.indisunique
          AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        ORDER BY 1
        """;

    // The primary key of order_lines: dropped as well, and its definition.
    private const string LinesKey = """
        SELECT format('%I', conname), pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'order_lines'::regclass AND contype = 'p'
        """;

    private readonly List<string> _definitions;
    private readonly ulong[] _bits;
    private readonly int _mask;

    // Lines written so far per order this import created, by id - _firstId (ids come from the sequence in blocks, so
    // they are dense: 4 bytes per order). Without the key of order_lines the database could only count them by a scan.
    private readonly List<int> _lines = [];
    private long _firstId = -1;

    private InitialOrderLoad(List<string> definitions, long fileBytes)
    {
        _definitions = definitions;
        // About one bit per two bytes of the file (≥ 30 bits per order: a line takes ≥ 30 bytes, an order ≥ 1 line),
        // between 2^20 and 2^28 bits: with three probes about one false "may exist" in 4,000 orders or fewer, and a
        // false one only costs a lookup. Larger filters cost more in cache misses than they save.
        var bits = 1 << 20;
        while (bits < (1 << 28) && bits < fileBytes / 2)
        {
            bits <<= 1;
        }
        _bits = new ulong[bits / 64];
        _mask = bits - 1;
    }

    /// <summary>The indexes it dropped and builds again at the end (the key of order_lines first, then CREATE INDEX statements).</summary>
    public IReadOnlyList<string> Definitions => _definitions;

    /// <summary>Starts an initial load when orders and order lines are empty and owned by this role; null (nothing changed) otherwise.</summary>
    public static async Task<InitialOrderLoad?> TryBeginAsync(NpgsqlConnection connection, long fileBytes, CancellationToken ct)
    {
        if (!await ScalarAsync<bool>(connection, Empty, ct))
        {
            return null;
        }
        await CsvImporter.ExecuteAsync(connection, "LOCK TABLE orders, order_lines IN ACCESS EXCLUSIVE MODE", ct);
        // Somebody may have written an order between the look and the lock; then the import goes the usual way (it
        // keeps the lock, which costs readers a wait, not correctness).
        if (!await ScalarAsync<bool>(connection, Empty, ct))
        {
            return null;
        }
        // Empty already; truncating gives both tables new files in this transaction, which a server with
        // wal_level = minimal (the local instance) then writes without WAL, syncing them once at commit.
        await CsvImporter.ExecuteAsync(connection, "TRUNCATE orders, order_lines", ct);
        var indexes = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand(SecondaryIndexes, connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            await CsvImporter.ExecuteAsync(connection, $"DROP INDEX {name}", ct);
        }
        var definitions = indexes.Select(i => i.Definition).ToList();
        string? key = null;
        await using (var cmd = new NpgsqlCommand(LinesKey, connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                key = reader.GetString(0);
                definitions.Insert(0, $"ALTER TABLE order_lines ADD CONSTRAINT {key} {reader.GetString(1)}");
            }
        }
        if (key is not null)
        {
            await CsvImporter.ExecuteAsync(connection, $"ALTER TABLE order_lines DROP CONSTRAINT {key}", ct);
        }
        return new InitialOrderLoad(definitions, fileBytes);
    }

    /// <summary>Builds the dropped indexes again (PostgreSQL may use parallel workers for each).</summary>
    public async Task FinishAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // The default 64 MB makes the sort of a million index entries spill to disk; this transaction only.
        await CsvImporter.ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '256MB'", ct);
        foreach (var definition in _definitions)
        {
            await CsvImporter.ExecuteAsync(connection, definition, ct);
        }
    }

    /// <summary>
    /// Takes <paramref name="count"/> consecutive ids from the orders' sequence in one step and returns the first. Safe
    /// only here: while this transaction holds the orders table, no other session inserts an order (an INSERT waits for
    /// the table before it draws its id), and nothing else draws from that sequence.
    /// </summary>
    public static async Task<long> TakeIdsAsync(NpgsqlConnection connection, string sequence, int count, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT setval(@sequence::regclass, nextval(@sequence::regclass) + @n - 1)", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("sequence", sequence));
        cmd.Parameters.Add(new NpgsqlParameter<long>("n", count));
        return (long)(await cmd.ExecuteScalarAsync(ct))! - count + 1;
    }

    /// <summary>How many lines this import has written for an order it created.</summary>
    public int LinesOf(long orderId)
    {
        var i = orderId - _firstId;
        return _firstId >= 0 && i >= 0 && i < _lines.Count ? _lines[(int)i] : 0;
    }

    /// <summary>Records how many lines an order this import created has now.</summary>
    public void SetLines(long orderId, int lines)
    {
        if (_firstId < 0)
        {
            _firstId = orderId;
        }
        var i = orderId - _firstId;
        if (i < 0)
        {
            throw new InvalidOperationException($"order id {orderId} is below the first id {_firstId} this import took from the sequence");
        }
        while (_lines.Count <= i)
        {
            _lines.Add(0);
        }
        _lines[(int)i] = lines;
    }

    /// <summary>False when this import has certainly not created an order with this number (and none existed before).</summary>
    public bool MayExist(string orderNo)
    {
        var (a, b) = Hash(orderNo);
        for (var i = 0; i < 3; i++)
        {
            var bit = (int)(a + ((uint)i * b)) & _mask;
            if ((_bits[bit >> 6] & (1UL << bit)) == 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Remembers an order number this import created.</summary>
    public void Add(string orderNo)
    {
        var (a, b) = Hash(orderNo);
        for (var i = 0; i < 3; i++)
        {
            var bit = (int)(a + ((uint)i * b)) & _mask;
            _bits[bit >> 6] |= 1UL << bit;
        }
    }

    // FNV-1a over the UTF-16 code units: stable across processes, cheap, and its two halves serve as the two hashes of
    // double hashing (the second made odd so the probes differ).
    private static (uint A, uint B) Hash(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return ((uint)h, (uint)(h >> 32) | 1);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        return (T)(await PgSql.ScalarAsync(connection, sql, ct))!;
    }
}
