using System.Buffers;
using System.Buffers.Binary;
using System.Data;
using Npgsql;
using Rapport.Analytics.Retention;
using Rapport.Core.Data;

namespace Rapport.Core.Retention;

/// <summary>One account as the KPI scan hands it over: its attributes and its day history (reused between accounts).</summary>
internal sealed class KpiAccount
{
    public long Id { get; set; }
    public string Segment { get; set; } = "";
    public string? BusinessType { get; set; }
    public string? AcquisitionChannel { get; set; }
    public decimal? AcquisitionCost { get; set; }
    public CustomerDayHistory History { get; } = new();
}

/// <summary>
/// Reads the per-account day histories of migration 0014 (<c>kpi_account_facts</c>) with the contracts of each account,
/// after bringing them up to date. Streams account by account; memory is one account's history.
/// </summary>
internal static class KpiFacts
{
    private static readonly int FirstDay = new DateOnly(1, 1, 1).DayNumber;

    /// <summary>Rebuilds the facts of the accounts whose lines changed (see <c>kpi_refresh_account_facts()</c>); returns how many.</summary>
    public static async Task<int> RefreshAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT kpi_refresh_account_facts()", connection) { CommandTimeout = 0 };
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Calls <paramref name="onAccount"/> for every account of <paramref name="scope"/> that has order lines or contracts.</summary>
    public static async Task ScanAsync(NpgsqlConnection connection, KpiScope scope, Action<KpiAccount> onAccount, CancellationToken ct)
    {
        await RefreshAsync(connection, ct);
        var where = new List<string> { "(f.account_id IS NOT NULL OR c.account_id IS NOT NULL)" };
        var parameters = new List<NpgsqlParameter>();
        scope.AddConditions(where, parameters);
        // A contract runs from its start to its end, or to its termination when it was terminated (ADR 0017); day
        // numbers count from 0001-01-01 like DateOnly.DayNumber.
        await using var command = PgSql.Command(connection, $"""
            SELECT a.id, a.segment, a.business_type, a.acquisition_channel, a.acquisition_cost,
                   f.first_day, f.days, f.category_first_days, c.starts, c.ends
            FROM accounts a
            LEFT JOIN kpi_account_facts f ON f.account_id = a.id
            LEFT JOIN (
                SELECT account_id,
                       array_agg(start_date - DATE '0001-01-01') AS starts,
                       array_agg(least(end_date, terminated_on) - DATE '0001-01-01') AS ends
                FROM contracts
                GROUP BY account_id
            ) c ON c.account_id = a.id
            WHERE {string.Join(" AND ", where)}
            """);
        command.CommandTimeout = 0;
        command.Parameters.AddRange(parameters.ToArray());

        var account = new KpiAccount();
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                account.Id = reader.GetInt64(0);
                account.Segment = reader.GetString(1);
                account.BusinessType = reader.IsDBNull(2) ? null : reader.GetString(2);
                account.AcquisitionChannel = reader.IsDBNull(3) ? null : reader.GetString(3);
                account.AcquisitionCost = reader.IsDBNull(4) ? null : reader.GetDecimal(4);
                var history = account.History;
                history.Clear();
                if (!reader.IsDBNull(5))
                {
                    var firstDay = reader.GetInt32(5);
                    var length = (int)reader.GetBytes(6, 0, null, 0, 0);
                    if (length > buffer.Length)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(length);
                    }
                    reader.GetBytes(6, 0, buffer, 0, length);
                    DecodeDays(buffer.AsSpan(0, length), FirstDay + firstDay, history);
                    foreach (var day in reader.GetFieldValue<int[]>(7))
                    {
                        history.AddCategoryFirstDay(FirstDay + day);
                    }
                }
                if (!reader.IsDBNull(8))
                {
                    var starts = reader.GetFieldValue<int[]>(8);
                    var ends = reader.GetFieldValue<int?[]>(9);
                    for (var i = 0; i < starts.Length; i++)
                    {
                        int? end = ends[i] is { } e ? FirstDay + e : null;
                        // A contract terminated before it started never ran.
                        if (end is null || end >= FirstDay + starts[i])
                        {
                            history.AddContract(FirstDay + starts[i], end);
                        }
                    }
                }
                onAccount(account);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes <c>kpi_account_facts.days</c> (format in migration 0014) into <paramref name="history"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not in that format.</exception>
    internal static void DecodeDays(ReadOnlySpan<byte> data, int firstDay, CustomerDayHistory history)
    {
        var day = firstDay;
        var at = 0;
        try
        {
            while (at < data.Length)
            {
                int header = BinaryPrimitives.ReadInt16BigEndian(data[at..]);
                at += 2;
                bool transaction;
                if (header >= 0)
                {
                    day += header >> 1;
                    transaction = (header & 1) == 1;
                }
                else
                {
                    transaction = header == -2;
                    day += BinaryPrimitives.ReadInt32BigEndian(data[at..]);
                    at += 4;
                }
                long cents = BinaryPrimitives.ReadInt32BigEndian(data[at..]);
                at += 4;
                if (cents == int.MinValue)
                {
                    cents = BinaryPrimitives.ReadInt64BigEndian(data[at..]);
                    at += 8;
                }
                history.AddDay(day, Cents(cents), transaction);
            }
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException("kpi_account_facts.days is truncated.", e);
        }
    }

    private static decimal Cents(long cents)
    {
        var magnitude = cents < 0 ? (ulong)-cents : (ulong)cents;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, cents < 0, 2);
    }
}
