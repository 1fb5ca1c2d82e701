using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Testing;

namespace Rapport.Web.Tests.Surveys;

public sealed partial class RespondentPagesTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private RapportDbContext Context() => new(DataServiceCollectionExtensions.CreateOptions(db.DataSource));

    /// <summary>A survey with a wave open today and one invited contact; returns the link's token.</summary>
    private async Task<(string Token, long InvitationId)> InviteAsync(string language = "de")
    {
        await using var ctx = Context();
        var designer = new SurveyDesigner(ctx);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var survey = (await designer.CreateSurveyAsync(new CreateSurveyRequest("Web " + Guid.NewGuid().ToString("N"), SurveyTemplate.RelationshipStandard), null)).Value;
        var wave = (await designer.CreateWaveAsync(survey, new CreateWaveRequest("w", today.AddDays(-1), today.AddDays(30)))).Value;
        var key = Guid.NewGuid().ToString("N")[..10];
        var account = new Account { ExternalId = "W-" + key, Name = "Web " + key };
        ctx.Accounts.Add(account);
        await ctx.SaveChangesAsync();
        var contact = new Contact { AccountId = account.Id, ExternalId = "WC-" + key, LastName = "Muster", Language = language };
        ctx.Contacts.Add(contact);
        await ctx.SaveChangesAsync();
        ctx.Consents.Add(new Consent { ContactId = contact.Id, AccountId = account.Id, Purpose = ConsentPurpose.Surveys, Granted = true, Source = "test" });
        await ctx.SaveChangesAsync();
        var invitations = new SurveyInvitations(ctx, await InvitationTokens.LoadAsync(ctx, null), TimeProvider.System);
        await invitations.CreateAsync(wave, new CreateInvitationsRequest(null, [contact.Id]));
        var row = (await invitations.ListAsync(wave, 1, 10)).Value!.Items.Single();
        return (row.Link![3..], row.Id);
    }

    [Fact]
    public async Task Get_KnownToken_ShowsPhasesInContactLanguageAndSwitches()
    {
        var (token, _) = await InviteAsync("de");
        await using var app = new SurveyWebFactory(db.ConnectionString);
        using var client = app.CreateClient();

        var german = await client.GetAsync($"/s/{token}");
        var english = await client.GetStringAsync($"/s/{token}?lang=en");

        Assert.Equal(HttpStatusCode.OK, german.StatusCode);
        var html = await german.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"de\"", html);
        Assert.Contains("Bedarfsanalyse", html);
        Assert.Contains("Betrieb &amp; Wartung", html);
        Assert.Contains("Needs analysis", english);
        Assert.Contains("name=\"viewport\"", english);
    }

    [Fact]
    public async Task Get_GermanBrowser_PageStaysInContactLanguageWithPublicStylesheet()
    {
        var (token, _) = await InviteAsync("en");
        await using var app = new SurveyWebFactory(db.ConnectionString);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        var html = await client.GetStringAsync($"/s/{token}");
        var css = await client.GetAsync("/public.css");

        Assert.Contains("lang=\"en\"", html);
        Assert.Contains("Your involvement", html);
        Assert.DoesNotContain("Ihre Beteiligung", html);
        Assert.Contains("href=\"/public.css\"", html);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownToken_Is404()
    {
        await using var app = new SurveyWebFactory(db.ConnectionString);
        using var client = app.CreateClient();

        var response = await client.GetAsync("/s/" + new string('A', 43));
        var junk = await client.GetAsync("/s/not-a-token");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, junk.StatusCode);
        Assert.DoesNotContain("Bedarfsanalyse", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_GuessedTokens_AreRateLimitedAndThenEvenValidTokensGet429()
    {
        var (token, _) = await InviteAsync();
        await using var app = new SurveyWebFactory(db.ConnectionString, failedLookups: 3);
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync($"/s/{Guid.NewGuid():N}{Guid.NewGuid():N}"[..43])).StatusCode);
        }
        var valid = await client.GetAsync($"/s/{token}");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, valid.StatusCode);
    }

    [Fact]
    public async Task Post_WholeFlow_SavesSkipsAndSubmitsThenShowsOnlyThankYou()
    {
        var (token, invitationId) = await InviteAsync("en");
        await using var app = new SurveyWebFactory(db.ConnectionString);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        async Task<(HttpResponseMessage Response, string Html)> PostAsync(string html, params (string Name, string Value)[] fields)
        {
            var antiforgery = AntiforgeryField().Match(html);
            var step = StepField().Match(html).Groups[1].Value;
            var form = new List<KeyValuePair<string, string>> { new(antiforgery.Groups[1].Value, WebUtility.HtmlDecode(antiforgery.Groups[2].Value)), new("step", step), new("go", "next") };
            form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
            var response = await client.PostAsync($"/s/{token}?lang=en", new FormUrlEncodedContent(form));
            var location = response.Headers.Location?.ToString();
            return (response, location is null ? await response.Content.ReadAsStringAsync() : await client.GetStringAsync(location));
        }

        var page = await client.GetStringAsync($"/s/{token}");
        // Involved only in commissioning.
        var (r1, contacts) = await PostAsync(page, ("a|PH_INVOLVED|commissioning|", "1"), ("a|PH_INVOLVED|offer|", "0"));
        Assert.Equal(HttpStatusCode.Redirect, r1.StatusCode);
        Assert.Contains("Commissioning", contacts);
        Assert.DoesNotContain("Offer &amp; negotiation", contacts);
        // Contact with field service only; a satisfaction smuggled in for sales (no contact) is not taken.
        var (_, ratings) = await PostAsync(contacts, ("a|TP_CONTACT|commissioning|field_service", "1"), ("a|TP_SAT|commissioning|sales", "5"));
        Assert.Contains("Field service", ratings);
        var (_, phase) = await PostAsync(ratings, ("a|TP_SAT|commissioning|field_service", "5"), ("a|TP_MAIN|commissioning|field_service", "1"));
        var (bad, again) = await PostAsync(phase, ("a|PH_SAT|commissioning|", "9"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("role=\"alert\"", again);
        var (_, loyalty) = await PostAsync(again, ("a|PH_SAT|commissioning|", "4"));
        var (_, open) = await PostAsync(loyalty, ("a|LOY_RECOMMEND||", "9"), ("a|MOT_LCK_2||", "5"));
        var (_, thanks) = await PostAsync(open, ("a|OPEN_IMPROVE||", "Keep the field service engineer."));

        Assert.Contains("Thank you!", thanks);
        var completed = await client.GetStringAsync($"/s/{token}");
        Assert.Contains("Already submitted", completed);
        Assert.DoesNotContain("Keep the field service engineer", completed);
        await using var ctx = Context();
        var answers = await ctx.ResponseAnswers.Where(a => a.InvitationId == invitationId).ToListAsync();
        Assert.All(answers, a => Assert.NotNull(a.SubmittedAt));
        Assert.DoesNotContain(answers, a => a.ItemCode == "TP_SAT" && a.Value == 5 && a.TouchpointId != answers.Single(x => x.ItemCode == "TP_MAIN").TouchpointId);
        Assert.Equal(4m, answers.Single(a => a.ItemCode == "PH_SAT").Value);
        Assert.Equal(InvitationStatus.Completed, (await ctx.Invitations.SingleAsync(i => i.Id == invitationId)).Status);
    }

    // The pages are Razor components: void elements come out as "<input … />".
    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\" ?/?><input type=\"hidden\" name=\"step\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"step\" value=\"([a-z]+)\"")]
    private static partial Regex StepField();
}
