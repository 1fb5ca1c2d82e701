using Rapport.Core.Common;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Accounts.Records;
using Rapport.Core.Data;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Infrastructure;

/// <summary>
/// Row-level access of docs/security.md#roles-and-account-access: account managers see and edit the accounts they own or that are shared with them;
/// everybody else sees all accounts. Accounts outside the scope answer 404, as if they did not exist.
/// </summary>
internal static class AccountScope
{
    public static IQueryable<Account> VisibleAccounts(this RapportDbContext db, Caller user) =>
        db.VisibleAccounts(user.Id, user.Role, user.SharedAccountIds);

    /// <summary>Rows of an account-owned table restricted to the visible accounts (no-op for users who see everything).</summary>
    public static IQueryable<T> WhereAccountVisible<T>(this IQueryable<T> rows, RapportDbContext db, Caller user, System.Linq.Expressions.Expression<Func<T, long>> accountId)
    {
        if (user.SeesAllAccounts)
        {
            return rows;
        }
        var visible = db.VisibleAccounts(user).Select(a => a.Id);
        var parameter = accountId.Parameters[0];
        var contains = System.Linq.Expressions.Expression.Call(
            typeof(Queryable), nameof(Queryable.Contains), [typeof(long)],
            System.Linq.Expressions.Expression.Constant(visible), accountId.Body);
        return rows.Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(contains, parameter));
    }

    /// <summary>True when <paramref name="user"/> may change data of the account (it must be visible and the role must write).</summary>
    public static Task<bool> CanWriteAsync(this RapportDbContext db, Caller user, long accountId, CancellationToken ct) =>
        AccountWriteScope.CanWriteAsync(db, user, accountId, ct);

    /// <summary>The id of the writable account with <paramref name="externalId"/>, else a field error (see <see cref="AccountWriteScope"/>).</summary>
    public static Task<long?> ResolveWritableAccountAsync(this RapportDbContext db, Caller user, string? externalId,
        FieldErrors errors, CancellationToken ct) =>
        AccountWriteScope.ResolveWritableAccountAsync(db, user, externalId, errors, ct);
}
