using Rapport.Core.Accounts;
using Rapport.Core.Data;

namespace Rapport.Web.Features.Identity;

/// <summary>The accounts a UI user may see; the rule itself is <see cref="AccountAccess"/>.</summary>
internal static class UiAccountScope
{
    public static IQueryable<Account> VisibleAccounts(this RapportDbContext db, SignedInUser user) =>
        db.VisibleAccounts(user.Id, user.Role);
}
