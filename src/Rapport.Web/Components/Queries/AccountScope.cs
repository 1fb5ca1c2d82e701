using Rapport.Core.Accounts;
using Rapport.Core.Data;

namespace Rapport.Web.Components.Queries;

/// <summary>The accounts a user may see (SPEC §6): account managers their own and shared ones, everyone else all.</summary>
internal static class AccountScope
{
    public static IQueryable<Account> VisibleAccounts(this RapportDbContext db, CurrentUser user) =>
        user.SeesOwnAccountsOnly
            ? db.Accounts.Where(a => a.OwnerUserId == user.Id || db.AccountShares.Any(s => s.AccountId == a.Id && s.UserId == user.Id))
            : db.Accounts;
}
