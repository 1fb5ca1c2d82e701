using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Web.Auth;

namespace Rapport.Web.Api;

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

/// <summary><c>/api/v1/surveys</c> and <c>/api/v1/waves</c>: design surveys, open waves, invite contacts (SPEC §7.4).</summary>
internal static class SurveysApi
{
    public static RouteGroupBuilder MapSurveysApi(this RouteGroupBuilder api)
    {
        var surveys = api.MapGroup("/surveys").WithTags("Surveys");
        surveys.MapPost("/", CreateSurveyAsync).WithName("CreateSurvey").RequireAuthorization(Policies.Surveys)
            .WithSummary("Creates a survey from a template with the items of SPEC §3.1 and the active phases, touchpoints and competitors.");
        surveys.MapGet("/{id:long}", GetSurveyAsync).WithName("GetSurvey").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One survey: settings, phases, touchpoints and the number of items.");
        surveys.MapPost("/{id:long}/waves", CreateWaveAsync).WithName("CreateWave").RequireAuthorization(Policies.Surveys)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Opens a wave of the survey between two dates (inclusive).");

        var waves = api.MapGroup("/waves").WithTags("Surveys");
        waves.MapPost("/{id:long}/invitations", CreateInvitationsAsync).WithName("CreateInvitations").RequireAuthorization(Policies.Surveys)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Invites every active contact with survey consent of the given accounts and contacts, once per wave.");
        waves.MapGet("/{id:long}/invitations", ListInvitationsAsync).WithName("ListInvitations").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Paged invitations of a wave with their respondent links /s/{token}.");
        return surveys;
    }

    internal static async Task<Results<Created<CreatedId>, ValidationProblem, ProblemHttpResult>> CreateSurveyAsync(
        SurveyInput input, RapportDbContext db, CurrentUser user, CancellationToken ct)
    {
        var result = await new SurveyDesigner(db).CreateSurveyAsync(
            new CreateSurveyRequest(input.Name, input.Template, input.Anonymous, input.MinGroupSize), user.Id, ct);
        if (result.Error is { } error)
        {
            return error.Kind == SurveyErrorKind.Invalid ? Invalid(error) : Problem(error);
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
            return error.Kind == SurveyErrorKind.Invalid ? Invalid(error) : Problem(error);
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
            return error.Kind == SurveyErrorKind.Invalid ? Invalid(error) : Problem(error);
        }
        var counts = result.Value!;
        return TypedResults.Created($"/api/v1/waves/{id}/invitations",
            new InvitationsCreated(counts.Created, counts.SkippedWithoutConsent, counts.SkippedInactive, counts.AlreadyInvited));
    }

    /// <param name="status">pending, sent, started or completed.</param>
    internal static async Task<Results<Ok<PagedResult<InvitationRow>>, ValidationProblem, ProblemHttpResult>> ListInvitationsAsync(
        long id, RapportDbContext db, TimeProvider time, IOptions<SurveyOptions> options, CancellationToken ct,
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
            return error.Kind == SurveyErrorKind.Invalid ? Invalid(error) : Problem(error);
        }
        var list = result.Value!;
        return TypedResults.Ok(new PagedResult<InvitationRow>(list.Items, list.Page, list.PageSize, list.TotalCount));
    }

    private static async Task<SurveyInvitations> InvitationsAsync(RapportDbContext db, TimeProvider time, IOptions<SurveyOptions> options, CancellationToken ct) =>
        new(db, await InvitationTokens.LoadAsync(db, options.Value.TokenSecret, ct), time);

    private static ValidationProblem Invalid(SurveyError error) => ApiProblems.Validation(error.Field ?? "request", error.Message);

    /// <summary>The non-validation failures: unknown resources are 404, every clash with the state of the data is 409.</summary>
    private static ProblemHttpResult Problem(SurveyError error) => error.Kind switch
    {
        SurveyErrorKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: error.Message),
        _ => ApiProblems.Conflict(error.Message),
    };
}
