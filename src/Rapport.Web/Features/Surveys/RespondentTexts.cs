using Rapport.Core.Surveys;

namespace Rapport.Web.Features.Surveys;

/// <summary>The respondent pages' own wording in English and German (the questions come from the survey's items).</summary>
internal sealed record RespondentTexts(
    string Lang, string Title, string Switch, string SwitchLang, string Intro, string StepPhases, string StepContacts,
    string StepRatings, string StepPhase, string StepLoyalty, string StepOpen, string Yes, string No, string Next, string Back,
    string SaveLater, string Submit, string SavedTitle, string Saved, string ThanksTitle, string Thanks, string CompletedTitle,
    string Completed, string ClosedTitle, string NotFoundTitle, string NotFound, string TooManyTitle, string TooMany,
    string ErrorsTitle, string ContactsHint, string MainContact, string NoCompetitor, string Progress, string ClosesOn,
    IReadOnlyDictionary<SurveyItemScale, string[]> Scales, string R11Low, string R11High)
{
    public static readonly RespondentTexts En = new(
        "en", "Relationship survey", "Deutsch", "de",
        "Thank you for taking part. Please answer only what you know from your own experience; any question may be left unanswered.",
        "Your involvement", "Your contacts", "The people you dealt with", "The phases", "Your relationship with {supplier}", "Last question",
        "Yes", "No", "Next", "Back", "Save and continue later", "Submit answers",
        "Answers saved", "Your answers are saved. Open the same link again to continue where you left off.",
        "Thank you!", "Your answers have been submitted. Thank you for your time.",
        "Already submitted", "This survey has already been submitted with this link. Thank you for taking part.",
        "Survey closed", "Survey not found", "There is no survey behind this link. Please check that the link is complete.",
        "Too many attempts", "Too many attempts from your network. Please wait a few minutes and try again.",
        "Please check your answers", "Tick every function of {supplier} you had contact with in this phase.",
        "This was my main contact in this phase", "— none —", "Step {0} of {1}", "Open until {0}",
        new Dictionary<SurveyItemScale, string[]>
        {
            [SurveyItemScale.A5] = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"],
            [SurveyItemScale.S5] = ["Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied"],
            [SurveyItemScale.Relative5] = ["Much worse", "Worse", "About the same", "Better", "Much better"],
        },
        "0 = not at all likely", "10 = extremely likely");

    public static readonly RespondentTexts De = new(
        "de", "Beziehungsstudie", "English", "en",
        "Vielen Dank für Ihre Teilnahme. Bitte beantworten Sie nur, was Sie aus eigener Erfahrung beurteilen können; jede Frage kann offen bleiben.",
        "Ihre Beteiligung", "Ihre Kontakte", "Ihre Ansprechpartner", "Die Phasen", "Ihre Beziehung zu {supplier}", "Letzte Frage",
        "Ja", "Nein", "Weiter", "Zurück", "Speichern und später fortsetzen", "Antworten absenden",
        "Antworten gespeichert", "Ihre Antworten sind gespeichert. Öffnen Sie denselben Link erneut, um dort weiterzumachen, wo Sie aufgehört haben.",
        "Vielen Dank!", "Ihre Antworten wurden übermittelt. Vielen Dank für Ihre Zeit.",
        "Bereits abgeschlossen", "Diese Befragung wurde mit diesem Link bereits abgeschlossen. Vielen Dank für Ihre Teilnahme.",
        "Befragung beendet", "Befragung nicht gefunden", "Zu diesem Link gibt es keine Befragung. Bitte prüfen Sie, ob der Link vollständig ist.",
        "Zu viele Versuche", "Zu viele Versuche aus Ihrem Netzwerk. Bitte warten Sie einige Minuten und versuchen Sie es erneut.",
        "Bitte prüfen Sie Ihre Antworten", "Kreuzen Sie jeden Bereich von {supplier} an, mit dem Sie in dieser Phase Kontakt hatten.",
        "Das war in dieser Phase mein Hauptansprechpartner", "— keiner —", "Schritt {0} von {1}", "Geöffnet bis {0}",
        new Dictionary<SurveyItemScale, string[]>
        {
            [SurveyItemScale.A5] = ["Stimme überhaupt nicht zu", "Stimme eher nicht zu", "Teils/teils", "Stimme eher zu", "Stimme voll zu"],
            [SurveyItemScale.S5] = ["Sehr unzufrieden", "Unzufrieden", "Teils/teils", "Zufrieden", "Sehr zufrieden"],
            [SurveyItemScale.Relative5] = ["Deutlich schlechter", "Schlechter", "Etwa gleich", "Besser", "Deutlich besser"],
        },
        "0 = äußerst unwahrscheinlich", "10 = äußerst wahrscheinlich");

    public static RespondentTexts For(string? language) => language == "de" ? De : En;
}
