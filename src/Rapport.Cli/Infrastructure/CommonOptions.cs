using System.CommandLine;

namespace Rapport.Cli.Infrastructure;

/// <summary>Options every command understands.</summary>
public static class CommonOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON object (camelCase) on stdout and nothing else.",
        Recursive = true,
    };

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "PostgreSQL connection string (default: ConnectionStrings__Rapport, else the local instance).",
        Recursive = true,
    };
}
