using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Rapport.Core.Data;

/// <summary>
/// Plain SQL statements on an open connection with positional parameters (<c>$1</c>, <c>$2</c>, …): the one place where
/// SQL text reaches a command for the jobs, imports and demo seeders that work below EF Core.
/// </summary>
public static class PgSql
{
    /// <summary>A command for <paramref name="sql"/> with <paramref name="args"/> as its positional parameters.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] args) =>
        Command(connection, (NpgsqlTransaction?)null, sql, args);

    /// <summary>A command for <paramref name="sql"/> in <paramref name="transaction"/> with <paramref name="args"/> as its positional parameters.</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "Callers pass SQL built from constants and schema identifiers only; every value goes in as a parameter.")]
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] args)
    {
        var cmd = new NpgsqlCommand(sql, connection, transaction);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return cmd;
    }

    /// <summary>Runs a statement; returns the rows it affected.</summary>
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = Command(connection, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The first column of the first row, or null.</summary>
    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = Command(connection, sql, args);
        return await cmd.ExecuteScalarAsync(ct);
    }

    /// <summary>The ids of a code table (<c>business_phases</c>, <c>touchpoints</c>) by code.</summary>
    public static async Task<Dictionary<string, int>> CodesAsync(NpgsqlConnection connection, string table, IEqualityComparer<string> comparer,
        CancellationToken ct)
    {
        var codes = new Dictionary<string, int>(comparer);
        await using var cmd = Command(connection, $"SELECT code, id FROM {table}");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            codes[reader.GetString(0)] = reader.GetInt32(1);
        }
        return codes;
    }
}
