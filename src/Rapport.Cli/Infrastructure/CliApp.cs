using System.CommandLine;

namespace Rapport.Cli.Infrastructure;

/// <summary>Builds the <c>rapport</c> command tree and maps outcomes to the exit codes of docs/cli.md#conventions.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Rapport — B2B relationship quality and customer retention.");
        root.Options.Add(CommonOptions.Json);
        root.Options.Add(CommonOptions.Connection);
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <summary>Runs the CLI; stdout/stderr may be redirected for tests.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync(e.Message);
            }
            await error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.InvalidInput;
        }

        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config);
        }
        catch (Exception ex) when (ex is InvalidInputException or Rapport.Analytics.Input.AnalyticsInputException)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Cancelled.");
            return ExitCodes.Error;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"Error: {ex.Message}");
            return ExitCodes.Error;
        }
    }
}
