using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Common;
using Rapport.Core.Identity;

namespace Rapport.Core.Loyalty;

/// <summary>Input of <see cref="LoyaltyProgram.EnrolAsync"/>; the enrolment date defaults to today.</summary>
public sealed record EnrolRequest(DateOnly? EnrolledOn = null, long? ProgramContactId = null);

/// <summary>Input of <see cref="LoyaltyProgram.RedeemAsync"/>.</summary>
public sealed record RedeemRequest(int? RewardId, int? Quantity = null, string? Note = null);

/// <summary>A redemption and the balance it left.</summary>
public sealed record RedemptionOutcome(Redemption Redemption, LedgerEntry Entry, long Balance);

/// <summary>A booked entry and the balance after it.</summary>
public sealed record EntryOutcome(LedgerEntry Entry, long Balance);

/// <summary>
/// The use cases of the loyalty program on one account (docs/loyalty-and-plans.md#loyalty-program): enrol, grant, redeem, cancel or fulfil a redemption,
/// reverse an entry. Everything that takes points locks the account's membership first and checks the balance inside
/// the same transaction, so concurrent requests cannot overdraw it (the database's balance guard is the second line).
/// The caller checks that the user may see and change the account.
/// </summary>
public sealed class LoyaltyProgram(RapportDbContext db, TimeProvider time)
{
    public const int MaxGrantPoints = 10_000_000;
    public const int MaxQuantity = 1_000;
    public const int MaxTextLength = 500;

    /// <summary>
    /// Enrols an account. A program contact must belong to the account and have granted the loyalty consent
    /// (docs/security.md#consent); without one the account is enrolled without a contact.
    /// </summary>
    public async Task<Result<LoyaltyMember>> EnrolAsync(long accountId, EnrolRequest request, Caller actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, ct))
        {
            return LoyaltyErrors.NotFound($"There is no account with id {accountId}.");
        }
        var today = LoyaltyClock.Today(time);
        var enrolledOn = request.EnrolledOn ?? today;
        if (enrolledOn > today)
        {
            return LoyaltyErrors.Invalid("The enrolment date cannot lie in the future.", "enrolledOn");
        }
        if (request.ProgramContactId is { } contactId)
        {
            var contact = await db.Contacts.Where(c => c.Id == contactId && c.AccountId == accountId)
                .Select(c => new
                {
                    c.IsActive,
                    Consent = db.Consents.Any(x => x.ContactId == c.Id && x.Purpose == ConsentPurpose.Loyalty && x.Granted),
                })
                .FirstOrDefaultAsync(ct);
            if (contact is null)
            {
                return LoyaltyErrors.Invalid($"Contact {contactId} is not a contact of this account.", "programContactId");
            }
            if (!contact.Consent)
            {
                return LoyaltyErrors.Invalid($"Contact {contactId} has not granted the loyalty consent; choose a contact who has, or none.", "programContactId");
            }
            if (!contact.IsActive)
            {
                return LoyaltyErrors.Invalid($"Contact {contactId} is no longer active.", "programContactId");
            }
        }
        if (await db.LoyaltyMembers.AnyAsync(m => m.AccountId == accountId, ct))
        {
            return LoyaltyErrors.AlreadyEnrolled($"Account {accountId} is already enrolled.");
        }
        var member = new LoyaltyMember { AccountId = accountId, EnrolledOn = enrolledOn, ProgramContactId = request.ProgramContactId, EnrolledBy = actor.Email };
        db.LoyaltyMembers.Add(member);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return LoyaltyErrors.AlreadyEnrolled($"Account {accountId} is already enrolled.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return Result<LoyaltyMember>.Ok(member);
    }

    /// <summary>Grants points by hand (1 – <see cref="MaxGrantPoints"/>) with a reason.</summary>
    public async Task<Result<EntryOutcome>> GrantAsync(long accountId, int? points, string? reason, Caller actor, CancellationToken ct = default)
    {
        var text = Text(reason);
        if (points is not { } p || p < 1 || p > MaxGrantPoints)
        {
            return LoyaltyErrors.Invalid($"Points must be a whole number from 1 to {MaxGrantPoints:N0}.", "points");
        }
        if (text is null || text.Length > MaxTextLength)
        {
            return LoyaltyErrors.Invalid($"A grant needs a reason (at most {MaxTextLength} characters).", "reason");
        }
        return await InTransactionAsync(accountId, async _ =>
        {
            var entry = Book(accountId, LedgerEntryKind.Grant, p, text, actor.Email);
            await db.SaveChangesAsync(ct);
            return Result<EntryOutcome>.Ok(new EntryOutcome(entry, await BalanceAsync(accountId, ct)));
        }, ct);
    }

    /// <summary>
    /// Redeems a reward: takes quantity × its points cost from the balance and, for rewards with stock, a unit of
    /// stock each. Fails with <see cref="LoyaltyErrors.InsufficientBalance"/> when the balance does not cover it.
    /// </summary>
    public async Task<Result<RedemptionOutcome>> RedeemAsync(long accountId, RedeemRequest request, Caller actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var quantity = request.Quantity ?? 1;
        var note = Text(request.Note);
        if (request.RewardId is not { } rewardId)
        {
            return LoyaltyErrors.Invalid("Choose the reward to redeem.", "rewardId");
        }
        if (quantity < 1 || quantity > MaxQuantity)
        {
            return LoyaltyErrors.Invalid($"The quantity must be from 1 to {MaxQuantity}.", "quantity");
        }
        if (note is { Length: > MaxTextLength })
        {
            return LoyaltyErrors.Invalid($"The note may have at most {MaxTextLength} characters.", "note");
        }
        var reward = await db.Rewards.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rewardId, ct);
        if (reward is null)
        {
            return LoyaltyErrors.Invalid($"There is no reward with id {rewardId}.", "rewardId");
        }
        if (!reward.IsActive)
        {
            return LoyaltyErrors.Invalid($"The reward '{reward.NameEn}' is no longer offered.", "rewardId");
        }
        var cost = (long)reward.PointsCost * quantity;
        if (cost > int.MaxValue)
        {
            return LoyaltyErrors.Invalid("The quantity is too large for this reward.", "quantity");
        }
        return await InTransactionAsync(accountId, async balance =>
        {
            if (balance < cost)
            {
                return LoyaltyErrors.InsufficientBalance($"The balance is {balance:N0} points; '{reward.NameEn}' × {quantity} needs {cost:N0}.");
            }
            // Stock is taken in the same transaction, after the membership lock (always in this order: no deadlocks).
            var taken = await db.Rewards
                .Where(r => r.Id == rewardId && r.IsActive && (r.Stock == null || r.Stock >= quantity))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock - quantity), ct);
            if (taken == 0)
            {
                return LoyaltyErrors.OutOfStock($"'{reward.NameEn}' is out of stock.");
            }
            var entry = Book(accountId, LedgerEntryKind.Redeem, -(int)cost,
                quantity == 1 ? reward.NameEn : $"{reward.NameEn} × {quantity}", actor.Email);
            entry.RewardId = rewardId;
            await db.SaveChangesAsync(ct);
            var redemption = new Redemption
            {
                AccountId = accountId, RewardId = rewardId, Quantity = quantity, Points = (int)cost, LedgerEntryId = entry.Id,
                Note = note, RedeemedAt = entry.OccurredAt, CreatedBy = actor.Email,
            };
            db.Redemptions.Add(redemption);
            await db.SaveChangesAsync(ct);
            return Result<RedemptionOutcome>.Ok(new RedemptionOutcome(redemption, entry, balance - cost));
        }, ct);
    }

    /// <summary>Cancels a redemption that was not fulfilled: its points come back through a reversal entry, its stock too.</summary>
    public async Task<Result<EntryOutcome>> CancelRedemptionAsync(long accountId, long redemptionId, string? reason, Caller actor,
        CancellationToken ct = default)
    {
        var text = Text(reason) ?? "Redemption cancelled";
        if (text.Length > MaxTextLength)
        {
            return LoyaltyErrors.Invalid($"The reason may have at most {MaxTextLength} characters.", "reason");
        }
        return await InTransactionAsync(accountId, async _ =>
        {
            var redemption = await db.Redemptions.AsTracking().FirstOrDefaultAsync(r => r.Id == redemptionId && r.AccountId == accountId, ct);
            if (redemption is null)
            {
                return LoyaltyErrors.NotFound($"There is no redemption with id {redemptionId} on this account.");
            }
            if (redemption.Status != RedemptionStatus.Redeemed)
            {
                return LoyaltyErrors.Conflict($"The redemption is {EnumText.ToText(redemption.Status)}; only open redemptions can be cancelled.");
            }
            redemption.Status = RedemptionStatus.Cancelled;
            redemption.CancelledAt = time.GetUtcNow();
            var entry = Book(accountId, LedgerEntryKind.Reversal, redemption.Points, text, actor.Email);
            entry.ReversesEntryId = redemption.LedgerEntryId;
            entry.RewardId = redemption.RewardId;
            await db.SaveChangesAsync(ct);
            await db.Rewards.Where(r => r.Id == redemption.RewardId && r.Stock != null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock + redemption.Quantity), ct);
            return Result<EntryOutcome>.Ok(new EntryOutcome(entry, await BalanceAsync(accountId, ct)));
        }, ct);
    }

    /// <summary>Marks a redemption as delivered.</summary>
    public async Task<Result<Redemption>> FulfilRedemptionAsync(long accountId, long redemptionId, CancellationToken ct = default)
    {
        var redemption = await db.Redemptions.AsTracking().FirstOrDefaultAsync(r => r.Id == redemptionId && r.AccountId == accountId, ct);
        if (redemption is null)
        {
            return LoyaltyErrors.NotFound($"There is no redemption with id {redemptionId} on this account.");
        }
        if (redemption.Status != RedemptionStatus.Redeemed)
        {
            return LoyaltyErrors.Conflict($"The redemption is {EnumText.ToText(redemption.Status)}; only open redemptions can be fulfilled.");
        }
        redemption.Status = RedemptionStatus.Fulfilled;
        redemption.FulfilledAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return Result<Redemption>.Ok(redemption);
    }

    /// <summary>
    /// Corrects an entry by booking its points with the opposite sign. Reversals are not reversed again, an entry is
    /// reversed once, and redemptions are cancelled instead (so that the redemption and the stock follow).
    /// </summary>
    public async Task<Result<EntryOutcome>> ReverseAsync(long accountId, long entryId, string? reason, Caller actor, CancellationToken ct = default)
    {
        var text = Text(reason);
        if (text is null || text.Length > MaxTextLength)
        {
            return LoyaltyErrors.Invalid($"A reversal needs a reason (at most {MaxTextLength} characters).", "reason");
        }
        return await InTransactionAsync(accountId, async balance =>
        {
            var original = await db.LoyaltyLedger.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.AccountId == accountId, ct);
            if (original is null)
            {
                return LoyaltyErrors.NotFound($"There is no ledger entry with id {entryId} on this account.");
            }
            if (original.Kind == LedgerEntryKind.Reversal)
            {
                return LoyaltyErrors.Conflict("A reversal cannot be reversed; book a grant instead.");
            }
            if (original.Kind == LedgerEntryKind.Redeem)
            {
                return LoyaltyErrors.Conflict("A redemption is corrected by cancelling it.");
            }
            if (original.Points == 0)
            {
                return LoyaltyErrors.Conflict("The entry has no points to reverse.");
            }
            if (await db.LoyaltyLedger.AnyAsync(e => e.ReversesEntryId == entryId, ct))
            {
                return LoyaltyErrors.Conflict($"Entry {entryId} has already been reversed.");
            }
            if (balance - original.Points < 0)
            {
                return LoyaltyErrors.InsufficientBalance($"The balance is {balance:N0} points; reversing {original.Points:N0} points would make it negative.");
            }
            var entry = Book(accountId, LedgerEntryKind.Reversal, -original.Points, text, actor.Email);
            entry.ReversesEntryId = entryId;
            entry.OrderId = original.OrderId;
            await db.SaveChangesAsync(ct);
            return Result<EntryOutcome>.Ok(new EntryOutcome(entry, balance - original.Points));
        }, ct);
    }

    /// <summary>The balance: the sum of the account's entries.</summary>
    public async Task<long> BalanceAsync(long accountId, CancellationToken ct = default) =>
        await db.LoyaltyLedger.Where(e => e.AccountId == accountId).SumAsync(e => (long?)e.Points, ct) ?? 0;

    private LedgerEntry Book(long accountId, LedgerEntryKind kind, int points, string? reason, string actor)
    {
        var entry = new LedgerEntry
        {
            AccountId = accountId, OccurredAt = time.GetUtcNow(), Kind = kind, Points = points, Reason = reason, CreatedBy = actor,
        };
        db.LoyaltyLedger.Add(entry);
        return entry;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that holds the membership lock, with the balance read after the
    /// lock was granted; commits when the work succeeds and rolls back otherwise.
    /// </summary>
    private async Task<Result<T>> InTransactionAsync<T>(long accountId, Func<long, Task<Result<T>>> work, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var locked = await db.Database
                .SqlQuery<long>($"SELECT account_id AS \"Value\" FROM loyalty_members WHERE account_id = {accountId} FOR NO KEY UPDATE")
                .ToListAsync(ct);
            if (locked.Count == 0)
            {
                return await db.Accounts.AnyAsync(a => a.Id == accountId, ct)
                    ? LoyaltyErrors.NotEnrolled($"Account {accountId} is not enrolled in the loyalty program.")
                    : LoyaltyErrors.NotFound($"There is no account with id {accountId}.");
            }
            var result = await work(await BalanceAsync(accountId, ct));
            if (result.Succeeded)
            {
                await tx.CommitAsync(ct);
            }
            return result;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
