using MathNet.Numerics.Distributions;
using Rapport.Analytics.Acquisition;

namespace Rapport.Analytics.Tests.Acquisition;

public sealed class LeadScoringModelTests
{
    private static readonly FeatureSchema Schema = new(["employees", "visits"], ["industry", "channel"]);

    /// <summary>Won leads: more visits, machinery industry, referral channel; employees irrelevant.</summary>
    private static List<LabeledLead> Simulate(int n, int seed)
    {
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        string[] industries = ["Machinery", "Retail", "Chemicals"];
        string[] channels = ["referral", "trade fair", "online"];
        var leads = new List<LabeledLead>();
        for (var i = 0; i < n; i++)
        {
            var employees = Math.Round(Math.Exp(5 + normal.Sample()));
            var visits = random.Next(0, 10);
            var industry = industries[random.Next(3)];
            var channel = channels[random.Next(3)];
            var logit = -2 + (0.5 * visits) + (industry == "Machinery" ? 1.0 : 0) + (channel == "referral" ? 0.8 : 0);
            leads.Add(new LabeledLead($"L{i}", new FeatureRow([employees, visits], [industry, channel]), random.NextDouble() < LogisticRegression.Sigmoid(logit)));
        }
        return leads;
    }

    [Fact]
    public void Train_SimulatedHistory_GoodHoldoutAucCalibratedAndSeeded()
    {
        var history = Simulate(1200, 3);

        var model = LeadScoringModel.Train(Schema, history);
        var again = LeadScoringModel.Train(Schema, history);

        var e = model.Evaluation;
        Assert.InRange(e.HoldoutCount, 299, 301);
        Assert.Equal(1200, e.TrainingCount + e.HoldoutCount);
        Assert.InRange(e.Auc!.Value, 0.75, 1);
        Assert.InRange(e.Brier!.Value, 0, 0.2);
        Assert.Equal(10, e.Reliability.Count);
        Assert.Equal(e.HoldoutCount, e.Reliability.Sum(b => b.Count));
        Assert.NotNull(model.Platt);
        Assert.Equal(e.Auc, again.Evaluation.Auc);
        Assert.Equal(e.Brier, again.Evaluation.Brier);
        Assert.Equal(model.Fit.Coefficients, again.Fit.Coefficients);
        // visits (standardised): true 0.5 per visit × sd ≈ 2.9 ≈ 1.4; employees carries nothing.
        var visits = model.Coefficients.Single(c => c.Column.Name == "visits").Coefficient;
        var employees = model.Coefficients.Single(c => c.Column.Name == "employees").Coefficient;
        Assert.InRange(visits, 1.0, 1.9);
        Assert.InRange(Math.Abs(employees), 0, 0.3);
    }

    [Fact]
    public void Score_ContributionsAddUpToTheLogitAndNameTheDrivers()
    {
        var model = LeadScoringModel.Train(Schema, Simulate(800, 5), new LeadScoringOptions { TopFeatures = 4 });
        var lead = new FeatureRow([150, 9], ["Machinery", "referral"]);

        var score = model.Score(lead);

        Assert.Equal(score.Logit, model.BaselineLogit + score.TopFeatures.Sum(f => f.Contribution), 9);
        Assert.Equal("visits", score.TopFeatures[0].Feature);
        Assert.Equal("9", score.TopFeatures[0].Value);
        Assert.All(score.TopFeatures.Where(f => f.Feature != "employees"), f => Assert.True(f.Contribution > 0));
        Assert.True(score.Probability > 0.8);
        Assert.Equal(LogisticRegression.Sigmoid(score.Logit), score.RawProbability, 12);
    }

    [Fact]
    public void Score_UnknownValues_TreatedAsAverage()
    {
        var model = LeadScoringModel.Train(Schema, Simulate(400, 8), new LeadScoringOptions { TopFeatures = 4, Calibrate = false });

        var score = model.Score(new FeatureRow([double.NaN, double.NaN], [null, "unheard-of"]));

        Assert.Equal(score.RawProbability, score.Probability);
        Assert.Contains(score.TopFeatures, f => f.Feature == "industry" && f.Value == "unknown");
        Assert.All(score.TopFeatures.Where(f => f.Feature is "employees" or "visits"), f => Assert.Equal(0, f.Contribution, 12));
    }

    [Fact]
    public void Train_PerfectlySeparableHistory_HoldoutAucOne()
    {
        var history = Enumerable.Range(0, 40)
            .Select(i => new LabeledLead($"L{i}", new FeatureRow([i, 0], [i < 20 ? "Retail" : "Machinery", "online"]), i >= 20))
            .ToList();

        var model = LeadScoringModel.Train(Schema, history);

        Assert.Equal(1.0, model.Evaluation.Auc);
    }

    [Fact]
    public void Train_OneClassMissing_Throws() =>
        Assert.Throws<ArgumentException>(() => LeadScoringModel.Train(Schema,
            [.. Enumerable.Range(0, 5).Select(i => new LabeledLead($"{i}", new FeatureRow([i, i], ["a", "b"]), true))]));

    [Fact]
    public void ValueWeighted_ProbabilityTimesExpectedClv()
    {
        Assert.Equal(3000, LeadScoringModel.ValueWeighted(0.3, 10_000), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => LeadScoringModel.ValueWeighted(1.2, 10));
    }
}
