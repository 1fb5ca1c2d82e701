using System.Globalization;

namespace Rapport.Analytics.Acquisition;

/// <summary>A past opportunity or lead with its features (industry, size, region, business type, channel, interaction counts) and whether it was won.</summary>
public sealed record LabeledLead(string Id, FeatureRow Features, bool Won);

/// <summary>Settings of <see cref="LeadScoringModel.Train"/>.</summary>
public sealed record LeadScoringOptions
{
    /// <summary>L2 penalty λ ≥ 0 on the standardised coefficients (default 1).</summary>
    public double Lambda { get; init; } = 1.0;

    /// <summary>Share of won and of lost leads held out for evaluation, in [0, 0.9] (default 0.25; stratified).</summary>
    public double HoldoutFraction { get; init; } = 0.25;

    /// <summary>Seed of the held-out split and the calibration folds (default 42).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Platt scaling from out-of-fold predictions on the training part (default on).</summary>
    public bool Calibrate { get; init; } = true;

    /// <summary>Folds for the out-of-fold predictions used by Platt scaling (default 5).</summary>
    public int CalibrationFolds { get; init; } = 5;

    /// <summary>Bins of the reliability diagram (default 10).</summary>
    public int ReliabilityBins { get; init; } = 10;

    /// <summary>How many contributing features each score lists (default 3).</summary>
    public int TopFeatures { get; init; } = 3;
}

/// <summary>How well the model did on the held-out leads (null figures when there was no holdout or it lacked a class).</summary>
/// <param name="TrainingCount">Leads the model was fitted on.</param>
/// <param name="HoldoutCount">Held-out leads.</param>
/// <param name="Auc">Area under the ROC curve on the holdout.</param>
/// <param name="BrierUncalibrated">Brier score of the raw logistic probabilities on the holdout.</param>
/// <param name="Brier">Brier score of the reported (calibrated, if calibration is on) probabilities on the holdout.</param>
/// <param name="Reliability">Reliability bins of the reported probabilities on the holdout.</param>
public sealed record LeadModelEvaluation(
    int TrainingCount, int HoldoutCount, double? Auc, double? BrierUncalibrated, double? Brier, IReadOnlyList<ReliabilityBin> Reliability);

/// <summary>How much one feature moved a score, in log-odds, relative to an average lead.</summary>
/// <param name="Feature">Schema feature.</param>
/// <param name="Value">Its value for this lead (<c>unknown</c> when missing).</param>
/// <param name="Contribution">Log-odds contribution β·(x − x̄), summed over a categorical feature's levels; positive raises P(win).</param>
public sealed record FeatureContribution(string Feature, string Value, double Contribution);

/// <summary>A lead's score.</summary>
/// <param name="Probability">P(win), calibrated when calibration is on.</param>
/// <param name="RawProbability">P(win) of the logistic model before calibration.</param>
/// <param name="Logit">Log-odds of the logistic model; equals the average lead's log-odds plus the sum of all contributions.</param>
/// <param name="TopFeatures">The features with the largest absolute contributions, largest first.</param>
public sealed record LeadScore(double Probability, double RawProbability, double Logit, IReadOnlyList<FeatureContribution> TopFeatures);

/// <summary>
/// Predictive lead score of docs/definitions.md#lead-scoring-and-look-alikes: L2-regularised logistic regression on won/lost history with standardised
/// numeric features and one-hot categorical features (<see cref="FeatureEncoder"/>), evaluated by AUC, Brier score and
/// a reliability diagram on a seeded, stratified held-out split, optionally calibrated by Platt scaling
/// (Platt 1999: a one-feature logistic regression on the model's log-odds) fitted on out-of-fold predictions of the
/// training part so the holdout stays untouched. The reported model is the one fitted on the training part.
/// </summary>
public sealed class LeadScoringModel
{
    private readonly LeadScoringOptions _options;

    private LeadScoringModel(FeatureEncoder encoder, LogisticFit fit, LogisticFit? platt, LeadModelEvaluation evaluation, LeadScoringOptions options)
    {
        Encoder = encoder;
        Fit = fit;
        Platt = platt;
        Evaluation = evaluation;
        _options = options;
        BaselineLogit = fit.Intercept + encoder.Columns.Select((c, j) => fit.Coefficients[j] * c.Mean).Sum();
    }

    /// <summary>The encoding learnt from the training part.</summary>
    public FeatureEncoder Encoder { get; }

    /// <summary>The logistic regression on the encoded columns (coefficients per standard deviation / per level).</summary>
    public LogisticFit Fit { get; }

    /// <summary>The Platt scaling (<c>σ(a·logit + b)</c>, a = coefficient, b = intercept); null when off or not possible.</summary>
    public LogisticFit? Platt { get; }

    /// <summary>Held-out evaluation.</summary>
    public LeadModelEvaluation Evaluation { get; }

    /// <summary>Log-odds of a lead at the training means (all contributions 0).</summary>
    public double BaselineLogit { get; }

    /// <summary>Coefficients by encoded column.</summary>
    public IReadOnlyList<(EncodedColumn Column, double Coefficient)> Coefficients =>
        Encoder.Columns.Select((c, j) => (c, Fit.Coefficients[j])).ToList();

    /// <summary>Trains on <paramref name="history"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 won or 2 lost leads, or rows that do not match the schema.</exception>
    public static LeadScoringModel Train(FeatureSchema schema, IReadOnlyList<LabeledLead> history, LeadScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(history);
        options ??= new LeadScoringOptions();
        if (options.HoldoutFraction is < 0 or > 0.9 || double.IsNaN(options.HoldoutFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.HoldoutFraction, "The holdout fraction must be in [0, 0.9].");
        }
        var won = history.Where(l => l.Won).ToList();
        var lost = history.Where(l => !l.Won).ToList();
        if (won.Count < 2 || lost.Count < 2)
        {
            throw new ArgumentException($"Lead scoring needs at least 2 won and 2 lost leads (got {won.Count} won, {lost.Count} lost).", nameof(history));
        }

        var random = new Random(options.Seed);
        var training = new List<LabeledLead>();
        var holdout = new List<LabeledLead>();
        foreach (var group in new[] { won, lost })
        {
            var shuffled = group.ToArray();
            random.Shuffle(shuffled);
            var held = options.HoldoutFraction == 0 ? 0 : Math.Clamp((int)Math.Round(shuffled.Length * options.HoldoutFraction), 1, shuffled.Length - 1);
            holdout.AddRange(shuffled[..held]);
            training.AddRange(shuffled[held..]);
        }

        var encoder = FeatureEncoder.Fit(schema, training.Select(l => l.Features).ToList());
        var x = training.Select(l => encoder.Encode(l.Features)).ToList();
        var y = training.Select(l => l.Won).ToList();
        var fit = LogisticRegression.Fit(x, y, options.Lambda);
        var platt = options.Calibrate ? FitPlatt(x, y, options, random) : null;

        var model = new LeadScoringModel(encoder, fit, platt, new LeadModelEvaluation(training.Count, holdout.Count, null, null, null, []), options);
        if (holdout.Count == 0)
        {
            return model;
        }
        var scores = holdout.Select(l => model.Score(l.Features)).ToList();
        var outcomes = holdout.Select(l => l.Won).ToList();
        var reported = scores.Select(s => s.Probability).ToList();
        var evaluation = new LeadModelEvaluation(
            training.Count, holdout.Count,
            ClassificationMetrics.Auc(scores.Select(s => s.Logit).ToList(), outcomes),
            ClassificationMetrics.Brier(scores.Select(s => s.RawProbability).ToList(), outcomes),
            ClassificationMetrics.Brier(reported, outcomes),
            ClassificationMetrics.Reliability(reported, outcomes, options.ReliabilityBins));
        return new LeadScoringModel(encoder, fit, platt, evaluation, options);
    }

    /// <summary>Scores a lead.</summary>
    public LeadScore Score(FeatureRow row)
    {
        var x = Encoder.Encode(row);
        var logit = Fit.Logit(x);
        var raw = LogisticRegression.Sigmoid(logit);
        var calibrated = Platt is null ? raw : Platt.Probability([logit]);

        var byFeature = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < x.Length; c++)
        {
            var column = Encoder.Columns[c];
            byFeature[column.Feature] = byFeature.GetValueOrDefault(column.Feature) + (Fit.Coefficients[c] * (x[c] - column.Mean));
        }
        var top = byFeature
            .OrderByDescending(kv => Math.Abs(kv.Value)).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(_options.TopFeatures)
            .Select(kv => new FeatureContribution(kv.Key, DisplayValue(row, kv.Key), kv.Value))
            .ToList();
        return new LeadScore(calibrated, raw, logit, top);
    }

    /// <summary>Value-weighted score of docs/definitions.md#lead-scoring-and-look-alikes: P(win) × expected CLV of similar customers (see <see cref="LookAlikes"/>).</summary>
    public static double ValueWeighted(double winProbability, double expectedClv)
    {
        if (winProbability is < 0 or > 1 || double.IsNaN(winProbability))
        {
            throw new ArgumentOutOfRangeException(nameof(winProbability), winProbability, "P(win) must be in [0, 1].");
        }
        return winProbability * expectedClv;
    }

    private string DisplayValue(FeatureRow row, string feature)
    {
        var n = Encoder.Schema.Numeric.ToList().IndexOf(feature);
        if (n >= 0)
        {
            var v = row.Numeric[n];
            return double.IsFinite(v) ? v.ToString("0.##", CultureInfo.InvariantCulture) : "unknown";
        }
        var k = Encoder.Schema.Categorical.ToList().IndexOf(feature);
        return row.Categorical[k] ?? "unknown";
    }

    /// <summary>Platt scaling on out-of-fold log-odds; null when a fold would lack a class.</summary>
    private static LogisticFit? FitPlatt(List<double[]> x, List<bool> y, LeadScoringOptions options, Random random)
    {
        var folds = Math.Max(2, options.CalibrationFolds);
        // Stratified fold assignment: deal the shuffled won and lost leads round-robin over the folds.
        var fold = new int[x.Count];
        foreach (var label in new[] { true, false })
        {
            var indices = Enumerable.Range(0, x.Count).Where(i => y[i] == label).ToArray();
            if (indices.Length < folds)
            {
                return null;
            }
            random.Shuffle(indices);
            for (var i = 0; i < indices.Length; i++)
            {
                fold[indices[i]] = i % folds;
            }
        }

        var outOfFold = new double[x.Count];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, x.Count).Where(i => fold[i] != f).ToList();
            var fit = LogisticRegression.Fit(train.Select(i => x[i]).ToList(), train.Select(i => y[i]).ToList(), options.Lambda);
            for (var i = 0; i < x.Count; i++)
            {
                if (fold[i] == f)
                {
                    outOfFold[i] = fit.Logit(x[i]);
                }
            }
        }
        // A tiny penalty keeps the slope finite when the out-of-fold log-odds separate the classes perfectly.
        return LogisticRegression.Fit(outOfFold.Select(v => new[] { v }).ToList(), y, lambda: 1e-3);
    }
}
