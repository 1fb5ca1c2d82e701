using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Rapport.Analytics.Input;
using Rapport.Analytics.Survey;
using Rapport.Cli.Infrastructure;

namespace Rapport.Cli.Analyze;

/// <summary><c>rapport analyze nps</c>: Net Promoter Score with its interval (docs/definitions.md#net-promoter-score, docs/cli.md#analyze-commands).</summary>
internal static class NpsCommand
{
    public static Command Create()
    {
        var input = SurveyCliSupport.InputOption("CSV file with one row per respondent.");
        var column = new Option<string>("--column")
        {
            Description = "Column with the 0–10 recommendation answers (e.g. LOY_RECOMMEND); empty cells are unanswered.",
            Required = true,
        };
        var groupBy = SurveyCliSupport.GroupByOption();
        var ci = new Option<string?>("--ci")
        {
            Description = "Confidence interval: wald or adjusted-wald (default: adjusted-wald when n < 30, wald otherwise).",
        };
        ci.AcceptOnlyFromAmong("wald", "adjusted-wald");

        var command = new Command("nps", "Net Promoter Score, standard error and 95% interval of a 0–10 column.");
        command.Options.Add(input);
        command.Options.Add(column);
        command.Options.Add(groupBy);
        command.Options.Add(ci);
        command.SetAction((parse, _) =>
        {
            var method = parse.GetValue(ci) switch
            {
                "wald" => NpsIntervalMethod.Wald,
                "adjusted-wald" => NpsIntervalMethod.AdjustedWald,
                _ => NpsIntervalMethod.Auto,
            };
            var (overall, groups) = Read(parse.GetValue(input)!, parse.GetValue(column)!, parse.GetValue(groupBy));
            var result = ToJson(null, overall.Compute(method));
            if (groups is not null)
            {
                result.Groups = groups.Select(g => ToJson(g.Key, g.Value.Compute(method))).ToList();
            }
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, result);
            }
            else
            {
                WriteHuman(parse, result);
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static (NpsAccumulator Overall, SortedDictionary<string, NpsAccumulator>? Groups) Read(string path, string columnName, string? groupBy)
    {
        using var reader = WideCsvReader.Open(path);
        var column = reader.RequireColumn(columnName, "--column");
        var groupColumn = groupBy is null ? -1 : reader.RequireColumn(groupBy, "--group-by");
        var overall = new NpsAccumulator();
        var groups = groupBy is null ? null : new SortedDictionary<string, NpsAccumulator>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var answer = reader.GetNumber(column);
            if (double.IsNaN(answer))
            {
                continue;
            }
            if (!NetPromoterScore.IsValidAnswer(answer))
            {
                throw SurveyCliSupport.CellError(reader, column,
                    string.Create(CultureInfo.InvariantCulture, $"{answer} is not a recommendation answer (whole numbers 0–10)."));
            }
            overall.Add(answer);
            if (groups is not null)
            {
                SurveyCliSupport.GroupAccumulator(groups, reader, groupColumn).Add(answer);
            }
        }
        return (overall, groups);
    }

    private static NpsJson ToJson(string? group, NpsResult r) => new()
    {
        Group = group,
        N = r.N,
        Promoters = r.Promoters,
        Passives = r.Passives,
        Detractors = r.Detractors,
        Nps = SurveyCliSupport.Number(r.Nps),
        StandardError = SurveyCliSupport.Number(r.StandardError),
        CiLow = SurveyCliSupport.Number(r.CiLow),
        CiHigh = SurveyCliSupport.Number(r.CiHigh),
        Interval = r.Interval == NpsIntervalMethod.AdjustedWald ? "adjusted-wald" : "wald",
        RecommendationRate = SurveyCliSupport.Number(r.RecommendationRate),
    };

    private static void WriteHuman(ParseResult parse, NpsJson overall)
    {
        var rows = new List<NpsJson> { overall };
        if (overall.Groups is not null)
        {
            rows.AddRange(overall.Groups);
        }
        SurveyCliSupport.WriteTable(parse, "Net Promoter Score",
            ["group", "n", "promoters", "passives", "detractors", "NPS", "SE", "95% CI", "interval"],
            rows.Select(r => new[]
            {
                r == overall ? "all" : SurveyCliSupport.GroupLabel(r.Group!),
                SurveyCliSupport.Format(r.N),
                SurveyCliSupport.Format(r.Promoters),
                SurveyCliSupport.Format(r.Passives),
                SurveyCliSupport.Format(r.Detractors),
                SurveyCliSupport.Format(r.Nps ?? double.NaN, "F1"),
                SurveyCliSupport.Format(r.StandardError ?? double.NaN, "F1"),
                SurveyCliSupport.Interval(r.CiLow ?? double.NaN, r.CiHigh ?? double.NaN, "F1"),
                r.Interval,
            }));
    }

    internal sealed class NpsJson
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Group { get; init; }
        public int N { get; init; }
        public int Promoters { get; init; }
        public int Passives { get; init; }
        public int Detractors { get; init; }
        public double? Nps { get; init; }
        public double? StandardError { get; init; }
        public double? CiLow { get; init; }
        public double? CiHigh { get; init; }
        public string Interval { get; init; } = "";
        public double? RecommendationRate { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<NpsJson>? Groups { get; set; }
    }
}
