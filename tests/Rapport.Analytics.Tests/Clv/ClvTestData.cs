using System.Globalization;
using Rapport.Analytics.Clv;
using Rapport.Analytics.Input;

namespace Rapport.Analytics.Tests.Clv;

/// <summary>The CDNOW reference data (TestData/cdnow, copied to the test output; sources in TestData/README.md), cached per run.</summary>
internal static class ClvTestData
{
    private static readonly Lazy<IReadOnlyList<CustomerSummary>> CdnowSummaries = new(LoadCdnowSummaries);
    private static readonly Lazy<BgNbdModel> CdnowBgNbdFit = new(() => BgNbdModel.Fit(CdnowSummaries.Value.Select(c => c.History)).Model);

    public static readonly DateOnly CdnowCalibrationEnd = new(1997, 9, 30);
    public static readonly DateOnly CdnowHoldoutEnd = new(1998, 6, 30);

    /// <summary>The published BG/NBD estimates (Fader, Hardie &amp; Lee 2005, reproduced by BTYD).</summary>
    public static BgNbdModel PublishedBgNbd { get; } = new(0.2425947, 4.4136063, 0.7929212, 2.4259031);

    /// <summary>The path of a reference file under TestData in the test output, e.g. <c>cdnow/cdnow_master.txt</c>.</summary>
    public static string File(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", relative);

    /// <summary>Summaries built from cdnow_transactions.csv (weeks, calibration end 1997-09-30, holdout to 1998-06-30).</summary>
    public static IReadOnlyList<CustomerSummary> Cdnow => CdnowSummaries.Value;

    /// <summary>BG/NBD fitted on <see cref="Cdnow"/> (once per test run).</summary>
    public static BgNbdModel CdnowBgNbd => CdnowBgNbdFit.Value;

    public static TransactionSummarizer SummarizeCdnow()
    {
        var reader = new TransactionCsvReader(File("cdnow/cdnow_transactions.csv"), new TransactionCsvOptions
        {
            CustomerColumn = "sampleid",
            DateColumn = "date",
            AmountColumn = "sales",
            DateFormat = "yyyyMMdd",
        });
        var summarizer = new TransactionSummarizer(CdnowCalibrationEnd, CdnowHoldoutEnd);
        summarizer.AddRange(reader.Read());
        return summarizer;
    }

    private static IReadOnlyList<CustomerSummary> LoadCdnowSummaries() => SummarizeCdnow().Summarize(TimeUnit.Week);

    /// <summary>cdnow_summary.csv: cust → (x, t.x, T.cal, x.star, m.x).</summary>
    public static Dictionary<string, (int X, double Tx, double T, int XStar, double Mx)> PublishedSummary()
    {
        var result = new Dictionary<string, (int, double, double, int, double)>();
        var (reader, header, _) = CsvSource.Open(File("cdnow/cdnow_summary.csv"));
        using (reader)
        {
            int cust = CsvSource.Find(header, "cust"), x = CsvSource.Find(header, "x"), tx = CsvSource.Find(header, "t.x"),
                t = CsvSource.Find(header, "T.cal"), xs = CsvSource.Find(header, "x.star"), mx = CsvSource.Find(header, "m.x");
            while (reader.Read())
            {
                result[reader.GetString(cust)] = (
                    (int)double.Parse(reader[x], CultureInfo.InvariantCulture),
                    double.Parse(reader[tx], CultureInfo.InvariantCulture),
                    double.Parse(reader[t], CultureInfo.InvariantCulture),
                    (int)double.Parse(reader[xs], CultureInfo.InvariantCulture),
                    double.Parse(reader[mx], CultureInfo.InvariantCulture));
            }
        }
        return result;
    }
}
