using Rapport.Core.Accounts;
using Rapport.Core.Data;

namespace Rapport.Web.Components.Queries;

/// <summary>The accounts a UI user may see; the rule itself is <see cref="AccountAccess"/>.</summary>
internal static class AccountScope
{
    public static IQueryable<Account> VisibleAccounts(this RapportDbContext db, CurrentUser user) =>
        db.VisibleAccounts(user.Id, user.Role);
}
