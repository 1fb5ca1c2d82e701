using System.Globalization;

namespace Rapport.Analytics.Retention;

/// <summary>Phase in the customer lifecycle (Kundenlebenszyklus, docs/domain.md#glossary, docs/retention.md#lifecycle-phases).</summary>
public enum LifecyclePhase
{
    /// <summary>Anbahnung: no transaction yet (a prospect).</summary>
    Initiation,
    /// <summary>Exploration/Sozialisierung: a young relationship with few transactions.</summary>
    Exploration,
    /// <summary>Expansion/Wachstum: revenue growing.</summary>
    Expansion,
    /// <summary>Reife: a stable relationship.</summary>
    Maturity,
    /// <summary>Gefährdung: at risk.</summary>
    Endangerment,
    /// <summary>Kündigung: lost.</summary>
    Termination,
    /// <summary>Revitalisierung: won back after a termination.</summary>
    Revitalization,
}

/// <summary>What the lifecycle rules of docs/retention.md#lifecycle-phases look at, for one account on one day.</summary>
public sealed record LifecycleFacts
{
    /// <summary>The day evaluated.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Day of the first transaction ever (null: none).</summary>
    public DateOnly? FirstTransaction { get; init; }

    /// <summary>Day of the last transaction up to <see cref="AsOf"/> (informational; shown in reasons).</summary>
    public DateOnly? LastTransaction { get; init; }

    /// <summary>Number of transactions (a day's merged non-negative lines, docs/definitions.md#transactions-and-clv-models) up to <see cref="AsOf"/>.</summary>
    public int TransactionCount { get; init; }

    /// <summary>Active on <see cref="AsOf"/> in the sense of docs/definitions.md#retention-kpis (a transaction in the active window, or a running contract).</summary>
    public bool IsActive { get; init; }

    /// <summary>The customer has terminated its contract (notice given or ended by termination).</summary>
    public bool ContractTerminated { get; init; }

    /// <summary>P(alive) from a BG/NBD or Pareto/NBD model in [0, 1]; null when no model covers the account.</summary>
    public double? PAlive { get; init; }

    /// <summary>Whether a high-severity early-warning signal (docs/retention.md#early-warning-signals) is open on the account.</summary>
    public bool HasHighSeveritySignal { get; init; }

    /// <summary>Net revenue of the last 12 months.</summary>
    public decimal RevenueLast12Months { get; init; }

    /// <summary>Net revenue of the 12 months before those.</summary>
    public decimal RevenuePrior12Months { get; init; }

    /// <summary>The last day the account was in <see cref="LifecyclePhase.Termination"/> before <see cref="AsOf"/> (from its phase history); null if never.</summary>
    public DateOnly? LastDayInTermination { get; init; }
}

/// <summary>Thresholds of the lifecycle rules (docs/retention.md#lifecycle-phases); the defaults are the specified values.</summary>
public sealed record LifecycleOptions
{
    /// <summary>Rule 2: P(alive) below this means termination (default 0.15).</summary>
    public double TerminationPAlive { get; init; } = 0.15;

    /// <summary>Rule 5: P(alive) below this means endangerment (default 0.5).</summary>
    public double EndangermentPAlive { get; init; } = 0.5;

    /// <summary>
    /// Rules 3 and 4: "within the last N days" (default 365) — a day d is within the last N days of the evaluated
    /// day t when <c>t − N &lt; d ≤ t</c>, the same N-day window as "active" in docs/definitions.md#retention-kpis.
    /// </summary>
    public int RecentDays { get; init; } = 365;

    /// <summary>Rule 4: at most this many transactions for exploration (default 2).</summary>
    public int ExplorationMaxTransactions { get; init; } = 2;

    /// <summary>Rule 6: last-12-month revenue at least this multiple of the 12 months before means expansion (default 1.2).</summary>
    public decimal ExpansionRevenueRatio { get; init; } = 1.2m;
}

/// <summary>The phase of an account, the rule (1–7 of docs/retention.md#lifecycle-phases) that decided it, and why in plain language.</summary>
public sealed record LifecycleAssessment(LifecyclePhase Phase, int Rule, string Reason);

/// <summary>
/// The lifecycle phase of docs/retention.md#lifecycle-phases: the first matching rule of seven, evaluated in the specified order, wins.
/// Pure: the caller supplies the facts (from orders, contracts, the CLV model, open signals and the phase history).
/// </summary>
public static class Lifecycle
{
    /// <summary>
    /// Evaluates the rules in order:
    /// 1 no transaction → initiation;
    /// 2 not active, contract terminated, or P(alive) &lt; 0.15 → termination;
    /// 3 (active again) after termination within the last 365 days → revitalization;
    /// 4 first transaction within the last 365 days and ≤ 2 transactions → exploration;
    /// 5 a high-severity signal, or P(alive) &lt; 0.5 → endangerment;
    /// 6 last-12-month revenue ≥ 120 % of the 12 months before → expansion (a prior year with revenue ≤ 0 counts as 0,
    ///   and the last 12 months then need positive revenue);
    /// 7 otherwise maturity.
    /// A missing P(alive) satisfies neither P(alive) condition.
    /// </summary>
    public static LifecycleAssessment Evaluate(LifecycleFacts facts, LifecycleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        options ??= new LifecycleOptions();
        var c = CultureInfo.InvariantCulture;

        if (facts.TransactionCount <= 0 || facts.FirstTransaction is null)
        {
            return new(LifecyclePhase.Initiation, 1, "No transaction yet: a prospect.");
        }

        var lost = new List<string>();
        if (!facts.IsActive)
        {
            lost.Add(facts.LastTransaction is { } last
                ? $"not active (last transaction {last:yyyy-MM-dd}, {facts.AsOf.DayNumber - last.DayNumber} days ago, and no running contract)"
                : "not active (no transaction in the active window and no running contract)");
        }
        if (facts.ContractTerminated)
        {
            lost.Add("the contract is terminated");
        }
        if (facts.PAlive < options.TerminationPAlive)
        {
            lost.Add(string.Create(c, $"P(alive) is {facts.PAlive:0.00}, below {options.TerminationPAlive:0.00}"));
        }
        if (lost.Count > 0)
        {
            return new(LifecyclePhase.Termination, 2, Capitalize(string.Join("; ", lost)) + ".");
        }

        if (facts.LastDayInTermination is { } terminated && IsWithinLastDays(terminated, facts.AsOf, options.RecentDays))
        {
            return new(LifecyclePhase.Revitalization, 3,
                $"Active again after having been lost (in termination until {terminated:yyyy-MM-dd}, within the last {options.RecentDays} days).");
        }

        if (IsWithinLastDays(facts.FirstTransaction.Value, facts.AsOf, options.RecentDays)
            && facts.TransactionCount <= options.ExplorationMaxTransactions)
        {
            return new(LifecyclePhase.Exploration, 4,
                $"First transaction on {facts.FirstTransaction:yyyy-MM-dd}, within the last {options.RecentDays} days, and only {facts.TransactionCount} transaction(s) so far.");
        }

        var risk = new List<string>();
        if (facts.HasHighSeveritySignal)
        {
            risk.Add("a high-severity early-warning signal is open");
        }
        if (facts.PAlive < options.EndangermentPAlive)
        {
            risk.Add(string.Create(c, $"P(alive) is {facts.PAlive:0.00}, below {options.EndangermentPAlive:0.00}"));
        }
        if (risk.Count > 0)
        {
            return new(LifecyclePhase.Endangerment, 5, Capitalize(string.Join("; ", risk)) + ".");
        }

        var prior = Math.Max(facts.RevenuePrior12Months, 0);
        if (facts.RevenueLast12Months > 0 && facts.RevenueLast12Months >= options.ExpansionRevenueRatio * prior)
        {
            return new(LifecyclePhase.Expansion, 6, prior > 0
                ? string.Create(c, $"Revenue of the last 12 months ({facts.RevenueLast12Months:N2}) is {facts.RevenueLast12Months / prior:P0} of the 12 months before ({facts.RevenuePrior12Months:N2}), at least {options.ExpansionRevenueRatio:P0}.")
                : string.Create(c, $"Revenue of the last 12 months ({facts.RevenueLast12Months:N2}) after none in the 12 months before."));
        }

        return new(LifecyclePhase.Maturity, 7, string.Create(c,
            $"An established, active relationship without risk signs; revenue of the last 12 months {facts.RevenueLast12Months:N2} vs {facts.RevenuePrior12Months:N2} before."));
    }

    /// <summary>Whether <paramref name="day"/> is one of the <paramref name="days"/> days ending with <paramref name="asOf"/>.</summary>
    public static bool IsWithinLastDays(DateOnly day, DateOnly asOf, int days) =>
        day <= asOf && day.DayNumber > asOf.DayNumber - days;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
