namespace Rapport.Analytics.Clv;

/// <summary>How CLV is discounted and over which horizon (docs/definitions.md#transactions-and-clv-models).</summary>
public sealed record ClvOptions
{
    /// <summary>Length of one CLV period in the model's time units (e.g. 30.4375/7 for months with a weekly model; 1 for BG/BB periods); &gt; 0.</summary>
    public required double PeriodLength { get; init; }

    /// <summary>Number of periods H; ≥ 1.</summary>
    public required int Periods { get; init; }

    /// <summary>Discount rate d per period; ≥ 0.</summary>
    public required double DiscountRate { get; init; }

    /// <summary>Margin applied to the expected spend (1 = revenue); ≥ 0.</summary>
    public double Margin { get; init; } = 1;
}

/// <summary>
/// CLV = Σ_{k=1..H} E[transactions in period k] · E[Z] · margin / (1 + d)^k, where the expected transactions in period k are
/// E[Y(k·L) | history] − E[Y((k−1)·L) | history] for period length L (docs/definitions.md#transactions-and-clv-models).
/// </summary>
public static class CustomerLifetimeValue
{
    /// <summary>The per-period discount rate equivalent to an annual rate for periods of <paramref name="periodDays"/> days: (1 + annual)^(days/365.25) − 1.</summary>
    public static double PeriodRate(double annualRate, double periodDays)
    {
        if (!(annualRate >= 0) || !double.IsFinite(annualRate) || !(periodDays > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(annualRate), annualRate, "The annual discount rate must be >= 0 and the period positive.");
        }
        return Math.Pow(1 + annualRate, periodDays / 365.25) - 1;
    }

    /// <summary>Σ_{k=1..H} E[transactions in period k] / (1 + d)^k: the discounted expected transactions, which depend on the history alone.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public static double DiscountedExpectedTransactions(IRepeatTransactionModel model, PurchaseHistory history, ClvOptions options)
    {
        Validate(options);
        if (model is BgBbModel discrete && options.PeriodLength == Math.Floor(options.PeriodLength) && options.PeriodLength * options.Periods <= int.MaxValue)
        {
            return DiscountedPerPeriod(discrete, history, options);
        }
        double total = 0, previous = 0, discount = 1;
        for (var k = 1; k <= options.Periods; k++)
        {
            var cumulative = model.ConditionalExpectedTransactions(history, k * options.PeriodLength);
            discount /= 1 + options.DiscountRate;
            // Rounding can make the increment a hair negative when the customer is almost surely gone.
            total += Math.Max(0, cumulative - previous) * discount;
            previous = cumulative;
        }
        return total;
    }

    private static double DiscountedPerPeriod(BgBbModel model, PurchaseHistory history, ClvOptions options)
    {
        var length = (int)options.PeriodLength;
        var perPeriod = model.ExpectedTransactionsPerPeriod(history, length * options.Periods);
        double total = 0, discount = 1;
        for (var k = 0; k < options.Periods; k++)
        {
            discount /= 1 + options.DiscountRate;
            double increment = 0;
            for (var i = k * length; i < (k + 1) * length; i++)
            {
                increment += perPeriod[i];
            }
            total += increment * discount;
        }
        return total;
    }

    /// <summary>CLV of one customer: <see cref="DiscountedExpectedTransactions"/> × expected spend × margin.</summary>
    /// <param name="model">The fitted transaction model.</param>
    /// <param name="history">The customer's calibration history.</param>
    /// <param name="expectedSpend">E[Z] for the customer (e.g. <see cref="GammaGammaModel.ExpectedSpend"/>); ≥ 0.</param>
    /// <param name="options">Horizon, discount rate and margin.</param>
    public static double Compute(IRepeatTransactionModel model, PurchaseHistory history, double expectedSpend, ClvOptions options)
    {
        if (!(expectedSpend >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedSpend), expectedSpend, "Expected spend must be >= 0.");
        }
        return DiscountedExpectedTransactions(model, history, options) * expectedSpend * options.Margin;
    }

    private static void Validate(ClvOptions o)
    {
        if (!(o.PeriodLength > 0) || !double.IsFinite(o.PeriodLength) || o.Periods < 1 || !(o.DiscountRate >= 0) || !double.IsFinite(o.DiscountRate)
            || !(o.Margin >= 0) || !double.IsFinite(o.Margin))
        {
            throw new ArgumentOutOfRangeException(nameof(o), o, "CLV needs a positive period length, at least one period, a discount rate >= 0 and a margin >= 0.");
        }
    }
}
