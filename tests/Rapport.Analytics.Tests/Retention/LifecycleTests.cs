using Rapport.Analytics.Retention;

namespace Rapport.Analytics.Tests.Retention;

public sealed class LifecycleTests
{
    private static readonly DateOnly AsOf = new(2024, 6, 30);

    /// <summary>An established account that matches no rule before 7: five years old, active, steady revenue, healthy.</summary>
    private static readonly LifecycleFacts Mature = new()
    {
        AsOf = AsOf,
        FirstTransaction = new DateOnly(2019, 3, 1),
        LastTransaction = new DateOnly(2024, 6, 1),
        TransactionCount = 40,
        IsActive = true,
        PAlive = 0.9,
        RevenueLast12Months = 100_000m,
        RevenuePrior12Months = 95_000m,
    };

    [Fact]
    public void Evaluate_NoTransaction_Initiation()
    {
        var result = Lifecycle.Evaluate(new LifecycleFacts { AsOf = AsOf, IsActive = true, PAlive = 0.01, ContractTerminated = true });

        Assert.Equal(LifecyclePhase.Initiation, result.Phase);
        Assert.Equal(1, result.Rule);
    }

    [Fact]
    public void Evaluate_NotActive_TerminationWithDaysSinceLastTransaction()
    {
        var result = Lifecycle.Evaluate(Mature with { IsActive = false, LastTransaction = new DateOnly(2023, 6, 1) });

        Assert.Equal(LifecyclePhase.Termination, result.Phase);
        Assert.Equal(2, result.Rule);
        Assert.Contains("395 days ago", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ContractTerminated_Termination()
    {
        var result = Lifecycle.Evaluate(Mature with { ContractTerminated = true });

        Assert.Equal(LifecyclePhase.Termination, result.Phase);
        Assert.Contains("contract is terminated", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PAliveBelowTerminationThreshold_Termination()
    {
        Assert.Equal(LifecyclePhase.Termination, Lifecycle.Evaluate(Mature with { PAlive = 0.149 }).Phase);
        Assert.Equal(LifecyclePhase.Endangerment, Lifecycle.Evaluate(Mature with { PAlive = 0.15 }).Phase);
    }

    [Fact]
    public void Evaluate_ActiveAgainAfterTerminationWithinYear_RevitalizationBeforeExplorationAndEndangerment()
    {
        // Also young with 2 transactions (rule 4) and P(alive) 0.3 (rule 5): rule 3 comes first.
        var facts = Mature with
        {
            LastDayInTermination = new DateOnly(2023, 7, 2),
            FirstTransaction = new DateOnly(2023, 7, 15),
            TransactionCount = 2,
            PAlive = 0.3,
        };

        var result = Lifecycle.Evaluate(facts);

        Assert.Equal(LifecyclePhase.Revitalization, result.Phase);
        Assert.Equal(3, result.Rule);
        // The 365 days ending 2024-06-30 start on 2023-07-02 (2024 is a leap year); a day earlier no longer counts.
        Assert.Equal(LifecyclePhase.Endangerment, Lifecycle.Evaluate(Mature with { LastDayInTermination = new DateOnly(2023, 7, 1), PAlive = 0.3 }).Phase);
    }

    [Fact]
    public void Evaluate_InactiveAfterEarlierTermination_TerminationBeforeRevitalization()
    {
        var result = Lifecycle.Evaluate(Mature with { LastDayInTermination = new DateOnly(2024, 1, 1), IsActive = false });

        Assert.Equal(LifecyclePhase.Termination, result.Phase);
    }

    [Fact]
    public void Evaluate_FirstTransactionWithinYearAndTwoTransactions_Exploration()
    {
        var young = Mature with { FirstTransaction = new DateOnly(2023, 7, 2), TransactionCount = 2, PAlive = 0.4, HasHighSeveritySignal = true };

        var result = Lifecycle.Evaluate(young);

        Assert.Equal(LifecyclePhase.Exploration, result.Phase);
        Assert.Equal(4, result.Rule);
        Assert.Equal(LifecyclePhase.Endangerment, Lifecycle.Evaluate(young with { TransactionCount = 3 }).Phase);
        Assert.Equal(LifecyclePhase.Endangerment, Lifecycle.Evaluate(young with { FirstTransaction = new DateOnly(2023, 7, 1) }).Phase);
    }

    [Fact]
    public void Evaluate_HighSeveritySignal_EndangermentBeforeExpansion()
    {
        var result = Lifecycle.Evaluate(Mature with { HasHighSeveritySignal = true, RevenueLast12Months = 200_000m });

        Assert.Equal(LifecyclePhase.Endangerment, result.Phase);
        Assert.Equal(5, result.Rule);
        Assert.Contains("high-severity", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PAliveBelowHalf_Endangerment()
    {
        var result = Lifecycle.Evaluate(Mature with { PAlive = 0.49 });

        Assert.Equal(LifecyclePhase.Endangerment, result.Phase);
        Assert.Contains("0.49", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RevenueUpTwentyPercent_Expansion()
    {
        var result = Lifecycle.Evaluate(Mature with { RevenueLast12Months = 120_000m, RevenuePrior12Months = 100_000m });

        Assert.Equal(LifecyclePhase.Expansion, result.Phase);
        Assert.Equal(6, result.Rule);
        Assert.Contains("120%", result.Reason.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(LifecyclePhase.Maturity, Lifecycle.Evaluate(Mature with { RevenueLast12Months = 119_999m, RevenuePrior12Months = 100_000m }).Phase);
    }

    [Fact]
    public void Evaluate_NoPriorRevenue_ExpansionOnlyWithPositiveRevenue()
    {
        Assert.Equal(LifecyclePhase.Expansion, Lifecycle.Evaluate(Mature with { RevenueLast12Months = 10m, RevenuePrior12Months = 0m }).Phase);
        Assert.Equal(LifecyclePhase.Maturity, Lifecycle.Evaluate(Mature with { RevenueLast12Months = 0m, RevenuePrior12Months = 0m }).Phase);
    }

    [Fact]
    public void Evaluate_NothingSpecial_Maturity()
    {
        var result = Lifecycle.Evaluate(Mature);

        Assert.Equal(LifecyclePhase.Maturity, result.Phase);
        Assert.Equal(7, result.Rule);
    }

    [Fact]
    public void Evaluate_CustomThresholds_Applied()
    {
        var options = new LifecycleOptions { EndangermentPAlive = 0.95, ExpansionRevenueRatio = 1.01m };

        Assert.Equal(LifecyclePhase.Endangerment, Lifecycle.Evaluate(Mature, options).Phase);
        Assert.Equal(LifecyclePhase.Expansion, Lifecycle.Evaluate(Mature with { PAlive = null }, options).Phase);
    }
}
