using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Rapport.Core.Data;
using Rapport.Core.Surveys;

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
        var t = RespondentTexts.For(lang is "en" or "de" ? lang : state.Language);
        var current = step is not null && RespondentSteps.All.Contains(step) && RespondentSteps.Questions(step, state).Count > 0
            ? step
            : RespondentSteps.Find("phases", 1, state) ?? "open";
        return Render(context, antiforgery, t, survey.Value.SupplierName, token, current, state, [], state.Answers, StatusCodes.Status200OK);
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
        var t = RespondentTexts.For(lang is "en" or "de" ? lang : state.Language);
        if (!context.Request.HasFormContentType)
        {
            return Results.Content(RespondentHtml.Message(t, t.ErrorsTitle, t.ErrorsTitle), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            // An expired form (e.g. a tab left open for days): show the step again with a fresh form.
            return Results.Redirect($"/s/{token}?lang={t.Lang}", permanent: false, preserveMethod: false);
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
            if (saved.Error!.Kind != SurveyErrorKind.Invalid)
            {
                return Refusal(saved.Error, t.Lang, guard, address, thanks: false);
            }
            var shown = new Dictionary<AnswerKey, AnswerValue>(state.Answers);
            foreach (var input in inputs)
            {
                shown[input.Key] = new AnswerValue(input.Value, input.Text);
            }
            var messages = saved.Error.AnswerErrors?.Select(e => Friendly(e, state, t)).ToList() ?? [saved.Error.Message];
            return Render(context, antiforgery, t, survey.Value.SupplierName, token, step, state, messages, shown, StatusCodes.Status400BadRequest);
        }
        var after = saved.Value!;
        var go = form["go"].ToString();
        switch (go)
        {
            case "later":
                return Results.Content(RespondentHtml.Message(t, t.SavedTitle, t.Saved), "text/html; charset=utf-8");
            case "back":
                return Results.Redirect($"/s/{token}?lang={t.Lang}&step={RespondentSteps.Previous(step, after) ?? step}");
            default:
                var next = RespondentSteps.Next(step, after);
                if (next is not null)
                {
                    return Results.Redirect($"/s/{token}?lang={t.Lang}&step={next}");
                }
                var submitted = await sessions.SubmitAsync(token, ct);
                return submitted.Succeeded
                    ? Results.Redirect($"/s/{token}?lang={t.Lang}&done=1")
                    : Refusal(submitted.Error!, t.Lang, guard, address, thanks: false);
        }
    }

    private static IResult Render(HttpContext context, IAntiforgery antiforgery, RespondentTexts t, string supplier, string token, string step,
        RespondentState state, IReadOnlyList<string> errors, IReadOnlyDictionary<AnswerKey, AnswerValue> shown, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = RespondentHtml.Step(t, supplier, token, step, state, RespondentSteps.Questions(step, state),
            tokens.FormFieldName, tokens.RequestToken!, errors, shown);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static IResult Refusal(SurveyError error, string? lang, RespondentGuard guard, string address, bool thanks)
    {
        var t = RespondentTexts.For(lang);
        switch (error.Kind)
        {
            case SurveyErrorKind.NotFound:
                guard.RecordFailure(address);
                return Results.Content(RespondentHtml.Message(t, t.NotFoundTitle, t.NotFound), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            case SurveyErrorKind.Completed:
                return thanks
                    ? Results.Content(RespondentHtml.Message(t, t.ThanksTitle, t.Thanks), "text/html; charset=utf-8")
                    : Results.Content(RespondentHtml.Message(t, t.CompletedTitle, t.Completed), "text/html; charset=utf-8");
            default:
                var text = t.Lang == "de"
                    ? "Diese Befragung ist derzeit nicht geöffnet – sie ist beendet oder hat noch nicht begonnen. Vielen Dank für Ihr Interesse."
                    : "This survey is not open at the moment – it has closed or has not started yet. Thank you for your interest.";
                return Results.Content(RespondentHtml.Message(t, t.ClosedTitle, text), "text/html; charset=utf-8");
        }
    }

    private static IResult TooMany(string? lang)
    {
        var t = RespondentTexts.For(lang);
        return Results.Content(RespondentHtml.Message(t, t.TooManyTitle, t.TooMany), "text/html; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static string Friendly(AnswerError error, RespondentState state, RespondentTexts t)
    {
        var item = state.Survey.Item(error.Key.ItemCode);
        var phase = error.Key.Phase is null ? null : state.Survey.Phase(error.Key.Phase)?.Name(t.Lang);
        var touchpoint = error.Key.Touchpoint is null ? null : state.Survey.Touchpoint(error.Key.Touchpoint)?.Name(t.Lang);
        var question = item is null ? error.Key.ToString() : SurveyTemplate.Render(item.Text(t.Lang), "…", phase, touchpoint);
        return t.Lang == "de"
            ? string.Create(CultureInfo.InvariantCulture, $"„{question}“: Diese Antwort passt nicht zu Ihren bisherigen Angaben oder liegt außerhalb der Skala.")
            : string.Create(CultureInfo.InvariantCulture, $"“{question}”: this answer does not fit your earlier answers or is outside the scale.");
    }
}
