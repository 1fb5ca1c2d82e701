using Rapport.Analytics.Clv;
using Rapport.Analytics.Retention;

namespace Rapport.Core.Retention;

/// <summary>
/// Settings of the scoring job (configuration section <c>Rapport:Scoring</c>, e.g. <c>Rapport__Scoring__NightlyAt=03:30</c>).
/// The thresholds of the lifecycle and early-warning rules are those of docs/retention.md#lifecycle-phases and docs/retention.md#early-warning-signals unless changed here.
/// </summary>
public sealed class ScoringOptions
{
    public const string Section = "Rapport:Scoring";

    /// <summary>Run the job every night (the web host). Default true.</summary>
    public bool Nightly { get; set; } = true;

    /// <summary>Local time of day of the nightly run, <c>HH:mm</c>. Default 02:30.</summary>
    public string NightlyAt { get; set; } = "02:30";

    /// <summary>Score once at start-up when accounts exist but no scores do (e.g. right after the demo seed). Default true.</summary>
    public bool RunAtStartup { get; set; } = true;

    /// <summary>How often an instance looks for runs requested on another instance, in seconds. Default 30.</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>Time unit of the BG/NBD model: day, week, month or year. Default week.</summary>
    public string TimeUnit { get; set; } = "week";

    /// <summary>CLV horizon in months (monthly periods, docs/definitions.md#transactions-and-clv-models). Default 36.</summary>
    public int ClvHorizonMonths { get; set; } = 36;

    /// <summary>Annual discount rate of the CLV. Default 0.10.</summary>
    public double AnnualDiscountRate { get; set; } = 0.10;

    /// <summary>Margin applied to the expected spend in the CLV (1 = revenue CLV). Default 1.</summary>
    public double Margin { get; set; } = 1;

    /// <summary>Active window W of docs/definitions.md#retention-kpis in days: a transaction within the last W days, or a running contract. Default 365.</summary>
    public int ActiveWindowDays { get; set; } = 365;

    /// <summary>On the first run, also evaluate every 30 days over this many months back (phase history, P(alive) over time). Default 12; 0 = off.</summary>
    public int BackfillMonths { get; set; } = 12;

    /// <summary>New signals of at least this severity create a task for the account owner: low, medium or high. Default medium.</summary>
    public string TaskMinimumSeverity { get; set; } = "medium";

    /// <summary>A usual rhythm (days between orders) is taken from at least this many transactions. Default 3.</summary>
    public int MinTransactionsForRhythm { get; set; } = 3;

    /// <summary>Lifecycle thresholds (docs/retention.md#lifecycle-phases).</summary>
    public LifecycleSettings Lifecycle { get; set; } = new();

    /// <summary>Early-warning thresholds (docs/retention.md#early-warning-signals).</summary>
    public SignalSettings Signals { get; set; } = new();

    /// <summary>The model's time unit; <see cref="ScoringOptionsException"/> names the setting when it is not one.</summary>
    public TimeUnit ParsedTimeUnit() =>
        TimeUnits.TryParse(TimeUnit, out var unit) ? unit
        : throw new ScoringOptionsException($"{Section}:TimeUnit must be day, week, month or year (was '{TimeUnit}').");

    /// <summary>The task threshold as a severity.</summary>
    public SignalSeverity ParsedTaskMinimumSeverity() =>
        Enum.TryParse<SignalSeverity>(TaskMinimumSeverity, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s
        : throw new ScoringOptionsException($"{Section}:TaskMinimumSeverity must be low, medium or high (was '{TaskMinimumSeverity}').");

    /// <summary>The nightly time of day.</summary>
    public TimeOnly ParsedNightlyAt() =>
        TimeOnly.TryParseExact(NightlyAt, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t) ? t
        : throw new ScoringOptionsException($"{Section}:NightlyAt must be a time of day as HH:mm (was '{NightlyAt}').");

    /// <summary>Checks every setting; throws <see cref="ScoringOptionsException"/> naming the first bad one.</summary>
    public void Validate()
    {
        ParsedTimeUnit();
        ParsedTaskMinimumSeverity();
        ParsedNightlyAt();
        Require(ClvHorizonMonths is >= 1 and <= 240, "ClvHorizonMonths", "between 1 and 240");
        Require(AnnualDiscountRate is >= 0 and <= 1, "AnnualDiscountRate", "between 0 and 1");
        Require(Margin is >= 0 and <= 1, "Margin", "between 0 and 1");
        Require(ActiveWindowDays is >= 1 and <= 3650, "ActiveWindowDays", "between 1 and 3650");
        Require(BackfillMonths is >= 0 and <= 24, "BackfillMonths", "between 0 and 24");
        Require(PollSeconds is >= 1 and <= 3600, "PollSeconds", "between 1 and 3600");
        Require(MinTransactionsForRhythm is >= 2 and <= 100, "MinTransactionsForRhythm", "between 2 and 100");
        Require(Lifecycle.TerminationPAlive is >= 0 and <= 1, "Lifecycle:TerminationPAlive", "between 0 and 1");
        Require(Lifecycle.EndangermentPAlive is >= 0 and <= 1, "Lifecycle:EndangermentPAlive", "between 0 and 1");
        Require(Lifecycle.ExplorationMaxTransactions >= 1, "Lifecycle:ExplorationMaxTransactions", "at least 1");
        Require(Lifecycle.ExpansionRevenueRatio > 0, "Lifecycle:ExpansionRevenueRatio", "positive");
        Require(Signals.OverdueFactor > 0, "Signals:OverdueFactor", "positive");
        Require(Signals.PAliveDrop is > 0 and <= 1, "Signals:PAliveDrop", "between 0 and 1");
        Require(Signals.RevenueShare is > 0 and < 1, "Signals:RevenueShare", "between 0 and 1");
        Require(Signals.InteractionShare is > 0 and < 1, "Signals:InteractionShare", "between 0 and 1");
        Require(Signals.LookbackDays >= 1, "Signals:LookbackDays", "at least 1");
        Require(Signals.ContractHorizonDays >= 1, "Signals:ContractHorizonDays", "at least 1");
        Require(Signals.RiskWeightHigh is >= 0 and <= 1, "Signals:RiskWeightHigh", "between 0 and 1");
        Require(Signals.RiskWeightMedium is >= 0 and <= 1, "Signals:RiskWeightMedium", "between 0 and 1");
        Require(Signals.RiskWeightLow is >= 0 and <= 1, "Signals:RiskWeightLow", "between 0 and 1");
    }

    /// <summary>The lifecycle rule options of the analytics library.</summary>
    public LifecycleOptions ToLifecycleOptions() => new()
    {
        TerminationPAlive = Lifecycle.TerminationPAlive,
        EndangermentPAlive = Lifecycle.EndangermentPAlive,
        RecentDays = ActiveWindowDays,
        ExplorationMaxTransactions = Lifecycle.ExplorationMaxTransactions,
        ExpansionRevenueRatio = Lifecycle.ExpansionRevenueRatio,
    };

    /// <summary>The early-warning options of the analytics library (other thresholds keep their documented defaults).</summary>
    public EarlyWarningOptions ToEarlyWarningOptions() => new()
    {
        OverdueFactor = Signals.OverdueFactor,
        PAliveDrop = Signals.PAliveDrop,
        RevenueShare = Signals.RevenueShare,
        InteractionShare = Signals.InteractionShare,
        LookbackDays = Signals.LookbackDays,
        ContractHorizonDays = Signals.ContractHorizonDays,
    };

    private static void Require(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ScoringOptionsException($"{Section}:{name} must be {rule}.");
        }
    }

    /// <summary>Thresholds of docs/retention.md#lifecycle-phases.</summary>
    public sealed class LifecycleSettings
    {
        public double TerminationPAlive { get; set; } = 0.15;
        public double EndangermentPAlive { get; set; } = 0.5;
        public int ExplorationMaxTransactions { get; set; } = 2;
        public decimal ExpansionRevenueRatio { get; set; } = 1.2m;
    }

    /// <summary>Thresholds of docs/retention.md#early-warning-signals.</summary>
    public sealed class SignalSettings
    {
        public double OverdueFactor { get; set; } = 1.5;
        public double PAliveDrop { get; set; } = 0.2;
        public decimal RevenueShare { get; set; } = 0.7m;
        public double InteractionShare { get; set; } = 0.5;
        public int LookbackDays { get; set; } = 180;
        public int ContractHorizonDays { get; set; } = 90;

        /// <summary>How much an open high-severity signal lowers the chance of keeping the account's value (CLV at risk). Default 0.3.</summary>
        public double RiskWeightHigh { get; set; } = 0.3;

        /// <summary>… a medium one. Default 0.1.</summary>
        public double RiskWeightMedium { get; set; } = 0.1;

        /// <summary>… a low one. Default 0.02.</summary>
        public double RiskWeightLow { get; set; } = 0.02;

        /// <summary>The weight of a signal of <paramref name="severity"/>.</summary>
        public double RiskWeight(SignalSeverity severity) => severity switch
        {
            SignalSeverity.High => RiskWeightHigh,
            SignalSeverity.Medium => RiskWeightMedium,
            _ => RiskWeightLow,
        };
    }
}

/// <summary>A setting of <see cref="ScoringOptions"/> is invalid; the message names it.</summary>
public sealed class ScoringOptionsException(string message) : Exception(message);
