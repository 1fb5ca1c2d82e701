using System.Globalization;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Components.Insights;

/// <summary>Short access for the survey analysis markup: <c>@L.LoyaltyIndex</c> (imported with <c>using static</c>).</summary>
internal static class InsightsUi
{
    public static InsightsText L => InsightsText.Current;
}

/// <summary>
/// The strings of the survey analysis pages (issue #5) as a typed table, English and German, in the terms of the
/// glossary (SPEC §2). Kept apart from <see cref="UiText"/> so that the feature's strings do not collide with others'.
/// </summary>
internal abstract class InsightsText
{
    private static readonly InsightsText English = new InsightsTextEnglish();
    private static readonly InsightsText German = new InsightsTextGerman();

    public static InsightsText Current => For(CultureInfo.CurrentUICulture);

    public static InsightsText For(CultureInfo culture) => UiCultures.IsGerman(culture) ? German : English;

    // Charts
    public abstract string DataTable { get; }
    public abstract string Respondents { get; }
    public abstract string NoAnswers { get; }
    public abstract string ShowAccounts { get; }

    /// <summary>"n = 12": the number of respondents behind a figure.</summary>
    public string NRespondents(int n) => "n = " + n.ToString("N0", CultureInfo.CurrentCulture);

    public abstract string FewerThan(int minGroupSize);
}
