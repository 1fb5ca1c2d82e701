namespace Rapport.Web.Features.Identity;

/// <summary>The <c>Rapport:Auth</c> configuration section.</summary>
public sealed class RapportAuthOptions
{
    public const string Section = "Rapport:Auth";

    /// <summary>Login attempts allowed per client address and window (brute-force brake).</summary>
    public int LoginPermitLimit { get; set; } = 10;

    public int LoginWindowSeconds { get; set; } = 60;

    /// <summary>Lifetime of the login cookie (sliding).</summary>
    public int CookieHours { get; set; } = 12;

    /// <summary>How often a cookie login is checked against the database (user deactivated, role changed).</summary>
    public int RevalidateMinutes { get; set; } = 5;
}
