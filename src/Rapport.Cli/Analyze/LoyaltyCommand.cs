using System.CommandLine;
using System.Text.Json.Serialization;
using Rapport.Analytics.Input;
using Rapport.Analytics.Survey;
using Rapport.Cli.Infrastructure;

namespace Rapport.Cli.Analyze;

/// <summary><c>rapport analyze loyalty</c>: loyalty index and its motive decomposition (docs/definitions.md#loyalty-index-and-its-make-up, docs/cli.md#analyze-commands).</summary>
internal static class LoyaltyCommand
{
    private static readonly string[] ItemColumns =
    [
        .. ItemCodes.LoyaltyItems, .. ItemCodes.AttachmentItems, .. ItemCodes.CalculativeItems, .. ItemCodes.LockInItems,
    ];

    public static Command Create()
    {
        var input = SurveyCliSupport.InputOption(
            "Wide response file: one row per respondent, the item codes (LOY_*, MOT_ATT_*, MOT_CAL_*, MOT_LCK_*) as columns.");
        var groupBy = SurveyCliSupport.GroupByOption();
        var command = new Command("loyalty", "Loyalty index, first-choice and recommendation rates, attachment/calculative/lock-in components.");
        command.Options.Add(input);
        command.Options.Add(groupBy);
        command.SetAction((parse, _) =>
        {
            var (overall, groups) = Read(parse.GetValue(input)!, parse.GetValue(groupBy));
            var result = ToJson(null, overall.Result);
            if (groups is not null)
            {
                result.Groups = groups.Select(g => ToJson(g.Key, g.Value.Result)).ToList();
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

    private static (LoyaltyAccumulator Overall, SortedDictionary<string, LoyaltyAccumulator>? Groups) Read(string path, string? groupBy)
    {
        using var reader = WideCsvReader.Open(path);
        var columns = ItemColumns
            .Select(code => (Code: code, Index: reader.IndexOf(code)))
            .Where(c => c.Index >= 0)
            .ToArray();
        if (!columns.Any(c => ItemCodes.LoyaltyItems.Contains(c.Code)))
        {
            throw new InvalidInputException(
                $"{path}: none of the loyalty item columns ({string.Join(", ", ItemCodes.LoyaltyItems)}) is in the header.");
        }
        var groupColumn = groupBy is null ? -1 : reader.RequireColumn(groupBy, "--group-by");
        var overall = new LoyaltyAccumulator();
        var groups = groupBy is null ? null : new SortedDictionary<string, LoyaltyAccumulator>(StringComparer.Ordinal);
        var items = new Dictionary<string, double>(columns.Length, StringComparer.Ordinal);
        while (reader.Read())
        {
            items.Clear();
            foreach (var (code, index) in columns)
            {
                var value = reader.GetNumber(index);
                var error = ItemScales.Validate(code, value);
                if (error is not null)
                {
                    throw SurveyCliSupport.CellError(reader, index, error);
                }
                items[code] = value;
            }
            overall.Add(items);
            if (groups is not null)
            {
                SurveyCliSupport.GroupAccumulator(groups, reader, groupColumn).Add(items);
            }
        }
        return (overall, groups);
    }

    private static LoyaltyJson ToJson(string? group, LoyaltyResult r) => new()
    {
        Group = group,
        N = r.N,
        LoyaltyIndex = SurveyCliSupport.Number(r.LoyaltyIndex),
        FirstChoiceRate = SurveyCliSupport.Number(r.FirstChoiceRate),
        RecommendationRate = SurveyCliSupport.Number(r.RecommendationRate),
        Components = new ComponentsJson(
            SurveyCliSupport.Number(r.Components.Attachment),
            SurveyCliSupport.Number(r.Components.Calculative),
            SurveyCliSupport.Number(r.Components.LockIn)),
        Captive = r.Captive,
        Respondents = r.Respondents,
        FirstChoiceN = r.FirstChoiceN,
        RecommendationN = r.RecommendationN,
        DecompositionN = r.DecompositionN,
    };

    private static void WriteHuman(ParseResult parse, LoyaltyJson overall)
    {
        var rows = new List<LoyaltyJson> { overall };
        if (overall.Groups is not null)
        {
            rows.AddRange(overall.Groups);
        }
        static string F(double? x, string format) => SurveyCliSupport.Format(x ?? double.NaN, format);
        static string Pct(double? x) => SurveyCliSupport.Format((x ?? double.NaN) * 100, "F1") + (x is null ? "" : "%");
        SurveyCliSupport.WriteTable(parse, "Loyalty index (0–100) and its make-up",
            ["group", "n", "loyalty", "attachment", "calculative", "lock-in", "captive", "first choice", "promoters"],
            rows.Select(r => new[]
            {
                r == overall ? "all" : SurveyCliSupport.GroupLabel(r.Group!),
                SurveyCliSupport.Format(r.N),
                F(r.LoyaltyIndex, "F1"),
                F(r.Components.Attachment, "F1"),
                F(r.Components.Calculative, "F1"),
                F(r.Components.LockIn, "F1"),
                r.Captive switch { true => "yes", false => "no", null => "–" },
                Pct(r.FirstChoiceRate),
                Pct(r.RecommendationRate),
            }));
        SurveyCliSupport.WriteLine(parse,
            "n = respondents with a loyalty score; components are computed over the respondents who also answered every motive " +
            $"({overall.DecompositionN} overall) and add up to their loyalty index. Captive = lock-in component above attachment.");
    }

    internal sealed record ComponentsJson(double? Attachment, double? Calculative, double? LockIn);

    internal sealed class LoyaltyJson
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Group { get; init; }
        public int N { get; init; }
        public double? LoyaltyIndex { get; init; }
        public double? FirstChoiceRate { get; init; }
        public double? RecommendationRate { get; init; }
        public ComponentsJson Components { get; init; } = new(null, null, null);
        public bool? Captive { get; init; }
        public int Respondents { get; init; }
        public int FirstChoiceN { get; init; }
        public int RecommendationN { get; init; }
        public int DecompositionN { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<LoyaltyJson>? Groups { get; set; }
    }
}
