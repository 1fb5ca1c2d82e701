using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Common;

namespace Rapport.Core.Surveys.Mail;

/// <summary>What a mailing did. Contacts who withdrew consent or left since the invitation was created are not mailed.</summary>
public sealed record MailingCounts(int Sent, int SkippedWithoutEmail, int SkippedWithoutConsent, int SkippedInactive, int Failed);

/// <summary>
/// Sends invitations and reminders by e-mail (docs/surveys.md#waves-invitations-and-anonymity) in the contact's language. Consent and activity are checked
/// again at sending time, so a withdrawal is honoured immediately. Each message is claimed in the database before it
/// is sent (a conditional update that only one caller can win), so concurrent mailings — a second app instance, the
/// reminder job next to a button press — never send the same invitation or reminder twice; a message the server
/// refuses is released again and counted as failed.
/// </summary>
public sealed class InvitationMailer(RapportDbContext db, InvitationTokens tokens, IMailSender sender, SmtpOptions smtp, SurveyOptions survey, TimeProvider time)
{
    /// <summary>Mails every pending invitation of the wave; they become <c>sent</c>.</summary>
    public Task<Result<MailingCounts>> SendInvitationsAsync(long waveId, CancellationToken ct = default) =>
        MailAsync(waveId, reminder: false, TimeSpan.Zero, int.MaxValue, ct);

    /// <summary>
    /// Reminds non-responders (sent or started, not completed) whose last e-mail is at least <paramref name="minimumGap"/> old
    /// and who had fewer than <paramref name="maxReminders"/> reminders.
    /// </summary>
    public Task<Result<MailingCounts>> SendRemindersAsync(long waveId, TimeSpan minimumGap, int maxReminders = int.MaxValue, CancellationToken ct = default) =>
        MailAsync(waveId, reminder: true, minimumGap, maxReminders, ct);

    private async Task<Result<MailingCounts>> MailAsync(long waveId, bool reminder, TimeSpan minimumGap, int maxReminders, CancellationToken ct)
    {
        var wave = await db.Waves.AsNoTracking().Include(w => w.Survey).FirstOrDefaultAsync(w => w.Id == waveId, ct);
        if (wave is null)
        {
            return SurveyErrors.NotFound($"There is no wave {waveId}.");
        }
        // PostgreSQL keeps microseconds: the claim's time must compare equal once stored.
        var now = TruncateToMicroseconds(time.GetUtcNow());
        if (!wave.IsOpenOn(DateOnly.FromDateTime(now.UtcDateTime)))
        {
            return SurveyErrors.WaveClosed($"Wave '{wave.Name}' is open from {wave.OpensOn:yyyy-MM-dd} to {wave.ClosesOn:yyyy-MM-dd}; no e-mails are sent outside that time.");
        }
        var cutoff = now - minimumGap;
        var invitations = await Due(waveId, reminder, cutoff, maxReminders).AsNoTracking().OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.ContactId, i.TokenNonce, i.Language, i.RemindedAt })
            .ToListAsync(ct);
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
            // The claim re-checks the due condition on the current row: whoever loses the race updates nothing and moves on.
            var claimed = reminder
                ? await Due(waveId, reminder, cutoff, maxReminders).Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.RemindedAt, now)
                    .SetProperty(i => i.ReminderCount, i => i.ReminderCount + 1), ct)
                : await Due(waveId, reminder, cutoff, maxReminders).Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, InvitationStatus.Sent)
                    .SetProperty(i => i.SentAt, now), ct);
            if (claimed == 0)
            {
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
                await ReleaseAsync(invitation.Id, reminder, now, invitation.RemindedAt);
                continue;
            }
            sent++;
        }
        return Result<MailingCounts>.Ok(new MailingCounts(sent, noEmail, noConsent, inactive, failed));
    }

    /// <summary>The invitations of a wave that are due for an invitation or a reminder.</summary>
    private IQueryable<Invitation> Due(long waveId, bool reminder, DateTimeOffset cutoff, int maxReminders)
    {
        var query = db.Invitations.Where(i => i.WaveId == waveId);
        return reminder
            ? query.Where(i => (i.Status == InvitationStatus.Sent || i.Status == InvitationStatus.Started)
                               && (i.RemindedAt ?? i.SentAt) <= cutoff && i.ReminderCount < maxReminders)
            : query.Where(i => i.Status == InvitationStatus.Pending);
    }

    // A refused message gives its claim back so that the next mailing tries again; only our own claim is undone
    // (the respondent may have opened an earlier link meanwhile). Not cancellable: the claim must not stay behind.
    private Task<int> ReleaseAsync(long invitationId, bool reminder, DateTimeOffset claimedAt, DateTimeOffset? previousReminder) =>
        reminder
            ? db.Invitations.Where(i => i.Id == invitationId && i.RemindedAt == claimedAt).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.RemindedAt, previousReminder)
                .SetProperty(i => i.ReminderCount, i => i.ReminderCount - 1), CancellationToken.None)
            : db.Invitations.Where(i => i.Id == invitationId && i.Status == InvitationStatus.Sent && i.SentAt == claimedAt).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, InvitationStatus.Pending)
                .SetProperty(i => i.SentAt, (DateTimeOffset?)null), CancellationToken.None);

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

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
