using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Core.Surveys.Mail;
using Rapport.Testing;

namespace Rapport.Core.Tests.Surveys;

/// <summary>Reminders through the local SMTP sink: each goes out once, however many mailers run at the same time.</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xUnit disposes the fields in IAsyncLifetime.DisposeAsync.")]
public sealed class SurveyReminderJobTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly SurveyScenario _s = new(db);
    private readonly SmtpSink _sink = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private SmtpOptions Smtp => new() { Host = "127.0.0.1", Port = _sink.Port, Sender = "surveys@muster.test", PublicBaseUrl = "https://rapport.test" };

    private InvitationMailer Mailer(RapportDbContext ctx, InvitationTokens tokens, TimeProvider? time = null) =>
        new(ctx, tokens, new SmtpMailSender(Smtp), Smtp, new SurveyOptions(), time ?? _s.Time);

    /// <summary>A wave with <paramref name="contacts"/> invited and e-mailed contacts; returns the wave and their e-mail addresses.</summary>
    private async Task<(long WaveId, string[] Emails)> SentWaveAsync(int contacts)
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync();
        var (accountId, ids) = await _s.AccountAsync(Enumerable.Range(0, contacts).Select(_ => (true, (bool?)true, "de")).ToArray());
        await using var ctx = _s.Context();
        var tokens = await _s.TokensAsync();
        await new SurveyInvitations(ctx, tokens, _s.Time).CreateAsync(waveId, new CreateInvitationsRequest([accountId], null));
        Assert.Equal(contacts, (await Mailer(ctx, tokens).SendInvitationsAsync(waveId)).Value!.Sent);
        var emails = await ctx.Contacts.Where(c => ids.Contains(c.Id)).Select(c => c.Email!).ToArrayAsync();
        return (waveId, emails);
    }

    private int MessagesTo(IEnumerable<string> emails, string subjectPart) =>
        _sink.Messages.Count(m => emails.Contains(m.To.Single()) && m.Data.Contains(subjectPart, StringComparison.Ordinal));

    [Fact]
    public async Task SendRemindersAsync_ThreeMailersAtOnce_EachReminderSentOnce()
    {
        var (waveId, emails) = await SentWaveAsync(6);
        var later = new FixedTime(SurveyScenario.Today.AddDays(8));
        var tokens = await _s.TokensAsync();
        var contexts = Enumerable.Range(0, 3).Select(_ => _s.Context()).ToList();

        var results = await Task.WhenAll(contexts.Select(c => Mailer(c, tokens, later).SendRemindersAsync(waveId, TimeSpan.FromDays(7))));
        foreach (var c in contexts)
        {
            await c.DisposeAsync();
        }

        Assert.Equal(6, results.Sum(r => r.Value!.Sent));
        Assert.Equal(6, _sink.Messages.Count(m => emails.Contains(m.To.Single()) && m.Body.Contains("vielleicht haben Sie unsere Einladung übersehen", StringComparison.Ordinal)));
        await using var ctx = _s.Context();
        Assert.All(await ctx.Invitations.Where(i => i.WaveId == waveId).ToListAsync(), i => Assert.Equal(1, i.ReminderCount));
    }

    [Fact]
    public async Task SendRemindersAsync_MaxReminders_StopsAtTheLimit()
    {
        var (waveId, _) = await SentWaveAsync(1);
        var tokens = await _s.TokensAsync();
        await using var ctx = _s.Context();
        var sent = new List<int>();
        foreach (var days in new[] { 8, 16, 24 })
        {
            sent.Add((await Mailer(ctx, tokens, new FixedTime(SurveyScenario.Today.AddDays(days))).SendRemindersAsync(waveId, TimeSpan.FromDays(7), maxReminders: 2)).Value!.Sent);
        }

        Assert.Equal([1, 1, 0], sent);
    }

    [Fact]
    public async Task SendInvitationsAsync_ServerRefusesRecipient_ReleasesTheInvitationForTheNextTry()
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync();
        var (accountId, ids) = await _s.AccountAsync((true, true, "en"));
        await using var ctx = _s.Context();
        var tokens = await _s.TokensAsync();
        await new SurveyInvitations(ctx, tokens, _s.Time).CreateAsync(waveId, new CreateInvitationsRequest([accountId], null));
        _sink.RejectRecipient = await ctx.Contacts.Where(c => c.Id == ids[0]).Select(c => c.Email).SingleAsync();

        var refused = (await Mailer(ctx, tokens).SendInvitationsAsync(waveId)).Value!;
        var status = await ctx.Invitations.Where(i => i.WaveId == waveId).Select(i => new { i.Status, i.SentAt }).SingleAsync();
        _sink.RejectRecipient = null;
        var retried = (await Mailer(ctx, tokens).SendInvitationsAsync(waveId)).Value!;

        Assert.Equal((0, 1), (refused.Sent, refused.Failed));
        Assert.Equal(InvitationStatus.Pending, status.Status);
        Assert.Null(status.SentAt);
        Assert.Equal((1, 0), (retried.Sent, retried.Failed));
    }

    [Fact]
    public async Task RunOnceAsync_TwoInstancesAtOnce_RemindEveryNonResponderOnce()
    {
        var (waveId, emails) = await SentWaveAsync(4);
        var later = new FixedTime(SurveyScenario.Today.AddDays(9));
        var tokens = await _s.TokensAsync();
        var options = new ReminderOptions { AfterDays = 7, MaxReminders = 2 };
        await using var a = _s.Context();
        await using var b = _s.Context();

        var runs = await Task.WhenAll(
            new SurveyReminderJob(db.DataSource, a, Mailer(a, tokens, later), later).RunOnceAsync(options),
            new SurveyReminderJob(db.DataSource, b, Mailer(b, tokens, later), later).RunOnceAsync(options));
        var again = await new SurveyReminderJob(db.DataSource, a, Mailer(a, tokens, later), later).RunOnceAsync(options);

        Assert.Contains(runs, r => r.Ran);
        Assert.Equal(4, runs.Sum(r => r.Waves.Where(w => w.WaveId == waveId).Sum(w => w.Counts.Sent)));
        Assert.Equal(4, MessagesTo(emails, "Erinnerung"));
        Assert.DoesNotContain(again.Waves, w => w.WaveId == waveId);
    }

    [Fact]
    public async Task RunOnceAsync_LockHeldByAnotherInstance_SendsNothing()
    {
        var (waveId, emails) = await SentWaveAsync(1);
        var later = new FixedTime(SurveyScenario.Today.AddDays(10));
        await using var other = await db.DataSource.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", other))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = SurveyReminderJob.LockKey });
            await take.ExecuteNonQueryAsync();
        }
        await using var ctx = _s.Context();

        var result = await new SurveyReminderJob(db.DataSource, ctx, Mailer(ctx, await _s.TokensAsync(), later), later).RunOnceAsync(new ReminderOptions());

        Assert.False(result.Ran);
        Assert.Equal(0, MessagesTo(emails, "Erinnerung"));
        Assert.Equal(0, await ctx.Invitations.Where(i => i.WaveId == waveId).SumAsync(i => i.ReminderCount));
    }

    [Fact]
    public async Task RunOnceAsync_ClosedWave_IsNotReminded()
    {
        var (waveId, emails) = await SentWaveAsync(1);
        var afterClose = new FixedTime(new DateTimeOffset(2026, 5, 10, 9, 0, 0, TimeSpan.Zero));
        await using var ctx = _s.Context();

        var result = await new SurveyReminderJob(db.DataSource, ctx, Mailer(ctx, await _s.TokensAsync(), afterClose), afterClose).RunOnceAsync(new ReminderOptions());

        Assert.True(result.Ran);
        Assert.DoesNotContain(result.Waves, w => w.WaveId == waveId);
        Assert.Equal(0, MessagesTo(emails, "Erinnerung"));
    }
}
