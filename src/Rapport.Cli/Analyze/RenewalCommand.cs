using System.CommandLine;
using System.Globalization;
using System.Text;
using Rapport.Analytics.Clv;
using Rapport.Analytics.Input;
using Rapport.Cli.Infrastructure;

namespace Rapport.Cli.Analyze;

/// <summary><c>rapport analyze renewal</c>: the shifted-beta-geometric model on contracts (docs/definitions.md#transactions-and-clv-models, docs/cli.md#analyze-commands).</summary>
internal static class RenewalCommand
{
    /// <summary>Skip reason: the contract starts after --as-of.</summary>
    public const string StartsAfterAsOf = "startsAfterAsOf";

    /// <summary>Skip reason: the end date is before the start date.</summary>
    public const string EndBeforeStart = "endBeforeStart";

    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Contracts CSV: one row per contract.", Required = true };
        var customerCol = new Option<string>("--customer-col") { Description = "Column with the customer id.", Required = true };
        var startCol = new Option<string>("--start-col") { Description = "Column with the contract start date.", Required = true };
        var endCol = new Option<string>("--end-col") { Description = "Column with the end date; empty means still running.", Required = true };
        var asOf = new Option<string>("--as-of") { Description = "Date of observation (yyyy-MM-dd): contracts running then count as surviving.", Required = true };
        var period = new Option<string>("--period") { Description = "Renewal period: month (30.4375 days, default) or year (365.25 days).", DefaultValueFactory = _ => "month" };
        period.AcceptOnlyFromAmong("month", "year");
        var dateFormat = new Option<string?>("--date-format") { Description = "A .NET custom date format for the date columns (default ISO)." };
        var horizon = new Option<int>("--horizon") { Description = "Number of renewal periods to project retention and survival for (default 12).", DefaultValueFactory = _ => 12 };

        var command = new Command("renewal",
            "Fit the shifted-beta-geometric model to contracts and project retention r(t) and survival S(t).");
        foreach (var option in new Option[] { input, customerCol, startCol, endCol, asOf, period, dateFormat, horizon })
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, ct) =>
        {
            var format = parse.GetValue(dateFormat);
            var h = parse.GetValue(horizon);
            if (h is < 1 or > 1000)
            {
                throw new InvalidInputException($"--horizon must be between 1 and 1000 periods, got {h}.");
            }
            var request = new Request(
                parse.GetValue(input)!, parse.GetValue(customerCol)!, parse.GetValue(startCol)!, parse.GetValue(endCol)!,
                OptionValues.Date(parse.GetValue(asOf)!, "--as-of", format),
                parse.GetValue(period) == "year" ? TimeUnit.Year : TimeUnit.Month, format, h);
            var report = ModelProgress.Run(parse, progress => Analyze(request, progress, ct));
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, report);
            }
            else
            {
                WriteHuman(parse.InvocationConfiguration.Output, report);
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private sealed record Request(string Input, string CustomerCol, string StartCol, string EndCol, DateOnly AsOf, TimeUnit Period, string? DateFormat, int Horizon);

    private static RenewalReport Analyze(Request request, ModelProgress progress, CancellationToken ct)
    {
        var (reader, header, _) = CsvSource.Open(request.Input);
        var skipped = new SkipCounter();
        var observations = new Dictionary<(int, bool), long>();
        var customers = new HashSet<string>(StringComparer.Ordinal);
        long contracts = 0, churned = 0;
        progress.Stage("Reading contracts");
        using (reader)
        {
            var customer = CsvSource.Require(request.Input, header, request.CustomerCol, "--customer-col");
            var start = CsvSource.Require(request.Input, header, request.StartCol, "--start-col");
            var end = CsvSource.Require(request.Input, header, request.EndCol, "--end-col");
            while (true)
            {
                bool more;
                try
                {
                    more = reader.Read();
                }
                catch (DecoderFallbackException)
                {
                    throw new InvalidInputException($"{request.Input}: row {reader.LineNumber} is not valid UTF-8 (save the file as UTF-8).");
                }
                if (!more)
                {
                    break;
                }
                if ((reader.LineNumber & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                var id = reader[customer].Trim();
                if (id.IsEmpty)
                {
                    skipped.Add(SkipCounter.MissingCustomer);
                    continue;
                }
                if (!CellParsers.TryParseDate(reader[start], request.DateFormat, out var started))
                {
                    skipped.Add(SkipCounter.UnreadableDate);
                    continue;
                }
                var endText = reader[end].Trim();
                DateOnly? ended = null;
                if (!endText.IsEmpty)
                {
                    if (!CellParsers.TryParseDate(endText, request.DateFormat, out var e))
                    {
                        skipped.Add(SkipCounter.UnreadableDate);
                        continue;
                    }
                    ended = e;
                }
                if (ended < started)
                {
                    skipped.Add(EndBeforeStart);
                    continue;
                }
                if (ContractObservation.FromDates(started, ended, request.AsOf, request.Period) is not { } observation)
                {
                    skipped.Add(StartsAfterAsOf);
                    continue;
                }
                var key = (observation.Periods, observation.Churned);
                observations[key] = observations.GetValueOrDefault(key) + 1;
                var isChurned = observation.Churned;
                contracts++;
                churned += isChurned ? 1 : 0;
                customers.Add(id.ToString());
            }
        }
        if (contracts == 0)
        {
            throw new InvalidInputException($"{request.Input}: no contract started on or before --as-of {request.AsOf:yyyy-MM-dd}.");
        }

        progress.Stage("Fitting the shifted-beta-geometric model");
        var fit = ShiftedBetaGeometricModel.Fit(observations.Select(kv => new ContractObservation(kv.Key.Item1, kv.Key.Item2, kv.Value)));
        var model = fit.Model;
        progress.Complete();
        return new RenewalReport
        {
            Period = request.Period.Name(),
            AsOf = request.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Contracts = contracts,
            Customers = customers.Count,
            Churned = churned,
            Running = contracts - churned,
            Params = model.Parameters.ToDictionary(p => p.Name, p => p.Value),
            LogLikelihood = fit.LogLikelihood,
            Retention = [.. Enumerable.Range(1, request.Horizon).Select(model.Retention)],
            Survival = [.. Enumerable.Range(0, request.Horizon + 1).Select(model.Survival)],
            Skipped = skipped.ToDictionary(),
            Warnings = fit.Warnings,
        };
    }

    private static void WriteHuman(TextWriter output, RenewalReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Contracts: {r.Contracts:N0} of {r.Customers:N0} customers ({r.Churned:N0} ended, {r.Running:N0} running on {r.AsOf}); period {r.Period}"));
        output.WriteLine(string.Create(inv, $"Shifted-beta-geometric: alpha = {r.Params["alpha"]:G6}, beta = {r.Params["beta"]:G6}; log-likelihood {r.LogLikelihood:F4}"));
        output.WriteLine($"{"renewal",8} {"retention",10} {"survival",10}");
        for (var t = 1; t <= r.Retention.Count; t++)
        {
            output.WriteLine(string.Create(inv, $"{t,8} {r.Retention[t - 1],10:P1} {r.Survival[t],10:P1}"));
        }
        if (r.Skipped.Count > 0)
        {
            output.WriteLine(string.Create(inv, $"Skipped rows: {string.Join(", ", r.Skipped.Select(k => $"{k.Key} {k.Value:N0}"))}"));
        }
        foreach (var warning in r.Warnings)
        {
            output.WriteLine($"Warning: {warning}");
        }
    }

    internal sealed record RenewalReport
    {
        public required string Period { get; init; }
        public required string AsOf { get; init; }
        public required long Contracts { get; init; }
        public required int Customers { get; init; }
        public required long Churned { get; init; }
        public required long Running { get; init; }
        public required Dictionary<string, double> Params { get; init; }
        public required double LogLikelihood { get; init; }
        /// <summary>r(t) for renewals t = 1..horizon.</summary>
        public required IReadOnlyList<double> Retention { get; init; }
        /// <summary>S(t) for t = 0..horizon.</summary>
        public required IReadOnlyList<double> Survival { get; init; }
        public required IReadOnlyDictionary<string, long> Skipped { get; init; }
        public required IReadOnlyList<string> Warnings { get; init; }
    }
}
