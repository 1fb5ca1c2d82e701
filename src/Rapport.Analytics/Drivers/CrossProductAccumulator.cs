using System.Numerics;

namespace Rapport.Analytics.Drivers;

/// <summary>
/// Sufficient statistics of a set of variables for key-driver analysis: the count, the sums and the cross-products of
/// the rows added, from which means, covariances and correlations follow (in the style of Math.NET's
/// <c>RunningStatistics</c>). Relative weights, Shapley weights and R² depend on the data only through the correlation
/// matrix, so a model can be fitted from this accumulator by <see cref="RelativeImportance.Analyze(CrossProductAccumulator, int, IReadOnlyList{int}, string, IReadOnlyList{string}, ImportanceMethod)"/>
/// after one pass over the rows, without holding them.
/// </summary>
/// <remarks>
/// Rows are accumulated relative to an origin, by default the first row added (the shifted-data algorithm, Chan, Golub &amp; LeVeque 1983),
/// so that <c>E[xy] − E[x]E[y]</c> does not cancel catastrophically for variables far from zero. Cost per row is
/// O(m²/2) multiply-adds on SIMD vectors. Not thread-safe; use one accumulator per thread.
/// </remarks>
public sealed class CrossProductAccumulator
{
    private readonly int _stride;
    private readonly double[] _shift;
    private readonly double[] _sums;
    private readonly double[] _cross;
    private readonly double[] _row;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="variables">Number of variables per row, 1 or more.</param>
    public CrossProductAccumulator(int variables)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(variables, 1);
        Variables = variables;
        var width = Vector<double>.Count;
        _stride = (variables + width - 1) / width * width;
        _shift = new double[variables];
        _sums = new double[_stride];
        _cross = new double[variables * _stride];
        _row = new double[_stride];
    }

    /// <summary>
    /// Creates an empty accumulator that takes rows relative to <paramref name="origin"/> (best near the means), which
    /// also allows sparse rows (<see cref="AddSparse"/>): rows that equal the origin but in a few variables.
    /// </summary>
    /// <param name="origin">One finite value per variable; at least one variable.</param>
    public CrossProductAccumulator(ReadOnlySpan<double> origin)
        : this(origin.Length)
    {
        for (var a = 0; a < origin.Length; a++)
        {
            if (!double.IsFinite(origin[a]))
            {
                throw new ArgumentException($"Value {a} of the origin is not finite.", nameof(origin));
            }
        }
        origin.CopyTo(_shift);
        _hasOrigin = true;
    }

    private readonly bool _hasOrigin;

    /// <summary>Number of variables per row.</summary>
    public int Variables { get; }

    /// <summary>Number of rows added.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one row.</summary>
    /// <param name="values">One value per variable; every value finite (no NaN: impute or drop the row first).</param>
    /// <exception cref="ArgumentException">The length differs from <see cref="Variables"/> or a value is not finite.</exception>
    public void Add(ReadOnlySpan<double> values)
    {
        var m = Variables;
        if (values.Length != m)
        {
            throw new ArgumentException($"A row needs {m} values but {values.Length} were given.", nameof(values));
        }
        if (Count == 0 && !_hasOrigin)
        {
            for (var a = 0; a < m; a++)
            {
                if (!double.IsFinite(values[a]))
                {
                    throw new ArgumentException($"Value {a} of the row is not finite.", nameof(values));
                }
                _shift[a] = values[a];
            }
            Count = 1;
            return;
        }
        var row = _row.AsSpan();
        for (var a = 0; a < m; a++)
        {
            var v = values[a];
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"Value {a} of the row is not finite.", nameof(values));
            }
            row[a] = v - _shift[a];
        }
        var width = Vector<double>.Count;
        var sums = _sums.AsSpan();
        var cross = _cross.AsSpan();
        for (var v = 0; v < _stride; v += width)
        {
            var x = new Vector<double>(row.Slice(v, width));
            (new Vector<double>(sums.Slice(v, width)) + x).CopyTo(sums.Slice(v, width));
        }
        // Upper triangle only, from the vector block that holds the diagonal.
        for (var a = 0; a < m; a++)
        {
            var xa = row[a];
            if (xa == 0)
            {
                continue;
            }
            var crossRow = cross.Slice(a * _stride, _stride);
            for (var v = a / width * width; v < _stride; v += width)
            {
                var x = new Vector<double>(row.Slice(v, width));
                (new Vector<double>(crossRow.Slice(v, width)) + x * xa).CopyTo(crossRow.Slice(v, width));
            }
        }
        Count++;
    }

    /// <summary>
    /// Adds one row that equals the origin given to the constructor except in the variables <paramref name="indices"/>,
    /// where it has <paramref name="values"/>. Costs O(s²/2) for s indices, so rows of mostly "absent" values (e.g. 0/1
    /// indicators that are 0, imputed means) are cheap.
    /// </summary>
    /// <param name="indices">Variable indices in strictly ascending order.</param>
    /// <param name="values">The row's finite values at <paramref name="indices"/>.</param>
    /// <exception cref="InvalidOperationException">The accumulator was created without an origin.</exception>
    /// <exception cref="ArgumentException">Lengths differ, indices are out of range or not ascending, or a value is not finite.</exception>
    public void AddSparse(ReadOnlySpan<int> indices, ReadOnlySpan<double> values)
    {
        if (!_hasOrigin)
        {
            throw new InvalidOperationException("Sparse rows need an accumulator created with an origin.");
        }
        if (indices.Length != values.Length)
        {
            throw new ArgumentException($"{indices.Length} indices but {values.Length} values were given.", nameof(values));
        }
        var s = indices.Length;
        Span<double> d = s <= 128 ? stackalloc double[s] : new double[s];
        var previous = -1;
        for (var i = 0; i < s; i++)
        {
            var index = indices[i];
            if (index <= previous || index >= Variables)
            {
                throw new ArgumentException("The indices must be ascending and within the variables.", nameof(indices));
            }
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Value {i} of the row is not finite.", nameof(values));
            }
            previous = index;
            d[i] = values[i] - _shift[index];
        }
        for (var i = 0; i < s; i++)
        {
            var di = d[i];
            if (di == 0)
            {
                continue;
            }
            var a = indices[i];
            _sums[a] += di;
            var row = a * _stride;
            for (var j = i; j < s; j++)
            {
                _cross[row + indices[j]] += di * d[j];
            }
        }
        Count++;
    }

    /// <summary>The mean of variable <paramref name="i"/>; NaN when no row was added.</summary>
    public double Mean(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Variables);
        return Count == 0 ? double.NaN : _shift[i] + _sums[i] / Count;
    }

    /// <summary>
    /// The population covariance (divisor n) of variables <paramref name="i"/> and <paramref name="j"/>; the variance
    /// when they are equal. NaN when no row was added.
    /// </summary>
    public double Covariance(int i, int j)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Variables);
        ArgumentOutOfRangeException.ThrowIfNegative(j);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(j, Variables);
        if (Count == 0)
        {
            return double.NaN;
        }
        var (a, b) = i <= j ? (i, j) : (j, i);
        var n = (double)Count;
        return _cross[a * _stride + b] / n - _sums[a] / n * (_sums[b] / n);
    }

    /// <summary>
    /// Whether variable <paramref name="i"/> is constant on the rows: its standard deviation is at most 1e-12 times
    /// the larger of 1 and its absolute mean (the rule of the column screening of the survey models).
    /// </summary>
    public bool IsConstant(int i)
    {
        var sd = Math.Sqrt(Math.Max(0, Covariance(i, i)));
        return !(sd > 1e-12 * Math.Max(1, Math.Abs(Mean(i))));
    }
}
