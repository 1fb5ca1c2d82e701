namespace Rapport.Web.Features.Identity;

/// <summary>Authentication scheme names.</summary>
public static class AuthSchemes
{
    /// <summary>The default: forwards to <see cref="Bearer"/> when an Authorization header is present, else to <see cref="Cookie"/>.</summary>
    public const string Smart = "Rapport";

    public const string Cookie = "Rapport.Cookie";

    public const string Bearer = "Bearer";
}

/// <summary>Authorization policy names (docs/security.md#roles-and-account-access).</summary>
public static class Policies
{
    /// <summary>Any logged-in user: all roles may read (account managers only their accounts).</summary>
    public const string Read = "rapport.read";

    /// <summary>May change customer data: admins everywhere, account managers on their own and shared accounts.</summary>
    public const string Write = "rapport.write";

    /// <summary>Designs surveys, opens waves and invites contacts: admins and analysts.</summary>
    public const string Surveys = "rapport.surveys";

    /// <summary>Administration: users, tokens of others, master data.</summary>
    public const string Admin = "rapport.admin";
}

/// <summary>Claim types Rapport adds besides the standard name, e-mail and role claims.</summary>
public static class RapportClaims
{
    public const string DisplayName = "rapport:display_name";

    public const string MustChangePassword = "rapport:must_change_password";

    public const string Language = "rapport:language";

    /// <summary>The role name as stored (snake_case), e.g. <c>account_manager</c>; also the value of the role claim.</summary>
    public static string RoleName(Rapport.Core.Identity.UserRole role) => Rapport.Core.Data.EnumText.ToText(role);
}
