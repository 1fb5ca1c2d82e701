using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Testing;

namespace Rapport.Web.Tests.Surveys;

public sealed partial class RespondentLoadTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const int Respondents = 200;

    private static readonly string[] PhaseCodes = ["needs_analysis", "offer", "order", "delivery", "commissioning", "operation"];

    [Fact]
    public async Task Save_200RespondentsAtOnceOnLoopback_NoAnswerLost()
    {
        var invitations = await WebSurveyScenario.InviteAsync(db, Respondents, "de");
        await using var app = KestrelSurveyApp.Start(db.ConnectionString);
        using var start = new SemaphoreSlim(0);

        var tasks = invitations.Select((inv, i) => Task.Run(async () =>
        {
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
            var html = await client.GetStringAsync($"/s/{inv.Token}");
            var antiforgery = AntiforgeryField().Match(html);
            var form = new List<KeyValuePair<string, string>>
            {
                new(antiforgery.Groups[1].Value, WebUtility.HtmlDecode(antiforgery.Groups[2].Value)), new("step", "phases"), new("go", "later"),
            };
            // Respondent i was involved in the phases of the bits of i: every answer is traceable.
            form.AddRange(PhaseCodes.Select((p, b) => new KeyValuePair<string, string>($"a|PH_INVOLVED|{p}|", ((i >> b) & 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
            await start.WaitAsync();
            var response = await client.PostAsync($"/s/{inv.Token}?lang=de", new FormUrlEncodedContent(form));
            return (response.StatusCode, inv.InvitationId, i);
        })).ToList();
        start.Release(Respondents);
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var ctx = new RapportDbContext(DataServiceCollectionExtensions.CreateOptions(db.DataSource));
        var ids = results.Select(r => (long?)r.InvitationId).ToList();
        var stored = await ctx.ResponseAnswers.Where(a => ids.Contains(a.InvitationId) && a.ItemCode == "PH_INVOLVED")
            .Select(a => new { a.InvitationId, a.PhaseId, a.Value }).ToListAsync();
        Assert.Equal(Respondents * PhaseCodes.Length, stored.Count);
        var phaseIds = await ctx.BusinessPhases.ToDictionaryAsync(p => p.Id, p => Array.IndexOf(PhaseCodes, p.Code));
        foreach (var (_, invitationId, i) in results)
        {
            var mine = stored.Where(s => s.InvitationId == invitationId).ToList();
            Assert.All(mine, s => Assert.Equal((i >> phaseIds[s.PhaseId!.Value]) & 1, (int)s.Value!.Value));
        }
        Assert.Equal(Respondents, await ctx.Invitations.CountAsync(x => ids.Contains(x.Id) && x.Status == InvitationStatus.Started));
    }

    // The pages are Razor components: void elements come out as "<input … />".
    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\" ?/?><input type=\"hidden\" name=\"step\"")]
    private static partial Regex AntiforgeryField();
}
