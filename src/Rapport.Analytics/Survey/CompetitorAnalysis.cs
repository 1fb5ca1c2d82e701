namespace Rapport.Analytics.Survey;

/// <summary>How one competitor is seen in one phase (docs/definitions.md#phases-and-touchpoints, <c>GET /api/v1/analytics/competitors</c>).</summary>
/// <param name="Name">The competitor as first spelled (names are matched ignoring case and surrounding spaces).</param>
/// <param name="Mentions">Respondents naming the competitor in the phase (<c>CMP_NAME</c>).</param>
/// <param name="Worse">Of those, <c>CMP_REL</c> 1–2 (the supplier is worse); null when suppressed.</param>
/// <param name="Same">Of those, <c>CMP_REL</c> 3; null when suppressed.</param>
/// <param name="Better">Of those, <c>CMP_REL</c> 4–5 (the supplier is better); null when suppressed.</param>
/// <param name="MeanRelative">Mean <c>CMP_REL</c> (1–5) of those who rated; NaN when none rated or suppressed.</param>
public sealed record CompetitorTally(string Name, int Mentions, int? Worse, int? Same, int? Better, double MeanRelative);

/// <summary>The competitors named in one phase, most mentioned first.</summary>
/// <param name="Phase">The phase key.</param>
/// <param name="Competitors">Tallies ordered by mentions (descending), then name.</param>
public sealed record PhaseCompetitors(string Phase, IReadOnlyList<CompetitorTally> Competitors);

/// <summary>One respondent's competitor answers in a phase.</summary>
/// <param name="Name"><c>CMP_NAME</c>, null or blank when none was named.</param>
/// <param name="Relative"><c>CMP_REL</c> (1–5), NaN when unanswered.</param>
public readonly record struct CompetitorMention(string? Name, double Relative);

/// <summary>Competitors by phase: who is named and how the supplier compares (docs/definitions.md#phases-and-touchpoints).</summary>
public static class CompetitorAnalysis
{
    /// <summary>Tallies <c>CMP_NAME</c>/<c>CMP_REL</c> per phase. A rating without a named competitor cannot be attributed and is ignored.</summary>
    /// <param name="respondents">The respondents.</param>
    /// <param name="phases">Phase keys in their configured order; every phase is returned, possibly with no competitors.</param>
    /// <param name="minGroupSize">
    /// Anonymity threshold (0 = off): the rating distribution of a competitor named by fewer respondents is withheld.
    /// </param>
    public static IReadOnlyList<PhaseCompetitors> ByPhase(IEnumerable<RespondentAnswers> respondents, IReadOnlyList<string> phases, int minGroupSize = 0)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentOutOfRangeException.ThrowIfNegative(minGroupSize);
        var list = respondents as IReadOnlyList<RespondentAnswers> ?? respondents.ToList();
        return phases.Select(phase => Phase(phase, list.Select(r => r.Phases.TryGetValue(phase, out var p)
            ? new CompetitorMention(p.CompetitorName, p.CompetitorRelative)
            : default), minGroupSize)).ToList();
    }

    /// <summary>
    /// Tallies the competitors of one phase from each respondent's <c>CMP_NAME</c>/<c>CMP_REL</c> (for callers that hold
    /// answers in another form than <see cref="RespondentAnswers"/>; <see cref="ByPhase"/> gives the same figures).
    /// </summary>
    /// <param name="phase">The phase key.</param>
    /// <param name="mentions">One entry per respondent; entries without a name (null or blank) are ignored.</param>
    /// <param name="minGroupSize">Anonymity threshold (0 = off), as for <see cref="ByPhase"/>.</param>
    public static PhaseCompetitors Phase(string phase, IEnumerable<CompetitorMention> mentions, int minGroupSize = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(phase);
        ArgumentNullException.ThrowIfNull(mentions);
        ArgumentOutOfRangeException.ThrowIfNegative(minGroupSize);
        var tallies = new Dictionary<string, Tally>(StringComparer.OrdinalIgnoreCase);
        foreach (var mention in mentions)
        {
            if (string.IsNullOrWhiteSpace(mention.Name))
            {
                continue;
            }
            var name = mention.Name.Trim();
            if (!tallies.TryGetValue(name, out var tally))
            {
                tally = new Tally(name);
                tallies.Add(name, tally);
            }
            tally.Add(mention.Relative);
        }
        return new PhaseCompetitors(phase, tallies.Values
            .OrderByDescending(t => t.Mentions)
            .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => t.ToResult(minGroupSize))
            .ToList());
    }

    private sealed class Tally(string name)
    {
        public string Name { get; } = name;
        public int Mentions { get; private set; }
        private int _worse;
        private int _same;
        private int _better;
        private double _sum;
        private int _rated;

        public void Add(double relative)
        {
            Mentions++;
            if (double.IsNaN(relative))
            {
                return;
            }
            _rated++;
            _sum += relative;
            if (relative <= 2)
            {
                _worse++;
            }
            else if (relative == 3)
            {
                _same++;
            }
            else
            {
                _better++;
            }
        }

        public CompetitorTally ToResult(int minGroupSize)
        {
            if (Mentions < minGroupSize)
            {
                return new CompetitorTally(Name, Mentions, null, null, null, double.NaN);
            }
            return new CompetitorTally(Name, Mentions, _worse, _same, _better, _rated == 0 ? double.NaN : _sum / _rated);
        }
    }
}
