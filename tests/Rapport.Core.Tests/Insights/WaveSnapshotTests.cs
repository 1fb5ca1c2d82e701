using Rapport.Analytics.Survey;
using Rapport.Core.Insights;

namespace Rapport.Core.Tests.Insights;

public class WaveSnapshotTests
{
    private static readonly string[] Phases = ["sales", "delivery", "operation"];
    private static readonly string[] Touchpoints = ["rep", "hotline", "field", "portal"];

    /// <summary>Random packed answers including unanswered involvement/contact (−1) and contact without rating.</summary>
    private static WaveSnapshot RandomSnapshot(int seed, int count)
    {
        var random = new Random(seed);
        var snapshot = new WaveSnapshot(1, 1, Phases, Touchpoints, count);
        snapshot.Answers.AsSpan().Fill(PackedAnswers.Missing);
        sbyte Flag() => (sbyte)random.Next(-1, 2);
        sbyte Rating() => random.Next(4) == 0 ? PackedAnswers.Missing : (sbyte)random.Next(1, 6);
        for (var row = 0; row < count; row++)
        {
            snapshot.Keys[row] = row.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            var offset = row * snapshot.RowLength;
            snapshot.Answers[offset + PackedAnswers.GlobalIndex[ItemCodes.SatisfactionItems[0]]] = Rating();
            for (var p = 0; p < Phases.Length; p++)
            {
                var po = offset + PackedAnswers.PhaseOffset(p);
                snapshot.Answers[po] = Flag();
                snapshot.Answers[po + 1] = Rating();
                for (var t = 0; t < Touchpoints.Length; t++)
                {
                    var to = offset + PackedAnswers.TouchpointOffset(Phases.Length, Touchpoints.Length, p, t);
                    snapshot.Answers[to] = Flag();
                    snapshot.Answers[to + 1] = Rating();
                    snapshot.Answers[to + 2] = Flag();
                }
            }
        }
        return snapshot;
    }

    [Fact]
    public void InvolvedIn_RandomPackedAnswers_EqualsPhaseResponsesOfTheAnswers()
    {
        var snapshot = RandomSnapshot(7, 400);
        var rows = Enumerable.Range(0, snapshot.Count).Where(r => r % 5 != 0).ToArray();
        var answers = rows.Select(r => snapshot.ToAnswers(r)).ToList();

        for (var p = 0; p < Phases.Length; p++)
        {
            var expected = PhaseResponses.Of(answers, Phases[p], Touchpoints);
            var actual = snapshot.InvolvedIn(rows, p);

            Assert.Equal(expected.Count, actual.Count);
            Assert.InRange(actual.Count, 50, rows.Length - 1);
            for (var r = 0; r < actual.Count; r++)
            {
                Assert.Equal(expected.Satisfaction(r), actual.Satisfaction(r));
                for (var t = 0; t < Touchpoints.Length; t++)
                {
                    Assert.Equal(expected.HadContact(r, t), actual.HadContact(r, t));
                    Assert.Equal(expected.IsMainContact(r, t), actual.IsMainContact(r, t));
                    Assert.Equal(expected.Rating(r, t), actual.Rating(r, t));
                }
            }
        }
    }

    [Fact]
    public void InvolvedIn_ImpactAndPhaseFigures_EqualTheLibraryOnTheAnswers()
    {
        var snapshot = RandomSnapshot(11, 300);
        var rows = Enumerable.Range(0, snapshot.Count).ToArray();
        var answers = rows.Select(r => snapshot.ToAnswers(r)).ToList();

        var expected = TouchpointAnalysis.Phases(answers, Phases, Touchpoints, 5);
        var actual = Phases.Select((phase, p) => TouchpointAnalysis.Phase(snapshot.InvolvedIn(rows, p), phase, p + 1, Touchpoints, 5)).ToList();

        Assert.Equal(expected, actual, (a, b) => a.N == b.N && a.Satisfaction.Equals(b.Satisfaction) && a.Touchpoints.SequenceEqual(b.Touchpoints));
        Assert.Contains(actual.SelectMany(p => p.Touchpoints), t => double.IsFinite(t.Impact));
    }

    [Fact]
    public void Overall_RandomPackedAnswers_PhasesAsTouchpointsWithInvolvementAsContact()
    {
        var snapshot = RandomSnapshot(3, 200);
        var rows = Enumerable.Range(0, snapshot.Count).ToArray();
        var satisfaction = PackedAnswers.GlobalIndex[ItemCodes.SatisfactionItems[0]];

        var overall = snapshot.Overall(rows, satisfaction);

        Assert.Equal(rows.Length, overall.Count);
        for (var r = 0; r < rows.Length; r++)
        {
            var answers = snapshot.ToAnswers(r);
            Assert.Equal(answers[ItemCodes.SatisfactionItems[0]], overall.Satisfaction(r));
            for (var p = 0; p < Phases.Length; p++)
            {
                var involved = answers.Phases.TryGetValue(Phases[p], out var phase) && phase.IsInvolved;
                Assert.Equal(involved, overall.HadContact(r, p));
                Assert.False(overall.IsMainContact(r, p));
                Assert.Equal(involved ? phase!.Satisfaction : double.NaN, overall.Rating(r, p));
            }
        }
        var model = TouchpointAnalysis.ImpactModel(overall, "overall", Phases);
        Assert.Equal(model.RSquared, model.Drivers.Sum(d => d.Weight), 12);
    }
}
