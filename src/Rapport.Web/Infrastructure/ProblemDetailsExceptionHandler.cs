using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Rapport.Web.Infrastructure;

/// <summary>
/// The last line: request-shape errors (malformed JSON, wrong types, unparsable query parameters) become 400 with
/// the field named, database constraint violations 409/400, and anything else a 500 that reveals nothing internal.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        try
        {
            problem = Map(exception);
        }
        catch (Exception mappingFailure) when (mappingFailure is not OutOfMemoryException)
        {
            logger.LogError(mappingFailure, "Could not classify an exception; answering 500.");
            problem = Map(new InvalidOperationException());
        }
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Rejected {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails Map(Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException { InnerException: JsonException json }:
                return JsonProblem(json);
            case JsonException json:
                return JsonProblem(json);
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return new ProblemDetails { Status = 413, Title = "Payload too large", Detail = "The request body is too large." };
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType:
                return new ProblemDetails
                {
                    Status = 415, Title = "Unsupported media type", Detail = "Send the request body as JSON (Content-Type: application/json).",
                };
            case BadHttpRequestException bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase):
                return Invalid("$", "A JSON request body is required.");
            case BadHttpRequestException bad:
                {
                    var field = ParameterName().Match(bad.Message) is { Success: true } m ? m.Groups["name"].Value : "request";
                    return Invalid(field, BindingMessage(bad.Message));
                }
            case DbUpdateException { InnerException: PostgresException pg }:
                return Constraint(pg);
            case PostgresException pg when pg.SqlState.StartsWith("23", StringComparison.Ordinal):
                return Constraint(pg);
            case OperationCanceledException:
                return new ProblemDetails { Status = 499, Title = "Client closed request" };
            default:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "An unexpected error occurred.",
                    Detail = "The error has been logged.",
                };
        }
    }

    private static ProblemDetails JsonProblem(JsonException json)
    {
        var path = json.Path;
        // A reader error (truncated or broken JSON) carries the position where reading stopped, not a field at fault.
        if (string.IsNullOrEmpty(path) || path == "$" || json.InnerException is JsonException)
        {
            return Invalid("$", "The request body is not valid JSON"
                + (json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})." : "."));
        }
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return Invalid(field, ExpectedValue(json.Message));
    }

    private static ProblemDetails Constraint(PostgresException pg) => pg.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = "The record conflicts with an existing one (a unique key is taken).",
        },
        PostgresErrorCodes.ForeignKeyViolation => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = "The record refers to a record that does not exist (or was deleted meanwhile).",
        },
        _ when pg.SqlState.StartsWith("23", StringComparison.Ordinal) || pg.SqlState.StartsWith("22", StringComparison.Ordinal) => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest, Title = "The request is invalid.", Detail = "A value breaks a data rule of the database.",
        },
        _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred.", Detail = "The error has been logged." },
    };

    private static HttpValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = "See 'errors' for the fields concerned.",
        };

    /// <summary>Says what the field expects, from the target type System.Text.Json names in its message.</summary>
    private static string ExpectedValue(string message)
    {
        var match = TargetType().Match(message);
        var type = match.Success ? match.Groups["type"].Value : "";
        var nullable = NullableType().Match(type);
        if (nullable.Success)
        {
            type = nullable.Groups["inner"].Value;
        }
        return type switch
        {
            "System.Int32" or "System.Int64" or "System.Int16" => "expected a whole number",
            "System.Decimal" or "System.Double" or "System.Single" => "expected a number (with . as decimal point)",
            "System.Boolean" => "expected true or false",
            "System.DateOnly" => "expected a date (yyyy-MM-dd)",
            "System.DateTimeOffset" or "System.DateTime" => "expected a date and time (ISO 8601, e.g. 2024-03-01T14:30:00Z)",
            "System.String" => "expected a text",
            _ when type.Length > 0 && typeof(Rapport.Core.Accounts.Account).Assembly.GetType(type) is { IsEnum: true } enumType =>
                "expected one of: " + string.Join(", ", Enum.GetNames(enumType).Select(Rapport.Core.Data.SnakeCase.Convert)),
            _ when type.StartsWith("System.Collections", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "expected a list",
            _ => "the value has the wrong type or format for this field",
        };
    }

    private static string BindingMessage(string message)
    {
        var match = BindFailure().Match(message);
        return match.Success ? $"'{match.Groups["value"].Value}' is not a valid value for this parameter." : message;
    }

    [GeneratedRegex("""converted to (?<type>\S+?)\.? Path""", RegexOptions.CultureInvariant)]
    private static partial Regex TargetType();

    [GeneratedRegex("""^System\.Nullable`1\[(?<inner>.+)\]$""", RegexOptions.CultureInvariant)]
    private static partial Regex NullableType();

    [GeneratedRegex("""parameter "(?:[^"]+ )?(?<name>[A-Za-z_][A-Za-z0-9_]*)" """, RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();

    [GeneratedRegex("""from "(?<value>.*)"\.?$""", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex BindFailure();
}
