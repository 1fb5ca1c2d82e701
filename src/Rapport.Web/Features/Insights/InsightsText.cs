using System.Globalization;
using Rapport.Analytics.Survey;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Insights;

/// <summary>Short access for the survey analysis markup: <c>@L.LoyaltyIndex</c> (imported with <c>using static</c>).</summary>
internal static class InsightsUi
{
    public static InsightsText L => InsightsText.Current;
}

/// <summary>
/// The strings of the survey analysis pages (issue #5) as a typed table, English and German, in the terms of the
/// glossary (docs/domain.md#glossary). Kept apart from <see cref="UiText"/> so that the feature's strings do not collide with others'.
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

    // Views and shell
    public abstract string AnalysisViews { get; }
    public abstract string LoyaltyTitle { get; }
    public abstract string LoyaltyIntro { get; }
    public abstract string PhasesTitle { get; }
    public abstract string PhasesIntro { get; }
    public abstract string DriversTitle { get; }
    public abstract string DriversIntro { get; }
    public abstract string CompetitorsTitle { get; }
    public abstract string CompetitorsIntro { get; }
    public abstract string DrillDownTitle { get; }
    public abstract string DrillDownIntro { get; }
    public abstract string ReportTitle { get; }
    public abstract string ReportIntro { get; }

    // Filters
    public abstract string Wave { get; }
    public abstract string CompareBy { get; }
    public abstract string NoGroups { get; }
    public abstract string OtherAccounts { get; }
    public abstract string NotSpecified { get; }
    public abstract string FiltersIgnored { get; }

    public abstract string WaveOption(string survey, string wave, int respondents);

    public abstract string WaveSummary(string survey, string wave, int respondents);

    public abstract string AnonymousNote(int minGroupSize);

    public abstract string NamedNote { get; }

    // Export
    public abstract string Export { get; }
    public abstract string ExportCsv { get; }
    public abstract string ExportXlsx { get; }
    public abstract string PrintableReport { get; }

    // Empty states
    public abstract string NoWavesTitle { get; }
    public abstract string NoWavesText { get; }
    public abstract string GoToSurveys { get; }
    public abstract string NoRespondentsTitle { get; }
    public abstract string NoRespondentsText { get; }
    public abstract string NotFoundTitle { get; }

    // Loyalty
    public abstract string LoyaltyIndex { get; }
    public abstract string Attachment { get; }
    public abstract string Calculative { get; }
    public abstract string LockIn { get; }
    public abstract string Captive { get; }
    public abstract string CaptiveHint { get; }
    public abstract string CaptiveAccountsLabel { get; }

    public abstract string CaptiveAccounts(int captive, int accounts);

    public abstract string FirstChoiceRate { get; }
    public abstract string RecommendationRate { get; }
    public abstract string Nps { get; }
    public abstract string NpsInterval { get; }

    public abstract string IntervalMethod(string method);

    public abstract string Promoters { get; }
    public abstract string Passives { get; }
    public abstract string Detractors { get; }

    public abstract string NpsCategoryName(NpsCategory category);

    public abstract string RelationshipQuality { get; }
    public abstract string Satisfaction { get; }
    public abstract string Trust { get; }
    public abstract string Commitment { get; }
    public abstract string Overall { get; }
    public abstract string Group { get; }
    public abstract string MakeUpTitle { get; }

    public abstract string MakeUpDescription(string groupedBy);

    public abstract string MakeUpCaption { get; }
    public abstract string NpsTitle { get; }
    public abstract string FiguresTitle { get; }
    public abstract string QualityTitle { get; }
    public abstract string TrendsTitle { get; }
    public abstract string TrendsDescription { get; }
    public abstract string NpsTrendTitle { get; }
    public abstract string OneWaveOnly { get; }

    // Phases
    public abstract string HeatMapTitle { get; }
    public abstract string HeatMapDescription { get; }
    public abstract string HeatMapCaption { get; }
    public abstract string Performance { get; }
    public abstract string Involvement { get; }
    public abstract string Impact { get; }
    public abstract string PhaseSatisfactionTitle { get; }
    public abstract string LongitudinalTitle { get; }
    public abstract string LongitudinalDescription { get; }
    public abstract string LongitudinalCaption { get; }
    public abstract string MainContactTitle { get; }
    public abstract string MainContactIntro { get; }
    public abstract string WithContact { get; }
    public abstract string AsMainContact { get; }
    public abstract string MainContactImpact { get; }
    public abstract string DriversOfPhase { get; }

    // Drivers
    public abstract string OverallModel { get; }

    public abstract string DriverChartTitle(string? phase);

    public abstract string DriverChartDescription { get; }
    public abstract string ShareOfRSquared { get; }
    public abstract string Rating { get; }
    public abstract string ContactIndicator { get; }
    public abstract string InvolvedIndicator { get; }

    public abstract string ModelSummary(int n, string rSquared, string method);

    public abstract string MethodName(string method);

    public abstract string BootstrapInterval(int resamples);

    public abstract string Driver { get; }
    public abstract string ImportancePerformanceTitle { get; }
    public abstract string ImportancePerformanceDescription { get; }
    public abstract string Importance { get; }
    public abstract string Quadrant { get; }

    public abstract string QuadrantName(ImportancePerformanceQuadrant quadrant);

    public abstract string ChoosePhaseForMatrix { get; }
    public abstract string NoModel { get; }

    // Competitors
    public abstract string CompetitorChartTitle(string phase);

    public abstract string CompetitorChartDescription { get; }
    public abstract string WeAreWorse { get; }
    public abstract string AboutTheSame { get; }
    public abstract string WeAreBetter { get; }
    public abstract string Mentions { get; }
    public abstract string MeanComparison { get; }
    public abstract string ShareOfComparisons { get; }
    public abstract string NoCompetitorsNamed { get; }
    public abstract string CompetitorColumn { get; }

    // Drill-down
    public abstract string FigureBehind { get; }
    public abstract string Competitor { get; }
    public abstract string NpsCategoryLabel { get; }
    public abstract string AllRespondentsOfView { get; }

    public abstract string DrillDownSummary(int respondents, int accounts);

    public abstract string RespondentsHiddenNote { get; }

    public abstract string DrillDownSuppressed(int minGroupSize);

    public abstract string RespondentList { get; }
    public abstract string Recommendation { get; }
    public abstract string LoyaltyScore { get; }
    public abstract string Submitted { get; }
    public abstract string BackToAnalysis { get; }
    public abstract string UnknownRole { get; }

    // Report
    public abstract string ReportFor(string survey, string wave);

    public abstract string PrintHint { get; }

    // Account panel
    public abstract string AccountPanelTitle { get; }
    public abstract string AccountPanelIntro { get; }
    public abstract string AccountNoAnswers { get; }
    public abstract string AccountMakeUpTitle { get; }

    public abstract string NpsByRoleTitle(string wave);

    public abstract string AnswersOverWaves { get; }
    public abstract string Question { get; }

    public abstract string RespondentsOfWave(string wave);

    /// <summary>A short name of a global item of the standard questionnaire (docs/surveys.md#item-codes); the code for other items.</summary>
    public abstract string ItemName(string code);
}
