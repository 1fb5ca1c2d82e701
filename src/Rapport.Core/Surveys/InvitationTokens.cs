using Rapport.Core.Data;
using Rapport.Core.Identity;

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
/// Personal invitation tokens (ADR 0008): <see cref="LinkTokens"/> with purpose <c>invitation</c>, links under <c>/s/</c>.
/// </summary>
public sealed class InvitationTokens(byte[] secret) : LinkTokens(secret, "invitation", "invitation token secret")
{
    /// <summary>The respondent link of a token, relative to the site root.</summary>
    public static string LinkFor(string token) => "/s/" + token;

    /// <summary>
    /// The token service with the configured secret (base64, ≥ 32 bytes) or, without one, the database's own secret.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configured secret is not base64 of at least 32 bytes.</exception>
    public static async Task<InvitationTokens> LoadAsync(RapportDbContext db, string? configuredSecret, CancellationToken ct = default) =>
        new(await LoadSecretAsync(db, configuredSecret, SurveyOptions.Section,
            "SELECT value AS \"Value\" FROM survey_secrets WHERE name = 'invitation_tokens'", ct));
}
