using System.IO.Compression;

namespace Rapport.Cli.Tests.Analyze;

/// <summary>
/// Public reference datasets in the test output (TestData/; sources in the README.md beside each dataset), so the
/// tests need nothing outside the repository.
/// </summary>
internal static class ReferenceData
{
    private static readonly Lazy<string> OnlineRetailCsv = new(UnpackOnlineRetail, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The CDNOW 1/10 sample, linked from tests/Rapport.Analytics.Tests/TestData/cdnow.</summary>
    public static string CdnowTransactions => PathOf("cdnow", "cdnow_transactions.csv");

    /// <summary>
    /// The UCI Online Retail CSV (48 MB). It is committed gzip-compressed (7.6 MB) and unpacked once, next to the
    /// archive in the test output, because the CLI reads its input from a path.
    /// </summary>
    public static string OnlineRetail => OnlineRetailCsv.Value;

    private static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    private static string UnpackOnlineRetail()
    {
        var archive = PathOf("online-retail", "online_retail.csv.gz");
        var target = PathOf("online-retail", "online_retail.csv");
        if (File.Exists(target) && File.GetLastWriteTimeUtc(target) >= File.GetLastWriteTimeUtc(archive))
        {
            return target;
        }
        // Unpacked under a unique name and renamed, so a second test process never reads a half-written file.
        var partial = target + "." + Guid.NewGuid().ToString("N")[..8] + ".partial";
        using (var input = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
        using (var output = File.Create(partial))
        {
            input.CopyTo(output);
        }
        File.Move(partial, target, overwrite: true);
        return target;
    }
}
