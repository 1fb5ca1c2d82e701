using Rapport.Core.Common;

namespace Rapport.Core.Insights;

/// <summary>The expected failures of the analytics queries; both name the parameter at fault.</summary>
public static class InsightErrors
{
    /// <summary>The wave, survey, phase or account does not exist (or is not visible to the user).</summary>
    public static Error NotFound(string message, string field) => Error.On(field, ErrorKind.NotFound, "insight.not_found", message);

    /// <summary>A parameter is invalid.</summary>
    public static Error Invalid(string message, string field) => Error.Validation(field, message);
}
