using Microsoft.EntityFrameworkCore;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Core.Accounts.Records;

/// <summary>
/// Write access of docs/security.md#roles-and-account-access: the account must be visible to the caller and the role
/// must write. Accounts outside the scope answer as if they did not exist.
/// </summary>
public static class AccountWriteScope
{
    /// <summary>True when <paramref name="user"/> may change data of the account.</summary>
    public static async Task<bool> CanWriteAsync(RapportDbContext db, Caller user, long accountId, CancellationToken ct) =>
        user.CanWrite && await db.VisibleAccounts(user.Id, user.Role, user.SharedAccountIds).AnyAsync(a => a.Id == accountId, ct);

    /// <summary>
    /// The id of the account with <paramref name="externalId"/> when <paramref name="user"/> may see it; otherwise a
    /// field error on <c>accountExternalId</c> (accounts outside the scope are reported as unknown, like in the CSV import).
    /// </summary>
    public static async Task<long?> ResolveWritableAccountAsync(RapportDbContext db, Caller user, string? externalId, FieldErrors errors,
        CancellationToken ct)
    {
        if (errors.Has("accountExternalId") || string.IsNullOrWhiteSpace(externalId))
        {
            return null;
        }
        var key = externalId.Trim();
        var id = await db.VisibleAccounts(user.Id, user.Role, user.SharedAccountIds).Where(a => a.ExternalId == key)
            .Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            errors.Add("accountExternalId", $"there is no account with the external id '{key}'");
        }
        return id;
    }
}
