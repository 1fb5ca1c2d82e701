using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rapport.Core.Surveys;
using Rapport.Core.Surveys.Mail;

namespace Rapport.Web.Features.Surveys;

/// <summary>Survey services of the host and the respondent pages with their rate limits.</summary>
internal sealed class SurveysModule : FeatureModule
{
    public override void MapApi(RouteGroupBuilder api) => api.MapSurveysApi();

    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SurveyOptions>(builder.Configuration.GetSection(SurveyOptions.Section));
        services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(SmtpOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host), $"{SmtpOptions.Section}:Host must not be empty.")
            .Validate(o => o.Port is > 0 and <= 65535, $"{SmtpOptions.Section}:Port must be between 1 and 65535.")
            .Validate(o => o.Sender.Contains('@', StringComparison.Ordinal), $"{SmtpOptions.Section}:Sender must be an e-mail address.")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                $"{SmtpOptions.Section}:PublicBaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddOptions<ReminderOptions>().Bind(builder.Configuration.GetSection(ReminderOptions.Section))
            .Validate(o => o.AfterDays >= 1 && o.MaxReminders >= 0 && o.CheckEveryMinutes > 0,
                $"{ReminderOptions.Section}: AfterDays must be at least 1, MaxReminders at least 0 and CheckEveryMinutes above 0.")
            .ValidateOnStart();
        // Mail goes out through the configured SMTP relay; tests may register their own sender first.
        services.TryAddSingleton<IMailSender>(sp => new SmtpMailSender(sp.GetRequiredService<IOptions<SmtpOptions>>().Value));
        services.AddSingleton<InvitationTokenCache>();
        services.AddScoped<SurveyServices>();
        services.AddScoped<SurveyPagesQuery>();
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

    public override void MapEndpoints(WebApplication app)
    {
        // The rate-limiting middleware is in the shared pipeline (Infrastructure/Pipeline.cs); here only the pages.
        app.MapRespondentPages();
        app.MapSurveyForms();
    }
}
