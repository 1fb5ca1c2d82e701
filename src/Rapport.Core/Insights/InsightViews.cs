using Rapport.Analytics.Survey;
using Rapport.Core.Accounts;

namespace Rapport.Core.Insights;

// The figures of the analytics views. Undefined figures (no answers) and figures withheld for anonymity are null;
// every figure carries the number of respondents behind it. A group is "suppressed" when its survey is anonymous and
// it has fewer respondents than the survey's minimum group size (docs/surveys.md#waves-invitations-and-anonymity): its figures are null, its count stays.

/// <summary>The wave a view was computed on, with the survey's anonymity settings.</summary>
/// <param name="WaveId">The wave's id.</param>
/// <param name="WaveName">The wave's name (e.g. "2026").</param>
/// <param name="SurveyId">The survey's id.</param>
/// <param name="SurveyName">The survey's name.</param>
/// <param name="Anonymous">Anonymity on: small groups are suppressed and individual answers never shown.</param>
/// <param name="MinGroupSize">The survey's minimum group size; applies only when <paramref name="Anonymous"/>.</param>
/// <param name="OpensOn">First day of the wave.</param>
/// <param name="ClosesOn">Last day of the wave.</param>
public sealed record InsightWave(long WaveId, string WaveName, long SurveyId, string SurveyName, bool Anonymous, int MinGroupSize,
    DateOnly OpensOn, DateOnly ClosesOn)
{
    /// <summary>The threshold the analytics apply: the minimum group size when anonymous, 0 otherwise.</summary>
    public int Threshold => Anonymous ? MinGroupSize : 0;
}

/// <summary>A wave as offered in pickers: with its number of submitted respondents visible to the user.</summary>
public sealed record InsightWaveSummary(long WaveId, string WaveName, long SurveyId, string SurveyName, bool Anonymous, int MinGroupSize,
    DateOnly OpensOn, DateOnly ClosesOn, int Respondents);

/// <summary>The motive components of a loyalty index (0–100 points each; they add up to the decomposed respondents' index).</summary>
public sealed record LoyaltyComponentFigures(double? Attachment, double? Calculative, double? LockIn);

/// <summary>Loyalty figures of a group (docs/definitions.md#loyalty-index-and-its-make-up); the field names are those of <c>rapport analyze loyalty --json</c>.</summary>
/// <param name="Group">The group's value (null for the overall figures; "" for a blank attribute).</param>
/// <param name="N">Respondents with a loyalty score: the base of <paramref name="LoyaltyIndex"/>.</param>
/// <param name="LoyaltyIndex">Mean loyalty score 0–100.</param>
/// <param name="FirstChoiceRate">Share (0–1) answering LOY_FIRSTCHOICE = 1, among <paramref name="FirstChoiceN"/>.</param>
/// <param name="RecommendationRate">Share (0–1) of promoters, among <paramref name="RecommendationN"/>.</param>
/// <param name="Components">Attachment, calculative and lock-in components, over <paramref name="DecompositionN"/> respondents.</param>
/// <param name="Captive">Lock-in component above attachment (a hidden churn risk); null without decomposition.</param>
/// <param name="Respondents">All respondents of the group.</param>
/// <param name="FirstChoiceN">Respondents who answered LOY_FIRSTCHOICE.</param>
/// <param name="RecommendationN">Respondents who answered LOY_RECOMMEND.</param>
/// <param name="DecompositionN">Respondents with a loyalty score and every motive answered.</param>
/// <param name="Suppressed">Withheld for anonymity: the figures are null.</param>
public sealed record LoyaltyFigures(
    string? Group, int N, double? LoyaltyIndex, double? FirstChoiceRate, double? RecommendationRate, LoyaltyComponentFigures Components,
    bool? Captive, int Respondents, int FirstChoiceN, int RecommendationN, int DecompositionN, bool Suppressed);

/// <summary>How many accounts are held more by lock-in than by attachment (captive), among accounts with a loyalty make-up.</summary>
/// <param name="Accounts">Accounts with at least one decomposed respondent (anonymous surveys: at least the minimum group size).</param>
/// <param name="Captive">Of those, accounts whose lock-in component exceeds their attachment component.</param>
/// <param name="Share">Captive / Accounts (0–1); null without accounts.</param>
public sealed record CaptiveAccounts(int Accounts, int Captive, double? Share);

/// <summary>The loyalty view: overall figures, one entry per group (ordered by group value), captive accounts.</summary>
public sealed record LoyaltyView(InsightWave Wave, InsightGroupBy GroupBy, LoyaltyFigures Overall, IReadOnlyList<LoyaltyFigures> Groups,
    CaptiveAccounts CaptiveAccounts);

/// <summary>NPS figures of a group (docs/definitions.md#net-promoter-score); the field names are those of <c>rapport analyze nps --json</c>.</summary>
/// <param name="Group">The group's value (null overall).</param>
/// <param name="N">Answers to LOY_RECOMMEND.</param>
/// <param name="Promoters">Answers 9–10.</param>
/// <param name="Passives">Answers 7–8.</param>
/// <param name="Detractors">Answers 0–6.</param>
/// <param name="Nps">100 (p − d), −100..100.</param>
/// <param name="StandardError">Standard error (of the adjusted score for adjusted-Wald).</param>
/// <param name="CiLow">Lower bound of the 95% interval.</param>
/// <param name="CiHigh">Upper bound of the 95% interval.</param>
/// <param name="Interval">"wald" or "adjusted-wald".</param>
/// <param name="RecommendationRate">Share of promoters (0–1).</param>
/// <param name="Suppressed">Withheld for anonymity: counts and figures are null.</param>
public sealed record NpsFigures(
    string? Group, int N, int? Promoters, int? Passives, int? Detractors, double? Nps, double? StandardError, double? CiLow, double? CiHigh,
    string Interval, double? RecommendationRate, bool Suppressed);

/// <summary>The NPS view: overall and per group.</summary>
public sealed record NpsView(InsightWave Wave, InsightGroupBy GroupBy, NpsFigures Overall, IReadOnlyList<NpsFigures> Groups);

/// <summary>Relationship quality of a group (docs/definitions.md#relationship-quality): dimension scores 0–100, each with its base.</summary>
public sealed record RelationshipQualityFigures(
    string? Group, int Respondents, int SatisfactionN, double? Satisfaction, int TrustN, double? Trust, int CommitmentN, double? Commitment,
    double? Index, bool Suppressed);

/// <summary>The relationship-quality view: overall and per group.</summary>
public sealed record RelationshipQualityView(InsightWave Wave, InsightGroupBy GroupBy, RelationshipQualityFigures Overall,
    IReadOnlyList<RelationshipQualityFigures> Groups);

/// <summary>One touchpoint in one phase (docs/definitions.md#phases-and-touchpoints; the shape of <c>/analytics/phases</c>).</summary>
/// <param name="Touchpoint">The touchpoint code.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameDe">German name.</param>
/// <param name="Involvement">Share (0–1) of the respondents involved in the phase who had contact.</param>
/// <param name="Performance">Mean TP_SAT (1–5) of those with contact.</param>
/// <param name="TopTwoBox">Share (0–1) of TP_SAT 4–5.</param>
/// <param name="N">Satisfaction answers behind <paramref name="Performance"/>.</param>
/// <param name="Impact">Relative weight of the touchpoint's rating for phase satisfaction.</param>
/// <param name="MainContactImpact">The same among respondents whose main contact it was.</param>
public sealed record PhaseTouchpointFigures(string Touchpoint, string NameEn, string NameDe, double? Involvement, double? Performance,
    double? TopTwoBox, int N, double? Impact, double? MainContactImpact);

/// <summary>One phase of the phase view, in survey order.</summary>
/// <param name="Phase">The phase code.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameDe">German name.</param>
/// <param name="Order">1-based position.</param>
/// <param name="N">Respondents involved in the phase.</param>
/// <param name="Satisfaction">Mean PH_SAT (1–5) of the involved respondents.</param>
/// <param name="Touchpoints">The touchpoints in survey order.</param>
public sealed record PhaseFigures(string Phase, string NameEn, string NameDe, int Order, int N, double? Satisfaction,
    IReadOnlyList<PhaseTouchpointFigures> Touchpoints);

/// <summary>The phases × touchpoints view.</summary>
/// <param name="Wave">The wave.</param>
/// <param name="Respondents">Respondents behind the view (after filters).</param>
/// <param name="Phases">The phases in survey order.</param>
public sealed record PhasesView(InsightWave Wave, int Respondents, IReadOnlyList<PhaseFigures> Phases);

/// <summary>One driver's importance (docs/definitions.md#key-drivers), as <c>rapport analyze drivers --json</c> reports it.</summary>
/// <param name="Name">The model variable: <c>TP_SAT:touchpoint</c>/<c>TP_CONTACT:touchpoint</c> for a phase, <c>PH_SAT:phase</c>/<c>PH_INVOLVED:phase</c> overall.</param>
/// <param name="Weight">Raw relative weight (part of R²).</param>
/// <param name="Share">Weight as a percentage of R².</param>
/// <param name="CiLow">Lower percentile-bootstrap bound of the weight (null without bootstrap).</param>
/// <param name="CiHigh">Upper percentile-bootstrap bound of the weight.</param>
/// <param name="Code">The touchpoint (phase model) or phase (overall model) the variable belongs to.</param>
/// <param name="Kind">"rating" (the satisfaction variable) or "contact" (the contact or involvement indicator).</param>
public sealed record DriverFigures(string Name, double? Weight, double? Share, double? CiLow, double? CiHigh, string Code, string Kind);

/// <summary>
/// The key-driver view (docs/definitions.md#key-drivers, docs/api.md): touchpoints as drivers of a phase's satisfaction, or phases as drivers of
/// overall satisfaction (RQ_SAT_1). Ratings not given (no contact, not involved) enter with the sample mean plus a 0/1
/// indicator, as in docs/definitions.md#phases-and-touchpoints (ADR 0012); the weights of all variables add up to R².
/// </summary>
/// <param name="Wave">The wave.</param>
/// <param name="Phase">The phase modelled; null for the overall model.</param>
/// <param name="Target">The target variable (<c>PH_SAT:phase</c> or <c>RQ_SAT_1</c>).</param>
/// <param name="N">Respondents in the model (complete cases of the target).</param>
/// <param name="RSquared">R² of the model; null when no model could be fitted.</param>
/// <param name="Method">"relative-weights" or "shapley".</param>
/// <param name="Drivers">The model variables in model order.</param>
/// <param name="Bootstrap">Bootstrap resamples (0 = none).</param>
/// <param name="Seed">Seed of the bootstrap.</param>
/// <param name="BootstrapFailures">Degenerate resamples (intervals are withheld when more than 10% fail).</param>
/// <param name="Note">Why figures are missing, or null.</param>
/// <param name="Suppressed">Fewer respondents than the minimum group size of an anonymous survey.</param>
public sealed record DriversView(InsightWave Wave, string? Phase, string Target, int N, double? RSquared, string Method,
    IReadOnlyList<DriverFigures> Drivers, int Bootstrap, int Seed, int BootstrapFailures, string? Note, bool Suppressed);

/// <summary>A touchpoint placed in the importance–performance grid of a phase.</summary>
/// <param name="Touchpoint">The touchpoint code.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameDe">German name.</param>
/// <param name="Importance">Impact on phase satisfaction.</param>
/// <param name="Performance">Mean TP_SAT (1–5).</param>
/// <param name="N">Satisfaction answers behind the performance.</param>
/// <param name="Quadrant">Null when importance or performance is unknown.</param>
public sealed record ImportancePerformanceFigures(string Touchpoint, string NameEn, string NameDe, double? Importance, double? Performance,
    int N, ImportancePerformanceQuadrant? Quadrant);

/// <summary>The importance–performance grid of one phase (docs/definitions.md#phases-and-touchpoints), split at the medians.</summary>
public sealed record ImportancePerformanceView(InsightWave Wave, string Phase, string NameEn, string NameDe, int N,
    double? ImportanceMedian, double? PerformanceMedian, IReadOnlyList<ImportancePerformanceFigures> Items);

/// <summary>A touchpoint's impact for all respondents and for those whose main contact it was.</summary>
public sealed record MainContactFigures(string Touchpoint, string NameEn, string NameDe, int ContactN, double? Impact, double? Share,
    int MainContactN, double? MainContactImpact);

/// <summary>The main-contact comparison of one phase.</summary>
/// <param name="Phase">The phase code.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameDe">German name.</param>
/// <param name="N">Involved respondents who rated the phase (the model sample).</param>
/// <param name="RSquared">R² of the phase model.</param>
/// <param name="Touchpoints">The touchpoints in survey order.</param>
/// <param name="Note">Why figures are missing, or null.</param>
public sealed record MainContactPhase(string Phase, string NameEn, string NameDe, int N, double? RSquared,
    IReadOnlyList<MainContactFigures> Touchpoints, string? Note);

/// <summary>Impact of each touchpoint overall versus among respondents with it as main contact, per phase.</summary>
public sealed record MainContactView(InsightWave Wave, int Respondents, IReadOnlyList<MainContactPhase> Phases);

/// <summary>How one competitor is seen in one phase (docs/definitions.md#phases-and-touchpoints; the shape of <c>/analytics/competitors</c>).</summary>
public sealed record CompetitorFigures(string Name, int Mentions, int? Worse, int? Same, int? Better, double? MeanRelative);

/// <summary>The competitors named in one phase, most mentioned first.</summary>
public sealed record PhaseCompetitorFigures(string Phase, string NameEn, string NameDe, IReadOnlyList<CompetitorFigures> Competitors);

/// <summary>Competitors by phase.</summary>
public sealed record CompetitorsView(InsightWave Wave, int Respondents, IReadOnlyList<PhaseCompetitorFigures> Phases);

/// <summary>One wave of a trend: the overall figures of the wave under the same filters.</summary>
public sealed record TrendPoint(InsightWave Wave, int Respondents, LoyaltyFigures Loyalty, NpsFigures Nps, RelationshipQualityFigures RelationshipQuality);

/// <summary>The waves of one survey in date order, with loyalty, NPS and relationship quality under the same filters.</summary>
public sealed record TrendsView(long SurveyId, string SurveyName, IReadOnlyList<TrendPoint> Waves);

/// <summary>Which respondents a drill-down is about: all under the filter, narrowed by any of the given parts.</summary>
/// <param name="Group">A value of the filter's <see cref="InsightFilter.GroupBy"/> ("" = blank).</param>
/// <param name="Phase">Respondents involved in this phase.</param>
/// <param name="Touchpoint">With <paramref name="Phase"/>: who had contact with this touchpoint.</param>
/// <param name="Competitor">With <paramref name="Phase"/>: who named this competitor (case-insensitive).</param>
/// <param name="Category">NPS category: promoter, passive or detractor.</param>
public sealed record DrillDownTarget(string? Group = null, string? Phase = null, string? Touchpoint = null, string? Competitor = null,
    NpsCategory? Category = null);

/// <summary>A page of a list.</summary>
public sealed record InsightPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

/// <summary>An account behind a figure.</summary>
/// <param name="AccountId">The account's id.</param>
/// <param name="ExternalId">Its external id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Respondents">Its respondents among those drilled into.</param>
/// <param name="LoyaltyIndex">Their loyalty index; null in anonymous surveys when the account has fewer than the minimum group size.</param>
public sealed record DrillDownAccount(long AccountId, string ExternalId, string Name, int Respondents, double? LoyaltyIndex);

/// <summary>A respondent behind a figure (never for anonymous surveys).</summary>
public sealed record DrillDownRespondent(string RespondentKey, long AccountId, string AccountName, long? ContactId, string? ContactName,
    BuyingRole? BuyingRole, double? Recommend, double? LoyaltyScore, DateTimeOffset? SubmittedAt);

/// <summary>The accounts (and, when the survey is not anonymous, the respondents) behind a figure.</summary>
/// <param name="Wave">The wave.</param>
/// <param name="Respondents">Respondents behind the figure.</param>
/// <param name="Suppressed">Anonymous survey and fewer respondents than the minimum group size: nothing is listed.</param>
/// <param name="RespondentsHidden">The survey is anonymous: individual respondents are never listed.</param>
/// <param name="Accounts">The accounts, most respondents first.</param>
/// <param name="RespondentList">The respondents (null when hidden), account by account in the order of <paramref name="Accounts"/>.</param>
public sealed record DrillDownView(InsightWave Wave, int Respondents, bool Suppressed, bool RespondentsHidden,
    InsightPage<DrillDownAccount> Accounts, InsightPage<DrillDownRespondent>? RespondentList);

/// <summary>Mean answer to one item (the global items of docs/surveys.md#item-codes).</summary>
public sealed record ItemFigure(string Code, int N, double? Mean);

/// <summary>One respondent of an account with their answers to the global items (non-anonymous surveys only).</summary>
public sealed record AccountRespondent(string RespondentKey, long? ContactId, string? ContactName, BuyingRole? BuyingRole,
    DateTimeOffset? SubmittedAt, IReadOnlyDictionary<string, double> Items);

/// <summary>An account's figures in one wave.</summary>
/// <param name="Wave">The wave.</param>
/// <param name="Respondents">The account's respondents in the wave.</param>
/// <param name="Suppressed">Anonymous survey and fewer respondents than the minimum group size: figures are null.</param>
/// <param name="Loyalty">Loyalty index and its make-up.</param>
/// <param name="Nps">NPS of the account's respondents.</param>
/// <param name="NpsByBuyingRole">NPS per buying role (group = role, "" unknown).</param>
/// <param name="RelationshipQuality">Relationship quality.</param>
/// <param name="Items">Mean answer per global item.</param>
/// <param name="RespondentList">The respondents and their answers; null for anonymous surveys.</param>
public sealed record AccountWaveFigures(InsightWave Wave, int Respondents, bool Suppressed, LoyaltyFigures Loyalty, NpsFigures Nps,
    IReadOnlyList<NpsFigures> NpsByBuyingRole, RelationshipQualityFigures RelationshipQuality, IReadOnlyList<ItemFigure> Items,
    IReadOnlyList<AccountRespondent>? RespondentList);

/// <summary>An account's survey figures over the waves it answered, oldest first.</summary>
public sealed record AccountInsightsView(long AccountId, string ExternalId, string Name, IReadOnlyList<AccountWaveFigures> Waves);
