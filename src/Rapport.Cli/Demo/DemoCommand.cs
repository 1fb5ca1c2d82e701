using System.CommandLine;
using System.Globalization;
using Npgsql;
using Rapport.Cli.Infrastructure;
using Rapport.Core.Database;
using Rapport.Demo;
using Spectre.Console;

namespace Rapport.Cli.Demo;

/// <summary><c>rapport demo seed</c>: generate the demo company "Muster Maschinenbau GmbH" into the database (docs/cli.md).</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Demo data: a German machine builder and its customers.");
        command.Subcommands.Add(CreateSeed());
        return command;
    }

    private static Command CreateSeed()
    {
        var accounts = new Option<int>("--accounts")
        {
            Description = $"Number of customer accounts ({DemoOptions.MinAccounts}–{DemoOptions.MaxAccounts}).",
            DefaultValueFactory = _ => DemoOptions.DefaultAccounts,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed; the same seed, accounts and date give the same data.",
            DefaultValueFactory = _ => DemoOptions.DefaultSeed,
        };
        var replace = new Option<bool>("--replace")
        {
            Description = "Delete all business data first (accounts and everything attached to them — contacts, orders, "
                + "interactions, contracts, survey invitations, complaints … — and products). Users and master data are kept. "
                + "Without it, seeding a database that already has accounts fails.",
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "The 'today' of the generated history (ISO date, default: today). Five years of orders end here.",
        };

        var command = new Command("seed",
            "Generate the demo company into an empty database (--connection, else ConnectionStrings__Rapport, else the local "
            + "instance); applies pending migrations first.");
        command.Options.Add(accounts);
        command.Options.Add(seed);
        command.Options.Add(replace);
        command.Options.Add(asOf);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(accounts);
            if (count is < DemoOptions.MinAccounts or > DemoOptions.MaxAccounts)
            {
                throw new InvalidInputException(
                    $"--accounts must be between {DemoOptions.MinAccounts} and {DemoOptions.MaxAccounts} (was {count}).");
            }
            var today = ParseAsOf(parse.GetValue(asOf));
            var error = parse.InvocationConfiguration.Error;
            var json = CliJson.Wanted(parse);

            ResolvedConnection resolved;
            try
            {
                resolved = await ConnectionResolver.ResolveWithSourceAsync(
                    parse.GetValue(CommonOptions.Connection), configuration: null,
                    new LocalPostgresOptions { Log = message => error.WriteLine(message) }, cancellationToken);
            }
            catch (InvalidConnectionStringException ex)
            {
                throw new InvalidInputException(ex.Message);
            }
            await Migrator.ForRapport(message => error.WriteLine(message)).MigrateAsync(resolved.ConnectionString, cancellationToken);

            var options = new DemoOptions
            {
                Accounts = count,
                Seed = parse.GetValue(seed),
                AsOf = today,
                Replace = parse.GetValue(replace),
                Actor = "cli",
            };
            await using var dataSource = NpgsqlDataSource.Create(resolved.ConnectionString);
            var result = json || Console.IsOutputRedirected || Console.IsErrorRedirected
                ? await DemoSeeder.SeedAsync(dataSource, options, null, cancellationToken)
                : await SeedWithProgressBarAsync(dataSource, options, cancellationToken);

            if (!result.Succeeded)
            {
                if (result.Failure == DemoSeedFailure.InvalidOptions)
                {
                    throw new InvalidInputException(result.Message!);
                }
                await error.WriteLineAsync(result.Message);
                return ExitCodes.Error;
            }
            var summary = result.Summary!;
            if (json)
            {
                CliJson.Write(parse, summary);
                return ExitCodes.Ok;
            }
            await WriteSummaryAsync(parse.InvocationConfiguration.Output, summary);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static DateOnly ParseAsOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DateOnly.FromDateTime(DateTime.Today);
        }
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidInputException($"--as-of: '{text}' is not an ISO date (yyyy-MM-dd).");
    }

    private static async Task<DemoSeedResult> SeedWithProgressBarAsync(NpgsqlDataSource dataSource, DemoOptions options, CancellationToken ct)
    {
        // Progress goes to stderr so that stdout carries only the result.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        DemoSeedResult? result = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Seeding demo company", maxValue: 1);
                var progress = new SynchronousProgress(p =>
                {
                    task.MaxValue = p.Total;
                    task.Value = p.Completed;
                    task.Description = Markup.Escape(p.Step);
                });
                result = await DemoSeeder.SeedAsync(dataSource, options, progress, ct);
            });
        return result!;
    }

    /// <summary>Reports on the caller's thread (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<DemoSeedProgress> report) : IProgress<DemoSeedProgress>
    {
        public void Report(DemoSeedProgress value) => report(value);
    }

    private static async Task WriteSummaryAsync(TextWriter output, DemoSeedSummary s)
    {
        var c = CultureInfo.InvariantCulture;
        var t = s.Tables;
        var replaced = s.Replaced ? ", replacing the previous business data" : "";
        await output.WriteLineAsync(string.Create(c,
            $"Seeded the demo company \"Muster Maschinenbau GmbH\" (seed {s.Seed}, as of {s.AsOf:yyyy-MM-dd}) in {s.ElapsedSeconds:0.0} s{replaced}:"));
        await output.WriteLineAsync(string.Create(c,
            $"  {t.Accounts:N0} accounts ({s.Segments.Prospect} prospects, {s.Segments.New} new, {s.Segments.Regular} regular, {s.Segments.Lost} lost), {t.Contacts:N0} contacts, {t.Consents:N0} consents"));
        await output.WriteLineAsync(string.Create(c,
            $"  {t.Orders:N0} orders with {t.OrderLines:N0} lines ({s.RevenueLast12Months:N0} EUR in the last 12 months), {t.Interactions:N0} interactions, {t.Contracts:N0} contracts, {t.Products:N0} products"));
        await output.WriteLineAsync(string.Create(c,
            $"  {t.Users} demo users (account managers and an analyst, @muster-maschinenbau.de, no password until an admin sets one)"));
        await output.WriteLineAsync("Stories (see docs/demo-company.md):");
        foreach (var story in s.Stories)
        {
            await output.WriteLineAsync($"  {story.AccountExternalId}  {story.AccountName}: {story.Key.Replace('_', ' ')}");
        }
    }
}
