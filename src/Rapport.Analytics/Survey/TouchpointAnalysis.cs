using System.Globalization;
using Rapport.Analytics.Drivers;

namespace Rapport.Analytics.Survey;

/// <summary>Involvement and performance of one touchpoint in one phase (docs/definitions.md#phases-and-touchpoints).</summary>
/// <param name="Phase">The phase key.</param>
/// <param name="Touchpoint">The touchpoint key.</param>
/// <param name="InvolvedN">Respondents involved in the phase: the base of <paramref name="Involvement"/>.</param>
/// <param name="ContactN">Of those, respondents who had contact with the touchpoint.</param>
/// <param name="Involvement">ContactN / InvolvedN (0–1); NaN when InvolvedN is 0 or below the minimum group size.</param>
/// <param name="PerformanceN">Satisfaction answers (<c>TP_SAT</c>) from respondents with contact: the base of performance.</param>
/// <param name="Performance">Mean <c>TP_SAT</c> (1–5); NaN when PerformanceN is 0 or suppressed.</param>
/// <param name="TopTwoBox">Share (0–1) of answers 4 or 5; NaN like <paramref name="Performance"/>.</param>
/// <param name="Suppressed">PerformanceN is below the minimum group size (anonymity), so performance is withheld.</param>
public sealed record TouchpointPerformance(
    string Phase,
    string Touchpoint,
    int InvolvedN,
    int ContactN,
    double Involvement,
    int PerformanceN,
    double Performance,
    double TopTwoBox,
    bool Suppressed);

/// <summary>The impact of one touchpoint on phase satisfaction.</summary>
/// <param name="Touchpoint">The touchpoint key.</param>
/// <param name="Impact">Raw relative weight of the touchpoint's satisfaction variable (part of R²); NaN when it could not enter the model.</param>
/// <param name="Share">Impact as a percentage of the model's R².</param>
/// <param name="ContactN">Respondents in the model sample who had contact with the touchpoint.</param>
/// <param name="MainContactImpact">
/// Impact in the model restricted to respondents for whom the touchpoint was the main contact; NaN when that group is
/// smaller than the minimum group size or too small for the model.
/// </param>
/// <param name="MainContactN">Respondents in the model sample for whom the touchpoint was the main contact.</param>
public sealed record TouchpointImpact(string Touchpoint, double Impact, double Share, int ContactN, double MainContactImpact, int MainContactN);

/// <summary>Touchpoint impacts for one phase (docs/definitions.md#phases-and-touchpoints, cross-sectional).</summary>
/// <param name="Phase">The phase key.</param>
/// <param name="N">Respondents involved in the phase who rated <c>PH_SAT</c>: the model sample.</param>
/// <param name="RSquared">R² of phase satisfaction on the touchpoint variables; NaN when no model was fitted.</param>
/// <param name="Method">The decomposition used.</param>
/// <param name="Touchpoints">One entry per requested touchpoint, in the given order.</param>
/// <param name="Note">Why figures are missing (suppression, too few respondents), or null.</param>
public sealed record PhaseImpact(string Phase, int N, double RSquared, ImportanceMethod Method, IReadOnlyList<TouchpointImpact> Touchpoints, string? Note);

/// <summary>Everything the phase view shows for one touchpoint in one phase (docs/definitions.md#phases-and-touchpoints).</summary>
/// <param name="Touchpoint">The touchpoint key.</param>
/// <param name="Involvement">Share (0–1) of involved respondents with contact; NaN when suppressed.</param>
/// <param name="Performance">Mean <c>TP_SAT</c> (1–5); NaN when suppressed.</param>
/// <param name="TopTwoBox">Share (0–1) of <c>TP_SAT</c> 4–5; NaN when suppressed.</param>
/// <param name="N">Satisfaction answers behind <paramref name="Performance"/>.</param>
/// <param name="Impact">Relative weight for phase satisfaction; NaN when not estimable or suppressed.</param>
/// <param name="MainContactImpact">Impact among respondents with this main contact; NaN when not estimable or suppressed.</param>
public sealed record PhaseTouchpoint(string Touchpoint, double Involvement, double Performance, double TopTwoBox, int N, double Impact, double MainContactImpact);

/// <summary>One phase of the phase view (the shape of <c>GET /api/v1/analytics/phases</c>).</summary>
/// <param name="Phase">The phase key.</param>
/// <param name="Order">1-based position in the configured phase order.</param>
/// <param name="N">Respondents involved in the phase.</param>
/// <param name="Satisfaction">Mean <c>PH_SAT</c> (1–5) of involved respondents; NaN when none answered or suppressed.</param>
/// <param name="Touchpoints">The touchpoints in the given order.</param>
public sealed record PhaseOverview(string Phase, int Order, int N, double Satisfaction, IReadOnlyList<PhaseTouchpoint> Touchpoints);

/// <summary>A touchpoint's impact and involvement across the ordered phases (the longitudinal view of docs/definitions.md#phases-and-touchpoints).</summary>
/// <param name="Touchpoint">The touchpoint key.</param>
/// <param name="Points">One point per phase, in phase order.</param>
public sealed record TouchpointSeries(string Touchpoint, IReadOnlyList<TouchpointSeriesPoint> Points);

/// <summary>One phase of a <see cref="TouchpointSeries"/>.</summary>
/// <param name="Phase">The phase key.</param>
/// <param name="Order">1-based phase position.</param>
/// <param name="Involvement">Share (0–1) of involved respondents with contact; NaN when suppressed.</param>
/// <param name="Impact">Relative weight for phase satisfaction; NaN when not estimable or suppressed.</param>
public sealed record TouchpointSeriesPoint(string Phase, int Order, double Involvement, double Impact);

/// <summary>
/// Phase × touchpoint analytics of the relationship survey (docs/definitions.md#phases-and-touchpoints): involvement, performance, impact on phase
/// satisfaction (with the contact-indicator treatment of touchpoints without contact), main-contact impact and the
/// longitudinal view.
/// </summary>
/// <remarks>
/// <para><b>Anonymity.</b> <c>minGroupSize</c> is the survey's minimum group size when anonymity is on (default 5 in
/// docs/surveys.md#waves-invitations-and-anonymity), or 0 when it is off. A figure whose base is below it is NaN.</para>
/// <para><b>Missing by design.</b> A touchpoint is rated only by respondents who had contact with it, so its
/// satisfaction is missing for everyone else and complete-case regression would keep almost no one. Following the
/// dummy-variable adjustment (Cohen &amp; Cohen 1983), the missing ratings are set to the phase mean of the touchpoint
/// and a 0/1 contact indicator per touchpoint enters the model: the indicator takes up the difference between
/// respondents with and without contact, the rating variable measures the effect of how well the touchpoint did. The
/// impact reported is the relative weight of the rating variable. Indicators that are constant (everyone had contact)
/// or collinear are left out.</para>
/// <para><b>One pass per phase.</b> Relative weights and R² depend on the data only through the correlation matrix, so
/// each model (the full one and one per main contact) is fitted from a <see cref="CrossProductAccumulator"/> filled in
/// a single pass over the phase's respondents after a first pass for the touchpoint means; the candidate variables are
/// screened on the same matrix. Callers holding answers in another form build <see cref="PhaseResponses"/> directly and
/// get the very figures of the <see cref="RespondentAnswers"/> overloads.</para>
/// </remarks>
public static class TouchpointAnalysis
{
    /// <summary>Involvement and performance per phase × touchpoint, phase-major in the given orders.</summary>
    /// <param name="respondents">The respondents (e.g. one wave, filtered).</param>
    /// <param name="phases">Phase keys in their configured order.</param>
    /// <param name="touchpoints">Touchpoint keys in their configured order.</param>
    /// <param name="minGroupSize">Anonymity threshold (0 = off); figures with a smaller base are NaN.</param>
    public static IReadOnlyList<TouchpointPerformance> Performance(
        IEnumerable<RespondentAnswers> respondents, IReadOnlyList<string> phases, IReadOnlyList<string> touchpoints, int minGroupSize = 0)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(touchpoints);
        ArgumentOutOfRangeException.ThrowIfNegative(minGroupSize);
        var list = respondents as IReadOnlyList<RespondentAnswers> ?? respondents.ToList();
        var cells = new List<TouchpointPerformance>(phases.Count * touchpoints.Count);
        foreach (var phase in phases)
        {
            cells.AddRange(Performance(PhaseResponses.Of(list, phase, touchpoints), phase, touchpoints, minGroupSize));
        }
        return cells;
    }

    /// <summary>Involvement and performance of each touchpoint in one phase, in the given order.</summary>
    /// <param name="involved">The respondents involved in the phase; <see cref="PhaseResponses.TouchpointCount"/> = touchpoints.</param>
    /// <param name="phase">The phase key.</param>
    /// <param name="touchpoints">Touchpoint keys in the order of <paramref name="involved"/>.</param>
    /// <param name="minGroupSize">Anonymity threshold (0 = off); figures with a smaller base are NaN.</param>
    public static IReadOnlyList<TouchpointPerformance> Performance(PhaseResponses involved, string phase, IReadOnlyList<string> touchpoints, int minGroupSize = 0)
    {
        Check(involved, phase, touchpoints);
        ArgumentOutOfRangeException.ThrowIfNegative(minGroupSize);
        return Cells(involved, phase, touchpoints, minGroupSize);
    }

    /// <summary>
    /// The impact of each touchpoint on <c>PH_SAT[phase]</c> among involved respondents who rated the phase, plus the
    /// impact restricted to the respondents whose main contact the touchpoint was.
    /// </summary>
    /// <param name="respondents">The respondents.</param>
    /// <param name="phase">The phase key.</param>
    /// <param name="touchpoints">Touchpoint keys; a touchpoint nobody rated gets NaN impact.</param>
    /// <param name="minGroupSize">Anonymity threshold (0 = off).</param>
    /// <param name="method">
    /// Relative weights (default) or Shapley; Shapley is used only when the model has at most
    /// <see cref="RelativeImportance.MaxShapleyDrivers"/> variables, otherwise relative weights (see <see cref="PhaseImpact.Method"/>).
    /// </param>
    public static PhaseImpact Impact(
        IEnumerable<RespondentAnswers> respondents, string phase, IReadOnlyList<string> touchpoints, int minGroupSize = 0,
        ImportanceMethod method = ImportanceMethod.RelativeWeights)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        ArgumentException.ThrowIfNullOrEmpty(phase);
        ArgumentNullException.ThrowIfNull(touchpoints);
        return Impact(PhaseResponses.Of(respondents, phase, touchpoints), phase, touchpoints, minGroupSize, method);
    }

    /// <summary>The impacts of <see cref="Impact(IEnumerable{RespondentAnswers}, string, IReadOnlyList{string}, int, ImportanceMethod)"/> on the involved respondents of one phase.</summary>
    /// <param name="involved">The respondents involved in the phase; <see cref="PhaseResponses.TouchpointCount"/> = touchpoints.</param>
    /// <param name="phase">The phase key.</param>
    /// <param name="touchpoints">Touchpoint keys in the order of <paramref name="involved"/>.</param>
    /// <param name="minGroupSize">Anonymity threshold (0 = off).</param>
    /// <param name="method">Relative weights (default) or Shapley (up to <see cref="RelativeImportance.MaxShapleyDrivers"/> variables).</param>
    public static PhaseImpact Impact(PhaseResponses involved, string phase, IReadOnlyList<string> touchpoints, int minGroupSize = 0,
        ImportanceMethod method = ImportanceMethod.RelativeWeights)
    {
        Check(involved, phase, touchpoints);
        ArgumentOutOfRangeException.ThrowIfNegative(minGroupSize);
        var k = touchpoints.Count;
        var means = Means(involved, k);
        var (sampleN, contactN, mainN) = Counts(involved, k);
        if (sampleN < Math.Max(minGroupSize, 1))
        {
            var note = sampleN == 0
                ? "No involved respondent rated the phase."
                : string.Create(CultureInfo.InvariantCulture, $"Suppressed: {sampleN} respondents, fewer than the minimum group size {minGroupSize}.");
            return new PhaseImpact(phase, sampleN, double.NaN, method,
                touchpoints.Select((t, i) => new TouchpointImpact(t, double.NaN, double.NaN, contactN[i], double.NaN, mainN[i])).ToList(), note);
        }

        var restrictedWanted = mainN.Select(n => n >= Math.Max(minGroupSize, 1)).ToArray();
        var (full, restricted, labels) = Accumulate(involved, means, restrictedWanted);
        var fit = Fit(full, labels, touchpoints, method);
        var impacts = new List<TouchpointImpact>(k);
        for (var i = 0; i < k; i++)
        {
            var mainImpact = restricted[i] is { } moments ? Fit(moments, labels, touchpoints, method).Weights[i] : double.NaN;
            impacts.Add(new TouchpointImpact(touchpoints[i], fit.Weights[i],
                fit.RSquared > 0 ? 100 * fit.Weights[i] / fit.RSquared : double.NaN, contactN[i], mainImpact, mainN[i]));
        }
        return new PhaseImpact(phase, sampleN, fit.RSquared, fit.Method, impacts, fit.Note);
    }

    /// <summary>The phase view: per phase in order, involvement, satisfaction and every touchpoint's figures.</summary>
    /// <param name="respondents">The respondents.</param>
    /// <param name="phases">Phase keys in their configured order.</param>
    /// <param name="touchpoints">Touchpoint keys in their configured order.</param>
    /// <param name="minGroupSize">Anonymity threshold (0 = off).</param>
    /// <param name="method">Decomposition for the impacts; see <see cref="Impact(IEnumerable{RespondentAnswers}, string, IReadOnlyList{string}, int, ImportanceMethod)"/>.</param>
    public static IReadOnlyList<PhaseOverview> Phases(
        IEnumerable<RespondentAnswers> respondents, IReadOnlyList<string> phases, IReadOnlyList<string> touchpoints, int minGroupSize = 0,
        ImportanceMethod method = ImportanceMethod.RelativeWeights)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(touchpoints);
        var list = respondents as IReadOnlyList<RespondentAnswers> ?? respondents.ToList();
        return phases.Select((phase, p) => Phase(PhaseResponses.Of(list, phase, touchpoints), phase, p + 1, touchpoints, minGroupSize, method)).ToList();
    }

    /// <summary>One phase of the phase view from its involved respondents.</summary>
    /// <param name="involved">The respondents involved in the phase; <see cref="PhaseResponses.TouchpointCount"/> = touchpoints.</param>
    /// <param name="phase">The phase key.</param>
    /// <param name="order">1-based position of the phase in the configured order.</param>
    /// <param name="touchpoints">Touchpoint keys in the order of <paramref name="involved"/>.</param>
    /// <param name="minGroupSize">Anonymity threshold (0 = off).</param>
    /// <param name="method">Decomposition for the impacts.</param>
    /// <param name="impact">
    /// The phase's impacts when the caller already has them from <see cref="Impact(PhaseResponses, string, IReadOnlyList{string}, int, ImportanceMethod)"/>
    /// with the same arguments; null to compute them.
    /// </param>
    public static PhaseOverview Phase(PhaseResponses involved, string phase, int order, IReadOnlyList<string> touchpoints, int minGroupSize = 0,
        ImportanceMethod method = ImportanceMethod.RelativeWeights, PhaseImpact? impact = null)
    {
        Check(involved, phase, touchpoints);
        ArgumentOutOfRangeException.ThrowIfNegative(minGroupSize);
        var cells = Cells(involved, phase, touchpoints, minGroupSize);
        var count = 0;
        var sum = 0.0;
        foreach (var x in involved.SatisfactionSpan)
        {
            if (!double.IsNaN(x))
            {
                count++;
                sum += x;
            }
        }
        var satisfaction = count == 0 || count < minGroupSize ? double.NaN : sum / count;
        impact ??= Impact(involved, phase, touchpoints, minGroupSize, method);
        if (impact.Phase != phase || impact.Touchpoints.Count != touchpoints.Count)
        {
            throw new ArgumentException("The impacts given are not those of this phase and these touchpoints.", nameof(impact));
        }
        var row = new List<PhaseTouchpoint>(touchpoints.Count);
        for (var t = 0; t < touchpoints.Count; t++)
        {
            var cell = cells[t];
            var ti = impact.Touchpoints[t];
            row.Add(new PhaseTouchpoint(touchpoints[t], cell.Involvement, cell.Performance, cell.TopTwoBox, cell.PerformanceN, ti.Impact, ti.MainContactImpact));
        }
        return new PhaseOverview(phase, order, involved.Count, satisfaction, row);
    }

    /// <summary>Pivots a phase view into one series per touchpoint across the ordered phases.</summary>
    public static IReadOnlyList<TouchpointSeries> Longitudinal(IReadOnlyList<PhaseOverview> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var touchpoints = phases.SelectMany(p => p.Touchpoints.Select(t => t.Touchpoint)).Distinct(StringComparer.Ordinal).ToList();
        return touchpoints.Select(t => new TouchpointSeries(t, phases
            .OrderBy(p => p.Order)
            .Select(p => (Phase: p, Cell: p.Touchpoints.FirstOrDefault(c => c.Touchpoint == t)))
            .Select(x => new TouchpointSeriesPoint(x.Phase.Phase, x.Phase.Order,
                x.Cell?.Involvement ?? double.NaN, x.Cell?.Impact ?? double.NaN))
            .ToList())).ToList();
    }

    /// <summary>
    /// The full impact model of one phase as a key-driver analysis (docs/definitions.md#key-drivers): <c>PH_SAT[phase]</c> of the involved
    /// respondents who rated the phase on every model variable of <see cref="Impact(IEnumerable{RespondentAnswers}, string, IReadOnlyList{string}, int, ImportanceMethod)"/>
    /// — the touchpoint ratings (missing ones set to the phase mean, named <c>TP_SAT:touchpoint</c>) and the contact
    /// indicators (<c>TP_CONTACT:touchpoint</c>), constant or collinear candidates left out. Unlike <c>Impact</c> it
    /// reports every variable, so the weights add up to R², and it takes the bootstrap options of <see cref="RelativeImportance.Analyze(DriverColumn, IReadOnlyList{DriverColumn}, DriverImportanceOptions?)"/>.
    /// </summary>
    /// <param name="respondents">The respondents.</param>
    /// <param name="phase">The phase key.</param>
    /// <param name="touchpoints">Touchpoint keys; one nobody rated does not enter the model.</param>
    /// <param name="options">
    /// Method and bootstrap; Shapley falls back to relative weights above <see cref="RelativeImportance.MaxShapleyDrivers"/>
    /// variables (see <see cref="DriverImportanceResult.Method"/>).
    /// </param>
    /// <exception cref="DegenerateDataException">No touchpoint rating varies, or too few respondents for the variables.</exception>
    public static DriverImportanceResult ImpactModel(
        IEnumerable<RespondentAnswers> respondents, string phase, IReadOnlyList<string> touchpoints, DriverImportanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        ArgumentException.ThrowIfNullOrEmpty(phase);
        ArgumentNullException.ThrowIfNull(touchpoints);
        return ImpactModel(PhaseResponses.Of(respondents, phase, touchpoints), phase, touchpoints, options);
    }

    /// <summary>The model of <see cref="ImpactModel(IEnumerable{RespondentAnswers}, string, IReadOnlyList{string}, DriverImportanceOptions?)"/> on the involved respondents of one phase.</summary>
    /// <param name="involved">The respondents involved in the phase; <see cref="PhaseResponses.TouchpointCount"/> = touchpoints.</param>
    /// <param name="phase">The phase key.</param>
    /// <param name="touchpoints">Touchpoint keys in the order of <paramref name="involved"/>.</param>
    /// <param name="options">Method and bootstrap (the bootstrap resamples the respondents and so needs their columns).</param>
    /// <exception cref="DegenerateDataException">No touchpoint rating varies, or too few respondents for the variables.</exception>
    public static DriverImportanceResult ImpactModel(PhaseResponses involved, string phase, IReadOnlyList<string> touchpoints,
        DriverImportanceOptions? options = null)
    {
        Check(involved, phase, touchpoints);
        options ??= new DriverImportanceOptions();
        var k = touchpoints.Count;
        var means = Means(involved, k);
        var (full, _, labels) = Accumulate(involved, means, new bool[k]);
        var chosen = Screen(full, labels, touchpoints, out var error);
        if (error is not null)
        {
            throw new DegenerateDataException(error);
        }
        var used = options.Method == ImportanceMethod.Shapley && chosen.Count > RelativeImportance.MaxShapleyDrivers
            ? options with { Method = ImportanceMethod.RelativeWeights }
            : options;
        var names = chosen.Select(c => Name(labels[c], touchpoints)).ToList();
        if (used.BootstrapResamples == 0)
        {
            return RelativeImportance.Analyze(full, 0, chosen.Select(c => c + 1).ToList(), ItemCodes.PhaseSatisfaction, names, used.Method)
                with { ConfidenceLevel = used.ConfidenceLevel };
        }
        var (target, columns) = Columns(involved, means, chosen.Select(c => labels[c]).ToList());
        return RelativeImportance.Analyze(new DriverColumn(ItemCodes.PhaseSatisfaction, target),
            columns.Select((values, j) => new DriverColumn(names[j], values)).ToList(), used);
    }

    private sealed record ModelFit(double RSquared, double[] Weights, ImportanceMethod Method, string? Note);

    private static void Check(PhaseResponses involved, string phase, IReadOnlyList<string> touchpoints)
    {
        ArgumentNullException.ThrowIfNull(involved);
        ArgumentException.ThrowIfNullOrEmpty(phase);
        ArgumentNullException.ThrowIfNull(touchpoints);
        if (involved.TouchpointCount != touchpoints.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The responses hold {involved.TouchpointCount} touchpoints but {touchpoints.Count} keys were given."), nameof(touchpoints));
        }
    }

    private static string Name((int Touchpoint, bool Rating) label, IReadOnlyList<string> touchpoints) =>
        (label.Rating ? "TP_SAT:" : "TP_CONTACT:") + touchpoints[label.Touchpoint];

    /// <summary>Mean rating per touchpoint among the involved with contact (the imputed value); NaN when nobody rated.</summary>
    private static double[] Means(PhaseResponses involved, int k)
    {
        var sums = new double[k];
        var counts = new int[k];
        var ratings = involved.RatingSpan;
        for (var i = 0; i < ratings.Length; i++)
        {
            var x = ratings[i];
            if (!double.IsNaN(x))
            {
                sums[i % k] += x;
                counts[i % k]++;
            }
        }
        return sums.Select((s, t) => counts[t] == 0 ? double.NaN : s / counts[t]).ToArray();
    }

    /// <summary>The model sample (involved respondents who rated the phase), its contacts and main contacts per touchpoint.</summary>
    private static (int N, int[] ContactN, int[] MainN) Counts(PhaseResponses involved, int k)
    {
        var contact = new int[k];
        var main = new int[k];
        var n = 0;
        var satisfaction = involved.SatisfactionSpan;
        var flags = involved.FlagSpan;
        for (var r = 0; r < satisfaction.Length; r++)
        {
            if (double.IsNaN(satisfaction[r]))
            {
                continue;
            }
            n++;
            for (var t = 0; t < k; t++)
            {
                var f = flags[r * k + t];
                contact[t] += PhaseResponses.Contact(f) ? 1 : 0;
                main[t] += PhaseResponses.Main(f) ? 1 : 0;
            }
        }
        return (n, contact, main);
    }

    /// <summary>
    /// One pass over the model sample: variable 0 = <c>PH_SAT</c>, then the candidates (imputed ratings, then contact
    /// indicators, of the touchpoints someone rated) into the full accumulator and, for each touchpoint in
    /// <paramref name="restrictedWanted"/>, into the accumulator of the respondents whose main contact it was.
    /// </summary>
    private static (CrossProductAccumulator Full, CrossProductAccumulator?[] Restricted, List<(int Touchpoint, bool Rating)> Labels) Accumulate(
        PhaseResponses involved, double[] means, bool[] restrictedWanted)
    {
        var k = means.Length;
        var labels = new List<(int Touchpoint, bool Rating)>(2 * k);
        for (var i = 0; i < k; i++)
        {
            if (!double.IsNaN(means[i]))
            {
                labels.Add((i, true));
            }
        }
        var rated = labels.Count;
        for (var i = 0; i < rated; i++)
        {
            labels.Add((labels[i].Touchpoint, false));
        }
        var m = 1 + labels.Count;
        // Relative to the target's mean, the touchpoint means and "no contact": a respondent's row differs from that
        // origin only in the phase rating, the touchpoints rated and the contacts, so rows are added sparsely.
        var origin = new double[m];
        var satisfaction = involved.SatisfactionSpan;
        var ySum = 0.0;
        var yCount = 0;
        foreach (var y in satisfaction)
        {
            if (!double.IsNaN(y))
            {
                ySum += y;
                yCount++;
            }
        }
        origin[0] = yCount == 0 ? 0 : ySum / yCount;
        for (var j = 0; j < rated; j++)
        {
            origin[1 + j] = means[labels[j].Touchpoint];
        }
        var full = new CrossProductAccumulator(origin);
        var restricted = restrictedWanted.Select(w => w ? new CrossProductAccumulator(origin) : null).ToArray();
        var indices = new int[m];
        var values = new double[m];
        var ratings = involved.RatingSpan;
        var flags = involved.FlagSpan;
        for (var r = 0; r < satisfaction.Length; r++)
        {
            var y = satisfaction[r];
            if (double.IsNaN(y))
            {
                continue;
            }
            indices[0] = 0;
            values[0] = y;
            var s = 1;
            for (var j = 0; j < rated; j++)
            {
                var x = ratings[r * k + labels[j].Touchpoint];
                if (!double.IsNaN(x))
                {
                    indices[s] = 1 + j;
                    values[s++] = x;
                }
            }
            for (var j = 0; j < rated; j++)
            {
                if (PhaseResponses.Contact(flags[r * k + labels[j].Touchpoint]))
                {
                    indices[s] = 1 + rated + j;
                    values[s++] = 1.0;
                }
            }
            full.AddSparse(indices.AsSpan(0, s), values.AsSpan(0, s));
            for (var t = 0; t < k; t++)
            {
                if (restricted[t] is { } acc && PhaseResponses.Main(flags[r * k + t]))
                {
                    acc.AddSparse(indices.AsSpan(0, s), values.AsSpan(0, s));
                }
            }
        }
        return (full, restricted, labels);
    }

    /// <summary>The candidates that enter the model (positions in <paramref name="labels"/>), or an error.</summary>
    private static List<int> Screen(CrossProductAccumulator moments, List<(int Touchpoint, bool Rating)> labels, IReadOnlyList<string> touchpoints,
        out string? error)
    {
        var chosen = ColumnScreening.SelectIndependent(moments, Enumerable.Range(1, labels.Count).ToList());
        error = null;
        if (chosen.Count == 0)
        {
            error = "No touchpoint rating varies among these respondents.";
        }
        else if (moments.Count < chosen.Count + 2)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"Too few respondents ({moments.Count}) for {chosen.Count} model variables.");
        }
        return chosen;
    }

    /// <summary>Phase satisfaction on imputed ratings and contact indicators; weights of the rating variables by touchpoint.</summary>
    private static ModelFit Fit(CrossProductAccumulator moments, List<(int Touchpoint, bool Rating)> labels, IReadOnlyList<string> touchpoints,
        ImportanceMethod method)
    {
        var weights = Enumerable.Repeat(double.NaN, touchpoints.Count).ToArray();
        var chosen = Screen(moments, labels, touchpoints, out var error);
        if (error is not null)
        {
            return new ModelFit(double.NaN, weights, method, error);
        }
        var used = method == ImportanceMethod.Shapley && chosen.Count > RelativeImportance.MaxShapleyDrivers
            ? ImportanceMethod.RelativeWeights
            : method;
        DriverImportanceResult result;
        try
        {
            result = RelativeImportance.Analyze(moments, 0, chosen.Select(c => c + 1).ToList(), ItemCodes.PhaseSatisfaction,
                chosen.Select(c => Name(labels[c], touchpoints)).ToList(), used);
        }
        catch (DegenerateDataException ex)
        {
            return new ModelFit(double.NaN, weights, used, ex.Message);
        }
        for (var j = 0; j < chosen.Count; j++)
        {
            var (touchpoint, rating) = labels[chosen[j]];
            if (rating)
            {
                weights[touchpoint] = result.Drivers[j].Weight;
            }
        }
        return new ModelFit(result.RSquared, weights, used, null);
    }

    /// <summary>The model sample's target and the columns of the chosen variables (for the bootstrap, which resamples rows).</summary>
    private static (double[] Target, List<double[]> Columns) Columns(PhaseResponses involved, double[] means, List<(int Touchpoint, bool Rating)> chosen)
    {
        var k = means.Length;
        var satisfaction = involved.SatisfactionSpan;
        var ratings = involved.RatingSpan;
        var flags = involved.FlagSpan;
        var target = new List<double>();
        var columns = chosen.Select(_ => new List<double>()).ToList();
        for (var r = 0; r < satisfaction.Length; r++)
        {
            if (double.IsNaN(satisfaction[r]))
            {
                continue;
            }
            target.Add(satisfaction[r]);
            for (var j = 0; j < chosen.Count; j++)
            {
                var (t, rating) = chosen[j];
                var x = ratings[r * k + t];
                columns[j].Add(rating ? (double.IsNaN(x) ? means[t] : x) : PhaseResponses.Contact(flags[r * k + t]) ? 1.0 : 0.0);
            }
        }
        return (target.ToArray(), columns.Select(c => c.ToArray()).ToList());
    }

    private static List<TouchpointPerformance> Cells(PhaseResponses involved, string phase, IReadOnlyList<string> touchpoints, int minGroupSize)
    {
        var k = touchpoints.Count;
        var contact = new int[k];
        var rated = new int[k];
        var sum = new double[k];
        var top = new int[k];
        var ratings = involved.RatingSpan;
        var flags = involved.FlagSpan;
        for (var i = 0; i < flags.Length; i++)
        {
            if (!PhaseResponses.Contact(flags[i]))
            {
                continue;
            }
            var t = i % k;
            contact[t]++;
            var x = ratings[i];
            if (!double.IsNaN(x))
            {
                rated[t]++;
                sum[t] += x;
                top[t] += x >= 4 ? 1 : 0;
            }
        }
        var n = involved.Count;
        var cells = new List<TouchpointPerformance>(k);
        for (var t = 0; t < k; t++)
        {
            var involvement = n == 0 || n < minGroupSize ? double.NaN : (double)contact[t] / n;
            var suppressed = rated[t] > 0 && rated[t] < minGroupSize;
            var show = rated[t] > 0 && !suppressed;
            cells.Add(new TouchpointPerformance(phase, touchpoints[t], n, contact[t], involvement, rated[t],
                show ? sum[t] / rated[t] : double.NaN, show ? (double)top[t] / rated[t] : double.NaN, suppressed));
        }
        return cells;
    }
}
