using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Rapport.Cli.Infrastructure;
using Rapport.Core.Database;
using Rapport.Core.Import;
using Rapport.Core.Surveys;
using Spectre.Console;

namespace Rapport.Cli.Import;

/// <summary><c>rapport import &lt;entity&gt; FILE</c>: CSV import (docs/import.md, ADR 0004).</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var command = new Command("import",
            "Import a CSV file. All-or-nothing: an invalid row imports nothing, unless --skip-invalid. "
            + "Re-importing updates rows by their id (idempotent).");
        foreach (var entity in Enum.GetValues<ImportEntity>())
        {
            command.Subcommands.Add(CreateEntity(entity));
        }
        command.Subcommands.Add(CreateResponses());
        return command;
    }

    // Survey responses are checked against each wave's questionnaire (items, scales, phases, touchpoints), so they
    // have their own importer (Rapport.Core.Surveys.ResponseCsv); options, errors and the report follow the other entities.
    private static Command CreateResponses()
    {
        var command = new Command("responses",
            $"Import survey responses (long format, one row per answer). Columns (* = required): {string.Join(", ", ResponseCsv.Columns.Select((c, i) => i < 5 ? c + "*" : c))}. "
            + "All-or-nothing unless --skip-invalid; a new or changed recommendation of 0–6 raises a detractor event.");
        var file = new Argument<string>("FILE") { Description = "The CSV file (UTF-8, comma or semicolon, header row)." };
        var (dryRun, skipInvalid, map, dateFormat) = FileOptions("submitted_at");
        command.Arguments.Add(file);
        command.Options.Add(dryRun);
        command.Options.Add(skipInvalid);
        command.Options.Add(map);
        command.Options.Add(dateFormat);
        command.SetAction(async (parse, ct) =>
        {
            var format = parse.GetValue(dateFormat);
            if (format is not null)
            {
                ValidateDateFormat(format);
            }
            var json = CliJson.Wanted(parse);
            var dataSource = await CliDatabase.OpenAsync(parse, ct);
            await using (dataSource)
            {
                var result = await ResponseCsv.ImportAsync(dataSource, new CsvImportOptions
                {
                    Path = parse.GetValue(file)!,
                    DryRun = parse.GetValue(dryRun),
                    SkipInvalid = parse.GetValue(skipInvalid),
                    DateFormat = format,
                    Map = parse.GetValue(map) ?? [],
                    Actor = "cli",
                }, ct);
                return await ReportAsync(parse, result, json);
            }
        });
        return command;
    }

    /// <summary>The options every import shares; <paramref name="dateColumns"/> names the columns --date-format applies to.</summary>
    private static (Option<bool> DryRun, Option<bool> SkipInvalid, Option<string[]> Map, Option<string?> DateFormat) FileOptions(string? dateColumns = null)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and report what would be inserted and updated; write nothing." };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Import the valid rows; write the rejected ones with a 'reason' column to FILE.rejects.csv.",
        };
        var map = new Option<string[]>("--map")
        {
            Description = "Column mapping target=source[,...]: the file's column 'source' feeds column 'target'. "
                + "ignore=source (or -=source inside a list) ignores a column of the file. May be repeated.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var dateFormat = new Option<string?>("--date-format")
        {
            Description = "A .NET custom date format instead of ISO dates, e.g. dd.MM.yyyy or yyyyMMdd"
                + (dateColumns is null ? "." : $" (applies to {dateColumns})."),
        };
        return (dryRun, skipInvalid, map, dateFormat);
    }

    private static Command CreateEntity(ImportEntity entity)
    {
        var schema = CsvImporter.SchemaOf(entity);
        var command = new Command(schema.Entity,
            $"Import {schema.Entity}. Columns (* = required): {string.Join(", ", schema.Columns.Select(c => c.Required ? c.Name + "*" : c.Name))}.");
        var file = new Argument<string>("FILE") { Description = "The CSV file (UTF-8, comma or semicolon, header row)." };
        var (dryRun, skipInvalid, map, dateFormat) = FileOptions();
        command.Arguments.Add(file);
        command.Options.Add(dryRun);
        command.Options.Add(skipInvalid);
        command.Options.Add(map);
        command.Options.Add(dateFormat);

        command.SetAction(async (parse, ct) =>
        {
            var format = parse.GetValue(dateFormat);
            if (format is not null)
            {
                ValidateDateFormat(format);
            }
            var options = new ImportOptions
            {
                Path = parse.GetValue(file)!,
                Entity = entity,
                DryRun = parse.GetValue(dryRun),
                SkipInvalid = parse.GetValue(skipInvalid),
                DateFormat = format,
                Map = parse.GetValue(map) ?? [],
                Actor = "cli",
            };
            var json = CliJson.Wanted(parse);
            var dataSource = await CliDatabase.OpenAsync(parse, ct);
            await using (dataSource)
            {
                var importer = new CsvImporter(dataSource);
                var result = ShowProgress(json)
                    ? await WithProgressAsync(options, o => importer.ImportAsync(o, ct))
                    : await importer.ImportAsync(options, ct);
                return await ReportAsync(parse, result, json);
            }
        });
        return command;
    }

    private static void ValidateDateFormat(string format)
    {
        var sample = new DateTime(2011, 6, 1, 8, 26, 0, DateTimeKind.Unspecified);
        try
        {
            var text = sample.ToString(format, CultureInfo.InvariantCulture);
            if (!DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) || back.Date != sample.Date)
            {
                throw new InvalidInputException($"--date-format '{format}' cannot express a full date (use e.g. dd.MM.yyyy or yyyyMMdd).");
            }
        }
        catch (FormatException)
        {
            throw new InvalidInputException($"--date-format '{format}' is not a .NET date format (use e.g. dd.MM.yyyy or yyyyMMdd).");
        }
    }

    internal static bool ShowProgress(bool json) => !json && !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    private static async Task<ImportResult> WithProgressAsync(ImportOptions options, Func<ImportOptions, Task<ImportResult>> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        ImportResult? result = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Path.GetFileName(options.Path), maxValue: 1);
                var watch = Stopwatch.StartNew();
                var progress = new SynchronousProgress(p =>
                {
                    var rate = p.RowsRead / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
                    task.Description = $"{Markup.Escape(Path.GetFileName(options.Path))}: {p.Stage} {p.RowsRead:N0} rows ({rate:N0} rows/s)";
                    task.Value = p.TotalBytes > 0 ? (double)p.BytesRead / p.TotalBytes : 1;
                });
                result = await run(options with { Progress = progress });
                task.Value = 1;
            });
        return result!;
    }

    private static async Task<int> ReportAsync(ParseResult parse, ImportResult result, bool json)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var name = result.File;
        if (json)
        {
            CliJson.Write(parse, new
            {
                file = result.File,
                entity = result.Entity,
                rowsRead = result.RowsRead,
                inserted = result.Inserted,
                updated = result.Updated,
                unchanged = result.Unchanged,
                rejected = result.Rejected,
                dryRun = result.DryRun,
                errorCount = result.ErrorCount,
                errors = result.Errors.Select(e => new { row = e.Row, column = e.Column, message = e.Message }).ToArray(),
                rejectsFile = result.RejectsFile,
            });
        }
        foreach (var e in result.Errors)
        {
            await error.WriteLineAsync($"{name}: {e}");
        }
        if (result.ErrorCount > result.Errors.Count)
        {
            await error.WriteLineAsync($"{name}: … and {result.ErrorCount - result.Errors.Count:N0} more errors.");
        }

        if (result.Status == ImportStatus.Invalid)
        {
            await error.WriteLineAsync(result.Rejected > 0
                ? $"{name}: {result.ErrorCount:N0} error(s) in {result.Rejected:N0} of {result.RowsRead:N0} rows; nothing was imported "
                  + "(fix the rows, or import the valid ones with --skip-invalid)."
                : $"{name}: nothing was imported.");
            return ExitCodes.InvalidInput;
        }
        if (!json)
        {
            var verb = result.DryRun ? "would be" : "were";
            await output.WriteLineAsync(
                $"{name} ({result.Entity}): {result.RowsRead:N0} rows read; {result.Inserted:N0} {verb} inserted, {result.Updated:N0} updated, "
                + $"{result.Unchanged:N0} unchanged, {result.Rejected:N0} rejected.");
            if (result.DryRun)
            {
                await output.WriteLineAsync("Dry run: nothing was written.");
            }
            if (result.RejectsFile is not null && result.Rejected > 0)
            {
                await output.WriteLineAsync($"Rejected rows with their reasons: {result.RejectsFile}");
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>Reports on the importer's thread (Progress&lt;T&gt; would post to the thread pool and lag behind).</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

/// <summary>The database for import and export: --connection, else ConnectionStrings__Rapport, else the local instance.</summary>
internal static class CliDatabase
{
    public static async Task<NpgsqlDataSource> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        try
        {
            var connection = await ConnectionResolver.ResolveAsync(parse.GetValue(CommonOptions.Connection), configuration: null, cancellationToken: ct);
            return NpgsqlDataSource.Create(connection);
        }
        catch (InvalidConnectionStringException ex)
        {
            throw new InvalidInputException(ex.Message);
        }
    }
}
