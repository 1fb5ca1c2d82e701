using Rapport.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Core.Complaints;
using Rapport.Core.Data;
using Rapport.Web.Features.Webhooks;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Complaints;

/// <summary><c>/api/v1/complaints</c>: the complaint workflow with SLA, closed loop and statistics (docs/complaints.md).</summary>
internal static class ComplaintsApi
{
    private const string Entity = "complaint";

    /// <summary>Complaints and webhooks (one registration in <see cref="ApiSetup"/>).</summary>
    public static RouteGroupBuilder MapComplaintsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/complaints").WithTags("Complaints");
        group.MapGet("/", ListAsync).WithName("ListComplaints")
            .WithSummary("Paged complaints, newest first; filters: status, severity, category, accountId, overdue (open and past the SLA deadline).");
        group.MapGet("/statistics", StatisticsAsync).WithName("ComplaintStatistics")
            .WithSummary("Counts, median resolution time, SLA adherence, reopen rate and mean handling satisfaction by category, severity, touchpoint and phase.");
        group.MapGet("/{id:long}", GetAsync).WithName("GetComplaint").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateComplaint").RequireAuthorization(Policies.Write).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Receive a complaint; its SLA deadline follows from the severity.");
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateComplaint").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteComplaint").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound);
        MapTransition(group, "acknowledge", "AcknowledgeComplaint", (w, id, a, body, ct) => w.AcknowledgeAsync(id, a, body?.Note, ct));
        MapTransition(group, "start", "StartComplaint", (w, id, a, body, ct) => w.StartAsync(id, a, body?.Note, ct));
        MapTransition(group, "reopen", "ReopenComplaint", (w, id, a, body, ct) => w.ReopenAsync(id, a, body?.Note, ct));
        group.MapPost("/{id:long}/resolve", ResolveAsync).WithName("ResolveComplaint").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Resolve (rootCause required); issues the customer's confirmation link.");
        group.MapPost("/{id:long}/confirm", ConfirmAsync).WithName("ConfirmComplaint").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Record the customer's confirmation with satisfaction 1–5.");
        return group;
    }

    private static void MapTransition(RouteGroupBuilder group, string action, string name,
        Func<ComplaintWorkflow, long, ComplaintActor, TransitionInput?, CancellationToken, Task<Result<Complaint>>> run) =>
        group.MapPost("/{id:long}/" + action, (long id, TransitionInput? input, RapportDbContext db, Caller user, ComplaintWorkflow workflow,
                TimeProvider clock, IOptions<ComplaintOptions> options, CancellationToken ct) =>
                RunAsync(id, db, user, clock, options, actor => run(workflow, id, actor, input, ct), ct))
            .WithName(name).RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<PagedResult<ComplaintItem>>, ValidationProblem>> ListAsync(
        RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct,
        int? page = null, int? pageSize = null, string? status = null, string? severity = null, string? category = null,
        long? accountId = null, bool? overdue = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        var filter = new ComplaintFilter(
            InputRules.Enum<ComplaintStatus>(status, "status", errors),
            InputRules.Enum<ComplaintSeverity>(severity, "severity", errors),
            InputRules.Enum<ComplaintCategory>(category, "category", errors),
            accountId,
            overdue);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var now = clock.GetUtcNow();
        var query = ComplaintQueries.Apply(Visible(db, user), filter, now);
        return TypedResults.Ok(await paging.ReadAsync(query, q => ComplaintQueries.Project(db, q, now), ct));
    }

    internal static async Task<Results<Ok<ComplaintStatisticsResponse>, ValidationProblem>> StatisticsAsync(
        RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct, DateOnly? from = null, DateOnly? to = null, long? accountId = null)
    {
        if (from is { } f && to is { } t && f > t)
        {
            return ApiProblems.Validation("to", "The end date must not lie before the start date (from).");
        }
        var report = await ComplaintQueries.StatisticsAsync(db, Visible(db, user), from, to, accountId, clock.GetUtcNow(), ct);
        static ComplaintGroupItem Item(string key, string? name, ComplaintFigures x) => new(key, name, x.Count, x.Open, x.Overdue, x.Resolved,
            Round(x.MedianResolutionDays), Round(x.SlaAdherence), x.SlaKnown, x.ResolvedOnce, Round(x.ReopenRate), Round(x.MeanHandlingSatisfaction), x.SatisfactionResponses);
        static List<ComplaintGroupItem> Groups(IEnumerable<ComplaintGroupFigures> groups) =>
            groups.Select(g => Item(g.Key, g.NameEn, g.Figures)).ToList();
        return TypedResults.Ok(new ComplaintStatisticsResponse(
            Item("total", null, report.Total), Groups(report.ByCategory), Groups(report.BySeverity), Groups(report.ByTouchpoint), Groups(report.ByPhase)));
    }

    internal static async Task<Results<Ok<ComplaintDetail>, ProblemHttpResult>> GetAsync(long id, RapportDbContext db, Caller user,
        TimeProvider clock, IOptions<ComplaintOptions> options, CancellationToken ct)
    {
        var detail = await ComplaintQueries.DetailAsync(db, Visible(db, user), id, clock.GetUtcNow(), options.Value.TokenSecret, ct);
        return detail is null ? ApiProblems.NotFound(Entity, id) : TypedResults.Ok(detail);
    }

    internal static async Task<Results<Created<ComplaintDetail>, ValidationProblem, ProblemHttpResult>> CreateAsync(ComplaintInput input,
        RapportDbContext db, Caller user, ComplaintWorkflow workflow, TimeProvider clock, IOptions<ComplaintOptions> options, CancellationToken ct)
    {
        var errors = new FieldErrors();
        long? accountId = null;
        if (input.AccountId is { } id)
        {
            accountId = await db.CanWriteAsync(user, id, ct) ? id : null;
            if (accountId is null)
            {
                errors.Add("accountId", $"There is no account with id {id}.");
            }
        }
        else if (input.AccountExternalId is not null)
        {
            accountId = await db.ResolveWritableAccountAsync(user, input.AccountExternalId, errors, ct);
        }
        else
        {
            errors.Add("accountId", "The account is required (accountId or accountExternalId).");
        }
        var category = Required<ComplaintCategory>(input.Category, "category", errors);
        var severity = Required<ComplaintSeverity>(input.Severity, "severity", errors);
        if (errors.Any || accountId is null)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await workflow.ReceiveAsync(new NewComplaint(accountId.Value, category!.Value, severity!.Value, input.Subject,
            input.Description, input.Touchpoint, input.Phase, input.ContactId, input.ReceivedAt, input.OwnerUserId, input.ExternalId), Actor(user), ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var detail = await ComplaintQueries.DetailAsync(db, Visible(db, user), result.Value!.Id, clock.GetUtcNow(), options.Value.TokenSecret, ct);
        return TypedResults.Created($"/api/v1/complaints/{result.Value.Id}", detail!);
    }

    internal static async Task<Results<Ok<ComplaintDetail>, ValidationProblem, ProblemHttpResult>> UpdateAsync(long id, ComplaintUpdateInput input,
        RapportDbContext db, Caller user, ComplaintWorkflow workflow, TimeProvider clock, IOptions<ComplaintOptions> options, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var category = Required<ComplaintCategory>(input.Category, "category", errors);
        var severity = Required<ComplaintSeverity>(input.Severity, "severity", errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        return await RunAsync(id, db, user, clock, options, actor => workflow.UpdateAsync(id, new ComplaintChanges(category!.Value,
            severity!.Value, input.Subject, input.Description, input.Touchpoint, input.Phase, input.ContactId, input.OwnerUserId), actor, ct), ct);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, RapportDbContext db, Caller user,
        ComplaintWorkflow workflow, CancellationToken ct)
    {
        if (!await IsWritableAsync(db, user, id, ct))
        {
            return ApiProblems.NotFound(Entity, id);
        }
        var result = await workflow.DeleteAsync(id, Actor(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.NotFound(Entity, id);
    }

    internal static Task<Results<Ok<ComplaintDetail>, ValidationProblem, ProblemHttpResult>> ResolveAsync(long id, ResolveInput input,
        RapportDbContext db, Caller user, ComplaintWorkflow workflow, TimeProvider clock, IOptions<ComplaintOptions> options, CancellationToken ct) =>
        RunAsync(id, db, user, clock, options, actor => workflow.ResolveAsync(id, input.RootCause, input.Resolution, actor, input.Note, ct), ct);

    internal static Task<Results<Ok<ComplaintDetail>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(long id, ConfirmInput input,
        RapportDbContext db, Caller user, ComplaintWorkflow workflow, TimeProvider clock, IOptions<ComplaintOptions> options, CancellationToken ct) =>
        RunAsync(id, db, user, clock, options, actor => workflow.ConfirmAsync(id, input.Satisfaction, actor, input.Note, ct), ct);

    /// <summary>Runs a use case on a complaint the user may change (else 404, as if it did not exist) and answers with the detail.</summary>
    private static async Task<Results<Ok<ComplaintDetail>, ValidationProblem, ProblemHttpResult>> RunAsync(long id, RapportDbContext db,
        Caller user, TimeProvider clock, IOptions<ComplaintOptions> options, Func<ComplaintActor, Task<Result<Complaint>>> run,
        CancellationToken ct)
    {
        if (!await IsWritableAsync(db, user, id, ct))
        {
            return ApiProblems.NotFound(Entity, id);
        }
        var result = await run(Actor(user));
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var detail = await ComplaintQueries.DetailAsync(db, Visible(db, user), id, clock.GetUtcNow(), options.Value.TokenSecret, ct);
        return TypedResults.Ok(detail!);
    }

    private static async Task<bool> IsWritableAsync(RapportDbContext db, Caller user, long id, CancellationToken ct)
    {
        var accountId = await db.Complaints.Where(c => c.Id == id).Select(c => (long?)c.AccountId).FirstOrDefaultAsync(ct);
        return accountId is { } account && await db.CanWriteAsync(user, account, ct);
    }

    private static IQueryable<Complaint> Visible(RapportDbContext db, Caller user) =>
        ComplaintQueries.Visible(db, user.Id, user.Role, user.SharedAccountIds);

    private static ComplaintActor Actor(Caller user) => ComplaintActor.User(user);

    private static T? Required<T>(string? text, string field, FieldErrors errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, $"The {field} is required; one of {EnumText.AllowedValues<T>()}.");
            return null;
        }
        return InputRules.Enum<T>(text, field, errors);
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
