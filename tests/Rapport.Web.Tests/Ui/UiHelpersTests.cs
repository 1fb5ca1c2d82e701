using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Localization;
using Rapport.Core.Accounts;
using Rapport.Web.Components.Localization;
using Rapport.Web.Components.Shell;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Dashboard;
using Rapport.Web.Features.Identity;
using Rapport.Web.Features.Insights;
using Rapport.Web.Features.Retention;
using Rapport.Web.Features.Surveys;

namespace Rapport.Web.Tests.Ui;

public sealed class UiHelpersTests
{
    [Theory]
    [InlineData("/accounts?q=a", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("accounts", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsLocal_Urls_AcceptsOnlyPathsOnThisSite(string? url, bool expected) => Assert.Equal(expected, LocalUrl.IsLocal(url));

    [Fact]
    public void Escape_LikeWildcards_AreEscaped() =>
        Assert.Equal("100\\%\\_a\\\\b", LikePattern.Escape("100%_a\\b"));

    [Fact]
    public void ForAndParse_AnyFilter_RoundTrip()
    {
        var filters =
            from search in Gen.Elements<string?>(null, "Müller", "a&b=c", "50% off")
            from segment in Gen.Elements<Segment?>([null, .. Enum.GetValues<Segment>().Cast<Segment?>()])
            from phase in Gen.Elements<LifecyclePhase?>([null, .. Enum.GetValues<LifecyclePhase>().Cast<LifecyclePhase?>()])
            from type in Gen.Elements<BusinessType?>([null, .. Enum.GetValues<BusinessType>().Cast<BusinessType?>()])
            from key in Gen.Elements<bool?>(null, true, false)
            from owner in Gen.Elements(OwnerFilter.Anyone, new OwnerFilter(true, null), new OwnerFilter(false, 42))
            from sort in Gen.Elements(Enum.GetValues<AccountSort>())
            from desc in Gen.Elements(true, false)
            from page in Gen.Choose(1, 500)
            from size in Gen.Elements(AccountListFilter.PageSizes.ToArray())
            select new AccountListFilter
            {
                Search = search, Segment = segment, LifecyclePhase = phase, BusinessType = type, KeyAccount = key, Owner = owner,
                Sort = sort, Descending = desc, Page = page, PageSize = size,
            };

        Check.QuickThrowOnFailure(Prop.ForAll(filters.ToArbitrary(), filter =>
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + AccountListUrl.For(filter)).Query);
            string? Q(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
            int? N(string name) => Q(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
            var parsed = AccountListUrl.Parse(Q("q"), Q("segment"), Q("phase"), Q("type"), Q("key"), Q("owner"), Q("sort"), Q("dir"), N("page"), N("size"));
            return parsed == filter;
        }));
    }

    [Fact]
    public void Parse_GarbageValues_FallsBackToDefaults()
    {
        var filter = AccountListUrl.Parse("  ", "vip", "nope", "x", "maybe", "abc", "drop table", "up", -3, 7);

        Assert.Equal(new AccountListFilter(), filter);
    }

    [Theory]
    [InlineData("?q=nord&segment=&phase=", true)]
    [InlineData("?q=", true)]
    [InlineData("?q=nord&segment=new", false)]
    [InlineData("", false)]
    public void HasEmptyParameters_FormSubmissions_AreDetected(string query, bool expected) =>
        Assert.Equal(expected, AccountListUrl.HasEmptyParameters(query));

    [Fact]
    public void SortedBy_CurrentColumn_TogglesDirectionAndResetsPage()
    {
        var filter = new AccountListFilter { Sort = AccountSort.Segment, Page = 4 };

        Assert.Equal("/accounts?sort=segment&dir=desc", AccountListUrl.SortedBy(filter, AccountSort.Segment));
        Assert.Equal("/accounts?sort=country", AccountListUrl.SortedBy(filter with { Descending = true }, AccountSort.Country));
    }

    [Fact]
    public void SharedTexts_GermanUiCulture_FillsEveryTextAndNamesTheLanguage()
    {
        var (texts, _) = Localizers();
        using var _ = UiCulture("de-AT");

        var all = texts.GetAllStrings(includeParentCultures: true).ToList();

        Assert.True(all.Count > 100);
        Assert.DoesNotContain(all, t => string.IsNullOrWhiteSpace(t.Value));
        Assert.Equal("Deutsch", texts["Language"]);
    }

    [Fact]
    public void GermanTexts_DomainTerms_FollowTheGlossary()
    {
        var (de, labels) = Localizers();
        using var _ = UiCulture("de");

        Assert.Equal("Kunden", de["Accounts"]);
        Assert.Equal("Ansprechpartner", de["Contact"]);
        Assert.Equal("Rolle im Buying Center", de["BuyingRole"]);
        Assert.Equal("Geschäftstyp", de["BusinessType"]);
        Assert.Equal("Geschäftsphase", de["BusinessPhase"]);
        Assert.Equal("Kontaktpunkt", de["Touchpoint"]);
        Assert.Equal("Zielgruppe", de["Segment"]);
        Assert.Equal("Phase im Kundenlebenszyklus", de["LifecyclePhase"]);
        Assert.Equal("Stammkunde", labels.Label(Segment.Regular));
        Assert.Equal("Gefährdung", labels.Label(LifecyclePhase.Endangerment));
        Assert.Equal("Anlagengeschäft", labels.Label(BusinessType.Plant));
        Assert.Equal("Entscheider", labels.Label(BuyingRole.Decider));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public void EnumLabels_EveryValue_HasItsOwnLabel(string language)
    {
        var (_, labels) = Localizers();
        using var _ = UiCulture(language);

        AssertDistinct(Enum.GetValues<Segment>().Select(labels.Label));
        AssertDistinct(Enum.GetValues<LifecyclePhase>().Select(labels.Label));
        AssertDistinct(Enum.GetValues<BusinessType>().Select(labels.Label));
        AssertDistinct(Enum.GetValues<BuyingRole>().Select(labels.Label));
        AssertDistinct(Enum.GetValues<InteractionChannel>().Select(labels.Label));
        AssertDistinct(Enum.GetValues<AcquisitionChannel>().Select(labels.Label));
        AssertDistinct(Enum.GetValues<ConsentPurpose>().Select(labels.Label));
        AssertDistinct(Enum.GetValues<Rapport.Core.Identity.UserRole>().Select(labels.Label));

        static void AssertDistinct(IEnumerable<string> labels)
        {
            var list = labels.ToList();
            Assert.DoesNotContain(list, l => l.Contains('.', StringComparison.Ordinal));
            Assert.Equal(list.Count, list.Distinct().Count());
        }
    }

    private static (IStringLocalizer<SharedTexts> Texts, IStringLocalizer<EnumLabels> Labels) Localizers()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return (services.GetRequiredService<IStringLocalizer<SharedTexts>>(), services.GetRequiredService<IStringLocalizer<EnumLabels>>());
    }

    /// <summary>Switches the UI culture for a test and back.</summary>
    private static UiCultureScope UiCulture(string name) => new(CultureInfo.GetCultureInfo(name));

    private sealed class UiCultureScope : IDisposable
    {
        private readonly CultureInfo previous = CultureInfo.CurrentUICulture;

        public UiCultureScope(CultureInfo culture) => CultureInfo.CurrentUICulture = culture;

        public void Dispose() => CultureInfo.CurrentUICulture = previous;
    }

    [Theory]
    [InlineData("de-DE", "de")]
    [InlineData("DE", "de")]
    [InlineData("en-GB", "en")]
    [InlineData("fr", null)]
    [InlineData("", null)]
    public void Normalize_LanguageTags_MapToSupportedLanguage(string tag, string? expected) => Assert.Equal(expected, UiCultures.Normalize(tag));

    [Fact]
    public void Format_MoneyAndDates_FollowTheCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de");
            Assert.Equal("12.345 €", Format.Money(12345m));
            Assert.Equal("1,2 Mio. €", Format.MoneyShort(1_234_567m));
            Assert.Equal("05.01.2026", Format.Date(new DateOnly(2026, 1, 5)));

            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("€12,345", Format.Money(12345m));
            Assert.Equal("€1.2M", Format.MoneyShort(1_234_567m));
            Assert.Equal("-€850", Format.MoneyShort(-850m));
            Assert.Equal("5 Jan 2026", Format.Date(new DateOnly(2026, 1, 5)));
            Assert.Equal("—", Format.Date(null));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Visible_PagesThatDoNotExist_AreNotListed()
    {
        var routes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "/", "/accounts", "/retention/kpis", "/admin/users" };

        var forAnalyst = NavCatalog.Visible(NavCatalog.All, routes, isAdmin: false);
        var forAdmin = NavCatalog.Visible(NavCatalog.All, routes, isAdmin: true);

        Assert.Equal(["/", "/accounts", "/retention/kpis"], forAnalyst.SelectMany(g => g.Items).Select(i => i.Href));
        Assert.Equal(["/", "/accounts", "/retention/kpis", "/admin/users"], forAdmin.SelectMany(g => g.Items).Select(i => i.Href));
        Assert.DoesNotContain(forAdmin, g => g.Items.Count == 0);
    }

    [Fact]
    public void FindRoutes_ThisBuild_HasTheAccountPagesButNoParameterRoutes()
    {
        var routes = NavCatalog.FindRoutes(typeof(NavCatalog).Assembly);

        Assert.Contains("/accounts", routes);
        Assert.Contains("/login", routes);
        Assert.DoesNotContain(routes, r => r.Contains('{', StringComparison.Ordinal));
    }

    [Fact]
    public void StatusOn_Contracts_DistinguishRunningEndedAndTerminated()
    {
        var today = new DateOnly(2026, 6, 1);
        var running = new ContractRow(1, "A", new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31), 90, false, 1000m, null);
        var renewed = running with { EndDate = new DateOnly(2026, 1, 1), AutoRenew = true };
        var ended = running with { EndDate = new DateOnly(2026, 1, 1) };
        var terminated = running with { TerminatedOn = new DateOnly(2026, 3, 1) };

        Assert.Equal(ContractStatus.Running, running.StatusOn(today));
        Assert.Equal(new DateOnly(2026, 10, 2), running.NoticeDeadlineOn(today));
        Assert.Equal(ContractStatus.Running, renewed.StatusOn(today));
        Assert.Null(renewed.NoticeDeadlineOn(today));
        Assert.Equal(ContractStatus.Ended, ended.StatusOn(today));
        Assert.Equal(ContractStatus.Terminated, terminated.StatusOn(today));
        Assert.Null(terminated.NoticeDeadlineOn(today));
    }
}
