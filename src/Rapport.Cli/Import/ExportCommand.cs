using System.CommandLine;
using Rapport.Cli.Infrastructure;
using Rapport.Core.Import;

namespace Rapport.Cli.Import;

/// <summary><c>rapport export &lt;entity&gt; FILE</c>: the §7.3 columns, re-importable as they are.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Export a CSV file in the SPEC §7.3 format (importing it again changes nothing).");
        foreach (var entity in Enum.GetValues<ImportEntity>())
        {
            command.Subcommands.Add(CreateEntity(entity));
        }
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
