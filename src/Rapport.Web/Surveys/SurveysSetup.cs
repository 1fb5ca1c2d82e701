using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rapport.Core.Surveys;
using Rapport.Core.Surveys.Mail;

namespace Rapport.Web.Surveys;

/// <summary>Survey services of the host and the respondent pages with their rate limits.</summary>
internal static class SurveysSetup
{
    public static void AddRapportSurveys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SurveyOptions>(builder.Configuration.GetSection(SurveyOptions.Section));
        services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
        services.Configure<RespondentRateLimitOptions>(builder.Configuration.GetSection(RespondentRateLimitOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RespondentGuard>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RespondentPages.RateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RespondentRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(RespondentPages.ClientAddress(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, limits.RequestsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
    }

    public static void MapRapportSurveys(this WebApplication app)
    {
        // The rate-limiting middleware is in the shared pipeline (Infrastructure/Pipeline.cs); here only the pages.
        app.MapRespondentPages();
    }
}
