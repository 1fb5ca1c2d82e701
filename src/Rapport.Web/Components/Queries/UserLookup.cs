using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Web.Components.Queries;

/// <summary>The signed-in person as the UI needs them.</summary>
public sealed record CurrentUser(long Id, string Email, string DisplayName, UserRole Role, string PreferredLanguage, bool MustChangePassword)
{
    /// <summary>Account managers are limited to their own and shared accounts (docs/security.md#roles-and-account-access); every other role sees all.</summary>
    public bool SeesOwnAccountsOnly => !Rapport.Core.Accounts.AccountAccess.SeesAllAccounts(Role);

    public bool IsAdmin => Role == UserRole.Admin;
}

/// <summary>Finds the active user row behind a principal, by its id claim or else its e-mail.</summary>
internal static class UserLookup
{
    private static readonly string[] IdClaims = [ClaimTypes.NameIdentifier, "sub", "user_id"];
    private static readonly string[] EmailClaims = [ClaimTypes.Email, "email", ClaimTypes.Name];

    public static async Task<CurrentUser?> FindAsync(RapportDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var users = db.Users.Where(u => u.IsActive);
        var id = IdClaims.Select(principal.FindFirst).FirstOrDefault(c => c is not null)?.Value;
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            users = users.Where(u => u.Id == userId);
        }
        else
        {
            var email = EmailClaims.Select(principal.FindFirst).FirstOrDefault(c => c is not null && c.Value.Contains('@'))?.Value
                ?? principal.Identity.Name;
            if (string.IsNullOrWhiteSpace(email))
            {
                return null;
            }
            var lower = email.Trim().ToLowerInvariant();
            users = users.Where(u => u.Email.ToLower() == lower);
        }
        return await users
            .Select(u => new CurrentUser(u.Id, u.Email, u.DisplayName, u.Role, u.PreferredLanguage, u.MustChangePassword))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
