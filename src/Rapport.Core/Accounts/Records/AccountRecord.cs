using Microsoft.EntityFrameworkCore;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Accounts.Records;

/// <summary>An account request that passed the rules, with its references resolved.</summary>
public sealed record AccountValues(
    string ExternalId,
    string Name,
    string? Industry,
    string? Country,
    string? Region,
    int? Employees,
    BusinessType? BusinessType,
    AcquisitionChannel? AcquisitionChannel,
    DateOnly? AcquiredOn,
    decimal? AcquisitionCost,
    bool KeyAccount,
    long? OwnerUserId,
    long? ParentAccountId)
{
    public void ApplyTo(Account account)
    {
        account.ExternalId = ExternalId;
        account.Name = Name;
        account.Industry = Industry;
        account.Country = Country;
        account.Region = Region;
        account.Employees = Employees;
        account.BusinessType = BusinessType;
        account.AcquisitionChannel = AcquisitionChannel;
        account.AcquiredOn = AcquiredOn;
        account.AcquisitionCost = AcquisitionCost;
        account.KeyAccount = KeyAccount;
        account.OwnerUserId = OwnerUserId;
        account.ParentAccountId = ParentAccountId;
    }
}

/// <summary>
/// Accounts themselves: the rules of the accounts CSV (<see cref="AccountRules"/>); on top, the references (owner
/// e-mail, parent external id) must exist and the parent chain must not loop. Only administrators choose other owners
/// than themselves; only the owner or an administrator deletes.
/// </summary>
public sealed class AccountRecord : AccountRecordKind<Account, AccountInput, AccountValues>
{
    public static readonly AccountRecord Kind = new();

    public override string Entity => "account";

    public override Task<Account?> FindForWriteAsync(RapportDbContext db, long id, CancellationToken ct) =>
        db.Accounts.AsTracking().FirstOrDefaultAsync(a => a.Id == id, ct);

    public override long IdOf(Account entity) => entity.Id;

    public override long AccountIdOf(Account entity) => entity.Id;

    public override async Task<AccountValues?> ValidateAsync(RapportDbContext db, Caller user, AccountInput input, Account? existing,
        FieldErrors errors, CancellationToken ct)
    {
        errors.AddRules(AccountRules.Validate(input));

        long? ownerId = null;
        if (Text(input.OwnerEmail) is { } ownerEmail && !errors.Has("ownerEmail"))
        {
            var lower = ownerEmail.ToLowerInvariant();
            ownerId = await db.Users.Where(u => u.Email.ToLower() == lower).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
            if (ownerId is null)
            {
                errors.Add("ownerEmail", $"there is no user with the e-mail address '{ownerEmail}'");
            }
        }
        long? parentId = null;
        if (Text(input.ParentExternalId) is { } parentExternalId && !errors.Has("parentExternalId"))
        {
            parentId = await db.Accounts.Where(a => a.ExternalId == parentExternalId).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
            if (parentId is null)
            {
                errors.Add("parentExternalId", $"there is no account with the external id '{parentExternalId}'");
            }
            else if (existing is not null && await IsAncestorOrSelfAsync(db, existing.Id, parentId.Value, ct))
            {
                errors.Add("parentExternalId", "an account cannot be its own parent, directly or through other accounts");
            }
        }

        if (errors.Any)
        {
            return null;
        }
        return new AccountValues(input.ExternalId!.Trim(), input.Name!.Trim(), Text(input.Industry), Text(input.Country),
            Text(input.Region), input.Employees, input.BusinessType, input.AcquisitionChannel, input.AcquiredOn, input.AcquisitionCost,
            input.KeyAccount ?? false, ownerId, parentId);
    }

    public override Error? Authorize(Caller user, AccountValues values, Account? existing)
    {
        if (user.IsAdmin || values.OwnerUserId is not { } ownerId)
        {
            return null;
        }
        if (existing is null)
        {
            return ownerId == user.Id ? null : Error.Forbidden("Account managers can only create accounts they own.");
        }
        return ownerId == existing.OwnerUserId ? null : Error.Forbidden("Only administrators can hand an account to another owner.");
    }

    public override Error? AuthorizeDelete(Caller user, Account entity) =>
        user.IsAdmin || entity.OwnerUserId == user.Id ? null : Error.Forbidden("Only the owner or an administrator can delete an account.");

    public override async Task<Error?> FindDuplicateAsync(RapportDbContext db, AccountValues values, Account? existing, CancellationToken ct) =>
        values.ExternalId != existing?.ExternalId && await db.Accounts.AnyAsync(a => a.ExternalId == values.ExternalId, ct)
            ? SaveConflict(values) : null;

    public override Error SaveConflict(AccountValues values) =>
        Error.Conflict($"An account with the external id '{values.ExternalId}' already exists.");

    /// <summary>An account manager's new account is theirs unless they name themselves; an admin's stays unowned.</summary>
    public override Account Create(AccountValues values, Caller user, DateTimeOffset now)
    {
        var account = new Account { ExternalId = values.ExternalId, Name = values.Name, CreatedAt = now, UpdatedAt = now };
        values.ApplyTo(account);
        account.OwnerUserId ??= user.IsAdmin ? null : user.Id;
        return account;
    }

    /// <summary>Account managers cannot change the owner (an empty owner in the request keeps it).</summary>
    public override void Apply(RapportDbContext db, Account entity, AccountValues values, Caller user, DateTimeOffset now)
    {
        var keepOwner = entity.OwnerUserId;
        values.ApplyTo(entity);
        if (!user.IsAdmin)
        {
            entity.OwnerUserId = keepOwner;
        }
    }

    public override void Touch(Account entity, DateTimeOffset now) => entity.UpdatedAt = now;

    public override object CreateDetails(Account entity, AccountInput input) => new { entity.ExternalId, entity.Name };

    public override object DeleteDetails(Account entity) => new { entity.ExternalId, entity.Name };

    /// <summary>True when <paramref name="self"/> is <paramref name="candidateParent"/> or one of its ancestors.</summary>
    private static async Task<bool> IsAncestorOrSelfAsync(RapportDbContext db, long self, long candidateParent, CancellationToken ct)
    {
        var seen = new HashSet<long>();
        long? current = candidateParent;
        while (current is { } id && seen.Add(id))
        {
            if (id == self)
            {
                return true;
            }
            current = await db.Accounts.Where(a => a.Id == id).Select(a => a.ParentAccountId).FirstOrDefaultAsync(ct);
        }
        return false;
    }
}
