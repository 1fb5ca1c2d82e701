using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;

namespace Rapport.Core.Identity;

/// <summary>
/// Tokens of personal links sent outside the application (survey invitations, complaint confirmations; ADR 0008):
/// <c>token = base64url(HMAC-SHA256(secret, purpose + ":" + id + ":" + base64url(nonce)))</c> with a random 128-bit
/// nonce per link — 256 bits, 43 URL-safe characters. Only <c>SHA-256(token)</c> and the nonce are stored, so the
/// application can show a link again while a database copy alone does not reveal it when the secret is configured
/// outside the database. The purpose keeps the tokens of different kinds of links apart under one secret.
/// </summary>
public abstract class LinkTokens
{
    /// <summary>Bytes of the per-link nonce (128 bits).</summary>
    public const int NonceBytes = 16;

    /// <summary>Characters of a token: base64url of 32 bytes without padding.</summary>
    public const int TokenLength = 43;

    private const int MinSecretBytes = 32;

    private readonly byte[] _secret;
    private readonly string _purpose;

    /// <summary>Creates the token service over a secret of at least 32 bytes; <paramref name="purpose"/> prefixes the signed message.</summary>
    protected LinkTokens(byte[] secret, string purpose, string secretName)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinSecretBytes)
        {
            throw new ArgumentException($"The {secretName} must be at least {MinSecretBytes} bytes.", nameof(secret));
        }
        _secret = (byte[])secret.Clone();
        _purpose = purpose;
    }

    /// <summary>A fresh random nonce.</summary>
    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceBytes);

    /// <summary>The token of link <paramref name="id"/> with <paramref name="nonce"/> (43 URL-safe characters, 256 bits).</summary>
    public string TokenFor(long id, byte[] nonce)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        var message = _purpose + ":" + id.ToString(CultureInfo.InvariantCulture) + ":" + Base64Url.EncodeToString(nonce);
        return Base64Url.EncodeToString(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>The stored form of a token: SHA-256 of its UTF-8 bytes.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether <paramref name="token"/> has the shape of a token (so that junk never reaches the database).</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// The configured secret (base64, ≥ 32 bytes) or, without one, the database's own secret read by
    /// <paramref name="databaseSecretSql"/> (a constant query returning one <c>bytea</c> column named <c>Value</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The configured secret is not base64 of at least 32 bytes.</exception>
    protected static async Task<byte[]> LoadSecretAsync(
        RapportDbContext db, string? configuredSecret, string section, string databaseSecretSql, CancellationToken ct)
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
                throw new InvalidOperationException($"{section}:TokenSecret is not valid base64.");
            }
            return bytes.Length >= MinSecretBytes
                ? bytes
                : throw new InvalidOperationException($"{section}:TokenSecret must be at least 32 bytes (base64).");
        }
        return await db.Database.SqlQueryRaw<byte[]>(databaseSecretSql).SingleAsync(ct);
    }
}
