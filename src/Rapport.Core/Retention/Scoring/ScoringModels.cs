using Rapport.Analytics.Clv;

namespace Rapport.Core.Retention.Scoring;

/// <summary>The fitted models of a run, as stored in <c>scoring_runs.model</c>.</summary>
public sealed record ScoringModelInfo(
    string TimeUnit,
    int Customers,
    int RepeatCustomers,
    IReadOnlyDictionary<string, double>? BgNbd,
    double? BgNbdLogLikelihood,
    IReadOnlyDictionary<string, double>? GammaGamma,
    double? GammaGammaLogLikelihood,
    int ClvHorizonMonths,
    double AnnualDiscountRate,
    double Margin,
    IReadOnlyList<string> Warnings);

/// <summary>
/// BG/NBD and Gamma-Gamma (docs/definitions.md#transactions-and-clv-models) fitted on the whole customer base of a run, and the per-account figures they give:
/// P(alive), expected transactions in the next 12 months, expected spend and CLV. Either model may be missing when it
/// cannot be fitted (too few customers or repeat purchases); the figures that need it are then null.
/// </summary>
public sealed class ScoringModels
{
    private readonly ClvOptions? _clv;

    private ScoringModels(TimeUnit unit, BgNbdModel? transactions, GammaGammaModel? spend, ClvOptions? clv, ScoringModelInfo info)
    {
        Unit = unit;
        Transactions = transactions;
        Spend = spend;
        _clv = clv;
        Info = info;
    }

    public TimeUnit Unit { get; }
    public BgNbdModel? Transactions { get; }
    public GammaGammaModel? Spend { get; }
    public ScoringModelInfo Info { get; }

    /// <summary>The calibration history of an account as of <paramref name="day"/> (null without a transaction by then).</summary>
    public PurchaseHistory? History(DateOnly? first, TransactionPoint point, DateOnly day)
    {
        if (first is not { } f || point.Count == 0 || point.Last is not { } last || f > day)
        {
            return null;
        }
        var unitDays = Unit.Days();
        var x = point.Count - 1;
        return new PurchaseHistory(x, x == 0 ? 0 : (last.DayNumber - f.DayNumber) / unitDays, (day.DayNumber - f.DayNumber) / unitDays);
    }

    /// <summary>Fits both models on the histories as of the run's day.</summary>
    public static ScoringModels Fit(IReadOnlyCollection<(PurchaseHistory History, double MeanRepeatValue)> customers, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(options);
        var unit = options.ParsedTimeUnit();
        var warnings = new List<string>();
        BgNbdModel? bgnbd = null;
        double? bgnbdLl = null;
        try
        {
            var fit = BgNbdModel.Fit(customers.Select(c => c.History));
            bgnbd = fit.Model;
            bgnbdLl = fit.LogLikelihood;
            warnings.AddRange(fit.Warnings.Select(w => "BG/NBD: " + w));
        }
        catch (ModelFitException ex)
        {
            warnings.Add(ex.Message);
        }

        GammaGammaModel? gg = null;
        double? ggLl = null;
        try
        {
            var fit = GammaGammaModel.Fit(customers.Select(c => new SpendHistory(c.History.X, c.MeanRepeatValue)));
            gg = fit.Model;
            ggLl = fit.LogLikelihood;
            warnings.AddRange(fit.Warnings.Select(w => "Gamma-Gamma: " + w));
            if (!(gg.Q > 1))
            {
                warnings.Add("Gamma-Gamma: q <= 1, the population mean spend is unbounded; no expected spend for customers without repeat purchases.");
            }
        }
        catch (ModelFitException ex)
        {
            warnings.Add(ex.Message);
        }

        var unitDays = unit.Days();
        var clv = new ClvOptions
        {
            PeriodLength = 30.4375 / unitDays,
            Periods = options.ClvHorizonMonths,
            DiscountRate = CustomerLifetimeValue.PeriodRate(options.AnnualDiscountRate, 30.4375),
            Margin = options.Margin,
        };
        var info = new ScoringModelInfo(unit.Name(), customers.Count, customers.Count(c => c.History.X > 0),
            bgnbd?.Parameters.ToDictionary(p => p.Name, p => p.Value), bgnbdLl,
            gg?.Parameters.ToDictionary(p => p.Name, p => p.Value), ggLl,
            options.ClvHorizonMonths, options.AnnualDiscountRate, options.Margin, warnings);
        return new ScoringModels(unit, bgnbd, gg, clv, info);
    }

    /// <summary>P(alive | history); null without a model or history.</summary>
    public double? PAlive(PurchaseHistory? history) =>
        Transactions is null || history is not { } h ? null : Math.Clamp(Transactions.ProbabilityAlive(h), 0, 1);

    /// <summary>E[transactions in the next 365.25 days | history].</summary>
    public double? ExpectedTransactions12Months(PurchaseHistory? history) =>
        Transactions is null || history is not { } h ? null
        : Finite(Math.Max(0, Transactions.ConditionalExpectedTransactions(h, 365.25 / Unit.Days())));

    /// <summary>E[Z | x, z̄] of the Gamma-Gamma model.</summary>
    public double? ExpectedSpend(int x, double meanRepeatValue) =>
        Spend is null ? null : Finite(Spend.ExpectedSpend(x, x > 0 ? Math.Max(0, meanRepeatValue) : 0));

    /// <summary>CLV over the configured horizon (docs/definitions.md#transactions-and-clv-models); null when a model or the expected spend is missing.</summary>
    public double? Clv(PurchaseHistory? history, double? expectedSpend) =>
        Transactions is null || history is not { } h || expectedSpend is not { } spend || _clv is null ? null
        : Finite(CustomerLifetimeValue.Compute(Transactions, h, spend, _clv));

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
