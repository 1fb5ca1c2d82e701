using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Rapport.Core.Identity;
using Rapport.Demo;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Api;

/// <summary>
/// The demo company seeded as of today and scored through the API — the request answered 202 and the run executed by
/// the host's scoring worker — as an administrator with a token sees it.
/// </summary>
public sealed class ScoredDemoFactory : RapportApplicationFactory
{
    private Task? scored;

    public AuthenticatedClient Admin { get; private set; } = null!;

    public JsonElement Run { get; private set; }

    /// <summary>Seeds and scores once per fixture, whichever test asks first.</summary>
    public Task EnsureScoredAsync() => scored ??= SeedAndScoreAsync();

    private async Task SeedAndScoreAsync()
    {
        var seeded = await DemoSeeder.SeedAsync(Database.DataSource, new DemoOptions
        {
            Accounts = 120,
            Seed = 11,
            AsOf = DateOnly.FromDateTime(DateTime.UtcNow),
        });
        Assert.True(seeded.Succeeded, seeded.Message);
        Admin = await CreateAuthenticatedClientAsync(UserRole.Admin);

        var requested = await Admin.Http.PostAsync(new Uri("/api/v1/scoring/runs", UriKind.Relative), null);
        var run = await HttpAssert.JsonAsync(requested, HttpStatusCode.Accepted);
        var location = requested.Headers.Location!;
        Assert.Equal($"/api/v1/scoring/runs/{run.GetProperty("id").GetInt64()}", location.OriginalString);
        for (var i = 0; i < 600 && run.GetProperty("status").GetString() is "queued" or "running"; i++)
        {
            await Task.Delay(200);
            run = await HttpAssert.JsonAsync(await Admin.Http.GetAsync(location));
        }
        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.ToString());
        Run = run;
    }
}

public sealed class RetentionApiTests(ScoredDemoFactory app) : IClassFixture<ScoredDemoFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => app.EnsureScoredAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private HttpClient Admin => app.Admin.Http;

    private async Task<long> AccountIdAsync(string externalId)
    {
        var list = await HttpAssert.JsonAsync(await Admin.GetAsync(Url($"/api/v1/accounts?search={externalId}")));
        return list.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("externalId").GetString() == externalId).GetProperty("id").GetInt64();
    }

    [Theory]
    [InlineData("exploration")]
    [InlineData("maturity")]
    [InlineData("endangerment")]
    [InlineData("termination")]
    public async Task AccountList_FilteredByLifecyclePhase_ShowsScoredDemoAccountsInThePhase(string phase)
    {
        var list = await HttpAssert.JsonAsync(await Admin.GetAsync(Url($"/api/v1/accounts?lifecyclePhase={phase}&pageSize=500")));

        Assert.True(list.GetProperty("totalCount").GetInt32() >= 1, $"No demo account in {phase}");
        Assert.All(list.GetProperty("items").EnumerateArray(), a => Assert.Equal(phase, a.GetProperty("lifecyclePhase").GetString()));
    }

    [Fact]
    public async Task Health_DecliningKeyAccount_EndangeredWithPAliveClvAndExplainedSignals()
    {
        var id = await AccountIdAsync(DemoStories.DecliningKeyAccountId);

        var health = await HttpAssert.JsonAsync(await Admin.GetAsync(Url($"/api/v1/accounts/{id}/health")));

        Assert.Equal("endangerment", health.GetProperty("lifecyclePhase").GetString());
        Assert.True(DateOnly.TryParse(health.GetProperty("lifecyclePhaseSince").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.InRange(health.GetProperty("pAlive").GetDouble(), 0, 1);
        Assert.True(health.GetProperty("expectedTransactions12m").GetDouble() >= 0);
        Assert.True(health.GetProperty("clv").GetDecimal() > 0);
        Assert.InRange(health.GetProperty("loyaltyIndex").GetDouble(), 0, 100);
        var signals = health.GetProperty("signals").EnumerateArray().ToList();
        Assert.Contains(signals, s => s.GetProperty("type").GetString() == "revenue_falling");
        Assert.Contains(signals, s => s.GetProperty("type").GetString() == "key_contact_left" && s.GetProperty("severity").GetString() == "high");
        Assert.All(signals, s =>
        {
            Assert.Contains(s.GetProperty("severity").GetString(), new[] { "low", "medium", "high" });
            Assert.True(s.GetProperty("explanation").GetString()!.Length > 30);
            Assert.True(DateOnly.TryParse(s.GetProperty("raisedOn").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.Equal(JsonValueKind.Array, s.GetProperty("evidence").ValueKind);
        });
    }

    [Fact]
    public async Task Health_AccountOfAnotherAccountManager_Returns404()
    {
        var manager = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);
        var id = await AccountIdAsync(DemoStories.DecliningKeyAccountId);

        var response = await manager.Http.GetAsync(Url($"/api/v1/accounts/{id}/health"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SignalsAndTimeline_DecliningKeyAccount_PagedWithEveryKind()
    {
        var id = await AccountIdAsync(DemoStories.DecliningKeyAccountId);

        var signals = await HttpAssert.JsonAsync(await Admin.GetAsync(Url($"/api/v1/accounts/{id}/signals?status=all&pageSize=2")));
        var timeline = await HttpAssert.JsonAsync(await Admin.GetAsync(Url($"/api/v1/accounts/{id}/timeline?pageSize=500")));
        var onlySignals = await HttpAssert.JsonAsync(await Admin.GetAsync(Url($"/api/v1/accounts/{id}/timeline?kinds=signal,phase_change")));

        Assert.Equal(2, signals.GetProperty("items").GetArrayLength());
        Assert.True(signals.GetProperty("totalCount").GetInt32() > 2);
        var kinds = timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "order", "interaction", "phase_change", "signal", "task", "survey_response" }, kinds);
        var times = timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.All(onlySignals.GetProperty("items").EnumerateArray(), e => Assert.Contains(e.GetProperty("kind").GetString(), new[] { "signal", "phase_change" }));
        await HttpAssert.FieldErrorAsync(await Admin.GetAsync(Url($"/api/v1/accounts/{id}/timeline?kinds=gossip")), "kinds");
    }

    [Fact]
    public async Task Tasks_OwnerListsAndCompletesTheirTask_OthersCannotSeeIt()
    {
        var ownerId = await app.ScalarAsync<long>("SELECT owner_user_id FROM accounts WHERE external_id = $1", DemoStories.DecliningKeyAccountId);
        var email = await app.ScalarAsync<string>("SELECT email FROM users WHERE id = $1", ownerId);
        var owner = await app.CreateAuthenticatedClientAsync(new TestUser(ownerId, email!, UserRole.AccountManager, ""));
        var stranger = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);

        var mine = await HttpAssert.JsonAsync(await owner.Http.GetAsync(Url("/api/v1/tasks?mine=true&status=open,in_progress")));
        var task = mine.GetProperty("items").EnumerateArray().First();
        var taskId = task.GetProperty("id").GetInt64();
        var done = await HttpAssert.JsonAsync(await owner.Http.PatchAsJsonAsync(Url($"/api/v1/tasks/{taskId}"), new { status = "done" }));
        var foreign = await stranger.Http.PatchAsJsonAsync(Url($"/api/v1/tasks/{taskId}"), new { status = "open" });
        var invalid = await owner.Http.PatchAsJsonAsync(Url($"/api/v1/tasks/{taskId}"), new { status = "finished" });

        Assert.True(mine.GetProperty("totalCount").GetInt32() > 0);
        Assert.All(mine.GetProperty("items").EnumerateArray(), t => Assert.Equal(email, t.GetProperty("ownerEmail").GetString()));
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, done.GetProperty("completedAt").ValueKind);
        await HttpAssert.ProblemAsync(foreign, HttpStatusCode.NotFound);
        await HttpAssert.FieldErrorAsync(invalid, "status");
    }

    [Fact]
    public async Task Risks_DefaultAndPAliveSort_OrderedAndPaged()
    {
        var byRisk = await HttpAssert.JsonAsync(await Admin.GetAsync(Url("/api/v1/retention/risks?pageSize=50")));
        var byPAlive = await HttpAssert.JsonAsync(await Admin.GetAsync(Url("/api/v1/retention/risks?sort=pAlive&phase=endangerment")));

        var risks = byRisk.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("clvAtRisk").GetDecimal()).ToList();
        Assert.Equal(50, risks.Count);
        Assert.Equal(risks.OrderDescending(), risks);
        var first = byRisk.GetProperty("items")[0];
        Assert.Equal(first.GetProperty("clv").GetDecimal() * (decimal)first.GetProperty("riskShare").GetDouble(), first.GetProperty("clvAtRisk").GetDecimal(), 0);
        Assert.True(first.GetProperty("riskShare").GetDouble() >= 1 - first.GetProperty("pAlive").GetDouble());
        var pAlive = byPAlive.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("pAlive").GetDouble()).ToList();
        Assert.Equal(pAlive.Order(), pAlive);
        Assert.All(byPAlive.GetProperty("items").EnumerateArray(), r => Assert.Equal("endangerment", r.GetProperty("lifecyclePhase").GetString()));
        await HttpAssert.FieldErrorAsync(await Admin.GetAsync(Url("/api/v1/retention/risks?sort=luck")), "sort");
    }

    [Fact]
    public async Task Portfolio_DemoCompany_EveryPhaseWithCountsAndFlowsOfTheLastYear()
    {
        var portfolio = await HttpAssert.JsonAsync(await Admin.GetAsync(Url("/api/v1/retention/portfolio")));

        var phases = portfolio.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(7, phases.Count);
        Assert.Equal(120, phases.Sum(p => p.GetProperty("accounts").GetInt32()));
        Assert.Equal(120, portfolio.GetProperty("totalAccounts").GetInt32());
        Assert.NotEmpty(portfolio.GetProperty("flows").EnumerateArray());
        Assert.All(portfolio.GetProperty("flows").EnumerateArray(), f => Assert.NotEqual(f.GetProperty("from").GetString(), f.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task ScoringRuns_NotAdminOrBadInput_ForbiddenOrFieldError()
    {
        var analyst = await app.CreateAuthenticatedClientAsync(UserRole.Analyst);

        await HttpAssert.ProblemAsync(await analyst.Http.PostAsync(Url("/api/v1/scoring/runs"), null), HttpStatusCode.Forbidden);
        await HttpAssert.FieldErrorAsync(await Admin.PostAsync(Url("/api/v1/scoring/runs"),
            new StringContent("{\"asOf\": \"30.06.2025\"}", Encoding.UTF8, "application/json")), "asOf");
        await HttpAssert.ProblemAsync(await Admin.GetAsync(Url("/api/v1/scoring/runs/999999")), HttpStatusCode.NotFound);
        var runs = await HttpAssert.JsonAsync(await Admin.GetAsync(Url("/api/v1/scoring/runs")));
        Assert.Equal("api", runs.GetProperty("items")[0].GetProperty("trigger").GetString());
        Assert.Equal(4, app.Run.GetProperty("model").GetProperty("bgNbd").EnumerateObject().Count());
    }
}

public sealed class PlaybooksApiTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Playbooks_AdminDisablesAndRewritesSteps_ListShowsItAndOthersMayNot()
    {
        var admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        var manager = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);

        var list = await HttpAssert.JsonAsync(await manager.Http.GetAsync(Url("/api/v1/playbooks")));
        var updated = await HttpAssert.JsonAsync(await admin.Http.PutAsJsonAsync(Url("/api/v1/playbooks/onboarding"), new
        {
            enabled = false,
            steps = new[] { new { titleEn = "Welcome call", titleDe = "Begrüßungsanruf", dueDays = 3 } },
        }));
        var forbidden = await manager.Http.PutAsJsonAsync(Url("/api/v1/playbooks/onboarding"), new { enabled = true });
        var invalid = await admin.Http.PutAsJsonAsync(Url("/api/v1/playbooks/onboarding"), new { steps = new[] { new { titleEn = "x", titleDe = "", dueDays = 400 } } });
        var unknown = await admin.Http.PutAsJsonAsync(Url("/api/v1/playbooks/nothing"), new { enabled = true });

        Assert.Equal(["key_contact_change", "onboarding", "renewal", "win_back"], list.EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal("phase:termination", list.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "win_back").GetProperty("trigger").GetString());
        Assert.False(updated.GetProperty("enabled").GetBoolean());
        Assert.Equal(1, updated.GetProperty("steps").GetArrayLength());
        Assert.Equal(3, updated.GetProperty("steps")[0].GetProperty("dueDays").GetInt32());
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM playbook_steps WHERE playbook_code = 'onboarding'"));
        await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden);
        await HttpAssert.FieldErrorAsync(invalid, "steps[0].dueDays");
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
    }
}
