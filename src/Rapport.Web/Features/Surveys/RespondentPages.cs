using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Web.Components.Shell;

namespace Rapport.Web.Features.Surveys;

/// <summary>Configuration section <c>Rapport:Surveys:RateLimit</c>: limits of the anonymous respondent pages per client address.</summary>
public sealed class RespondentRateLimitOptions
{
    public const string Section = "Rapport:Surveys:RateLimit";

    /// <summary>Requests to <c>/s/…</c> per client address and minute.</summary>
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>Unknown tokens tolerated per client address and window; then every respondent request from it gets 429.</summary>
    public int FailedLookups { get; set; } = 10;

    /// <summary>Length of the window for <see cref="FailedLookups"/>, in minutes.</summary>
    public int FailedLookupWindowMinutes { get; set; } = 10;
}

/// <summary>Blocks client addresses that try too many unknown tokens (guessing), for valid and invalid tokens alike.</summary>
internal sealed class RespondentGuard(IOptions<RespondentRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.FailedLookups),
            Window = TimeSpan.FromMinutes(Math.Max(1, options.Value.FailedLookupWindowMinutes)),
            QueueLimit = 0,
        }));

    public bool IsBlocked(string address) => _failures.GetStatistics(address) is { CurrentAvailablePermits: <= 0 };

    public void RecordFailure(string address)
    {
        using var lease = _failures.AttemptAcquire(address);
    }

    public void Dispose() => _failures.Dispose();
}

/// <summary>The respondent pages at <c>/s/{token}</c> (docs/surveys.md#waves-invitations-and-anonymity, docs/api.md): anonymous, server-rendered, English and German.</summary>
internal static class RespondentPages
{
    public const string RateLimitPolicy = "respondent";

    public static void MapRespondentPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/s").AllowAnonymous().RequireRateLimiting(RateLimitPolicy).ExcludeFromDescription();
        group.MapGet("/{token}", GetAsync);
        group.MapPost("/{token}", PostAsync);
    }

    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async Task<IResult> GetAsync(string token, string? lang, string? step, string? done, HttpContext context,
        RapportDbContext db, TimeProvider time, RespondentGuard guard, IAntiforgery antiforgery, IOptions<SurveyOptions> survey, CancellationToken ct)
    {
        var address = ClientAddress(context);
        if (guard.IsBlocked(address))
        {
            return TooMany(lang);
        }
        var opened = await new RespondentSessions(db, time).OpenAsync(token, ct);
        if (!opened.Succeeded)
        {
            return Refusal(opened.Error!, lang, guard, address, thanks: done == "1");
        }
        var state = opened.Value!;
        var language = lang is "en" or "de" ? lang : PublicPage.Language(state.Language);
        var current = step is not null && RespondentSteps.All.Contains(step) && RespondentSteps.Questions(step, state).Count > 0
            ? step
            : RespondentSteps.Find("phases", 1, state) ?? "open";
        return Render(context, antiforgery, language, survey.Value.SupplierName, token, current, state, null, state.Answers, StatusCodes.Status200OK);
    }

    private static async Task<IResult> PostAsync(string token, string? lang, HttpContext context,
        RapportDbContext db, TimeProvider time, RespondentGuard guard, IAntiforgery antiforgery, IOptions<SurveyOptions> survey, CancellationToken ct)
    {
        var address = ClientAddress(context);
        if (guard.IsBlocked(address))
        {
            return TooMany(lang);
        }
        var sessions = new RespondentSessions(db, time);
        var opened = await sessions.OpenAsync(token, ct);
        if (!opened.Succeeded)
        {
            return Refusal(opened.Error!, lang, guard, address, thanks: false);
        }
        var state = opened.Value!;
        var language = lang is "en" or "de" ? lang : PublicPage.Language(state.Language);
        if (!context.Request.HasFormContentType)
        {
            return Message(language, "ErrorsTitle", "ErrorsTitle", StatusCodes.Status400BadRequest);
        }
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            // An expired form (e.g. a tab left open for days): show the step again with a fresh form.
            return Results.Redirect($"/s/{token}?lang={language}", permanent: false, preserveMethod: false);
        }
        var form = await context.Request.ReadFormAsync(ct);
        var step = form["step"].ToString();
        if (!RespondentSteps.All.Contains(step))
        {
            step = "phases";
        }
        var questions = RespondentSteps.Questions(step, state);
        var inputs = RespondentSteps.Parse(questions, form);
        var saved = await sessions.SaveAsync(token, inputs, ct);
        if (!saved.Succeeded)
        {
            if (saved.Error!.Kind != ErrorKind.Validation)
            {
                return Refusal(saved.Error, language, guard, address, thanks: false);
            }
            var shown = new Dictionary<AnswerKey, AnswerValue>(state.Answers);
            foreach (var input in inputs)
            {
                shown[input.Key] = new AnswerValue(input.Value, input.Text);
            }
            return Render(context, antiforgery, language, survey.Value.SupplierName, token, step, state, saved.Error, shown, StatusCodes.Status400BadRequest);
        }
        var after = saved.Value!;
        var go = form["go"].ToString();
        switch (go)
        {
            case "later":
                return Message(language, "SavedTitle", "Saved");
            case "back":
                return Results.Redirect($"/s/{token}?lang={language}&step={RespondentSteps.Previous(step, after) ?? step}");
            default:
                var next = RespondentSteps.Next(step, after);
                if (next is not null)
                {
                    return Results.Redirect($"/s/{token}?lang={language}&step={next}");
                }
                var submitted = await sessions.SubmitAsync(token, ct);
                return submitted.Succeeded
                    ? Results.Redirect($"/s/{token}?lang={language}&done=1")
                    : Refusal(submitted.Error!, language, guard, address, thanks: false);
        }
    }

    private static IResult Render(HttpContext context, IAntiforgery antiforgery, string language, string supplier, string token, string step,
        RespondentState state, Error? error, IReadOnlyDictionary<AnswerKey, AnswerValue> shown, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Headers.CacheControl = "no-store";
        return PublicPage.Render<RespondentStep>(language, new Dictionary<string, object?>
        {
            [nameof(RespondentStep.Lang)] = language,
            [nameof(RespondentStep.Supplier)] = supplier,
            [nameof(RespondentStep.Token)] = token,
            [nameof(RespondentStep.Step)] = step,
            [nameof(RespondentStep.State)] = state,
            [nameof(RespondentStep.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(RespondentStep.AntiforgeryToken)] = tokens.RequestToken!,
            [nameof(RespondentStep.Shown)] = shown,
            [nameof(RespondentStep.Error)] = error,
        }, status);
    }

    private static IResult Refusal(Error error, string? lang, RespondentGuard guard, string address, bool thanks)
    {
        var language = PublicPage.Language(lang);
        switch (error.Code)
        {
            case SurveyErrors.NotFoundCode:
                guard.RecordFailure(address);
                return Message(language, "NotFoundTitle", "NotFound", StatusCodes.Status404NotFound);
            case SurveyErrors.CompletedCode:
                return thanks ? Message(language, "ThanksTitle", "Thanks") : Message(language, "CompletedTitle", "Completed");
            default:
                return Message(language, "ClosedTitle", "Closed");
        }
    }

    private static IResult TooMany(string? lang) =>
        Message(PublicPage.Language(lang), "TooManyTitle", "TooMany", StatusCodes.Status429TooManyRequests);

    /// <summary>A page with a heading and a message, both named by their resource (RespondentTexts.resx).</summary>
    private static IResult Message(string language, string heading, string text, int status = StatusCodes.Status200OK) =>
        PublicPage.Render<RespondentMessage>(language, new Dictionary<string, object?>
        {
            [nameof(RespondentMessage.Lang)] = language,
            [nameof(RespondentMessage.Heading)] = heading,
            [nameof(RespondentMessage.Text)] = text,
        }, status);
}
