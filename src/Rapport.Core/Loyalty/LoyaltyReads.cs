using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Core.Accounts;
using Rapport.Core.Data;

namespace Rapport.Core.Loyalty;

/// <summary>A tier as shown with an account.</summary>
public sealed record TierInfo(int Id, string Code, string NameEn, string NameDe, decimal EarnMultiplier, int Rank);

/// <summary>The next tier up and what is missing to reach it.</summary>
public sealed record NextTierInfo(TierInfo Tier, decimal MissingRevenue, int MissingTenureMonths);

/// <summary>The program contact, shown only while their loyalty consent is granted.</summary>
public sealed record ProgramContactInfo(long Id, string Name, string? Email);

/// <summary>
/// The program status of an account: enrolment, tier with its basis (revenue of the last 12 months, tenure), the next
/// tier, balance and the points that will expire within <see cref="LoyaltyReads.ExpiryWarningDays"/> days.
/// </summary>
public sealed record LoyaltyStatus(
    long AccountId,
    bool Enrolled,
    DateOnly? EnrolledOn,
    long Balance,
    TierInfo? Tier,
    decimal Revenue12m,
    int TenureMonths,
    NextTierInfo? NextTier,
    long ExpiringPoints,
    DateOnly ExpiringBy,
    ProgramContactInfo? ProgramContact,
    int OpenRedemptions,
    DateOnly Today);

/// <summary>A ledger entry with the balance after it and what it refers to.</summary>
public sealed record LedgerLine(
    long Id,
    DateTimeOffset OccurredAt,
    LedgerEntryKind Kind,
    int Points,
    long BalanceAfter,
    long? OrderId,
    string? OrderNo,
    int? RewardId,
    string? RewardNameEn,
    string? RewardNameDe,
    long? ReversesEntryId,
    bool Reversed,
    string? Reason,
    string CreatedBy);

/// <summary>One page of a ledger, newest first.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerLine> Items, int Page, int PageSize, int TotalCount);

/// <summary>Points per kind within a statement period (redeemed and expired as positive numbers).</summary>
public sealed record StatementTotals(long Earned, long Granted, long Redeemed, long Expired, long Reversed);

/// <summary>A statement: opening balance + the entries of the period (oldest first) = closing balance.</summary>
public sealed record LoyaltyStatement(
    long AccountId,
    DateOnly From,
    DateOnly To,
    long OpeningBalance,
    IReadOnlyList<LedgerLine> Entries,
    StatementTotals Totals,
    long ClosingBalance);

/// <summary>A reward with how often it was redeemed.</summary>
public sealed record RewardLine(Reward Reward, int Redemptions);

/// <summary>Members per tier; <see cref="Tier"/> null for members who reach no tier.</summary>
public sealed record TierMembers(TierInfo? Tier, int Members);

/// <summary>The program at a glance.</summary>
public sealed record LoyaltyOverview(
    int Members,
    long PointsOutstanding,
    long EarnedLast12Months,
    long RedeemedLast12Months,
    IReadOnlyList<TierMembers> Tiers,
    IReadOnlyList<RewardLine> Rewards,
    DateOnly Today);

/// <summary>Read side of the loyalty program: status, ledger pages, statements and the overview.</summary>
public sealed class LoyaltyReads(RapportDbContext db, TimeProvider time, IOptions<LoyaltyOptions> options)
{
    /// <summary>The status warns of points expiring within this many days.</summary>
    public const int ExpiryWarningDays = 90;

    /// <summary>The longest statement period, in days.</summary>
    public const int MaxStatementDays = 3_660;

    public async Task<IReadOnlyList<LoyaltyTier>> TiersAsync(CancellationToken ct = default) =>
        await db.LoyaltyTiers.AsNoTracking().OrderBy(t => t.Rank).ToListAsync(ct);

    /// <summary>The status of a visible account, or null when it does not exist.</summary>
    public async Task<LoyaltyStatus?> StatusAsync(long accountId, CancellationToken ct = default)
    {
        var today = LoyaltyClock.Today(time);
        var account = await db.Accounts.Where(a => a.Id == accountId).Select(a => new { a.AcquiredOn }).FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return null;
        }
        var member = await db.LoyaltyMembers.AsNoTracking().FirstOrDefaultAsync(m => m.AccountId == accountId, ct);
        var yearAgo = today.AddMonths(-12);
        var lines = db.OrderLines.Where(l => l.AccountId == accountId);
        var revenue = await lines.Where(l => l.OrderDate > yearAgo && l.OrderDate <= today).SumAsync(l => (decimal?)l.NetAmount, ct) ?? 0m;
        var since = account.AcquiredOn ?? await lines.OrderBy(l => l.OrderDate).Select(l => (DateOnly?)l.OrderDate).FirstOrDefaultAsync(ct);
        var tenure = since is { } s ? LoyaltyClock.MonthsBetween(s, today) : 0;

        var tiers = await TiersAsync(ct);
        var tierId = (await RawSql.QueryAsync(db, "SELECT coalesce(loyalty_tier_id($1, $2), 0)", r => r.GetInt32(0), ct, accountId, today))[0];
        var tier = tiers.FirstOrDefault(t => t.Id == tierId);
        var next = tiers.Where(t => t.IsActive && t.Rank > (tier?.Rank ?? int.MinValue)).OrderBy(t => t.Rank).FirstOrDefault();

        long balance = 0;
        long expiring = 0;
        var expiringBy = today.AddDays(ExpiryWarningDays);
        ProgramContactInfo? contact = null;
        var openRedemptions = 0;
        if (member is not null)
        {
            var ledger = db.LoyaltyLedger.Where(e => e.AccountId == accountId);
            balance = await ledger.SumAsync(e => (long?)e.Points, ct) ?? 0;
            var months = options.Value.PointsExpireAfterMonths;
            if (months > 0)
            {
                var cutoff = LoyaltyClock.StartOf(expiringBy.AddMonths(-months).AddDays(1));
                var old = await ledger.Where(e => e.Points > 0 && e.OccurredAt < cutoff).SumAsync(e => (long?)e.Points, ct) ?? 0;
                var taken = -(await ledger.Where(e => e.Points < 0).SumAsync(e => (long?)e.Points, ct) ?? 0);
                expiring = Math.Min(balance, Math.Max(0, old - taken));
            }
            if (member.ProgramContactId is { } contactId)
            {
                // Consent is read at every display, so a withdrawal takes effect at once.
                contact = await db.Contacts
                    .Where(c => c.Id == contactId && db.Consents.Any(x => x.ContactId == c.Id && x.Purpose == ConsentPurpose.Loyalty && x.Granted))
                    .Select(c => new ProgramContactInfo(c.Id, c.FirstName == null ? c.LastName : c.FirstName + " " + c.LastName, c.Email))
                    .FirstOrDefaultAsync(ct);
            }
            openRedemptions = await db.Redemptions.CountAsync(r => r.AccountId == accountId && r.Status == RedemptionStatus.Redeemed, ct);
        }
        return new LoyaltyStatus(accountId, member is not null, member?.EnrolledOn, balance, tier is null ? null : Info(tier), revenue, tenure,
            next is null ? null : new NextTierInfo(Info(next), Math.Max(0, next.MinRevenue12m - revenue), Math.Max(0, next.MinTenureMonths - tenure)),
            expiring, expiringBy, contact, openRedemptions, today);
    }

    /// <summary>A page of the ledger, newest first, each entry with the balance after it.</summary>
    public async Task<LedgerPage> LedgerAsync(long accountId, int page, int pageSize, CancellationToken ct = default)
    {
        var ledger = db.LoyaltyLedger.Where(e => e.AccountId == accountId);
        var total = await ledger.CountAsync(ct);
        var rows = await Lines(ledger.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize))
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return new LedgerPage([], page, pageSize, total);
        }
        var newest = rows[0];
        var balance = await ledger.Where(e => e.OccurredAt < newest.OccurredAt || (e.OccurredAt == newest.OccurredAt && e.Id <= newest.Id))
            .SumAsync(e => (long?)e.Points, ct) ?? 0;
        var items = new List<LedgerLine>(rows.Count);
        foreach (var row in rows)
        {
            items.Add(row with { BalanceAfter = balance });
            balance -= row.Points;
        }
        return new LedgerPage(items, page, pageSize, total);
    }

    /// <summary>
    /// The statement for the days <paramref name="from"/> to <paramref name="to"/> (inclusive, UTC): the opening balance
    /// (all entries before), the entries of the period and the closing balance = opening + their sum.
    /// </summary>
    public async Task<LoyaltyStatement> StatementAsync(long accountId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var start = LoyaltyClock.StartOf(from);
        var end = LoyaltyClock.StartOf(to.AddDays(1));
        var ledger = db.LoyaltyLedger.Where(e => e.AccountId == accountId);
        var opening = await ledger.Where(e => e.OccurredAt < start).SumAsync(e => (long?)e.Points, ct) ?? 0;
        var rows = await Lines(ledger.Where(e => e.OccurredAt >= start && e.OccurredAt < end).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id))
            .ToListAsync(ct);
        var balance = opening;
        var entries = new List<LedgerLine>(rows.Count);
        foreach (var row in rows)
        {
            balance += row.Points;
            entries.Add(row with { BalanceAfter = balance });
        }
        long Sum(LedgerEntryKind kind) => rows.Where(r => r.Kind == kind).Sum(r => (long)r.Points);
        var totals = new StatementTotals(Sum(LedgerEntryKind.Earn), Sum(LedgerEntryKind.Grant), -Sum(LedgerEntryKind.Redeem),
            -Sum(LedgerEntryKind.Expire), Sum(LedgerEntryKind.Reversal));
        return new LoyaltyStatement(accountId, from, to, opening, entries, totals, balance);
    }

    /// <summary>The program overview: members, points outstanding, members per tier today, the reward catalogue.</summary>
    public async Task<LoyaltyOverview> OverviewAsync(bool activeRewardsOnly = false, CancellationToken ct = default)
    {
        var today = LoyaltyClock.Today(time);
        var tiers = await TiersAsync(ct);
        var perTier = await RawSql.QueryAsync(db,
            "SELECT coalesce(loyalty_tier_id(m.account_id, $1), 0) AS tier, count(*)::int FROM loyalty_members m GROUP BY 1",
            r => (Tier: r.GetInt32(0), Members: r.GetInt32(1)), ct, today);
        var members = perTier.Sum(t => t.Members);
        var tierMembers = tiers.Where(t => t.IsActive).OrderByDescending(t => t.Rank)
            .Select(t => new TierMembers(Info(t), perTier.Where(x => x.Tier == t.Id).Sum(x => x.Members)))
            .ToList();
        var withoutTier = perTier.Where(x => x.Tier == 0 || tierMembers.All(t => t.Tier!.Id != x.Tier)).Sum(x => x.Members);
        if (withoutTier > 0)
        {
            tierMembers.Add(new TierMembers(null, withoutTier));
        }
        var outstanding = await db.LoyaltyLedger.SumAsync(e => (long?)e.Points, ct) ?? 0;
        var yearAgo = LoyaltyClock.StartOf(today.AddMonths(-12).AddDays(1));
        var earned = await db.LoyaltyLedger.Where(e => e.Kind == LedgerEntryKind.Earn && e.OccurredAt >= yearAgo).SumAsync(e => (long?)e.Points, ct) ?? 0;
        var redeemed = -(await db.LoyaltyLedger.Where(e => e.Kind == LedgerEntryKind.Redeem && e.OccurredAt >= yearAgo).SumAsync(e => (long?)e.Points, ct) ?? 0);
        var rewards = await db.Rewards.AsNoTracking().Where(r => !activeRewardsOnly || r.IsActive)
            .OrderByDescending(r => r.IsActive).ThenBy(r => r.PointsCost).ThenBy(r => r.Id)
            .Select(r => new RewardLine(r, db.Redemptions.Count(x => x.RewardId == r.Id && x.Status != RedemptionStatus.Cancelled)))
            .ToListAsync(ct);
        return new LoyaltyOverview(members, outstanding, earned, redeemed, tierMembers, rewards, today);
    }

    /// <summary>The redemptions of an account, newest first.</summary>
    public async Task<IReadOnlyList<RedemptionLine>> RedemptionsAsync(long accountId, int take = 50, CancellationToken ct = default) =>
        await db.Redemptions.Where(r => r.AccountId == accountId)
            .OrderByDescending(r => r.RedeemedAt).ThenByDescending(r => r.Id)
            .Take(take)
            .Join(db.Rewards, r => r.RewardId, w => w.Id, (r, w) => new RedemptionLine(
                r.Id, r.RewardId, w.NameEn, w.NameDe, w.Kind, r.Quantity, r.Points, r.Status, r.Note, r.RedeemedAt, r.CreatedBy, r.FulfilledAt, r.CancelledAt))
            .ToListAsync(ct);

    private IQueryable<LedgerLine> Lines(IQueryable<LedgerEntry> entries) =>
        entries.Select(e => new LedgerLine(
            e.Id, e.OccurredAt, e.Kind, e.Points, 0,
            e.OrderId,
            db.Orders.Where(o => o.Id == e.OrderId).Select(o => o.OrderNo).FirstOrDefault(),
            e.RewardId,
            db.Rewards.Where(r => r.Id == e.RewardId).Select(r => r.NameEn).FirstOrDefault(),
            db.Rewards.Where(r => r.Id == e.RewardId).Select(r => r.NameDe).FirstOrDefault(),
            e.ReversesEntryId,
            db.LoyaltyLedger.Any(x => x.ReversesEntryId == e.Id),
            e.Reason,
            e.CreatedBy));

    internal static TierInfo Info(LoyaltyTier t) => new(t.Id, t.Code, t.NameEn, t.NameDe, t.EarnMultiplier, t.Rank);
}

/// <summary>A redemption with its reward's names.</summary>
public sealed record RedemptionLine(
    long Id,
    int RewardId,
    string RewardNameEn,
    string RewardNameDe,
    RewardKind RewardKind,
    int Quantity,
    int Points,
    RedemptionStatus Status,
    string? Note,
    DateTimeOffset RedeemedAt,
    string CreatedBy,
    DateTimeOffset? FulfilledAt,
    DateTimeOffset? CancelledAt);
