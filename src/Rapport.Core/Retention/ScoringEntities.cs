using Rapport.Analytics.Retention;

namespace Rapport.Core.Retention;

/// <summary>State of a <see cref="ScoringRun"/>.</summary>
public enum ScoringRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>Who asked for a <see cref="ScoringRun"/>.</summary>
public enum ScoringTrigger
{
    Nightly,
    Startup,
    Api,
    Cli,
}

/// <summary>One run of the scoring job (table <c>scoring_runs</c>): its coordination state, counts and timings.</summary>
public sealed class ScoringRun
{
    public long Id { get; set; }
    public ScoringRunStatus Status { get; set; }
    public ScoringTrigger Trigger { get; set; }
    public DateOnly AsOf { get; set; }
    public long? RequestedByUserId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? HeartbeatAt { get; set; }
    public string? Worker { get; set; }
    public string? Stage { get; set; }
    public int? Accounts { get; set; }
    public int? ScoredAccounts { get; set; }
    public int? PhaseChanges { get; set; }
    public int? SignalsRaised { get; set; }
    public int? SignalsResolved { get; set; }
    public int? TasksCreated { get; set; }
    public int? Events { get; set; }

    /// <summary>The fitted models as JSON (see <see cref="ScoringModelInfo"/>).</summary>
    public string? Model { get; set; }

    /// <summary>Seconds per stage as JSON.</summary>
    public string? Timings { get; set; }

    public string? Error { get; set; }
}

/// <summary>The current scores of an account (table <c>account_scores</c>).</summary>
public sealed class AccountScore
{
    public long AccountId { get; set; }
    public long? RunId { get; set; }
    public DateOnly ScoredOn { get; set; }
    public int Transactions { get; set; }
    public DateOnly? FirstTransactionOn { get; set; }
    public DateOnly? LastTransactionOn { get; set; }
    public decimal RevenueLast12m { get; set; }
    public decimal RevenuePrior12m { get; set; }
    public double? PAlive { get; set; }
    public double? PAlive90DaysAgo { get; set; }
    public double? ExpectedTransactions12m { get; set; }
    public decimal? ExpectedSpend { get; set; }
    public decimal? Clv { get; set; }
    public double? RiskShare { get; set; }
    public decimal? ClvAtRisk { get; set; }
    public short? LifecycleRule { get; set; }
    public string? LifecycleReason { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}

/// <summary>An account's scores on one day (table <c>account_score_history</c>).</summary>
public sealed class AccountScoreHistory
{
    public long AccountId { get; set; }
    public DateOnly ScoredOn { get; set; }
    public double? PAlive { get; set; }
    public double? ExpectedTransactions12m { get; set; }
    public decimal? Clv { get; set; }
}

/// <summary>A change of lifecycle phase with its date and reason (table <c>lifecycle_phase_history</c>, docs/retention.md#lifecycle-phases).</summary>
public sealed class LifecyclePhaseChange
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public Accounts.LifecyclePhase Phase { get; set; }
    public Accounts.LifecyclePhase? PreviousPhase { get; set; }
    public DateOnly ChangedOn { get; set; }
    public short Rule { get; set; }
    public required string Reason { get; set; }
    public long? RunId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>An early-warning signal on an account (table <c>signals</c>, docs/retention.md#early-warning-signals).</summary>
public sealed class AccountSignal
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public SignalType Type { get; set; }

    /// <summary>What the signal is about: its type and, for per-item signals, the item (<c>contract_deadline:contract:17</c>).</summary>
    public required string SignalKey { get; set; }

    public SignalSeverity Severity { get; set; }
    public required string Explanation { get; set; }

    /// <summary><c>[{"kind": "contract", "id": "17"}]</c>.</summary>
    public required string Evidence { get; set; }

    public DateOnly RaisedOn { get; set; }
    public DateOnly LastSeenOn { get; set; }
    public DateOnly? ResolvedOn { get; set; }
    public long? RunId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A playbook (Maßnahmenplan): tasks created for the account owner when its trigger fires.</summary>
public sealed class Playbook
{
    public required string Code { get; set; }

    /// <summary><c>phase:&lt;lifecycle phase&gt;</c> or <c>signal:&lt;signal type&gt;</c>.</summary>
    public required string Trigger { get; set; }

    public bool Enabled { get; set; }
    public required string NameEn { get; set; }
    public required string NameDe { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<PlaybookStep> Steps { get; } = [];
}

/// <summary>One task template of a <see cref="Playbook"/>.</summary>
public sealed class PlaybookStep
{
    public required string PlaybookCode { get; set; }
    public int StepNo { get; set; }
    public required string TitleEn { get; set; }
    public required string TitleDe { get; set; }
    public int DueDays { get; set; }
}

/// <summary>Maps between the domain's lifecycle phase (stored on accounts) and the one the analytics rules return.</summary>
public static class LifecyclePhases
{
    public static Accounts.LifecyclePhase ToDomain(Analytics.Retention.LifecyclePhase phase) => (Accounts.LifecyclePhase)(int)phase;

    public static Analytics.Retention.LifecyclePhase ToAnalytics(Accounts.LifecyclePhase phase) => (Analytics.Retention.LifecyclePhase)(int)phase;
}
