using System.CommandLine;

namespace Rapport.Cli.Analyze;

/// <summary><c>rapport analyze …</c>: figures from files alone, no database (docs/cli.md#analyze-commands).</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var command = new Command("analyze", "Compute relationship and retention figures from CSV files (no database needed).");
        command.Subcommands.Add(NpsCommand.Create());
        command.Subcommands.Add(LoyaltyCommand.Create());
        command.Subcommands.Add(DriversCommand.Create());
        command.Subcommands.Add(KpisCommand.Create());
        command.Subcommands.Add(ClvCommand.Create());
        command.Subcommands.Add(RenewalCommand.Create());
        return command;
    }
}
