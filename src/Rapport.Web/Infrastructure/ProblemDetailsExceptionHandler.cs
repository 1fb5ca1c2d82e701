using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Rapport.Web.Infrastructure;

/// <summary>
/// The last line: request-shape errors (malformed JSON, wrong types, unparsable query parameters) become 400 with
/// the field named, database constraint violations 409/400, and anything else a 500 that reveals nothing internal.
/// It reads only exception types and their structured properties (status code, JSON path and position, SQL state),
/// and the endpoint's own description (body type, handler parameters) — never the wording of a message, which the
/// framework may change.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        try
        {
            problem = Map(exception, RequestOf(httpContext));
        }
        catch (Exception mappingFailure) when (mappingFailure is not OutOfMemoryException)
        {
            logger.LogError(mappingFailure, "Could not classify an exception; answering 500.");
            problem = Map(new InvalidOperationException(), null);
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

    /// <summary>What the handler knows of the failed request: the endpoint it reached, its route values and query, the JSON settings.</summary>
    internal sealed record FailedRequest(Endpoint? Endpoint, RouteValueDictionary? RouteValues, IQueryCollection Query, JsonSerializerOptions Json);

    private static FailedRequest RequestOf(HttpContext http)
    {
        // The exception handler middleware clears the endpoint before calling handlers; its feature keeps what was matched.
        var feature = http.Features.Get<IExceptionHandlerFeature>();
        var json = http.RequestServices.GetService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions
            ?? JsonSerializerOptions.Web;
        return new FailedRequest(feature?.Endpoint ?? http.GetEndpoint(), feature?.RouteValues ?? http.Request.RouteValues, http.Request.Query, json);
    }

    internal static ProblemDetails Map(Exception exception, FailedRequest? request)
    {
        switch (exception)
        {
            case BadHttpRequestException { InnerException: JsonException json }:
                return JsonProblem(json, request);
            case JsonException json:
                return JsonProblem(json, request);
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return new ProblemDetails { Status = 413, Title = "Payload too large", Detail = "The request body is too large." };
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType:
                return new ProblemDetails
                {
                    Status = 415, Title = "Unsupported media type", Detail = "Send the request body as JSON (Content-Type: application/json).",
                };
            case BadHttpRequestException:
                return BindingProblem(request);
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

    private static ProblemDetails JsonProblem(JsonException json, FailedRequest? request)
    {
        var path = json.Path;
        // A reader error (truncated or broken JSON) carries the position where reading stopped, not a field at fault.
        if (string.IsNullOrEmpty(path) || path == "$" || json.InnerException is JsonException)
        {
            return Invalid("$", "The request body is not valid JSON"
                + (json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})." : "."));
        }
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var bodyType = request?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var target = bodyType is null ? null : JsonPaths.TypeAt(request!.Json, bodyType, path);
        return Invalid(field, ExpectedValue(target));
    }

    /// <summary>
    /// A parameter that could not be bound (ThrowOnBadRequest). The exception names no parameter in a structured way,
    /// so the handler asks the endpoint: the first route or query parameter of the handler whose value in this
    /// request does not parse as the parameter's type, else a missing required one, else the body.
    /// </summary>
    private static ProblemDetails BindingProblem(FailedRequest? request)
    {
        var method = request?.Endpoint?.Metadata.GetMetadata<MethodInfo>();
        if (request is not null && method is not null)
        {
            foreach (var parameter in method.GetParameters())
            {
                if (parameter.Name is not { } name || !SimpleValues.IsSimple(parameter.ParameterType))
                {
                    continue;
                }
                var raw = request.RouteValues?.TryGetValue(name, out var routeValue) == true ? Convert.ToString(routeValue, CultureInfo.InvariantCulture)
                    : request.Query.TryGetValue(name, out var queryValue) ? queryValue.ToString() : null;
                if (raw is null)
                {
                    if (!parameter.HasDefaultValue && !SimpleValues.AcceptsNull(parameter))
                    {
                        return Invalid(name, "A value is required for this parameter.");
                    }
                    continue;
                }
                if (!SimpleValues.Parses(parameter.ParameterType, raw))
                {
                    return Invalid(name, $"'{raw}' is not a valid value for this parameter.");
                }
            }
        }
        if (request?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is not null)
        {
            return Invalid("$", "A JSON request body is required.");
        }
        return Invalid("request", "The request could not be read.");
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

    /// <summary>Says what the field expects, from the type the body declares at the failing JSON path.</summary>
    private static string ExpectedValue(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "the value has the wrong type or format for this field",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "expected a whole number",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "expected a number (with . as decimal point)",
            _ when type == typeof(bool) => "expected true or false",
            _ when type == typeof(DateOnly) => "expected a date (yyyy-MM-dd)",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "expected a date and time (ISO 8601, e.g. 2024-03-01T14:30:00Z)",
            _ when type == typeof(string) => "expected a text",
            { IsEnum: true } => "expected one of: " + string.Join(", ", Enum.GetNames(type).Select(Rapport.Core.Data.SnakeCase.Convert)),
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "expected a list",
            _ => "the value has the wrong type or format for this field",
        };
    }

    /// <summary>Walks a System.Text.Json path (<c>$.lines[2].quantity</c>, <c>$['a b']</c>) through the serializer's contracts.</summary>
    private static class JsonPaths
    {
        public static Type? TypeAt(JsonSerializerOptions options, Type root, string path)
        {
            var type = root;
            var i = path.StartsWith('$') ? 1 : 0;
            while (i < path.Length)
            {
                var info = options.GetTypeInfo(type);
                if (path[i] == '.')
                {
                    var end = path.IndexOfAny(['.', '['], i + 1);
                    end = end < 0 ? path.Length : end;
                    if (Member(info, path[(i + 1)..end]) is not { } next)
                    {
                        return null;
                    }
                    type = next;
                    i = end;
                }
                else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
                {
                    var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                    if (end < 0 || Member(info, path[(i + 2)..end]) is not { } next)
                    {
                        return null;
                    }
                    type = next;
                    i = end + 2;
                }
                else if (path[i] == '[')
                {
                    var end = path.IndexOf(']', i);
                    if (end < 0 || info.ElementType is not { } element)
                    {
                        return null;
                    }
                    type = element;
                    i = end + 1;
                }
                else
                {
                    return null;
                }
            }
            return type;
        }

        private static Type? Member(JsonTypeInfo info, string name) => info.Kind switch
        {
            JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => string.Equals(p.Name, name,
                info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))?.PropertyType,
            JsonTypeInfoKind.Dictionary => info.ElementType,
            _ => null,
        };
    }

    /// <summary>The route and query parameter types minimal APIs bind from text, and whether a text parses as one.</summary>
    private static class SimpleValues
    {
        public static bool IsSimple(Type type)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            return t == typeof(string) || t.IsEnum || TryParseMethod(t) is not null;
        }

        public static bool AcceptsNull(ParameterInfo parameter) =>
            Nullable.GetUnderlyingType(parameter.ParameterType) is not null
            || (!parameter.ParameterType.IsValueType && new NullabilityInfoContext().Create(parameter).WriteState != NullabilityState.NotNull);

        public static bool Parses(Type type, string text)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            if (t == typeof(string))
            {
                return true;
            }
            if (t.IsEnum)
            {
                return Enum.TryParse(t, text, ignoreCase: true, out _);
            }
            var method = TryParseMethod(t)!;
            var args = method.GetParameters().Length == 3 ? new object?[] { text, CultureInfo.InvariantCulture, null } : new object?[] { text, null };
            return method.Invoke(null, args) is true;
        }

        // The same shapes minimal APIs look for: static bool TryParse(string, IFormatProvider, out T) or TryParse(string, out T).
        private static MethodInfo? TryParseMethod(Type t) =>
            t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), t.MakeByRefType()])
            ?? t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), t.MakeByRefType()]);
    }
}
