namespace Rapport.Cli.Tests.Analyze;

/// <summary>Runs the CLI in-process for the analysis command tests.</summary>
internal static class ClvCliTestData
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Rapport.Cli.Infrastructure.CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
