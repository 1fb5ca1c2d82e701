using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Testing;

namespace Rapport.Core.Tests.Surveys;

/// <summary>A clock standing still at a given instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Builds surveys, waves, accounts and contacts for survey tests in a <see cref="TestDatabase"/>.</summary>
internal sealed class SurveyScenario(TestDatabase db)
{
    public static readonly DateTimeOffset Today = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    public FixedTime Time { get; } = new(Today);

    public RapportDbContext Context() => new(DataServiceCollectionExtensions.CreateOptions(db.DataSource));

    public async Task<InvitationTokens> TokensAsync()
    {
        await using var ctx = Context();
        return await InvitationTokens.LoadAsync(ctx, null);
    }

    /// <summary>A survey from the standard template with a wave open around <see cref="Today"/>.</summary>
    public async Task<(long SurveyId, long WaveId)> SurveyWithWaveAsync(bool anonymous = false)
    {
        await using var ctx = Context();
        var designer = new SurveyDesigner(ctx);
        var survey = await designer.CreateSurveyAsync(new CreateSurveyRequest("Relationship " + Guid.NewGuid().ToString("N"), SurveyTemplate.RelationshipStandard, anonymous), null);
        var wave = await designer.CreateWaveAsync(survey.Value, new CreateWaveRequest("2026", new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 30)));
        return (survey.Value, wave.Value);
    }

    /// <summary>An account with contacts: (active, consent, language) per entry; returns account and contact ids.</summary>
    public async Task<(long AccountId, long[] ContactIds)> AccountAsync(params (bool Active, bool? Consent, string Language)[] contacts)
    {
        await using var ctx = Context();
        var key = Guid.NewGuid().ToString("N")[..12];
        var account = new Account { ExternalId = "T-" + key, Name = "Test " + key };
        ctx.Accounts.Add(account);
        await ctx.SaveChangesAsync();
        var ids = new List<long>();
        var n = 0;
        foreach (var (active, consent, language) in contacts)
        {
            var contact = new Contact
            {
                AccountId = account.Id, ExternalId = $"C-{key}-{++n}", LastName = "Person " + n, IsActive = active, Language = language,
                Email = $"p{n}.{key}@example.test",
            };
            ctx.Contacts.Add(contact);
            await ctx.SaveChangesAsync();
            if (consent is not null)
            {
                ctx.Consents.Add(new Consent { ContactId = contact.Id, AccountId = account.Id, Purpose = ConsentPurpose.Surveys, Granted = consent.Value, Source = "test" });
                await ctx.SaveChangesAsync();
            }
            ids.Add(contact.Id);
        }
        return (account.Id, ids.ToArray());
    }

    /// <summary>One invited, consenting contact and the token of its link.</summary>
    public async Task<(long WaveId, long InvitationId, string Token)> InvitedRespondentAsync()
    {
        var (_, waveId) = await SurveyWithWaveAsync();
        var (accountId, _) = await AccountAsync((true, true, "de"));
        await using var ctx = Context();
        var tokens = await TokensAsync();
        var invitations = new SurveyInvitations(ctx, tokens, Time);
        await invitations.CreateAsync(waveId, new CreateInvitationsRequest([accountId], null));
        var row = (await invitations.ListAsync(waveId, 1, 10)).Value!.Items.Single();
        return (waveId, row.Id, row.Link!["/s/".Length..]);
    }
}
