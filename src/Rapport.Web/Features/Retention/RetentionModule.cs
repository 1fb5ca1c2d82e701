using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rapport.Core.Data;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;
using Rapport.Web.Components.Shell;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Dashboard;
using Rapport.Web.Features.Identity;
using Rapport.Web.Features.Insights;
using Rapport.Web.Features.Surveys;

namespace Rapport.Web.Features.Retention;

/// <summary>
/// Retention management in the host: the scoring worker and its settings (<c>Rapport:Scoring</c>), the queries of the
/// retention pages and the form that changes a task's status.
/// </summary>
internal sealed class RetentionModule : FeatureModule
{
    public override void MapApi(RouteGroupBuilder api)
    {
        api.MapRetentionApi();
        api.MapRetentionAnalyticsApi();
    }

    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ScoringOptions>().Bind(builder.Configuration.GetSection(ScoringOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ScoringCoordinator>();
        services.AddSingleton<ScoringWakeUp>();
        services.AddScoped<RetentionQueries>();
    }

    public override void MapEndpoints(WebApplication app)
    {
        // Form binding makes the endpoint validate the antiforgery token of the form (docs/decisions/0009).
        app.MapPost("/tasks/{id:long}/status", SetTaskStatusAsync).RequireAuthorization();
    }

    /// <summary>"Mark done" / "Reopen" on the tasks page: a plain form post, answered with a redirect back to the page.</summary>
    private static async Task<IResult> SetTaskStatusAsync(long id, [FromForm] string? status, [FromForm] string? returnUrl, Caller user,
        RetentionQueries queries, CancellationToken ct)
    {
        if (!EnumText.TryParse<AccountTaskStatus>(status, out var value))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown task status",
                detail: $"Field 'status' must be one of: {EnumText.AllowedValues<AccountTaskStatus>()}.");
        }
        if (!await queries.SetTaskStatusAsync(user, id, value, ct))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no task with id {id} for you.");
        }
        return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    /// <summary>Bad settings stop the start with a message naming the setting, instead of failing at night.</summary>
    private sealed class ScoringOptionsValidation : IValidateOptions<ScoringOptions>
    {
        public ValidateOptionsResult Validate(string? name, ScoringOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ScoringOptionsException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
