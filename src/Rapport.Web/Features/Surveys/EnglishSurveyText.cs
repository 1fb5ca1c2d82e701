using System.Globalization;
using Rapport.Core.Surveys;

namespace Rapport.Web.Features.Surveys;

internal sealed class EnglishSurveyText : SurveyText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en");

    public override string SurveysIntro =>
        "Relationship surveys along the business phases: design the questionnaire, open waves, invite contacts and follow the responses.";
    public override string NewSurvey => "New survey";
    public override string NewSurveyHint =>
        "Starts from the standard relationship questionnaire with the active phases, touchpoints and competitors; you can change all of it afterwards.";
    public override string SurveyName => "Name";
    public override string SurveyNamePlaceholder => "e.g. Relationship survey 2026";
    public override string Anonymous => "Anonymous";
    public override string AnonymousHint => "Results never show individual answers, nor groups smaller than the minimum group size.";
    public override string MinGroupSize => "Minimum group size";
    public override string CreateFromTemplate => "Create from template";
    public override string NoSurveysTitle => "No surveys yet";
    public override string NoSurveysEditorText => "Create the first survey from the standard questionnaire; waves and invitations follow on its page.";
    public override string NoSurveysReadOnlyText =>
        "Surveys are designed by analysts and administrators. Once there is one, you can follow its waves and responses here.";
    public override string Wave => "Wave";
    public override string Period => "Period";
    public override string Invited => "Invited";
    public override string Completed => "Completed";
    public override string ResponseRate => "Response rate";
    public override string NoWavesYet => "No waves yet.";
    public override string Template => "Template";
    public override string StandardTemplate => "Standard relationship questionnaire";

    public override string AnonymousBadge(int minGroupSize) => string.Format(Culture, "Anonymous (groups of {0}+)", minGroupSize);

    public override string ItemCount(int items) => items == 1 ? "1 item" : string.Format(Culture, "{0:N0} items", items);

    public override string CreatedOn(string date) => "created " + date;

    public override string WaveStateName(WaveState state) => state switch
    {
        WaveState.Upcoming => "Upcoming",
        WaveState.Open => "Open",
        _ => "Closed",
    };

    public override string ReadOnlyNote => "You can look at this survey; only analysts and administrators change it.";
    public override string Waves => "Waves";
    public override string WavesIntro => "A wave is one run of the survey, e.g. once a year; results compare waves.";
    public override string NewWave => "New wave";
    public override string WaveName => "Name of the wave";
    public override string WaveNamePlaceholder => "e.g. 2026";
    public override string OpensOn => "Opens on";
    public override string ClosesOn => "Closes on";
    public override string CreateWave => "Create wave";
    public override string Settings => "Settings";
    public override string SaveSettings => "Save settings";
    public override string Questionnaire => "Questionnaire";
    public override string QuestionnaireIntro =>
        "Respondents see the items in this order within each step of their path. Items of the standard questionnaire keep their meaning; add your own below.";
    public override string Position => "#";
    public override string Code => "Code";
    public override string Question => "Question";
    public override string Scale => "Scale";
    public override string AskedPer => "Asked";
    public override string Order => "Order";
    public override string CustomItem => "custom";
    public override string AddItem => "Add a custom item";
    public override string ItemCode => "Code";
    public override string ItemCodeHint => "Upper-case letters, digits and _, e.g. CUSTOM_DELIVERY_TIME; exports and imports use it.";
    public override string TextEnglish => "Question in English";
    public override string TextGerman => "Question in German";
    public override string TextHint => "May contain {supplier}, {phase} and {touchpoint}.";
    public override string AddItemButton => "Add item";
    public override string PhasesAndTouchpoints => "Phases and touchpoints";
    public override string ScopeIntro =>
        "Respondents first say in which phases they were involved, then which touchpoints they met in each of them, and rate only those.";
    public override string Phases => "Business phases";
    public override string Touchpoints => "Touchpoints";
    public override string SaveScope => "Save phases and touchpoints";
    public override string InactiveInMasterData => "inactive in the master data";
    public override string CompetitorsPerPhase => "Competitors per phase";
    public override string CompetitorsIntro => "The competitors a respondent can name in each phase.";
    public override string Competitor => "Competitor";
    public override string SaveCompetitors => "Save competitors";
    public override string NoCompetitors => "The master data has no competitors.";

    public override string MoveUp(string code) => $"Move {code} up";

    public override string MoveDown(string code) => $"Move {code} down";

    public override string OfferCompetitor(string competitor, string phase) => $"{competitor} in {phase}";

    public override string ScaleName(SurveyItemScale scale) => scale switch
    {
        SurveyItemScale.A5 => "Agreement 1–5",
        SurveyItemScale.S5 => "Satisfaction 1–5",
        SurveyItemScale.R11 => "0–10",
        SurveyItemScale.YN => "Yes / no",
        SurveyItemScale.Relative5 => "Worse–better 1–5",
        _ => "Text",
    };

    public override string LevelName(SurveyItemLevel level) => level switch
    {
        SurveyItemLevel.Phase => "per phase",
        SurveyItemLevel.Touchpoint => "per phase and touchpoint",
        _ => "once",
    };

    public override string? Done(string? code, string? item) => code switch
    {
        "created" => "The survey was created from the standard questionnaire.",
        "settings" => "Settings saved.",
        "item-added" => $"Item {item} added at the end of the questionnaire.",
        "moved" => $"Item {item} moved.",
        "scope" => "Phases and touchpoints saved.",
        "competitors" => "Competitors saved.",
        "wave-created" => "Wave created. Invite contacts next.",
        _ => null,
    };

    public override string Error(string code) => code switch
    {
        "expired" => "The form had expired. Please try again.",
        "name" => "Enter a name.",
        "min-group-size" => "The minimum group size must be a whole number of at least 1.",
        "code-invalid" => "The code must consist of upper-case letters, digits and _, and start with a letter.",
        "code-taken" => "This code is already in use in this survey or the standard questionnaire.",
        "texts" => "Enter the question in English and in German.",
        "scale" or "level" => "Choose a scale and where the item is asked.",
        "dates" => "Enter both dates.",
        "closes-before-opens" => "The close date is before the open date.",
        "wave-name-taken" => "This survey already has a wave with that name.",
        "no-phase" => "Choose at least one phase.",
        "no-touchpoint" => "Choose at least one touchpoint.",
        "no-accounts" => "Tick at least one account.",
        "selection" => "Choose key accounts, a segment, or both.",
        "wave-closed" => "The wave is not open: invitations are created until it closes, e-mails go out only while it is open.",
        "conflict" => "Someone else changed the same data at the same time. Please try again.",
        _ => "That did not work. Check the entries and try again.",
    };

    public override string ProgressView => "Progress view";
    public override string InviteTitle => "Invite contacts";
    public override string InviteIntro =>
        "One invitation per active contact with survey consent; contacts already invited to this wave are not invited twice.";
    public override string ByCriteria => "All accounts of a kind";
    public override string KeyAccountsOnly => "Key accounts";
    public override string InviteMatching => "Invite these accounts";
    public override string ChooseAccounts => "Choose accounts";
    public override string InviteSelected => "Invite selected accounts";
    public override string EligibleContacts => "Contacts with consent";
    public override string InvitedHere => "Invited";
    public override string NoAccountsFound => "No accounts match the search.";
    public override string InvitationsCreatedTitle => "Invitations";
    public override string Created => "Created";
    public override string SkippedWithoutConsent => "Skipped: no survey consent";
    public override string SkippedInactive => "Skipped: inactive";
    public override string AlreadyInvited => "Already invited";
    public override string WaveClosedNote => "This wave has closed: no more invitations or e-mails.";
    public override string EmailTitle => "E-mail";
    public override string EmailIntro =>
        "Invitations and reminders go out in each contact's language. Consent is checked again when sending; each contact gets each e-mail once.";
    public override string SendReminders => "Send reminders";
    public override string NothingToSend => "No invitations are waiting to be sent.";
    public override string MailSent => "Sent";
    public override string SkippedWithoutEmail => "Skipped: no e-mail address";
    public override string MailFailed => "Failed (tried again next time)";
    public override string Invitations => "Invitations";
    public override string LinksIntro =>
        "Copy a personal link or export all of them for a mail merge. Whoever has a link can answer in that contact's name: pass links on only to them.";
    public override string ExportLinks => "Export links (CSV)";
    public override string Language => "Language";
    public override string Link => "Personal link";
    public override string NoInvitations => "Nobody has been invited to this wave yet.";
    public override string NoContactName => "(no name)";

    public override string SelectAccount(string name) => $"Select {name}";

    public override string ShowingFirst(int shown, int total) =>
        string.Format(Culture, "Showing {0:N0} of {1:N0} accounts (key accounts first); search to narrow them down.", shown, total);

    public override string WaveNotOpenYet(string date) => $"The wave opens on {date}; e-mails can be sent from then on.";

    public override string SendInvitations(int pending) =>
        pending == 1 ? "Send 1 invitation" : string.Format(Culture, "Send {0:N0} invitations", pending);

    public override string RemindersNote(int days, int max) =>
        string.Format(Culture, "Reminders go to those who have not answered yet, at the earliest {0:N0} days after the last e-mail and at most {1:N0} times; a background job sends them automatically, too.", days, max);

    public override string MailResultTitle(bool reminders) => reminders ? "Reminders" : "Invitation e-mails";

    public override string LinkFor(string name) => $"Personal link of {name}";

    public override string LanguageName(string code) => code == "de" ? "German" : "English";

    public override string InvitationStatusName(InvitationStatus status) => status switch
    {
        InvitationStatus.Pending => "Not sent",
        InvitationStatus.Sent => "Sent",
        InvitationStatus.Started => "Started",
        _ => "Completed",
    };

    public override string ProgressIntro =>
        "Response rate = completed ÷ invited. The counts are the invitations' current status.";
    public override string SubmittedRespondents => "Submitted respondents";
    public override string SubmittedHint => "including imported responses";
    public override string ByStatus => "Invitations by status";
    public override string ByBuyingRole => "By buying role";
    public override string NoRole => "No role";
    public override string ByPhase => "By phase";
    public override string ByPhaseIntro => "Submitted respondents involved in each phase, and their share of all submitted respondents.";
    public override string Involved => "Involved";
    public override string ShareOfSubmitted => "Share";
    public override string ByAccount => "By account";
    public override string NoInvitationsProgress => "Nobody has been invited to this wave yet, so there is no progress to show.";
    public override string ProgressOwnAccounts => "Only your accounts are counted.";
    public override string BackToWave => "Back to the wave";

    public override string ProgressTitle(string wave) => $"Progress: {wave}";

    public override string Suppressed(int minGroupSize) => string.Format(Culture, "hidden (fewer than {0})", minGroupSize);

    public override string RateOf(int completed, int invited) => string.Format(Culture, "{0:N0} of {1:N0}", completed, invited);
}
