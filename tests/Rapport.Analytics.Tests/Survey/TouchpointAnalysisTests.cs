using Rapport.Analytics.Drivers;
using Rapport.Analytics.Survey;

namespace Rapport.Analytics.Tests.Survey;

public class TouchpointAnalysisTests
{
    private static readonly string[] Touchpoints = ["logistics", "service", "sales"];

    private static RespondentAnswers Respondent(string id, bool involved, params (string Touchpoint, double Sat, bool Main)[] contacts)
    {
        var r = new RespondentAnswers(id);
        r.Record("PH_INVOLVED", involved ? 1 : 0, "delivery");
        foreach (var (t, sat, main) in contacts)
        {
            r.Record("TP_CONTACT", 1, "delivery", t);
            r.Record("TP_SAT", sat, "delivery", t);
            r.Record("TP_MAIN", main ? 1 : 0, "delivery", t);
        }
        return r;
    }

    private static List<RespondentAnswers> Small() =>
    [
        Respondent("a", true, ("logistics", 5, false), ("service", 5, true)),
        Respondent("b", true, ("logistics", 4, false)),
        Respondent("c", true, ("logistics", 3, false)),
        Respondent("d", true, ("logistics", 2, false)),
        Respondent("e", true),
        Respondent("f", false),
    ];

    /// <summary>Phase satisfaction driven by logistics (strongly) and service (weakly), with contact-dependent missingness.</summary>
    private static List<RespondentAnswers> Simulated(int n, int seed)
    {
        var random = new Random(seed);
        var list = new List<RespondentAnswers>();
        for (var i = 0; i < n; i++)
        {
            var r = new RespondentAnswers($"r{i}");
            var involved = random.NextDouble() < 0.9;
            r.Record("PH_INVOLVED", involved ? 1 : 0, "delivery");
            if (!involved)
            {
                list.Add(r);
                continue;
            }
            var latent = 0.0;
            var logistics = random.NextDouble() < 0.7;
            var service = random.NextDouble() < 0.4;
            r.Record("TP_CONTACT", logistics ? 1 : 0, "delivery", "logistics");
            r.Record("TP_CONTACT", service ? 1 : 0, "delivery", "service");
            r.Record("TP_CONTACT", 0, "delivery", "sales");
            if (logistics)
            {
                var sat = random.Next(1, 6);
                r.Record("TP_SAT", sat, "delivery", "logistics");
                r.Record("TP_MAIN", random.NextDouble() < 0.6 ? 1 : 0, "delivery", "logistics");
                latent += 0.8 * (sat - 3);
            }
            if (service)
            {
                var sat = random.Next(1, 6);
                r.Record("TP_SAT", sat, "delivery", "service");
                latent += 0.2 * (sat - 3);
            }
            var phaseSat = Math.Clamp(Math.Round(3 + latent + (random.NextDouble() - 0.5) * 1.5), 1, 5);
            r.Record("PH_SAT", phaseSat, "delivery");
            list.Add(r);
        }
        return list;
    }

    [Fact]
    public void Performance_SmallExample_MatchesHandCounts()
    {
        var cells = TouchpointAnalysis.Performance(Small(), ["delivery"], Touchpoints);

        var logistics = cells[0];
        Assert.Equal(("delivery", "logistics"), (logistics.Phase, logistics.Touchpoint));
        Assert.Equal((5, 4, 4), (logistics.InvolvedN, logistics.ContactN, logistics.PerformanceN));
        Assert.Equal(0.8, logistics.Involvement, 1e-12);
        Assert.Equal(3.5, logistics.Performance, 1e-12);
        Assert.Equal(0.5, logistics.TopTwoBox, 1e-12);
        Assert.Equal(0.2, cells[1].Involvement, 1e-12);
        Assert.Equal(5, cells[1].Performance);
        Assert.Equal(0, cells[2].Involvement);
        Assert.True(double.IsNaN(cells[2].Performance));
        Assert.False(cells[2].Suppressed);
    }

    [Fact]
    public void Performance_AnonymityOn_SuppressesSmallCells()
    {
        var two = TouchpointAnalysis.Performance(Small(), ["delivery"], Touchpoints, minGroupSize: 2);
        var six = TouchpointAnalysis.Performance(Small(), ["delivery"], Touchpoints, minGroupSize: 6);

        Assert.Equal(3.5, two[0].Performance, 1e-12);
        Assert.True(two[1].Suppressed);
        Assert.True(double.IsNaN(two[1].Performance));
        Assert.True(double.IsNaN(two[1].TopTwoBox));
        Assert.Equal(0.2, two[1].Involvement, 1e-12);
        Assert.True(double.IsNaN(six[0].Involvement));
        Assert.True(six[0].Suppressed);
    }

    [Fact]
    public void Impact_Simulated_EqualsRelativeWeightOfImputedRatingWithContactIndicators()
    {
        var respondents = Simulated(400, 1);

        var impact = TouchpointAnalysis.Impact(respondents, "delivery", Touchpoints);

        // Rebuild the model by hand: ratings imputed with the phase mean among those with contact, plus indicators.
        var sample = respondents.Select(r => r.Phases["delivery"]).Where(p => p.IsInvolved && !double.IsNaN(p.Satisfaction)).ToList();
        double Mean(string t) => sample.Concat(respondents.Select(r => r.Phases["delivery"]).Where(p => p.IsInvolved && double.IsNaN(p.Satisfaction)))
            .Where(p => p.Touchpoints[t].HadContact).Average(p => p.Touchpoints[t].Satisfaction);
        DriverColumn Rating(string t) => new(t, sample.Select(p => p.Touchpoints[t].HadContact ? p.Touchpoints[t].Satisfaction : Mean(t)).ToArray());
        DriverColumn Contact(string t) => new("c_" + t, sample.Select(p => p.Touchpoints[t].HadContact ? 1.0 : 0.0).ToArray());
        var manual = RelativeImportance.Analyze(new DriverColumn("PH_SAT", sample.Select(p => p.Satisfaction).ToArray()),
            [Rating("logistics"), Rating("service"), Contact("logistics"), Contact("service")]);

        Assert.Equal(sample.Count, impact.N);
        Assert.Equal(manual.RSquared, impact.RSquared, 1e-10);
        Assert.Equal(manual.Drivers[0].Weight, impact.Touchpoints[0].Impact, 1e-10);
        Assert.Equal(manual.Drivers[1].Weight, impact.Touchpoints[1].Impact, 1e-10);
        Assert.True(impact.Touchpoints[0].Impact > 3 * impact.Touchpoints[1].Impact);
        Assert.True(double.IsNaN(impact.Touchpoints[2].Impact));
        Assert.Equal(0, impact.Touchpoints[2].ContactN);
        Assert.Null(impact.Note);
    }

    [Fact]
    public void ImpactModel_Simulated_ReportsEveryVariableWithRatingWeightsEqualToImpact()
    {
        var respondents = Simulated(400, 1);

        var impact = TouchpointAnalysis.Impact(respondents, "delivery", Touchpoints);
        var model = TouchpointAnalysis.ImpactModel(respondents, "delivery", Touchpoints,
            new DriverImportanceOptions { BootstrapResamples = 100, Seed = 4 });

        Assert.Equal(["TP_SAT:logistics", "TP_SAT:service", "TP_CONTACT:logistics", "TP_CONTACT:service"], model.Drivers.Select(d => d.Name));
        Assert.Equal(impact.N, model.N);
        Assert.Equal(impact.RSquared, model.RSquared, 1e-12);
        Assert.Equal(impact.Touchpoints[0].Impact, model.Drivers[0].Weight, 1e-12);
        Assert.Equal(impact.Touchpoints[1].Impact, model.Drivers[1].Weight, 1e-12);
        Assert.Equal(model.RSquared, model.Drivers.Sum(d => d.Weight), 1e-12);
        Assert.All(model.Drivers, d => Assert.True(d.CiLow <= d.CiHigh, d.Name));
    }

    [Fact]
    public void ImpactModel_NobodyInvolved_ThrowsDegenerateData()
    {
        var respondents = new List<RespondentAnswers> { Respondent("a", false), Respondent("b", false) };

        Assert.Throws<DegenerateDataException>(() => TouchpointAnalysis.ImpactModel(respondents, "delivery", Touchpoints));
    }

    [Fact]
    public void Impact_MainContact_RestrictsToRespondentsWithThatMainContact()
    {
        var respondents = Simulated(400, 2);

        var impact = TouchpointAnalysis.Impact(respondents, "delivery", Touchpoints, minGroupSize: 5);

        var logistics = impact.Touchpoints[0];
        Assert.True(logistics.MainContactN > 50);
        Assert.True(logistics.MainContactImpact > 0.1, $"main-contact impact {logistics.MainContactImpact}");
        Assert.Equal(0, impact.Touchpoints[1].MainContactN);
        Assert.True(double.IsNaN(impact.Touchpoints[1].MainContactImpact));
    }

    [Fact]
    public void Impact_SampleBelowMinGroupSize_IsSuppressedWithNote()
    {
        var impact = TouchpointAnalysis.Impact(Simulated(6, 3), "delivery", Touchpoints, minGroupSize: 10);

        Assert.All(impact.Touchpoints, t => Assert.True(double.IsNaN(t.Impact)));
        Assert.Contains("Suppressed", impact.Note);
    }

    [Fact]
    public void Phases_Simulated_CombinesPerformanceAndImpactInPhaseOrder()
    {
        var respondents = Simulated(300, 4);

        var phases = TouchpointAnalysis.Phases(respondents, ["delivery", "commissioning"], Touchpoints, minGroupSize: 5);
        var series = TouchpointAnalysis.Longitudinal(phases);

        Assert.Equal(["delivery", "commissioning"], phases.Select(p => p.Phase));
        Assert.Equal([1, 2], phases.Select(p => p.Order));
        Assert.Equal(respondents.Count(r => r.Phases["delivery"].IsInvolved), phases[0].N);
        Assert.Equal(0, phases[1].N);
        Assert.InRange(phases[0].Satisfaction, 1, 5);
        Assert.InRange(phases[0].Touchpoints[0].Involvement, 0.6, 0.8);
        Assert.False(double.IsNaN(phases[0].Touchpoints[0].Impact));
        Assert.Equal(3, series.Count);
        Assert.Equal(phases[0].Touchpoints[0].Impact, series[0].Points[0].Impact);
        Assert.True(double.IsNaN(series[0].Points[1].Involvement));
    }
}
