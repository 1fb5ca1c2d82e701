using Rapport.Core.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Rapport.Core.Auditing;
using Rapport.Core.Data;
using Rapport.Core.Loyalty;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Loyalty;

/// <summary>A tier of the program.</summary>
public sealed record TierOutput(int Id, string Code, string NameEn, string NameDe, decimal MinRevenue12m, int MinTenureMonths,
    decimal EarnMultiplier, string? BenefitsEn, string? BenefitsDe, int Rank, bool IsActive);

/// <summary>An earn rule: points per EUR of net order amount for a product category (null = all others).</summary>
public sealed record EarnRuleOutput(int Id, string Name, string? ProductCategory, decimal PointsPerEur, decimal MinOrderValue,
    DateOnly ActiveFrom, DateOnly? ActiveTo);

/// <summary>A reward of the catalogue; <see cref="Stock"/> null = unlimited.</summary>
public sealed record RewardOutput(int Id, RewardKind Kind, string NameEn, string NameDe, string? DescriptionEn, string? DescriptionDe,
    int PointsCost, bool IsActive, int? Stock)
{
    internal static RewardOutput From(Reward r) =>
        new(r.Id, r.Kind, r.NameEn, r.NameDe, r.DescriptionEn, r.DescriptionDe, r.PointsCost, r.IsActive, r.Stock);
}

/// <summary>The program status of an account.</summary>
public sealed record LoyaltyAccountOutput(long AccountId, string ExternalId, string Name, bool Enrolled, DateOnly? EnrolledOn, long Balance,
    TierInfo? Tier, decimal Revenue12m, int TenureMonths, NextTierInfo? NextTier, long ExpiringPoints, DateOnly ExpiringBy,
    ProgramContactInfo? ProgramContact, int OpenRedemptions);

/// <summary>Body of <c>POST /loyalty/accounts/{id}/enrolment</c>.</summary>
public sealed record EnrolmentInput(DateOnly? EnrolledOn, long? ProgramContactId);

/// <summary>Body of <c>POST /loyalty/accounts/{id}/grants</c>.</summary>
public sealed record GrantInput(int? Points, string? Reason);

/// <summary>Body of <c>POST /loyalty/accounts/{id}/redemptions</c>; quantity defaults to 1.</summary>
public sealed record RedemptionInput(int? RewardId, int? Quantity, string? Note);

/// <summary>Body of reversals and cancellations: why.</summary>
public sealed record ReasonInput(string? Reason);

/// <summary>A booked entry and the balance after it.</summary>
public sealed record EntryOutput(long Id, LedgerEntryKind Kind, int Points, DateTimeOffset OccurredAt, long? ReversesEntryId, string? Reason, long Balance)
{
    internal static EntryOutput From(EntryOutcome o) =>
        new(o.Entry.Id, o.Entry.Kind, o.Entry.Points, o.Entry.OccurredAt, o.Entry.ReversesEntryId, o.Entry.Reason, o.Balance);
}

/// <summary>A redemption as created.</summary>
public sealed record RedemptionOutput(long Id, int RewardId, int Quantity, int Points, RedemptionStatus Status, long LedgerEntryId, DateTimeOffset RedeemedAt,
    string? Note, long Balance);

/// <summary>What <c>POST /loyalty/earn</c> did.</summary>
public sealed record EarnOutput(int Orders, long Points);

/// <summary>
/// <c>/api/v1/loyalty</c> (docs/loyalty-and-plans.md#loyalty-program, docs/api.md): tiers, earn rules, the reward catalogue (administrators change it), the status,
/// ledger and statements of an account, grants, redemptions, reversals and the earning run. Accounts the user may not see
/// answer 404; changes need write access to the account.
/// </summary>
internal static class LoyaltyApi
{
    public static RouteGroupBuilder MapLoyaltyApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/loyalty").WithTags("Loyalty program");
        group.MapGet("/tiers", TiersAsync).WithName("ListLoyaltyTiers").WithSummary("The tiers, lowest first.");
        group.MapGet("/earn-rules", EarnRulesAsync).WithName("ListEarnRules");
        group.MapGet("/rewards", ListRewardsAsync).WithName("ListRewards").WithSummary("The reward catalogue, paged; active=true for those on offer.");
        group.MapGet("/rewards/{id:int}", GetRewardAsync).WithName("GetReward").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/rewards", CreateRewardAsync).WithName("CreateReward").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/rewards/{id:int}", UpdateRewardAsync).WithName("UpdateReward").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/rewards/{id:int}", DeleteRewardAsync).WithName("DeleteReward").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Deletes a reward that was never redeemed (409 otherwise: set it inactive).");
        group.MapPost("/earn", EarnAsync).WithName("RunLoyaltyEarning").RequireAuthorization(Policies.Admin)
            .WithSummary("Books the points of every order of an enrolled account that has none yet (idempotent).");

        var accounts = group.MapGroup("/accounts/{id:long}");
        accounts.MapGet("/", StatusAsync).WithName("GetLoyaltyAccount").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Enrolment, tier, balance and the points expiring within 90 days.");
        accounts.MapPost("/enrolment", EnrolAsync).WithName("EnrolLoyaltyAccount").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapGet("/ledger", LedgerAsync).WithName("GetLoyaltyLedger").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The ledger, newest first, each entry with the balance after it.");
        accounts.MapGet("/statement", StatementAsync).WithName("GetLoyaltyStatement").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Opening balance, the entries from `from` to `to` (inclusive, UTC days) and the closing balance.");
        accounts.MapPost("/grants", GrantAsync).WithName("GrantLoyaltyPoints").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapGet("/redemptions", RedemptionsAsync).WithName("ListRedemptions").ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPost("/redemptions", RedeemAsync).WithName("RedeemReward").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Redeems a reward; 409 when the balance does not cover it or the reward is out of stock.");
        accounts.MapPost("/redemptions/{redemptionId:long}/cancellation", CancelAsync).WithName("CancelRedemption").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapPost("/redemptions/{redemptionId:long}/fulfilment", FulfilAsync).WithName("FulfilRedemption").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapPost("/ledger/{entryId:long}/reversal", ReverseAsync).WithName("ReverseLedgerEntry").RequireAuthorization(Policies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Corrects an entry with a reversal entry (the ledger is append-only).");
        return group;
    }

    internal static async Task<Ok<List<TierOutput>>> TiersAsync(RapportDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.LoyaltyTiers.OrderBy(t => t.Rank)
            .Select(t => new TierOutput(t.Id, t.Code, t.NameEn, t.NameDe, t.MinRevenue12m, t.MinTenureMonths, t.EarnMultiplier, t.BenefitsEn,
                t.BenefitsDe, t.Rank, t.IsActive))
            .ToListAsync(ct));

    internal static async Task<Ok<List<EarnRuleOutput>>> EarnRulesAsync(RapportDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.EarnRules.OrderBy(r => r.ActiveFrom).ThenBy(r => r.Id)
            .Select(r => new EarnRuleOutput(r.Id, r.Name, r.ProductCategory, r.PointsPerEur, r.MinOrderValue, r.ActiveFrom, r.ActiveTo))
            .ToListAsync(ct));

    internal static async Task<Results<Ok<PagedResult<RewardOutput>>, ValidationProblem>> ListRewardsAsync(RapportDbContext db, CancellationToken ct,
        int? page = null, int? pageSize = null, bool? active = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var query = db.Rewards.AsQueryable();
        if (active is { } a)
        {
            query = query.Where(r => r.IsActive == a);
        }
        return TypedResults.Ok(await paging.ReadAsync(query, q => q.OrderBy(r => r.PointsCost).ThenBy(r => r.Id)
            .Select(r => new RewardOutput(r.Id, r.Kind, r.NameEn, r.NameDe, r.DescriptionEn, r.DescriptionDe, r.PointsCost, r.IsActive, r.Stock)), ct));
    }

    internal static async Task<Results<Ok<RewardOutput>, ProblemHttpResult>> GetRewardAsync(int id, RapportDbContext db, CancellationToken ct)
    {
        var reward = await db.Rewards.FirstOrDefaultAsync(r => r.Id == id, ct);
        return reward is null ? ApiProblems.NotFound("reward", id) : TypedResults.Ok(RewardOutput.From(reward));
    }

    internal static async Task<Results<Created<RewardOutput>, ValidationProblem, ProblemHttpResult>> CreateRewardAsync(
        RewardInput input, RapportDbContext db, Caller user, RewardCatalogue rewards, CancellationToken ct)
    {
        var result = await rewards.CreateAsync(input, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        await AuditAsync(db, user, "create", "reward", result.Value!.Id.ToString(CultureInfo.InvariantCulture), new { result.Value.NameEn }, ct);
        return TypedResults.Created($"/api/v1/loyalty/rewards/{result.Value.Id}", RewardOutput.From(result.Value));
    }

    internal static async Task<Results<Ok<RewardOutput>, ValidationProblem, ProblemHttpResult>> UpdateRewardAsync(
        int id, RewardInput input, RapportDbContext db, Caller user, RewardCatalogue rewards, CancellationToken ct)
    {
        var result = await rewards.UpdateAsync(id, input, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        await AuditAsync(db, user, "update", "reward", id.ToString(CultureInfo.InvariantCulture), input, ct);
        return TypedResults.Ok(RewardOutput.From(result.Value!));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteRewardAsync(
        int id, RapportDbContext db, Caller user, RewardCatalogue rewards, CancellationToken ct)
    {
        var result = await rewards.DeleteAsync(id, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        await AuditAsync(db, user, "delete", "reward", id.ToString(CultureInfo.InvariantCulture), null, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<EarnOutput>> EarnAsync(NpgsqlDataSource dataSource, RapportDbContext db, Caller user, TimeProvider time,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var result = await LoyaltyRuns.EarnAsync(connection, LoyaltyClock.Today(time), user.Email, ct);
        await AuditAsync(db, user, "earn", "loyalty_ledger", null, result, ct);
        return TypedResults.Ok(new EarnOutput(result.Orders, result.Points));
    }

    internal static async Task<Results<Ok<LoyaltyAccountOutput>, ProblemHttpResult>> StatusAsync(long id, RapportDbContext db, Caller user,
        TimeProvider time, IOptions<LoyaltyOptions> options, CancellationToken ct)
    {
        var status = await ReadStatusAsync(id, db, user, time, options, ct);
        return status is null ? ApiProblems.NotFound("account", id) : TypedResults.Ok(status);
    }

    private static async Task<LoyaltyAccountOutput?> ReadStatusAsync(long id, RapportDbContext db, Caller user, TimeProvider time,
        IOptions<LoyaltyOptions> options, CancellationToken ct)
    {
        var account = await db.VisibleAccounts(user).Where(a => a.Id == id).Select(a => new { a.ExternalId, a.Name }).FirstOrDefaultAsync(ct);
        var status = account is null ? null : await new LoyaltyReads(db, time, options).StatusAsync(id, ct);
        return account is null || status is null
            ? null
            : new LoyaltyAccountOutput(id, account.ExternalId, account.Name, status.Enrolled, status.EnrolledOn, status.Balance, status.Tier,
                status.Revenue12m, status.TenureMonths, status.NextTier, status.ExpiringPoints, status.ExpiringBy, status.ProgramContact,
                status.OpenRedemptions);
    }

    internal static async Task<Results<Created<LoyaltyAccountOutput>, ValidationProblem, ProblemHttpResult>> EnrolAsync(
        long id, EnrolmentInput input, RapportDbContext db, Caller user, LoyaltyProgram program, TimeProvider time, IOptions<LoyaltyOptions> options, CancellationToken ct)
    {
        if (!await db.CanWriteAsync(user, id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        var result = await program.EnrolAsync(id, new EnrolRequest(input.EnrolledOn, input.ProgramContactId), user, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        await AuditAsync(db, user, "enrol", "loyalty_member", id.ToString(CultureInfo.InvariantCulture), input, ct);
        return TypedResults.Created($"/api/v1/loyalty/accounts/{id}", (await ReadStatusAsync(id, db, user, time, options, ct))!);
    }

    internal static async Task<Results<Ok<LedgerPage>, ValidationProblem, ProblemHttpResult>> LedgerAsync(long id, RapportDbContext db, Caller user,
        TimeProvider time, IOptions<LoyaltyOptions> options, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        if (!await db.VisibleAccounts(user).AnyAsync(a => a.Id == id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        return TypedResults.Ok(await new LoyaltyReads(db, time, options).LedgerAsync(id, paging.Page, paging.PageSize, ct));
    }

    internal static async Task<Results<Ok<LoyaltyStatement>, ValidationProblem, ProblemHttpResult>> StatementAsync(long id, RapportDbContext db,
        Caller user, TimeProvider time, IOptions<LoyaltyOptions> options, CancellationToken ct, DateOnly? from = null, DateOnly? to = null)
    {
        var errors = new FieldErrors();
        if (from is null)
        {
            errors.Add("from", "The first day of the statement is required (yyyy-MM-dd).");
        }
        if (to is null)
        {
            errors.Add("to", "The last day of the statement is required (yyyy-MM-dd).");
        }
        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                errors.Add("to", "The last day must not lie before the first day.");
            }
            else if (t.DayNumber - f.DayNumber > LoyaltyReads.MaxStatementDays)
            {
                errors.Add("to", $"A statement covers at most {LoyaltyReads.MaxStatementDays:N0} days.");
            }
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        if (!await db.VisibleAccounts(user).AnyAsync(a => a.Id == id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        return TypedResults.Ok(await new LoyaltyReads(db, time, options).StatementAsync(id, from!.Value, to!.Value, ct));
    }

    internal static async Task<Results<Created<EntryOutput>, ValidationProblem, ProblemHttpResult>> GrantAsync(
        long id, GrantInput input, RapportDbContext db, Caller user, LoyaltyProgram program, CancellationToken ct)
    {
        if (!await db.CanWriteAsync(user, id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        var result = await program.GrantAsync(id, input.Points, input.Reason, user, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var entry = EntryOutput.From(result.Value!);
        await AuditAsync(db, user, "grant", "loyalty_ledger", entry.Id.ToString(CultureInfo.InvariantCulture), new { accountId = id, input.Points, input.Reason }, ct);
        return TypedResults.Created($"/api/v1/loyalty/accounts/{id}/ledger", entry);
    }

    internal static async Task<Results<Ok<List<RedemptionLine>>, ProblemHttpResult>> RedemptionsAsync(long id, RapportDbContext db, Caller user,
        TimeProvider time, IOptions<LoyaltyOptions> options, CancellationToken ct)
    {
        if (!await db.VisibleAccounts(user).AnyAsync(a => a.Id == id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        return TypedResults.Ok((await new LoyaltyReads(db, time, options).RedemptionsAsync(id, 200, ct)).ToList());
    }

    internal static async Task<Results<Created<RedemptionOutput>, ValidationProblem, ProblemHttpResult>> RedeemAsync(
        long id, RedemptionInput input, RapportDbContext db, Caller user, LoyaltyProgram program, CancellationToken ct)
    {
        if (!await db.CanWriteAsync(user, id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        var result = await program.RedeemAsync(id, new RedeemRequest(input.RewardId, input.Quantity, input.Note), user, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var r = result.Value!.Redemption;
        await AuditAsync(db, user, "redeem", "redemption", r.Id.ToString(CultureInfo.InvariantCulture), new { accountId = id, r.RewardId, r.Quantity, r.Points }, ct);
        return TypedResults.Created($"/api/v1/loyalty/accounts/{id}/redemptions",
            new RedemptionOutput(r.Id, r.RewardId, r.Quantity, r.Points, r.Status, r.LedgerEntryId, r.RedeemedAt, r.Note, result.Value.Balance));
    }

    internal static async Task<Results<Ok<EntryOutput>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        long id, long redemptionId, ReasonInput input, RapportDbContext db, Caller user, LoyaltyProgram program, CancellationToken ct)
    {
        if (!await db.CanWriteAsync(user, id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        var result = await program.CancelRedemptionAsync(id, redemptionId, input.Reason, user, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        await AuditAsync(db, user, "cancel", "redemption", redemptionId.ToString(CultureInfo.InvariantCulture), input, ct);
        return TypedResults.Ok(EntryOutput.From(result.Value!));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> FulfilAsync(
        long id, long redemptionId, RapportDbContext db, Caller user, LoyaltyProgram program, CancellationToken ct)
    {
        if (!await db.CanWriteAsync(user, id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        var result = await program.FulfilRedemptionAsync(id, redemptionId, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        await AuditAsync(db, user, "fulfil", "redemption", redemptionId.ToString(CultureInfo.InvariantCulture), null, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Created<EntryOutput>, ValidationProblem, ProblemHttpResult>> ReverseAsync(
        long id, long entryId, ReasonInput input, RapportDbContext db, Caller user, LoyaltyProgram program, CancellationToken ct)
    {
        if (!await db.CanWriteAsync(user, id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        var result = await program.ReverseAsync(id, entryId, input.Reason, user, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var entry = EntryOutput.From(result.Value!);
        await AuditAsync(db, user, "reverse", "loyalty_ledger", entryId.ToString(CultureInfo.InvariantCulture), new { accountId = id, input.Reason }, ct);
        return TypedResults.Created($"/api/v1/loyalty/accounts/{id}/ledger", entry);
    }

    /// <summary>An audit-log entry for a change the use case has saved (docs/security.md#audit-log).</summary>
    internal static async Task AuditAsync(RapportDbContext db, Caller user, string action, string entity, string? entityId, object? details,
        CancellationToken ct)
    {
        db.AuditLog.Add(new AuditEntry
        {
            UserId = user.Id,
            Actor = user.Email,
            Action = action,
            Entity = entity,
            EntityId = entityId,
            Details = details is null ? null : System.Text.Json.JsonSerializer.SerializeToDocument(details, details.GetType(), System.Text.Json.JsonSerializerOptions.Web),
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
