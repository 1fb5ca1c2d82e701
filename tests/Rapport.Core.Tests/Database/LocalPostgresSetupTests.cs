using Rapport.Core.Database;

namespace Rapport.Core.Tests.Database;

public sealed class LocalPostgresSetupTests
{
    [Fact]
    public void DefaultDataDirectory_Root_UsesDirectoryThePostgresUserCanReach()
    {
        Assert.Equal("/var/lib/rapport/rapport-data", LocalPostgresOptions.DefaultDataDirectory(isRoot: true, "/root/.local/share"));
    }

    [Fact]
    public void DefaultDataDirectory_OrdinaryUser_UsesLocalApplicationData()
    {
        Assert.Equal(
            Path.Combine("/home/ann/.local/share", "rapport-data"),
            LocalPostgresOptions.DefaultDataDirectory(isRoot: false, "/home/ann/.local/share"));
    }

    [Fact]
    public void ResolveDataDirectory_ExplicitRelativePath_IsMadeAbsolute()
    {
        var options = new LocalPostgresOptions { DataDirectory = "some/where" };

        Assert.Equal(Path.GetFullPath("some/where"), options.ResolveDataDirectory());
    }

    [Fact]
    public async Task LocateAsync_DirectoryWithoutServerBinaries_ThrowsInstallHint()
    {
        var empty = Directory.CreateTempSubdirectory("rapport-nobin-");
        try
        {
            var ex = await Assert.ThrowsAsync<PostgresBinariesNotFoundException>(
                () => LocalPostgresBinaries.LocateAsync(empty.FullName, null, CancellationToken.None));

            Assert.Contains(empty.FullName, ex.Message, StringComparison.Ordinal);
            Assert.Contains("apt-get install postgresql", ex.Message, StringComparison.Ordinal);
            Assert.Contains("ConnectionStrings__Rapport", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task EnsureStartedAsync_NoServerBinaries_FailsWithInstallHintBeforeCreatingCluster()
    {
        var empty = Directory.CreateTempSubdirectory("rapport-nobin-");
        var data = Path.Combine(empty.FullName, "data");
        try
        {
            var ex = await Assert.ThrowsAsync<PostgresBinariesNotFoundException>(
                () => LocalPostgres.EnsureStartedAsync(new LocalPostgresOptions { DataDirectory = data, BinDirectory = empty.FullName }));

            Assert.Contains("apt-get install postgresql", ex.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(data, "pgdata")));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void NotFoundMessage_ClusterOfOtherVersion_NamesTheVersionPackage()
    {
        var message = LocalPostgresBinaries.NotFoundMessage(["/usr/lib/postgresql/16/bin"], ["16.4 in /usr/lib/postgresql/16/bin"], 15, null);

        Assert.Contains("PostgreSQL 15", message, StringComparison.Ordinal);
        Assert.Contains("apt-get install postgresql-15", message, StringComparison.Ordinal);
        Assert.Contains("16.4 in /usr/lib/postgresql/16/bin", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)", 15, "15.18")]
    [InlineData("pg_ctl (PostgreSQL) 17beta2", 17, "17beta2")]
    [InlineData("pg_ctl (PostgreSQL) 9.6.24", 9, "9.6.24")]
    public void ParseVersion_PgCtlOutput_ReadsMajorAndText(string output, int major, string text)
    {
        var parsed = LocalPostgresBinaries.ParseVersion(output);

        Assert.NotNull(parsed);
        Assert.Equal(major, parsed.Value.Major);
        Assert.Equal(text, parsed.Value.Text);
    }

    [Fact]
    public void VersionedDirectories_SeveralVersions_NewestFirst()
    {
        var root = Directory.CreateTempSubdirectory("rapport-pgroot-");
        try
        {
            foreach (var version in new[] { "9.6", "15", "16", "README" })
            {
                Directory.CreateDirectory(Path.Combine(root.FullName, version));
            }

            var found = LocalPostgresBinaries.VersionedDirectories(root.FullName, string.Empty, "bin").ToList();

            Assert.Equal(
                new[] { "16", "15", "9.6" }.Select(v => Path.Combine(root.FullName, v, "bin")),
                found);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
