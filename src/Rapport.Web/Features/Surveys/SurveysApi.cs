using Rapport.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Core.Accounts;
using Rapport.Core.Surveys.Mail;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Surveys;

/// <summary>Body of <c>POST /api/v1/surveys</c>.</summary>
public sealed record SurveyInput(string? Name, string? Template, bool Anonymous = false, int? MinGroupSize = null);

/// <summary>Body of <c>POST /api/v1/surveys/{id}/waves</c>; the dates are inclusive ISO dates.</summary>
public sealed record WaveInput(string? Name, DateOnly? OpensOn, DateOnly? ClosesOn);

/// <summary>Body of <c>POST /api/v1/waves/{id}/invitations</c>: the accounts whose contacts and the single contacts to invite.</summary>
public sealed record InvitationsInput(IReadOnlyList<long>? AccountIds, IReadOnlyList<long>? ContactIds);

/// <summary>The id of a created resource.</summary>
public sealed record CreatedId(long Id);

/// <summary>What inviting did: one invitation per eligible contact, the others counted by reason.</summary>
public sealed record InvitationsCreated(int Created, int SkippedWithoutConsent, int SkippedInactive, int AlreadyInvited);

/// <summary>A business phase asked about in a survey, with the competitors on offer in it.</summary>
public sealed record SurveyPhaseOutput(string Code, string NameEn, string NameDe, IReadOnlyList<string> Competitors);

/// <summary>A touchpoint asked about in every phase of a survey.</summary>
public sealed record SurveyTouchpointOutput(string Code, string NameEn, string NameDe);

/// <summary>A survey's design: settings, phases and touchpoints in questionnaire order, and the number of items.</summary>
public sealed record SurveyOutput(long Id, string Name, string? Template, bool Anonymous, int MinGroupSize, int ItemCount,
    IReadOnlyList<SurveyPhaseOutput> Phases, IReadOnlyList<SurveyTouchpointOutput> Touchpoints);

/// <summary>Body of <c>POST /api/v1/surveys/{id}/items</c>: a custom item; <c>level</c> global (default), phase or touchpoint.</summary>
public sealed record ItemInput(string? Code, SurveyItemScale? Scale, string? TextEn, string? TextDe, SurveyItemLevel? Level = null);

/// <summary>Body of <c>PUT /api/v1/surveys/{id}/items/order</c>: every item code of the survey once, in the new order.</summary>
public sealed record ItemOrderInput(IReadOnlyList<string>? Codes);

/// <summary>Body of <c>POST /api/v1/waves/{id}/mailings</c>: <c>invitations</c> (pending ones) or <c>reminders</c> (non-responders).</summary>
public sealed record MailingInput(string? Kind);

/// <summary><c>/api/v1/surveys</c> and <c>/api/v1/waves</c>: design surveys, open waves, invite contacts (docs/api.md).</summary>
internal static class SurveysApi
{
    public static RouteGroupBuilder MapSurveysApi(this RouteGroupBuilder api)
    {
        var surveys = api.MapGroup("/surveys").WithTags("Surveys");
        surveys.MapGet("/", ListSurveysAsync).WithName("ListSurveys")
            .WithSummary("Paged surveys, newest first, each with its waves (dates, invited, completed, response rate).");
        surveys.MapPost("/{id:long}/items", AddItemAsync).WithName("AddSurveyItem").RequireAuthorization(Policies.Surveys)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Adds a custom item (English and German wording) at the end of the questionnaire.");
        surveys.MapPut("/{id:long}/items/order", ReorderItemsAsync).WithName("ReorderSurveyItems").RequireAuthorization(Policies.Surveys)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Puts the items in the given order; the list must name every item code of the survey once.");
        surveys.MapPost("/", CreateSurveyAsync).WithName("CreateSurvey").RequireAuthorization(Policies.Surveys)
            .WithSummary("Creates a survey from a template with the standard relationship items and the active phases, touchpoints and competitors.");
        surveys.MapGet("/{id:long}", GetSurveyAsync).WithName("GetSurvey").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One survey: settings, phases, touchpoints and the number of items.");
        surveys.MapPost("/{id:long}/waves", CreateWaveAsync).WithName("CreateWave").RequireAuthorization(Policies.Surveys)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Opens a wave of the survey between two dates (inclusive).");

        var waves = api.MapGroup("/waves").WithTags("Surveys");
        waves.MapPost("/{id:long}/invitations", CreateInvitationsAsync).WithName("CreateInvitations").RequireAuthorization(Policies.Surveys)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Invites every active contact with survey consent of the given accounts and contacts, once per wave.");
        waves.MapGet("/{id:long}/progress", ProgressAsync).WithName("WaveProgress").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Fieldwork of a wave: invitations by status, response rate by account, buying role and phase (account managers: their accounts).");
        waves.MapPost("/{id:long}/mailings", MailAsync).WithName("SendWaveMailing").RequireAuthorization(Policies.Surveys)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("E-mails the pending invitations, or reminds non-responders, of an open wave; each message goes out once.");
        waves.MapGet("/{id:long}/invitations", ListInvitationsAsync).WithName("ListInvitations").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Paged invitations of a wave; admins and analysts also get their respondent links /s/{token}.");
        return surveys;
    }

    internal static async Task<Results<Created<CreatedId>, ValidationProblem, ProblemHttpResult>> CreateSurveyAsync(
        SurveyInput input, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var result = await new SurveyDesigner(db).CreateSurveyAsync(
            new CreateSurveyRequest(input.Name, input.Template, input.Anonymous, input.MinGroupSize), user, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        return TypedResults.Created($"/api/v1/surveys/{result.Value}", new CreatedId(result.Value));
    }

    internal static async Task<Results<Ok<SurveyOutput>, ProblemHttpResult>> GetSurveyAsync(long id, RapportDbContext db, CancellationToken ct)
    {
        var survey = await SurveyDefinition.LoadAsync(db, id, ct);
        if (survey is null)
        {
            return ApiProblems.NotFound("survey", id);
        }
        return TypedResults.Ok(new SurveyOutput(survey.Id, survey.Name, survey.Template, survey.Anonymous, survey.MinGroupSize, survey.Items.Count,
            survey.Phases.Select(p => new SurveyPhaseOutput(p.Code, p.NameEn, p.NameDe, p.Competitors)).ToList(),
            survey.Touchpoints.Select(t => new SurveyTouchpointOutput(t.Code, t.NameEn, t.NameDe)).ToList()));
    }

    internal static async Task<Results<Created<CreatedId>, ValidationProblem, ProblemHttpResult>> CreateWaveAsync(
        long id, WaveInput input, RapportDbContext db, CancellationToken ct)
    {
        var result = await new SurveyDesigner(db).CreateWaveAsync(id, new CreateWaveRequest(input.Name, input.OpensOn, input.ClosesOn), ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        // Waves have no GET of their own; their invitations are what clients read next.
        return TypedResults.Created($"/api/v1/waves/{result.Value}/invitations", new CreatedId(result.Value));
    }

    internal static async Task<Results<Created<InvitationsCreated>, ValidationProblem, ProblemHttpResult>> CreateInvitationsAsync(
        long id, InvitationsInput input, RapportDbContext db, TimeProvider time, IOptions<SurveyOptions> options, CancellationToken ct)
    {
        var invitations = await InvitationsAsync(db, time, options, ct);
        var result = await invitations.CreateAsync(id, new CreateInvitationsRequest(input.AccountIds, input.ContactIds), ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var counts = result.Value!;
        return TypedResults.Created($"/api/v1/waves/{id}/invitations",
            new InvitationsCreated(counts.Created, counts.SkippedWithoutConsent, counts.SkippedInactive, counts.AlreadyInvited));
    }

    /// <param name="status">pending, sent, started or completed.</param>
    internal static async Task<Results<Ok<PagedResult<InvitationRow>>, ValidationProblem, ProblemHttpResult>> ListInvitationsAsync(
        long id, HttpContext http, RapportDbContext db, TimeProvider time, IOptions<SurveyOptions> options, CancellationToken ct,
        int? page = null, int? pageSize = null, string? status = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        var wanted = InputRules.Enum<InvitationStatus>(status, "status", errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var invitations = await InvitationsAsync(db, time, options, ct);
        var result = await invitations.ListAsync(id, paging.Page, paging.PageSize, wanted, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var list = result.Value!;
        // A link lets whoever holds it answer as the contact, so viewers and account managers see the invitations without it.
        IReadOnlyList<InvitationRow> items = await http.MeetsPolicyAsync(Policies.Surveys) ? list.Items : list.Items.Select(i => i with { Link = null }).ToList();
        return TypedResults.Ok(new PagedResult<InvitationRow>(items, list.Page, list.PageSize, list.TotalCount));
    }

    internal static async Task<Results<Ok<PagedResult<SurveySummary>>, ValidationProblem>> ListSurveysAsync(
        RapportDbContext db, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var list = (await SurveyCatalog.ListAsync(db, paging.Page, paging.PageSize, ct)).Value!;
        return TypedResults.Ok(new PagedResult<SurveySummary>(list.Items, list.Page, list.PageSize, list.TotalCount));
    }

    internal static async Task<Results<Created, ValidationProblem, ProblemHttpResult>> AddItemAsync(
        long id, ItemInput input, RapportDbContext db, CancellationToken ct)
    {
        if (input.Scale is null)
        {
            return ApiProblems.Validation("scale", $"scale is required: one of {string.Join(", ", EnumText.AllowedValues<SurveyItemScale>())}.");
        }
        var result = await new SurveyDesigner(db).AddItemAsync(id,
            new CustomItemRequest(input.Code, input.Scale.Value, input.TextEn, input.TextDe, input.Level ?? SurveyItemLevel.Global), ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        return TypedResults.Created($"/api/v1/surveys/{id}");
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ReorderItemsAsync(
        long id, ItemOrderInput input, RapportDbContext db, CancellationToken ct)
    {
        var result = await new SurveyDesigner(db).ReorderItemsAsync(id, input.Codes ?? [], ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<WaveProgressReport>, ProblemHttpResult>> ProgressAsync(
        long id, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var visible = user.SeesAllAccounts ? null : db.VisibleAccounts(user.Id, user.Role, user.SharedAccountIds);
        var result = await WaveProgress.ComputeAsync(db, id, visible, ct);
        return result.Value is { } report ? TypedResults.Ok(report) : result.Error!.ToProblem();
    }

    internal static async Task<Results<Ok<MailingCounts>, ValidationProblem, ProblemHttpResult>> MailAsync(
        long id, MailingInput input, SurveyServices services, IOptions<ReminderOptions> reminders, CancellationToken ct)
    {
        if (input.Kind is not ("invitations" or "reminders"))
        {
            return ApiProblems.Validation("kind", "kind must be 'invitations' or 'reminders'.");
        }
        var mailer = await services.MailerAsync(ct);
        var result = input.Kind == "invitations"
            ? await mailer.SendInvitationsAsync(id, ct)
            : await mailer.SendRemindersAsync(id, TimeSpan.FromDays(reminders.Value.AfterDays), reminders.Value.MaxReminders, ct);
        return result.Value is { } counts ? TypedResults.Ok(counts) : result.Error!.ToProblem();
    }

    private static async Task<SurveyInvitations> InvitationsAsync(RapportDbContext db, TimeProvider time, IOptions<SurveyOptions> options, CancellationToken ct) =>
        new(db, await InvitationTokens.LoadAsync(db, options.Value.TokenSecret, ct), time);
}
