using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Rapport.Analytics.Clv;
using Rapport.Analytics.Input;
using Rapport.Cli.Infrastructure;

namespace Rapport.Cli.Analyze;

/// <summary><c>rapport analyze clv</c>: transaction summaries, a repeat-transaction model, spend and CLV (docs/definitions.md#transactions-and-clv-models, docs/cli.md#analyze-commands).</summary>
internal static class ClvCommand
{
    private const double MonthDays = 30.4375;

    public static Command Create()
    {
        var o = new ClvOptionSet();
        var command = new Command("clv",
            "Fit a customer-base model (BG/NBD, Pareto/NBD or BG/BB) and the Gamma-Gamma spend model to a transaction file; " +
            "report P(alive), expected transactions and CLV per customer.");
        foreach (var option in o.All)
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, ct) => Task.FromResult(Run(parse, o, ct)));
        return command;
    }

    private sealed class ClvOptionSet
    {
        public Option<string> Input { get; } = new("--input") { Description = "Transaction CSV: one row per order line.", Required = true };
        public Option<string> CustomerCol { get; } = new("--customer-col") { Description = "Column with the customer id (text).", Required = true };
        public Option<string> DateCol { get; } = new("--date-col") { Description = "Column with the date (ISO, optionally with a time, or --date-format).", Required = true };
        public Option<string?> AmountCol { get; } = new("--amount-col") { Description = "Column with the line amount." };
        public Option<string?> QuantityCol { get; } = new("--quantity-col") { Description = "Quantity column (with --price-col, instead of --amount-col)." };
        public Option<string?> PriceCol { get; } = new("--price-col") { Description = "Unit price column (with --quantity-col)." };
        public Option<string?> DateFormat { get; } = new("--date-format") { Description = "A .NET custom date format such as yyyyMMdd or dd.MM.yyyy." };
        public Option<string> CalibrationEnd { get; } = new("--calibration-end") { Description = "Last day of the calibration period (yyyy-MM-dd).", Required = true };
        public Option<string?> HoldoutEnd { get; } = new("--holdout-end") { Description = "Last day of a holdout period to compare predictions with (yyyy-MM-dd)." };
        public Option<string> TimeUnit { get; } = new("--time-unit") { Description = "Model time unit: day, week (default), month (30.4375 days) or year (365.25 days); BG/BB's period.", DefaultValueFactory = _ => "week" };
        public Option<string> Model { get; } = new("--model") { Description = "bgnbd (default), pareto-nbd or bgbb.", DefaultValueFactory = _ => "bgnbd" };
        public Option<string> Spend { get; } = new("--spend") { Description = "gamma-gamma (default) or none (no spend model, no CLV).", DefaultValueFactory = _ => "gamma-gamma" };
        public Option<string?> Predictions { get; } = new("--predictions") { Description = "Write one CSV row per customer: customer,x,t_x,T,pAlive,expectedTransactions,expectedSpend,clv." };
        public Option<int> Horizon { get; } = new("--horizon") { Description = "CLV horizon in months (default 36); also the span of expectedTransactions without a holdout. BG/BB uses the nearest whole number of its periods.", DefaultValueFactory = _ => 36 };
        public Option<double> DiscountRate { get; } = new("--discount-rate") { Description = "Annual discount rate for CLV (default 0.10), compounded to monthly periods (BG/BB: to its periods).", DefaultValueFactory = _ => 0.10 };
        public Option<double> Margin { get; } = new("--margin") { Description = "Share of the spend that is margin (default 1: CLV in revenue).", DefaultValueFactory = _ => 1.0 };

        public ClvOptionSet()
        {
            TimeUnit.AcceptOnlyFromAmong("day", "week", "month", "year");
            Model.AcceptOnlyFromAmong("bgnbd", "pareto-nbd", "bgbb");
            Spend.AcceptOnlyFromAmong("gamma-gamma", "none");
        }

        public IEnumerable<Option> All =>
        [
            Input, CustomerCol, DateCol, AmountCol, QuantityCol, PriceCol, DateFormat, CalibrationEnd, HoldoutEnd,
            TimeUnit, Model, Spend, Predictions, Horizon, DiscountRate, Margin,
        ];
    }

    private sealed record Request(
        string Input, TransactionCsvOptions Columns, DateOnly CalibrationEnd, DateOnly? HoldoutEnd, TimeUnit Unit, string Model,
        bool Spend, string? Predictions, int HorizonMonths, double AnnualDiscount, double Margin);

    private static Request Parse(ParseResult parse, ClvOptionSet o)
    {
        var amount = parse.GetValue(o.AmountCol);
        var quantity = parse.GetValue(o.QuantityCol);
        var price = parse.GetValue(o.PriceCol);
        if (amount is not null && (quantity is not null || price is not null))
        {
            throw new InvalidInputException("Give either --amount-col, or --quantity-col with --price-col, not both.");
        }
        if (amount is null && (quantity is null || price is null))
        {
            throw new InvalidInputException("Give --amount-col, or both --quantity-col and --price-col.");
        }
        var format = parse.GetValue(o.DateFormat);
        var calibrationEnd = OptionValues.Date(parse.GetValue(o.CalibrationEnd)!, "--calibration-end", format);
        var holdoutText = parse.GetValue(o.HoldoutEnd);
        DateOnly? holdoutEnd = holdoutText is null ? null : OptionValues.Date(holdoutText, "--holdout-end", format);
        if (holdoutEnd <= calibrationEnd)
        {
            throw new InvalidInputException($"--holdout-end ({holdoutEnd:yyyy-MM-dd}) must be after --calibration-end ({calibrationEnd:yyyy-MM-dd}).");
        }
        if (!TimeUnits.TryParse(parse.GetValue(o.TimeUnit), out var unit))
        {
            throw new InvalidInputException($"--time-unit must be day, week, month or year, got '{parse.GetValue(o.TimeUnit)}'.");
        }
        var horizon = parse.GetValue(o.Horizon);
        if (horizon is < 1 or > 1200)
        {
            throw new InvalidInputException($"--horizon must be between 1 and 1200 months, got {horizon}.");
        }
        var discount = parse.GetValue(o.DiscountRate);
        if (!(discount >= 0 && discount < 10))
        {
            throw new InvalidInputException($"--discount-rate must be an annual rate between 0 and 10 (e.g. 0.1 for 10%), got {discount.ToString(CultureInfo.InvariantCulture)}.");
        }
        var margin = parse.GetValue(o.Margin);
        if (!(margin >= 0) || !double.IsFinite(margin))
        {
            throw new InvalidInputException($"--margin must be a number >= 0, got {margin.ToString(CultureInfo.InvariantCulture)}.");
        }
        var predictions = parse.GetValue(o.Predictions);
        if (predictions is not null)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(predictions));
            if (dir is not null && !Directory.Exists(dir))
            {
                throw new InvalidInputException($"--predictions: the folder {dir} does not exist.");
            }
        }
        var columns = new TransactionCsvOptions
        {
            CustomerColumn = parse.GetValue(o.CustomerCol)!,
            DateColumn = parse.GetValue(o.DateCol)!,
            AmountColumn = amount,
            QuantityColumn = quantity,
            PriceColumn = price,
            DateFormat = format,
        };
        return new Request(parse.GetValue(o.Input)!, columns, calibrationEnd, holdoutEnd, unit, parse.GetValue(o.Model)!,
            parse.GetValue(o.Spend) == "gamma-gamma", predictions, horizon, discount, margin);
    }

    private static int Run(ParseResult parse, ClvOptionSet options, CancellationToken ct)
    {
        var request = Parse(parse, options);
        var report = ModelProgress.Run(parse, progress => Analyze(request, progress, ct));
        if (CliJson.Wanted(parse))
        {
            CliJson.Write(parse, report);
        }
        else
        {
            WriteHuman(parse.InvocationConfiguration.Output, report, request);
        }
        return ExitCodes.Ok;
    }

    /// <summary>A customer's calibration data in the shape every model takes.</summary>
    private sealed record Row(string Customer, PurchaseHistory History, SpendHistory Spend, int HoldoutX, double HoldoutLength);

    private static ClvReport Analyze(Request request, ModelProgress progress, CancellationToken ct)
    {
        var reader = new TransactionCsvReader(request.Input, request.Columns);
        var summarizer = new TransactionSummarizer(request.CalibrationEnd, request.HoldoutEnd);
        progress.Stage("Reading transactions");
        long lines = 0;
        foreach (var line in reader.Read())
        {
            summarizer.Add(line);
            if ((++lines & 0xFFFF) == 0)
            {
                progress.Describe($"Reading transactions ({lines:N0} lines)");
                ct.ThrowIfCancellationRequested();
            }
        }
        var skipped = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var counts in new[] { reader.Skipped.ToDictionary(), summarizer.Skipped.ToDictionary() })
        {
            foreach (var (reason, n) in counts)
            {
                skipped[reason] = skipped.GetValueOrDefault(reason) + n;
            }
        }

        var unit = request.Unit;
        var discrete = request.Model == "bgbb";
        var holdoutLength = request.HoldoutEnd is { } he ? unit.Between(request.CalibrationEnd, he) : 0;
        List<Row> rows = discrete
            ? [.. summarizer.SummarizePeriods(unit).Select(c => new Row(c.Customer, c.History, c.Spend, c.HoldoutX, c.HoldoutN))]
            : [.. summarizer.Summarize(unit).Select(c => new Row(c.Customer, c.History, c.Spend, c.HoldoutX, holdoutLength))];
        if (rows.Count == 0)
        {
            throw new InvalidInputException(
                $"{request.Input}: no customer has a transaction on or before --calibration-end {request.CalibrationEnd:yyyy-MM-dd}.");
        }
        ct.ThrowIfCancellationRequested();

        progress.Stage($"Fitting {ModelTitle(request.Model)}");
        var histories = rows.Select(r => r.History);
        (IRepeatTransactionModel Model, double LogLikelihood, IReadOnlyList<string> Warnings) fitted;
        switch (request.Model)
        {
            case "pareto-nbd":
                var pareto = ParetoNbdModel.Fit(histories);
                fitted = (pareto.Model, pareto.LogLikelihood, pareto.Warnings);
                break;
            case "bgbb":
                var bgbb = BgBbModel.Fit(histories);
                fitted = (bgbb.Model, bgbb.LogLikelihood, bgbb.Warnings);
                break;
            default:
                var bgnbd = BgNbdModel.Fit(histories);
                fitted = (bgnbd.Model, bgnbd.LogLikelihood, bgnbd.Warnings);
                break;
        }
        ModelFit<GammaGammaModel>? spend = null;
        if (request.Spend)
        {
            progress.Stage("Fitting Gamma-Gamma spend");
            spend = GammaGammaModel.Fit(rows.Select(r => r.Spend));
        }
        ct.ThrowIfCancellationRequested();

        // CLV periods: months for the continuous-time models, the model's own periods for BG/BB.
        var periodDays = discrete ? unit.Days() : MonthDays;
        var clvOptions = new ClvOptions
        {
            PeriodLength = discrete ? 1 : MonthDays / unit.Days(),
            Periods = discrete ? Math.Max(1, (int)Math.Round(request.HorizonMonths * MonthDays / unit.Days())) : request.HorizonMonths,
            DiscountRate = CustomerLifetimeValue.PeriodRate(request.AnnualDiscount, periodDays),
            Margin = request.Margin,
        };
        var horizonLength = clvOptions.PeriodLength * clvOptions.Periods;

        progress.Stage("Predicting", rows.Count);
        var model = fitted.Model;
        var cache = new Dictionary<(PurchaseHistory, double), (double PAlive, double Expected, double Discounted)>();
        double holdoutPredicted = 0, clvTotal = 0;
        long holdoutActual = 0;
        using var writer = request.Predictions is null ? null : new StreamWriter(request.Predictions, false, new UTF8Encoding(false));
        writer?.WriteLine("customer,x,t_x,T,pAlive,expectedTransactions,expectedSpend,clv");
        foreach (var row in rows)
        {
            var span = request.HoldoutEnd is null ? horizonLength : row.HoldoutLength;
            if (!cache.TryGetValue((row.History, span), out var p))
            {
                p = (model.ProbabilityAlive(row.History),
                     model.ConditionalExpectedTransactions(row.History, span),
                     spend is null ? 0 : CustomerLifetimeValue.DiscountedExpectedTransactions(model, row.History, clvOptions));
                cache.Add((row.History, span), p);
            }
            holdoutActual += row.HoldoutX;
            holdoutPredicted += p.Expected;
            double? expectedSpend = spend?.Model.ExpectedSpend(row.Spend.X, row.Spend.MeanValue);
            double? clv = expectedSpend * request.Margin * p.Discounted;
            clvTotal += clv ?? 0;
            writer?.WriteLine(string.Join(',',
                CsvField(row.Customer), Num(row.History.X), Num(row.History.Tx), Num(row.History.T), Num(p.PAlive), Num(p.Expected),
                expectedSpend is { } es ? Num(es) : "", clv is { } c ? Num(c) : ""));
            progress.Advance();
        }
        progress.Complete();

        return new ClvReport
        {
            Model = request.Model,
            TimeUnit = unit.Name(),
            CalibrationEnd = request.CalibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Customers = rows.Count,
            RepeatCustomers = rows.Count(r => r.History.X > 0),
            RepeatTransactions = rows.Sum(r => (long)r.History.X),
            Params = model.Parameters.ToDictionary(p => p.Name, p => p.Value),
            LogLikelihood = fitted.LogLikelihood,
            Spend = spend is null ? null : new SpendReport
            {
                Model = spend.Model.Name,
                Customers = spend.Observations,
                Params = spend.Model.Parameters.ToDictionary(p => p.Name, p => p.Value),
                LogLikelihood = spend.LogLikelihood,
                MeanSpend = spend.Model.MeanSpend,
            },
            Holdout = request.HoldoutEnd is not { } end ? null : new HoldoutReport
            {
                End = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Length = discrete ? null : holdoutLength,
                Actual = holdoutActual,
                Predicted = holdoutPredicted,
            },
            Clv = spend is null ? null : new ClvSummary
            {
                HorizonMonths = request.HorizonMonths,
                Periods = clvOptions.Periods,
                DiscountRate = request.AnnualDiscount,
                Margin = request.Margin,
                Total = clvTotal,
                Mean = clvTotal / rows.Count,
            },
            Skipped = skipped,
            Warnings = [.. fitted.Warnings, .. spend?.Warnings ?? []],
            PredictionsFile = request.Predictions,
        };
    }

    private static string ModelTitle(string model) => model switch
    {
        "pareto-nbd" => "Pareto/NBD",
        "bgbb" => "BG/BB",
        _ => "BG/NBD",
    };

    private static string Num(double value) => value.ToString("G10", CultureInfo.InvariantCulture);

    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static void WriteHuman(TextWriter output, ClvReport r, Request request)
    {
        var inv = CultureInfo.InvariantCulture;
        string F(double v, string format = "G6") => v.ToString(format, inv);
        output.WriteLine($"Model: {ModelTitle(r.Model)} (time unit {r.TimeUnit}, calibration period ends {r.CalibrationEnd})");
        output.WriteLine(string.Create(inv, $"Customers: {r.Customers:N0} ({r.RepeatCustomers:N0} with repeat {(r.Model == "bgbb" ? "periods" : "purchases")}, {r.RepeatTransactions:N0} repeat {(r.Model == "bgbb" ? "active periods" : "transactions")})"));
        output.WriteLine($"Parameters: {string.Join(", ", r.Params.Select(p => $"{p.Key} = {F(p.Value)}"))}");
        output.WriteLine($"Log-likelihood: {F(r.LogLikelihood, "F4")}");
        if (r.Spend is { } s)
        {
            output.WriteLine(string.Create(inv, $"Spend (Gamma-Gamma on {s.Customers:N0} customers): {string.Join(", ", s.Params.Select(p => $"{p.Key} = {F(p.Value)}"))}; mean spend per transaction {F(s.MeanSpend, "N2")}; log-likelihood {F(s.LogLikelihood, "F4")}"));
        }
        if (r.Holdout is { } h)
        {
            output.WriteLine(string.Create(inv, $"Holdout to {h.End}: actual {h.Actual:N0} {(r.Model == "bgbb" ? "active periods" : "repeat transactions")}, predicted {F(h.Predicted, "N1")}"));
        }
        if (r.Clv is { } c)
        {
            output.WriteLine(string.Create(inv, $"CLV over {c.HorizonMonths} months (discount {c.DiscountRate:P1} a year, margin {c.Margin:P0}): total {F(c.Total, "N2")}, mean {F(c.Mean, "N2")} per customer"));
        }
        else
        {
            output.WriteLine("CLV: not computed (--spend none).");
        }
        if (r.Skipped.Count > 0)
        {
            output.WriteLine(string.Create(inv, $"Skipped lines: {string.Join(", ", r.Skipped.Select(k => $"{k.Key} {k.Value:N0}"))}"));
        }
        foreach (var warning in r.Warnings)
        {
            output.WriteLine($"Warning: {warning}");
        }
        if (request.Predictions is not null)
        {
            output.WriteLine($"Predictions per customer written to {request.Predictions}");
        }
    }

    internal sealed record ClvReport
    {
        public required string Model { get; init; }
        public required string TimeUnit { get; init; }
        public required string CalibrationEnd { get; init; }
        public required int Customers { get; init; }
        public required int RepeatCustomers { get; init; }
        public required long RepeatTransactions { get; init; }
        public required Dictionary<string, double> Params { get; init; }
        public required double LogLikelihood { get; init; }
        public required SpendReport? Spend { get; init; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public required HoldoutReport? Holdout { get; init; }
        public required ClvSummary? Clv { get; init; }
        public required IReadOnlyDictionary<string, long> Skipped { get; init; }
        /// <summary>Parameters on a boundary (e.g. no sign of dropout): the fit is the limiting model.</summary>
        public required IReadOnlyList<string> Warnings { get; init; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? PredictionsFile { get; init; }
    }

    internal sealed record SpendReport
    {
        public required string Model { get; init; }
        public required long Customers { get; init; }
        public required Dictionary<string, double> Params { get; init; }
        public required double LogLikelihood { get; init; }
        public required double MeanSpend { get; init; }
    }

    internal sealed record HoldoutReport
    {
        public required string End { get; init; }
        /// <summary>Holdout length in time units (continuous models; BG/BB counts whole periods per customer).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? Length { get; init; }
        public required long Actual { get; init; }
        public required double Predicted { get; init; }
    }

    internal sealed record ClvSummary
    {
        public required int HorizonMonths { get; init; }
        public required int Periods { get; init; }
        public required double DiscountRate { get; init; }
        public required double Margin { get; init; }
        public required double Total { get; init; }
        public required double Mean { get; init; }
    }
}

/// <summary>Parsing of option values shared by the model commands.</summary>
internal static class OptionValues
{
    /// <summary>An ISO date (or one in <paramref name="format"/>), else an invalid-input error naming the option.</summary>
    public static DateOnly Date(string value, string option, string? format)
    {
        if (CellParsers.TryParseDate(value, null, out var date) || (format is not null && CellParsers.TryParseDate(value, format, out date)))
        {
            return date;
        }
        throw new InvalidInputException($"{option}: '{value}' is not a date (use yyyy-MM-dd).");
    }
}
