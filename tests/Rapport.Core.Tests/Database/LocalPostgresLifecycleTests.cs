using System.Net;
using System.Net.Sockets;
using Npgsql;
using Rapport.Core.Database;
using Rapport.Testing;

namespace Rapport.Core.Tests.Database;

public sealed class LocalPostgresLifecycleTests
{
    [Fact]
    public async Task EnsureStartedAsync_FreshDataDirectory_InitialisesSharesStopsAndRestarts()
    {
        var directory = TestPostgres.CreateScratchDirectory("lifecycle");
        var options = TestPostgres.TestOptions(directory);
        try
        {
            var before = await LocalPostgres.GetStatusAsync(options);
            Assert.False(before.Initialized);
            Assert.False(before.Running);

            var first = await LocalPostgres.EnsureStartedAsync(options);
            Assert.True(first.InitializedNow);
            Assert.True(first.StartedNow);
            Assert.Equal(directory, first.DataDirectory);
            Assert.True(int.Parse(first.ServerVersion.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture) >= LocalPostgresBinaries.MinimumMajorVersion);
            await using (var connection = new NpgsqlConnection(first.ConnectionString))
            {
                await connection.OpenAsync();
                Assert.Equal("rapport", connection.Database);
                await using var settings = new NpgsqlCommand(
                    "SELECT current_setting('listen_addresses'), current_setting('server_encoding'), current_setting('fsync')", connection);
                await using var reader = await settings.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                Assert.Equal("127.0.0.1", reader.GetString(0));
                Assert.Equal("UTF8", reader.GetString(1));
                Assert.Equal("off", reader.GetString(2));
            }
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "instance.json")));
            }

            var running = await LocalPostgres.GetStatusAsync(options);
            Assert.True(running.Running);
            Assert.Equal(first.Port, running.Port);
            Assert.Equal(first.ServerVersion, running.ServerVersion);
            Assert.NotNull(running.ProcessId);

            var second = await LocalPostgres.EnsureStartedAsync(options);
            Assert.False(second.StartedNow);
            Assert.False(second.InitializedNow);
            Assert.Equal(first.Port, second.Port);
            Assert.Equal(first.ConnectionString, second.ConnectionString);

            var stopped = await LocalPostgres.StopAsync(options);
            Assert.True(stopped.WasRunning);
            var after = await LocalPostgres.GetStatusAsync(options);
            Assert.True(after.Initialized);
            Assert.False(after.Running);
            Assert.Null(after.ProcessId);
            Assert.Equal(first.Port, after.Port);
            Assert.False((await LocalPostgres.StopAsync(options)).WasRunning);

            // Someone else took the persisted port while the server was down: the next start moves to a free one.
            using var squatter = new TcpListener(IPAddress.Loopback, first.Port);
            squatter.Start();
            var restarted = await LocalPostgres.EnsureStartedAsync(options);
            Assert.True(restarted.StartedNow);
            Assert.False(restarted.InitializedNow);
            Assert.NotEqual(first.Port, restarted.Port);
            Assert.Equal(restarted.Port, (await LocalPostgres.GetStatusAsync(options)).Port);
            await using (var connection = new NpgsqlConnection(restarted.ConnectionString))
            {
                await connection.OpenAsync();
            }
        }
        finally
        {
            TestPostgres.RemoveCluster(directory);
        }
    }

    [Fact]
    public async Task StopAsync_UninitialisedDirectory_ReportsNotRunning()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rapport-tests", "never-" + Guid.NewGuid().ToString("N"));

        var result = await LocalPostgres.StopAsync(new LocalPostgresOptions { DataDirectory = directory });

        Assert.False(result.WasRunning);
        Assert.Equal(directory, result.DataDirectory);
        Assert.False(Directory.Exists(directory));
    }
}

public sealed class LocalPostgresConcurrencyTests
{
    [Fact]
    public async Task EnsureStartedAsync_ConcurrentStarters_InitialiseAndStartOnce()
    {
        var directory = TestPostgres.CreateScratchDirectory("concurrent");
        var options = TestPostgres.TestOptions(directory);
        try
        {
            var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => LocalPostgres.EnsureStartedAsync(options))));

            Assert.Single(starts, s => s.InitializedNow);
            Assert.Single(starts, s => s.StartedNow);
            Assert.Single(starts.Select(s => s.Port).Distinct());
            foreach (var start in starts)
            {
                await using var connection = new NpgsqlConnection(start.ConnectionString);
                await connection.OpenAsync();
            }
        }
        finally
        {
            TestPostgres.RemoveCluster(directory);
        }
    }
}
