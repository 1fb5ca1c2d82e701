using static Rapport.Analytics.Clv.LogMath;

namespace Rapport.Analytics.Clv;

/// <summary>
/// The BG/BB model (Fader, Hardie &amp; Shang 2010, "Customer-base analysis in a discrete-time noncontractual setting"):
/// in each period an alive customer transacts with probability p ~ Beta(α, β) and, before each period, dies with
/// probability θ ~ Beta(γ, δ). Histories are counted in whole periods: x active periods among 1..n, t_x the last of them,
/// T = n (docs/definitions.md#transactions-and-clv-models); times passed to the predictions must be whole numbers of periods.
/// </summary>
public sealed class BgBbModel : IRepeatTransactionModel
{
    /// <param name="alpha">First beta parameter of the transaction probability; &gt; 0.</param>
    /// <param name="beta">Second beta parameter of the transaction probability; &gt; 0.</param>
    /// <param name="gamma">First beta parameter of the dropout probability; &gt; 0.</param>
    /// <param name="delta">Second beta parameter of the dropout probability; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public BgBbModel(double alpha, double beta, double gamma, double delta)
    {
        ModelChecks.Positive(alpha, nameof(alpha));
        ModelChecks.Positive(beta, nameof(beta));
        ModelChecks.Positive(gamma, nameof(gamma));
        ModelChecks.Positive(delta, nameof(delta));
        Alpha = alpha;
        Beta = beta;
        Gamma = gamma;
        Delta = delta;
    }

    /// <summary>Beta parameter α of the transaction probability.</summary>
    public double Alpha { get; }
    /// <summary>Beta parameter β of the transaction probability.</summary>
    public double Beta { get; }
    /// <summary>Beta parameter γ of the dropout probability.</summary>
    public double Gamma { get; }
    /// <summary>Beta parameter δ of the dropout probability.</summary>
    public double Delta { get; }

    /// <inheritdoc />
    public string Name => "bgbb";

    /// <inheritdoc />
    public IReadOnlyList<ModelParameter> Parameters => [new("alpha", Alpha), new("beta", Beta), new("gamma", Gamma), new("delta", Delta)];

    /// <summary>
    /// ln L = ln[ B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ) + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ) ]
    /// (the paper's eq. 5); <paramref name="history"/> holds (x, t_x, n) as whole numbers.
    /// </summary>
    /// <exception cref="ArgumentException">The history is not a valid (x, t_x, n) of whole periods.</exception>
    public double LogLikelihood(PurchaseHistory history)
    {
        var (x, tx, n) = Periods(history);
        return LogLikelihood(Alpha, Beta, Gamma, Delta, x, tx, n);
    }

    /// <summary>Sum of <see cref="LogLikelihood(PurchaseHistory)"/> over customers.</summary>
    public double LogLikelihood(IEnumerable<PurchaseHistory> customers) => customers.Sum(LogLikelihood);

    private static double LogLikelihood(double alpha, double beta, double gamma, double delta, int x, int tx, int n)
    {
        var lbAb = BetaLn(alpha, beta);
        var lbGd = BetaLn(gamma, delta);
        var total = BetaLn(alpha + x, beta + n - x) - lbAb + BetaLn(gamma, delta + n) - lbGd;
        if (n > tx)
        {
            // Successive terms differ by the ratios B(a, b+1)/B(a, b) = b/(a+b): a running sum instead of 2(n − t_x) beta functions.
            var term = BetaLn(alpha + x, beta + tx - x) - lbAb + BetaLn(gamma + 1, delta + tx) - lbGd;
            total = LogSumExp(total, term);
            for (var i = 1; i < n - tx; i++)
            {
                var pb = beta + tx - x + i - 1;
                var db = delta + tx + i - 1;
                term += Math.Log(pb / (alpha + x + pb)) + Math.Log(db / (gamma + 1 + db));
                total = LogSumExp(total, term);
            }
        }
        return total;
    }

    /// <summary>P(alive in period n+1 | x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L (the paper's eq. 11).</summary>
    public double ProbabilityAlive(PurchaseHistory history)
    {
        var (x, tx, n) = Periods(history);
        var ll = LogLikelihood(Alpha, Beta, Gamma, Delta, x, tx, n);
        var p = Math.Exp(BetaLn(Alpha + x, Beta + n - x) - BetaLn(Alpha, Beta) + BetaLn(Gamma, Delta + n + 1) - BetaLn(Gamma, Delta) - ll);
        return Math.Min(1, p);
    }

    /// <summary>E[X(n)] = Σ_{i=1}^{n} α/(α+β) · B(γ, δ+i)/B(γ, δ): expected transactions of a new customer in periods 1..n.</summary>
    /// <param name="t">Number of periods n; a whole number ≥ 0.</param>
    public double ExpectedTransactions(double t)
    {
        var n = WholePeriods(t, nameof(t));
        return Alpha / (Alpha + Beta) * SumAliveFrom(0, n);
    }

    /// <summary>
    /// E[X(n, n+n*) | x, t_x, n] = B(α+x+1, β+n−x)/B(α,β) / L · Σ_{i=1}^{n*} B(γ, δ+n+i)/B(γ,δ): expected transactions in
    /// the next n* periods (the paper's eq. 13, summed term by term so that γ = 1 needs no special case).
    /// </summary>
    /// <param name="history">(x, t_x, n) in whole periods.</param>
    /// <param name="t">Number of future periods n*; a whole number ≥ 0.</param>
    public double ConditionalExpectedTransactions(PurchaseHistory history, double t)
    {
        var (x, tx, n) = Periods(history);
        var nStar = WholePeriods(t, nameof(t));
        if (nStar == 0)
        {
            return 0;
        }
        var ll = LogLikelihood(Alpha, Beta, Gamma, Delta, x, tx, n);
        var lead = Math.Exp(BetaLn(Alpha + x + 1, Beta + n - x) - BetaLn(Alpha, Beta) - ll);
        return lead * SumAliveFrom(n, nStar);
    }

    /// <summary>
    /// Expected transactions in each of the next <paramref name="periods"/> periods (element i − 1 holds period n + i):
    /// B(α+x+1, β+n−x)/B(α,β) / L · B(γ, δ+n+i)/B(γ,δ). Their running sum is <see cref="ConditionalExpectedTransactions"/>;
    /// this costs O(periods) instead of O(periods²) for a whole horizon.
    /// </summary>
    public double[] ExpectedTransactionsPerPeriod(PurchaseHistory history, int periods)
    {
        var (x, tx, n) = Periods(history);
        if (periods < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(periods), periods, "The number of periods must be >= 0.");
        }
        var ll = LogLikelihood(Alpha, Beta, Gamma, Delta, x, tx, n);
        var lead = Math.Exp(BetaLn(Alpha + x + 1, Beta + n - x) - BetaLn(Alpha, Beta) - ll);
        var result = new double[periods];
        var ratio = Math.Exp(BetaLn(Gamma, Delta + n) - BetaLn(Gamma, Delta));
        for (var i = 1; i <= periods; i++)
        {
            var d = Delta + n + i - 1;
            ratio *= d / (Gamma + d);
            result[i - 1] = lead * ratio;
        }
        return result;
    }

    /// <summary>Σ_{i=1}^{count} B(γ, δ+start+i)/B(γ, δ), by the ratio recursion.</summary>
    private double SumAliveFrom(int start, int count)
    {
        double sum = 0;
        var ratio = Math.Exp(BetaLn(Gamma, Delta + start) - BetaLn(Gamma, Delta));
        for (var i = 1; i <= count; i++)
        {
            var d = Delta + start + i - 1;
            ratio *= d / (Gamma + d);
            sum += ratio;
        }
        return sum;
    }

    private static int WholePeriods(double t, string name)
    {
        if (!(t >= 0) || t != Math.Floor(t) || t > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(name, t, "BG/BB counts whole periods: the horizon must be a whole number >= 0.");
        }
        return (int)t;
    }

    private static (int X, int Tx, int N) Periods(PurchaseHistory h)
    {
        if (h.Tx != Math.Floor(h.Tx) || h.T != Math.Floor(h.T) || h.X < 0 || h.Tx < h.X || h.T < h.Tx || (h.X == 0) != (h.Tx == 0) || h.T > int.MaxValue)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"Invalid BG/BB history x = {h.X}, t_x = {h.Tx}, n = {h.T}: need whole numbers with 0 <= x <= t_x <= n and t_x = 0 exactly when x = 0."));
        }
        return (h.X, (int)h.Tx, (int)h.T);
    }

    /// <summary>Fits α, β, γ, δ by maximum likelihood (see <see cref="Fit(IEnumerable{HistoryCount})"/>).</summary>
    public static ModelFit<BgBbModel> Fit(IEnumerable<PurchaseHistory> customers) =>
        Fit(customers.Select(h => new HistoryCount(h, 1)));

    /// <summary>Fits α, β, γ, δ by maximum likelihood on log-parameters (numeric gradient) over distinct (x, t_x, n) rows with counts.</summary>
    /// <exception cref="ArgumentException">A history is not a valid (x, t_x, n).</exception>
    /// <exception cref="ModelFitException">No customers, no repeat transactions, or the optimiser did not converge.</exception>
    public static ModelFit<BgBbModel> Fit(IEnumerable<HistoryCount> rows)
    {
        var table = HistoryTable.From(rows);
        var periods = new (int X, int Tx, int N)[table.Count];
        double totalX = 0, totalN = 0;
        for (var i = 0; i < table.Count; i++)
        {
            periods[i] = Periods(new PurchaseHistory(table.X[i], table.Tx[i], table.T[i]));
            totalX += table.X[i] * table.Weight[i];
            totalN += table.T[i] * table.Weight[i];
        }
        ModelChecks.RequireRepeatPurchases("BG/BB", table.TotalWeight, totalX, totalN);

        var maxN = periods.Max(r => r.N);
        double Mean(double[] p)
        {
            var terms = new Terms(p[0], p[1], p[2], p[3], maxN);
            double sum = 0;
            for (var i = 0; i < periods.Length; i++)
            {
                var (x, tx, n) = periods[i];
                sum += table.Weight[i] * terms.LogLikelihood(x, tx, n);
            }
            return sum / table.TotalWeight;
        }

        var problem = new LikelihoodProblem
        {
            Model = "BG/BB",
            Names = ["alpha", "beta", "gamma", "delta"],
            MeanLogLikelihood = Mean,
            Starts = [[1, 1, 1, 1], [0.5, 0.5, 0.5, 2], [2, 2, 2, 8]],
        };
        var result = MaximumLikelihood.Maximize(problem);
        var est = result.Parameters;
        var model = new BgBbModel(est[0], est[1], est[2], est[3]);
        return new ModelFit<BgBbModel>(model, result.MeanLogLikelihood * table.TotalWeight, (long)table.TotalWeight, result.Evaluations) { Warnings = result.Warnings };
    }

    /// <summary>
    /// The likelihood's beta-function ratios for one parameter set, built by recursion instead of ln Γ calls, so that a fit
    /// evaluates every row from shared tables at a cost of n − t_x + 1 exponentials per row:
    /// P(x, m) = ln B(α+x, β+m) − ln B(α,β), G(k) = ln B(γ, δ+k) − ln B(γ,δ), G1(k) = ln B(γ+1, δ+k) − ln B(γ,δ).
    /// </summary>
    private sealed class Terms
    {
        private readonly double _alpha;
        private readonly double _beta;
        private readonly double[] _g;
        private readonly double[] _g1;
        private readonly List<double> _p0 = [0];
        private readonly List<double[]?> _rows = [];

        public Terms(double alpha, double beta, double gamma, double delta, int maxN)
        {
            _alpha = alpha;
            _beta = beta;
            _g = new double[maxN + 1];
            _g1 = new double[maxN + 1];
            _g1[0] = Math.Log(gamma / (gamma + delta));
            for (var k = 0; k < maxN; k++)
            {
                var d = delta + k;
                _g[k + 1] = _g[k] + Math.Log(d / (gamma + d));
                _g1[k + 1] = _g1[k] + Math.Log(d / (gamma + 1 + d));
            }
        }

        private double[] Row(int x)
        {
            while (_rows.Count <= x)
            {
                _rows.Add(null);
            }
            if (_rows[x] is { } cached)
            {
                return cached;
            }
            while (_p0.Count <= x)
            {
                var j = _p0.Count - 1;
                _p0.Add(_p0[j] + Math.Log((_alpha + j) / (_alpha + _beta + j)));
            }
            var row = new double[_g.Length];
            row[0] = _p0[x];
            for (var m = 0; m + 1 < row.Length; m++)
            {
                row[m + 1] = row[m] + Math.Log((_beta + m) / (_alpha + _beta + x + m));
            }
            _rows[x] = row;
            return row;
        }

        /// <summary>ln L(x, t_x, n): alive through n, or died after period t_x + i for i = 0..n−t_x−1 (eq. 5).</summary>
        public double LogLikelihood(int x, int tx, int n)
        {
            var row = Row(x);
            var alive = row[n - x] + _g[n];
            var max = alive;
            for (var i = 0; i < n - tx; i++)
            {
                max = Math.Max(max, row[tx - x + i] + _g1[tx + i]);
            }
            var sum = Math.Exp(alive - max);
            for (var i = 0; i < n - tx; i++)
            {
                sum += Math.Exp(row[tx - x + i] + _g1[tx + i] - max);
            }
            return max + Math.Log(sum);
        }
    }
}
