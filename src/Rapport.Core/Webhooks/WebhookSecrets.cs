using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Rapport.Core.Webhooks;

/// <summary>
/// Signing secrets: generated (<c>whsec_</c> + 256 random bits) or given by the admin, shown once, and stored encrypted
/// with ASP.NET Core Data Protection — the dispatcher needs them in clear to sign, so a hash would not do. The key ring
/// is shared by all app instances (table <c>data_protection_keys</c>).
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    public const string Prefix = "whsec_";
    public const int MinLength = 24;
    public const int MaxLength = 200;

    private readonly IDataProtector _protector = provider.CreateProtector("Rapport.Webhooks.SigningSecret.v1");

    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    /// <exception cref="CryptographicException">The key that encrypted the secret is gone (e.g. a different key ring).</exception>
    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}

/// <summary>
/// The signature of a webhook request: <c>sha256=</c> + lower-case hex of HMAC-SHA256 with the UTF-8 bytes of the secret as
/// key over the UTF-8 bytes of <c>"{timestamp}.{body}"</c>, the timestamp being the <c>X-Rapport-Timestamp</c> header
/// (Unix seconds). Receivers recompute it (docs/webhooks.md).
/// </summary>
public static class WebhookSignature
{
    public const string Scheme = "sha256=";

    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var message = timestamp.ToString(CultureInfo.InvariantCulture) + "." + body;
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message));
        return Scheme + Convert.ToHexStringLower(mac);
    }

    /// <summary>Checks a received signature in constant time; false for anything malformed.</summary>
    public static bool Verify(string secret, long timestamp, string body, string? header)
    {
        if (header is null || !header.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(header);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
