using Rapport.Analytics.Clv;
using Rapport.Analytics.Retention;
using DomainPhase = Rapport.Core.Accounts.LifecyclePhase;

namespace Rapport.Core.Retention.Scoring;

/// <summary>A link to the record behind a signal, with a display name when one is known.</summary>
public sealed record EvidenceItem(string Kind, string Id, string? Label);

/// <summary>A signal as evaluated on the run's day.</summary>
public sealed record SignalRow(long AccountId, SignalType Type, string Key, SignalSeverity Severity, string Explanation,
    IReadOnlyList<EvidenceItem> Evidence, DateOnly RaisedOn);

/// <summary>A change of lifecycle phase found by a run. <paramref name="Notify"/>: a change on the run's day from a known phase (events, playbooks).</summary>
public sealed record PhaseChangeRow(long AccountId, DomainPhase Phase, DomainPhase? Previous, DateOnly ChangedOn, int Rule, string Reason, bool Notify);

/// <summary>Scores of an account on one day.</summary>
public sealed record ScorePoint(DateOnly Day, double? PAlive, double? ExpectedTransactions12Months, decimal? Clv);

/// <summary>The current scores of an account on the run's day.</summary>
public sealed record ScoreRow(
    long AccountId, DateOnly ScoredOn, int Transactions, DateOnly? FirstTransaction, DateOnly? LastTransaction,
    decimal RevenueLast12Months, decimal RevenuePrior12Months, double? PAlive, double? PAlive90DaysAgo,
    double? ExpectedTransactions12Months, decimal? ExpectedSpend, decimal? Clv, double? RiskShare, decimal? ClvAtRisk, int Rule, string Reason);

/// <summary>Everything a run decided about one account.</summary>
public sealed record AccountEvaluation(
    ScoreRow Score, DomainPhase Phase, DateOnly PhaseSince, IReadOnlyList<ScorePoint> History,
    IReadOnlyList<PhaseChangeRow> Changes, IReadOnlyList<SignalRow> Signals);

/// <summary>
/// Evaluates one account on the days of a <see cref="ScoringCalendar"/>, oldest first: the models' P(alive) and
/// expected transactions, the early-warning rules (<see cref="EarlyWarnings"/>, docs/retention.md#early-warning-signals) and the lifecycle rules
/// (<see cref="Lifecycle"/>, docs/retention.md#lifecycle-phases), carrying the phase from day to day so that each change is found with its date.
/// Pure: reads the facts, writes nothing.
/// </summary>
public sealed class AccountEvaluator(ScoringModels models, ScoringCalendar calendar, ScoringOptions options)
{
    private readonly LifecycleOptions _lifecycle = options.ToLifecycleOptions();
    private readonly EarlyWarningOptions _warnings = options.ToEarlyWarningOptions();
    private readonly int _window = options.ActiveWindowDays;

    public AccountEvaluation Evaluate(AccountFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var phase = facts.Phase;
        var since = facts.PhaseSince;
        var lastTermination = facts.LastDayInTermination;
        var previousDay = facts.LastScoredOn ?? facts.PhaseSince;
        var changes = new List<PhaseChangeRow>();
        var history = new List<ScorePoint>();
        var first = facts.Transactions?.FirstTransaction;
        LifecycleAssessment? assessment = null;
        IReadOnlyList<EarlyWarningSignal> signals = [];

        foreach (var step in calendar.EvaluationStepsOldestFirst)
        {
            var day = calendar.Days[step];
            var point = PointAt(facts, step);
            if (point.Count == 0 && facts.CreatedOn > day && step > 0)
            {
                continue; // the account did not exist yet
            }
            if (phase == DomainPhase.Termination)
            {
                // It was in termination at least until the previous evaluation.
                lastTermination = Max(lastTermination, day.AddDays(-1));
            }
            else if (phase is null)
            {
                lastTermination = Max(lastTermination, DerivedLastDayInTermination(facts, point));
            }

            var h = models.History(first, point, day);
            var pAlive = models.PAlive(h);
            var pAlive90 = models.PAlive(models.History(first, PointAt(facts, ScoringCalendar.NinetyDaysBefore(step)), day.AddDays(-90)));
            signals = EarlyWarnings.Evaluate(SignalFacts(facts, step, day, point, pAlive, pAlive90), _warnings);
            var active = (point.Last is { } last && Lifecycle.IsWithinLastDays(last, day, _window)) || facts.Contracts.Any(c => c.RunsOn(day));
            assessment = Lifecycle.Evaluate(new LifecycleFacts
            {
                AsOf = day,
                FirstTransaction = point.Count > 0 ? first : null,
                LastTransaction = point.Last,
                TransactionCount = point.Count,
                IsActive = active,
                ContractTerminated = ContractTerminated(facts.Contracts, day),
                PAlive = pAlive,
                HasHighSeveritySignal = signals.Any(s => s.Severity == SignalSeverity.High),
                RevenueLast12Months = point.RevenueLast12Months,
                RevenuePrior12Months = point.RevenuePrior12Months,
                LastDayInTermination = lastTermination < day ? lastTermination : null,
            }, _lifecycle);

            var next = LifecyclePhases.ToDomain(assessment.Phase);
            if (phase != next)
            {
                // Evaluations are days apart: the change happened after the previous one, on the day the data shows when it can.
                var derived = DerivedSince(facts, assessment, point, day, signals);
                var start = phase is null || previousDay is not { } previous || derived > previous ? derived : day;
                changes.Add(new PhaseChangeRow(facts.AccountId, next, phase, start, assessment.Rule, assessment.Reason,
                    Notify: step == 0 && phase is not null));
                phase = next;
                since = start;
            }
            // Past days get P(alive) only: "over time" is about P(alive), and each expectation costs hypergeometric series.
            history.Add(new ScorePoint(day, pAlive, null, null));
            previousDay = day;
        }

        var score = Score(facts, assessment!, signals);
        history[^1] = new ScorePoint(calendar.AsOf, score.PAlive, score.ExpectedTransactions12Months, score.Clv);
        return new AccountEvaluation(score, phase!.Value, since ?? calendar.AsOf, history, changes, SignalRows(facts, signals));
    }

    private ScoreRow Score(AccountFacts facts, LifecycleAssessment assessment, IReadOnlyList<EarlyWarningSignal> signals)
    {
        var point = PointAt(facts, 0);
        var first = facts.Transactions?.FirstTransaction;
        var h = models.History(first, point, calendar.AsOf);
        var pAlive = models.PAlive(h);
        var pAlive90 = models.PAlive(models.History(first, PointAt(facts, ScoringCalendar.NinetyDaysBefore(0)), calendar.AsOf.AddDays(-90)));
        double? spend = null, clv = null;
        if (h is { } history)
        {
            spend = models.ExpectedSpend(history.X, history.X > 0 ? (double)point.RepeatValue / history.X : 0);
            clv = models.Clv(h, spend);
        }
        var risk = RiskShare(pAlive, signals);
        return new ScoreRow(facts.AccountId, calendar.AsOf, point.Count, point.Count > 0 ? first : null, point.Last,
            point.RevenueLast12Months, point.RevenuePrior12Months, pAlive, pAlive90, models.ExpectedTransactions12Months(h),
            Money(spend), Money(clv), risk, clv is { } c && risk is { } r ? Money(c * r) : null, assessment.Rule, assessment.Reason);
    }

    /// <summary>
    /// The share of the CLV in doubt: 1 − P(alive) × Π (1 − w) over the open signals, w by severity
    /// (<see cref="ScoringOptions.SignalSettings.RiskWeight"/>). The purchase model sees only the timing of orders; the
    /// signals carry the rest (falling revenue, a decider who left, a notice deadline, detractors). Without signals this is
    /// 1 − P(alive).
    /// </summary>
    public double? RiskShare(double? pAlive, IReadOnlyList<EarlyWarningSignal> signals)
    {
        if (pAlive is not { } p)
        {
            return null;
        }
        var keep = p;
        foreach (var s in signals)
        {
            keep *= 1 - options.Signals.RiskWeight(s.Severity);
        }
        return Math.Clamp(1 - keep, 0, 1);
    }

    private static decimal? Money(double? value) => value is { } v && double.IsFinite(v) && Math.Abs(v) < 1e13 ? Math.Round((decimal)v, 2) : null;

    private static TransactionPoint PointAt(AccountFacts facts, int step) =>
        facts.Transactions is { } t && step < t.Points.Length ? t.Points[step] : default;

    private AccountSignalFacts SignalFacts(AccountFacts facts, int step, DateOnly day, TransactionPoint point, double? pAlive, double? pAlive90)
    {
        var interactions = facts.Interactions is { } i ? i[step] : default;
        var first = facts.Transactions?.FirstTransaction;
        var components = facts.Waves.Where(w => w.ClosesOn <= day && w.Attachment is not null && w.LockIn is not null)
            .OrderByDescending(w => w.ClosesOn).ThenByDescending(w => w.WaveId).FirstOrDefault();
        return new AccountSignalFacts
        {
            AsOf = day,
            LastOrderDate = point.Last,
            ExpectedInterPurchaseDays = point.Count >= options.MinTransactionsForRhythm && point.Last is { } last && first is { } f
                ? (double)(last.DayNumber - f.DayNumber) / (point.Count - 1) : null,
            PAlive = pAlive,
            PAlive90DaysAgo = pAlive90,
            RevenueLast12Months = point.Count > 0 ? point.RevenueLast12Months : null,
            RevenuePrior12Months = point.Count > 0 ? point.RevenuePrior12Months : null,
            InteractionsLast90Days = interactions.Last90Days,
            UsualInteractionsPer90Days = facts.Interactions is null ? null : interactions.PriorYear * 90.0 / 365,
            InboundLast90Days = interactions.InboundLast90Days,
            InboundComplaintsLast90Days = interactions.InboundComplaintsLast90Days,
            UsualInboundComplaintShare = interactions.UsualInboundComplaintShare,
            Contacts = facts.KeyContacts,
            RecommendAnswers = facts.RecommendAnswers,
            LoyaltyWaves = [.. facts.Waves.Select(w => w.ToFact())],
            AttachmentComponent = components?.Attachment,
            LockInComponent = components?.LockIn,
            ComponentsWaveId = components is null ? null : ScoringFactSources.Id(components.WaveId),
            Complaints = facts.Complaints,
            Contracts = [.. facts.Contracts.Where(c => c.StartDate <= day).Select(c => c.ToFact())],
        };
    }

    /// <summary>
    /// "Contract terminated" of docs/retention.md#lifecycle-phases rule 2: notice has been given on a contract that still runs, and no other running
    /// contract is free of notice.
    /// </summary>
    public static bool ContractTerminated(IReadOnlyList<ContractInfo> contracts, DateOnly day) =>
        contracts.Any(c => c.RunsOn(day) && c.NoticeGivenBy(day)) && !contracts.Any(c => c.RunsOn(day) && !c.NoticeGivenBy(day));

    /// <summary>
    /// For an account without a phase yet: the last day of the latest stretch in which it was not active (a gap between
    /// two transactions longer than the active window that no single contract covered), i.e. the day before it bought again.
    /// </summary>
    private DateOnly? DerivedLastDayInTermination(AccountFacts facts, TransactionPoint point)
    {
        if (point.Reactivated is not { } back || point.GapStart is not { } gapStart)
        {
            return null;
        }
        var inactiveFrom = gapStart.AddDays(_window);
        var inactiveTo = back.AddDays(-1);
        var covered = facts.Contracts.Any(c => c.RunsOn(inactiveFrom) && c.RunsOn(inactiveTo));
        return covered ? null : inactiveTo;
    }

    /// <summary>
    /// When a phase began, as far as the data tells: the first transaction (exploration), the day it stopped being active
    /// or gave notice (termination), the day it bought again (revitalization), the day the first high-severity signal
    /// applies (endangerment by signal), the day the account was created (initiation); otherwise the evaluation day.
    /// </summary>
    private DateOnly DerivedSince(AccountFacts facts, LifecycleAssessment assessment, TransactionPoint point, DateOnly day,
        IReadOnlyList<EarlyWarningSignal> signals)
    {
        DateOnly? since = assessment.Phase switch
        {
            // Endangered by a high-severity signal (not by P(alive)): since the first of them applies.
            LifecyclePhase.Endangerment when assessment.Reason.StartsWith("A high-severity", StringComparison.Ordinal)
                => signals.Where(s => s.Severity == SignalSeverity.High).Select(s => (DateOnly?)s.Date).Min(),
            LifecyclePhase.Initiation => facts.CreatedOn,
            LifecyclePhase.Exploration => facts.Transactions?.FirstTransaction,
            LifecyclePhase.Revitalization => point.Reactivated,
            LifecyclePhase.Termination => TerminationStart(facts, point, day),
            _ => null,
        };
        return since is { } s && s <= day ? s : day;
    }

    private DateOnly? TerminationStart(AccountFacts facts, TransactionPoint point, DateOnly day)
    {
        var activeUntil = point.Last is { } last && !Lifecycle.IsWithinLastDays(last, day, _window) ? last.AddDays(_window) : (DateOnly?)null;
        if (activeUntil is { } inactiveFrom)
        {
            // A contract that ran beyond the last purchase kept the account active until it ended.
            var contractEnd = facts.Contracts.Where(c => c.StartDate <= day && !c.RunsOn(day) && c.EndDate is not null)
                .Select(c => c.EndDate!.Value.AddDays(1)).Where(d => d <= day).DefaultIfEmpty(inactiveFrom).Max();
            return Max(inactiveFrom, contractEnd);
        }
        return facts.Contracts.Where(c => c.RunsOn(day) && c.NoticeGivenBy(day)).Select(c => c.TerminatedOn).Max();
    }

    private List<SignalRow> SignalRows(AccountFacts facts, IReadOnlyList<EarlyWarningSignal> signals)
    {
        var rows = new Dictionary<string, SignalRow>(StringComparer.Ordinal);
        foreach (var s in signals)
        {
            var key = SignalKeys.For(s);
            var evidence = s.Evidence.Select(e => new EvidenceItem(e.Kind, e.Id, facts.EvidenceLabels.GetValueOrDefault(e.Kind + ":" + e.Id))).ToList();
            var row = new SignalRow(facts.AccountId, s.Type, key, s.Severity, s.Explanation, evidence, Min(s.Date, calendar.AsOf));
            if (!rows.TryGetValue(key, out var existing) || existing.Severity < row.Severity)
            {
                rows[key] = row;
            }
        }
        return [.. rows.Values];
    }

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

/// <summary>
/// What a signal is about, as stored in <c>signals.signal_key</c>: the type, and for signals about one item (a contract, a
/// contact who left, a detractor response, a complaint, the latest of two waves) that item. While the same key keeps
/// firing, the signal stays one open signal.
/// </summary>
public static class SignalKeys
{
    public static string For(EarlyWarningSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var type = Data.EnumText.ToText(signal.Type);
        var item = signal.Type switch
        {
            SignalType.KeyContactLeft or SignalType.DetractorAnswer or SignalType.ComplaintPastSla or SignalType.ContractDeadline
                => signal.Evidence.Count > 0 ? signal.Evidence[0] : null,
            SignalType.LoyaltyIndexFall => signal.Evidence.Count > 0 ? signal.Evidence[^1] : null,
            _ => null,
        };
        return item is null ? type : $"{type}:{item.Kind}:{item.Id}";
    }
}
