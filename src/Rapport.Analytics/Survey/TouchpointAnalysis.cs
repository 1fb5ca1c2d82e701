using System.Globalization;
using Rapport.Analytics.Drivers;

namespace Rapport.Analytics.Survey;

/// <summary>Involvement and performance of one touchpoint in one phase (SPEC §4.4).</summary>
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

/// <summary>Touchpoint impacts for one phase (SPEC §4.4, cross-sectional).</summary>
/// <param name="Phase">The phase key.</param>
/// <param name="N">Respondents involved in the phase who rated <c>PH_SAT</c>: the model sample.</param>
/// <param name="RSquared">R² of phase satisfaction on the touchpoint variables; NaN when no model was fitted.</param>
/// <param name="Method">The decomposition used.</param>
/// <param name="Touchpoints">One entry per requested touchpoint, in the given order.</param>
/// <param name="Note">Why figures are missing (suppression, too few respondents), or null.</param>
public sealed record PhaseImpact(string Phase, int N, double RSquared, ImportanceMethod Method, IReadOnlyList<TouchpointImpact> Touchpoints, string? Note);

/// <summary>Everything §4.4 shows for one touchpoint in one phase: the cells of the phase view.</summary>
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

/// <summary>A touchpoint's impact and involvement across the ordered phases (the longitudinal view of §4.4).</summary>
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
/// Phase × touchpoint analytics of the relationship survey (SPEC §4.4): involvement, performance, impact on phase
/// satisfaction (with the contact-indicator treatment of touchpoints without contact), main-contact impact and the
/// longitudinal view.
/// </summary>
/// <remarks>
/// <para><b>Anonymity.</b> <c>minGroupSize</c> is the survey's minimum group size when anonymity is on (default 5 in
/// SPEC §3.2), or 0 when it is off. A figure whose base is below it is NaN.</para>
/// <para><b>Missing by design.</b> A touchpoint is rated only by respondents who had contact with it, so its
/// satisfaction is missing for everyone else and complete-case regression would keep almost no one. Following the
/// dummy-variable adjustment (Cohen &amp; Cohen 1983), the missing ratings are set to the phase mean of the touchpoint
/// and a 0/1 contact indicator per touchpoint enters the model: the indicator takes up the difference between
/// respondents with and without contact, the rating variable measures the effect of how well the touchpoint did. The
/// impact reported is the relative weight of the rating variable. Indicators that are constant (everyone had contact)
/// or collinear are left out.</para>
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
            var involved = Involved(list, phase);
            foreach (var touchpoint in touchpoints)
            {
                cells.Add(Cell(involved, phase, touchpoint, minGroupSize));
            }
        }
        return cells;
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
        ArgumentOutOfRangeException.ThrowIfNegative(minGroupSize);
        var list = respondents as IReadOnlyList<RespondentAnswers> ?? respondents.ToList();
        var involved = Involved(list, phase);
        var sample = involved.Where(p => !double.IsNaN(p.Satisfaction)).ToList();
        var means = touchpoints.Select(t => Cell(involved, phase, t, 0).Performance).ToArray();

        var contactN = touchpoints.Select(t => sample.Count(p => Contact(p, t))).ToArray();
        var mainN = touchpoints.Select(t => sample.Count(p => IsMain(p, t))).ToArray();
        if (sample.Count < Math.Max(minGroupSize, 1))
        {
            var note = sample.Count == 0
                ? "No involved respondent rated the phase."
                : string.Create(CultureInfo.InvariantCulture, $"Suppressed: {sample.Count} respondents, fewer than the minimum group size {minGroupSize}.");
            return new PhaseImpact(phase, sample.Count, double.NaN, method,
                touchpoints.Select((t, i) => new TouchpointImpact(t, double.NaN, double.NaN, contactN[i], double.NaN, mainN[i])).ToList(), note);
        }

        var full = Fit(sample, touchpoints, means, method);
        var impacts = new List<TouchpointImpact>(touchpoints.Count);
        for (var i = 0; i < touchpoints.Count; i++)
        {
            var mainImpact = double.NaN;
            if (mainN[i] >= Math.Max(minGroupSize, 1))
            {
                var t = touchpoints[i];
                var subset = sample.Where(p => IsMain(p, t)).ToList();
                var restricted = Fit(subset, touchpoints, means, method);
                mainImpact = restricted.Weights[i];
            }
            impacts.Add(new TouchpointImpact(touchpoints[i], full.Weights[i],
                full.RSquared > 0 ? 100 * full.Weights[i] / full.RSquared : double.NaN, contactN[i], mainImpact, mainN[i]));
        }
        return new PhaseImpact(phase, sample.Count, full.RSquared, full.Method, impacts, full.Note);
    }

    /// <summary>The phase view: per phase in order, involvement, satisfaction and every touchpoint's figures.</summary>
    /// <param name="respondents">The respondents.</param>
    /// <param name="phases">Phase keys in their configured order.</param>
    /// <param name="touchpoints">Touchpoint keys in their configured order.</param>
    /// <param name="minGroupSize">Anonymity threshold (0 = off).</param>
    /// <param name="method">Decomposition for the impacts; see <see cref="Impact"/>.</param>
    public static IReadOnlyList<PhaseOverview> Phases(
        IEnumerable<RespondentAnswers> respondents, IReadOnlyList<string> phases, IReadOnlyList<string> touchpoints, int minGroupSize = 0,
        ImportanceMethod method = ImportanceMethod.RelativeWeights)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(touchpoints);
        var list = respondents as IReadOnlyList<RespondentAnswers> ?? respondents.ToList();
        var cells = Performance(list, phases, touchpoints, minGroupSize);
        var result = new List<PhaseOverview>(phases.Count);
        for (var p = 0; p < phases.Count; p++)
        {
            var phase = phases[p];
            var involved = Involved(list, phase);
            var ratings = involved.Select(a => a.Satisfaction).Where(x => !double.IsNaN(x)).ToList();
            var satisfaction = ratings.Count == 0 || ratings.Count < minGroupSize ? double.NaN : ratings.Average();
            var impact = Impact(list, phase, touchpoints, minGroupSize, method);
            var row = new List<PhaseTouchpoint>(touchpoints.Count);
            for (var t = 0; t < touchpoints.Count; t++)
            {
                var cell = cells[p * touchpoints.Count + t];
                var ti = impact.Touchpoints[t];
                row.Add(new PhaseTouchpoint(touchpoints[t], cell.Involvement, cell.Performance, cell.TopTwoBox, cell.PerformanceN, ti.Impact, ti.MainContactImpact));
            }
            result.Add(new PhaseOverview(phase, p + 1, involved.Count, satisfaction, row));
        }
        return result;
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

    private sealed record ModelFit(double RSquared, double[] Weights, ImportanceMethod Method, string? Note);

    /// <summary>
    /// The full impact model of one phase as a key-driver analysis (SPEC §4.5): <c>PH_SAT[phase]</c> of the involved
    /// respondents who rated the phase on every model variable of <see cref="Impact"/> — the touchpoint ratings (missing
    /// ones set to the phase mean, named <c>TP_SAT:touchpoint</c>) and the contact indicators (<c>TP_CONTACT:touchpoint</c>),
    /// constant or collinear candidates left out. Unlike <see cref="Impact"/> it reports every variable, so the weights add
    /// up to R², and it takes the bootstrap options of <see cref="RelativeImportance.Analyze"/>.
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
        options ??= new DriverImportanceOptions();
        var list = respondents as IReadOnlyList<RespondentAnswers> ?? respondents.ToList();
        var involved = Involved(list, phase);
        var sample = involved.Where(p => !double.IsNaN(p.Satisfaction)).ToList();
        var means = touchpoints.Select(t => Cell(involved, phase, t, 0).Performance).ToArray();
        var model = Model(sample, touchpoints, means);
        if (model.Error is not null)
        {
            throw new DegenerateDataException(model.Error);
        }
        var used = options.Method == ImportanceMethod.Shapley && model.Drivers.Count > RelativeImportance.MaxShapleyDrivers
            ? options with { Method = ImportanceMethod.RelativeWeights }
            : options;
        return RelativeImportance.Analyze(model.Target, model.Drivers, used);
    }

    private sealed record ModelVariables(DriverColumn Target, List<DriverColumn> Drivers, List<(int Touchpoint, bool Rating)> Labels, string? Error);

    /// <summary>The variables of the phase model: imputed ratings and contact indicators, screened for constant and collinear columns.</summary>
    private static ModelVariables Model(List<PhaseAnswers> sample, IReadOnlyList<string> touchpoints, double[] means)
    {
        var k = touchpoints.Count;
        var candidates = new List<double[]>(2 * k);
        var labels = new List<(int Touchpoint, bool Rating)>(2 * k);
        for (var i = 0; i < k; i++)
        {
            if (double.IsNaN(means[i]))
            {
                continue;
            }
            var t = touchpoints[i];
            candidates.Add(sample.Select(p => Rating(p, t) is var x && double.IsNaN(x) ? means[i] : x).ToArray());
            labels.Add((i, true));
        }
        for (var i = 0; i < k; i++)
        {
            if (double.IsNaN(means[i]))
            {
                continue;
            }
            var t = touchpoints[i];
            candidates.Add(sample.Select(p => Contact(p, t) ? 1.0 : 0.0).ToArray());
            labels.Add((i, false));
        }

        var target = new DriverColumn(ItemCodes.PhaseSatisfaction, sample.Select(p => p.Satisfaction).ToArray());
        var chosen = ColumnScreening.SelectIndependent(candidates);
        if (chosen.Count == 0)
        {
            return new ModelVariables(target, [], [], "No touchpoint rating varies among these respondents.");
        }
        if (sample.Count < chosen.Count + 2)
        {
            return new ModelVariables(target, [], [], string.Create(CultureInfo.InvariantCulture,
                $"Too few respondents ({sample.Count}) for {chosen.Count} model variables."));
        }
        var drivers = chosen.Select(c => new DriverColumn(
            (labels[c].Rating ? "TP_SAT:" : "TP_CONTACT:") + touchpoints[labels[c].Touchpoint], candidates[c])).ToList();
        return new ModelVariables(target, drivers, chosen.Select(c => labels[c]).ToList(), null);
    }

    /// <summary>Phase satisfaction on imputed ratings and contact indicators; weights of the rating variables by touchpoint.</summary>
    private static ModelFit Fit(List<PhaseAnswers> sample, IReadOnlyList<string> touchpoints, double[] means, ImportanceMethod method)
    {
        var weights = Enumerable.Repeat(double.NaN, touchpoints.Count).ToArray();
        var model = Model(sample, touchpoints, means);
        if (model.Error is not null)
        {
            return new ModelFit(double.NaN, weights, method, model.Error);
        }
        var used = method == ImportanceMethod.Shapley && model.Drivers.Count > RelativeImportance.MaxShapleyDrivers
            ? ImportanceMethod.RelativeWeights
            : method;
        DriverImportanceResult result;
        try
        {
            result = RelativeImportance.Analyze(model.Target, model.Drivers, new DriverImportanceOptions { Method = used });
        }
        catch (DegenerateDataException ex)
        {
            return new ModelFit(double.NaN, weights, used, ex.Message);
        }
        for (var j = 0; j < model.Labels.Count; j++)
        {
            var (touchpoint, rating) = model.Labels[j];
            if (rating)
            {
                weights[touchpoint] = result.Drivers[j].Weight;
            }
        }
        return new ModelFit(result.RSquared, weights, used, null);
    }

    private static List<PhaseAnswers> Involved(IReadOnlyList<RespondentAnswers> respondents, string phase)
    {
        var involved = new List<PhaseAnswers>();
        foreach (var r in respondents)
        {
            if (r.Phases.TryGetValue(phase, out var p) && p.IsInvolved)
            {
                involved.Add(p);
            }
        }
        return involved;
    }

    private static TouchpointPerformance Cell(List<PhaseAnswers> involved, string phase, string touchpoint, int minGroupSize)
    {
        var contact = 0;
        var rated = 0;
        var sum = 0.0;
        var top = 0;
        foreach (var p in involved)
        {
            if (!Contact(p, touchpoint))
            {
                continue;
            }
            contact++;
            var x = Rating(p, touchpoint);
            if (!double.IsNaN(x))
            {
                rated++;
                sum += x;
                top += x >= 4 ? 1 : 0;
            }
        }
        var involvement = involved.Count == 0 || involved.Count < minGroupSize ? double.NaN : (double)contact / involved.Count;
        var suppressed = rated > 0 && rated < minGroupSize;
        var show = rated > 0 && !suppressed;
        return new TouchpointPerformance(phase, touchpoint, involved.Count, contact, involvement, rated,
            show ? sum / rated : double.NaN, show ? (double)top / rated : double.NaN, suppressed);
    }

    private static bool Contact(PhaseAnswers phase, string touchpoint) =>
        phase.Touchpoints.TryGetValue(touchpoint, out var t) && t.HadContact;

    private static bool IsMain(PhaseAnswers phase, string touchpoint) =>
        phase.Touchpoints.TryGetValue(touchpoint, out var t) && t.IsMainContact;

    private static double Rating(PhaseAnswers phase, string touchpoint) =>
        phase.Touchpoints.TryGetValue(touchpoint, out var t) && t.HadContact ? t.Satisfaction : double.NaN;
}
