using System.CommandLine;

namespace Rapport.Cli.Infrastructure;

/// <summary>The top-level commands; each feature folder contributes one factory.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Analyze.AnalyzeCommand.Create();
        yield return Database.DbCommand.Create();
        yield return Demo.DemoCommand.Create();
        yield return Import.ImportCommand.Create();
        yield return Import.ExportCommand.Create();
        yield return Users.UsersCommand.Create();
        yield return Users.TokensCommand.Create();
        yield return Retention.ScoreCommand.Create();
    }
}
