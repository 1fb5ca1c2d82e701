namespace Rapport.Core.Database;

/// <summary>The local PostgreSQL instance could not be initialised, started, stopped or reached.</summary>
public class LocalPostgresException : Exception
{
    public LocalPostgresException(string message)
        : base(message)
    {
    }

    public LocalPostgresException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>No usable PostgreSQL server binaries (initdb, pg_ctl, postgres) were found; the message says how to install them.</summary>
public sealed class PostgresBinariesNotFoundException(string message) : LocalPostgresException(message);
