using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Rapport.Core.Accounts;
using Rapport.Core.Auditing;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Surveys;
using Rapport.Core.Surveys.Mail;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Surveys;

/// <summary>
/// The form posts of the survey pages (static SSR, ADR 0009): each validates the antiforgery token, runs one use case
/// and redirects back to the page (post/redirect/get) with <c>?done=…</c> or <c>?error=…</c> codes the page shows in the
/// user's language. Only admins and analysts may post (docs/security.md#roles-and-account-access); everyone else gets 403. Changes are audited.
/// </summary>
internal static class SurveyFormEndpoints
{
    public static void MapSurveyForms(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/surveys").RequireAuthorization().DisableAntiforgery().ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
                await context.HttpContext.MeetsPolicyAsync(Policies.Surveys)
                    ? await next(context)
                    : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                        detail: "Only analysts and administrators change surveys."));
        group.MapPost("/new", CreateSurveyAsync);
        group.MapPost("/{id:long}/settings", SettingsAsync);
        group.MapPost("/{id:long}/items", AddItemAsync);
        group.MapPost("/{id:long}/items/move", MoveItemAsync);
        group.MapPost("/{id:long}/scope", ScopeAsync);
        group.MapPost("/{id:long}/competitors", CompetitorsAsync);
        group.MapPost("/{id:long}/waves", CreateWaveAsync);
        group.MapPost("/waves/{waveId:long}/invitations", InviteAsync);
        group.MapPost("/waves/{waveId:long}/mail", MailAsync);
        group.MapGet("/waves/{waveId:long}/links.csv", LinksCsvAsync);
    }

    private static async Task<IResult> CreateSurveyAsync(HttpContext http, IAntiforgery antiforgery, SurveyServices services, CancellationToken ct)
    {
        if (await FormAsync(http, antiforgery, ct) is not { } form)
        {
            return Back("/surveys", error: "expired");
        }
        if (!TryMinGroupSize(form, out var min))
        {
            return Back("/surveys", error: "min-group-size");
        }
        var user = http.Caller();
        var result = await new SurveyDesigner(services.Db).CreateSurveyAsync(
            new CreateSurveyRequest(form["name"], SurveyTemplate.RelationshipStandard, IsChecked(form, "anonymous"), min), user, ct);
        if (result.Error is { } error)
        {
            return Back("/surveys", error: Code(error));
        }
        await AuditAsync(services.Db, user, "create", "surveys", result.Value, new { name = form["name"].ToString().Trim(), template = SurveyTemplate.RelationshipStandard }, ct);
        return Back($"/surveys/{result.Value}", done: "created");
    }

    private static async Task<IResult> SettingsAsync(long id, HttpContext http, IAntiforgery antiforgery, SurveyServices services, CancellationToken ct)
    {
        var page = $"/surveys/{id}";
        if (await FormAsync(http, antiforgery, ct) is not { } form)
        {
            return Back(page, error: "expired", anchor: "settings");
        }
        if (!TryMinGroupSize(form, out var min))
        {
            return Back(page, error: "min-group-size", anchor: "settings");
        }
        var anonymous = IsChecked(form, "anonymous");
        var result = await new SurveyDesigner(services.Db).UpdateSettingsAsync(id, form["name"], anonymous, min ?? 5, ct);
        if (result.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Results.NotFound() : Back(page, error: Code(error), anchor: "settings");
        }
        await AuditAsync(services.Db, http.Caller(), "update", "surveys", id,
            new { name = form["name"].ToString().Trim(), anonymous, minGroupSize = min ?? 5 }, ct);
        return Back(page, done: "settings", anchor: "settings");
    }

    private static async Task<IResult> AddItemAsync(long id, HttpContext http, IAntiforgery antiforgery, SurveyServices services, CancellationToken ct)
    {
        var page = $"/surveys/{id}";
        if (await FormAsync(http, antiforgery, ct) is not { } form)
        {
            return Back(page, error: "expired", anchor: "questionnaire");
        }
        if (!EnumText.TryParse<SurveyItemScale>(form["scale"], out var scale))
        {
            return Back(page, error: "scale", anchor: "add-item");
        }
        var level = SurveyItemLevel.Global;
        if (!string.IsNullOrEmpty(form["level"]) && !EnumText.TryParse(form["level"], out level))
        {
            return Back(page, error: "level", anchor: "add-item");
        }
        var code = form["code"].ToString().Trim().ToUpperInvariant();
        var result = await new SurveyDesigner(services.Db).AddItemAsync(id, new CustomItemRequest(code, scale, form["textEn"], form["textDe"], level), ct);
        if (result.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Results.NotFound() : Back(page, error: Code(error), anchor: "add-item");
        }
        await AuditAsync(services.Db, http.Caller(), "update", "surveys", id,
            new { addedItem = code, scale = EnumText.ToText(scale), level = EnumText.ToText(level) }, ct);
        return Back(page, done: "item-added", anchor: "questionnaire", extra: ("code", code));
    }

    private static async Task<IResult> MoveItemAsync(long id, HttpContext http, IAntiforgery antiforgery, SurveyServices services, CancellationToken ct)
    {
        var page = $"/surveys/{id}";
        if (await FormAsync(http, antiforgery, ct) is not { } form)
        {
            return Back(page, error: "expired", anchor: "questionnaire");
        }
        var offset = form["direction"].ToString() switch
        {
            "up" => -1,
            "down" => 1,
            _ => 0,
        };
        var code = form["code"].ToString();
        var result = await new SurveyDesigner(services.Db).MoveItemAsync(id, code, offset, ct);
        if (result.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Results.NotFound() : Back(page, error: Code(error), anchor: "questionnaire");
        }
        // The anchor brings the moved row back into view.
        return Back(page, done: "moved", anchor: "item-" + code, extra: ("code", code));
    }

    private static async Task<IResult> ScopeAsync(long id, HttpContext http, IAntiforgery antiforgery, SurveyServices services, CancellationToken ct)
    {
        var page = $"/surveys/{id}";
        if (await FormAsync(http, antiforgery, ct) is not { } form)
        {
            return Back(page, error: "expired", anchor: "scope");
        }
        var phases = form["phase"].Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).ToList();
        var touchpoints = form["touchpoint"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToList();
        if (phases.Count == 0)
        {
            return Back(page, error: "no-phase", anchor: "scope");
        }
        if (touchpoints.Count == 0)
        {
            return Back(page, error: "no-touchpoint", anchor: "scope");
        }
        var designer = new SurveyDesigner(services.Db);
        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        var result = await designer.SetPhasesAsync(id, phases, ct);
        if (result.Succeeded)
        {
            result = await designer.SetTouchpointsAsync(id, touchpoints, ct);
        }
        if (result.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Results.NotFound() : Back(page, error: Code(error), anchor: "scope");
        }
        await AuditAsync(services.Db, http.Caller(), "update", "surveys", id, new { phases, touchpoints }, ct);
        await tx.CommitAsync(ct);
        return Back(page, done: "scope", anchor: "scope");
    }

    private static async Task<IResult> CompetitorsAsync(long id, HttpContext http, IAntiforgery antiforgery, SurveyServices services, CancellationToken ct)
    {
        var page = $"/surveys/{id}";
        if (await FormAsync(http, antiforgery, ct) is not { } form)
        {
            return Back(page, error: "expired", anchor: "competitors");
        }
        var survey = await SurveyDefinition.LoadAsync(services.Db, id, ct);
        if (survey is null)
        {
            return Results.NotFound();
        }
        var designer = new SurveyDesigner(services.Db);
        var chosen = new Dictionary<string, List<string>>();
        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        foreach (var phase in survey.Phases)
        {
            var names = form["cmp|" + phase.Code].Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).Distinct().ToList();
            var result = await designer.SetCompetitorsAsync(id, phase.Code, names, ct);
            if (result.Error is { } error)
            {
                return Back(page, error: Code(error), anchor: "competitors");
            }
            chosen[phase.Code] = names;
        }
        await AuditAsync(services.Db, http.Caller(), "update", "surveys", id, new { competitors = chosen }, ct);
        await tx.CommitAsync(ct);
        return Back(page, done: "competitors", anchor: "competitors");
    }

    private static async Task<IResult> CreateWaveAsync(long id, HttpContext http, IAntiforgery antiforgery, SurveyServices services, CancellationToken ct)
    {
        var page = $"/surveys/{id}";
        if (await FormAsync(http, antiforgery, ct) is not { } form)
        {
            return Back(page, error: "expired", anchor: "waves");
        }
        if (!TryDate(form["opensOn"], out var opens) || !TryDate(form["closesOn"], out var closes))
        {
            return Back(page, error: "dates", anchor: "new-wave");
        }
        var result = await new SurveyDesigner(services.Db).CreateWaveAsync(id, new CreateWaveRequest(form["name"], opens, closes), ct);
        if (result.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Results.NotFound() : Back(page, error: Code(error), anchor: "new-wave");
        }
        await AuditAsync(services.Db, http.Caller(), "create", "waves", result.Value,
            new { surveyId = id, name = form["name"].ToString().Trim(), opensOn = opens, closesOn = closes }, ct);
        return Back($"/surveys/waves/{result.Value}", done: "wave-created");
    }

    private static async Task<IResult> InviteAsync(long waveId, HttpContext http, IAntiforgery antiforgery, SurveyServices services, CancellationToken ct)
    {
        var page = $"/surveys/waves/{waveId}";
        if (await FormAsync(http, antiforgery, ct) is not { } form)
        {
            return Back(page, error: "expired", anchor: "invite");
        }
        var invitations = await services.InvitationsAsync(ct);
        Result<InvitationCounts> result;
        object details;
        switch (form["mode"].ToString())
        {
            case "criteria":
                Segment? segment = null;
                if (!string.IsNullOrEmpty(form["segment"]))
                {
                    if (!EnumText.TryParse<Segment>(form["segment"], out var s))
                    {
                        return Back(page, error: "selection", anchor: "invite");
                    }
                    segment = s;
                }
                var key = IsChecked(form, "keyAccounts");
                result = await invitations.CreateForSelectionAsync(waveId, new AccountSelection(key, segment), ct);
                details = new { keyAccounts = key, segment = segment is null ? null : EnumText.ToText(segment.Value) };
                break;
            default:
                var ids = form["accountId"].Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0)
                    .Where(i => i > 0).Distinct().ToList();
                if (ids.Count == 0)
                {
                    return Back(page, error: "no-accounts", anchor: "invite", extra: ("q", form["q"].ToString()));
                }
                result = await invitations.CreateAsync(waveId, new CreateInvitationsRequest(ids, null), ct);
                details = new { accountIds = ids };
                break;
        }
        if (result.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Results.NotFound() : Back(page, error: Code(error), anchor: "invite");
        }
        var c = result.Value!;
        await AuditAsync(services.Db, http.Caller(), "create", "invitations", waveId,
            new { selection = details, created = c.Created, skippedWithoutConsent = c.SkippedWithoutConsent, skippedInactive = c.SkippedInactive }, ct);
        return Back(page, done: "invited", anchor: "invite",
            extra: [("created", Num(c.Created)), ("noConsent", Num(c.SkippedWithoutConsent)), ("inactive", Num(c.SkippedInactive)),
                ("already", Num(c.AlreadyInvited)), ("q", form["q"].ToString())]);
    }

    private static async Task<IResult> MailAsync(long waveId, HttpContext http, IAntiforgery antiforgery, SurveyServices services,
        IOptions<ReminderOptions> reminders, CancellationToken ct)
    {
        var page = $"/surveys/waves/{waveId}";
        if (await FormAsync(http, antiforgery, ct) is not { } form)
        {
            return Back(page, error: "expired", anchor: "mail");
        }
        var kind = form["kind"].ToString();
        if (kind is not ("invitations" or "reminders"))
        {
            return Back(page, error: "invalid", anchor: "mail");
        }
        var mailer = await services.MailerAsync(ct);
        var result = kind == "invitations"
            ? await mailer.SendInvitationsAsync(waveId, ct)
            : await mailer.SendRemindersAsync(waveId, TimeSpan.FromDays(reminders.Value.AfterDays), reminders.Value.MaxReminders, ct);
        if (result.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Results.NotFound() : Back(page, error: Code(error), anchor: "mail");
        }
        var c = result.Value!;
        await AuditAsync(services.Db, http.Caller(), "mail", "invitations", waveId,
            new { kind, sent = c.Sent, failed = c.Failed }, ct);
        return Back(page, done: "mailed", anchor: "mail",
            extra: [("kind", kind), ("sent", Num(c.Sent)), ("noEmail", Num(c.SkippedWithoutEmail)), ("noConsent", Num(c.SkippedWithoutConsent)),
                ("inactive", Num(c.SkippedInactive)), ("failed", Num(c.Failed))]);
    }

    /// <summary>Every invitation of the wave with contact data and its personal link, for a mail merge (UTF-8 with BOM for spreadsheet programs).</summary>
    private static async Task<IResult> LinksCsvAsync(long waveId, HttpContext http, SurveyServices services, CancellationToken ct)
    {
        var invitations = await services.InvitationsAsync(ct);
        var result = await invitations.MailMergeAsync(waveId, services.Smtp.PublicBaseUrl, ct);
        if (result.Value is not { } rows)
        {
            return Results.NotFound();
        }
        var csv = new StringBuilder();
        csv.Append("invitation_id,account_external_id,account_name,contact_external_id,first_name,last_name,email,language,status,link\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', [
                r.InvitationId.ToString(CultureInfo.InvariantCulture), Csv(r.AccountExternalId), Csv(r.AccountName), Csv(r.ContactExternalId),
                Csv(r.FirstName), Csv(r.LastName), Csv(r.Email), r.Language, r.Status, Csv(r.Link)]).Append("\r\n");
        }
        // The file holds personal data (names, e-mail addresses): its export is audited (docs/security.md#audit-log).
        await AuditAsync(services.Db, http.Caller(), "export", "invitations", waveId, new { rows = rows.Count, format = "mail-merge csv" }, ct);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(bytes, "text/csv; charset=utf-8", $"wave-{waveId}-links.csv");
    }

    private static string Csv(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\r\n;") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>The form, or null when its antiforgery token is stale or missing.</summary>
    private static async Task<IFormCollection?> FormAsync(HttpContext http, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return null;
        }
        return await http.Request.ReadFormAsync(ct);
    }

    private static bool IsChecked(IFormCollection form, string name) => form[name].ToString() is "on" or "true" or "1";

    private static bool TryMinGroupSize(IFormCollection form, out int? value)
    {
        value = null;
        var text = form["minGroupSize"].ToString().Trim();
        if (text.Length == 0)
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
        {
            value = n;
            return true;
        }
        return false;
    }

    private static bool TryDate(string? text, out DateOnly? value)
    {
        var ok = DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d);
        value = ok ? d : null;
        return ok;
    }

    /// <summary>The page's error code for a failed use case (the pages translate the codes).</summary>
    private static string Code(Error error) => (error.Code, error.Field) switch
    {
        (SurveyErrors.WaveClosedCode, _) => "wave-closed",
        (SurveyErrors.ConflictCode, "code") => "code-taken",
        (SurveyErrors.ConflictCode, "name") => "wave-name-taken",
        (SurveyErrors.ConflictCode, _) => "conflict",
        (_, "name") => "name",
        (_, "minGroupSize") => "min-group-size",
        (_, "code") => "code-invalid",
        (_, "textEn" or "textDe") => "texts",
        (_, "opensOn") => "dates",
        (_, "closesOn") => "closes-before-opens",
        (_, "phases") => "no-phase",
        (_, "touchpoints") => "no-touchpoint",
        (_, "accountIds" or "selection") => "selection",
        _ => "invalid",
    };

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static IResult Back(string page, string? done = null, string? error = null, string? anchor = null, params (string Key, string Value)[] extra)
    {
        var query = new List<string>();
        if (done is not null)
        {
            query.Add("done=" + Uri.EscapeDataString(done));
        }
        if (error is not null)
        {
            query.Add("error=" + Uri.EscapeDataString(error));
        }
        query.AddRange(extra.Where(e => !string.IsNullOrEmpty(e.Value)).Select(e => e.Key + "=" + Uri.EscapeDataString(e.Value)));
        return Results.Redirect(page + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query)) + (anchor is null ? string.Empty : "#" + anchor));
    }

    private static async Task AuditAsync(RapportDbContext db, Caller user, string action, string entity, long entityId, object details, CancellationToken ct)
    {
        db.AuditLog.Add(new AuditEntry
        {
            UserId = user.Id, Actor = user.Email, Action = action, Entity = entity,
            EntityId = entityId.ToString(CultureInfo.InvariantCulture),
            Details = JsonSerializer.SerializeToDocument(details, details.GetType(), JsonSerializerOptions.Web),
        });
        await db.SaveChangesAsync(ct);
    }
}
