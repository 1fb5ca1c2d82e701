using System.Globalization;
using System.Security.Claims;
using Rapport.Core.Identity;

namespace Rapport.Web.Features.Identity;

/// <summary>Builds the claims of a user, the same for cookie and token logins.</summary>
public static class UserClaims
{
    public static ClaimsPrincipal Principal(User user, string? scheme) =>
        Principal(Caller.From(user), scheme);

    public static ClaimsPrincipal Principal(Caller user, string? scheme)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.Email),
                new Claim(ClaimTypes.Email, user.Email),
                new Claim(ClaimTypes.Role, RapportClaims.RoleName(user.Role)),
                new Claim(RapportClaims.DisplayName, user.DisplayName),
                new Claim(RapportClaims.Language, user.Language),
                new Claim(RapportClaims.MustChangePassword, user.MustChangePassword ? "true" : "false"),
            ],
            scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}
