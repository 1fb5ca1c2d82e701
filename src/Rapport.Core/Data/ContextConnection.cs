using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Rapport.Core.Data;

/// <summary>
/// The context's own connection for plain SQL next to EF Core: opened unless it is open already, and closed again on
/// dispose only when it was opened here, so a caller's open connection (and its transaction) stays as it was.
/// </summary>
internal sealed class ContextConnection : IAsyncDisposable
{
    private readonly bool _opened;

    private ContextConnection(NpgsqlConnection connection, bool opened)
    {
        Connection = connection;
        _opened = opened;
    }

    public NpgsqlConnection Connection { get; }

    public static async Task<ContextConnection> OpenAsync(RapportDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }
        return new ContextConnection(connection, opened);
    }

    public async ValueTask DisposeAsync()
    {
        if (_opened)
        {
            await Connection.CloseAsync();
        }
    }
}
