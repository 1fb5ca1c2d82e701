using System.Text.Json;
using Rapport.Cli.Infrastructure;

namespace Rapport.Cli.Tests.Analyze;

public sealed class KpisCommandTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "kpis-small.csv");

    private static string[] SmallArgs(params string[] extra) =>
    [
        "analyze", "kpis", "--input", Fixture, "--customer-col", "customer", "--date-col", "order_date",
        "--amount-col", "net_amount", "--from", "2024-01-01", "--to", "2024-04-01", "--active-window-days", "30", .. extra,
    ];

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Kpis_SmallFixtureJson_HandComputedValues()
    {
        var (exit, output, error) = await RunAsync(SmallArgs("--category-col", "category", "--json"));

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        Assert.Equal(
            ["customersAtStart", "newCustomers", "customersAtEnd", "retainedCustomers", "retentionRate", "churnRate",
             "repeatPurchaseRate", "crossSellRate", "upSellRate", "revenue", "revenueRetention", "skipped"],
            r.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, r.GetProperty("customersAtStart").GetInt32());
        Assert.Equal(1, r.GetProperty("newCustomers").GetInt32());
        Assert.Equal(3, r.GetProperty("customersAtEnd").GetInt32());
        Assert.Equal(2, r.GetProperty("retainedCustomers").GetInt32());
        Assert.Equal(2.0 / 3, r.GetProperty("retentionRate").GetDouble(), 12);
        Assert.Equal(1.0 / 3, r.GetProperty("churnRate").GetDouble(), 12);
        Assert.Equal(0.75, r.GetProperty("repeatPurchaseRate").GetDouble());
        Assert.Equal(0.5, r.GetProperty("crossSellRate").GetDouble());
        Assert.Equal(0.5, r.GetProperty("upSellRate").GetDouble());
        Assert.Equal(300m, r.GetProperty("revenue").GetDecimal());
        Assert.Equal(0.3, r.GetProperty("revenueRetention").GetDouble(), 12);
        Assert.Equal(1, r.GetProperty("skipped").GetProperty("missingCustomer").GetInt32());
        Assert.Equal(1, r.GetProperty("skipped").GetProperty("unreadableDate").GetInt32());
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public async Task Kpis_WithoutCategoryColumn_CrossSellNull()
    {
        var (exit, output, _) = await RunAsync(SmallArgs("--json"));

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("crossSellRate").ValueKind);
    }

    [Fact]
    public async Task Kpis_HumanOutput_ReadableTable()
    {
        var (exit, output, _) = await RunAsync(SmallArgs("--category-col", "category"));

        Assert.Equal(0, exit);
        Assert.Contains("Retention KPIs for [2024-01-01, 2024-04-01)", output, StringComparison.Ordinal);
        Assert.Contains("Retention rate", output, StringComparison.Ordinal);
        Assert.Contains("66.7 %", output, StringComparison.Ordinal);
        Assert.Contains("300.00", output, StringComparison.Ordinal);
        Assert.Contains("missingCustomer 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpis_OnlineRetailFirstHalf2011_InternallyConsistent()
    {
        var file = ReferenceData.OnlineRetail;

        var (exit, output, error) = await RunAsync(
            "analyze", "kpis", "--input", file, "--customer-col", "CustomerID", "--date-col", "InvoiceDate",
            "--quantity-col", "Quantity", "--price-col", "UnitPrice", "--from", "2011-01-01", "--to", "2011-07-01", "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        var s = r.GetProperty("customersAtStart").GetInt32();
        var e = r.GetProperty("customersAtEnd").GetInt32();
        var retained = r.GetProperty("retainedCustomers").GetInt32();
        var n = r.GetProperty("newCustomers").GetInt32();
        var retention = r.GetProperty("retentionRate").GetDouble();
        Assert.InRange(s, 1, 4372);
        Assert.InRange(retained, 0, Math.Min(s, e));
        Assert.Equal((double)retained / s, retention, 12);
        Assert.Equal(1 - retention, r.GetProperty("churnRate").GetDouble(), 12);
        // The data start on 2010-12-01, so with a 365-day window everyone in S is still active at the end, and
        // every customer first seen in the period is still active on its last day: E = S + N (no purchases on 2011-01-01).
        Assert.Equal(s, retained);
        Assert.Equal(s + n, e);
        Assert.InRange(r.GetProperty("repeatPurchaseRate").GetDouble(), 0, 1);
        Assert.InRange(r.GetProperty("upSellRate").GetDouble(), 0, 1);
        Assert.True(r.GetProperty("revenue").GetDecimal() > 0);
        Assert.Equal(135080, r.GetProperty("skipped").GetProperty("missingCustomer").GetInt32());
    }

    [Fact]
    public async Task Kpis_OnlineRetailSummer2011With90DayWindow_MatchesIndependentPandasComputation()
    {
        // Reference: bench/pandas/retention_kpis.py FILE 2011-06-01 2011-09-01 90 StockCode (pandas 1.5.3).
        var (exit, output, error) = await RunAsync(
            "analyze", "kpis", "--input", ReferenceData.OnlineRetail, "--customer-col", "CustomerID", "--date-col", "InvoiceDate",
            "--quantity-col", "Quantity", "--price-col", "UnitPrice", "--category-col", "StockCode",
            "--from", "2011-06-01", "--to", "2011-09-01", "--active-window-days", "90", "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        Assert.Equal(1956, r.GetProperty("customersAtStart").GetInt32());
        Assert.Equal(599, r.GetProperty("newCustomers").GetInt32());
        Assert.Equal(1923, r.GetProperty("customersAtEnd").GetInt32());
        Assert.Equal(1103, r.GetProperty("retainedCustomers").GetInt32());
        Assert.Equal(0.5639059304703476, r.GetProperty("retentionRate").GetDouble(), 12);
        Assert.Equal(0.43609406952965235, r.GetProperty("churnRate").GetDouble(), 12);
        Assert.Equal(0.39476386036960986, r.GetProperty("repeatPurchaseRate").GetDouble(), 12);
        Assert.Equal(0.9691991786447639, r.GetProperty("crossSellRate").GetDouble(), 12);
        Assert.Equal(0.4242973708068903, r.GetProperty("upSellRate").GetDouble(), 12);
        Assert.Equal(1798619.64, (double)r.GetProperty("revenue").GetDecimal(), 2);
        Assert.Equal(0.8391737134178294, r.GetProperty("revenueRetention").GetDouble(), 12);
    }

    [Theory]
    [InlineData("--from", "2024-13-01", "--from")]
    [InlineData("--to", "yesterday", "--to")]
    [InlineData("--to", "2023-12-31", "must be after --from")]
    [InlineData("--active-window-days", "0", "--active-window-days")]
    public async Task Kpis_BadOption_Exit2WithMessage(string option, string value, string expected)
    {
        var args = SmallArgs().ToList();
        var i = args.IndexOf(option);
        args[i + 1] = value;

        var (exit, output, error) = await RunAsync([.. args]);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Kpis_AmountAndQuantityBoth_Exit2()
    {
        var (exit, _, error) = await RunAsync(SmallArgs("--quantity-col", "q", "--price-col", "p"));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--amount-col", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpis_UnknownColumn_Exit2NamingFileAndColumn()
    {
        var (exit, _, error) = await RunAsync(SmallArgs("--category-col", "segment"));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("kpis-small.csv", error, StringComparison.Ordinal);
        Assert.Contains("'segment'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpis_MissingFile_Exit2()
    {
        var args = SmallArgs().ToList();
        args[args.IndexOf("--input") + 1] = Path.Combine(Path.GetTempPath(), "no-such-file.csv");

        var (exit, _, error) = await RunAsync([.. args]);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
    }
}
