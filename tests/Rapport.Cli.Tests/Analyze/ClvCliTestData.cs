namespace Rapport.Cli.Tests.Analyze;

/// <summary>Finds the shared reference data: ../shared/data from the repository root (the folder with Rapport.slnx), or further up for worktrees.</summary>
internal static class ClvCliTestData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rapport.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Rapport.slnx not found above the test directory.");
    });

    /// <summary>The path of a file under shared/data, e.g. <c>cdnow/cdnow_transactions.csv</c>.</summary>
    public static string Shared(string relative)
    {
        var direct = Path.GetFullPath(Path.Combine(Root.Value, "..", "shared", "data", relative));
        if (File.Exists(direct))
        {
            return direct;
        }
        for (var dir = new DirectoryInfo(Root.Value).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"shared/data/{relative} not found next to or above {Root.Value}.");
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Rapport.Cli.Infrastructure.CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
