using System.Globalization;

namespace Rapport.Analytics.Retention;

/// <summary>
/// The early-warning rules of docs/retention.md#early-warning-signals as pure functions over an account's facts. Each rule returns its signals
/// (none when its facts are missing) with a plain-language explanation that carries the numbers, and references to
/// the evidence. Severities (thresholds in <see cref="EarlyWarningOptions"/>):
/// <list type="bullet">
/// <item>purchase frequency: medium; high when overdue beyond 3× the expected gap or P(alive) fell by ≥ 0.4;</item>
/// <item>revenue falling: medium at ≤ 70 %; high at ≤ 40 %;</item>
/// <item>communication: low for fewer interactions (contact is thinning, not yet a complaint); medium when inbound contacts shift to complaints;</item>
/// <item>key contact left: high when no active contact is left in that role, else medium;</item>
/// <item>detractor answer: medium for 4–6, high for 0–3;</item>
/// <item>loyalty index fall: medium from 10 points, high from 20;</item>
/// <item>captive: medium (a hidden risk, nothing acute);</item>
/// <item>complaint past SLA: medium; high when overdue ≥ 14 days or the complaint itself is high/critical;</item>
/// <item>contract deadline: high within 30 days or when already terminated; medium within 90; low for an auto-renewing end.</item>
/// </list>
/// </summary>
public static class EarlyWarnings
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>All rules; signals ordered by severity (high first), then type.</summary>
    public static IReadOnlyList<EarlyWarningSignal> Evaluate(AccountSignalFacts facts, EarlyWarningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        options ??= new EarlyWarningOptions();
        return PurchaseFrequency(facts, options)
            .Concat(RevenueFalling(facts, options))
            .Concat(CommunicationPattern(facts, options))
            .Concat(KeyContactLeft(facts, options))
            .Concat(DetractorAnswers(facts, options))
            .Concat(LoyaltyIndexFall(facts, options))
            .Concat(Captive(facts))
            .Concat(ComplaintsPastSla(facts, options))
            .Concat(ContractDeadlines(facts, options))
            .OrderByDescending(s => s.Severity)
            .ThenBy(s => s.Type)
            .ToList();
    }

    /// <summary>Days since the last order &gt; 1.5 × the expected inter-purchase time, or P(alive) down ≥ 0.2 in 90 days.</summary>
    public static IEnumerable<EarlyWarningSignal> PurchaseFrequency(AccountSignalFacts facts, EarlyWarningOptions options)
    {
        var reasons = new List<string>();
        var severity = SignalSeverity.Low;
        if (facts.LastOrderDate is { } last && facts.ExpectedInterPurchaseDays is > 0 and var expected)
        {
            var days = facts.AsOf.DayNumber - last.DayNumber;
            var ratio = days / expected;
            if (ratio > options.OverdueFactor)
            {
                severity = Max(severity, ratio > options.OverdueFactorHigh ? SignalSeverity.High : SignalSeverity.Medium);
                reasons.Add(string.Create(C, $"the last order was {days} days ago ({last:yyyy-MM-dd}), {ratio:0.0}× the usual {expected:0.#} days between orders (threshold {options.OverdueFactor:0.0#}×)"));
            }
        }
        if (facts.PAlive is { } now && facts.PAlive90DaysAgo is { } before && before - now >= options.PAliveDrop)
        {
            severity = Max(severity, before - now >= options.PAliveDropHigh ? SignalSeverity.High : SignalSeverity.Medium);
            reasons.Add(string.Create(C, $"P(alive) fell from {before:0.00} to {now:0.00} in 90 days (−{before - now:0.00}, threshold {options.PAliveDrop:0.00})"));
        }
        if (reasons.Count == 0)
        {
            yield break;
        }
        yield return new(SignalType.PurchaseFrequencyFalling, severity, facts.AsOf,
            "Purchase frequency falling: " + string.Join("; ", reasons) + ".",
            facts.LastOrderId is null ? [] : [new("order", facts.LastOrderId)]);
    }

    /// <summary>Last-12-month revenue ≤ 70 % of the 12 months before (which must be positive).</summary>
    public static IEnumerable<EarlyWarningSignal> RevenueFalling(AccountSignalFacts facts, EarlyWarningOptions options)
    {
        if (facts.RevenueLast12Months is not { } recent || facts.RevenuePrior12Months is not > 0 || recent > options.RevenueShare * facts.RevenuePrior12Months)
        {
            yield break;
        }
        var prior = facts.RevenuePrior12Months.Value;
        var share = recent / prior;
        yield return new(SignalType.RevenueFalling, share <= options.RevenueShareHigh ? SignalSeverity.High : SignalSeverity.Medium, facts.AsOf,
            string.Create(C, $"Revenue falling: {recent:N2} in the last 12 months is {share:P0} of the {prior:N2} in the 12 months before (threshold {options.RevenueShare:P0})."),
            []);
    }

    /// <summary>Interactions in the last 90 days ≤ 50 % of the usual rate, or inbound contacts shifting to complaints.</summary>
    public static IEnumerable<EarlyWarningSignal> CommunicationPattern(AccountSignalFacts facts, EarlyWarningOptions options)
    {
        var reasons = new List<string>();
        var severity = SignalSeverity.Low;
        if (facts.UsualInteractionsPer90Days is { } usual && usual >= options.MinUsualInteractions
            && facts.InteractionsLast90Days <= options.InteractionShare * usual)
        {
            reasons.Add(string.Create(C, $"{facts.InteractionsLast90Days} interactions in the last 90 days against usually {usual:0.#} ({facts.InteractionsLast90Days / usual:P0}, threshold {options.InteractionShare:P0})"));
        }
        if (facts.InboundLast90Days >= options.MinInbound && facts.InboundLast90Days > 0)
        {
            var share = (double)facts.InboundComplaintsLast90Days / facts.InboundLast90Days;
            var usualShare = facts.UsualInboundComplaintShare ?? 0;
            if (share >= options.ComplaintShare && share >= usualShare + options.ComplaintShareRise)
            {
                severity = SignalSeverity.Medium;
                reasons.Add(string.Create(C, $"{facts.InboundComplaintsLast90Days} of {facts.InboundLast90Days} inbound contacts in the last 90 days were complaints ({share:P0}, usually {usualShare:P0})"));
            }
        }
        if (reasons.Count == 0)
        {
            yield break;
        }
        yield return new(SignalType.CommunicationPatternChanged, severity, facts.AsOf,
            "Communication pattern changed: " + string.Join("; ", reasons) + ".", []);
    }

    /// <summary>A decider or buyer marked inactive (within the lookback when the date is known).</summary>
    public static IEnumerable<EarlyWarningSignal> KeyContactLeft(AccountSignalFacts facts, EarlyWarningOptions options)
    {
        foreach (var contact in facts.Contacts)
        {
            if (contact.Active || contact.Role is null || !options.KeyRoles.Contains(contact.Role, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            if (contact.InactiveSince is { } since && (since > facts.AsOf || !Lifecycle.IsWithinLastDays(since, facts.AsOf, options.LookbackDays)))
            {
                continue;
            }
            var remaining = facts.Contacts.Count(c => c.Active && string.Equals(c.Role, contact.Role, StringComparison.OrdinalIgnoreCase));
            var when = contact.InactiveSince is { } d ? $" since {d:yyyy-MM-dd}" : "";
            yield return new(SignalType.KeyContactLeft, remaining == 0 ? SignalSeverity.High : SignalSeverity.Medium, contact.InactiveSince ?? facts.AsOf,
                $"Key contact left: {contact.Name} ({contact.Role}) is inactive{when}; {remaining} active {contact.Role}(s) remain. The relationship has to be rebuilt.",
                [new("contact", contact.Id)]);
        }
    }

    /// <summary>Recommendation answers of 0–6 within the lookback.</summary>
    public static IEnumerable<EarlyWarningSignal> DetractorAnswers(AccountSignalFacts facts, EarlyWarningOptions options)
    {
        foreach (var answer in facts.RecommendAnswers)
        {
            if (answer.Score > options.DetractorScore || !Lifecycle.IsWithinLastDays(answer.AnsweredOn, facts.AsOf, options.LookbackDays))
            {
                continue;
            }
            var who = answer.ContactName is null ? "A respondent" : answer.ContactName;
            yield return new(SignalType.DetractorAnswer, answer.Score <= options.DetractorScoreHigh ? SignalSeverity.High : SignalSeverity.Medium, answer.AnsweredOn,
                $"Detractor answer: {who} rated the likelihood to recommend {answer.Score} of 10 on {answer.AnsweredOn:yyyy-MM-dd} (detractors: 0–{options.DetractorScore}).",
                [new("response", answer.ResponseId)]);
        }
    }

    /// <summary>The loyalty index fell by ≥ 10 points from the previous wave to the latest (closed within the lookback).</summary>
    public static IEnumerable<EarlyWarningSignal> LoyaltyIndexFall(AccountSignalFacts facts, EarlyWarningOptions options)
    {
        var waves = facts.LoyaltyWaves.Where(w => w.ClosedOn <= facts.AsOf).OrderBy(w => w.ClosedOn).ToList();
        if (waves.Count < 2)
        {
            yield break;
        }
        var (previous, latest) = (waves[^2], waves[^1]);
        var fall = previous.LoyaltyIndex - latest.LoyaltyIndex;
        if (fall < options.LoyaltyFall || !Lifecycle.IsWithinLastDays(latest.ClosedOn, facts.AsOf, options.LookbackDays))
        {
            yield break;
        }
        yield return new(SignalType.LoyaltyIndexFall, fall >= options.LoyaltyFallHigh ? SignalSeverity.High : SignalSeverity.Medium, latest.ClosedOn,
            string.Create(C, $"Loyalty index fell by {fall:0.#} points, from {previous.LoyaltyIndex:0.#} ({previous.WaveName}) to {latest.LoyaltyIndex:0.#} ({latest.WaveName}); threshold {options.LoyaltyFall:0.#} points."),
            [new("wave", previous.WaveId), new("wave", latest.WaveId)]);
    }

    /// <summary>Lock-in component above the attachment component (docs/definitions.md#loyalty-index-and-its-make-up).</summary>
    public static IEnumerable<EarlyWarningSignal> Captive(AccountSignalFacts facts)
    {
        if (facts.LockInComponent is not { } lockIn || facts.AttachmentComponent is not { } attachment || lockIn <= attachment)
        {
            yield break;
        }
        yield return new(SignalType.CaptiveRelationship, SignalSeverity.Medium, facts.AsOf,
            string.Create(C, $"Captive relationship: loyalty rests more on lock-in ({lockIn:0.#}) than on attachment ({attachment:0.#}); the customer stays because switching is hard and may leave once it is not."),
            facts.ComponentsWaveId is null ? [] : [new("wave", facts.ComponentsWaveId)]);
    }

    /// <summary>Complaints not resolved by <see cref="AccountSignalFacts.AsOf"/> although their SLA day has passed.</summary>
    public static IEnumerable<EarlyWarningSignal> ComplaintsPastSla(AccountSignalFacts facts, EarlyWarningOptions options)
    {
        foreach (var complaint in facts.Complaints)
        {
            var open = complaint.ResolvedOn is null || complaint.ResolvedOn > facts.AsOf;
            if (!open || complaint.ReceivedOn > facts.AsOf || facts.AsOf <= complaint.SlaDue)
            {
                continue;
            }
            var overdue = facts.AsOf.DayNumber - complaint.SlaDue.DayNumber;
            var serious = complaint.Severity is { } s && (s.Equals("high", StringComparison.OrdinalIgnoreCase) || s.Equals("critical", StringComparison.OrdinalIgnoreCase));
            var severityText = complaint.Severity is null ? "" : $" ({complaint.Severity} severity)";
            yield return new(SignalType.ComplaintPastSla,
                serious || overdue >= options.ComplaintOverdueHighDays ? SignalSeverity.High : SignalSeverity.Medium,
                complaint.SlaDue.AddDays(1),
                $"Complaint past its SLA: received {complaint.ReceivedOn:yyyy-MM-dd}{severityText}, due {complaint.SlaDue:yyyy-MM-dd}, still open {overdue} day(s) later.",
                [new("complaint", complaint.Id)]);
        }
    }

    /// <summary>A contract whose end or notice deadline (end − notice days) lies within the next 90 days.</summary>
    public static IEnumerable<EarlyWarningSignal> ContractDeadlines(AccountSignalFacts facts, EarlyWarningOptions options)
    {
        foreach (var contract in facts.Contracts)
        {
            if (contract.EndDate is not { } end)
            {
                continue;
            }
            var terminated = contract.TerminatedOn is { } t && t <= facts.AsOf;
            var reasons = new List<string>();
            var severity = SignalSeverity.Low;
            var daysToEnd = end.DayNumber - facts.AsOf.DayNumber;
            if (daysToEnd >= 0 && daysToEnd <= options.ContractHorizonDays)
            {
                severity = Max(severity, terminated || (!contract.AutoRenew && daysToEnd <= options.ContractUrgentDays) ? SignalSeverity.High
                    : contract.AutoRenew ? SignalSeverity.Low : SignalSeverity.Medium);
                reasons.Add(terminated
                    ? $"the contract was terminated on {contract.TerminatedOn:yyyy-MM-dd} and ends on {end:yyyy-MM-dd}, in {daysToEnd} days"
                    : $"the contract ends on {end:yyyy-MM-dd}, in {daysToEnd} days{(contract.AutoRenew ? " (it renews automatically)" : " and must be renewed")}");
            }
            if (!terminated && contract.NoticeDays is > 0 and var notice)
            {
                var deadline = end.AddDays(-notice);
                var daysToDeadline = deadline.DayNumber - facts.AsOf.DayNumber;
                if (daysToDeadline >= 0 && daysToDeadline <= options.ContractHorizonDays)
                {
                    severity = Max(severity, daysToDeadline <= options.ContractUrgentDays ? SignalSeverity.High : SignalSeverity.Medium);
                    reasons.Add($"the notice deadline ({notice} days before the end on {end:yyyy-MM-dd}) is {deadline:yyyy-MM-dd}, in {daysToDeadline} days");
                }
            }
            if (reasons.Count == 0)
            {
                continue;
            }
            yield return new(SignalType.ContractDeadline, severity, facts.AsOf,
                "Contract deadline: " + string.Join("; ", reasons) + ".", [new("contract", contract.Id)]);
        }
    }

    private static SignalSeverity Max(SignalSeverity a, SignalSeverity b) => a >= b ? a : b;
}
