using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Surveys;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Surveys;

/// <summary>The survey pages and their form posts over HTTP with a cookie login (static SSR, plain POST forms).</summary>
public sealed class SurveyPagesTests(SurveyMailFactory app) : IClassFixture<SurveyMailFactory>
{
    private sealed record Session(TestUser User, string AuthCookie);

    private async Task<Session> SignInAsync(UserRole role)
    {
        var user = await app.CreateUserAsync(role);
        var (_, cookie) = await app.LoginAsync(user.Email, user.Password);
        return new Session(user, cookie ?? throw new InvalidOperationException("no auth cookie"));
    }

    private async Task<HttpResponseMessage> GetAsync(Session session, string path)
    {
        using var browser = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", session.AuthCookie);
        var response = await browser.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<HttpResponseMessage> PostAsync(Session session, string path, params (string Key, string Value)[] fields)
    {
        using var browser = app.CreateBrowser();
        var (form, antiforgery) = LoginForms.Form(app, session.User.Id, fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = form };
        request.Headers.Add("Cookie", $"{session.AuthCookie}; {antiforgery}");
        var response = await browser.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static string Location(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"Expected a redirect, got {(int)response.StatusCode}");
        return response.Headers.Location!.OriginalString;
    }

    private async Task<T> QueryAsync<T>(Func<RapportDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RapportDbContext>());
    }

    private static string Today(int days = 0) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task FormFlow_Analyst_DesignsInvitesMailsAndExportsLinks()
    {
        var analyst = await SignInAsync(UserRole.Analyst);
        var (accountId, contacts) = await app.AccountWithContactsAsync(null,
            (true, true, BuyingRole.Decider), (true, true, BuyingRole.Buyer), (true, false, BuyingRole.User), (false, true, BuyingRole.User));
        var name = "Forms " + Guid.NewGuid().ToString("N")[..8];

        var created = Location(await PostAsync(analyst, "/surveys/new", ("name", name), ("minGroupSize", "3"), ("anonymous", "on")));
        var surveyId = await QueryAsync(db => db.Surveys.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());
        Assert.Equal($"/surveys/{surveyId}?done=created", created);
        var settings = await QueryAsync(db => db.Surveys.Where(s => s.Id == surveyId).Select(s => new { s.Anonymous, s.MinGroupSize }).SingleAsync());
        Assert.Equal((true, 3), (settings.Anonymous, settings.MinGroupSize));

        Assert.Equal($"/surveys/{surveyId}?done=item-added&code=CUSTOM_PARTS#questionnaire",
            Location(await PostAsync(analyst, $"/surveys/{surveyId}/items", ("code", "custom_parts"), ("scale", "s5"), ("level", "global"),
                ("textEn", "How satisfied are you with spare parts?"), ("textDe", "Wie zufrieden sind Sie mit Ersatzteilen?"))));
        Assert.Equal($"/surveys/{surveyId}?error=code-taken#add-item",
            Location(await PostAsync(analyst, $"/surveys/{surveyId}/items", ("code", "CUSTOM_PARTS"), ("scale", "s5"), ("textEn", "a"), ("textDe", "b"))));
        Assert.Equal($"/surveys/{surveyId}?done=moved&code=CUSTOM_PARTS#item-CUSTOM_PARTS",
            Location(await PostAsync(analyst, $"/surveys/{surveyId}/items/move", ("code", "CUSTOM_PARTS"), ("direction", "up"))));
        var order = await QueryAsync(db => db.SurveyItems.Where(i => i.SurveyId == surveyId).OrderBy(i => i.SortOrder).Select(i => i.Code).ToListAsync());
        Assert.Equal("CUSTOM_PARTS", order[^2]);

        Location(await PostAsync(analyst, $"/surveys/{surveyId}/scope", ("phase", "offer"), ("phase", "delivery"), ("touchpoint", "sales"), ("touchpoint", "logistics")));
        var design = await QueryAsync(db => SurveyDefinition.LoadAsync(db, surveyId));
        Assert.Equal(["offer", "delivery"], design!.Phases.Select(p => p.Code));
        Assert.Equal(["sales", "logistics"], design.Touchpoints.Select(t => t.Code));
        Assert.Equal($"/surveys/{surveyId}?error=no-touchpoint#scope", Location(await PostAsync(analyst, $"/surveys/{surveyId}/scope", ("phase", "offer"))));

        var competitor = "Wettbewerb " + Guid.NewGuid().ToString("N")[..6];
        await app.ExecuteAsync("INSERT INTO competitors (name) VALUES ($1)", competitor);
        Assert.Equal($"/surveys/{surveyId}?done=competitors#competitors",
            Location(await PostAsync(analyst, $"/surveys/{surveyId}/competitors", ("cmp|delivery", competitor))));
        design = await QueryAsync(db => SurveyDefinition.LoadAsync(db, surveyId));
        Assert.Equal([competitor], design!.Phase("delivery")!.Competitors);
        Assert.Empty(design.Phase("offer")!.Competitors);

        Assert.Equal($"/surveys/{surveyId}?done=settings#settings",
            Location(await PostAsync(analyst, $"/surveys/{surveyId}/settings", ("name", name + " (renamed)"), ("minGroupSize", "4"))));
        Assert.Equal($"/surveys/{surveyId}?error=min-group-size#settings",
            Location(await PostAsync(analyst, $"/surveys/{surveyId}/settings", ("name", name), ("minGroupSize", "0"))));
        settings = await QueryAsync(db => db.Surveys.Where(s => s.Id == surveyId).Select(s => new { s.Anonymous, s.MinGroupSize }).SingleAsync());
        Assert.Equal((false, 4), (settings.Anonymous, settings.MinGroupSize));

        var page = await (await GetAsync(analyst, $"/surveys/{surveyId}?done=item-added&code=CUSTOM_PARTS")).Content.ReadAsStringAsync();
        Assert.Contains("Item CUSTOM_PARTS added", page, StringComparison.Ordinal);
        Assert.Contains("How satisfied are you with spare parts?", page, StringComparison.Ordinal);

        Assert.Equal($"/surveys/{surveyId}?error=closes-before-opens#new-wave",
            Location(await PostAsync(analyst, $"/surveys/{surveyId}/waves", ("name", "Bad"), ("opensOn", Today(5)), ("closesOn", Today()))));
        var waveLocation = Location(await PostAsync(analyst, $"/surveys/{surveyId}/waves", ("name", "Now"), ("opensOn", Today(-1)), ("closesOn", Today(20))));
        var waveId = await QueryAsync(db => db.Waves.Where(w => w.SurveyId == surveyId).Select(w => w.Id).SingleAsync());
        Assert.Equal($"/surveys/waves/{waveId}?done=wave-created", waveLocation);

        Assert.Equal($"/surveys/waves/{waveId}?done=invited&created=2&noConsent=1&inactive=1&already=0&q=Survey#invite",
            Location(await PostAsync(analyst, $"/surveys/waves/{waveId}/invitations", ("mode", "selected"), ("accountId", accountId.ToString(CultureInfo.InvariantCulture)), ("q", "Survey"))));
        Assert.Equal($"/surveys/waves/{waveId}?error=no-accounts&q=x#invite",
            Location(await PostAsync(analyst, $"/surveys/waves/{waveId}/invitations", ("mode", "selected"), ("q", "x"))));

        var before = app.Sink.Messages.Count;
        Assert.Equal($"/surveys/waves/{waveId}?done=mailed&kind=invitations&sent=2&noEmail=0&noConsent=0&inactive=0&failed=0#mail",
            Location(await PostAsync(analyst, $"/surveys/waves/{waveId}/mail", ("kind", "invitations"))));
        Assert.Equal(2, app.Sink.Messages.Count - before);
        Assert.StartsWith($"/surveys/waves/{waveId}?done=mailed&kind=reminders&sent=0",
            Location(await PostAsync(analyst, $"/surveys/waves/{waveId}/mail", ("kind", "reminders"))), StringComparison.Ordinal);

        var wavePage = await (await GetAsync(analyst, $"/surveys/waves/{waveId}?done=invited&created=2&noConsent=1&inactive=1&already=0")).Content.ReadAsStringAsync();
        Assert.Contains("https://rapport.test/s/", wavePage, StringComparison.Ordinal);
        Assert.Contains("Skipped: no survey consent", wavePage, StringComparison.Ordinal);

        var csv = await GetAsync(analyst, $"/surveys/waves/{waveId}/links.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("invitation_id,account_external_id,account_name,contact_external_id,first_name,last_name,email,language,status,link", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains(",sent,https://rapport.test/s/", l, StringComparison.Ordinal));
        Assert.True(await QueryAsync(db => db.AuditLog.AnyAsync(a => a.Action == "export" && a.Entity == "invitations" && a.EntityId == waveId.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal(contacts[..2], await QueryAsync(db => db.Invitations.Where(i => i.WaveId == waveId).OrderBy(i => i.ContactId).Select(i => i.ContactId!.Value).ToArrayAsync()));
    }

    [Fact]
    public async Task Forms_ViewerAndAccountManager_CanReadButPostsAre403()
    {
        var viewer = await SignInAsync(UserRole.Viewer);
        var manager = await SignInAsync(UserRole.AccountManager);
        long surveyId;
        long waveId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDbContext>();
            var designer = new SurveyDesigner(db);
            surveyId = (await designer.CreateSurveyAsync(new CreateSurveyRequest("Read only " + Guid.NewGuid().ToString("N")[..6], null), null)).Value;
            waveId = (await designer.CreateWaveAsync(surveyId, new CreateWaveRequest("W", DateOnly.FromDateTime(DateTime.UtcNow), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(9)))).Value;
        }

        foreach (var session in new[] { viewer, manager })
        {
            var list = await GetAsync(session, "/surveys");
            var design = await GetAsync(session, $"/surveys/{surveyId}");
            var wave = await GetAsync(session, $"/surveys/waves/{waveId}");
            var progress = await GetAsync(session, $"/surveys/waves/{waveId}/progress");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.DoesNotContain("Create from template", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, design.StatusCode);
            var html = await design.Content.ReadAsStringAsync();
            Assert.Contains("only analysts and administrators change it", html, StringComparison.Ordinal);
            Assert.DoesNotContain("/items/move", html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, wave.StatusCode);
            Assert.DoesNotContain("Invite contacts", await wave.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, progress.StatusCode);

            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(session, "/surveys/new", ("name", "Nope"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(session, $"/surveys/{surveyId}/items/move", ("code", "LOY_RECOMMEND"), ("direction", "up"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(session, $"/surveys/waves/{waveId}/mail", ("kind", "invitations"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(session, $"/surveys/waves/{waveId}/links.csv")).StatusCode);
        }
        Assert.Equal(0, await QueryAsync(db => db.Surveys.CountAsync(s => s.Name == "Nope")));
    }

    [Fact]
    public async Task Forms_StaleAntiforgeryOrAnonymous_ChangeNothing()
    {
        var analyst = await SignInAsync(UserRole.Analyst);
        using var browser = app.CreateBrowser();
        using var stale = new HttpRequestMessage(HttpMethod.Post, new Uri("/surveys/new", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("name", "Stale form")]),
        };
        stale.Headers.Add("Cookie", analyst.AuthCookie);
        var staleResponse = await browser.SendAsync(stale);
        using var anonymous = new HttpRequestMessage(HttpMethod.Post, new Uri("/surveys/new", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("name", "Anonymous form")]),
        };
        var anonymousResponse = await browser.SendAsync(anonymous);

        Assert.Equal("/surveys?error=expired", Location(staleResponse));
        Assert.StartsWith("/login", new Uri(new Uri("http://x"), Location(anonymousResponse)).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(db => db.Surveys.CountAsync(s => s.Name == "Stale form" || s.Name == "Anonymous form")));
    }

    [Fact]
    public async Task Pages_UnknownSurveyOrWave_Return404()
    {
        var analyst = await SignInAsync(UserRole.Analyst);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(analyst, "/surveys/987654321")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(analyst, "/surveys/waves/987654321")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(analyst, "/surveys/waves/987654321/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(analyst, "/surveys/987654321/items/move", ("code", "X"), ("direction", "up"))).StatusCode);
    }
}
