using Microsoft.Extensions.Options;
using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Core.Surveys.Mail;

namespace Rapport.Web.Features.Surveys;

/// <summary>
/// The invitation token service, loaded once per process: the secret (configured, or the database's own) does not
/// change while the app runs, so the pages and the job need not read it on every request.
/// </summary>
internal sealed class InvitationTokenCache(IOptions<SurveyOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private InvitationTokens? _tokens;

    public async Task<InvitationTokens> GetAsync(RapportDbContext db, CancellationToken ct)
    {
        if (_tokens is { } tokens)
        {
            return tokens;
        }
        await _gate.WaitAsync(ct);
        try
        {
            return _tokens ??= await InvitationTokens.LoadAsync(db, options.Value.TokenSecret, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The container disposes the singleton when the host stops.</summary>
    public void Dispose() => _gate.Dispose();
}

/// <summary>The survey use cases that need the token secret and the mail settings, built for one request or job run.</summary>
internal sealed class SurveyServices(
    RapportDbContext db, NpgsqlDataSource dataSource, InvitationTokenCache tokens, IMailSender sender,
    IOptions<SmtpOptions> smtp, IOptions<SurveyOptions> survey, TimeProvider time)
{
    public RapportDbContext Db => db;

    public SmtpOptions Smtp => smtp.Value;

    public Task<InvitationTokens> TokensAsync(CancellationToken ct) => tokens.GetAsync(db, ct);

    public async Task<SurveyInvitations> InvitationsAsync(CancellationToken ct) => new(db, await TokensAsync(ct), time);

    public async Task<InvitationMailer> MailerAsync(CancellationToken ct) =>
        new(db, await TokensAsync(ct), sender, smtp.Value, survey.Value, time);

    public async Task<SurveyReminderJob> ReminderJobAsync(CancellationToken ct) => new(dataSource, db, await MailerAsync(ct), time);

    /// <summary>The full respondent URL of an invitation, as e-mails and mail-merge files carry it.</summary>
    public string PublicLink(InvitationTokens t, long invitationId, byte[] nonce) =>
        smtp.Value.PublicBaseUrl.TrimEnd('/') + InvitationTokens.LinkFor(t.TokenFor(invitationId, nonce));
}
