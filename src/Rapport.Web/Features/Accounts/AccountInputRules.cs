using Rapport.Core.Common;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;

namespace Rapport.Web.Features.Accounts;

/// <summary>An account request that passed the rules, with its references resolved.</summary>
internal sealed record AccountValues(
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
/// Account requests obey the same rules as the accounts CSV (<see cref="AccountRules"/>); on top, the references
/// (owner e-mail, parent external id) must exist and the parent chain must not loop.
/// </summary>
internal static class AccountInputRules
{
    public static async Task<AccountValues?> ValidateAsync(AccountInput input, RapportDbContext db, long? selfId, FieldErrors errors, CancellationToken ct)
    {
        errors.AddRules(AccountRules.Validate(input));

        long? ownerId = null;
        if (InputRules.Text(input.OwnerEmail) is { } ownerEmail && !errors.Has("ownerEmail"))
        {
            var lower = ownerEmail.ToLowerInvariant();
            ownerId = await db.Users.Where(u => u.Email.ToLower() == lower).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
            if (ownerId is null)
            {
                errors.Add("ownerEmail", $"there is no user with the e-mail address '{ownerEmail}'");
            }
        }
        long? parentId = null;
        if (InputRules.Text(input.ParentExternalId) is { } parentExternalId && !errors.Has("parentExternalId"))
        {
            parentId = await db.Accounts.Where(a => a.ExternalId == parentExternalId).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
            if (parentId is null)
            {
                errors.Add("parentExternalId", $"there is no account with the external id '{parentExternalId}'");
            }
            else if (selfId is not null && await IsAncestorOrSelfAsync(db, selfId.Value, parentId.Value, ct))
            {
                errors.Add("parentExternalId", "an account cannot be its own parent, directly or through other accounts");
            }
        }

        if (errors.Any)
        {
            return null;
        }
        return new AccountValues(input.ExternalId!.Trim(), input.Name!.Trim(), InputRules.Text(input.Industry), InputRules.Text(input.Country),
            InputRules.Text(input.Region), input.Employees, input.BusinessType, input.AcquisitionChannel, input.AcquiredOn, input.AcquisitionCost,
            input.KeyAccount ?? false, ownerId, parentId);
    }

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
