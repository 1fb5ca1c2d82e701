using System.CommandLine;
using Rapport.Cli.Infrastructure;
using Rapport.Core.Import;
using Rapport.Core.Surveys;

namespace Rapport.Cli.Import;

/// <summary><c>rapport export &lt;entity&gt; FILE</c>: the CSV columns of docs/import.md#columns, re-importable as they are.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Export a CSV file in the import format (importing it again changes nothing).");
        foreach (var entity in Enum.GetValues<ImportEntity>())
        {
            command.Subcommands.Add(CreateEntity(entity));
        }
        command.Subcommands.Add(CreateResponses());
        return command;
    }

    // Responses are exported per wave and streamed straight from the database to the file (or standard output).
    private static Command CreateResponses()
    {
        var command = new Command("responses",
            $"Export the answers of one wave as the responses CSV ({string.Join(", ", ResponseCsv.Columns)}), "
            + "which 'rapport import responses' reads back unchanged. Anonymous surveys leave contact_external_id empty.");
        var wave = new Option<long>("--wave") { Description = "The wave's id.", Required = true };
        var output = new Option<string?>("--out") { Description = "The CSV file to write (overwritten); standard output without it." };
        var unsubmitted = new Option<bool>("--include-unsubmitted") { Description = "Also export answers saved but not yet submitted." };
        command.Options.Add(wave);
        command.Options.Add(output);
        command.Options.Add(unsubmitted);
        command.SetAction(async (parse, ct) =>
        {
            var json = CliJson.Wanted(parse);
            var path = parse.GetValue(output);
            if (path is null && json)
            {
                throw new InvalidInputException("--json needs --out FILE: the CSV and the JSON report cannot share standard output.");
            }
            var directory = path is null ? null : Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null && !Directory.Exists(directory))
            {
                throw new InvalidInputException($"--out {path}: the directory {directory} does not exist.");
            }
            var waveId = parse.GetValue(wave);
            var dataSource = await CliDatabase.OpenAsync(parse, ct);
            await using (dataSource)
            {
                var found = await ResponseCsv.FindWaveAsync(dataSource, waveId, ct)
                    ?? throw new InvalidInputException($"--wave {waveId}: there is no wave with this id.");
                long rows;
                if (path is null)
                {
                    rows = await ResponseCsv.ExportAsync(dataSource, waveId, parse.InvocationConfiguration.Output, parse.GetValue(unsubmitted), "cli", ct);
                }
                else
                {
                    await using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
                    rows = await ResponseCsv.ExportAsync(dataSource, waveId, writer, parse.GetValue(unsubmitted), "cli", ct);
                }
                if (json)
                {
                    CliJson.Write(parse, new { file = path, entity = "responses", waveId, wave = found.Name, survey = found.SurveyName, rows });
                }
                else
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(
                        $"{path ?? "stdout"}: {rows:N0} answers of wave '{found.Name}' ({found.SurveyName}) exported.");
                }
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command CreateEntity(ImportEntity entity)
    {
        var name = CsvImporter.SchemaOf(entity).Entity;
        var command = new Command(name, $"Export {name} (UTF-8, comma, ISO dates).");
        var file = new Argument<string>("FILE") { Description = "The CSV file to write (overwritten)." };
        command.Arguments.Add(file);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null && !Directory.Exists(directory))
            {
                throw new InvalidInputException($"{path}: the directory {directory} does not exist.");
            }
            var dataSource = await CliDatabase.OpenAsync(parse, ct);
            await using (dataSource)
            {
                var result = await new CsvExporter(dataSource).ExportAsync(entity, path, "cli", ct);
                if (CliJson.Wanted(parse))
                {
                    CliJson.Write(parse, new { file = result.File, entity = result.Entity, rows = result.Rows });
                }
                else
                {
                    await parse.InvocationConfiguration.Output.WriteLineAsync($"{result.File}: {result.Rows:N0} {result.Entity} exported.");
                }
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
