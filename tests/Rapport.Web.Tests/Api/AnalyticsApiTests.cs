extern alias cli;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using cli::Rapport.Cli.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rapport.Analytics.Input;
using Rapport.Core.Identity;
using Rapport.Core.Import;
using Rapport.Core.Surveys;
using Rapport.Demo;
using Rapport.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rapport.Web.Tests.Api;

/// <summary>The app with the demo company (150 accounts, two survey waves) seeded once for the class.</summary>
public sealed class AnalyticsApp : RapportApplicationFactory, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var seed = await DemoSeeder.SeedAsync(Database.DataSource, new DemoOptions { Accounts = 150, Seed = 7, AsOf = new DateOnly(2025, 6, 30) });
        Assert.True(seed.Succeeded, seed.Message);
    }
}

public sealed class AnalyticsApiTests(AnalyticsApp app, ITestOutputHelper output) : IClassFixture<AnalyticsApp>, IAsyncLifetime
{
    private const double Tolerance = 1e-9;
    private AuthenticatedClient admin = null!;
    private long[] waveIds = [];

    public async Task InitializeAsync()
    {
        admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        var waves = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url("/api/v1/analytics/waves")));
        waveIds = waves.EnumerateArray().Where(w => w.GetProperty("surveyName").GetString() == DemoSurveys.SurveyName)
            .Select(w => w.GetProperty("waveId").GetInt64()).ToArray();
    }

    public Task DisposeAsync()
    {
        admin.Http.Dispose();
        return Task.CompletedTask;
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private async Task<JsonElement> GetAsync(string path) => await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url(path)));

    private static void Near(JsonElement expected, JsonElement actual, string what)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null, $"{what}: expected null, got {actual}");
            return;
        }
        Assert.True(Math.Abs(expected.GetDouble() - actual.GetDouble()) <= Tolerance, $"{what}: CLI {expected}, API {actual}");
    }

    [Fact]
    public async Task MustShow_DemoWavesWithAdminToken_EveryViewAnswersWithItsFigures()
    {
        Assert.Equal(2, waveIds.Length);
        foreach (var wave in waveIds)
        {
            var loyalty = await GetAsync($"/api/v1/analytics/loyalty?waveId={wave}");
            Assert.True(loyalty.GetProperty("n").GetInt32() >= 100, loyalty.ToString());
            var components = loyalty.GetProperty("components");
            var parts = new[] { "attachment", "calculative", "lockIn" }.Select(c => components.GetProperty(c).GetDouble()).ToArray();
            Assert.All(parts, p => Assert.InRange(p, 0.01, 100));
            Assert.InRange(parts.Sum(), 1, 100);

            var nps = await GetAsync($"/api/v1/analytics/nps?waveId={wave}");
            Assert.InRange(nps.GetProperty("nps").GetDouble(), nps.GetProperty("ciLow").GetDouble(), nps.GetProperty("ciHigh").GetDouble());
            Assert.True(nps.GetProperty("ciLow").GetDouble() < nps.GetProperty("ciHigh").GetDouble());

            var phases = (await GetAsync($"/api/v1/analytics/phases?waveId={wave}")).GetProperty("phases").EnumerateArray().ToList();
            Assert.Equal(6, phases.Count);
            Assert.Equal(Enumerable.Range(1, 6), phases.Select(p => p.GetProperty("order").GetInt32()));
            foreach (var phase in phases)
            {
                var touchpoints = phase.GetProperty("touchpoints").EnumerateArray().ToList();
                Assert.Equal(8, touchpoints.Count);
                Assert.All(touchpoints, t => Assert.InRange(t.GetProperty("involvement").GetDouble(), 0, 1));
                Assert.Contains(touchpoints, t => t.GetProperty("impact").ValueKind == JsonValueKind.Number);
            }

            foreach (var query in new[] { "", "&phase=operation" })
            {
                var drivers = await GetAsync($"/api/v1/analytics/drivers?waveId={wave}{query}");
                var weights = drivers.GetProperty("drivers").EnumerateArray().Select(d => d.GetProperty("weight").GetDouble()).ToList();
                Assert.NotEmpty(weights);
                Assert.Equal(drivers.GetProperty("rSquared").GetDouble(), weights.Sum(), 9);
            }

            var competitors = (await GetAsync($"/api/v1/analytics/competitors?waveId={wave}")).GetProperty("phases").EnumerateArray().ToList();
            var operation = competitors.Single(p => p.GetProperty("phase").GetString() == "operation").GetProperty("competitors").EnumerateArray().First();
            Assert.Equal(DemoSurveys.MaintenanceCompetitor, operation.GetProperty("name").GetString());
            Assert.True(operation.GetProperty("mentions").GetInt32() >= operation.GetProperty("worse").GetInt32());
        }
    }

    [Fact]
    public async Task LoyaltyNpsDrivers_ExportedResponses_EqualTheCli()
    {
        var wave = waveIds[^1];
        var directory = Directory.CreateTempSubdirectory("rapport-analytics-");
        try
        {
            var exported = Path.Combine(directory.FullName, "responses.csv");
            await using (var writer = new StreamWriter(exported, false, new UTF8Encoding(false)))
            {
                await ResponseCsv.ExportAsync(app.Database.DataSource, wave, writer);
            }
            var respondents = await WideAsync(exported);
            var widePath = Path.Combine(directory.FullName, "wide.csv");
            var globals = new[] { "LOY_REPURCHASE", "LOY_RECOMMEND", "LOY_FIRSTCHOICE", "LOY_CROSSBUY", "MOT_ATT_1", "MOT_ATT_2", "MOT_ATT_3", "MOT_ATT_4",
                "MOT_CAL_1", "MOT_CAL_2", "MOT_CAL_3", "MOT_LCK_1", "MOT_LCK_2", "MOT_LCK_3", "MOT_LCK_4" };
            WriteWide(widePath, ["segment", "buyingRole", .. globals], respondents.Select(r =>
                (IReadOnlyList<string>)[r.Segment, r.Role, .. globals.Select(g => Cell(r.Items.GetValueOrDefault(g, double.NaN)))]));

            var cliLoyalty = await CliAsync("analyze", "loyalty", "--input", widePath, "--group-by", "segment", "--json");
            var apiLoyalty = await GetAsync($"/api/v1/analytics/loyalty?waveId={wave}&groupBy=segment");
            CompareLoyalty(cliLoyalty, apiLoyalty, "overall");
            var cliGroups = cliLoyalty.GetProperty("groups").EnumerateArray().ToList();
            var apiGroups = apiLoyalty.GetProperty("groups").EnumerateArray().ToList();
            Assert.Equal(cliGroups.Select(g => g.GetProperty("group").GetString()), apiGroups.Select(g => g.GetProperty("group").GetString()));
            foreach (var (c, a) in cliGroups.Zip(apiGroups))
            {
                CompareLoyalty(c, a, c.GetProperty("group").GetString()!);
            }

            var cliNps = await CliAsync("analyze", "nps", "--input", widePath, "--column", "LOY_RECOMMEND", "--group-by", "buyingRole", "--json");
            var apiNps = await GetAsync($"/api/v1/analytics/nps?waveId={wave}&groupBy=buyingRole");
            foreach (var (c, a) in new[] { (cliNps, apiNps) }.Concat(cliNps.GetProperty("groups").EnumerateArray().Zip(apiNps.GetProperty("groups").EnumerateArray())))
            {
                foreach (var field in new[] { "n", "promoters", "passives", "detractors" })
                {
                    Assert.Equal(c.GetProperty(field).GetInt32(), a.GetProperty(field).GetInt32());
                }
                foreach (var field in new[] { "nps", "standardError", "ciLow", "ciHigh", "recommendationRate" })
                {
                    Near(c.GetProperty(field), a.GetProperty(field), "nps " + field);
                }
                Assert.Equal(c.GetProperty("interval").GetString(), a.GetProperty("interval").GetString());
            }

            // The overall driver model as ADR 0012 describes it: a phase's rating where involved and rated, else the mean
            // rating of the involved; plus the involvement indicator; overall satisfaction RQ_SAT_1 as the target.
            var apiDrivers = await GetAsync($"/api/v1/analytics/drivers?waveId={wave}&bootstrap=200&seed=5");
            var names = apiDrivers.GetProperty("drivers").EnumerateArray().Select(d => d.GetProperty("name").GetString()!).ToList();
            var phases = respondents.SelectMany(r => r.Phases.Keys).Distinct().ToList();
            var means = phases.ToDictionary(p => p, p => Mean(respondents.Where(r => r.Phases.TryGetValue(p, out var x) && x.Involved && !double.IsNaN(x.Satisfaction))
                .Select(r => r.Phases[p].Satisfaction)));
            var driverPath = Path.Combine(directory.FullName, "drivers.csv");
            WriteWide(driverPath, ["RQ_SAT_1", .. names], respondents.Select(r => (IReadOnlyList<string>)[
                Cell(r.Items.GetValueOrDefault("RQ_SAT_1", double.NaN)),
                .. names.Select(n =>
                {
                    var phase = n[(n.IndexOf(':', StringComparison.Ordinal) + 1)..];
                    var involved = r.Phases.TryGetValue(phase, out var x) && x.Involved;
                    return n.StartsWith("PH_SAT:", StringComparison.Ordinal)
                        ? Cell(involved && !double.IsNaN(x!.Satisfaction) ? x.Satisfaction : means[phase])
                        : involved ? "1" : "0";
                })]));
            var cliDrivers = await CliAsync("analyze", "drivers", "--input", driverPath, "--target", "RQ_SAT_1", "--drivers", string.Join(',', names),
                "--bootstrap", "200", "--seed", "5", "--json");
            Assert.Equal(cliDrivers.GetProperty("n").GetInt32(), apiDrivers.GetProperty("n").GetInt32());
            Near(cliDrivers.GetProperty("rSquared"), apiDrivers.GetProperty("rSquared"), "rSquared");
            foreach (var (c, a) in cliDrivers.GetProperty("drivers").EnumerateArray().Zip(apiDrivers.GetProperty("drivers").EnumerateArray()))
            {
                Assert.Equal(c.GetProperty("name").GetString(), a.GetProperty("name").GetString());
                foreach (var field in new[] { "weight", "share", "ciLow", "ciHigh" })
                {
                    Near(c.GetProperty(field), a.GetProperty(field), $"{c.GetProperty("name").GetString()} {field}");
                }
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void CompareLoyalty(JsonElement cli, JsonElement api, string what)
    {
        foreach (var field in new[] { "n", "respondents", "firstChoiceN", "recommendationN", "decompositionN" })
        {
            Assert.Equal(cli.GetProperty(field).GetInt32(), api.GetProperty(field).GetInt32());
        }
        foreach (var field in new[] { "loyaltyIndex", "firstChoiceRate", "recommendationRate" })
        {
            Near(cli.GetProperty(field), api.GetProperty(field), $"{what} {field}");
        }
        foreach (var field in new[] { "attachment", "calculative", "lockIn" })
        {
            Near(cli.GetProperty("components").GetProperty(field), api.GetProperty("components").GetProperty(field), $"{what} {field}");
        }
        Assert.Equal(cli.GetProperty("captive").ToString(), api.GetProperty("captive").ToString());
    }

    [Fact]
    public async Task AnonymousSurvey_GroupOfFour_IsSuppressedAndRespondentsNeverListed()
    {
        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsJsonAsync(Url("/api/v1/surveys"),
            new { name = "Anonymous " + Guid.NewGuid().ToString("N")[..8], template = "relationship-standard", anonymous = true }), HttpStatusCode.Created);
        var surveyId = created.GetProperty("id").GetInt64();
        var waveName = "Anon-" + Guid.NewGuid().ToString("N")[..8];
        var wave = await HttpAssert.JsonAsync(await admin.Http.PostAsJsonAsync(Url($"/api/v1/surveys/{surveyId}/waves"),
            new { name = waveName, opensOn = "2025-01-01", closesOn = "2025-12-31" }), HttpStatusCode.Created);
        var waveId = wave.GetProperty("id").GetInt64();
        var prefix = "AN" + Guid.NewGuid().ToString("N")[..6];
        var accounts = await app.SeedAccountsAsync(3, prefix);
        // Segments rotate with the account number: 1 new, 2 regular, 3 lost. Groups of 4, 6 and 10 respondents.
        var sizes = new[] { 4, 6, 10 };
        var lines = new StringBuilder("respondent_id,account_external_id,wave,item_code,value\n");
        var n = 0;
        for (var a = 0; a < 3; a++)
        {
            for (var i = 0; i < sizes[a]; i++)
            {
                var key = $"{prefix}-r{++n}";
                var externalId = $"{prefix}-{a + 1:00000}";
                foreach (var (item, value) in new[] { ("LOY_RECOMMEND", n % 11), ("LOY_REPURCHASE", 1 + (n % 5)), ("MOT_ATT_1", 1 + (n % 4)),
                             ("MOT_CAL_1", 2 + (n % 3)), ("MOT_LCK_1", 1 + (n % 5)), ("RQ_SAT_1", 1 + (n % 5)) })
                {
                    lines.Append(CultureInfo.InvariantCulture, $"{key},{externalId},{waveName},{item},{value}\n");
                }
            }
        }
        var path = Path.Combine(Path.GetTempPath(), $"anon-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, lines.ToString());
        try
        {
            var import = await ResponseCsv.ImportAsync(app.Database.DataSource, path);
            Assert.True(import is { Status: ImportStatus.Imported, DryRun: false }, string.Join("; ", import.Errors));
        }
        finally
        {
            File.Delete(path);
        }

        var loyalty = await GetAsync($"/api/v1/analytics/loyalty?waveId={waveId}&groupBy=segment");
        var groups = loyalty.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        var four = groups["new"];
        Assert.Equal(4, four.GetProperty("respondents").GetInt32());
        Assert.True(four.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, four.GetProperty("loyaltyIndex").ValueKind);
        Assert.Equal(JsonValueKind.Null, four.GetProperty("components").GetProperty("lockIn").ValueKind);
        // Shown, the group of 6 would give the group of 4 away as overall minus the others.
        Assert.True(groups["regular"].GetProperty("suppressed").GetBoolean());
        Assert.False(groups["lost"].GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Number, groups["lost"].GetProperty("loyaltyIndex").ValueKind);
        Assert.Equal(JsonValueKind.Number, loyalty.GetProperty("loyaltyIndex").ValueKind);

        var nps = await GetAsync($"/api/v1/analytics/nps?waveId={waveId}&segment=new");
        Assert.True(nps.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, nps.GetProperty("nps").ValueKind);
        Assert.Equal(JsonValueKind.Null, nps.GetProperty("promoters").ValueKind);

        var small = await GetAsync($"/api/v1/analytics/drilldown?waveId={waveId}&groupBy=segment&group=new");
        Assert.True(small.GetProperty("suppressed").GetBoolean());
        Assert.Empty(small.GetProperty("accounts").GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, small.GetProperty("respondentList").ValueKind);
        var all = await GetAsync($"/api/v1/analytics/drilldown?waveId={waveId}");
        Assert.True(all.GetProperty("respondentsHidden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, all.GetProperty("respondentList").ValueKind);
        Assert.Equal(3, all.GetProperty("accounts").GetProperty("totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, all.GetProperty("accounts").GetProperty("items").EnumerateArray()
            .Single(a => a.GetProperty("respondents").GetInt32() == 4).GetProperty("loyaltyIndex").ValueKind);

        var account = await GetAsync($"/api/v1/accounts/{accounts[0]}/loyalty");
        var figures = account.GetProperty("waves").EnumerateArray().Single();
        Assert.True(figures.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("loyalty").GetProperty("loyaltyIndex").ValueKind);
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("respondentList").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/analytics/loyalty?segment=vip", "segment")]
    [InlineData("/api/v1/analytics/nps?groupBy=colour", "groupBy")]
    [InlineData("/api/v1/analytics/nps?ci=exact", "ci")]
    [InlineData("/api/v1/analytics/phases?waveId=abc", "waveId")]
    [InlineData("/api/v1/analytics/competitors?buyingRole=ceo", "buyingRole")]
    [InlineData("/api/v1/analytics/relationship-quality?keyAccount=maybe", "keyAccount")]
    [InlineData("/api/v1/analytics/drivers?phase=lunch", "phase")]
    [InlineData("/api/v1/analytics/drivers?bootstrap=5000", "bootstrap")]
    [InlineData("/api/v1/analytics/importance-performance", "phase")]
    [InlineData("/api/v1/analytics/trends?format=pdf", "format")]
    [InlineData("/api/v1/analytics/drilldown?category=fan", "category")]
    [InlineData("/api/v1/analytics/drilldown?group=x", "group")]
    public async Task BadFilter_Returns400NamingTheParameter(string path, string field)
    {
        var messages = await HttpAssert.FieldErrorAsync(await admin.Http.GetAsync(Url(path)), field);

        Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m)));
    }

    [Fact]
    public async Task UnknownWave_Returns404()
    {
        await HttpAssert.ProblemAsync(await admin.Http.GetAsync(Url("/api/v1/analytics/loyalty?waveId=99999999")), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await admin.Http.GetAsync(Url("/api/v1/accounts/99999999/loyalty")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Export_CsvAndXlsx_CarryTheJsonFigures()
    {
        var wave = waveIds[^1];
        var json = await GetAsync($"/api/v1/analytics/nps?waveId={wave}&groupBy=keyAccount");

        var csvResponse = await admin.Http.GetAsync(Url($"/api/v1/analytics/nps?waveId={wave}&groupBy=keyAccount&format=csv"));
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = (await csvResponse.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("group,n,promoters,passives,detractors,nps,", csv[0], StringComparison.Ordinal);
        var overall = csv[1].Split(',');
        Assert.Equal("(all)", overall[0]);
        Assert.Equal(json.GetProperty("n").GetInt32(), int.Parse(overall[1], CultureInfo.InvariantCulture));
        Assert.Equal(json.GetProperty("nps").GetDouble(), double.Parse(overall[5], CultureInfo.InvariantCulture));
        Assert.Equal(4, csv.Length);

        var xlsxResponse = await admin.Http.GetAsync(Url($"/api/v1/analytics/phases?waveId={wave}&format=xlsx"));
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        var phases = (await GetAsync($"/api/v1/analytics/phases?waveId={wave}")).GetProperty("phases").EnumerateArray().ToList();
        using var stream = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal(1 + (6 * 8), rows.Count);
        var header = rows[0].Elements<Cell>().Select(c => c.InnerText).ToList();
        Assert.Equal(new[] { "phase", "order", "phaseN", "phaseSatisfaction", "touchpoint", "involvement" }, header.Take(6));
        var first = rows[1].Elements<Cell>().ToList();
        Assert.Equal(phases[0].GetProperty("phase").GetString(), first[0].InnerText);
        Assert.Equal(phases[0].GetProperty("satisfaction").GetDouble(), double.Parse(first[3].CellValue!.Text, CultureInfo.InvariantCulture));
        var firstTouchpoint = phases[0].GetProperty("touchpoints")[0];
        Assert.Equal(firstTouchpoint.GetProperty("involvement").GetDouble(), double.Parse(first[5].CellValue!.Text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AccountManager_SeesOnlyTheirAccountsRespondents()
    {
        var manager = await app.CreateUserAsync(UserRole.AccountManager);
        var client = await app.CreateAuthenticatedClientAsync(manager);
        var wave = waveIds[^1];
        var drill = await GetAsync($"/api/v1/analytics/drilldown?waveId={wave}&pageSize=500");
        var mine = drill.GetProperty("accounts").GetProperty("items").EnumerateArray().Take(3).ToList();
        foreach (var account in mine)
        {
            await app.ExecuteAsync("UPDATE accounts SET owner_user_id = $1 WHERE id = $2", manager.Id, account.GetProperty("accountId").GetInt64());
        }
        var other = drill.GetProperty("accounts").GetProperty("items")[5].GetProperty("accountId").GetInt64();

        var loyalty = await HttpAssert.JsonAsync(await client.Http.GetAsync(Url($"/api/v1/analytics/loyalty?waveId={wave}")));
        var ownAccount = await client.Http.GetAsync(Url($"/api/v1/accounts/{mine[0].GetProperty("accountId").GetInt64()}/loyalty"));
        var otherAccount = await client.Http.GetAsync(Url($"/api/v1/accounts/{other}/loyalty"));

        Assert.Equal(mine.Sum(a => a.GetProperty("respondents").GetInt32()), loyalty.GetProperty("respondents").GetInt32());
        Assert.Equal(HttpStatusCode.OK, ownAccount.StatusCode);
        await HttpAssert.ProblemAsync(otherAccount, HttpStatusCode.NotFound);
        output.WriteLine($"account manager sees {loyalty.GetProperty("respondents").GetInt32()} respondents");
    }

    [Fact]
    public async Task DrillDownAndAccount_NotAnonymous_ListRespondentsBehindAFigure()
    {
        var wave = waveIds[^1];
        var phases = await GetAsync($"/api/v1/analytics/phases?waveId={wave}");
        var operation = phases.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase").GetString() == "operation");

        var drill = await GetAsync($"/api/v1/analytics/drilldown?waveId={wave}&phase=operation&pageSize=500");
        var detractors = await GetAsync($"/api/v1/analytics/drilldown?waveId={wave}&category=detractor");
        var nps = await GetAsync($"/api/v1/analytics/nps?waveId={wave}");
        var accountId = drill.GetProperty("accounts").GetProperty("items")[0].GetProperty("accountId").GetInt64();
        var account = await GetAsync($"/api/v1/accounts/{accountId}/loyalty");

        Assert.Equal(operation.GetProperty("n").GetInt32(), drill.GetProperty("respondents").GetInt32());
        Assert.Equal(drill.GetProperty("respondents").GetInt32(), drill.GetProperty("respondentList").GetProperty("totalCount").GetInt32());
        Assert.Equal(nps.GetProperty("detractors").GetInt32(), detractors.GetProperty("respondents").GetInt32());
        Assert.All(detractors.GetProperty("respondentList").GetProperty("items").EnumerateArray(), r => Assert.InRange(r.GetProperty("recommend").GetDouble(), 0, 6));
        var figures = account.GetProperty("waves").EnumerateArray().Last();
        Assert.NotEmpty(figures.GetProperty("respondentList").EnumerateArray());
        Assert.NotEmpty(figures.GetProperty("npsByBuyingRole").EnumerateArray());
    }

    [Fact]
    public async Task DrillDown_TouchpointAndCompetitorCells_AsManyRespondentsAsTheFiguresCount()
    {
        var wave = waveIds[^1];
        var phases = await GetAsync($"/api/v1/analytics/phases?waveId={wave}");
        var competitors = await GetAsync($"/api/v1/analytics/competitors?waveId={wave}");
        var operation = phases.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase").GetString() == "operation");
        var fieldService = operation.GetProperty("touchpoints").EnumerateArray().Single(t => t.GetProperty("touchpoint").GetString() == "field_service");
        var strongest = competitors.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase").GetString() == "operation")
            .GetProperty("competitors")[0];

        var contact = await GetAsync($"/api/v1/analytics/drilldown?waveId={wave}&phase=operation&touchpoint=field_service");
        var named = await GetAsync(
            $"/api/v1/analytics/drilldown?waveId={wave}&phase=operation&competitor={Uri.EscapeDataString(strongest.GetProperty("name").GetString()!)}");

        // Involvement = respondents with contact / respondents involved in the phase.
        var expectedContacts = fieldService.GetProperty("involvement").GetDouble() * operation.GetProperty("n").GetInt32();
        Assert.Equal(Math.Round(expectedContacts), contact.GetProperty("respondents").GetInt32());
        Assert.True(contact.GetProperty("respondents").GetInt32() >= fieldService.GetProperty("n").GetInt32());
        Assert.Equal(strongest.GetProperty("mentions").GetInt32(), named.GetProperty("respondents").GetInt32());
    }

    [Fact]
    public async Task OpenApi_ListsTheAnalyticsRoutes()
    {
        var document = await GetAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        foreach (var route in new[] { "loyalty", "nps", "phases", "drivers", "competitors", "relationship-quality", "importance-performance", "trends", "drilldown" })
        {
            Assert.True(paths.TryGetProperty("/api/v1/analytics/" + route, out _), route);
        }
        Assert.True(paths.TryGetProperty("/api/v1/accounts/{id}/loyalty", out _));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private sealed record PhaseAnswer(bool Involved, double Satisfaction);

    private sealed record WideRespondent(string Key, string Segment, string Role, Dictionary<string, double> Items, Dictionary<string, PhaseAnswer> Phases);

    /// <summary>The long export as one record per respondent (ordinal key order, as the API orders them), with account segment and buying role.</summary>
    private async Task<List<WideRespondent>> WideAsync(string exported)
    {
        var segments = new Dictionary<string, string>(StringComparer.Ordinal);
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = app.Database.DataSource.CreateCommand("SELECT external_id, segment FROM accounts"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                segments[reader.GetString(0)] = reader.GetString(1);
            }
        }
        await using (var cmd = app.Database.DataSource.CreateCommand("SELECT external_id, coalesce(buying_role, '') FROM contacts"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                roles[reader.GetString(0)] = reader.GetString(1);
            }
        }
        var result = new Dictionary<string, WideRespondent>(StringComparer.Ordinal);
        var (rows, header, _) = CsvSource.Open(exported);
        using (rows)
        {
            int Col(string name) => Array.IndexOf(header, name);
            while (rows.Read())
            {
                var key = rows.GetString(Col("respondent_id"));
                if (!result.TryGetValue(key, out var r))
                {
                    var contact = rows.GetString(Col("contact_external_id"));
                    result[key] = r = new WideRespondent(key, segments[rows.GetString(Col("account_external_id"))], roles.GetValueOrDefault(contact, ""), [], []);
                }
                var item = rows.GetString(Col("item_code"));
                var phase = rows.GetString(Col("phase"));
                var value = rows.GetString(Col("value"));
                if (phase.Length == 0)
                {
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        r.Items[item] = number;
                    }
                }
                else if (item is "PH_INVOLVED" or "PH_SAT")
                {
                    var current = r.Phases.GetValueOrDefault(phase, new PhaseAnswer(false, double.NaN));
                    var number = double.Parse(value, CultureInfo.InvariantCulture);
                    r.Phases[phase] = item == "PH_INVOLVED" ? current with { Involved = number == 1 } : current with { Satisfaction = number };
                }
            }
        }
        return result.Values.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    private static double Mean(IEnumerable<double> values)
    {
        var sum = 0.0;
        var n = 0;
        foreach (var v in values)
        {
            sum += v;
            n++;
        }
        return sum / n;
    }

    private static string Cell(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteWide(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine(string.Join(',', header));
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(',', row));
        }
    }

    private static async Task<JsonElement> CliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        Assert.True(exit == 0, $"rapport {string.Join(' ', args)} exited {exit}: {stderr}");
        using var json = JsonDocument.Parse(stdout.ToString());
        return json.RootElement.Clone();
    }
}
