using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Core.Data;

namespace Rapport.Core.Surveys.Mail;

/// <summary>Configuration section <c>Rapport:Surveys:Reminders</c>: the background job that reminds non-responders.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Rapport:Surveys:Reminders";

    /// <summary>Whether the web host runs the job at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Days since the invitation (or the last reminder) before a non-responder is reminded.</summary>
    public int AfterDays { get; set; } = 7;

    /// <summary>Reminders per invitation at most.</summary>
    public int MaxReminders { get; set; } = 2;

    /// <summary>How often the job looks for due reminders, in minutes (fractions allowed).</summary>
    public double CheckEveryMinutes { get; set; } = 60;
}

/// <summary>What one reminder run did for one wave.</summary>
public sealed record WaveReminderCounts(long WaveId, string WaveName, MailingCounts Counts);

/// <summary>What one reminder run did; <paramref name="Ran"/> is false when another instance was running the job.</summary>
public sealed record ReminderRunResult(bool Ran, IReadOnlyList<WaveReminderCounts> Waves)
{
    public int Sent => Waves.Sum(w => w.Counts.Sent);
}

/// <summary>
/// One pass of the reminder job: reminds the non-responders of every open wave (docs/surveys.md#waves-invitations-and-anonymity). Several app instances may
/// run it: a PostgreSQL advisory lock lets one instance work at a time, and the mailer claims every reminder in the
/// database before sending it, so no reminder goes out twice even when a user presses "send reminders" meanwhile
/// (ADR 0011).
/// </summary>
public sealed class SurveyReminderJob(NpgsqlDataSource dataSource, RapportDbContext db, InvitationMailer mailer, TimeProvider time)
{
    /// <summary>The advisory lock held while a run works (one 64-bit key for the whole job).</summary>
    public const long LockKey = 0x5261_7070_5265_6d31; // "RappRem1"

    /// <summary>Runs once over all open waves with due reminders.</summary>
    public async Task<ReminderRunResult> RunOnceAsync(ReminderOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var lockConnection = await dataSource.OpenConnectionAsync(ct);
        if (!await AdvisoryAsync(lockConnection, "SELECT pg_try_advisory_lock($1)", ct))
        {
            return new ReminderRunResult(false, []);
        }
        try
        {
            var now = time.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var gap = TimeSpan.FromDays(Math.Max(0, options.AfterDays));
            var cutoff = now - gap;
            var max = Math.Max(0, options.MaxReminders);
            var waves = await db.Waves.AsNoTracking()
                .Where(w => w.OpensOn <= today && w.ClosesOn >= today)
                .Where(w => db.Invitations.Any(i => i.WaveId == w.Id
                    && (i.Status == InvitationStatus.Sent || i.Status == InvitationStatus.Started)
                    && (i.RemindedAt ?? i.SentAt) <= cutoff && i.ReminderCount < max))
                .OrderBy(w => w.Id).Select(w => new { w.Id, w.Name })
                .ToListAsync(ct);
            var results = new List<WaveReminderCounts>();
            foreach (var wave in waves)
            {
                var result = await mailer.SendRemindersAsync(wave.Id, gap, max, ct);
                if (result.Value is { } counts)
                {
                    results.Add(new WaveReminderCounts(wave.Id, wave.Name, counts));
                }
            }
            return new ReminderRunResult(true, results);
        }
        finally
        {
            await AdvisoryAsync(lockConnection, "SELECT pg_advisory_unlock($1)", CancellationToken.None);
        }
    }

    private static async Task<bool> AdvisoryAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = PgSql.Command(connection, sql, LockKey);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
