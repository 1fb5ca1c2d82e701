namespace Rapport.Analytics.Clv;

/// <summary>
/// What the continuous-time models (BG/NBD, Pareto/NBD) need of one customer, in model time units (docs/definitions.md#transactions-and-clv-models).
/// For the discrete BG/BB model the same three numbers are counts of periods: x active periods among 1..n,
/// t_x the last of them (0 if none), T = n.
/// </summary>
/// <param name="X">Number of repeat transactions (all but the first); ≥ 0.</param>
/// <param name="Tx">Time from the first to the last transaction (recency t_x); 0 when <paramref name="X"/> is 0.</param>
/// <param name="T">Time from the first transaction to the end of the calibration period; ≥ <paramref name="Tx"/>.</param>
public readonly record struct PurchaseHistory(int X, double Tx, double T)
{
    /// <summary>Throws when the triple is impossible (negative, t_x &gt; T, t_x &gt; 0 without repeat transactions, non-finite).</summary>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public void Validate()
    {
        if (X < 0 || !double.IsFinite(Tx) || !double.IsFinite(T) || Tx < 0 || T < 0 || Tx > T || (X == 0 && Tx != 0))
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"Invalid purchase history x = {X}, t_x = {Tx}, T = {T}: need x >= 0, 0 <= t_x <= T, and t_x = 0 when x = 0."));
        }
    }
}

/// <summary>A purchase history with the number of customers who share it, so that fits run on distinct rows.</summary>
/// <param name="History">The shared (x, t_x, T).</param>
/// <param name="Count">How many customers have it; ≥ 1.</param>
public readonly record struct HistoryCount(PurchaseHistory History, long Count);

/// <summary>A named parameter of a fitted model, in the order the spec lists them (e.g. r, alpha, a, b).</summary>
/// <param name="Name">The JSON name (<c>r</c>, <c>alpha</c>, <c>a</c>, <c>b</c>, <c>s</c>, <c>beta</c>, <c>gamma</c>, <c>delta</c>, <c>p</c>, <c>q</c>).</param>
/// <param name="Value">The estimate.</param>
public readonly record struct ModelParameter(string Name, double Value);

/// <summary>The outcome of a maximum-likelihood fit.</summary>
/// <typeparam name="TModel">The fitted model.</typeparam>
/// <param name="Model">The model at the maximum-likelihood estimate.</param>
/// <param name="LogLikelihood">The maximised log-likelihood (natural log, summed over all observations).</param>
/// <param name="Observations">Number of observations (customers) the fit used.</param>
/// <param name="Evaluations">Number of likelihood evaluations the optimiser needed.</param>
public sealed record ModelFit<TModel>(TModel Model, double LogLikelihood, long Observations, int Evaluations)
{
    /// <summary>
    /// Parameters whose maximum lies on a boundary plateau (e.g. BG/NBD's a → 0 when nobody is seen to drop out): the fit
    /// is then the limiting model and that parameter's value only means "towards the boundary". Empty for an interior maximum.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// A maximum-likelihood fit that did not converge, or converged to a boundary (a parameter running off to 0 or ∞).
/// Thrown instead of returning parameters that cannot be trusted; front ends report it as an error (CLI exit 1).
/// </summary>
public sealed class ModelFitException(string message) : Exception(message);
