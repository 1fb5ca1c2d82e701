using Rapport.Core.Data;
using Rapport.Core.Retention;
using Rapport.Testing;

namespace Rapport.Core.Tests.Retention;

/// <summary>Lead scores, look-alikes and cross-sell on the demo company (150 accounts, as of 2025-06-30).</summary>
public sealed class AcquisitionTests(DemoDatabase db) : IClassFixture<DemoDatabase>
{
    private RapportDbContext Context() => new(DataServiceCollectionExtensions.CreateOptions(db.DataSource));

    [Fact]
    public async Task ScoreAsync_TooFewLostLeads_NoModelAndTheCountsInTheReason()
    {
        // 150 demo accounts hold only a handful of prospects first contacted more than a year ago; the web tests score
        // the leads of the 400-account demo company.
        await using var context = Context();

        var result = await new LeadScoring(context).ScoreAsync(DemoDatabase.AsOf, null);

        Assert.Null(result.Model);
        Assert.Empty(result.Leads);
        Assert.Matches(@"there are \d+ won and [0-4] lost", result.UnavailableReason);
    }

    [Fact]
    public async Task LookAlikesAsync_DemoCompany_RanksAllProspectsBySimilarity()
    {
        await using var context = Context();
        var prospects = context.Accounts.Count(a => a.Segment == Rapport.Core.Accounts.Segment.Prospect);

        var result = await new LeadScoring(context).LookAlikesAsync(DemoDatabase.AsOf, null);

        Assert.Equal(prospects, result.Prospects.Count);
        Assert.True(result.ReferenceCustomers > 0);
        Assert.Equal(result.Prospects.OrderByDescending(p => p.Similarity).Select(p => p.Account.Id), result.Prospects.Select(p => p.Account.Id));
        Assert.All(result.Prospects, p => Assert.True(p.ExpectedValue > 0 && p.MostSimilarCustomer.Id != p.Account.Id));
    }

    [Fact]
    public async Task CrossSell_DemoCompany_SuggestsCategoriesTheAccountDoesNotBuy()
    {
        await using var context = Context();

        var suggestions = await CrossSellSuggestions.FitAsync(context);
        var withSuggestions = context.Accounts.Select(a => a.Id).ToList().Select(id => (id, s: suggestions.For(id))).Where(x => x.s.Count > 0).ToList();

        Assert.NotEmpty(suggestions.Model.Rules);
        Assert.NotEmpty(withSuggestions);
        foreach (var (id, list) in withSuggestions.Take(10))
        {
            var bought = context.OrderLines.Where(l => l.AccountId == id && l.NetAmount >= 0 && l.ProductCategory != null)
                .Select(l => l.ProductCategory!).Distinct().ToHashSet();
            Assert.All(list, s =>
            {
                Assert.DoesNotContain(s.Category, bought);
                Assert.Contains(s.BecauseOf, bought);
                Assert.True(s.Lift > 1);
                Assert.Contains(s.Category, s.Reason, StringComparison.Ordinal);
            });
        }
    }
}
