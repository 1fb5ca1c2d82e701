using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Rapport.Core.Data;

namespace Rapport.Core.Loyalty;

/// <summary>
/// Plain SQL on the context's connection (and its transaction, if one is open) for the queries LINQ does not express
/// well — window functions, the tier function of the schema — with positional parameters ($1, $2, …).
/// </summary>
internal static class RawSql
{
    public static async Task<List<T>> QueryAsync<T>(RapportDbContext db, string sql, Func<DbDataReader, T> map, CancellationToken ct,
        params object[] args)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = Command(db, sql, args);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(map(reader));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs <paramref name="work"/> on the context's open connection (e.g. <see cref="LoyaltyRuns"/>).</summary>
    public static async Task<T> OnConnectionAsync<T>(RapportDbContext db, Func<NpgsqlConnection, Task<T>> work, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await work((NpgsqlConnection)db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlCommand Command(RapportDbContext db, string sql, object[] args) =>
        PgSql.Command((NpgsqlConnection)db.Database.GetDbConnection(),
            db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction, sql, args);
}
