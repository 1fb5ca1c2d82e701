using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;
using Rapport.Core.Accounts;
using Rapport.Core.Identity;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Dashboard;
using Rapport.Web.Features.Identity;
using Rapport.Web.Features.Insights;
using Rapport.Web.Features.Retention;
using Rapport.Web.Features.Surveys;
using Rapport.Testing;

namespace Rapport.Web.Tests.Ui;

/// <summary>The UI's database queries: filters, sorting, paging and the account-manager scope (docs/security.md#roles-and-account-access).</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xUnit disposes the fields in IAsyncLifetime.DisposeAsync.")]
public sealed class AccountQueriesTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private UiSeed seed = null!;
    private Caller admin = null!;
    private Caller manager = null!;
    private long ownedId;
    private long sharedId;
    private long foreignId;

    public async Task InitializeAsync()
    {
        seed = new UiSeed(database.ConnectionString);
        // Each test instance seeds its own rows with a unique prefix: the class shares one database.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var adminUser = await seed.AddUserAsync($"admin-{tag}@test.rapport", "Ada Admin", UserRole.Admin);
        var managerUser = await seed.AddUserAsync($"am-{tag}@test.rapport", "Anna Berger " + tag, UserRole.AccountManager);
        var otherUser = await seed.AddUserAsync($"other-{tag}@test.rapport", "Otto Other " + tag, UserRole.AccountManager);
        admin = Map(adminUser);
        manager = Map(managerUser);

        ownedId = (await seed.AddAccountAsync($"Q{tag}-001", $"Q{tag} Alpha Antriebe", managerUser.Id, Segment.Regular, LifecyclePhase.Maturity, BusinessType.Plant, keyAccount: true)).Id;
        sharedId = (await seed.AddAccountAsync($"Q{tag}-002", $"Q{tag} Beta 100%_Präzision", otherUser.Id, Segment.New, LifecyclePhase.Exploration, BusinessType.Product)).Id;
        foreignId = (await seed.AddAccountAsync($"Q{tag}-003", $"Q{tag} Gamma Logistik", otherUser.Id, Segment.Lost, LifecyclePhase.Termination, BusinessType.System)).Id;
        await seed.AddAccountAsync($"Q{tag}-004", $"Q{tag} Delta Hydraulik", null, Segment.Prospect, null, null);
        await seed.ShareAsync(sharedId, managerUser.Id);
        Tag = tag;
    }

    private string Tag { get; set; } = "";

    public async Task DisposeAsync() => await seed.DisposeAsync();

    [Fact]
    public async Task RunAsync_AccountManager_SeesOwnedAndSharedOnly()
    {
        var page = await new AccountListQuery(seed.Factory).RunAsync(manager, new AccountListFilter { Search = "Q" + Tag });

        Assert.Equal(2, page.TotalCount);
        Assert.Equal([ownedId, sharedId], page.Items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task RunAsync_Admin_SeesAllAccounts()
    {
        var page = await new AccountListQuery(seed.Factory).RunAsync(admin, new AccountListFilter { Search = "q" + Tag.ToUpperInvariant() });

        Assert.Equal(4, page.TotalCount);
    }

    [Fact]
    public async Task RunAsync_SearchWithLikeWildcards_MatchesLiterally()
    {
        var query = new AccountListQuery(seed.Factory);

        var literal = await query.RunAsync(admin, new AccountListFilter { Search = $"{Tag} Beta 100%_präz" });
        var wildcardOnly = await query.RunAsync(admin, new AccountListFilter { Search = $"Q{Tag} %" });

        Assert.Equal(sharedId, Assert.Single(literal.Items).Id);
        Assert.Equal(0, wildcardOnly.TotalCount);
    }

    [Fact]
    public async Task RunAsync_SearchByExternalId_MatchesItsBeginning()
    {
        var query = new AccountListQuery(seed.Factory);

        var prefix = await query.RunAsync(admin, new AccountListFilter { Search = $"q{Tag}-003" });
        var middle = await query.RunAsync(admin, new AccountListFilter { Search = $"{Tag}-003" });

        Assert.Equal(foreignId, Assert.Single(prefix.Items).Id);
        Assert.Equal(0, middle.TotalCount);
    }

    [Fact]
    public async Task RunAsync_Filters_CombineWithAnd()
    {
        var query = new AccountListQuery(seed.Factory);
        var baseFilter = new AccountListFilter { Search = "Q" + Tag };

        var lost = await query.RunAsync(admin, baseFilter with { Segment = Segment.Lost });
        var keyPlant = await query.RunAsync(admin, baseFilter with { KeyAccount = true, BusinessType = BusinessType.Plant, LifecyclePhase = LifecyclePhase.Maturity });
        var unassigned = await query.RunAsync(admin, baseFilter with { Owner = OwnerFilter.Parse(OwnerFilter.UnassignedText) });
        var ownedByManager = await query.RunAsync(admin, baseFilter with { Owner = new OwnerFilter(false, manager.Id) });

        Assert.Equal(foreignId, Assert.Single(lost.Items).Id);
        Assert.Equal(ownedId, Assert.Single(keyPlant.Items).Id);
        Assert.Equal($"Q{Tag} Delta Hydraulik", Assert.Single(unassigned.Items).Name);
        Assert.Equal(ownedId, Assert.Single(ownedByManager.Items).Id);
    }

    [Fact]
    public async Task RunAsync_SortBySegment_UsesDomainOrderNotText()
    {
        var page = await new AccountListQuery(seed.Factory).RunAsync(admin, new AccountListFilter { Search = "Q" + Tag, Sort = AccountSort.Segment });

        Assert.Equal([Segment.Prospect, Segment.New, Segment.Regular, Segment.Lost], page.Items.Select(i => i.Segment));
    }

    [Fact]
    public async Task RunAsync_PagePastTheEnd_ClampsToLastPage()
    {
        var page = await new AccountListQuery(seed.Factory).RunAsync(admin, new AccountListFilter { Search = "Q" + Tag, Page = 99, PageSize = 25, Sort = AccountSort.Name, Descending = true });

        Assert.Equal(1, page.Page);
        Assert.Equal(1, page.FirstRow);
        Assert.Equal(4, page.LastRow);
        Assert.Equal($"Q{Tag} Gamma Logistik", page.Items[0].Name);
    }

    [Fact]
    public async Task OwnersAsync_AccountManager_ListsOwnersOfVisibleAccountsOnly()
    {
        var owners = await new AccountListQuery(seed.Factory).OwnersAsync(manager);

        Assert.Contains(owners, o => o.Id == manager.Id);
        Assert.Contains(owners, o => o.Name == "Otto Other " + Tag);
        Assert.DoesNotContain(owners, o => o.Name.StartsWith("Ada", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DetailRunAsync_ForeignAccountForManager_ReturnsNull()
    {
        var query = new AccountDetailQuery(seed.Factory, TimeProvider.System);

        Assert.Null(await query.RunAsync(manager, foreignId));
        Assert.NotNull(await query.RunAsync(manager, sharedId));
        Assert.NotNull(await query.RunAsync(admin, foreignId));
        Assert.Null(await query.RunAsync(admin, long.MaxValue));
    }

    [Fact]
    public async Task DetailRunAsync_AccountWithHistory_ComputesKeyFiguresInTheDatabase()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var decider = await seed.AddContactAsync(ownedId, "Thomas", "Brandt", BuyingRole.Decider, true, (ConsentPurpose.Surveys, true), (ConsentPurpose.Marketing, false));
        await seed.AddContactAsync(ownedId, "Petra", "Hahn", BuyingRole.Buyer, active: false);
        await seed.AddOrderAsync(ownedId, today.AddDays(-10), 1000m);
        await seed.AddOrderAsync(ownedId, today.AddDays(-200), 500.50m);
        await seed.AddOrderAsync(ownedId, today.AddDays(-500), 2000m);
        await seed.AddOrderAsync(ownedId, today.AddDays(-20), -100m);
        await seed.AddInteractionAsync(ownedId, decider.Id, DateTimeOffset.UtcNow.AddDays(-3), InteractionChannel.Visit, "technical_service", "operation", "Maintenance review");
        await seed.AddContractAsync(ownedId, today.AddYears(-1), today.AddDays(100), 90, autoRenew: true, 48000m);
        await seed.AddContractAsync(ownedId, today.AddYears(-3), today.AddYears(-1), 90, autoRenew: false, 1000m);

        var detail = await new AccountDetailQuery(seed.Factory, TimeProvider.System).RunAsync(manager, ownedId);

        Assert.NotNull(detail);
        Assert.Equal(1400.50m, detail.KeyFigures.RevenueLast12Months);
        Assert.Equal(2000m, detail.KeyFigures.RevenuePrevious12Months);
        Assert.Equal(4, detail.KeyFigures.OrdersTotal);
        Assert.Equal(3, detail.KeyFigures.OrdersLast12Months);
        Assert.Equal(today.AddDays(-10), detail.KeyFigures.LastOrderOn);
        Assert.Equal(1, detail.KeyFigures.RunningContracts);
        Assert.Equal(3400.50m, detail.RevenuePerYear.Sum(y => y.Revenue));
        Assert.Equal(detail.RevenuePerYear.OrderBy(y => y.Year).Select(y => y.Year), detail.RevenuePerYear.Select(y => y.Year));

        // Active members first; the inactive buyer stays visible as such.
        Assert.Equal(["Thomas Brandt", "Petra Hahn"], detail.BuyingCenter.Select(c => c.Name));
        Assert.False(detail.BuyingCenter[1].IsActive);
        Assert.Equal([(ConsentPurpose.Surveys, true), (ConsentPurpose.Marketing, false)], detail.BuyingCenter[0].Consents.Select(c => (c.Purpose, c.Granted)));

        var entry = Assert.Single(detail.Timeline);
        Assert.Equal(("Thomas Brandt", "Technical service", "Technik/Service", "Operation & maintenance"), (entry.ContactName, entry.TouchpointEn, entry.TouchpointDe, entry.PhaseEn));
        Assert.Equal(today.AddDays(10), detail.Contracts.Single(c => c.AutoRenew).NoticeDeadlineOn(today));
    }

    [Fact]
    public async Task DashboardRunAsync_AccountManager_CountsVisibleAccountsOnly()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var query = new DashboardQuery(seed.Factory, cache, TimeProvider.System);

        var figures = await query.RunAsync(manager);

        Assert.Equal(2, figures.Accounts);
        Assert.Equal(1, figures.KeyAccounts);
        Assert.Equal(1, figures.BySegment[Segment.Regular]);
        Assert.Equal(1, figures.BySegment[Segment.New]);
        Assert.False(figures.BySegment.ContainsKey(Segment.Lost));
    }

    private static Caller Map(User u) => new(u.Id, u.Email, u.DisplayName, u.Role, u.PreferredLanguage, u.MustChangePassword);
}
