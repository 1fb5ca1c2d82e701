using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;

namespace Rapport.Core.Complaints;

/// <summary>
/// The customer's confirmation link of a resolved complaint, built like survey invitation tokens (ADR 0008):
/// <c>token = base64url(HMAC-SHA256(secret, "complaint:" + id + ":" + base64url(nonce)))</c> with a random 128-bit nonce
/// per resolution — 256 bits, 43 URL-safe characters. Only <c>SHA-256(token)</c> and the nonce are stored, so staff can
/// show the link again while a database copy alone does not reveal it when the secret is configured outside.
/// </summary>
public sealed class ComplaintTokens
{
    public const int NonceBytes = 16;

    private readonly byte[] _secret;

    public ComplaintTokens(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The complaint link secret must be at least 32 bytes.", nameof(secret));
        }
        _secret = (byte[])secret.Clone();
    }

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceBytes);

    public string TokenFor(long complaintId, byte[] nonce)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        var message = "complaint:" + complaintId.ToString(CultureInfo.InvariantCulture) + ":" + Base64Url.EncodeToString(nonce);
        return Base64Url.EncodeToString(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>The stored form of a token.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether the text has the shape of a token, so that junk never reaches the database.</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The customer's page, relative to the site root.</summary>
    public static string LinkFor(string token) => "/c/" + token;

    /// <summary>The link of a complaint that has a nonce (was resolved at least once), else null.</summary>
    public string? LinkFor(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return complaint.CustomerTokenNonce is { } nonce ? LinkFor(TokenFor(complaint.Id, nonce)) : null;
    }

    /// <summary>The token service with the configured secret (base64, ≥ 32 bytes) or, without one, the database's own.</summary>
    /// <exception cref="InvalidOperationException">The configured secret is not base64 of at least 32 bytes.</exception>
    public static async Task<ComplaintTokens> LoadAsync(RapportDbContext db, string? configuredSecret, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!string.IsNullOrWhiteSpace(configuredSecret))
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(configuredSecret.Trim());
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"{ComplaintOptions.Section}:TokenSecret is not valid base64.");
            }
            return bytes.Length >= 32
                ? new ComplaintTokens(bytes)
                : throw new InvalidOperationException($"{ComplaintOptions.Section}:TokenSecret must be at least 32 bytes (base64).");
        }
        var secret = await db.Database
            .SqlQueryRaw<byte[]>("SELECT value AS \"Value\" FROM complaint_secrets WHERE name = 'customer_links'")
            .SingleAsync(ct);
        return new ComplaintTokens(secret);
    }
}
