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
        typeof(ComplaintsTexts), typeof(PlanTexts), typeof(LoyaltyTexts), typeof(WebhooksTexts),
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

    /// <summary>
    /// The resources were generated from the typed tables; until the last table is gone every text of a table must
    /// be in its resource, unchanged, in both languages.
    /// </summary>
    [Fact]
    public void Resources_EveryTableText_IsInTheResourceUnchanged()
    {
        var tables = new (Type Table, Type Marker)[]
        {
            (typeof(UiText), typeof(SharedTexts)), (typeof(InsightsText), typeof(InsightsTexts)),
            (typeof(SurveyText), typeof(SurveyTexts)), (typeof(KpiText), typeof(RetentionTexts)),
            (typeof(RetentionText), typeof(RetentionTexts)), (typeof(ComplaintsText), typeof(ComplaintsTexts)),
            (typeof(PlanText), typeof(PlanTexts)), (typeof(LoyaltyText), typeof(LoyaltyTexts)),
            (typeof(WebhooksText), typeof(WebhooksTexts)),
        };
        var previous = CultureInfo.CurrentUICulture;
        var compared = 0;
        try
        {
            foreach (var (culture, resourceCulture) in new[] { (English, CultureInfo.InvariantCulture), (German, German) })
            {
                CultureInfo.CurrentUICulture = culture;
                foreach (var (table, marker) in tables)
                {
                    var resource = Read(marker, resourceCulture);
                    var current = table.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
                    foreach (var property in table.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string)))
                    {
                        Assert.True(resource.TryGetValue(property.Name, out var text), $"{marker.Name}.{property.Name} missing");
                        Assert.Equal(property.GetValue(current), text);
                        compared++;
                    }
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        Assert.True(compared > 1_500, $"only {compared} texts compared");
    }

    private static Dictionary<string, string?> Read(Type marker, CultureInfo culture)
    {
        var manager = new ResourceManager(marker.FullName!, WebAssembly);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no {culture.Name} resources for {marker.Name}");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal);
    }
}
