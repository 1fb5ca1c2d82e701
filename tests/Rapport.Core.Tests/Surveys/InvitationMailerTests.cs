using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Surveys;
using Rapport.Core.Surveys.Mail;
using Rapport.Testing;

namespace Rapport.Core.Tests.Surveys;

[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xUnit disposes the fields in IAsyncLifetime.DisposeAsync.")]
public sealed class InvitationMailerTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly SurveyScenario _s = new(db);
    private readonly SmtpSink _sink = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private async Task<(InvitationMailer Mailer, Rapport.Core.Data.RapportDbContext Context)> MailerAsync()
    {
        var ctx = _s.Context();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = _sink.Port, Sender = "surveys@muster.test", PublicBaseUrl = "https://rapport.test/", UserName = "u", Password = "p" };
        return (new InvitationMailer(ctx, await _s.TokensAsync(), new SmtpMailSender(smtp), smtp, new SurveyOptions(), _s.Time), ctx);
    }

    [Fact]
    public async Task SendInvitationsAsync_PendingInvitations_MailedInContactLanguageWithWorkingLink()
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync();
        var (accountId, contacts) = await _s.AccountAsync((true, true, "de"), (true, true, "en"));
        var (mailer, ctx) = await MailerAsync();
        await using var _ = ctx;
        await new SurveyInvitations(ctx, await _s.TokensAsync(), _s.Time).CreateAsync(waveId, new CreateInvitationsRequest([accountId], null));

        var counts = (await mailer.SendInvitationsAsync(waveId)).Value!;

        Assert.Equal(new MailingCounts(2, 0, 0, 0, 0), counts);
        var german = _sink.Messages.Single(m => m.To.Single().StartsWith("p1.", StringComparison.Ordinal));
        var english = _sink.Messages.Single(m => m.To.Single().StartsWith("p2.", StringComparison.Ordinal));
        Assert.Contains("Ihr persönlicher Link", german.Body);
        Assert.Contains("Your personal link", english.Body);
        var token = german.Body.Split("https://rapport.test/s/")[1][..43];
        Assert.True((await new RespondentSessions(ctx, _s.Time).OpenAsync(token)).Succeeded);
        Assert.All(await ctx.Invitations.Where(i => i.WaveId == waveId).ToListAsync(), i => Assert.Equal(InvitationStatus.Sent, i.Status));
        Assert.Equal(0, (await mailer.SendInvitationsAsync(waveId)).Value!.Sent);
        Assert.Contains(contacts[0], await ctx.Invitations.Where(i => i.WaveId == waveId).Select(i => i.ContactId!.Value).ToListAsync());
    }

    [Fact]
    public async Task SendRemindersAsync_OnlyNonRespondersWithConsent_AreReminded()
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync();
        var (accountId, contacts) = await _s.AccountAsync((true, true, "de"), (true, true, "de"), (true, true, "en"));
        var (mailer, ctx) = await MailerAsync();
        await using var _ = ctx;
        var invitations = new SurveyInvitations(ctx, await _s.TokensAsync(), _s.Time);
        await invitations.CreateAsync(waveId, new CreateInvitationsRequest([accountId], null));
        await mailer.SendInvitationsAsync(waveId);
        var rows = (await invitations.ListAsync(waveId, 1, 10)).Value!.Items;
        var responder = rows.Single(r => r.ContactId == contacts[0]);
        var sessions = new RespondentSessions(ctx, _s.Time);
        await sessions.SaveAsync(responder.Link![3..], [new("LOY_RECOMMEND", null, null, 9)]);
        await sessions.SubmitAsync(responder.Link[3..]);
        // Consent withdrawn after the invitation: honoured at once.
        await ctx.Consents.Where(c => c.ContactId == contacts[2]).ExecuteUpdateAsync(s => s.SetProperty(c => c.Granted, false));
        var before = _sink.Messages.Count;

        var tooEarly = (await mailer.SendRemindersAsync(waveId, TimeSpan.FromDays(7))).Value!;
        _s.Time.Now = _s.Time.Now.AddDays(8);
        var reminders = (await mailer.SendRemindersAsync(waveId, TimeSpan.FromDays(7))).Value!;

        Assert.Equal(0, tooEarly.Sent);
        Assert.Equal(new MailingCounts(1, 0, 1, 0, 0), reminders);
        var reminder = _sink.Messages.Skip(before).Single();
        Assert.Contains("Erinnerung", reminder.Data + reminder.Body, StringComparison.Ordinal);
        Assert.Equal(1, (await ctx.Invitations.SingleAsync(i => i.WaveId == waveId && i.ContactId == contacts[1])).ReminderCount);
    }
}
