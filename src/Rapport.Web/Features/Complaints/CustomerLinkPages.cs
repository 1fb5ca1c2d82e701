using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Rapport.Core.Common;
using Rapport.Core.Complaints;
using Rapport.Web.Components.Shell;

namespace Rapport.Web.Features.Complaints;

/// <summary>
/// The customer's side of the closed loop at <c>/c/{token}</c>: anonymous, server-rendered, script-free, English and
/// German. The customer confirms the resolution with their satisfaction with the handling, or reopens the complaint.
/// Unknown tokens answer 404; the routes are rate-limited per client address.
/// </summary>
internal static class CustomerLinkPages
{
    public const string RateLimitPolicy = "complaint-link";

    public static void MapCustomerLinkPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/c").AllowAnonymous().RequireRateLimiting(RateLimitPolicy).ExcludeFromDescription();
        group.MapGet("/{token}", GetAsync);
        group.MapPost("/{token}", PostAsync).DisableAntiforgery();
    }

    private static async Task<IResult> GetAsync(string token, string? lang, string? done, HttpContext context, ComplaintWorkflow workflow,
        IAntiforgery antiforgery, CancellationToken ct)
    {
        var opened = await workflow.OpenLinkAsync(token, ct);
        if (!opened.Succeeded)
        {
            return NotFound(lang);
        }
        var view = opened.Value!;
        var language = lang is "en" or "de" ? lang : PublicPage.Language(view.Language);
        return (done, view.Status) switch
        {
            ("confirm", ComplaintStatus.Confirmed) => Message(language, token, "ThanksConfirmedTitle", "ThanksConfirmed"),
            ("reopen", _) when view.Status != ComplaintStatus.Resolved => Message(language, token, "ThanksReopenedTitle", "ThanksReopened"),
            (_, ComplaintStatus.Resolved) => Form(context, antiforgery, language, token, view, null, StatusCodes.Status200OK),
            _ => Message(language, token, "AlreadyAnsweredTitle", "AlreadyAnswered"),
        };
    }

    private static async Task<IResult> PostAsync(string token, string? lang, HttpContext context, ComplaintWorkflow workflow,
        IAntiforgery antiforgery, CancellationToken ct)
    {
        var opened = await workflow.OpenLinkAsync(token, ct);
        if (!opened.Succeeded)
        {
            return NotFound(lang);
        }
        var view = opened.Value!;
        var language = lang is "en" or "de" ? lang : PublicPage.Language(view.Language);
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            // A stale or foreign form: show the page again with a fresh one.
            return Results.Redirect($"/c/{token}?lang={language}");
        }
        var form = await context.Request.ReadFormAsync(ct);
        var answer = form["answer"].ToString();
        var note = form["note"].ToString();
        Result<CustomerComplaintView> result;
        if (answer == "reopen")
        {
            result = await workflow.ReopenByLinkAsync(token, note, ct);
        }
        else
        {
            int? satisfaction = int.TryParse(form["satisfaction"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
            result = await workflow.ConfirmByLinkAsync(token, satisfaction, note, ct);
            answer = "confirm";
        }
        if (result.Succeeded)
        {
            return Results.Redirect($"/c/{token}?lang={language}&done={answer}");
        }
        return result.Error!.Kind switch
        {
            ErrorKind.Validation => Form(context, antiforgery, language, token, view, result.Error, StatusCodes.Status400BadRequest),
            ErrorKind.NotFound => NotFound(language),
            _ => Message(language, token, "AlreadyAnsweredTitle", "AlreadyAnswered", StatusCodes.Status409Conflict),
        };
    }

    public static IResult TooMany(string? lang) =>
        Message(PublicPage.Language(lang), null, "TooManyTitle", "TooMany", StatusCodes.Status429TooManyRequests);

    private static IResult NotFound(string? lang) =>
        Message(PublicPage.Language(lang), null, "NotFoundTitle", "NotFound", StatusCodes.Status404NotFound);

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, string language, string token, CustomerComplaintView view,
        Error? refused, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Headers.CacheControl = "no-store";
        return PublicPage.Render<CustomerLinkForm>(language, new Dictionary<string, object?>
        {
            [nameof(CustomerLinkForm.Lang)] = language,
            [nameof(CustomerLinkForm.Token)] = token,
            [nameof(CustomerLinkForm.View)] = view,
            [nameof(CustomerLinkForm.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(CustomerLinkForm.AntiforgeryToken)] = tokens.RequestToken!,
            [nameof(CustomerLinkForm.Refused)] = refused,
        }, status);
    }

    /// <summary>A page with a heading and a message, both named by their resource (CustomerLinkTexts.resx).</summary>
    private static IResult Message(string language, string? token, string heading, string text, int status = StatusCodes.Status200OK) =>
        PublicPage.Render<CustomerLinkMessage>(language, new Dictionary<string, object?>
        {
            [nameof(CustomerLinkMessage.Lang)] = language,
            [nameof(CustomerLinkMessage.Token)] = token,
            [nameof(CustomerLinkMessage.Heading)] = heading,
            [nameof(CustomerLinkMessage.Text)] = text,
        }, status);
}
