extern alias rapportcli;

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MathNet.Numerics.Distributions;
using Rapport.Analytics.Clv;
using Rapport.Analytics.Input;

namespace Rapport.Benchmarks.Clv;

/// <summary>
/// CLV models (docs/benchmarks.md, "CLV models"): a BG/NBD fit on one million simulated customer summaries, and
/// <c>rapport analyze clv</c> end to end on the UCI Online Retail file.
/// Run: <c>dotnet run -c Release --project bench/Rapport.Benchmarks -- --filter '*ClvBenchmarks*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ClvBenchmarks
{
    private HistoryCount[] _million = [];
    private string _onlineRetail = "";

    [GlobalSetup]
    public void Setup()
    {
        _million = SimulateBgNbd(1_000_000, r: 0.5, alpha: 5, a: 0.8, b: 2.5, seed: 42);
        _onlineRetail = SharedData.File("online-retail/online_retail.csv");
    }

    /// <summary>BG/NBD maximum likelihood on 1,000,000 customers (aggregation into distinct rows included).</summary>
    [Benchmark]
    public BgNbdModel BgNbdFit_OneMillionCustomers() => BgNbdModel.Fit(_million).Model;

    /// <summary>Reading and summarising the 541,909 lines of online_retail.csv (quantity × price, calibration to 2011-09-30).</summary>
    [Benchmark]
    public int OnlineRetail_ReadAndSummarize()
    {
        var summarizer = new TransactionSummarizer(new DateOnly(2011, 9, 30), new DateOnly(2011, 12, 9));
        summarizer.AddRange(new TransactionCsvReader(_onlineRetail, OnlineRetailColumns).Read());
        return summarizer.Summarize(TimeUnit.Week).Count;
    }

    /// <summary><c>rapport analyze clv</c> on online_retail.csv: read, summarise, BG/NBD, Gamma-Gamma, CLV per customer, JSON.</summary>
    [Benchmark]
    public int OnlineRetail_AnalyzeClvEndToEnd() =>
        rapportcli::Rapport.Cli.Infrastructure.CliApp.RunAsync(
        [
            "analyze", "clv", "--input", _onlineRetail, "--customer-col", "CustomerID", "--date-col", "InvoiceDate",
            "--quantity-col", "Quantity", "--price-col", "UnitPrice", "--calibration-end", "2011-09-30", "--holdout-end", "2011-12-09",
            "--time-unit", "week", "--json",
        ], TextWriter.Null, TextWriter.Null).GetAwaiter().GetResult();

    private static readonly TransactionCsvOptions OnlineRetailColumns = new()
    {
        CustomerColumn = "CustomerID",
        DateColumn = "InvoiceDate",
        QuantityColumn = "Quantity",
        PriceColumn = "UnitPrice",
    };

    /// <summary>
    /// A cohort acquired over 12 weeks and observed for a year, on a grid of days (so that identical summaries repeat as in
    /// real data): Poisson purchases at rate λ ~ Gamma(r, α) per week, dropout with probability p ~ Beta(a, b) after each.
    /// </summary>
    internal static HistoryCount[] SimulateBgNbd(int customers, double r, double alpha, double a, double b, int seed)
    {
        var random = new Random(seed);
        var rate = new Gamma(r, alpha, random);
        var drop = new Beta(a, b, random);
        var counts = new Dictionary<PurchaseHistory, long>();
        for (var i = 0; i < customers; i++)
        {
            var ageDays = 365 - random.Next(84);
            var t = ageDays / 7.0;
            var lambda = rate.Sample();
            var p = drop.Sample();
            double now = 0, last = 0;
            var x = 0;
            while (true)
            {
                now += -Math.Log(1 - random.NextDouble()) / lambda;
                if (now > t)
                {
                    break;
                }
                x++;
                last = now;
                if (random.NextDouble() < p)
                {
                    break;
                }
            }
            var h = new PurchaseHistory(x, x == 0 ? 0 : Math.Min(Math.Ceiling(last * 7), ageDays) / 7.0, t);
            counts[h] = counts.GetValueOrDefault(h) + 1;
        }
        return [.. counts.Select(kv => new HistoryCount(kv.Key, kv.Value))];
    }
}

/// <summary>Finds shared/data next to or above the repository root (the folder with Rapport.slnx).</summary>
internal static class SharedData
{
    public static string File(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"shared/data/{relative} not found above {Directory.GetCurrentDirectory()}.");
    }
}
