using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Core.Surveys.Mail;

namespace Rapport.Web.Tests.Surveys;

/// <summary>The web host's reminder job: configured from Rapport:Smtp and Rapport:Surveys:Reminders, it mails non-responders by itself.</summary>
public sealed class SurveyReminderServiceTests(FastReminderFactory app) : IClassFixture<FastReminderFactory>
{
    [Fact]
    public async Task ReminderJob_NonRespondersAfterAWeek_RemindedOnceBySmtp()
    {
        var (accountId, contactIds) = await app.AccountWithContactsAsync(null, (true, true, BuyingRole.Decider), (true, true, BuyingRole.Buyer));
        long waveId;
        string[] emails;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDbContext>();
            var designer = new SurveyDesigner(db);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var surveyId = (await designer.CreateSurveyAsync(new CreateSurveyRequest("Reminded " + Guid.NewGuid().ToString("N")[..6], null), null)).Value;
            waveId = (await designer.CreateWaveAsync(surveyId, new CreateWaveRequest("Now", today.AddDays(-10), today.AddDays(10)))).Value;
            var tokens = await InvitationTokens.LoadAsync(db, null);
            await new SurveyInvitations(db, tokens, TimeProvider.System).CreateAsync(waveId, new CreateInvitationsRequest([accountId], null));
            // Invited eight days ago, one of them has answered since.
            var sentAt = DateTimeOffset.UtcNow.AddDays(-8);
            await db.Invitations.Where(i => i.WaveId == waveId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Sent).SetProperty(i => i.SentAt, sentAt));
            await db.Invitations.Where(i => i.WaveId == waveId && i.ContactId == contactIds[1]).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Completed));
            emails = await db.Contacts.Where(c => contactIds.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Email!).ToArrayAsync();
        }

        var watch = Stopwatch.StartNew();
        while (!app.Sink.Messages.Any(m => m.To.Contains(emails[0])) && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }
        // A few more runs of the job must not send it again.
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Single(app.Sink.Messages, m => m.To.Contains(emails[0]));
        Assert.Contains("Erinnerung", app.Sink.Messages.Single(m => m.To.Contains(emails[0])).Data, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Sink.Messages, m => m.To.Contains(emails[1]));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDbContext>();
            Assert.Equal(1, await db.Invitations.Where(i => i.WaveId == waveId && i.ContactId == contactIds[0]).Select(i => i.ReminderCount).SingleAsync());
        }
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmtpOptions>>().Value;
        Assert.Equal(app.Sink.Port, options.Port);
    }
}
