using System.Globalization;
using System.Security.Claims;
using Rapport.Core.Identity;

namespace Rapport.Web.Features.Identity;

/// <summary>The logged-in user as the API sees it: id, e-mail and role, read from the claims.</summary>
public sealed record CurrentUser(long Id, string Email, UserRole Role)
{
    /// <summary>
    /// For account managers: the accounts others share with them, read when an endpoint binds the user, so that
    /// account queries can say "owner = me OR id = ANY(shared)" — a form PostgreSQL serves from two indexes.
    /// Null when not read (e.g. a user made with <see cref="From"/>); queries then look the shares up themselves.
    /// </summary>
    public long[]? SharedAccountIds { get; init; }

    /// <summary>Admins, analysts and viewers see every account; account managers only their own and shared ones.</summary>
    public bool SeesAllAccounts => Rapport.Core.Accounts.AccountAccess.SeesAllAccounts(Role);

    /// <summary>Admins may change any account; account managers only visible ones; analysts and viewers none.</summary>
    public bool CanWrite => Role is UserRole.Admin or UserRole.AccountManager;

    public bool IsAdmin => Role == UserRole.Admin;

    /// <summary>The user of an authenticated principal; null for anonymous requests.</summary>
    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !Rapport.Core.Data.EnumText.TryParse<UserRole>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }
        return new CurrentUser(id, principal.FindFirstValue(ClaimTypes.Email) ?? "", role);
    }

    /// <summary>Binds a <see cref="CurrentUser"/> parameter of an endpoint; the endpoints behind it require a login.</summary>
    public static async ValueTask<CurrentUser?> BindAsync(HttpContext context)
    {
        var user = From(context.User);
        if (user is null || user.SeesAllAccounts)
        {
            return user;
        }
        var db = context.RequestServices.GetRequiredService<Rapport.Core.Data.RapportDbContext>();
        var shared = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToArrayAsync(
            db.AccountShares.Where(s => s.UserId == user.Id).Select(s => s.AccountId), context.RequestAborted);
        return user with { SharedAccountIds = shared };
    }
}

/// <summary>Builds the claims of a user, the same for cookie and token logins.</summary>
public static class UserClaims
{
    public static ClaimsPrincipal Principal(User user, string scheme)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.Email),
                new Claim(ClaimTypes.Email, user.Email),
                new Claim(ClaimTypes.Role, RapportClaims.RoleName(user.Role)),
                new Claim(RapportClaims.DisplayName, user.DisplayName),
                new Claim(RapportClaims.Language, user.PreferredLanguage),
                new Claim(RapportClaims.MustChangePassword, user.MustChangePassword ? "true" : "false"),
            ],
            scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}
