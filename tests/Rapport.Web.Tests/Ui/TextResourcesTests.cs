using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using Microsoft.Extensions.Localization;
using Rapport.Core.Accounts;
using Rapport.Web.Components.Localization;
using Rapport.Web.Features.Complaints;
using Rapport.Web.Features.Insights;
using Rapport.Web.Features.Loyalty;
using Rapport.Web.Features.Plans;
using Rapport.Web.Features.Retention;
using Rapport.Web.Features.Surveys;
using Rapport.Web.Features.Webhooks;

namespace Rapport.Web.Tests.Ui;

/// <summary>The UI's .resx string resources (docs/ui.md, "Texts and languages").</summary>
public sealed class TextResourcesTests
{
    private static readonly Assembly WebAssembly = typeof(SharedTexts).Assembly;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");

    /// <summary>Every marker type with its .resx pair; a new feature table is added here.</summary>
    private static readonly Type[] MarkerTypes =
    [
        typeof(SharedTexts), typeof(EnumLabels), typeof(InsightsTexts), typeof(SurveyTexts), typeof(RetentionTexts),
        typeof(ComplaintsTexts), typeof(PlanTexts), typeof(LoyaltyTexts), typeof(WebhooksTexts), typeof(RespondentTexts),
        typeof(CustomerLinkTexts),
    ];

    public static TheoryData<Type> Markers() => new(MarkerTypes);

    [Theory]
    [MemberData(nameof(Markers))]
    public void Resources_EveryKey_ExistsInEnglishAndGermanWithAValue(Type marker)
    {
        var english = Read(marker, CultureInfo.InvariantCulture);
        var german = Read(marker, German);

        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(german.Keys, StringComparer.Ordinal));
        Assert.Empty(german.Keys.Except(english.Keys, StringComparer.Ordinal));
        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
        Assert.Empty(german.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
    }

    [Fact]
    public void Resources_AllEmbedded_HaveAMarkerType()
    {
        var embedded = WebAssembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".resources", StringComparison.Ordinal))
            .Select(n => n[..^".resources".Length]);

        Assert.Equal(
            MarkerTypes.Select(m => m.FullName!).Order(StringComparer.Ordinal),
            embedded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Localizer_GermanUiCulture_ReadsTheFeatureResource()
    {
        using var provider = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        var insights = provider.GetRequiredService<IStringLocalizer<InsightsTexts>>();
        var labels = provider.GetRequiredService<IStringLocalizer<EnumLabels>>();
        var (previousCulture, previousUiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            // Request localization sets both: the UI culture picks the text, the culture formats its numbers.
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (German, German);
            Assert.Equal("Kundentreue", insights["LoyaltyTitle"].Value);
            Assert.False(insights["LoyaltyTitle"].ResourceNotFound);
            Assert.Equal("Welle 2 von „Studie“ · 1.234 Befragte", insights["WaveSummary", "Studie", "2", 1234].Value);
            Assert.Equal("Einkäufer", labels.Label(BuyingRole.Buyer));

            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (English, English);
            Assert.Equal("Loyalty", insights["LoyaltyTitle"].Value);
            Assert.True(insights["NoSuchKey"].ResourceNotFound);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previousCulture, previousUiCulture);
        }
    }

    private static Dictionary<string, string?> Read(Type marker, CultureInfo culture)
    {
        var manager = new ResourceManager(marker.FullName!, WebAssembly);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no {culture.Name} resources for {marker.Name}");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal);
    }
}
