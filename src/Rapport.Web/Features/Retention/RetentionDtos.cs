using System.Text.Json;
using Rapport.Analytics.Retention;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;
using DomainPhase = Rapport.Core.Accounts.LifecyclePhase;

namespace Rapport.Web.Features.Retention;

/// <summary>Body of <c>POST /api/v1/scoring/runs</c>: the day to score as of (ISO date; default today in UTC).</summary>
public sealed record ScoringRunInput(string? AsOf);

/// <summary>A scoring run: its state, what it did and how long each stage took.</summary>
public sealed record ScoringRunDto(
    long Id, ScoringRunStatus Status, ScoringTrigger Trigger, DateOnly AsOf, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, string? Stage, int? Accounts, int? ScoredAccounts, int? PhaseChanges, int? SignalsRaised,
    int? SignalsResolved, int? TasksCreated, int? Events, JsonElement? Model, JsonElement? Timings, string? Error)
{
    public static ScoringRunDto From(ScoringRun r) => new(r.Id, r.Status, r.Trigger, r.AsOf, r.RequestedAt, r.StartedAt, r.FinishedAt, r.Stage,
        r.Accounts, r.ScoredAccounts, r.PhaseChanges, r.SignalsRaised, r.SignalsResolved, r.TasksCreated, r.Events, Parse(r.Model), Parse(r.Timings), r.Error);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

/// <summary>A link to the record behind a signal (<c>kind</c>: order, contact, contract, wave, response, complaint).</summary>
public sealed record EvidenceDto(string Kind, string Id, string? Label);

/// <summary>An early-warning signal (docs/retention.md#early-warning-signals).</summary>
public sealed record SignalDto(long Id, SignalType Type, SignalSeverity Severity, string Explanation, DateOnly RaisedOn, DateOnly LastSeenOn,
    DateOnly? ResolvedOn, IReadOnlyList<EvidenceDto> Evidence)
{
    public static SignalDto From(HealthSignal s) => new(s.Id, s.Type, s.Severity, s.Explanation, s.RaisedOn, s.LastSeenOn, s.ResolvedOn,
        [.. s.Evidence.Select(e => new EvidenceDto(e.Kind, e.Id, e.Label))]);
}

/// <summary>
/// <c>GET /api/v1/accounts/{id}/health</c> (docs/api.md): lifecycle phase and since when, P(alive), expected transactions in
/// the next 12 months and CLV of the latest scoring run, the loyalty index of the account's latest survey answers, and the
/// open signals. Scores are null before the first run, or when no model covers the account.
/// </summary>
public sealed record AccountHealthDto(
    long AccountId, DomainPhase? LifecyclePhase, DateOnly? LifecyclePhaseSince, string? LifecyclePhaseReason, double? PAlive,
    double? ExpectedTransactions12m, decimal? Clv, double? RiskShare, decimal? ClvAtRisk, double? LoyaltyIndex, string? LoyaltyWave, DateOnly? ScoredOn,
    IReadOnlyList<SignalDto> Signals)
{
    public static AccountHealthDto From(AccountHealth h) => new(h.AccountId, h.LifecyclePhase, h.LifecyclePhaseSince, h.PhaseReason, h.PAlive,
        h.ExpectedTransactions12m, h.Clv, h.RiskShare, h.ClvAtRisk, h.LoyaltyIndex is { } l ? Math.Round(l, 1) : null, h.LoyaltyWave, h.ScoredOn,
        [.. h.Signals.Select(SignalDto.From)]);
}

/// <summary>One entry of an account's timeline.</summary>
public sealed record TimelineEntryDto(DateTimeOffset At, TimelineKind Kind, string Id, string Title, string? Detail);

/// <summary>A task (docs/retention.md#tasks-and-playbooks).</summary>
public sealed record TaskDto(long Id, long AccountId, string AccountExternalId, string AccountName, string? OwnerEmail, string Title, string? Details,
    DateOnly? DueOn, AccountTaskStatus Status, TaskOrigin Origin, string? OriginKey, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static TaskDto From(TaskItem t) => new(t.Id, t.AccountId, t.AccountExternalId, t.AccountName, t.OwnerEmail, t.Title, t.Details,
        t.DueOn, t.Status, t.Origin, t.OriginKey, t.CreatedAt, t.CompletedAt);
}

/// <summary>Body of <c>PATCH /api/v1/tasks/{id}</c>.</summary>
public sealed record TaskPatch(string? Status);

/// <summary>An account on the risk list; <c>clvAtRisk</c> = CLV × <c>riskShare</c>, riskShare = 1 − P(alive) × Π (1 − signal weight).</summary>
public sealed record RiskDto(long AccountId, string ExternalId, string Name, DomainPhase? LifecyclePhase, DateOnly? LifecyclePhaseSince, bool KeyAccount,
    string? OwnerEmail, double? PAlive, decimal? Clv, double? RiskShare, decimal? ClvAtRisk, decimal RevenueLast12m, DateOnly? LastTransactionOn, int OpenSignals, int HighSignals)
{
    public static RiskDto From(RiskItem r) => new(r.AccountId, r.ExternalId, r.Name, r.LifecyclePhase, r.LifecyclePhaseSince, r.KeyAccount, r.OwnerEmail,
        r.PAlive, r.Clv, r.RiskShare, r.ClvAtRisk, r.RevenueLast12m, r.LastTransactionOn, r.OpenSignals, r.HighSignals);
}
