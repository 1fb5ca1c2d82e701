using Rapport.Core.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Plans;
using Rapport.Web.Features.Loyalty;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Plans;

/// <summary>Body of <c>POST /api/v1/account-plans</c>: the key account; everything else has a default.</summary>
public sealed record PlanCreateInput(long? AccountId, string? Title, string? Summary, long? OwnerUserId, int? ReviewCadenceDays, DateOnly? NextReviewOn);

/// <summary>Body of <c>PUT /api/v1/account-plans/{id}</c>: fields left out stay as they are; status active or archived.</summary>
public sealed record PlanUpdateInput(string? Title, string? Summary, long? OwnerUserId, int? ReviewCadenceDays, DateOnly? NextReviewOn, string? Status);

/// <summary>Body of goals: status open, achieved or dropped.</summary>
public sealed record GoalBody(string? Title, string? Description, DateOnly? TargetOn, string? Status);

/// <summary>Body of relationship-map entries: supplier user ↔ contact of the account, strength 1 (weak) – 5 (strong).</summary>
public sealed record MapEntryBody(long? UserId, long? ContactId, int? Strength, string? CoverageNote);

/// <summary>Body of assessments: level information_communication, trust or power; layer surface or deep; score 1–5.</summary>
public sealed record AssessmentBody(string? Level, string? Layer, int? Score, string? Note, DateOnly? AssessedOn);

/// <summary>Body of actions: status open, done or cancelled; the owner defaults to the plan's owner.</summary>
public sealed record ActionBody(string? Title, string? Details, long? OwnerUserId, DateOnly? DueOn, string? Status, long? GoalId);

/// <summary>Body of <c>POST /api/v1/account-plans/{id}/reviews</c>: the review day (default today) and a note.</summary>
public sealed record ReviewBody(DateOnly? ReviewedOn, string? Note);

/// <summary>A created or changed part of a plan.</summary>
public sealed record PlanPartOutput(long Id, long PlanId);

/// <summary>A recorded review and the next review day it set.</summary>
public sealed record ReviewOutput(long Id, DateOnly ReviewedOn, DateOnly NextReviewOn);

/// <summary>
/// <c>/api/v1/account-plans</c> (docs/loyalty-and-plans.md#account-plans, docs/api.md): account plans of key accounts with goals, relationship map, assessments,
/// actions (mirrored as tasks) and reviews. Plans of accounts the user may not see answer 404; changes need write access.
/// </summary>
internal static class AccountPlansApi
{
    private const string Entity = "account_plan";

    public static RouteGroupBuilder MapAccountPlansApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/account-plans").WithTags("Account plans");
        group.MapGet("/", ListAsync).WithName("ListAccountPlans")
            .WithSummary("Paged plans ordered by next review; filters accountId, status (active, archived), reviewDue, ownerUserId.");
        group.MapPost("/", CreateAsync).WithName("CreateAccountPlan").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Creates the plan of a key account (400 on accountId for other accounts).");
        group.MapGet("/{id:long}", GetAsync).WithName("GetAccountPlan").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The plan with goals, relationship map, buying center, assessment history, actions and reviews.");
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateAccountPlan").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var parts = group.MapGroup("/{id:long}").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        parts.MapPost("/goals", AddGoalAsync).WithName("AddPlanGoal");
        parts.MapPut("/goals/{goalId:long}", UpdateGoalAsync).WithName("UpdatePlanGoal");
        parts.MapDelete("/goals/{goalId:long}", DeleteGoalAsync).WithName("DeletePlanGoal");
        parts.MapPost("/map", AddMapEntryAsync).WithName("AddRelationshipMapEntry");
        parts.MapPut("/map/{entryId:long}", UpdateMapEntryAsync).WithName("UpdateRelationshipMapEntry");
        parts.MapDelete("/map/{entryId:long}", DeleteMapEntryAsync).WithName("DeleteRelationshipMapEntry");
        parts.MapPost("/assessments", AddAssessmentAsync).WithName("AddPlanAssessment").WithSummary("Records an assessment; earlier ones stay as history.");
        parts.MapPost("/actions", AddActionAsync).WithName("AddPlanAction").WithSummary("Adds an action; it appears as a task of its owner.");
        parts.MapPut("/actions/{actionId:long}", UpdateActionAsync).WithName("UpdatePlanAction");
        parts.MapPost("/reviews", ReviewAsync).WithName("ReviewAccountPlan")
            .WithSummary("Records a review: the next review moves on by the cadence, open review reminders are done.");
        return group;
    }

    internal static async Task<Results<Ok<PagedResult<PlanListItem>>, ValidationProblem>> ListAsync(RapportDbContext db, Caller user,
        TimeProvider time, CancellationToken ct, int? page = null, int? pageSize = null, long? accountId = null, string? status = null,
        bool? reviewDue = null, long? ownerUserId = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        var wanted = InputRules.Enum<PlanStatus>(status, "status", errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var reads = new PlanReads(db, time);
        var today = reads.Today;
        var plans = db.AccountPlans.WhereAccountVisible(db, user, p => p.AccountId);
        if (accountId is { } a)
        {
            plans = plans.Where(p => p.AccountId == a);
        }
        if (wanted is { } s)
        {
            plans = plans.Where(p => p.Status == s);
        }
        if (reviewDue is { } due)
        {
            plans = due
                ? plans.Where(p => p.Status == PlanStatus.Active && p.NextReviewOn <= today)
                : plans.Where(p => !(p.Status == PlanStatus.Active && p.NextReviewOn <= today));
        }
        if (ownerUserId is { } owner)
        {
            plans = plans.Where(p => p.OwnerUserId == owner);
        }
        return TypedResults.Ok(await paging.ReadAsync(plans, q => reads.List(q.OrderBy(p => p.NextReviewOn).ThenBy(p => p.Id), today), ct));
    }

    internal static async Task<Results<Ok<PlanDetail>, ProblemHttpResult>> GetAsync(long id, RapportDbContext db, Caller user, TimeProvider time,
        CancellationToken ct)
    {
        var detail = await new PlanReads(db, time).DetailAsync(db.AccountPlans.WhereAccountVisible(db, user, p => p.AccountId), id, ct);
        return detail is null ? ApiProblems.NotFound("account plan", id) : TypedResults.Ok(detail);
    }

    internal static async Task<Results<Created<PlanDetail>, ValidationProblem, ProblemHttpResult>> CreateAsync(PlanCreateInput input,
        RapportDbContext db, Caller user, AccountPlans plans, TimeProvider time, CancellationToken ct)
    {
        if (input.AccountId is { } accountId && !await db.CanWriteAsync(user, accountId, ct))
        {
            return ApiProblems.Validation("accountId", $"There is no account with id {accountId}.");
        }
        var result = await plans.CreateAsync(
            new PlanInput(input.AccountId, input.Title, input.Summary, input.OwnerUserId, input.ReviewCadenceDays, input.NextReviewOn), user, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var plan = result.Value!;
        await LoyaltyApi.AuditAsync(db, user, "create", Entity, plan.Id.ToString(CultureInfo.InvariantCulture), new { plan.AccountId, plan.Title }, ct);
        var detail = await new PlanReads(db, time).DetailAsync(db.AccountPlans, plan.Id, ct);
        return TypedResults.Created($"/api/v1/account-plans/{plan.Id}", detail!);
    }

    internal static async Task<Results<Ok<PlanDetail>, ValidationProblem, ProblemHttpResult>> UpdateAsync(long id, PlanUpdateInput input,
        RapportDbContext db, Caller user, AccountPlans plans, TimeProvider time, CancellationToken ct)
    {
        if (await WritableAsync(db, user, id, ct) is { } missing)
        {
            return missing;
        }
        var result = await plans.UpdateAsync(id,
            new PlanInput(null, input.Title, input.Summary, input.OwnerUserId, input.ReviewCadenceDays, input.NextReviewOn, input.Status), ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        await LoyaltyApi.AuditAsync(db, user, "update", Entity, id.ToString(CultureInfo.InvariantCulture), input, ct);
        return TypedResults.Ok((await new PlanReads(db, time).DetailAsync(db.AccountPlans, id, ct))!);
    }

    internal static Task<Results<Created<PlanPartOutput>, ValidationProblem, ProblemHttpResult>> AddGoalAsync(long id, GoalBody input,
        RapportDbContext db, Caller user, AccountPlans plans, CancellationToken ct) =>
        CreatedAsync(db, user, id, "goals", "plan_goal", input,
            () => plans.AddGoalAsync(id, new GoalInput(input.Title, input.Description, input.TargetOn, input.Status), ct),
            g => g.Id, ct);

    internal static Task<Results<Ok<PlanPartOutput>, ValidationProblem, ProblemHttpResult>> UpdateGoalAsync(long id, long goalId, GoalBody input,
        RapportDbContext db, Caller user, AccountPlans plans, CancellationToken ct) =>
        ChangedAsync(db, user, id, "plan_goal", input,
            () => plans.UpdateGoalAsync(id, goalId, new GoalInput(input.Title, input.Description, input.TargetOn, input.Status), ct),
            g => g.Id, ct);

    internal static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteGoalAsync(long id, long goalId, RapportDbContext db,
        Caller user, AccountPlans plans, CancellationToken ct) =>
        DeletedAsync(db, user, id, "plan_goal", () => plans.DeleteGoalAsync(id, goalId, ct), ct);

    internal static Task<Results<Created<PlanPartOutput>, ValidationProblem, ProblemHttpResult>> AddMapEntryAsync(long id, MapEntryBody input,
        RapportDbContext db, Caller user, AccountPlans plans, CancellationToken ct) =>
        CreatedAsync(db, user, id, "map", "relationship_map", input,
            () => plans.AddMapEntryAsync(id, new MapEntryInput(input.UserId, input.ContactId, input.Strength, input.CoverageNote), ct),
            m => m.Id, ct);

    internal static Task<Results<Ok<PlanPartOutput>, ValidationProblem, ProblemHttpResult>> UpdateMapEntryAsync(long id, long entryId, MapEntryBody input,
        RapportDbContext db, Caller user, AccountPlans plans, CancellationToken ct) =>
        ChangedAsync(db, user, id, "relationship_map", input,
            () => plans.UpdateMapEntryAsync(id, entryId,
                new MapEntryInput(input.UserId, input.ContactId, input.Strength, input.CoverageNote), ct),
            m => m.Id, ct);

    internal static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteMapEntryAsync(long id, long entryId, RapportDbContext db,
        Caller user, AccountPlans plans, CancellationToken ct) =>
        DeletedAsync(db, user, id, "relationship_map", () => plans.DeleteMapEntryAsync(id, entryId, ct), ct);

    internal static Task<Results<Created<PlanPartOutput>, ValidationProblem, ProblemHttpResult>> AddAssessmentAsync(long id, AssessmentBody input,
        RapportDbContext db, Caller user, AccountPlans plans, CancellationToken ct) =>
        CreatedAsync(db, user, id, "assessments", "plan_assessment", input,
            () => plans.AddAssessmentAsync(id,
                new AssessmentInput(input.Level, input.Layer, input.Score, input.Note, input.AssessedOn), user, ct),
            a => a.Id, ct);

    internal static Task<Results<Created<PlanPartOutput>, ValidationProblem, ProblemHttpResult>> AddActionAsync(long id, ActionBody input,
        RapportDbContext db, Caller user, AccountPlans plans, CancellationToken ct) =>
        CreatedAsync(db, user, id, "actions", "plan_action", input,
            () => plans.AddActionAsync(id,
                new ActionInput(input.Title, input.Details, input.OwnerUserId, input.DueOn, input.Status, input.GoalId), ct),
            a => a.Id, ct);

    internal static Task<Results<Ok<PlanPartOutput>, ValidationProblem, ProblemHttpResult>> UpdateActionAsync(long id, long actionId, ActionBody input,
        RapportDbContext db, Caller user, AccountPlans plans, CancellationToken ct) =>
        ChangedAsync(db, user, id, "plan_action", input,
            () => plans.UpdateActionAsync(id, actionId,
                new ActionInput(input.Title, input.Details, input.OwnerUserId, input.DueOn, input.Status, input.GoalId), ct),
            a => a.Id, ct);

    internal static async Task<Results<Created<ReviewOutput>, ValidationProblem, ProblemHttpResult>> ReviewAsync(long id, ReviewBody input,
        RapportDbContext db, Caller user, AccountPlans plans, CancellationToken ct)
    {
        if (await WritableAsync(db, user, id, ct) is { } missing)
        {
            return missing;
        }
        var result = await plans.ReviewAsync(id, new ReviewInput(input.ReviewedOn, input.Note), user, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var review = result.Value!;
        await LoyaltyApi.AuditAsync(db, user, "review", Entity, id.ToString(CultureInfo.InvariantCulture), input, ct);
        return TypedResults.Created($"/api/v1/account-plans/{id}", new ReviewOutput(review.Id, review.ReviewedOn, review.NextReviewOn));
    }

    private static async Task<Results<Created<PlanPartOutput>, ValidationProblem, ProblemHttpResult>> CreatedAsync<T>(RapportDbContext db,
        Caller user, long planId, string path, string entity, object input, Func<Task<Result<T>>> work, Func<T, long> key, CancellationToken ct)
    {
        if (await WritableAsync(db, user, planId, ct) is { } missing)
        {
            return missing;
        }
        var result = await work();
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var id = key(result.Value!);
        await LoyaltyApi.AuditAsync(db, user, "create", entity, id.ToString(CultureInfo.InvariantCulture), input, ct);
        return TypedResults.Created($"/api/v1/account-plans/{planId}/{path}/{id}", new PlanPartOutput(id, planId));
    }

    private static async Task<Results<Ok<PlanPartOutput>, ValidationProblem, ProblemHttpResult>> ChangedAsync<T>(RapportDbContext db,
        Caller user, long planId, string entity, object input, Func<Task<Result<T>>> work, Func<T, long> key, CancellationToken ct)
    {
        if (await WritableAsync(db, user, planId, ct) is { } missing)
        {
            return missing;
        }
        var result = await work();
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var id = key(result.Value!);
        await LoyaltyApi.AuditAsync(db, user, "update", entity, id.ToString(CultureInfo.InvariantCulture), input, ct);
        return TypedResults.Ok(new PlanPartOutput(id, planId));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeletedAsync(RapportDbContext db, Caller user,
        long planId, string entity, Func<Task<Result<long>>> work, CancellationToken ct)
    {
        if (await WritableAsync(db, user, planId, ct) is { } missing)
        {
            return missing;
        }
        var result = await work();
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        await LoyaltyApi.AuditAsync(db, user, "delete", entity, result.Value.ToString(CultureInfo.InvariantCulture), new { planId }, ct);
        return TypedResults.NoContent();
    }

    /// <summary>404 unless the plan exists and the user may change its account (plans of invisible accounts do not exist for them).</summary>
    private static async Task<ProblemHttpResult?> WritableAsync(RapportDbContext db, Caller user, long planId, CancellationToken ct)
    {
        var accountId = await db.AccountPlans.Where(p => p.Id == planId).Select(p => (long?)p.AccountId).FirstOrDefaultAsync(ct);
        return accountId is { } a && await db.CanWriteAsync(user, a, ct) ? null : ApiProblems.NotFound("account plan", planId);
    }
}
