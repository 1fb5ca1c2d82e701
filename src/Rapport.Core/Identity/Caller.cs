using Rapport.Core.Accounts;

namespace Rapport.Core.Identity;

/// <summary>
/// The signed-in person behind a request: made once per request by the host from the active user row and passed to
/// every use case, page and endpoint (docs/architecture.md, "The caller").
/// </summary>
public sealed record Caller(long Id, string Email, string DisplayName, UserRole Role, string Language, bool MustChangePassword)
{
    /// <summary>
    /// For account managers: the accounts others share with them, so that account queries can say
    /// "owner = me OR id = ANY(shared)" — a form PostgreSQL serves from two indexes. Null when not read; queries then
    /// look the shares up themselves.
    /// </summary>
    public IReadOnlyCollection<long>? SharedAccountIds { get; init; }

    /// <summary>Admins, analysts and viewers see every account; account managers only their own and shared ones.</summary>
    public bool SeesAllAccounts => AccountAccess.SeesAllAccounts(Role);

    public bool SeesOwnAccountsOnly => !SeesAllAccounts;

    /// <summary>Roles that change customer data: admins anywhere, account managers on visible accounts.</summary>
    public static IReadOnlyList<UserRole> WriterRoles { get; } = [UserRole.Admin, UserRole.AccountManager];

    /// <summary>Roles that design surveys, open waves and invite contacts.</summary>
    public static IReadOnlyList<UserRole> SurveyEditorRoles { get; } = [UserRole.Admin, UserRole.Analyst];

    /// <summary>Admins may change any account; account managers only visible ones; analysts and viewers none.</summary>
    public bool CanWrite => WriterRoles.Contains(Role);

    public bool IsAdmin => Role == UserRole.Admin;

    /// <summary>Survey design, waves and invitations are for admins and analysts.</summary>
    public bool EditsSurveys => SurveyEditorRoles.Contains(Role);

    /// <summary>The caller for a user row, as the host makes it at sign-in (tools and tests use it too).</summary>
    public static Caller From(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Email, user.DisplayName, user.Role, user.PreferredLanguage, user.MustChangePassword);
    }
}
