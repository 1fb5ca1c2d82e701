namespace Rapport.Analytics.Acquisition;

/// <summary>An existing account with its features and value (e.g. CLV or 12-month revenue).</summary>
public sealed record ValuedAccount(string Id, FeatureRow Features, double Value);

/// <summary>A prospect to rank.</summary>
public sealed record Prospect(string Id, FeatureRow Features);

/// <summary>How similarity is measured on the encoded features (standardised numeric values, centred one-hot levels).</summary>
public enum SimilarityMeasure
{
    /// <summary>Cosine of the angle between the encoded vectors, in [−1, 1]; 0 for a vector at the mean.</summary>
    Cosine,
    /// <summary><c>1 / (1 + d)</c> with d the Euclidean distance of the standardised vectors, in (0, 1].</summary>
    StandardizedEuclidean,
}

/// <summary>Settings of <see cref="LookAlikes.Rank"/>.</summary>
public sealed record LookAlikeOptions
{
    /// <summary>Similarity measure (default cosine).</summary>
    public SimilarityMeasure Measure { get; init; } = SimilarityMeasure.Cosine;

    /// <summary>The most valuable accounts used as the reference: this share of all accounts, in (0, 1] (default 0.1) …</summary>
    public double TopValueShare { get; init; } = 0.1;

    /// <summary>… but at least this many (default 5, or all when fewer).</summary>
    public int MinTopAccounts { get; init; } = 5;

    /// <summary>Nearest existing accounts whose mean value is the prospect's expected value (default 10).</summary>
    public int Neighbours { get; init; } = 10;
}

/// <summary>A ranked prospect.</summary>
/// <param name="ProspectId">The prospect.</param>
/// <param name="Similarity">Mean similarity to the top-value accounts (the ranking key).</param>
/// <param name="MostSimilarTopAccountId">The top-value account it resembles most.</param>
/// <param name="ExpectedValue">Mean value of its <see cref="LookAlikeOptions.Neighbours"/> most similar existing accounts (all accounts, not only the top ones) — the "expected CLV of similar customers" of the value-weighted score.</param>
public sealed record LookAlikeMatch(string ProspectId, double Similarity, string MostSimilarTopAccountId, double ExpectedValue);

/// <summary>
/// Look-alike ranking of docs/definitions.md#lead-scoring-and-look-alikes: prospects ordered by their mean similarity to the most valuable existing
/// accounts. Features are encoded with a <see cref="FeatureEncoder"/> fitted on the existing accounts (so "standardised"
/// means relative to the customer base) and centred, so that cosine similarity compares deviations from the
/// average customer.
/// </summary>
public static class LookAlikes
{
    /// <summary>Ranks <paramref name="prospects"/>, most similar first (ties by id).</summary>
    /// <exception cref="ArgumentException">No accounts.</exception>
    public static IReadOnlyList<LookAlikeMatch> Rank(
        FeatureSchema schema, IReadOnlyList<ValuedAccount> accounts, IReadOnlyList<Prospect> prospects, LookAlikeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(prospects);
        options ??= new LookAlikeOptions();
        if (accounts.Count == 0)
        {
            throw new ArgumentException("Look-alikes need existing accounts.", nameof(accounts));
        }
        if (options.TopValueShare is <= 0 or > 1 || double.IsNaN(options.TopValueShare))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TopValueShare, "The top-value share must be in (0, 1].");
        }

        var encoder = FeatureEncoder.Fit(schema, accounts.Select(a => a.Features).ToList());
        var encoded = accounts.Select(a => encoder.EncodeCentered(a.Features)).ToList();
        var topCount = Math.Min(accounts.Count, Math.Max(options.MinTopAccounts, (int)Math.Ceiling(accounts.Count * options.TopValueShare)));
        var top = Enumerable.Range(0, accounts.Count)
            .OrderByDescending(i => accounts[i].Value).ThenBy(i => accounts[i].Id, StringComparer.Ordinal)
            .Take(topCount).ToList();
        var neighbours = Math.Clamp(options.Neighbours, 1, accounts.Count);

        return prospects.Select(p =>
            {
                var v = encoder.EncodeCentered(p.Features);
                var similarities = encoded.Select(a => Similarity(v, a, options.Measure)).ToArray();
                var best = top.OrderByDescending(i => similarities[i]).ThenBy(i => accounts[i].Id, StringComparer.Ordinal).First();
                var expected = Enumerable.Range(0, accounts.Count)
                    .OrderByDescending(i => similarities[i]).ThenBy(i => accounts[i].Id, StringComparer.Ordinal)
                    .Take(neighbours).Average(i => accounts[i].Value);
                return new LookAlikeMatch(p.Id, top.Average(i => similarities[i]), accounts[best].Id, expected);
            })
            .OrderByDescending(m => m.Similarity).ThenBy(m => m.ProspectId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Similarity of two encoded vectors.</summary>
    public static double Similarity(ReadOnlySpan<double> a, ReadOnlySpan<double> b, SimilarityMeasure measure)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Vectors of different length.", nameof(b));
        }
        if (measure == SimilarityMeasure.StandardizedEuclidean)
        {
            var d2 = 0.0;
            for (var i = 0; i < a.Length; i++)
            {
                d2 += (a[i] - b[i]) * (a[i] - b[i]);
            }
            return 1 / (1 + Math.Sqrt(d2));
        }
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
