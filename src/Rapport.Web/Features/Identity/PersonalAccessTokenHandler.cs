using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Rapport.Core.Identity;

namespace Rapport.Web.Features.Identity;

/// <summary>
/// <c>Authorization: Bearer rpt_…</c>: looks the SHA-256 of the token up in <c>api_tokens</c> (docs/security.md#personal-access-tokens).
/// Answers challenges with 401/403 problem details instead of redirects.
/// </summary>
internal sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UserDirectory users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>True when the request carries a bearer credential (used by the policy scheme to pick this handler).</summary>
    public static bool HasBearer(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header[BearerPrefix.Length..].Trim();
        var user = await users.AuthenticateByTokenAsync(token, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(UserClaims.Principal(user, Scheme.Name), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var invalid = result.Failure is not null;
        Response.Headers.Append(HeaderNames.WWWAuthenticate,
            invalid ? "Bearer error=\"invalid_token\", error_description=\"The token is unknown, revoked or expired.\"" : "Bearer");
        await AuthProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            invalid ? "The bearer token is unknown, revoked or expired." : "A login or a bearer token is required.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Your role does not allow this.");
}

/// <summary>401/403 answers as RFC 9457 problem details.</summary>
internal static class AuthProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden",
                Detail = detail,
            },
        });
    }

    /// <summary>API and OpenAPI requests get status codes; page requests get redirects.</summary>
    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
}
