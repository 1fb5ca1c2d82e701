using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;

namespace Rapport.Core.Surveys;

/// <summary>Configuration section <c>Rapport:Surveys</c>.</summary>
public sealed class SurveyOptions
{
    public const string Section = "Rapport:Surveys";

    /// <summary>Base64 secret (at least 32 bytes) from which invitation tokens are derived. When empty, a secret
    /// generated once per database (table <c>survey_secrets</c>) is used; see ADR 0008.</summary>
    public string? TokenSecret { get; set; }

    /// <summary>The supplier's name as respondents read it in the questions ("We will buy from … again").</summary>
    public string SupplierName { get; set; } = "Muster Maschinenbau GmbH";
}

/// <summary>
/// Personal invitation tokens (ADR 0008): <c>token = base64url(HMAC-SHA256(secret, "invitation:" + id + ":" + nonce))</c>
/// with a random 128-bit nonce per invitation. Only <c>SHA-256(token)</c> and the nonce are stored, so a database
/// copy alone does not reveal working links when the secret is configured outside the database, while the
/// application can still show a link again.
/// </summary>
public sealed class InvitationTokens
{
    /// <summary>Bytes of the per-invitation nonce (128 bits).</summary>
    public const int NonceBytes = 16;

    private readonly byte[] _secret;

    /// <summary>Creates the token service over a secret of at least 32 bytes.</summary>
    public InvitationTokens(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The invitation token secret must be at least 32 bytes.", nameof(secret));
        }
        _secret = (byte[])secret.Clone();
    }

    /// <summary>A fresh random nonce.</summary>
    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceBytes);

    /// <summary>The token of invitation <paramref name="invitationId"/> with <paramref name="nonce"/> (43 URL-safe characters, 256 bits).</summary>
    public string TokenFor(long invitationId, byte[] nonce)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        var message = "invitation:" + invitationId.ToString(CultureInfo.InvariantCulture) + ":" + Base64Url.EncodeToString(nonce);
        return Base64Url.EncodeToString(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>The stored form of a token: SHA-256 of its UTF-8 bytes.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether <paramref name="token"/> has the shape of a token (so that junk never reaches the database).</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The respondent link of a token, relative to the site root.</summary>
    public static string LinkFor(string token) => "/s/" + token;

    /// <summary>
    /// The token service with the configured secret (base64, ≥ 32 bytes) or, without one, the database's own secret.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configured secret is not base64 of at least 32 bytes.</exception>
    public static async Task<InvitationTokens> LoadAsync(RapportDbContext db, string? configuredSecret, CancellationToken ct = default)
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
                throw new InvalidOperationException($"{SurveyOptions.Section}:TokenSecret is not valid base64.");
            }
            return bytes.Length >= 32
                ? new InvitationTokens(bytes)
                : throw new InvalidOperationException($"{SurveyOptions.Section}:TokenSecret must be at least 32 bytes (base64).");
        }
        var secret = await db.Database
            .SqlQueryRaw<byte[]>("SELECT value AS \"Value\" FROM survey_secrets WHERE name = 'invitation_tokens'")
            .SingleAsync(ct);
        return new InvitationTokens(secret);
    }
}
