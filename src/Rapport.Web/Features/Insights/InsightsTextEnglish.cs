using System.Globalization;
using Rapport.Analytics.Survey;

namespace Rapport.Web.Features.Insights;

internal sealed class InsightsTextEnglish : InsightsText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en");

    public override string DataTable => "Data table";
    public override string Respondents => "Respondents";
    public override string NoAnswers => "no answers";
    public override string ShowAccounts => "show the accounts";

    public override string FewerThan(int minGroupSize) => $"fewer than {minGroupSize} respondents";

    public override string AnalysisViews => "Analysis views";
    public override string LoyaltyTitle => "Loyalty";
    public override string LoyaltyIntro =>
        "The loyalty index and what holds it up: attachment, calculative and lock-in motives per group — two groups can reach the same index for very different reasons. With first choice, recommendation, NPS and relationship quality.";
    public override string PhasesTitle => "Phases & touchpoints";
    public override string PhasesIntro =>
        "How each of our functions performs in each phase of the business relationship, how many customers meet it there, and how much it moves their satisfaction.";
    public override string DriversTitle => "Key drivers";
    public override string DriversIntro =>
        "Which touchpoints drive satisfaction in a phase (relative weights), and where to act: the importance–performance matrix.";
    public override string CompetitorsTitle => "Competitors by phase";
    public override string CompetitorsIntro => "Which competitors customers consider in each phase, and how we compare with them.";
    public override string DrillDownTitle => "Accounts behind the figure";
    public override string DrillDownIntro => "The accounts whose respondents make up the figure you came from.";
    public override string ReportTitle => "Wave report";
    public override string ReportIntro => "Every analysis of one wave, one view per page.";

    public override string Wave => "Wave";
    public override string CompareBy => "Compare by";
    public override string NoGroups => "No groups";
    public override string OtherAccounts => "Other accounts";
    public override string NotSpecified => "not specified";
    public override string FiltersIgnored => "Some filters could not be used:";

    public override string WaveOption(string survey, string wave, int respondents) =>
        $"{survey} · {wave} ({respondents.ToString("N0", Culture)} respondents)";

    public override string WaveSummary(string survey, string wave, int respondents) =>
        $"Wave {wave} of “{survey}” · {respondents.ToString("N0", Culture)} respondents";

    public override string AnonymousNote(int minGroupSize) =>
        $"Anonymous survey: groups of fewer than {minGroupSize} respondents are hidden and individual answers are never shown.";

    public override string NamedNote => "Named survey: the drill-downs list the respondents.";

    public override string Export => "Export";
    public override string ExportCsv => "CSV";
    public override string ExportXlsx => "Excel (XLSX)";
    public override string PrintableReport => "Printable report";

    public override string NoWavesTitle => "No survey answers yet";
    public override string NoWavesText =>
        "The analyses appear as soon as a wave of a relationship survey has answers. Create a survey, invite contacts to a wave, or import answers collected elsewhere.";
    public override string GoToSurveys => "Go to surveys";
    public override string NoRespondentsTitle => "No respondents match these filters";
    public override string NoRespondentsText => "Choose another wave or fewer filters.";
    public override string NotFoundTitle => "This wave does not exist";

    public override string LoyaltyIndex => "Loyalty index";
    public override string Attachment => "Attachment";
    public override string Calculative => "Calculative";
    public override string LockIn => "Lock-in";
    public override string Captive => "captive";
    public override string CaptiveHint => "Captive: lock-in outweighs attachment — loyal on paper, a hidden churn risk.";
    public override string CaptiveAccountsLabel => "Captive accounts";

    public override string CaptiveAccounts(int captive, int accounts) =>
        $"{captive.ToString("N0", Culture)} of {accounts.ToString("N0", Culture)} accounts";

    public override string FirstChoiceRate => "First-choice rate";
    public override string RecommendationRate => "Recommendation rate";
    public override string Nps => "NPS";
    public override string NpsInterval => "95% interval";

    public override string IntervalMethod(string method) => method == "adjusted-wald" ? "adjusted Wald" : "Wald";

    public override string Promoters => "Promoters";
    public override string Passives => "Passives";
    public override string Detractors => "Detractors";

    public override string NpsCategoryName(NpsCategory category) => category switch
    {
        Rapport.Analytics.Survey.NpsCategory.Promoter => "Promoters",
        Rapport.Analytics.Survey.NpsCategory.Passive => "Passives",
        _ => "Detractors",
    };

    public override string RelationshipQuality => "Relationship quality";
    public override string Satisfaction => "Satisfaction";
    public override string Trust => "Trust";
    public override string Commitment => "Commitment";
    public override string Overall => "All respondents";
    public override string Group => "Group";
    public override string MakeUpTitle => "Loyalty index and its make-up";

    public override string MakeUpDescription(string groupedBy) =>
        $"Stacked bars per {groupedBy}: the attachment, calculative and lock-in components, which add up to the loyalty index (0–100) of the respondents with a complete make-up.";

    public override string MakeUpCaption =>
        "Each bar adds up to the loyalty index of the respondents who answered every motive; the loyalty index in the table counts everyone with a loyalty answer.";
    public override string NpsTitle => "Net Promoter Score with its 95% interval";
    public override string FiguresTitle => "Figures per group";
    public override string QualityTitle => "Relationship quality";
    public override string TrendsTitle => "Across the waves";
    public override string TrendsDescription => "Loyalty index, its components and relationship quality (0–100) per wave, under the same filters.";
    public override string NpsTrendTitle => "NPS per wave";
    public override string OneWaveOnly => "The survey has one wave so far: trends appear with the next wave.";

    public override string HeatMapTitle => "Performance of each touchpoint in each phase";
    public override string HeatMapDescription =>
        "Heat map of the phases (rows) and touchpoints (columns): mean satisfaction of the respondents with contact, darker is better, with the number of answers and the involvement.";
    public override string HeatMapCaption =>
        "Mean satisfaction from 1 (very dissatisfied) to 5 (very satisfied) among respondents with contact; below it the number of answers and the involvement (share of the respondents involved in the phase who had contact).";
    public override string Performance => "Performance";
    public override string Involvement => "involvement";
    public override string Impact => "Impact";
    public override string PhaseSatisfactionTitle => "Satisfaction per phase";
    public override string LongitudinalTitle => "Impact of each touchpoint along the phases";
    public override string LongitudinalDescription =>
        "One line per touchpoint across the ordered phases: its impact on phase satisfaction (relative weight, % of variance), with the dot size showing its involvement.";
    public override string LongitudinalCaption =>
        "Impact = relative weight of the touchpoint's rating for phase satisfaction (% of variance explained). The bigger the dot, the more of the phase's respondents had contact: a small dot high up is a function that matters where few meet it.";
    public override string MainContactTitle => "Main-contact comparison";
    public override string MainContactIntro =>
        "A touchpoint's impact among all respondents of the phase and among those for whom it was the main contact.";
    public override string WithContact => "With contact";
    public override string AsMainContact => "As main contact";
    public override string MainContactImpact => "Impact as main contact";
    public override string DriversOfPhase => "Drivers of this phase";

    public override string OverallModel => "Overall";

    public override string DriverChartTitle(string? phase) =>
        phase is null ? "What drives overall satisfaction" : $"What drives satisfaction in “{phase}”";

    public override string DriverChartDescription =>
        "Share of the explained variance (R²) per driver, with the 95% percentile-bootstrap interval as a whisker.";
    public override string ShareOfRSquared => "Share of R²";
    public override string Rating => "rating";
    public override string ContactIndicator => "contact";
    public override string InvolvedIndicator => "involved";

    public override string ModelSummary(int n, string rSquared, string method) =>
        $"{n.ToString("N0", Culture)} respondents · R² = {rSquared} · {method}";

    public override string MethodName(string method) => method == "shapley" ? "Shapley value (LMG)" : "Johnson's relative weights";

    public override string BootstrapInterval(int resamples) =>
        $"95% bootstrap interval ({resamples.ToString("N0", Culture)} resamples)";

    public override string Driver => "Driver";
    public override string ImportancePerformanceTitle => "Importance–performance matrix";
    public override string ImportancePerformanceDescription =>
        "Touchpoints placed by their impact on phase satisfaction (right = more important) and their performance (up = better), split at the medians.";
    public override string Importance => "Impact (importance)";
    public override string Quadrant => "Quadrant";

    public override string QuadrantName(ImportancePerformanceQuadrant quadrant) => quadrant switch
    {
        ImportancePerformanceQuadrant.StrengthToKeep => "Strengths to keep",
        ImportancePerformanceQuadrant.PriorityToImprove => "Priorities to improve",
        ImportancePerformanceQuadrant.Secondary => "Secondary",
        _ => "Possible over-investment",
    };

    public override string ChoosePhaseForMatrix => "Choose a phase to see its importance–performance matrix.";
    public override string NoModel => "No model could be fitted on these respondents.";

    public override string CompetitorChartTitle(string phase) => $"Competitors named in “{phase}”";

    public override string CompetitorChartDescription =>
        "Per competitor: how respondents who considered it compare us with it — worse, about the same or better — in % of their comparisons.";
    public override string WeAreWorse => "We are worse";
    public override string AboutTheSame => "About the same";
    public override string WeAreBetter => "We are better";
    public override string Mentions => "Mentions";
    public override string MeanComparison => "Mean comparison (1–5)";
    public override string ShareOfComparisons => "% of comparisons";
    public override string NoCompetitorsNamed => "No competitor was named in this phase.";
    public override string CompetitorColumn => "Competitor";

    public override string FigureBehind => "Figure";
    public override string Competitor => "Competitor";
    public override string NpsCategoryLabel => "NPS category";
    public override string AllRespondentsOfView => "All respondents under the filters";

    public override string DrillDownSummary(int respondents, int accounts) =>
        $"{respondents.ToString("N0", Culture)} respondents from {accounts.ToString("N0", Culture)} accounts";

    public override string RespondentsHiddenNote => "Anonymous survey: individual respondents are never listed.";

    public override string DrillDownSuppressed(int minGroupSize) =>
        $"Fewer than {minGroupSize} respondents are behind this figure: in an anonymous survey nothing is listed.";

    public override string RespondentList => "Respondents";
    public override string Recommendation => "Recommendation (0–10)";
    public override string LoyaltyScore => "Loyalty score";
    public override string Submitted => "Submitted";
    public override string BackToAnalysis => "Back to the analysis";
    public override string UnknownRole => "role unknown";

    public override string ReportFor(string survey, string wave) => $"{survey} — wave {wave}";

    public override string PrintHint => "Print this page or save it as PDF with your browser's print command (Ctrl+P); each view starts on a new page.";

    public override string AccountPanelTitle => "Loyalty and survey answers";
    public override string AccountPanelIntro => "This account's respondents in the relationship surveys, wave by wave.";
    public override string AccountNoAnswers => "No survey answers from this account yet.";
    public override string AccountMakeUpTitle => "Loyalty make-up per wave";

    public override string NpsByRoleTitle(string wave) => $"NPS by buying role (wave {wave})";

    public override string AnswersOverWaves => "Answers over the waves (means)";
    public override string Question => "Question";

    public override string RespondentsOfWave(string wave) => $"Respondents in wave {wave}";

    public override string ItemName(string code) => code switch
    {
        ItemCodes.LoyRepurchase => "Will buy again",
        ItemCodes.LoyRecommend => "Would recommend (0–10)",
        ItemCodes.LoyFirstChoice => "First choice (yes = 1)",
        ItemCodes.LoyCrossBuy => "Would buy other products",
        "MOT_ATT_1" => "Stay: convinced of us",
        "MOT_ATT_2" => "Stay: personal relationship",
        "MOT_ATT_3" => "Stay: ideal partner",
        "MOT_ATT_4" => "Stay: trust in future performance",
        "MOT_CAL_1" => "Stay: prices, discounts, terms",
        "MOT_CAL_2" => "Stay: best of the alternatives",
        "MOT_CAL_3" => "Stay: pays off economically",
        "MOT_LCK_1" => "Stay: contract terms",
        "MOT_LCK_2" => "Stay: switching technically difficult",
        "MOT_LCK_3" => "Stay: hardly any alternative",
        "MOT_LCK_4" => "Stay: switching costs too high",
        "RQ_SAT_1" => "Overall satisfaction",
        "RQ_SAT_2" => "Satisfaction with the relationship",
        "RQ_TRU_1" => "Trust in contact persons",
        "RQ_TRU_2" => "Trust in the company",
        "RQ_TRU_3" => "Keeps its promises",
        "RQ_COM_1" => "Want the relationship to last",
        "RQ_COM_2" => "Willing to invest in the relationship",
        _ => code,
    };
}
