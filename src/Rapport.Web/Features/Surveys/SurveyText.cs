using System.Globalization;
using Rapport.Core.Surveys;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Surveys;

/// <summary>
/// The strings of the survey pages as a typed table, one subclass per language (a missing translation is a compile
/// error). German uses the glossary of docs/domain.md#glossary: Befragung, Welle, Einladung, Antwort.
/// </summary>
internal abstract class SurveyText
{
    private static readonly SurveyText EnglishTable = new EnglishSurveyText();
    private static readonly SurveyText GermanTable = new GermanSurveyText();

    /// <summary>The table for the current request's UI culture.</summary>
    public static SurveyText Current => For(CultureInfo.CurrentUICulture);

    public static SurveyText For(CultureInfo culture) => UiCultures.IsGerman(culture) ? GermanTable : EnglishTable;

    /// <summary>A share 0–1 as a percentage in the current culture ("42%", "42 %").</summary>
    public static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);

    // Survey list
    public abstract string SurveysIntro { get; }
    public abstract string NewSurvey { get; }
    public abstract string NewSurveyHint { get; }
    public abstract string SurveyName { get; }
    public abstract string SurveyNamePlaceholder { get; }
    public abstract string Anonymous { get; }
    public abstract string AnonymousHint { get; }
    public abstract string MinGroupSize { get; }
    public abstract string CreateFromTemplate { get; }
    public abstract string NoSurveysTitle { get; }
    public abstract string NoSurveysEditorText { get; }
    public abstract string NoSurveysReadOnlyText { get; }
    public abstract string Wave { get; }
    public abstract string Period { get; }
    public abstract string Invited { get; }
    public abstract string Completed { get; }
    public abstract string ResponseRate { get; }
    public abstract string NoWavesYet { get; }
    public abstract string Template { get; }
    public abstract string StandardTemplate { get; }

    public abstract string AnonymousBadge(int minGroupSize);

    public abstract string ItemCount(int items);

    public abstract string CreatedOn(string date);

    public abstract string WaveStateName(WaveState state);

    // Survey design
    public abstract string ReadOnlyNote { get; }
    public abstract string Waves { get; }
    public abstract string WavesIntro { get; }
    public abstract string NewWave { get; }
    public abstract string WaveName { get; }
    public abstract string WaveNamePlaceholder { get; }
    public abstract string OpensOn { get; }
    public abstract string ClosesOn { get; }
    public abstract string CreateWave { get; }
    public abstract string Settings { get; }
    public abstract string SaveSettings { get; }
    public abstract string Questionnaire { get; }
    public abstract string QuestionnaireIntro { get; }
    public abstract string Position { get; }
    public abstract string Code { get; }
    public abstract string Question { get; }
    public abstract string Scale { get; }
    public abstract string AskedPer { get; }
    public abstract string Order { get; }
    public abstract string CustomItem { get; }
    public abstract string AddItem { get; }
    public abstract string ItemCode { get; }
    public abstract string ItemCodeHint { get; }
    public abstract string TextEnglish { get; }
    public abstract string TextGerman { get; }
    public abstract string TextHint { get; }
    public abstract string AddItemButton { get; }
    public abstract string PhasesAndTouchpoints { get; }
    public abstract string ScopeIntro { get; }
    public abstract string Phases { get; }
    public abstract string Touchpoints { get; }
    public abstract string SaveScope { get; }
    public abstract string InactiveInMasterData { get; }
    public abstract string CompetitorsPerPhase { get; }
    public abstract string CompetitorsIntro { get; }
    public abstract string Competitor { get; }
    public abstract string SaveCompetitors { get; }
    public abstract string NoCompetitors { get; }

    public abstract string MoveUp(string code);

    public abstract string MoveDown(string code);

    public abstract string OfferCompetitor(string competitor, string phase);

    public abstract string ScaleName(SurveyItemScale scale);

    public abstract string LevelName(SurveyItemLevel level);

    /// <summary>The message after a successful form post (<c>?done=</c>); null for codes without one.</summary>
    public abstract string? Done(string? code, string? item);

    /// <summary>The message of a refused form post (<c>?error=</c>).</summary>
    public abstract string Error(string code);

    // Wave page
    public abstract string ProgressView { get; }
    public abstract string InviteTitle { get; }
    public abstract string InviteIntro { get; }
    public abstract string ByCriteria { get; }
    public abstract string KeyAccountsOnly { get; }
    public abstract string InviteMatching { get; }
    public abstract string ChooseAccounts { get; }
    public abstract string InviteSelected { get; }
    public abstract string EligibleContacts { get; }
    public abstract string InvitedHere { get; }
    public abstract string NoAccountsFound { get; }
    public abstract string InvitationsCreatedTitle { get; }
    public abstract string Created { get; }
    public abstract string SkippedWithoutConsent { get; }
    public abstract string SkippedInactive { get; }
    public abstract string AlreadyInvited { get; }
    public abstract string WaveClosedNote { get; }
    public abstract string EmailTitle { get; }
    public abstract string EmailIntro { get; }
    public abstract string SendReminders { get; }
    public abstract string NothingToSend { get; }
    public abstract string MailSent { get; }
    public abstract string SkippedWithoutEmail { get; }
    public abstract string MailFailed { get; }
    public abstract string Invitations { get; }
    public abstract string LinksIntro { get; }
    public abstract string ExportLinks { get; }
    public abstract string Language { get; }
    public abstract string Link { get; }
    public abstract string NoInvitations { get; }
    public abstract string NoContactName { get; }

    public abstract string SelectAccount(string name);

    public abstract string ShowingFirst(int shown, int total);

    public abstract string WaveNotOpenYet(string date);

    public abstract string SendInvitations(int pending);

    public abstract string RemindersNote(int days, int max);

    public abstract string MailResultTitle(bool reminders);

    public abstract string LinkFor(string name);

    public abstract string LanguageName(string code);

    public abstract string InvitationStatusName(InvitationStatus status);

    // Progress
    public abstract string ProgressIntro { get; }
    public abstract string SubmittedRespondents { get; }
    public abstract string SubmittedHint { get; }
    public abstract string ByStatus { get; }
    public abstract string ByBuyingRole { get; }
    public abstract string NoRole { get; }
    public abstract string ByPhase { get; }
    public abstract string ByPhaseIntro { get; }
    public abstract string Involved { get; }
    public abstract string ShareOfSubmitted { get; }
    public abstract string ByAccount { get; }
    public abstract string NoInvitationsProgress { get; }
    public abstract string ProgressOwnAccounts { get; }
    public abstract string BackToWave { get; }

    public abstract string ProgressTitle(string wave);

    public abstract string Suppressed(int minGroupSize);

    public abstract string RateOf(int completed, int invited);
}

/// <summary>Short access for the survey pages' markup: <c>@S.Questionnaire</c> (imported with <c>using static</c>).</summary>
internal static class SurveyUi
{
    public static SurveyText S => SurveyText.Current;
}
