using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Common;

namespace Rapport.Core.Loyalty;

/// <summary>A reward as entered; kind as text (service, training, event, discount, other).</summary>
public sealed record RewardInput(
    string? Kind,
    string? NameEn,
    string? NameDe,
    string? DescriptionEn,
    string? DescriptionDe,
    int? PointsCost,
    bool? IsActive,
    int? Stock);

/// <summary>The reward catalogue (administrators): create, change, delete while never redeemed.</summary>
public sealed class RewardCatalogue(RapportDbContext db, TimeProvider time)
{
    public const int MaxPointsCost = 100_000_000;

    public async Task<Result<Reward>> CreateAsync(RewardInput input, CancellationToken ct = default)
    {
        var reward = new Reward { NameEn = "", NameDe = "", CreatedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow() };
        if (await ApplyAsync(reward, input, null, ct) is { } error)
        {
            return error;
        }
        db.Rewards.Add(reward);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return Result<Reward>.Ok(reward);
    }

    public async Task<Result<Reward>> UpdateAsync(int id, RewardInput input, CancellationToken ct = default)
    {
        var reward = await db.Rewards.AsTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (reward is null)
        {
            return LoyaltyErrors.NotFound($"There is no reward with id {id}.");
        }
        if (await ApplyAsync(reward, input, id, ct) is { } error)
        {
            db.ChangeTracker.Clear();
            return error;
        }
        reward.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return Result<Reward>.Ok(reward);
    }

    /// <summary>Deletes a reward that was never redeemed; redeemed rewards stay for the ledger and are deactivated instead.</summary>
    public async Task<Result<int>> DeleteAsync(int id, CancellationToken ct = default)
    {
        if (!await db.Rewards.AnyAsync(r => r.Id == id, ct))
        {
            return LoyaltyErrors.NotFound($"There is no reward with id {id}.");
        }
        if (await db.LoyaltyLedger.AnyAsync(e => e.RewardId == id, ct) || await db.Redemptions.AnyAsync(r => r.RewardId == id, ct))
        {
            return LoyaltyErrors.Conflict("The reward has been redeemed and the ledger refers to it; set it inactive instead of deleting it.");
        }
        try
        {
            await db.Rewards.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.ForeignKeyViolation)
        {
            return LoyaltyErrors.Conflict("The reward was redeemed meanwhile; set it inactive instead.");
        }
        return Result<int>.Ok(id);
    }

    private async Task<Error?> ApplyAsync(Reward reward, RewardInput input, int? id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!EnumText.TryParse<RewardKind>(input.Kind, out var kind))
        {
            return LoyaltyErrors.Invalid($"Unknown kind '{input.Kind}'; expected one of {EnumText.AllowedValues<RewardKind>()}.", "kind");
        }
        var nameEn = input.NameEn?.Trim();
        var nameDe = input.NameDe?.Trim();
        if (string.IsNullOrEmpty(nameEn) || nameEn.Length > 200)
        {
            return LoyaltyErrors.Invalid("The English name is required (at most 200 characters).", "nameEn");
        }
        if (string.IsNullOrEmpty(nameDe) || nameDe.Length > 200)
        {
            return LoyaltyErrors.Invalid("The German name is required (at most 200 characters).", "nameDe");
        }
        if (input.PointsCost is not { } cost || cost < 1 || cost > MaxPointsCost)
        {
            return LoyaltyErrors.Invalid($"The points cost must be a whole number from 1 to {MaxPointsCost:N0}.", "pointsCost");
        }
        if (input.Stock is < 0)
        {
            return LoyaltyErrors.Invalid("The stock cannot be negative (leave it out for unlimited).", "stock");
        }
        if (input.DescriptionEn is { Length: > 2000 } || input.DescriptionDe is { Length: > 2000 })
        {
            return LoyaltyErrors.Invalid("Descriptions may have at most 2,000 characters.",
                input.DescriptionEn is { Length: > 2000 } ? "descriptionEn" : "descriptionDe");
        }
        var lower = nameEn.ToLowerInvariant();
        if (await db.Rewards.AnyAsync(r => r.NameEn.ToLower() == lower && r.Id != (id ?? 0), ct))
        {
            return LoyaltyErrors.Conflict($"A reward named '{nameEn}' exists already.");
        }
        reward.Kind = kind;
        reward.NameEn = nameEn;
        reward.NameDe = nameDe;
        reward.DescriptionEn = string.IsNullOrWhiteSpace(input.DescriptionEn) ? null : input.DescriptionEn.Trim();
        reward.DescriptionDe = string.IsNullOrWhiteSpace(input.DescriptionDe) ? null : input.DescriptionDe.Trim();
        reward.PointsCost = cost;
        reward.IsActive = input.IsActive ?? true;
        reward.Stock = input.Stock;
        return null;
    }
}
