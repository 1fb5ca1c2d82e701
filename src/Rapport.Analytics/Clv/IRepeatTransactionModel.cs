namespace Rapport.Analytics.Clv;

/// <summary>
/// A fitted "buy till you die" model of repeat transactions: BG/NBD, Pareto/NBD (continuous time) or BG/BB (discrete periods).
/// Times are in the model's time unit; for BG/BB they are whole numbers of periods.
/// </summary>
public interface IRepeatTransactionModel
{
    /// <summary>The model's name on the command line and in JSON: <c>bgnbd</c>, <c>pareto-nbd</c>, <c>bgbb</c>.</summary>
    string Name { get; }

    /// <summary>The parameters in the order and with the names of docs/cli.md#analyze-commands.</summary>
    IReadOnlyList<ModelParameter> Parameters { get; }

    /// <summary>ln of the likelihood of one customer's history.</summary>
    double LogLikelihood(PurchaseHistory history);

    /// <summary>Probability that a customer with this history is still alive at the end of calibration (BG/BB: in period n + 1); in [0, 1].</summary>
    double ProbabilityAlive(PurchaseHistory history);

    /// <summary>Expected repeat transactions of a new customer in (0, t] (unconditional, E[X(t)]).</summary>
    double ExpectedTransactions(double t);

    /// <summary>Expected transactions in the next <paramref name="t"/> time units given the history, E[Y(t) | x, t_x, T]; 0 for t = 0, increasing in t.</summary>
    double ConditionalExpectedTransactions(PurchaseHistory history, double t);
}
