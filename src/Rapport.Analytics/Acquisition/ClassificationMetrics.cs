namespace Rapport.Analytics.Acquisition;

/// <summary>One bin of a reliability diagram: predictions in [<paramref name="Low"/>, <paramref name="High"/>).</summary>
/// <param name="Low">Lower edge of the bin.</param>
/// <param name="High">Upper edge (the last bin includes 1).</param>
/// <param name="Count">Predictions in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability in the bin; null when empty.</param>
/// <param name="ObservedRate">Share of positive outcomes in the bin; null when empty.</param>
public sealed record ReliabilityBin(double Low, double High, int Count, double? MeanPredicted, double? ObservedRate);

/// <summary>Discrimination and calibration measures for probability predictions of a binary outcome.</summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// Area under the ROC curve = P(score of a random positive &gt; score of a random negative), ties counting ½
    /// (Mann–Whitney U with mid-ranks). 1 for a perfectly separated set, 0.5 for random scores. Null when there are
    /// no positives or no negatives.
    /// </summary>
    public static double? Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (scores.Count != outcomes.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {outcomes.Count} outcomes.", nameof(outcomes));
        }
        var positives = outcomes.Count(o => o);
        var negatives = outcomes.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var rankSumPositives = 0.0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }
            var midRank = ((start + end) / 2.0) + 1;
            for (var i = start; i <= end; i++)
            {
                if (outcomes[order[i]])
                {
                    rankSumPositives += midRank;
                }
            }
            start = end + 1;
        }
        return (rankSumPositives - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Brier score: mean squared difference between predicted probability and outcome (0 perfect, 0.25 for always ½). Null when empty.</summary>
    public static double? Brier(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (probabilities.Count != outcomes.Count)
        {
            throw new ArgumentException($"{probabilities.Count} probabilities but {outcomes.Count} outcomes.", nameof(outcomes));
        }
        if (probabilities.Count == 0)
        {
            return null;
        }
        var sum = 0.0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var d = probabilities[i] - (outcomes[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / probabilities.Count;
    }

    /// <summary>Reliability diagram with <paramref name="bins"/> equal-width bins over [0, 1].</summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new int[bins];
        var predicted = new double[bins];
        var observed = new int[bins];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var b = Math.Clamp((int)(probabilities[i] * bins), 0, bins - 1);
            count[b]++;
            predicted[b] += probabilities[i];
            observed[b] += outcomes[i] ? 1 : 0;
        }
        return Enumerable.Range(0, bins).Select(b => new ReliabilityBin(
            (double)b / bins, (double)(b + 1) / bins, count[b],
            count[b] == 0 ? null : predicted[b] / count[b],
            count[b] == 0 ? null : (double)observed[b] / count[b])).ToList();
    }
}
