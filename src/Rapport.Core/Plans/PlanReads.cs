using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Retention;

namespace Rapport.Core.Plans;

/// <summary>A plan in a list: account, owner, review dates and the state of its actions.</summary>
public sealed record PlanListItem(
    long Id,
    long AccountId,
    string AccountExternalId,
    string AccountName,
    string Title,
    long? OwnerUserId,
    string? OwnerName,
    string? OwnerEmail,
    PlanStatus Status,
    int ReviewCadenceDays,
    DateOnly NextReviewOn,
    DateOnly? LastReviewedOn,
    bool ReviewDue,
    int OpenGoals,
    int OpenActions,
    int OverdueActions);

public sealed record GoalLine(long Id, string Title, string? Description, DateOnly? TargetOn, GoalStatus Status);

/// <summary>A line of the relationship map with the names of both people.</summary>
public sealed record MapLine(long Id, long UserId, string UserName, long ContactId, string ContactName, BuyingRole? BuyingRole,
    bool ContactActive, short Strength, string? CoverageNote);

/// <summary>A member of the account's buying center (also those no supplier person covers yet).</summary>
public sealed record BuyingCenterNode(long Id, string Name, BuyingRole? BuyingRole, string? JobTitle, bool IsActive);

public sealed record AssessmentLine(long Id, RelationshipLevel Level, StructureLayer Layer, short Score, string? Note, DateOnly AssessedOn,
    string? AssessedBy);

/// <summary>An action with its owner, goal and the state of the task that mirrors it.</summary>
public sealed record ActionLine(long Id, string Title, string? Details, long? OwnerUserId, string? OwnerName, DateOnly? DueOn,
    PlanActionStatus Status, long? GoalId, string? GoalTitle, long? TaskId, AccountTaskStatus? TaskStatus);

public sealed record ReviewLine(long Id, DateOnly ReviewedOn, string? ReviewedBy, string? Note, DateOnly NextReviewOn);

/// <summary>A supplier person who can appear in the relationship map or own actions.</summary>
public sealed record SupplierPerson(long Id, string Name, string Email);

/// <summary>Everything the plan page and <c>GET /api/v1/account-plans/{id}</c> show.</summary>
public sealed record PlanDetail(
    PlanListItem Plan,
    string? Summary,
    IReadOnlyList<GoalLine> Goals,
    IReadOnlyList<MapLine> Map,
    IReadOnlyList<BuyingCenterNode> BuyingCenter,
    IReadOnlyList<AssessmentLine> Assessments,
    IReadOnlyList<ActionLine> Actions,
    IReadOnlyList<ReviewLine> Reviews,
    DateOnly Today)
{
    /// <summary>The latest assessment of a level on a layer (the history is <see cref="Assessments"/>, newest first).</summary>
    public AssessmentLine? Current(RelationshipLevel level, StructureLayer layer) =>
        Assessments.FirstOrDefault(a => a.Level == level && a.Layer == layer);
}

/// <summary>Read side of account plans. Visibility is the caller's: it passes the plans the user may see.</summary>
public sealed class PlanReads(RapportDbContext db, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Projects plans to list items (counts of open goals, open and overdue actions as of <paramref name="today"/>).</summary>
    public IQueryable<PlanListItem> List(IQueryable<AccountPlan> plans, DateOnly today) =>
        from p in plans
        join a in db.Accounts on p.AccountId equals a.Id
        join u in db.Users on p.OwnerUserId equals u.Id into owners
        from u in owners.DefaultIfEmpty()
        select new PlanListItem(
            p.Id, p.AccountId, a.ExternalId, a.Name, p.Title, p.OwnerUserId,
            u == null ? null : u.DisplayName,
            u == null ? null : u.Email,
            p.Status, p.ReviewCadenceDays, p.NextReviewOn, p.LastReviewedOn,
            p.Status == PlanStatus.Active && p.NextReviewOn <= today,
            db.PlanGoals.Count(g => g.PlanId == p.Id && g.Status == GoalStatus.Open),
            db.PlanActions.Count(x => x.PlanId == p.Id && x.Status == PlanActionStatus.Open),
            db.PlanActions.Count(x => x.PlanId == p.Id && x.Status == PlanActionStatus.Open && x.DueOn != null && x.DueOn < today));

    /// <summary>The plan with everything on it, or null when it is not among <paramref name="plans"/>.</summary>
    public async Task<PlanDetail?> DetailAsync(IQueryable<AccountPlan> plans, long planId, CancellationToken ct = default)
    {
        var today = Today;
        var plan = await List(plans.Where(p => p.Id == planId), today).FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return null;
        }
        var summary = await db.AccountPlans.Where(p => p.Id == planId).Select(p => p.Summary).FirstAsync(ct);
        var goals = await db.PlanGoals.Where(g => g.PlanId == planId)
            .OrderBy(g => g.Status).ThenBy(g => g.TargetOn == null).ThenBy(g => g.TargetOn).ThenBy(g => g.Id)
            .Select(g => new GoalLine(g.Id, g.Title, g.Description, g.TargetOn, g.Status))
            .ToListAsync(ct);
        var map = await (
                from m in db.RelationshipMap
                where m.PlanId == planId
                join u in db.Users on m.UserId equals u.Id
                join c in db.Contacts on m.ContactId equals c.Id
                orderby u.DisplayName, c.LastName, m.Id
                select new MapLine(m.Id, m.UserId, u.DisplayName, m.ContactId,
                    c.FirstName == null ? c.LastName : c.FirstName + " " + c.LastName, c.BuyingRole, c.IsActive, m.Strength, m.CoverageNote))
            .ToListAsync(ct);
        var buyingCenter = await db.Contacts.Where(c => c.AccountId == plan.AccountId)
            .OrderByDescending(c => c.IsActive).ThenBy(c => c.BuyingRole == null).ThenBy(c => c.BuyingRole).ThenBy(c => c.LastName)
            .Select(c => new BuyingCenterNode(c.Id, c.FirstName == null ? c.LastName : c.FirstName + " " + c.LastName, c.BuyingRole, c.JobTitle, c.IsActive))
            .ToListAsync(ct);
        var assessments = await (
                from x in db.PlanAssessments
                where x.PlanId == planId
                join u in db.Users on x.AssessedByUserId equals u.Id into assessors
                from u in assessors.DefaultIfEmpty()
                orderby x.AssessedOn descending, x.Id descending
                select new AssessmentLine(x.Id, x.Level, x.Layer, x.Score, x.Note, x.AssessedOn, u == null ? null : u.DisplayName))
            .ToListAsync(ct);
        var actions = await (
                from x in db.PlanActions
                where x.PlanId == planId
                join u in db.Users on x.OwnerUserId equals u.Id into owners
                from u in owners.DefaultIfEmpty()
                join g in db.PlanGoals on x.GoalId equals g.Id into goalsOf
                from g in goalsOf.DefaultIfEmpty()
                let key = "plan-action:" + x.Id
                let task = db.Tasks.FirstOrDefault(t => t.AccountId == x.AccountId && t.OriginKey == key)
                orderby x.Status, x.DueOn == null, x.DueOn, x.Id
                select new ActionLine(x.Id, x.Title, x.Details, x.OwnerUserId, u == null ? null : u.DisplayName, x.DueOn, x.Status, x.GoalId,
                    g == null ? null : g.Title, task == null ? null : task.Id, task == null ? null : task.Status))
            .ToListAsync(ct);
        var reviews = await (
                from r in db.PlanReviews
                where r.PlanId == planId
                join u in db.Users on r.ReviewedByUserId equals u.Id into assessors
                from u in assessors.DefaultIfEmpty()
                orderby r.ReviewedOn descending, r.Id descending
                select new ReviewLine(r.Id, r.ReviewedOn, u == null ? null : u.DisplayName, r.Note, r.NextReviewOn))
            .Take(50)
            .ToListAsync(ct);
        return new PlanDetail(plan, summary, goals, map, buyingCenter, assessments, actions, reviews, today);
    }

    /// <summary>Active users, by name: the supplier people of the relationship map and the possible owners.</summary>
    public async Task<IReadOnlyList<SupplierPerson>> SupplierPeopleAsync(CancellationToken ct = default) =>
        await db.Users.Where(u => u.IsActive).OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new SupplierPerson(u.Id, u.DisplayName, u.Email)).ToListAsync(ct);
}
