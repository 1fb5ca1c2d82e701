using System.CommandLine;
using System.Globalization;
using Rapport.Analytics.Drivers;
using Rapport.Analytics.Input;
using Rapport.Cli.Infrastructure;

namespace Rapport.Cli.Analyze;

/// <summary><c>rapport analyze drivers</c>: relative importance of drivers of a target (docs/definitions.md#key-drivers, docs/cli.md#analyze-commands).</summary>
internal static class DriversCommand
{
    public static Command Create()
    {
        var input = SurveyCliSupport.InputOption("CSV file with one row per case; the target and driver columns must be numeric.");
        var target = new Option<string>("--target") { Description = "The target column (e.g. overall satisfaction).", Required = true };
        var drivers = new Option<string>("--drivers") { Description = "Driver columns, comma separated (C1,C2,...).", Required = true };
        var method = new Option<string>("--method")
        {
            Description = "relative-weights (Johnson, default) or shapley (exact LMG, at most 15 drivers).",
            DefaultValueFactory = _ => "relative-weights",
        };
        method.AcceptOnlyFromAmong("relative-weights", "shapley");
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description = "Bootstrap resamples for 95% percentile intervals of the weights (0 = none).",
            DefaultValueFactory = _ => 0,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap (same seed, same intervals).", DefaultValueFactory = _ => 1 };

        var command = new Command("drivers", "Key-driver analysis: Johnson's relative weights or Shapley/LMG shares of R².");
        command.Options.Add(input);
        command.Options.Add(target);
        command.Options.Add(drivers);
        command.Options.Add(method);
        command.Options.Add(bootstrap);
        command.Options.Add(seed);
        command.SetAction((parse, _) =>
        {
            var path = parse.GetValue(input)!;
            var targetName = parse.GetValue(target)!.Trim();
            var driverNames = parse.GetValue(drivers)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var resamples = parse.GetValue(bootstrap);
            if (driverNames.Length == 0)
            {
                throw new InvalidInputException("--drivers: give at least one driver column.");
            }
            var duplicate = driverNames.GroupBy(d => d, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InvalidInputException($"--drivers: column '{duplicate.Key}' is listed more than once.");
            }
            if (driverNames.Contains(targetName, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidInputException($"--drivers: the target '{targetName}' cannot also be a driver.");
            }
            if (resamples is < 0 or > 1_000_000)
            {
                throw new InvalidInputException("--bootstrap: give a number of resamples from 0 to 1000000.");
            }
            var shapley = parse.GetValue(method) == "shapley";
            if (shapley && driverNames.Length > RelativeImportance.MaxShapleyDrivers)
            {
                throw new InvalidInputException(
                    $"--method shapley supports at most {RelativeImportance.MaxShapleyDrivers} drivers ({driverNames.Length} given); use relative-weights.");
            }

            var (targetColumn, driverColumns) = Read(path, targetName, driverNames);
            var options = new DriverImportanceOptions
            {
                Method = shapley ? ImportanceMethod.Shapley : ImportanceMethod.RelativeWeights,
                BootstrapResamples = resamples,
                Seed = parse.GetValue(seed),
            };
            DriverImportanceResult result;
            try
            {
                result = RelativeImportance.Analyze(targetColumn, driverColumns, options);
            }
            catch (DegenerateDataException ex)
            {
                throw new InvalidInputException($"{path}: {ex.Message}");
            }
            if (result.BootstrapResamples > 0 && double.IsNaN(result.Drivers[0].CiLow))
            {
                parse.InvocationConfiguration.Error.WriteLine(
                    $"Note: {result.BootstrapFailures} of {result.BootstrapResamples} bootstrap resamples had a constant or collinear driver; " +
                    "intervals are not reported.");
            }

            var json = ToJson(targetName, result, options.Seed);
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, json);
            }
            else
            {
                WriteHuman(parse, json);
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static (DriverColumn Target, DriverColumn[] Drivers) Read(string path, string targetName, string[] driverNames)
    {
        using var reader = WideCsvReader.Open(path);
        var targetIndex = reader.RequireColumn(targetName, "--target");
        var driverIndex = driverNames.Select(d => reader.RequireColumn(d, "--drivers")).ToArray();
        var y = new List<double>();
        var x = driverNames.Select(_ => new List<double>()).ToArray();
        while (reader.Read())
        {
            y.Add(reader.GetNumber(targetIndex));
            for (var j = 0; j < driverIndex.Length; j++)
            {
                x[j].Add(reader.GetNumber(driverIndex[j]));
            }
        }
        return (new DriverColumn(reader.Columns[targetIndex], y.ToArray()),
            driverIndex.Select((c, j) => new DriverColumn(reader.Columns[c], x[j].ToArray())).ToArray());
    }

    private static DriversJson ToJson(string target, DriverImportanceResult r, int seed) => new(
        r.N,
        r.RSquared,
        r.Method == ImportanceMethod.Shapley ? "shapley" : "relative-weights",
        r.Drivers.Select(d => new DriverJson(d.Name, d.Weight, SurveyCliSupport.Number(d.Share),
            SurveyCliSupport.Number(d.CiLow), SurveyCliSupport.Number(d.CiHigh))).ToList(),
        target,
        r.ExcludedRows,
        r.BootstrapResamples == 0 ? null : new BootstrapJson(r.BootstrapResamples, seed, r.ConfidenceLevel, r.BootstrapFailures));

    private static void WriteHuman(ParseResult parse, DriversJson json)
    {
        SurveyCliSupport.WriteLine(parse, string.Create(CultureInfo.InvariantCulture,
            $"Target {json.Target}: {json.N} complete cases ({json.ExcludedRows} rows with missing values left out), " +
            $"R² = {json.RSquared:F4}, method {json.Method}."));
        var withCi = json.Bootstrap is not null;
        var headers = withCi
            ? new[] { "driver", "weight", "share of R²", "95% CI of weight" }
            : ["driver", "weight", "share of R²"];
        SurveyCliSupport.WriteTable(parse, "Relative importance", headers, json.Drivers.Select(d =>
        {
            var row = new List<string>
            {
                d.Name,
                SurveyCliSupport.Format(d.Weight, "F4"),
                SurveyCliSupport.Format(d.Share ?? double.NaN, "F1") + "%",
            };
            if (withCi)
            {
                row.Add(SurveyCliSupport.Interval(d.CiLow ?? double.NaN, d.CiHigh ?? double.NaN, "F4"));
            }
            return row;
        }));
        if (json.Bootstrap is { } b)
        {
            SurveyCliSupport.WriteLine(parse, string.Create(CultureInfo.InvariantCulture,
                $"Percentile bootstrap: {b.Resamples} resamples, seed {b.Seed}."));
        }
    }

    internal sealed record DriverJson(string Name, double Weight, double? Share, double? CiLow, double? CiHigh);

    internal sealed record BootstrapJson(int Resamples, int Seed, double ConfidenceLevel, int Failures);

    internal sealed record DriversJson(
        int N,
        double RSquared,
        string Method,
        List<DriverJson> Drivers,
        string Target,
        int ExcludedRows,
        BootstrapJson? Bootstrap);
}
