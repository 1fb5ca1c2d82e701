using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Web.Features.Identity;

/// <summary>
/// Makes the request's <see cref="Caller"/> once, from the active user row behind the principal (and, for account
/// managers, the accounts shared with them). A principal whose user is gone or deactivated gets no caller.
/// </summary>
internal sealed class CallerAccessor(IDbContextFactory<RapportDbContext> dbFactory, IHttpContextAccessor http)
{
    private static readonly string[] IdClaims = [ClaimTypes.NameIdentifier, "sub", "user_id"];
    private static readonly string[] EmailClaims = [ClaimTypes.Email, "email", ClaimTypes.Name];

    private Task<Caller?>? caller;

    /// <summary>The caller, once <see cref="GetAsync"/> has run (the pipeline runs it right after authentication).</summary>
    public Caller? Current => caller is { IsCompletedSuccessfully: true } done ? done.Result : null;

    public Task<Caller?> GetAsync(CancellationToken cancellationToken = default) =>
        caller ??= LoadAsync(http.HttpContext?.User, cancellationToken);

    private async Task<Caller?> LoadAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = db.Users.Where(u => u.IsActive);
        var id = IdClaims.Select(principal.FindFirst).FirstOrDefault(c => c is not null)?.Value;
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            users = users.Where(u => u.Id == userId);
        }
        else
        {
            var email = EmailClaims.Select(principal.FindFirst).FirstOrDefault(c => c is not null && c.Value.Contains('@'))?.Value
                ?? principal.Identity.Name;
            if (string.IsNullOrWhiteSpace(email))
            {
                return null;
            }
            var lower = email.Trim().ToLowerInvariant();
            users = users.Where(u => u.Email.ToLower() == lower);
        }
        var found = await users
            .Select(u => new Caller(u.Id, u.Email, u.DisplayName, u.Role, u.PreferredLanguage, u.MustChangePassword))
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null || found.SeesAllAccounts)
        {
            return found;
        }
        var shared = await db.AccountShares.Where(s => s.UserId == found.Id).Select(s => s.AccountId).ToArrayAsync(cancellationToken);
        return found with { SharedAccountIds = shared };
    }
}

/// <summary>Makes the caller once per request, right after authentication, so endpoints and pages can take it.</summary>
internal static class CallerMiddleware
{
    public static void UseCaller(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Anonymous endpoints (static assets, health, public pages) skip the lookup; they read the caller lazily if at all.
        if (context.User.Identity is { IsAuthenticated: true } identity
            && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            var caller = await context.RequestServices.GetRequiredService<CallerAccessor>().GetAsync(context.RequestAborted);
            // A user deactivated or deleted since the cookie or token was issued is anonymous; otherwise the principal
            // carries the role and flags of the user row now, so every policy judges the same caller.
            context.User = caller is null ? new ClaimsPrincipal(new ClaimsIdentity()) : UserClaims.Principal(caller, identity.AuthenticationType);
        }
        await next(context);
    });

    /// <summary>The request's caller; only for code behind an endpoint that requires a login.</summary>
    public static Caller Caller(this HttpContext http) => http.RequestServices.GetRequiredService<Caller>();

    /// <summary>Whether the request's user meets a policy of <see cref="Policies"/> — the same check as on pages and endpoints.</summary>
    public static async Task<bool> MeetsPolicyAsync(this HttpContext http, string policy) =>
        (await http.RequestServices.GetRequiredService<IAuthorizationService>()
            .AuthorizeAsync(http.User, policy)).Succeeded;

    public static void AddCaller(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CallerAccessor>();
        // Endpoints take the caller as a parameter; they all require a login, so it exists when they run.
        services.AddScoped(sp => sp.GetRequiredService<CallerAccessor>().Current
            ?? throw new InvalidOperationException("No signed-in caller: the endpoint must require authorization."));
    }
}
