using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Analytics.Retention;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Retention.Scoring;

namespace Rapport.Core.Retention;

/// <summary>A signal with its evidence.</summary>
public sealed record HealthSignal(long Id, SignalType Type, SignalSeverity Severity, string Explanation, DateOnly RaisedOn,
    DateOnly LastSeenOn, DateOnly? ResolvedOn, IReadOnlyList<EvidenceItem> Evidence);

/// <summary>One change of lifecycle phase.</summary>
public sealed record PhaseHistoryItem(Accounts.LifecyclePhase Phase, Accounts.LifecyclePhase? PreviousPhase, DateOnly ChangedOn, int Rule, string Reason);

/// <summary>Scores on one day.</summary>
public sealed record ScoreHistoryPoint(DateOnly Day, double? PAlive, decimal? Clv);

/// <summary>A task as lists show it.</summary>
public sealed record TaskItem(long Id, long AccountId, string AccountName, string AccountExternalId, long? OwnerUserId, string? OwnerEmail,
    string Title, string? Details, DateOnly? DueOn, AccountTaskStatus Status, TaskOrigin Origin, string? OriginKey,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>
/// The health of an account (docs/domain.md#retention-management, docs/api.md): lifecycle phase and since when, P(alive), expected transactions and CLV of the
/// latest run, the loyalty index of the latest survey answers, open signals with evidence, phase history, scores over
/// time and open tasks.
/// </summary>
public sealed record AccountHealth(
    long AccountId,
    Accounts.LifecyclePhase? LifecyclePhase,
    DateOnly? LifecyclePhaseSince,
    string? PhaseReason,
    DateOnly? ScoredOn,
    double? PAlive,
    double? ExpectedTransactions12m,
    decimal? Clv,
    double? RiskShare,
    decimal? ClvAtRisk,
    double? LoyaltyIndex,
    string? LoyaltyWave,
    IReadOnlyList<HealthSignal> Signals,
    IReadOnlyList<PhaseHistoryItem> PhaseHistory,
    IReadOnlyList<ScoreHistoryPoint> ScoreHistory,
    IReadOnlyList<TaskItem> OpenTasks);

/// <summary>Reads the health of one account and its signals (for the API and the account page).</summary>
public static class AccountHealthQuery
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The health of <paramref name="accountId"/> if it is among <paramref name="visible"/>; null otherwise.</summary>
    /// <param name="today">The day for the loyalty index (answers submitted up to it).</param>
    public static async Task<AccountHealth?> ReadAsync(RapportDbContext db, IQueryable<Account> visible, long accountId, DateOnly today,
        int historyDays = 400, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var account = await visible.Where(a => a.Id == accountId)
            .Select(a => new { a.Id, a.LifecyclePhase, a.LifecyclePhaseSince }).FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return null;
        }
        var score = await db.AccountScores.FirstOrDefaultAsync(s => s.AccountId == accountId, ct);
        var signals = await SignalsAsync(db, accountId, openOnly: true, ct);
        var phases = await db.LifecyclePhaseHistory.Where(h => h.AccountId == accountId)
            .OrderByDescending(h => h.ChangedOn).ThenByDescending(h => h.Id).Take(50)
            .Select(h => new PhaseHistoryItem(h.Phase, h.PreviousPhase, h.ChangedOn, h.Rule, h.Reason)).ToListAsync(ct);
        var from = (score?.ScoredOn ?? today).AddDays(-historyDays);
        var points = await db.AccountScoreHistory.Where(h => h.AccountId == accountId && h.ScoredOn >= from)
            .OrderBy(h => h.ScoredOn).Select(h => new ScoreHistoryPoint(h.ScoredOn, h.PAlive, h.Clv)).ToListAsync(ct);
        var tasks = await TaskQueries.Project(db, TaskQueries.Order(db.Tasks.Where(t => t.AccountId == accountId
                && (t.Status == AccountTaskStatus.Open || t.Status == AccountTaskStatus.InProgress))).Take(50)).ToListAsync(ct);
        var loyalty = await LatestLoyaltyAsync(db, accountId, today, ct);

        return new AccountHealth(account.Id, account.LifecyclePhase, account.LifecyclePhaseSince, score?.LifecycleReason, score?.ScoredOn,
            score?.PAlive, score?.ExpectedTransactions12m, score?.Clv, score?.RiskShare, score?.ClvAtRisk, loyalty?.LoyaltyIndex, loyalty?.WaveName,
            signals, phases, points, tasks);
    }

    /// <summary>Signals of an account, open ones first by severity, then the most recent.</summary>
    public static async Task<List<HealthSignal>> SignalsAsync(RapportDbContext db, long accountId, bool openOnly, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Signals.Where(s => s.AccountId == accountId);
        if (openOnly)
        {
            query = query.Where(s => s.ResolvedOn == null);
        }
        var rows = await query.OrderByDescending(s => s.RaisedOn).ThenByDescending(s => s.Id).Take(500).ToListAsync(ct);
        return [.. rows.Select(ToHealthSignal).OrderBy(s => s.ResolvedOn is null ? 0 : 1).ThenByDescending(s => s.Severity).ThenByDescending(s => s.RaisedOn)];
    }

    public static HealthSignal ToHealthSignal(AccountSignal s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Type, s.Severity, s.Explanation, s.RaisedOn, s.LastSeenOn, s.ResolvedOn,
            JsonSerializer.Deserialize<List<EvidenceItem>>(s.Evidence, Json) ?? []);
    }

    /// <summary>The loyalty index (docs/definitions.md#loyalty-index-and-its-make-up) of the account's latest wave with answers, computed from its submitted answers.</summary>
    public static async Task<WaveLoyalty?> LatestLoyaltyAsync(RapportDbContext db, long accountId, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var lease = await ContextConnection.OpenAsync(db, ct);
        var connection = lease.Connection;
        await foreach (var facts in AccountSurveyFacts.StreamAsync(connection, accountId, today, ct))
        {
            return facts.Latest;
        }
        return null;
    }
}
