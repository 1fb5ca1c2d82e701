using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Rapport.Core.Complaints;

namespace Rapport.Web.Features.Complaints;

/// <summary>
/// The customer's side of the closed loop at <c>/c/{token}</c>: anonymous, server-rendered, script-free, English and
/// German. The customer confirms the resolution with their satisfaction with the handling, or reopens the complaint.
/// Unknown tokens answer 404; the routes are rate-limited per client address.
/// </summary>
internal static class CustomerLinkPages
{
    public const string RateLimitPolicy = "complaint-link";

    private const string Style = """
        *{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}
        main{max-width:42rem;margin:0 auto;padding:1rem}header{display:flex;justify-content:space-between;align-items:center;gap:1rem}
        h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1.1rem;margin:1.25rem 0 .5rem}a{color:#0b5cad}
        .card{background:#fff;border:1px solid #c9d1d9;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem}
        fieldset{border:0;margin:0;padding:0}legend{font-weight:600;margin-bottom:.25rem}
        .opts{display:flex;flex-direction:column;gap:.4rem;margin:.5rem 0}
        .opts label{display:flex;align-items:center;gap:.5rem;min-height:44px;padding:.25rem .6rem;border:1px solid #c9d1d9;border-radius:.4rem;background:#fafbfc}
        input[type=radio]{width:1.3rem;height:1.3rem}label.block{display:block;font-weight:600;margin:.75rem 0 .25rem}
        textarea{width:100%;min-height:5rem;font:inherit;padding:.5rem;border:1px solid #8c959f;border-radius:.4rem}
        button{font:inherit;min-height:48px;margin-top:.75rem;padding:.5rem 1.25rem;border-radius:.4rem;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}
        button.secondary{background:#fff;color:#0b5cad}.errors{border:2px solid #b42318;background:#fff4f2;padding:.75rem 1rem;border-radius:.5rem}
        .muted{color:#57606a}:focus-visible{outline:3px solid #f3a712;outline-offset:2px}
        """;

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
        var t = CustomerLinkTexts.For(lang is "en" or "de" ? lang : view.Language);
        return (done, view.Status) switch
        {
            ("confirm", ComplaintStatus.Confirmed) => Html(Message(t, token, t.ThanksConfirmedTitle, t.ThanksConfirmed)),
            ("reopen", _) when view.Status != ComplaintStatus.Resolved => Html(Message(t, token, t.ThanksReopenedTitle, t.ThanksReopened)),
            (_, ComplaintStatus.Resolved) => Form(context, antiforgery, t, token, view, null, StatusCodes.Status200OK),
            _ => Html(Message(t, token, t.AlreadyAnsweredTitle, t.AlreadyAnswered)),
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
        var t = CustomerLinkTexts.For(lang is "en" or "de" ? lang : view.Language);
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            // A stale or foreign form: show the page again with a fresh one.
            return Results.Redirect($"/c/{token}?lang={t.Lang}");
        }
        var form = await context.Request.ReadFormAsync(ct);
        var answer = form["answer"].ToString();
        var note = form["note"].ToString();
        ComplaintResult<CustomerComplaintView> result;
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
            return Results.Redirect($"/c/{token}?lang={t.Lang}&done={answer}");
        }
        return result.Error!.Kind switch
        {
            ComplaintErrorKind.Invalid => Form(context, antiforgery, t, token, view,
                result.Error.Field == "satisfaction" ? t.ChooseSatisfaction : result.Error.Message, StatusCodes.Status400BadRequest),
            ComplaintErrorKind.NotFound => NotFound(t.Lang),
            _ => Html(Message(t, token, t.AlreadyAnsweredTitle, t.AlreadyAnswered), StatusCodes.Status409Conflict),
        };
    }

    public static IResult TooMany(string? lang)
    {
        var t = CustomerLinkTexts.For(lang);
        return Html(Page(t, null, t.TooManyTitle, $"<h1>{E(t.TooManyTitle)}</h1><p>{E(t.TooMany)}</p>"), StatusCodes.Status429TooManyRequests);
    }

    private static IResult NotFound(string? lang)
    {
        var t = CustomerLinkTexts.For(lang);
        return Html(Page(t, null, t.NotFoundTitle, $"<h1>{E(t.NotFoundTitle)}</h1><p>{E(t.NotFound)}</p>"), StatusCodes.Status404NotFound);
    }

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, CustomerLinkTexts t, string token, CustomerComplaintView view,
        string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var hidden = $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken!)}\">";
        var action = $"/c/{E(token)}?lang={t.Lang}";
        var culture = CultureInfo.GetCultureInfo(t.Lang == "de" ? "de-DE" : "en-GB");
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(t.Title)).Append("</h1><p>").Append(E(t.Intro(view.AccountName))).Append("</p>");
        if (error is not null)
        {
            body.Append("<div class=\"errors\" role=\"alert\" id=\"errors\">").Append(E(error)).Append("</div>");
        }
        body.Append("<section class=\"card\"><h2>").Append(E(t.YourComplaint)).Append("</h2><p><strong>").Append(E(view.Subject))
            .Append("</strong></p><p class=\"muted\">").Append(E(t.ReceivedOn)).Append(' ')
            .Append(E(view.ReceivedAt.ToString(t.Lang == "de" ? "dd.MM.yyyy" : "d MMM yyyy", culture))).Append("</p>");
        if (!string.IsNullOrWhiteSpace(view.Resolution))
        {
            body.Append("<h2>").Append(E(t.WhatWeDid)).Append("</h2><p>").Append(E(view.Resolution)).Append("</p>");
        }
        body.Append("</section><h2>").Append(E(t.Question)).Append("</h2>");

        body.Append("<form method=\"post\" action=\"").Append(action).Append("\" class=\"card\" id=\"confirm-form\">").Append(hidden)
            .Append("<input type=\"hidden\" name=\"answer\" value=\"confirm\"><h2>").Append(E(t.YesResolved)).Append("</h2>")
            .Append("<fieldset><legend>").Append(E(t.SatisfactionLegend)).Append("</legend><div class=\"opts\">");
        for (var v = 5; v >= 1; v--)
        {
            body.Append("<label><input type=\"radio\" name=\"satisfaction\" value=\"").Append(v).Append("\" required> ")
                .Append(E(t.SatisfactionLabel(v))).Append("</label>");
        }
        body.Append("</div></fieldset><label class=\"block\" for=\"confirm-note\">").Append(E(t.CommentOptional)).Append("</label>")
            .Append("<textarea id=\"confirm-note\" name=\"note\" maxlength=\"").Append(ComplaintWorkflow.MaxText).Append("\"></textarea>")
            .Append("<button type=\"submit\">").Append(E(t.Confirm)).Append("</button></form>");

        body.Append("<form method=\"post\" action=\"").Append(action).Append("\" class=\"card\" id=\"reopen-form\">").Append(hidden)
            .Append("<input type=\"hidden\" name=\"answer\" value=\"reopen\"><h2>").Append(E(t.NotResolved)).Append("</h2>")
            .Append("<label class=\"block\" for=\"reopen-note\">").Append(E(t.ReasonLabel)).Append("</label>")
            .Append("<textarea id=\"reopen-note\" name=\"note\" maxlength=\"").Append(ComplaintWorkflow.MaxText).Append("\"></textarea>")
            .Append("<button type=\"submit\" class=\"secondary\">").Append(E(t.Reopen)).Append("</button></form>");
        context.Response.Headers.CacheControl = "no-store";
        return Html(Page(t, token, t.Title, body.ToString()), status);
    }

    private static string Message(CustomerLinkTexts t, string token, string title, string text) =>
        Page(t, token, title, $"<h1>{E(title)}</h1><p>{E(text)}</p>");

    private static string Page(CustomerLinkTexts t, string? token, string title, string body)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"").Append(t.Lang).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\"><title>").Append(E(title)).Append("</title><style>").Append(Style)
            .Append("</style></head><body><main><header><strong>Rapport</strong>");
        if (token is not null)
        {
            sb.Append("<a href=\"/c/").Append(E(token)).Append("?lang=").Append(t.OtherLang).Append("\" lang=\"").Append(t.OtherLang)
                .Append("\" hreflang=\"").Append(t.OtherLang).Append("\">").Append(E(t.SwitchLanguage)).Append("</a>");
        }
        sb.Append("</header>").Append(body).Append("</main></body></html>");
        return sb.ToString();
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    // Umlauts stay readable in the page source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Encoder.Encode(text);
}
