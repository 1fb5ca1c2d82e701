namespace Rapport.Analytics.Clv;

/// <summary>
/// Distinct (x, t_x, T) rows with weights: fits evaluate the likelihood once per distinct row, which is what makes a
/// million customers (whose times sit on a grid of days) cheap.
/// </summary>
internal sealed class HistoryTable
{
    public required int[] X { get; init; }
    public required double[] Tx { get; init; }
    public required double[] T { get; init; }
    public required double[] Weight { get; init; }
    public required double TotalWeight { get; init; }
    public int Count => X.Length;

    public static HistoryTable From(IEnumerable<HistoryCount> rows)
    {
        var index = new Dictionary<PurchaseHistory, int>();
        var weights = new List<double>();
        foreach (var (h, n) in rows)
        {
            h.Validate();
            if (n <= 0)
            {
                throw new ArgumentException($"Customer counts must be positive, got {n}.");
            }
            if (index.TryGetValue(h, out var i))
            {
                weights[i] += n;
            }
            else
            {
                index.Add(h, weights.Count);
                weights.Add(n);
            }
        }
        var x = new int[index.Count];
        var tx = new double[index.Count];
        var t = new double[index.Count];
        foreach (var (h, i) in index)
        {
            x[i] = h.X;
            tx[i] = h.Tx;
            t[i] = h.T;
        }
        var w = weights.ToArray();
        return new HistoryTable { X = x, Tx = tx, T = t, Weight = w, TotalWeight = w.Sum() };
    }

    public static HistoryTable From(IEnumerable<PurchaseHistory> rows) => From(rows.Select(h => new HistoryCount(h, 1)));

    public int MaxX => X.Length == 0 ? 0 : X.Max();

    private (double[] Values, int[] Index)? _distinctT;
    private (double[] Values, int[] Index)? _distinctTx;

    /// <summary>The distinct T values and, per row, the index of its T: per-T terms are then computed once per evaluation.</summary>
    public (double[] Values, int[] Index) DistinctT => _distinctT ??= Distinct(T);

    /// <summary>As <see cref="DistinctT"/> for t_x.</summary>
    public (double[] Values, int[] Index) DistinctTx => _distinctTx ??= Distinct(Tx);

    private static (double[] Values, int[] Index) Distinct(double[] column)
    {
        var positions = new Dictionary<double, int>();
        var index = new int[column.Length];
        for (var i = 0; i < column.Length; i++)
        {
            if (!positions.TryGetValue(column[i], out var k))
            {
                k = positions.Count;
                positions.Add(column[i], k);
            }
            index[i] = k;
        }
        var values = new double[positions.Count];
        foreach (var (v, k) in positions)
        {
            values[k] = v;
        }
        return (values, index);
    }

    /// <summary>Total weight per x value (index = x), for terms that depend on x alone.</summary>
    public double[] WeightByX()
    {
        var byX = new double[MaxX + 1];
        for (var i = 0; i < X.Length; i++)
        {
            byX[X[i]] += Weight[i];
        }
        return byX;
    }
}
