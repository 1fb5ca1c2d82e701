using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Core.Complaints;

/// <summary>
/// The customer's confirmation link of a resolved complaint: <see cref="LinkTokens"/> with purpose <c>complaint</c>
/// and a fresh nonce per resolution, links under <c>/c/</c>.
/// </summary>
public sealed class ComplaintTokens(byte[] secret) : LinkTokens(secret, "complaint", "complaint link secret")
{
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
    public static async Task<ComplaintTokens> LoadAsync(RapportDbContext db, string? configuredSecret, CancellationToken ct = default) =>
        new(await LoadSecretAsync(db, configuredSecret, ComplaintOptions.Section,
            "SELECT value AS \"Value\" FROM complaint_secrets WHERE name = 'customer_links'", ct));
}
