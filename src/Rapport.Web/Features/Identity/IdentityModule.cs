using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Rapport.Core.Identity;

namespace Rapport.Web.Features.Identity;

/// <summary>Cookie login for the UI, bearer personal access tokens for the API (docs/security.md#personal-access-tokens).</summary>
internal sealed class IdentityModule : FeatureModule
{
    public override void MapApi(RouteGroupBuilder api) => api.MapUsersApi();

    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCaller();
        services.AddOptions<RapportAuthOptions>().Bind(builder.Configuration.GetSection(RapportAuthOptions.Section));
        var authOptions = builder.Configuration.GetSection(RapportAuthOptions.Section).Get<RapportAuthOptions>() ?? new RapportAuthOptions();

        services.AddScoped<RapportCookieEvents>();
        services.AddAuthentication(AuthSchemes.Smart)
            .AddPolicyScheme(AuthSchemes.Smart, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = context =>
                    PersonalAccessTokenHandler.HasBearer(context) ? AuthSchemes.Bearer : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.LoginPath = LoginEndpoints.LoginPage;
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/access-denied";
                o.ReturnUrlParameter = "returnUrl";
                o.Cookie.Name = "rapport.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(authOptions.CookieHours);
                o.SlidingExpiration = true;
                o.EventsType = typeof(RapportCookieEvents);
            })
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(AuthSchemes.Bearer, "Personal access token", _ => { });

        services.AddAuthorizationBuilder()
            // Every endpoint and page needs a login unless it opts out with AllowAnonymous (/healthz, /login, /s/{token}).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Read, p => p.RequireAuthenticatedUser())
            // The role sets are the caller's own (Caller.WriterRoles, SurveyEditorRoles), so pages and endpoints judge alike.
            .AddPolicy(Policies.Write, p => p.RequireRole(Caller.WriterRoles.Select(RapportClaims.RoleName)))
            .AddPolicy(Policies.Surveys, p => p.RequireRole(Caller.SurveyEditorRoles.Select(RapportClaims.RoleName)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(RapportClaims.RoleName(UserRole.Admin)));

        services.AddAntiforgery(o => o.Cookie.Name = "rapport.af");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginEndpoints.LoginRateLimit, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RapportAuthOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.LoginPermitLimit,
                        Window = TimeSpan.FromSeconds(limits.LoginWindowSeconds),
                        QueueLimit = 0,
                    });
            });
            o.OnRejected = async (context, _) =>
            {
                var http = context.HttpContext;
                if (http.Request.Path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase))
                {
                    http.Response.Redirect(LoginEndpoints.LoginPage + "?error=rate_limited");
                    return;
                }
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "Too many attempts; wait a minute and try again." },
                });
            };
        });
    }

    public override void MapEndpoints(WebApplication app) => app.MapLoginEndpoints();
}
