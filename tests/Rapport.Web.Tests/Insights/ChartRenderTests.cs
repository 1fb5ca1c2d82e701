using System.Globalization;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Web.Components.Charts;

namespace Rapport.Web.Tests.Insights;

/// <summary>The SVG charts rendered to HTML by Blazor's own renderer (no browser, no bUnit).</summary>
public sealed partial class ChartRenderTests
{
    private static readonly IReadOnlyList<ChartSeries> Motives =
        [new("Attachment", "part-attachment"), new("Calculative", "part-calculative"), new("Lock-in", "part-lockin")];

    [Fact]
    public async Task StackedBarChart_SuppressedGroup_ShowsFewerThanAndNoFigures()
    {
        using var _ = new CultureScope("en");
        var html = await RenderAsync<StackedBarChart>(new()
        {
            ["Bars"] = new List<StackedBar>
            {
                new("Supplier A", 40, [40, 15, 10], Href: "/analytics/accounts?group=a"),
                new("Supplier B", 4, null),
            },
            ["Series"] = Motives,
            ["Title"] = "Loyalty index and its make-up",
            ["Description"] = "Two groups",
            ["MinGroupSize"] = 5,
        });

        Assert.Contains("<title id=", html);
        Assert.Contains("Loyalty index and its make-up", html);
        Assert.Contains("fewer than 5 respondents", html);
        Assert.Contains("n = 40", html);
        // A hidden group shows no count either: only "fewer than 5".
        Assert.DoesNotContain(">n = 4<", html);
        // Three component rects for A, none for B.
        Assert.Equal(3, PartRect().Count(html));
        Assert.Contains("href=\"/analytics/accounts?group=a\"", html);
        // The total of A (65) is printed; B's figures are not.
        Assert.Contains(">65.0<", html);
    }

    [Fact]
    public async Task StackedBarChart_German_UsesGermanNumbersAndSuppressionText()
    {
        using var _ = new CultureScope("de");
        var html = await RenderAsync<StackedBarChart>(new()
        {
            ["Bars"] = new List<StackedBar> { new("A", 12, [30.25, 20, 12.5]), new("B", 3, null) },
            ["Series"] = Motives,
            ["Title"] = "T",
        });

        Assert.Contains("62,8", html);
        Assert.Contains("weniger als 5 Befragte", html);
        // Coordinates stay invariant whatever the culture.
        Assert.DoesNotMatch(new Regex("(x|y|width)=\"\\d+,\\d+\""), html);
    }

    [Fact]
    public async Task LineChart_MissingPoint_BreaksTheLine()
    {
        using var _ = new CultureScope("en");
        var html = await RenderAsync<LineChart>(new()
        {
            ["Categories"] = new List<string> { "Needs analysis", "Offer", "Order", "Delivery", "Commissioning" },
            ["Series"] = new List<LineSeries>
            {
                new("Field service", [new(0.2, 30, 0.4), new(0.25, 28, 0.35), new(null, 3, Suppressed: true), new(0.3, 10, 0.1), new(0.45, 9, 0.12)]),
            },
            ["Title"] = "Impact along the phases",
            ["SizeLabel"] = "involvement",
        });

        Assert.Equal(2, Count(html, "<polyline"));
        Assert.Equal(4, Count(html, "<circle"));
        Assert.Contains("fewer than 5 respondents", html);
        Assert.Contains("involvement 40%", html);
    }

    [Fact]
    public async Task HeatMap_SuppressedAndEmptyCells_ShowNoValues()
    {
        var html = await RenderAsync<HeatMap>(new()
        {
            ["Rows"] = new List<string> { "Offer", "Operation & maintenance" },
            ["Columns"] = new List<string> { "Sales", "Technical service" },
            ["Cells"] = new List<IReadOnlyList<HeatCell?>>
            {
                new List<HeatCell?> { new(4.2, 41, 0.9, Href: "/x"), new(null, 3, 0.1, Suppressed: true) },
                new List<HeatCell?> { null, new(3.1, 52, 0.85) },
            },
            ["Title"] = "Performance",
        });

        Assert.Equal(2, Count(html, "class=\"heat-cell\""));
        Assert.Equal(1, Count(html, "class=\"heat-suppressed\""));
        Assert.Equal(1, Count(html, "class=\"heat-empty\""));
        Assert.Contains("&lt; 5", html);
        Assert.Contains("Operation &amp; maintenance", html);
    }

    [Fact]
    public async Task BarChart_NegativeValuesAndIntervals_DrawsZeroLineAndWhiskers()
    {
        var html = await RenderAsync<BarChart>(new()
        {
            ["Items"] = new List<BarItem> { new("Regular", -12.5, 80, -25, 0.5), new("New", 20, 31, 4, 36), new("Lost", null, 2, Suppressed: true) },
            ["Title"] = "NPS",
            ["Min"] = -100.0,
            ["Max"] = 100.0,
            ["IntervalLabel"] = "95% interval",
        });

        Assert.Contains("class=\"chart-axis\"", html);
        Assert.Equal(2, Count(html, "class=\"chart-interval\""));
        Assert.Contains("class=\"chart-bar negative ", html);
        Assert.Contains("fewer than 5 respondents", html);
    }

    [Fact]
    public async Task QuadrantChart_Points_AreLabelledWithTheirQuadrant()
    {
        var html = await RenderAsync<QuadrantChart>(new()
        {
            ["Points"] = new List<QuadrantPoint> { new("Sales", 30, 4.1, 40, "Strength"), new("Logistics", 5, 3.2, 22, "Secondary") },
            ["Title"] = "Importance–performance",
            ["XMedian"] = 17.5,
            ["YMedian"] = 3.65,
        });

        Assert.Equal(2, Count(html, "class=\"chart-median\""));
        Assert.Equal(2, Count(html, "class=\"chart-point\""));
        Assert.Contains("Strength", html);
    }

    [Fact]
    public void NiceTicks_AnyRange_CoversItWithEqualSteps()
    {
        var ranges =
            from a in Gen.Choose(-100_000, 100_000)
            from b in Gen.Choose(-100_000, 100_000)
            from scale in Gen.Elements(0.001, 0.1, 1.0, 7.0)
            select (Min: a * scale, Max: b * scale);
        Check.QuickThrowOnFailure(Prop.ForAll(ranges.ToArbitrary(), r =>
        {
            var ticks = ChartMath.NiceTicks(r.Min, r.Max);
            var lo = Math.Min(r.Min, r.Max);
            var hi = Math.Max(r.Min, r.Max);
            var steps = ticks.Zip(ticks.Skip(1), (x, y) => y - x).ToList();
            return ticks.Count is >= 2 and <= 12
                && ticks[0] <= lo + 1e-9 && ticks[^1] >= hi - 1e-9
                && steps.All(s => Math.Abs(s - steps[0]) <= 1e-6 * Math.Max(1, Math.Abs(steps[0])));
        }));
    }

    [Fact]
    public void N_GermanCulture_StaysInvariant()
    {
        using var _ = new CultureScope("de");
        Assert.Equal("12.5", ChartMath.N(12.5));
        Assert.Equal("0", ChartMath.N(double.NaN));
    }

    [Fact]
    public void Wrap_LongLabel_SplitsAtASpaceIntoTwoLines()
    {
        Assert.Equal(["Operation &", "maintenance"], ChartMath.Wrap("Operation & maintenance", 12));
        Assert.Equal(["Sales"], ChartMath.Wrap("Sales", 12));
    }

    [Fact]
    public void HeatColor_Extremes_AreLightAndDarkWithReadableText()
    {
        Assert.Equal(("#eef3fa", false), ChartMath.HeatColor(0));
        Assert.Equal(("#163a6b", true), ChartMath.HeatColor(1));
        Assert.Equal(ChartMath.HeatColor(1), ChartMath.HeatColor(7));
    }

    private static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    private static int Count(string html, string pattern) => Regex.Count(html, pattern);

    [GeneratedRegex("<rect class=\"chart-part ")]
    private static partial Regex PartRect();

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(string name)
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
