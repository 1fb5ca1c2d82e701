using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Core.Accounts;

/// <summary>
/// Row-level access of docs/security.md#roles-and-account-access, in one place for the API and the UI: account managers see and edit the accounts
/// they own or that are shared with them; admins, analysts and viewers see every account.
/// </summary>
public static class AccountAccess
{
    /// <summary>True for every role but account manager.</summary>
    public static bool SeesAllAccounts(UserRole role) => role != UserRole.AccountManager;

    /// <summary>
    /// The accounts <paramref name="userId"/> with <paramref name="role"/> may see. When the caller already read the
    /// accounts shared with the user, pass them as <paramref name="sharedAccountIds"/>: "owner = me OR id = ANY(shared)"
    /// is served from two indexes, whereas the "OR EXISTS (share)" form makes PostgreSQL scan the table to count.
    /// </summary>
    public static IQueryable<Account> VisibleAccounts(this RapportDbContext db, long userId, UserRole role,
        IReadOnlyCollection<long>? sharedAccountIds = null)
    {
        if (SeesAllAccounts(role))
        {
            return db.Accounts;
        }
        return sharedAccountIds switch
        {
            null => db.Accounts.Where(a => a.OwnerUserId == userId || db.AccountShares.Any(s => s.AccountId == a.Id && s.UserId == userId)),
            { Count: 0 } => db.Accounts.Where(a => a.OwnerUserId == userId),
            var shared => db.Accounts.Where(a => a.OwnerUserId == userId || shared.Contains(a.Id)),
        };
    }
}
