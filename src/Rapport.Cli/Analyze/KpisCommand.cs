using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rapport.Analytics.Input;
using Rapport.Analytics.Retention;
using Rapport.Cli.Infrastructure;

namespace Rapport.Cli.Analyze;

/// <summary><c>rapport analyze kpis</c>: retention KPIs of a period from a transaction file (docs/definitions.md#retention-kpis, docs/cli.md#analyze-commands).</summary>
internal static class KpisCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Transaction CSV file (one row per order line).", Required = true };
        var customer = new Option<string>("--customer-col") { Description = "Column with the customer id.", Required = true };
        var date = new Option<string>("--date-col") { Description = "Column with the date (ISO, optionally with a time).", Required = true };
        var amount = new Option<string?>("--amount-col") { Description = "Column with the line amount (or give --quantity-col and --price-col)." };
        var quantity = new Option<string?>("--quantity-col") { Description = "Column with the quantity; the amount is quantity × price." };
        var price = new Option<string?>("--price-col") { Description = "Column with the unit price." };
        var category = new Option<string?>("--category-col") { Description = "Column with the product category (enables the cross-sell rate)." };
        var from = new Option<string>("--from") { Description = "First day of the period (yyyy-MM-dd, inclusive).", Required = true };
        var to = new Option<string>("--to") { Description = "End of the period (yyyy-MM-dd, exclusive).", Required = true };
        var window = new Option<int>("--active-window-days")
        {
            Description = "A customer is active on a day with a transaction in the W days ending that day.",
            DefaultValueFactory = _ => 365,
        };
        var dateFormat = new Option<string?>("--date-format") { Description = ".NET custom date format of the date column (e.g. yyyyMMdd, dd.MM.yyyy)." };

        var command = new Command("kpis", "Retention KPIs for a period [from, to): retention, churn, repeat purchase, cross-sell, up-sell, revenue.");
        foreach (var option in new Option[] { input, customer, date, amount, quantity, price, category, from, to, window, dateFormat })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, _) =>
        {
            var path = parseResult.GetValue(input)!;
            var format = parseResult.GetValue(dateFormat);
            var kpiOptions = new RetentionKpiOptions
            {
                From = ParseDay(parseResult.GetValue(from)!, format, "--from"),
                To = ParseDay(parseResult.GetValue(to)!, format, "--to"),
                ActiveWindowDays = parseResult.GetValue(window),
                TrackCategories = parseResult.GetValue(category) is not null,
            };
            if (kpiOptions.To <= kpiOptions.From)
            {
                throw new InvalidInputException($"--to ({kpiOptions.To:yyyy-MM-dd}) must be after --from ({kpiOptions.From:yyyy-MM-dd}); the period is [from, to).");
            }
            if (kpiOptions.ActiveWindowDays < 1)
            {
                throw new InvalidInputException($"--active-window-days must be at least 1 (got {kpiOptions.ActiveWindowDays}).");
            }
            if (kpiOptions.From.DayNumber - Math.Max(kpiOptions.PeriodDays, kpiOptions.ActiveWindowDays) < DateOnly.MinValue.DayNumber)
            {
                throw new InvalidInputException("--from is too early: the preceding period or the active window would start before year 1.");
            }
            var amountColumn = parseResult.GetValue(amount);
            var quantityColumn = parseResult.GetValue(quantity);
            var priceColumn = parseResult.GetValue(price);
            if (amountColumn is not null && (quantityColumn is not null || priceColumn is not null))
            {
                throw new InvalidInputException("Give either --amount-col, or --quantity-col with --price-col, not both.");
            }
            if (amountColumn is null && (quantityColumn is null || priceColumn is null))
            {
                throw new InvalidInputException("Give either --amount-col, or both --quantity-col and --price-col.");
            }

            var reader = new TransactionCsvReader(path, new TransactionCsvOptions
            {
                CustomerColumn = parseResult.GetValue(customer)!,
                DateColumn = parseResult.GetValue(date)!,
                AmountColumn = amountColumn,
                QuantityColumn = quantityColumn,
                PriceColumn = priceColumn,
                CategoryColumn = parseResult.GetValue(category),
                DateFormat = format,
            });
            var accumulator = new RetentionKpiAccumulator(kpiOptions);
            reader.ReadInto(new CheckedSink(accumulator, reader, path));
            var kpis = accumulator.Result();
            var skipped = reader.Skipped.ToDictionary();

            if (CliJson.Wanted(parseResult))
            {
                CliJson.Write(parseResult, new KpisJson(
                    kpis.CustomersAtStart, kpis.NewCustomers, kpis.CustomersAtEnd, kpis.RetainedCustomers,
                    kpis.RetentionRate, kpis.ChurnRate, kpis.RepeatPurchaseRate, kpis.CrossSellRate, kpis.UpSellRate,
                    kpis.Revenue, kpis.RevenueRetention, skipped), KpisJsonContext.Instance.KpisJson);
            }
            else
            {
                WriteTable(parseResult.InvocationConfiguration.Output, path, kpiOptions, kpis, reader.RowsRead, skipped);
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>The JSON object of docs/cli.md#analyze-commands, in its field order.</summary>
    internal sealed record KpisJson(
        int CustomersAtStart, int NewCustomers, int CustomersAtEnd, int RetainedCustomers,
        double? RetentionRate, double? ChurnRate, double? RepeatPurchaseRate, double? CrossSellRate, double? UpSellRate,
        decimal Revenue, double? RevenueRetention, IReadOnlyDictionary<string, long> Skipped);

    private static DateOnly ParseDay(string value, string? format, string option)
    {
        if (CellParsers.TryParseDate(value, null, out var day) || (format is not null && CellParsers.TryParseDate(value, format, out day)))
        {
            return day;
        }
        throw new InvalidInputException($"{option}: '{value}' is not a date (use yyyy-MM-dd{(format is null ? "" : $" or {format}")}).");
    }

    private static void WriteTable(TextWriter output, string path, RetentionKpiOptions options, RetentionKpis k, long rows, IReadOnlyDictionary<string, long> skipped)
    {
        var c = CultureInfo.InvariantCulture;
        static string Rate(double? r) => r is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "n/a";
        var lines = new (string Label, string Value)[]
        {
            ("Customers at start (S, active on from)", k.CustomersAtStart.ToString("N0", c)),
            ("New customers (N, first purchase in period)", k.NewCustomers.ToString("N0", c)),
            ("Customers at end (E, active on to − 1)", k.CustomersAtEnd.ToString("N0", c)),
            ("Retained customers (in S and active at end)", k.RetainedCustomers.ToString("N0", c)),
            ("Retention rate", Rate(k.RetentionRate)),
            ("Churn rate", Rate(k.ChurnRate)),
            ("Repeat purchase rate", $"{Rate(k.RepeatPurchaseRate)} ({k.RepeatCustomers.ToString("N0", c)} of {k.BuyingCustomers.ToString("N0", c)} buying)"),
            ("Cross-sell rate", k.CrossSellCustomers is { } x ? $"{Rate(k.CrossSellRate)} ({x.ToString("N0", c)} of {k.BuyingCustomers.ToString("N0", c)} buying)" : "n/a (no --category-col)"),
            ("Up-sell rate (≥ 110 % of preceding period)", $"{Rate(k.UpSellRate)} ({k.UpSellCustomers.ToString("N0", c)} of {k.RetainedCustomers.ToString("N0", c)} retained)"),
            ("Revenue (net, returns included)", k.Revenue.ToString("N2", c)),
            ("Revenue retention (S: period / preceding)", k.RevenueRetention is { } rr ? rr.ToString("P1", c) : "n/a"),
        };

        output.WriteLine($"Retention KPIs for [{options.From:yyyy-MM-dd}, {options.To:yyyy-MM-dd}) — {options.PeriodDays} days, active window {options.ActiveWindowDays} days");
        output.WriteLine($"File: {path} ({rows.ToString("N0", c)} rows, preceding period from {options.PreviousFrom:yyyy-MM-dd})");
        output.WriteLine();
        var width = lines.Max(l => l.Label.Length);
        var valueWidth = lines.Max(l => l.Value.Length);
        output.WriteLine($"{"Figure".PadRight(width)}  Value");
        output.WriteLine($"{new string('-', width)}  {new string('-', valueWidth)}");
        foreach (var (label, value) in lines)
        {
            output.WriteLine($"{label.PadRight(width)}  {value}");
        }
        output.WriteLine();
        output.WriteLine(skipped.Count == 0
            ? "Skipped rows: none"
            : "Skipped rows: " + string.Join(", ", skipped.Select(s => $"{s.Key} {s.Value.ToString("N0", c)}")));
    }

    /// <summary>Forwards lines to the accumulator; an amount it cannot sum exactly becomes an error naming the row.</summary>
    private sealed class CheckedSink(RetentionKpiAccumulator accumulator, TransactionCsvReader reader, string path) : ITransactionSink
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(ReadOnlySpan<char> customer, DateOnly date, double amount, ReadOnlySpan<char> category)
        {
            if (Math.Abs(amount) >= 7.9e28)
            {
                throw new InvalidInputException($"{path}: row {reader.LineNumber}: the amount {amount.ToString(CultureInfo.InvariantCulture)} is out of range.");
            }
            accumulator.Add(customer, date, amount, category);
        }
    }
}

/// <summary>Source-generated serializer metadata for <c>analyze kpis --json</c>, with the CLI's JSON options.</summary>
[JsonSerializable(typeof(KpisCommand.KpisJson))]
internal sealed partial class KpisJsonContext : JsonSerializerContext
{
    public static KpisJsonContext Instance { get; } = new(new JsonSerializerOptions(CliJson.Options));
}
