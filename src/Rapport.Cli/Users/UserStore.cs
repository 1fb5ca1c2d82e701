using System.CommandLine;
using Npgsql;
using Rapport.Cli.Infrastructure;
using Rapport.Core.Data;
using Rapport.Core.Database;
using Rapport.Core.Identity;
using Rapport.Core.Common;

namespace Rapport.Cli.Users;

/// <summary>Opens the database for the user and token commands: <c>--connection</c>, else ConnectionStrings__Rapport, else the local instance.</summary>
internal sealed class UserStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;

    private UserStore(NpgsqlDataSource dataSource)
    {
        this.dataSource = dataSource;
        Db = new RapportDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource));
        Directory = new UserDirectory(Db, TimeProvider.System);
    }

    public RapportDbContext Db { get; }

    public UserDirectory Directory { get; }

    public static async Task<UserStore> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        ResolvedConnection resolved;
        try
        {
            resolved = await ConnectionResolver.ResolveWithSourceAsync(parse.GetValue(CommonOptions.Connection), configuration: null,
                new LocalPostgresOptions { Log = message => parse.InvocationConfiguration.Error.WriteLine(message) }, ct);
        }
        catch (InvalidConnectionStringException ex)
        {
            throw new InvalidInputException(ex.Message);
        }
        var store = new UserStore(NpgsqlDataSource.Create(resolved.ConnectionString));
        await store.EnsureSchemaAsync(ct);
        return store;
    }

    /// <summary>A clear message instead of "relation users does not exist" on a database that was never migrated.</summary>
    private async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT to_regclass('users') IS NOT NULL");
        if (await command.ExecuteScalarAsync(ct) is not true)
        {
            throw new InvalidOperationException("The database has no Rapport schema yet: run `rapport db migrate` (or start the app once).");
        }
    }

    /// <summary>Throws the failure as invalid input (exit code 2), naming the option or argument concerned.</summary>
    public static void ThrowIfFailed(Error? failure, IReadOnlyDictionary<string, string> fieldToOption)
    {
        if (failure is null)
        {
            return;
        }
        var where = failure.Field is { } field && fieldToOption.TryGetValue(field, out var option) ? option + ": " : "";
        throw new InvalidInputException(where + failure.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await dataSource.DisposeAsync();
    }
}
