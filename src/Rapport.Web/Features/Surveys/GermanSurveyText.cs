using System.Globalization;
using Rapport.Core.Surveys;

namespace Rapport.Web.Features.Surveys;

internal sealed class GermanSurveyText : SurveyText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("de");

    public override string SurveysIntro =>
        "Beziehungsstudien entlang der Geschäftsphasen: Fragebogen gestalten, Wellen öffnen, Ansprechpartner einladen und den Rücklauf verfolgen.";
    public override string NewSurvey => "Neue Befragung";
    public override string NewSurveyHint =>
        "Beginnt mit dem Standard-Fragebogen der Beziehungsstudie und den aktiven Phasen, Kontaktpunkten und Wettbewerbern; alles lässt sich danach ändern.";
    public override string SurveyName => "Name";
    public override string SurveyNamePlaceholder => "z. B. Beziehungsstudie 2026";
    public override string Anonymous => "Anonym";
    public override string AnonymousHint => "Ergebnisse zeigen nie einzelne Antworten und keine Gruppen unter der Mindestgruppengröße.";
    public override string MinGroupSize => "Mindestgruppengröße";
    public override string CreateFromTemplate => "Aus Vorlage anlegen";
    public override string NoSurveysTitle => "Noch keine Befragungen";
    public override string NoSurveysEditorText => "Legen Sie die erste Befragung aus dem Standard-Fragebogen an; Wellen und Einladungen folgen auf ihrer Seite.";
    public override string NoSurveysReadOnlyText =>
        "Befragungen gestalten Analysten und Administratoren. Sobald es eine gibt, verfolgen Sie hier ihre Wellen und den Rücklauf.";
    public override string Wave => "Welle";
    public override string Period => "Zeitraum";
    public override string Invited => "Eingeladen";
    public override string Completed => "Abgeschlossen";
    public override string ResponseRate => "Rücklaufquote";
    public override string NoWavesYet => "Noch keine Wellen.";
    public override string Template => "Vorlage";
    public override string StandardTemplate => "Standard-Fragebogen der Beziehungsstudie";

    public override string AnonymousBadge(int minGroupSize) => string.Format(Culture, "Anonym (Gruppen ab {0})", minGroupSize);

    public override string ItemCount(int items) => items == 1 ? "1 Frage" : string.Format(Culture, "{0:N0} Fragen", items);

    public override string CreatedOn(string date) => "angelegt am " + date;

    public override string WaveStateName(WaveState state) => state switch
    {
        WaveState.Upcoming => "Geplant",
        WaveState.Open => "Offen",
        _ => "Abgeschlossen",
    };

    public override string ReadOnlyNote => "Sie können diese Befragung ansehen; ändern können sie nur Analysten und Administratoren.";
    public override string Waves => "Wellen";
    public override string WavesIntro => "Eine Welle ist ein Durchlauf der Befragung, z. B. einmal im Jahr; die Ergebnisse vergleichen Wellen.";
    public override string NewWave => "Neue Welle";
    public override string WaveName => "Name der Welle";
    public override string WaveNamePlaceholder => "z. B. 2026";
    public override string OpensOn => "Beginnt am";
    public override string ClosesOn => "Endet am";
    public override string CreateWave => "Welle anlegen";
    public override string Settings => "Einstellungen";
    public override string SaveSettings => "Einstellungen speichern";
    public override string Questionnaire => "Fragebogen";
    public override string QuestionnaireIntro =>
        "In dieser Reihenfolge sehen Befragte die Fragen innerhalb jedes Schritts. Fragen des Standard-Fragebogens behalten ihre Bedeutung; eigene Fragen fügen Sie unten hinzu.";
    public override string Position => "Nr.";
    public override string Code => "Code";
    public override string Question => "Frage";
    public override string Scale => "Skala";
    public override string AskedPer => "Gefragt";
    public override string Order => "Reihenfolge";
    public override string CustomItem => "eigene";
    public override string AddItem => "Eigene Frage hinzufügen";
    public override string ItemCode => "Code";
    public override string ItemCodeHint => "Großbuchstaben, Ziffern und _, z. B. CUSTOM_DELIVERY_TIME; Exporte und Importe verwenden ihn.";
    public override string TextEnglish => "Frage auf Englisch";
    public override string TextGerman => "Frage auf Deutsch";
    public override string TextHint => "Darf {supplier}, {phase} und {touchpoint} enthalten.";
    public override string AddItemButton => "Frage hinzufügen";
    public override string PhasesAndTouchpoints => "Phasen und Kontaktpunkte";
    public override string ScopeIntro =>
        "Befragte geben zuerst an, an welchen Phasen sie beteiligt waren, dann, mit welchen Kontaktpunkten sie dort zu tun hatten, und bewerten nur diese.";
    public override string Phases => "Geschäftsphasen";
    public override string Touchpoints => "Kontaktpunkte";
    public override string SaveScope => "Phasen und Kontaktpunkte speichern";
    public override string InactiveInMasterData => "in den Stammdaten inaktiv";
    public override string CompetitorsPerPhase => "Wettbewerber je Phase";
    public override string CompetitorsIntro => "Die Wettbewerber, die Befragte in jeder Phase nennen können.";
    public override string Competitor => "Wettbewerber";
    public override string SaveCompetitors => "Wettbewerber speichern";
    public override string NoCompetitors => "Die Stammdaten enthalten keine Wettbewerber.";

    public override string MoveUp(string code) => $"{code} nach oben";

    public override string MoveDown(string code) => $"{code} nach unten";

    public override string OfferCompetitor(string competitor, string phase) => $"{competitor} in {phase}";

    public override string ScaleName(SurveyItemScale scale) => scale switch
    {
        SurveyItemScale.A5 => "Zustimmung 1–5",
        SurveyItemScale.S5 => "Zufriedenheit 1–5",
        SurveyItemScale.R11 => "0–10",
        SurveyItemScale.YN => "Ja / nein",
        SurveyItemScale.Relative5 => "Schlechter–besser 1–5",
        _ => "Text",
    };

    public override string LevelName(SurveyItemLevel level) => level switch
    {
        SurveyItemLevel.Phase => "je Phase",
        SurveyItemLevel.Touchpoint => "je Phase und Kontaktpunkt",
        _ => "einmal",
    };

    public override string? Done(string? code, string? item) => code switch
    {
        "created" => "Die Befragung wurde aus dem Standard-Fragebogen angelegt.",
        "settings" => "Einstellungen gespeichert.",
        "item-added" => $"Frage {item} am Ende des Fragebogens hinzugefügt.",
        "moved" => $"Frage {item} verschoben.",
        "scope" => "Phasen und Kontaktpunkte gespeichert.",
        "competitors" => "Wettbewerber gespeichert.",
        "wave-created" => "Welle angelegt. Laden Sie jetzt Ansprechpartner ein.",
        _ => null,
    };

    public override string Error(string code) => code switch
    {
        "expired" => "Das Formular war abgelaufen. Bitte versuchen Sie es noch einmal.",
        "name" => "Geben Sie einen Namen ein.",
        "min-group-size" => "Die Mindestgruppengröße muss eine ganze Zahl ab 1 sein.",
        "code-invalid" => "Der Code besteht aus Großbuchstaben, Ziffern und _ und beginnt mit einem Buchstaben.",
        "code-taken" => "Dieser Code ist in dieser Befragung oder im Standard-Fragebogen schon vergeben.",
        "texts" => "Geben Sie die Frage auf Englisch und auf Deutsch ein.",
        "scale" or "level" => "Wählen Sie eine Skala und wo die Frage gestellt wird.",
        "dates" => "Geben Sie beide Daten ein.",
        "closes-before-opens" => "Das Enddatum liegt vor dem Anfangsdatum.",
        "wave-name-taken" => "Diese Befragung hat schon eine Welle mit diesem Namen.",
        "no-phase" => "Wählen Sie mindestens eine Phase.",
        "no-touchpoint" => "Wählen Sie mindestens einen Kontaktpunkt.",
        "no-accounts" => "Wählen Sie mindestens einen Kunden aus.",
        "selection" => "Wählen Sie Key Accounts, eine Zielgruppe oder beides.",
        "wave-closed" => "Die Welle ist nicht offen: Einladungen lassen sich bis zu ihrem Ende anlegen, E-Mails gehen nur während sie offen ist hinaus.",
        "conflict" => "Jemand anderes hat gleichzeitig dieselben Daten geändert. Bitte versuchen Sie es noch einmal.",
        _ => "Das hat nicht geklappt. Prüfen Sie die Eingaben und versuchen Sie es noch einmal.",
    };

    public override string ProgressView => "Rücklauf";
    public override string InviteTitle => "Ansprechpartner einladen";
    public override string InviteIntro =>
        "Eine Einladung je aktivem Ansprechpartner mit Einwilligung für Befragungen; wer zu dieser Welle schon eingeladen ist, wird nicht erneut eingeladen.";
    public override string ByCriteria => "Alle Kunden einer Art";
    public override string KeyAccountsOnly => "Key Accounts";
    public override string InviteMatching => "Diese Kunden einladen";
    public override string ChooseAccounts => "Kunden auswählen";
    public override string InviteSelected => "Ausgewählte Kunden einladen";
    public override string EligibleContacts => "Ansprechpartner mit Einwilligung";
    public override string InvitedHere => "Eingeladen";
    public override string NoAccountsFound => "Keine Kunden passen zur Suche.";
    public override string InvitationsCreatedTitle => "Einladungen";
    public override string Created => "Angelegt";
    public override string SkippedWithoutConsent => "Übersprungen: keine Einwilligung";
    public override string SkippedInactive => "Übersprungen: inaktiv";
    public override string AlreadyInvited => "Schon eingeladen";
    public override string WaveClosedNote => "Diese Welle ist beendet: keine weiteren Einladungen oder E-Mails.";
    public override string EmailTitle => "E-Mail";
    public override string EmailIntro =>
        "Einladungen und Erinnerungen gehen in der Sprache des Ansprechpartners hinaus. Die Einwilligung wird beim Versand erneut geprüft; jede E-Mail geht je Ansprechpartner nur einmal hinaus.";
    public override string SendReminders => "Erinnerungen senden";
    public override string NothingToSend => "Keine Einladungen warten auf den Versand.";
    public override string MailSent => "Versandt";
    public override string SkippedWithoutEmail => "Übersprungen: keine E-Mail-Adresse";
    public override string MailFailed => "Fehlgeschlagen (beim nächsten Mal erneut)";
    public override string Invitations => "Einladungen";
    public override string LinksIntro =>
        "Kopieren Sie einen persönlichen Link oder exportieren Sie alle für einen Serienbrief. Wer einen Link hat, kann im Namen des Ansprechpartners antworten: Geben Sie Links nur an diesen weiter.";
    public override string ExportLinks => "Links exportieren (CSV)";
    public override string Language => "Sprache";
    public override string Link => "Persönlicher Link";
    public override string NoInvitations => "Zu dieser Welle ist noch niemand eingeladen.";
    public override string NoContactName => "(ohne Namen)";

    public override string SelectAccount(string name) => $"{name} auswählen";

    public override string ShowingFirst(int shown, int total) =>
        string.Format(Culture, "{0:N0} von {1:N0} Kunden (Key Accounts zuerst); grenzen Sie sie mit der Suche ein.", shown, total);

    public override string WaveNotOpenYet(string date) => $"Die Welle beginnt am {date}; ab dann lassen sich E-Mails senden.";

    public override string SendInvitations(int pending) =>
        pending == 1 ? "1 Einladung senden" : string.Format(Culture, "{0:N0} Einladungen senden", pending);

    public override string RemindersNote(int days, int max) =>
        string.Format(Culture, "Erinnerungen erhalten alle, die noch nicht geantwortet haben, frühestens {0:N0} Tage nach der letzten E-Mail und höchstens {1:N0}-mal; ein Hintergrundjob sendet sie auch automatisch.", days, max);

    public override string MailResultTitle(bool reminders) => reminders ? "Erinnerungen" : "Einladungs-E-Mails";

    public override string LinkFor(string name) => $"Persönlicher Link von {name}";

    public override string LanguageName(string code) => code == "de" ? "Deutsch" : "Englisch";

    public override string InvitationStatusName(InvitationStatus status) => status switch
    {
        InvitationStatus.Pending => "Nicht versandt",
        InvitationStatus.Sent => "Versandt",
        InvitationStatus.Started => "Begonnen",
        _ => "Abgeschlossen",
    };

    public override string ProgressIntro =>
        "Rücklaufquote = abgeschlossen ÷ eingeladen. Die Zahlen zeigen den aktuellen Stand der Einladungen.";
    public override string SubmittedRespondents => "Abgeschickte Antworten";
    public override string SubmittedHint => "einschließlich importierter Antworten";
    public override string ByStatus => "Einladungen nach Stand";
    public override string ByBuyingRole => "Nach Rolle im Buying Center";
    public override string NoRole => "Ohne Rolle";
    public override string ByPhase => "Nach Phase";
    public override string ByPhaseIntro => "Befragte mit abgeschickten Antworten, die an der Phase beteiligt waren, und ihr Anteil an allen.";
    public override string Involved => "Beteiligt";
    public override string ShareOfSubmitted => "Anteil";
    public override string ByAccount => "Nach Kunde";
    public override string NoInvitationsProgress => "Zu dieser Welle ist noch niemand eingeladen, daher gibt es keinen Rücklauf.";
    public override string ProgressOwnAccounts => "Gezählt werden nur Ihre Kunden.";
    public override string BackToWave => "Zurück zur Welle";

    public override string ProgressTitle(string wave) => $"Rücklauf: {wave}";

    public override string Suppressed(int minGroupSize) => string.Format(Culture, "verborgen (weniger als {0})", minGroupSize);

    public override string RateOf(int completed, int invited) => string.Format(Culture, "{0:N0} von {1:N0}", completed, invited);
}
