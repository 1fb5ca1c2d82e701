using System.CommandLine;
using System.Globalization;
using Rapport.Analytics.Input;
using Rapport.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Rapport.Cli.Analyze;

/// <summary>Shared plumbing of <c>analyze nps|loyalty|drivers</c>: input files, NaN → null, plain-text tables.</summary>
internal static class SurveyCliSupport
{
    public static Option<string> InputOption(string description) => new("--input")
    {
        Description = description,
        Required = true,
    };

    public static Option<string?> GroupByOption() => new("--group-by")
    {
        Description = "Column whose values split the rows into groups; adds a 'groups' array (empty cells form the group \"\").",
    };

    /// <summary>JSON has no NaN: an undefined figure is null.</summary>
    public static double? Number(double value) => double.IsFinite(value) ? value : null;

    public static string Format(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Interval(double low, double high, string format) =>
        double.IsFinite(low) && double.IsFinite(high) ? $"[{Format(low, format)}, {Format(high, format)}]" : "–";

    public static string GroupLabel(string group) => group.Length == 0 ? "(blank)" : group;

    /// <summary>Text of the group column for the current row.</summary>
    public static string Group(WideCsvReader reader, int groupColumn) => groupColumn < 0 ? "" : reader.GetText(groupColumn);

    /// <summary>The accumulator of the current row's group (<c>--group-by</c>), created when the group first appears.</summary>
    public static TAccumulator GroupAccumulator<TAccumulator>(SortedDictionary<string, TAccumulator> groups, WideCsvReader reader, int groupColumn)
        where TAccumulator : new()
    {
        var key = Group(reader, groupColumn);
        if (!groups.TryGetValue(key, out var accumulator))
        {
            accumulator = new TAccumulator();
            groups.Add(key, accumulator);
        }
        return accumulator;
    }

    /// <summary>Writes a table to the command's output (not the console), without colours, for humans and tests alike.</summary>
    public static void WriteTable(ParseResult parse, string? title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var output = parse.InvocationConfiguration.Output;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!console.Profile.Out.IsTerminal)
        {
            // Redirected output has no width; the 80-column default would wrap the cells.
            console.Profile.Width = 200;
        }
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title = new TableTitle(title);
        }
        for (var i = 0; i < headers.Count; i++)
        {
            var column = new TableColumn(new Text(headers[i]));
            table.AddColumn(i == 0 ? column.LeftAligned() : column.RightAligned());
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }
        console.Write(table);
    }

    public static void WriteLine(ParseResult parse, string line) => parse.InvocationConfiguration.Output.WriteLine(line);

    /// <summary>Turns a rejected cell into exit code 2 with file, row and column.</summary>
    public static InvalidInputException CellError(WideCsvReader reader, int column, string problem) =>
        new($"{reader.FileName}: row {reader.Row}, column '{reader.Columns[column]}': {problem}");
}
