using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Retention;
using Rapport.Core.Common;
using Rapport.Core.Identity;

namespace Rapport.Core.Plans;

/// <summary>A plan as entered. On create, everything but <see cref="AccountId"/> has a default.</summary>
public sealed record PlanInput(
    long? AccountId = null,
    string? Title = null,
    string? Summary = null,
    long? OwnerUserId = null,
    int? ReviewCadenceDays = null,
    DateOnly? NextReviewOn = null,
    string? Status = null);

/// <summary>A goal as entered; status open, achieved or dropped (default open).</summary>
public sealed record GoalInput(string? Title, string? Description = null, DateOnly? TargetOn = null, string? Status = null);

/// <summary>A relationship-map entry: supplier user ↔ contact of the account, strength 1–5.</summary>
public sealed record MapEntryInput(long? UserId, long? ContactId, int? Strength, string? CoverageNote = null);

/// <summary>An assessment: level information_communication, trust or power; layer surface or deep; score 1–5.</summary>
public sealed record AssessmentInput(string? Level, string? Layer, int? Score, string? Note = null, DateOnly? AssessedOn = null);

/// <summary>An action as entered; status open, done or cancelled (default open).</summary>
public sealed record ActionInput(string? Title, string? Details = null, long? OwnerUserId = null, DateOnly? DueOn = null,
    string? Status = null, long? GoalId = null);

/// <summary>A review: the day (default today) and a note.</summary>
public sealed record ReviewInput(DateOnly? ReviewedOn = null, string? Note = null);

/// <summary>
/// The use cases of account plans (docs/loyalty-and-plans.md#account-plans). Plans are for key accounts only; an account has at most one active plan.
/// Actions are mirrored as tasks (origin plan, key <c>plan-action:{id}</c>) in the same transaction. The caller checks
/// that the user may see and change the plan's account.
/// </summary>
public sealed class AccountPlans(RapportDbContext db, TimeProvider time)
{
    public const int DefaultCadenceDays = 90;
    public const int MinCadenceDays = 7;
    public const int MaxCadenceDays = 366;

    /// <summary>Creates the plan of a key account; fails with <see cref="PlanErrors.NotKeyAccount"/> otherwise.</summary>
    public async Task<Result<AccountPlan>> CreateAsync(PlanInput input, Caller actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.AccountId is not { } accountId)
        {
            return PlanErrors.Invalid("Choose the account the plan is for.", "accountId");
        }
        var account = await db.Accounts.Where(a => a.Id == accountId)
            .Select(a => new { a.Name, a.KeyAccount, a.OwnerUserId }).FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return PlanErrors.Invalid($"There is no account with id {accountId}.", "accountId");
        }
        if (!account.KeyAccount)
        {
            return PlanErrors.NotKeyAccount($"'{account.Name}' is not a key account; account plans are for key accounts only.", "accountId");
        }
        var today = Today;
        var plan = new AccountPlan
        {
            AccountId = accountId,
            Title = $"{account.Name} – Special-Relationship-Agenda",
            OwnerUserId = account.OwnerUserId ?? actor.Id,
            NextReviewOn = today.AddDays(input.ReviewCadenceDays ?? DefaultCadenceDays),
        };
        if (await ApplyAsync(plan, input with { NextReviewOn = input.NextReviewOn ?? today.AddDays(input.ReviewCadenceDays ?? DefaultCadenceDays) }, ct)
            is { } error)
        {
            return error;
        }
        if (plan.Status != PlanStatus.Active)
        {
            return PlanErrors.Invalid("A new plan is active.", "status");
        }
        if (await db.AccountPlans.AnyAsync(p => p.AccountId == accountId && p.Status == PlanStatus.Active, ct))
        {
            return PlanErrors.Conflict($"'{account.Name}' has an active plan already.");
        }
        plan.CreatedAt = plan.UpdatedAt = time.GetUtcNow();
        db.AccountPlans.Add(plan);
        return await SaveAsync(plan, $"'{account.Name}' has an active plan already.", ct);
    }

    /// <summary>Changes title, summary, owner, cadence, next review or status (archive / reactivate).</summary>
    public async Task<Result<AccountPlan>> UpdateAsync(long planId, PlanInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var plan = await db.AccountPlans.AsTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
        {
            return NotFound<AccountPlan>(planId);
        }
        if (input.AccountId is { } accountId && accountId != plan.AccountId)
        {
            return PlanErrors.Invalid("A plan cannot move to another account.", "accountId");
        }
        if (await ApplyAsync(plan, input, ct) is { } error)
        {
            db.ChangeTracker.Clear();
            return error;
        }
        plan.UpdatedAt = time.GetUtcNow();
        return await SaveAsync(plan, "The account has another active plan; archive that one first.", ct);
    }

    public async Task<Result<PlanGoal>> AddGoalAsync(long planId, GoalInput input, CancellationToken ct = default)
    {
        var plan = await ActivePlanAsync(planId, ct);
        if (plan.Error is { } e)
        {
            return e;
        }
        var goal = new PlanGoal { PlanId = planId, AccountId = plan.Value!.AccountId, Title = "" };
        if (ApplyGoal(goal, input) is { } error)
        {
            return error;
        }
        goal.CreatedAt = goal.UpdatedAt = time.GetUtcNow();
        db.PlanGoals.Add(goal);
        return await SaveAsync(goal, null, ct);
    }

    public async Task<Result<PlanGoal>> UpdateGoalAsync(long planId, long goalId, GoalInput input, CancellationToken ct = default)
    {
        var plan = await ActivePlanAsync(planId, ct);
        if (plan.Error is { } e)
        {
            return e;
        }
        var goal = await db.PlanGoals.AsTracking().FirstOrDefaultAsync(g => g.Id == goalId && g.PlanId == planId, ct);
        if (goal is null)
        {
            return PlanErrors.NotFound($"Plan {planId} has no goal with id {goalId}.");
        }
        if (ApplyGoal(goal, input) is { } error)
        {
            db.ChangeTracker.Clear();
            return error;
        }
        goal.UpdatedAt = time.GetUtcNow();
        return await SaveAsync(goal, null, ct);
    }

    public async Task<Result<long>> DeleteGoalAsync(long planId, long goalId, CancellationToken ct = default)
    {
        var plan = await ActivePlanAsync(planId, ct);
        if (plan.Error is { } e)
        {
            return e;
        }
        var deleted = await db.PlanGoals.Where(g => g.Id == goalId && g.PlanId == planId).ExecuteDeleteAsync(ct);
        return deleted == 0
            ? PlanErrors.NotFound($"Plan {planId} has no goal with id {goalId}.")
            : Result<long>.Ok(goalId);
    }

    public async Task<Result<RelationshipMapEntry>> AddMapEntryAsync(long planId, MapEntryInput input, CancellationToken ct = default)
    {
        var plan = await ActivePlanAsync(planId, ct);
        if (plan.Error is { } e)
        {
            return e;
        }
        var entry = new RelationshipMapEntry { PlanId = planId, AccountId = plan.Value!.AccountId };
        if (await ApplyMapEntryAsync(entry, input, ct) is { } error)
        {
            return error;
        }
        entry.CreatedAt = entry.UpdatedAt = time.GetUtcNow();
        db.RelationshipMap.Add(entry);
        return await SaveAsync(entry, "This supplier person is already mapped to this contact; change that entry instead.", ct);
    }

    public async Task<Result<RelationshipMapEntry>> UpdateMapEntryAsync(long planId, long entryId, MapEntryInput input, CancellationToken ct = default)
    {
        var plan = await ActivePlanAsync(planId, ct);
        if (plan.Error is { } e)
        {
            return e;
        }
        var entry = await db.RelationshipMap.AsTracking().FirstOrDefaultAsync(m => m.Id == entryId && m.PlanId == planId, ct);
        if (entry is null)
        {
            return PlanErrors.NotFound($"Plan {planId} has no map entry with id {entryId}.");
        }
        if (await ApplyMapEntryAsync(entry, input, ct) is { } error)
        {
            db.ChangeTracker.Clear();
            return error;
        }
        entry.UpdatedAt = time.GetUtcNow();
        return await SaveAsync(entry, "This supplier person is already mapped to this contact.", ct);
    }

    public async Task<Result<long>> DeleteMapEntryAsync(long planId, long entryId, CancellationToken ct = default)
    {
        var plan = await ActivePlanAsync(planId, ct);
        if (plan.Error is { } e)
        {
            return e;
        }
        var deleted = await db.RelationshipMap.Where(m => m.Id == entryId && m.PlanId == planId).ExecuteDeleteAsync(ct);
        return deleted == 0
            ? PlanErrors.NotFound($"Plan {planId} has no map entry with id {entryId}.")
            : Result<long>.Ok(entryId);
    }

    /// <summary>Records an assessment; earlier ones stay as history.</summary>
    public async Task<Result<PlanAssessment>> AddAssessmentAsync(long planId, AssessmentInput input, Caller actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var plan = await ActivePlanAsync(planId, ct);
        if (plan.Error is { } e)
        {
            return e;
        }
        if (!EnumText.TryParse<RelationshipLevel>(input.Level, out var level))
        {
            return PlanErrors.Invalid($"Unknown level '{input.Level}'; expected one of {EnumText.AllowedValues<RelationshipLevel>()}.", "level");
        }
        if (!EnumText.TryParse<StructureLayer>(input.Layer, out var layer))
        {
            return PlanErrors.Invalid($"Unknown layer '{input.Layer}'; expected one of {EnumText.AllowedValues<StructureLayer>()}.", "layer");
        }
        if (input.Score is not (>= 1 and <= 5))
        {
            return PlanErrors.Invalid("The score must be a whole number from 1 (poor) to 5 (excellent).", "score");
        }
        if (Text(input.Note, 2000, "note", out var note) is { } noteError)
        {
            return noteError;
        }
        var assessedOn = input.AssessedOn ?? Today;
        if (assessedOn > Today)
        {
            return PlanErrors.Invalid("An assessment cannot lie in the future.", "assessedOn");
        }
        var assessment = new PlanAssessment
        {
            PlanId = planId, AccountId = plan.Value!.AccountId, Level = level, Layer = layer, Score = (short)input.Score.Value, Note = note,
            AssessedOn = assessedOn, AssessedByUserId = actor.Id, CreatedAt = time.GetUtcNow(),
        };
        db.PlanAssessments.Add(assessment);
        return await SaveAsync(assessment, null, ct);
    }

    /// <summary>Adds an action and the task that mirrors it, in one transaction.</summary>
    public async Task<Result<PlanAction>> AddActionAsync(long planId, ActionInput input, CancellationToken ct = default)
    {
        var plan = await ActivePlanAsync(planId, ct);
        if (plan.Error is { } e)
        {
            return e;
        }
        var action = new PlanAction { PlanId = planId, AccountId = plan.Value!.AccountId, Title = "", OwnerUserId = plan.Value.OwnerUserId };
        if (await ApplyActionAsync(action, input with { OwnerUserId = input.OwnerUserId ?? plan.Value.OwnerUserId }, ct) is { } error)
        {
            return error;
        }
        action.CreatedAt = action.UpdatedAt = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.PlanActions.Add(action);
            await db.SaveChangesAsync(ct);
            db.Tasks.Add(new AccountTask
            {
                AccountId = action.AccountId,
                OwnerUserId = action.OwnerUserId,
                Title = TaskTitle(action.Title),
                Details = action.Details,
                DueOn = action.DueOn,
                Status = TaskStatus(action.Status),
                Origin = TaskOrigin.Plan,
                OriginKey = PlanAction.TaskKey(action.Id),
                CompletedAt = action.CompletedAt,
                CreatedAt = action.CreatedAt,
                UpdatedAt = action.CreatedAt,
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return Result<PlanAction>.Ok(action);
    }

    /// <summary>Changes an action; its task follows (title, owner, due date, status).</summary>
    public async Task<Result<PlanAction>> UpdateActionAsync(long planId, long actionId, ActionInput input, CancellationToken ct = default)
    {
        var plan = await ActivePlanAsync(planId, ct);
        if (plan.Error is { } e)
        {
            return e;
        }
        var action = await db.PlanActions.AsTracking().FirstOrDefaultAsync(a => a.Id == actionId && a.PlanId == planId, ct);
        if (action is null)
        {
            return PlanErrors.NotFound($"Plan {planId} has no action with id {actionId}.");
        }
        if (await ApplyActionAsync(action, input, ct) is { } error)
        {
            db.ChangeTracker.Clear();
            return error;
        }
        var now = time.GetUtcNow();
        action.UpdatedAt = now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            // The action is saved first, so the trigger that lets an action follow its task finds nothing to change.
            var key = PlanAction.TaskKey(action.Id);
            var title = TaskTitle(action.Title);
            var status = TaskStatus(action.Status);
            var completedAt = action.CompletedAt;
            var updated = await db.Tasks.Where(t => t.AccountId == action.AccountId && t.OriginKey == key)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Title, title)
                    .SetProperty(t => t.Details, action.Details)
                    .SetProperty(t => t.OwnerUserId, action.OwnerUserId)
                    .SetProperty(t => t.DueOn, action.DueOn)
                    .SetProperty(t => t.Status, t => status == AccountTaskStatus.Open && t.Status == AccountTaskStatus.InProgress ? t.Status : status)
                    .SetProperty(t => t.CompletedAt, completedAt)
                    .SetProperty(t => t.UpdatedAt, now), ct);
            if (updated == 0)
            {
                // The task was deleted elsewhere: the action brings it back, so the owner keeps seeing it.
                db.Tasks.Add(new AccountTask
                {
                    AccountId = action.AccountId, OwnerUserId = action.OwnerUserId, Title = title, Details = action.Details, DueOn = action.DueOn,
                    Status = status, Origin = TaskOrigin.Plan, OriginKey = key, CompletedAt = completedAt, CreatedAt = now, UpdatedAt = now,
                });
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return Result<PlanAction>.Ok(action);
    }

    /// <summary>
    /// Records a review: the plan's next review moves to the review day + cadence, and the open review reminders of
    /// the plan are done.
    /// </summary>
    public async Task<Result<PlanReview>> ReviewAsync(long planId, ReviewInput input, Caller actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var plan = await ActivePlanAsync(planId, ct, tracking: true);
        if (plan.Error is { } e)
        {
            return e;
        }
        var p = plan.Value!;
        var reviewedOn = input.ReviewedOn ?? Today;
        if (reviewedOn > Today)
        {
            db.ChangeTracker.Clear();
            return PlanErrors.Invalid("A review cannot lie in the future.", "reviewedOn");
        }
        if (Text(input.Note, 4000, "note", out var note) is { } noteError)
        {
            db.ChangeTracker.Clear();
            return noteError;
        }
        var now = time.GetUtcNow();
        var review = new PlanReview
        {
            PlanId = planId, AccountId = p.AccountId, ReviewedOn = reviewedOn, ReviewedByUserId = actor.Id, Note = note,
            NextReviewOn = reviewedOn.AddDays(p.ReviewCadenceDays), CreatedAt = now,
        };
        p.LastReviewedOn = p.LastReviewedOn is { } last && last > reviewedOn ? last : reviewedOn;
        p.NextReviewOn = review.NextReviewOn;
        p.UpdatedAt = now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.PlanReviews.Add(review);
            await db.SaveChangesAsync(ct);
            var prefix = PlanReviewReminders.KeyPrefix(planId);
            await db.Tasks
                .Where(t => t.AccountId == p.AccountId && t.OriginKey!.StartsWith(prefix)
                    && (t.Status == AccountTaskStatus.Open || t.Status == AccountTaskStatus.InProgress))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, AccountTaskStatus.Done)
                    .SetProperty(t => t.CompletedAt, now)
                    .SetProperty(t => t.UpdatedAt, now), ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return Result<PlanReview>.Ok(review);
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static string TaskTitle(string actionTitle)
    {
        var title = "Account plan: " + actionTitle;
        return title.Length <= 300 ? title : title[..299] + "…";
    }

    private static AccountTaskStatus TaskStatus(PlanActionStatus status) => status switch
    {
        PlanActionStatus.Done => AccountTaskStatus.Done,
        PlanActionStatus.Cancelled => AccountTaskStatus.Cancelled,
        _ => AccountTaskStatus.Open,
    };

    private async Task<Result<AccountPlan>> ActivePlanAsync(long planId, CancellationToken ct, bool tracking = false)
    {
        var query = tracking ? db.AccountPlans.AsTracking() : db.AccountPlans.AsNoTracking();
        var plan = await query.FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
        {
            return NotFound<AccountPlan>(planId);
        }
        if (plan.Status != PlanStatus.Active)
        {
            db.ChangeTracker.Clear();
            return PlanErrors.Conflict("The plan is archived; reactivate it to change it.");
        }
        return Result<AccountPlan>.Ok(plan);
    }

    private static Result<T> NotFound<T>(long planId) => PlanErrors.NotFound($"There is no account plan with id {planId}.");

    private async Task<Result<T>> SaveAsync<T>(T value, string? conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<T>.Ok(value);
        }
        catch (DbUpdateException ex) when (conflict is not null && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return PlanErrors.Conflict(conflict);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<Error?> ApplyAsync(AccountPlan plan, PlanInput input, CancellationToken ct)
    {
        if (input.Title is not null)
        {
            var title = input.Title.Trim();
            if (title.Length is 0 or > 200)
            {
                return PlanErrors.Invalid("The title must have 1 to 200 characters.", "title");
            }
            plan.Title = title;
        }
        if (input.Summary is not null)
        {
            if (Text(input.Summary, 4000, "summary", out var summary) is { } e)
            {
                return e;
            }
            plan.Summary = summary;
        }
        if (input.OwnerUserId is { } ownerId)
        {
            if (!await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, ct))
            {
                return PlanErrors.Invalid($"There is no active user with id {ownerId}.", "ownerUserId");
            }
            plan.OwnerUserId = ownerId;
        }
        if (input.ReviewCadenceDays is { } cadence)
        {
            if (cadence is < MinCadenceDays or > MaxCadenceDays)
            {
                return PlanErrors.Invalid($"The review cadence must be {MinCadenceDays} to {MaxCadenceDays} days.", "reviewCadenceDays");
            }
            plan.ReviewCadenceDays = cadence;
        }
        if (input.NextReviewOn is { } next)
        {
            if (next.Year is < 2000 or > 2200)
            {
                return PlanErrors.Invalid("The next review date is out of range.", "nextReviewOn");
            }
            plan.NextReviewOn = next;
        }
        if (input.Status is not null)
        {
            if (!EnumText.TryParse<PlanStatus>(input.Status, out var status))
            {
                return PlanErrors.Invalid($"Unknown status '{input.Status}'; expected one of {EnumText.AllowedValues<PlanStatus>()}.", "status");
            }
            plan.Status = status;
        }
        return null;
    }

    private static Error? ApplyGoal(PlanGoal goal, GoalInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 300)
        {
            return PlanErrors.Invalid("A goal needs a title (at most 300 characters).", "title");
        }
        if (Text(input.Description, 4000, "description", out var description) is { } e)
        {
            return e;
        }
        var status = GoalStatus.Open;
        if (input.Status is not null && !EnumText.TryParse(input.Status, out status))
        {
            return PlanErrors.Invalid($"Unknown status '{input.Status}'; expected one of {EnumText.AllowedValues<GoalStatus>()}.", "status");
        }
        goal.Title = title;
        goal.Description = description;
        goal.TargetOn = input.TargetOn;
        goal.Status = status;
        return null;
    }

    private async Task<Error?> ApplyMapEntryAsync(RelationshipMapEntry entry, MapEntryInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.UserId is not { } userId || !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, ct))
        {
            return PlanErrors.Invalid(input.UserId is null ? "Choose the supplier person." : $"There is no active user with id {input.UserId}.", "userId");
        }
        if (input.ContactId is not { } contactId || !await db.Contacts.AnyAsync(c => c.Id == contactId && c.AccountId == entry.AccountId, ct))
        {
            return PlanErrors.Invalid(input.ContactId is null ? "Choose the buying-center member." : $"Contact {input.ContactId} is not a contact of this account.", "contactId");
        }
        if (input.Strength is not (>= 1 and <= 5))
        {
            return PlanErrors.Invalid("The strength must be a whole number from 1 (weak) to 5 (strong).", "strength");
        }
        if (Text(input.CoverageNote, 1000, "coverageNote", out var note) is { } e)
        {
            return e;
        }
        entry.UserId = userId;
        entry.ContactId = contactId;
        entry.Strength = (short)input.Strength.Value;
        entry.CoverageNote = note;
        return null;
    }

    private async Task<Error?> ApplyActionAsync(PlanAction action, ActionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 300)
        {
            return PlanErrors.Invalid("An action needs a title (at most 300 characters).", "title");
        }
        if (Text(input.Details, 4000, "details", out var details) is { } e)
        {
            return e;
        }
        if (input.OwnerUserId is { } ownerId && ownerId != action.OwnerUserId && !await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, ct))
        {
            return PlanErrors.Invalid($"There is no active user with id {ownerId}.", "ownerUserId");
        }
        var status = PlanActionStatus.Open;
        if (input.Status is not null && !EnumText.TryParse(input.Status, out status))
        {
            return PlanErrors.Invalid($"Unknown status '{input.Status}'; expected one of {EnumText.AllowedValues<PlanActionStatus>()}.", "status");
        }
        if (input.GoalId is { } goalId && !await db.PlanGoals.AnyAsync(g => g.Id == goalId && g.PlanId == action.PlanId, ct))
        {
            return PlanErrors.Invalid($"The plan has no goal with id {goalId}.", "goalId");
        }
        if (input.DueOn is { Year: < 2000 or > 2200 })
        {
            return PlanErrors.Invalid("The due date is out of range.", "dueOn");
        }
        action.Title = title;
        action.Details = details;
        action.OwnerUserId = input.OwnerUserId ?? action.OwnerUserId;
        action.DueOn = input.DueOn;
        action.GoalId = input.GoalId;
        if (action.Status != status)
        {
            action.CompletedAt = status == PlanActionStatus.Open ? null : time.GetUtcNow();
        }
        action.Status = status;
        return null;
    }

    /// <summary>Trimmed optional text of at most <paramref name="max"/> characters; an error naming <paramref name="field"/> otherwise.</summary>
    private static Error? Text(string? value, int max, string field, out string? text)
    {
        text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return text is { Length: var n } && n > max
            ? PlanErrors.Invalid($"'{field}' may have at most {max:N0} characters.", field)
            : null;
    }
}
