using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;

namespace Rapport.Web.Api.Accounts;

/// <summary>An <see cref="AccountInput"/> that passed the rules, with its references resolved.</summary>
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

/// <summary>Validation of account requests: the field rules plus the references (owner, parent) in the database.</summary>
internal static class AccountInputRules
{
    public static async Task<AccountValues?> ValidateAsync(AccountInput input, RapportDbContext db, long? selfId, FieldErrors errors, CancellationToken ct)
    {
        var externalId = Text(input.ExternalId);
        var name = Text(input.Name);
        if (externalId is null)
        {
            errors.Add("externalId", "The external id is required.");
        }
        if (name is null)
        {
            errors.Add("name", "The name is required.");
        }
        if (input.Employees is < 0)
        {
            errors.Add("employees", "The number of employees must not be negative.");
        }
        if (input.AcquisitionCost is < 0)
        {
            errors.Add("acquisitionCost", "The acquisition cost must not be negative.");
        }
        var businessType = Parse<BusinessType>(input.BusinessType, "businessType", errors);
        var channel = Parse<AcquisitionChannel>(input.AcquisitionChannel, "acquisitionChannel", errors);

        long? ownerId = null;
        if (Text(input.OwnerEmail) is { } ownerEmail)
        {
            var lower = ownerEmail.ToLowerInvariant();
            ownerId = await db.Users.Where(u => u.Email.ToLower() == lower).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
            if (ownerId is null)
            {
                errors.Add("ownerEmail", $"There is no user with the e-mail address '{ownerEmail}'.");
            }
        }
        long? parentId = null;
        if (Text(input.ParentExternalId) is { } parentExternalId)
        {
            parentId = await db.Accounts.Where(a => a.ExternalId == parentExternalId).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
            if (parentId is null)
            {
                errors.Add("parentExternalId", $"There is no account with the external id '{parentExternalId}'.");
            }
            else if (selfId is not null && await IsAncestorOrSelfAsync(db, selfId.Value, parentId.Value, ct))
            {
                errors.Add("parentExternalId", "An account cannot be its own parent, directly or through other accounts.");
            }
        }

        if (errors.Any || externalId is null || name is null)
        {
            return null;
        }
        return new AccountValues(externalId, name, Text(input.Industry), Text(input.Country), Text(input.Region), input.Employees, businessType,
            channel, input.AcquiredOn, input.AcquisitionCost, input.KeyAccount ?? false, ownerId, parentId);
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

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static T? Parse<T>(string? text, string field, FieldErrors errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (EnumText.TryParse<T>(text, out var value))
        {
            return value;
        }
        errors.Add(field, $"Unknown {field} '{text}'; expected one of {EnumText.AllowedValues<T>()}.");
        return null;
    }
}
