using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;

namespace Rapport.Core.Surveys.Mail;

/// <summary>What a mailing did. Contacts who withdrew consent or left since the invitation was created are not mailed.</summary>
public sealed record MailingCounts(int Sent, int SkippedWithoutEmail, int SkippedWithoutConsent, int SkippedInactive, int Failed);

/// <summary>
/// Sends invitations and reminders by e-mail (SPEC §3.2) in the contact's language. Consent and activity are checked
/// again at sending time, so a withdrawal is honoured immediately.
/// </summary>
public sealed class InvitationMailer(RapportDbContext db, InvitationTokens tokens, IMailSender sender, SmtpOptions smtp, SurveyOptions survey, TimeProvider time)
{
    /// <summary>Mails every pending invitation of the wave; they become <c>sent</c>.</summary>
    public Task<SurveyResult<MailingCounts>> SendInvitationsAsync(long waveId, CancellationToken ct = default) =>
        MailAsync(waveId, reminder: false, TimeSpan.Zero, ct);

    /// <summary>
    /// Reminds non-responders (sent or started, not completed) whose last e-mail is at least <paramref name="minimumGap"/> old.
    /// </summary>
    public Task<SurveyResult<MailingCounts>> SendRemindersAsync(long waveId, TimeSpan minimumGap, CancellationToken ct = default) =>
        MailAsync(waveId, reminder: true, minimumGap, ct);

    private async Task<SurveyResult<MailingCounts>> MailAsync(long waveId, bool reminder, TimeSpan minimumGap, CancellationToken ct)
    {
        var wave = await db.Waves.AsNoTracking().Include(w => w.Survey).FirstOrDefaultAsync(w => w.Id == waveId, ct);
        if (wave is null)
        {
            return SurveyResult<MailingCounts>.Fail(SurveyErrorKind.NotFound, $"There is no wave {waveId}.");
        }
        var now = time.GetUtcNow();
        if (!wave.IsOpenOn(DateOnly.FromDateTime(now.UtcDateTime)))
        {
            return SurveyResult<MailingCounts>.Fail(SurveyErrorKind.WaveClosed,
                $"Wave '{wave.Name}' is open from {wave.OpensOn:yyyy-MM-dd} to {wave.ClosesOn:yyyy-MM-dd}; no e-mails are sent outside that time.");
        }
        var cutoff = now - minimumGap;
        var query = db.Invitations.AsTracking().Where(i => i.WaveId == waveId);
        query = reminder
            ? query.Where(i => (i.Status == InvitationStatus.Sent || i.Status == InvitationStatus.Started)
                               && (i.RemindedAt ?? i.SentAt) <= cutoff)
            : query.Where(i => i.Status == InvitationStatus.Pending);
        var invitations = await query.OrderBy(i => i.Id).ToListAsync(ct);
        var contactIds = invitations.Where(i => i.ContactId != null).Select(i => i.ContactId!.Value).ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id, c.FirstName, c.LastName, c.Email, c.IsActive,
                Consent = db.Consents.Any(x => x.ContactId == c.Id && x.Purpose == ConsentPurpose.Surveys && x.Granted),
            })
            .ToDictionaryAsync(c => c.Id, ct);
        int sent = 0, noEmail = 0, noConsent = 0, inactive = 0, failed = 0;
        foreach (var invitation in invitations)
        {
            if (invitation.ContactId is not { } contactId || !contacts.TryGetValue(contactId, out var contact) || string.IsNullOrWhiteSpace(contact.Email))
            {
                noEmail++;
                continue;
            }
            if (!contact.IsActive)
            {
                inactive++;
                continue;
            }
            if (!contact.Consent)
            {
                noConsent++;
                continue;
            }
            var link = smtp.PublicBaseUrl.TrimEnd('/') + InvitationTokens.LinkFor(tokens.TokenFor(invitation.Id, invitation.TokenNonce));
            var name = string.Join(' ', new[] { contact.FirstName, contact.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
            try
            {
                await sender.SendAsync(Compose(invitation.Language, reminder, name, contact.Email, link, wave.ClosesOn), ct);
            }
            catch (Exception e) when (e is SmtpException or IOException or System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                failed++;
                continue;
            }
            sent++;
            if (reminder)
            {
                invitation.RemindedAt = now;
                invitation.ReminderCount++;
            }
            else
            {
                invitation.Status = InvitationStatus.Sent;
                invitation.SentAt = now;
            }
            // Saved per message so that a crash half-way never mails anyone twice.
            await db.SaveChangesAsync(ct);
        }
        return SurveyResult<MailingCounts>.Ok(new MailingCounts(sent, noEmail, noConsent, inactive, failed));
    }

    private MailMessage Compose(string language, bool reminder, string name, string email, string link, DateOnly closesOn)
    {
        var supplier = survey.SupplierName;
        if (language == "de")
        {
            var subject = reminder ? $"Erinnerung: Ihre Meinung zur Zusammenarbeit mit {supplier}" : $"Ihre Meinung zur Zusammenarbeit mit {supplier}";
            var body = $"""
                Guten Tag {name},

                {(reminder ? "vielleicht haben Sie unsere Einladung übersehen: " : string.Empty)}wir möchten wissen, wie Sie die Zusammenarbeit mit {supplier} in den einzelnen Phasen unserer Geschäftsbeziehung erleben. Die Befragung dauert etwa 10 Minuten; Sie können jederzeit unterbrechen und später weitermachen.

                Ihr persönlicher Link (bitte nicht weitergeben):
                {link}

                Die Befragung läuft bis zum {closesOn:dd.MM.yyyy}.

                Vielen Dank!
                {supplier}
                """;
            return new MailMessage(email, name, subject, body);
        }
        var enSubject = reminder ? $"Reminder: your view of working with {supplier}" : $"Your view of working with {supplier}";
        var enBody = $"""
            Dear {name},

            {(reminder ? "in case you missed our invitation: " : string.Empty)}we would like to know how you experience working with {supplier} in each phase of our business relationship. The survey takes about 10 minutes; you can stop at any time and continue later.

            Your personal link (please do not forward it):
            {link}

            The survey is open until {closesOn:yyyy-MM-dd}.

            Thank you!
            {supplier}
            """;
        return new MailMessage(email, name, enSubject, enBody);
    }
}
