namespace Rapport.Cli.Infrastructure;

/// <summary>Exit codes of docs/cli.md#conventions.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int InvalidInput = 2;
}

/// <summary>Bad input from the user (a file, a row, a column, an option): exits with code 2 and the message.</summary>
public sealed class InvalidInputException(string message) : Exception(message);
