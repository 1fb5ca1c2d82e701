using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rapport.Analytics.Survey;
using Rapport.Core.Data;

namespace Rapport.Core.Insights;

/// <summary>A view as a table: a name (the sheet's), column names and rows of text, numbers, booleans or nulls.</summary>
public sealed record InsightTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Every analytics view as a table, written as CSV (UTF-8 without BOM, comma, invariant numbers, empty cell = no value)
/// or XLSX (one sheet, numbers as numbers). The overall figures come first with the group "(all)".
/// </summary>
public static class InsightExport
{
    /// <summary>Group label of the overall row.</summary>
    public const string AllGroups = "(all)";

    /// <summary>The loyalty view as a table: the overall row, then one row per group.</summary>
    public static InsightTable Table(LoyaltyView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new InsightTable("Loyalty",
            ["group", "respondents", "n", "loyaltyIndex", "attachment", "calculative", "lockIn", "captive", "firstChoiceRate", "firstChoiceN",
                "recommendationRate", "recommendationN", "decompositionN", "suppressed"],
            [.. new[] { view.Overall }.Concat(view.Groups).Select(f => Row(f.Group ?? AllGroups, f.Respondents, f.N, f.LoyaltyIndex,
                f.Components.Attachment, f.Components.Calculative, f.Components.LockIn, f.Captive, f.FirstChoiceRate, f.FirstChoiceN,
                f.RecommendationRate, f.RecommendationN, f.DecompositionN, f.Suppressed))]);
    }

    /// <summary>The NPS view as a table: the overall row, then one row per group.</summary>
    public static InsightTable Table(NpsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new InsightTable("NPS",
            ["group", "n", "promoters", "passives", "detractors", "nps", "standardError", "ciLow", "ciHigh", "interval", "recommendationRate", "suppressed"],
            [.. new[] { view.Overall }.Concat(view.Groups).Select(f => Row(f.Group ?? AllGroups, f.N, f.Promoters, f.Passives, f.Detractors,
                f.Nps, f.StandardError, f.CiLow, f.CiHigh, f.Interval, f.RecommendationRate, f.Suppressed))]);
    }

    /// <summary>The relationship-quality view as a table.</summary>
    public static InsightTable Table(RelationshipQualityView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new InsightTable("Relationship quality",
            ["group", "respondents", "satisfaction", "satisfactionN", "trust", "trustN", "commitment", "commitmentN", "index", "suppressed"],
            [.. new[] { view.Overall }.Concat(view.Groups).Select(f => Row(f.Group ?? AllGroups, f.Respondents, f.Satisfaction, f.SatisfactionN,
                f.Trust, f.TrustN, f.Commitment, f.CommitmentN, f.Index, f.Suppressed))]);
    }

    /// <summary>The phase view as a table: one row per phase × touchpoint.</summary>
    public static InsightTable Table(PhasesView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new InsightTable("Phases",
            ["phase", "order", "phaseN", "phaseSatisfaction", "touchpoint", "involvement", "performance", "topTwoBox", "n", "impact", "mainContactImpact"],
            [.. view.Phases.SelectMany(p => p.Touchpoints.Select(t => Row(p.Phase, p.Order, p.N, p.Satisfaction, t.Touchpoint, t.Involvement,
                t.Performance, t.TopTwoBox, t.N, t.Impact, t.MainContactImpact)))]);
    }

    /// <summary>The drivers view as a table: one row per model variable, with the model's n and R².</summary>
    public static InsightTable Table(DriversView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new InsightTable("Drivers",
            ["target", "n", "rSquared", "method", "name", "code", "kind", "weight", "share", "ciLow", "ciHigh"],
            [.. view.Drivers.Select(d => Row(view.Target, view.N, view.RSquared, view.Method, d.Name, d.Code, d.Kind, d.Weight, d.Share, d.CiLow, d.CiHigh))]);
    }

    /// <summary>The importance–performance grid as a table.</summary>
    public static InsightTable Table(ImportancePerformanceView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new InsightTable("Importance-performance",
            ["phase", "touchpoint", "importance", "performance", "n", "quadrant", "importanceMedian", "performanceMedian"],
            [.. view.Items.Select(i => Row(view.Phase, i.Touchpoint, i.Importance, i.Performance, i.N,
                i.Quadrant is { } q ? EnumText.ToText(q) : null, view.ImportanceMedian, view.PerformanceMedian))]);
    }

    /// <summary>The main-contact comparison as a table.</summary>
    public static InsightTable Table(MainContactView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new InsightTable("Main contacts",
            ["phase", "n", "rSquared", "touchpoint", "contactN", "impact", "share", "mainContactN", "mainContactImpact"],
            [.. view.Phases.SelectMany(p => p.Touchpoints.Select(t => Row(p.Phase, p.N, p.RSquared, t.Touchpoint, t.ContactN, t.Impact, t.Share,
                t.MainContactN, t.MainContactImpact)))]);
    }

    /// <summary>The competitors view as a table: one row per phase and competitor.</summary>
    public static InsightTable Table(CompetitorsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new InsightTable("Competitors",
            ["phase", "competitor", "mentions", "worse", "same", "better", "meanRelative"],
            [.. view.Phases.SelectMany(p => p.Competitors.Select(c => Row(p.Phase, c.Name, c.Mentions, c.Worse, c.Same, c.Better, c.MeanRelative)))]);
    }

    /// <summary>The trend as a table: one row per wave.</summary>
    public static InsightTable Table(TrendsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new InsightTable("Trends",
            ["waveId", "wave", "opensOn", "closesOn", "respondents", "loyaltyIndex", "attachment", "calculative", "lockIn", "nps", "npsCiLow",
                "npsCiHigh", "npsN", "relationshipQuality", "suppressed"],
            [.. view.Waves.Select(w => Row(w.Wave.WaveId, w.Wave.WaveName, Date(w.Wave.OpensOn), Date(w.Wave.ClosesOn), w.Respondents,
                w.Loyalty.LoyaltyIndex, w.Loyalty.Components.Attachment, w.Loyalty.Components.Calculative, w.Loyalty.Components.LockIn,
                w.Nps.Nps, w.Nps.CiLow, w.Nps.CiHigh, w.Nps.N, w.RelationshipQuality.Index, w.Loyalty.Suppressed))]);
    }

    /// <summary>The drill-down as a table: the respondents of the page when listed, otherwise the accounts of the page.</summary>
    public static InsightTable Table(DrillDownView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.RespondentList is { } respondents)
        {
            return new InsightTable("Respondents",
                ["respondentKey", "accountId", "account", "contactId", "contact", "buyingRole", "recommend", "loyaltyScore", "submittedAt"],
                [.. respondents.Items.Select(r => Row(r.RespondentKey, r.AccountId, r.AccountName, r.ContactId, r.ContactName,
                    r.BuyingRole is { } role ? EnumText.ToText(role) : null, r.Recommend, r.LoyaltyScore,
                    r.SubmittedAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))]);
        }
        return new InsightTable("Accounts",
            ["accountId", "externalId", "account", "respondents", "loyaltyIndex"],
            [.. view.Accounts.Items.Select(a => Row(a.AccountId, a.ExternalId, a.Name, a.Respondents, a.LoyaltyIndex))]);
    }

    /// <summary>An account's figures as a table: one row per wave with the mean answer per global item.</summary>
    public static InsightTable Table(AccountInsightsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var items = view.Waves.Count == 0 ? [] : view.Waves[0].Items.Select(i => i.Code).ToList();
        return new InsightTable("Account",
            [.. new[] { "waveId", "wave", "respondents", "loyaltyIndex", "attachment", "calculative", "lockIn", "captive", "nps", "npsN",
                "relationshipQuality", "suppressed" }, .. items],
            [.. view.Waves.Select(w => (IReadOnlyList<object?>)[.. Row(w.Wave.WaveId, w.Wave.WaveName, w.Respondents, w.Loyalty.LoyaltyIndex,
                w.Loyalty.Components.Attachment, w.Loyalty.Components.Calculative, w.Loyalty.Components.LockIn, w.Loyalty.Captive, w.Nps.Nps,
                w.Nps.N, w.RelationshipQuality.Index, w.Suppressed), .. w.Items.Select(i => (object?)i.Mean)])]);
    }

    /// <summary>Writes <paramref name="table"/> as CSV (header row, then one line per row).</summary>
    public static async Task WriteCsvAsync(InsightTable table, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', table.Columns.Select(Quote)).AsMemory(), ct);
        foreach (var row in table.Rows)
        {
            await writer.WriteLineAsync(string.Join(',', row.Select(v => Quote(Text(v)))).AsMemory(), ct);
        }
    }

    /// <summary>Writes <paramref name="table"/> as an XLSX workbook with one sheet; numbers are numeric cells.</summary>
    public static async Task WriteXlsxAsync(InsightTable table, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        // The package writer needs a seekable stream; the response body is not.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(XlsxRow(1, table.Columns));
            for (var r = 0; r < table.Rows.Count; r++)
            {
                data.Append(XlsxRow((uint)(r + 2), table.Rows[r]));
            }
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(table.Name) });
            workbook.Workbook.Save();
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private static Row XlsxRow(uint index, IEnumerable<object?> values)
    {
        var row = new Row { RowIndex = index };
        foreach (var value in values)
        {
            row.Append(value switch
            {
                null => new Cell(),
                double d => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture)) },
                int i => new Cell { DataType = CellValues.Number, CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)) },
                long l => new Cell { DataType = CellValues.Number, CellValue = new CellValue(l.ToString(CultureInfo.InvariantCulture)) },
                bool b => new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Text(value))) },
            });
        }
        return row;
    }

    private static string SheetName(string name)
    {
        var clean = new string(name.Where(ch => ch is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }

    private static object?[] Row(params object?[] values) => values;

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
