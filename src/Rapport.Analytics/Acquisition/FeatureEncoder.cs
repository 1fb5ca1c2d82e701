namespace Rapport.Analytics.Acquisition;

/// <summary>Names of the features of an account or lead: numeric ones (size, interaction counts) and categorical ones (industry, region, channel).</summary>
public sealed record FeatureSchema(IReadOnlyList<string> Numeric, IReadOnlyList<string> Categorical)
{
    /// <summary>Number of numeric plus categorical features.</summary>
    public int Count => Numeric.Count + Categorical.Count;
}

/// <summary>
/// The values of one account or lead, aligned with a <see cref="FeatureSchema"/>. A NaN numeric value is unknown and
/// encoded as the training mean; a null categorical value is unknown and encoded as "no level".
/// </summary>
public sealed record FeatureRow(IReadOnlyList<double> Numeric, IReadOnlyList<string?> Categorical);

/// <summary>One column of the encoded matrix: a numeric feature, or one level of a categorical feature.</summary>
/// <param name="Name"><c>employees</c> or <c>industry=Machinery</c>.</param>
/// <param name="Feature">The schema feature it comes from.</param>
/// <param name="Level">The level for a one-hot column; null for a numeric one.</param>
/// <param name="Mean">Training mean of the encoded column (0 for standardised numeric columns, the level's share for one-hot).</param>
public sealed record EncodedColumn(string Name, string Feature, string? Level, double Mean);

/// <summary>
/// Turns feature rows into model columns: numeric features standardised with the training mean and standard
/// deviation (a constant column gets sd 1), categorical features one-hot encoded with every level seen in training
/// (levels ordered ordinally; an unseen or missing level is all zeros). Fitted once, applied to training and new rows alike.
/// </summary>
public sealed class FeatureEncoder
{
    private readonly double[] _means;
    private readonly double[] _sds;
    private readonly Dictionary<string, int>[] _levels;

    private FeatureEncoder(FeatureSchema schema, double[] means, double[] sds, Dictionary<string, int>[] levels, IReadOnlyList<EncodedColumn> columns)
    {
        Schema = schema;
        _means = means;
        _sds = sds;
        _levels = levels;
        Columns = columns;
    }

    /// <summary>The schema the rows follow.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>The encoded columns in order: numeric features, then the levels of each categorical feature.</summary>
    public IReadOnlyList<EncodedColumn> Columns { get; }

    /// <summary>Learns means, standard deviations and levels from <paramref name="rows"/>.</summary>
    /// <exception cref="ArgumentException">No rows, or a row does not match the schema.</exception>
    public static FeatureEncoder Fit(FeatureSchema schema, IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("No rows to learn the encoding from.", nameof(rows));
        }
        foreach (var row in rows)
        {
            Check(schema, row);
        }

        var means = new double[schema.Numeric.Count];
        var sds = new double[schema.Numeric.Count];
        var columns = new List<EncodedColumn>();
        for (var j = 0; j < means.Length; j++)
        {
            var values = rows.Select(r => r.Numeric[j]).Where(double.IsFinite).ToList();
            means[j] = values.Count == 0 ? 0 : values.Average();
            var variance = values.Count < 2 ? 0 : values.Sum(v => (v - means[j]) * (v - means[j])) / (values.Count - 1);
            sds[j] = variance > 0 ? Math.Sqrt(variance) : 1;
            columns.Add(new EncodedColumn(schema.Numeric[j], schema.Numeric[j], null, 0));
        }

        var levels = new Dictionary<string, int>[schema.Categorical.Count];
        var offset = means.Length;
        for (var j = 0; j < levels.Length; j++)
        {
            var counts = rows.Select(r => r.Categorical[j]).OfType<string>()
                .GroupBy(v => v, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            levels[j] = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var g in counts)
            {
                levels[j][g.Key] = offset++;
                columns.Add(new EncodedColumn($"{schema.Categorical[j]}={g.Key}", schema.Categorical[j], g.Key, (double)g.Count() / rows.Count));
            }
        }
        return new FeatureEncoder(schema, means, sds, levels, columns);
    }

    /// <summary>The encoded values of <paramref name="row"/> (length <see cref="Columns"/>.Count).</summary>
    public double[] Encode(FeatureRow row)
    {
        Check(Schema, row);
        var result = new double[Columns.Count];
        for (var j = 0; j < _means.Length; j++)
        {
            var v = row.Numeric[j];
            result[j] = double.IsFinite(v) ? (v - _means[j]) / _sds[j] : 0;
        }
        for (var j = 0; j < _levels.Length; j++)
        {
            if (row.Categorical[j] is { } level && _levels[j].TryGetValue(level, out var column))
            {
                result[column] = 1;
            }
        }
        return result;
    }

    /// <summary>The encoded values minus the column means: standardised numeric values and centred indicators.</summary>
    public double[] EncodeCentered(FeatureRow row)
    {
        var x = Encode(row);
        for (var c = 0; c < x.Length; c++)
        {
            x[c] -= Columns[c].Mean;
        }
        return x;
    }

    private static void Check(FeatureSchema schema, FeatureRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Numeric.Count != schema.Numeric.Count || row.Categorical.Count != schema.Categorical.Count)
        {
            throw new ArgumentException(
                $"A row has {row.Numeric.Count} numeric and {row.Categorical.Count} categorical values; the schema has {schema.Numeric.Count} and {schema.Categorical.Count}.",
                nameof(row));
        }
    }
}
