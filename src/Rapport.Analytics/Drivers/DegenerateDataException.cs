namespace Rapport.Analytics.Drivers;

/// <summary>
/// The data cannot support the requested analysis: too few complete cases, a constant variable,
/// or drivers that are exact linear combinations of each other. The message names the variable.
/// </summary>
public sealed class DegenerateDataException : ArgumentException
{
    /// <summary>Creates the exception with a message that names the offending variable or count.</summary>
    public DegenerateDataException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public DegenerateDataException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public DegenerateDataException() : base("The data are degenerate for this analysis.")
    {
    }
}
