using System.Globalization;
using Rapport.Core.Complaints;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Complaints;

/// <summary>The complaint pages' strings (English and German); a missing translation is a compile error.</summary>
internal abstract class ComplaintsText
{
    private static readonly ComplaintsText English = new EnglishComplaintsText();
    private static readonly ComplaintsText German = new GermanComplaintsText();

    /// <summary>The table of the current request's UI culture.</summary>
    public static ComplaintsText Current => UiCultures.IsGerman(CultureInfo.CurrentUICulture) ? German : English;

    public abstract string Title { get; }
    public abstract string Intro { get; }
    public abstract string IntroOwn { get; }
    public abstract string NewComplaint { get; }
    public abstract string NewComplaintIntro { get; }
    public abstract string AccountExternalId { get; }
    public abstract string AccountExternalIdHint { get; }
    public abstract string Category { get; }
    public abstract string Severity { get; }
    public abstract string Subject { get; }
    public abstract string Description { get; }
    public abstract string ReceivedAt { get; }
    public abstract string ReceivedAtHint { get; }
    public abstract string Record { get; }
    public abstract string Received { get; }
    public abstract string Due { get; }
    public abstract string Overdue { get; }
    public abstract string OverdueOnly { get; }
    public abstract string OpenOnly { get; }
    public abstract string NoComplaintsTitle { get; }
    public abstract string NoComplaintsText { get; }
    public abstract string NoMatchesText { get; }
    public abstract string Statistics { get; }
    public abstract string StatisticsIntro { get; }
    public abstract string OpenComplaints { get; }
    public abstract string OverdueComplaints { get; }
    public abstract string MedianResolution { get; }
    public abstract string SlaAdherence { get; }
    public abstract string ReopenRate { get; }
    public abstract string MeanSatisfaction { get; }
    public abstract string ByCategory { get; }
    public abstract string ByTouchpoint { get; }
    public abstract string BySeverity { get; }
    public abstract string ByPhase { get; }
    public abstract string NotSet { get; }
    public abstract string Complaints { get; }
    public abstract string ComplaintsCount(int count);
    public abstract string OverdueCount(int count);
    public abstract string DaysValue(double days);
    public abstract string OfBase(int n);
    public abstract string ChartSummary(string group);

    // Detail page
    public abstract string BackToComplaints { get; }
    public abstract string Details { get; }
    public abstract string Contact { get; }
    public abstract string RootCause { get; }
    public abstract string RootCauseHint { get; }
    public abstract string Resolution { get; }
    public abstract string ResolutionHint { get; }
    public abstract string History { get; }
    public abstract string NextSteps { get; }
    public abstract string NoNextSteps { get; }
    public abstract string Note { get; }
    public abstract string CustomerAnswer { get; }
    public abstract string CustomerAnswerIntro { get; }
    public abstract string Satisfaction { get; }
    public abstract string CustomerLink { get; }
    public abstract string CustomerLinkHint { get; }
    public abstract string Escalated { get; }
    public abstract string ReopenCount { get; }
    public abstract string AcknowledgedAt { get; }
    public abstract string ResolvedAt { get; }
    public abstract string ConfirmedAt { get; }
    public abstract string SlaPeriodStarted { get; }
    public abstract string Customer { get; }
    public abstract string System { get; }
    public abstract string NotAllowedNow { get; }
    public abstract string ChangedMeanwhile { get; }
    public abstract string Done(ComplaintAction action);
    public abstract string Created { get; }
    public abstract string ActionName(ComplaintAction action);
    public abstract string SatisfactionLabel(int value);
    public abstract string StatusName(ComplaintStatus status);
    public abstract string SeverityName(ComplaintSeverity severity);
    public abstract string CategoryName(ComplaintCategory category);
    public abstract string EventName(ComplaintEventKind kind);
    public abstract string FieldProblem(string field, string message);

    // Account page panel
    public abstract string PanelIntro { get; }
    public abstract string NoComplaintsForAccount { get; }
    public abstract string AllOfAccount(int count);
}

internal sealed class EnglishComplaintsText : ComplaintsText
{
    public override string Title => "Complaints";
    public override string Intro => "Complaints of all customers with their SLA, status and the customer's confirmation.";
    public override string IntroOwn => "Complaints of your accounts with their SLA, status and the customer's confirmation.";
    public override string NewComplaint => "New complaint";
    public override string NewComplaintIntro => "The deadline follows from the severity; the account's owner becomes the complaint's owner.";
    public override string AccountExternalId => "Account (external id)";
    public override string AccountExternalIdHint => "e.g. K-10001";
    public override string Category => "Category";
    public override string Severity => "Severity";
    public override string Subject => "Subject";
    public override string Description => "Description";
    public override string ReceivedAt => "Received at";
    public override string ReceivedAtHint => "Leave empty for now.";
    public override string Record => "Record complaint";
    public override string Received => "Received";
    public override string Due => "Due";
    public override string Overdue => "Overdue";
    public override string OverdueOnly => "Overdue only";
    public override string OpenOnly => "Open only";
    public override string NoComplaintsTitle => "No complaints yet";
    public override string NoComplaintsText => "Complaints recorded here, through the API or by import appear in this list.";
    public override string NoMatchesText => "No complaint matches these filters.";
    public override string Statistics => "Statistics";
    public override string StatisticsIntro => "All complaints in the list's scope; SLA adherence counts resolved complaints and open ones past their deadline.";
    public override string OpenComplaints => "Open";
    public override string OverdueComplaints => "Overdue";
    public override string MedianResolution => "Median resolution time";
    public override string SlaAdherence => "SLA adherence";
    public override string ReopenRate => "Reopen rate";
    public override string MeanSatisfaction => "Satisfaction with handling";
    public override string ByCategory => "By category";
    public override string ByTouchpoint => "By touchpoint";
    public override string BySeverity => "By severity";
    public override string ByPhase => "By business phase";
    public override string NotSet => "not set";
    public override string Complaints => "Complaints";
    public override string ComplaintsCount(int count) => count == 1 ? "1 complaint" : $"{count:N0} complaints";
    public override string OverdueCount(int count) => $"{count:N0} overdue";
    public override string DaysValue(double days) => days.ToString(days < 10 ? "0.0" : "0", CultureInfo.CurrentCulture) + " days";
    public override string OfBase(int n) => $"of {n:N0}";
    public override string ChartSummary(string group) => $"Complaints {group.ToLowerInvariant()}: count and overdue share";
    public override string BackToComplaints => "Complaints";
    public override string Details => "Details";
    public override string Contact => "Contact";
    public override string RootCause => "Root cause";
    public override string RootCauseHint => "Required: why did it happen? (internal)";
    public override string Resolution => "Resolution";
    public override string ResolutionHint => "What was done — the customer reads this on the confirmation page.";
    public override string History => "History";
    public override string NextSteps => "Next step";
    public override string NoNextSteps => "The complaint is closed: the customer has confirmed the resolution.";
    public override string Note => "Note (optional)";
    public override string CustomerAnswer => "Customer's answer";
    public override string CustomerAnswerIntro => "Record what the customer told you, or send them the confirmation link below.";
    public override string Satisfaction => "Satisfaction with the handling";
    public override string CustomerLink => "Confirmation link for the customer";
    public override string CustomerLinkHint => "Send this link to the customer: they confirm the resolution or reopen the complaint, without a login.";
    public override string Escalated => "Escalated";
    public override string ReopenCount => "Reopened";
    public override string AcknowledgedAt => "Acknowledged";
    public override string ResolvedAt => "Resolved";
    public override string ConfirmedAt => "Confirmed";
    public override string SlaPeriodStarted => "SLA period started";
    public override string Customer => "Customer (link)";
    public override string System => "System";
    public override string NotAllowedNow => "This step is not possible in the complaint's current status.";
    public override string ChangedMeanwhile => "Someone else changed the complaint in the meantime. Here is its current state.";
    public override string Done(ComplaintAction action) => action switch
    {
        ComplaintAction.Acknowledge => "Complaint acknowledged.",
        ComplaintAction.Start => "Work on the complaint has started.",
        ComplaintAction.Resolve => "Complaint resolved. Send the confirmation link to the customer.",
        ComplaintAction.Confirm => "The customer's confirmation is recorded.",
        _ => "Complaint reopened with a new deadline.",
    };
    public override string Created => "Complaint recorded.";
    public override string ActionName(ComplaintAction action) => action switch
    {
        ComplaintAction.Acknowledge => "Acknowledge",
        ComplaintAction.Start => "Start work",
        ComplaintAction.Resolve => "Resolve",
        ComplaintAction.Confirm => "Customer confirms",
        _ => "Customer reopens",
    };
    public override string SatisfactionLabel(int value) => value switch
    {
        1 => "1 – very dissatisfied",
        2 => "2 – dissatisfied",
        3 => "3 – neutral",
        4 => "4 – satisfied",
        _ => "5 – very satisfied",
    };
    public override string StatusName(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Received => "Received",
        ComplaintStatus.Acknowledged => "Acknowledged",
        ComplaintStatus.InProgress => "In progress",
        ComplaintStatus.Resolved => "Resolved",
        ComplaintStatus.Confirmed => "Confirmed",
        _ => "Reopened",
    };
    public override string SeverityName(ComplaintSeverity severity) => severity switch
    {
        ComplaintSeverity.Low => "Low",
        ComplaintSeverity.Medium => "Medium",
        ComplaintSeverity.High => "High",
        _ => "Critical",
    };
    public override string CategoryName(ComplaintCategory category) => category switch
    {
        ComplaintCategory.ProductQuality => "Product quality",
        ComplaintCategory.Delivery => "Delivery",
        ComplaintCategory.Installation => "Installation & commissioning",
        ComplaintCategory.Service => "Service",
        ComplaintCategory.SpareParts => "Spare parts",
        ComplaintCategory.Documentation => "Documentation",
        ComplaintCategory.Invoicing => "Invoicing",
        ComplaintCategory.Communication => "Communication",
        _ => "Other",
    };
    public override string EventName(ComplaintEventKind kind) => kind switch
    {
        ComplaintEventKind.Received => "Received",
        ComplaintEventKind.Acknowledged => "Acknowledged",
        ComplaintEventKind.Started => "Work started",
        ComplaintEventKind.Resolved => "Resolved",
        ComplaintEventKind.Confirmed => "Confirmed by the customer",
        ComplaintEventKind.Reopened => "Reopened",
        ComplaintEventKind.Escalated => "Escalated: past its deadline",
        _ => "Changed",
    };
    public override string FieldProblem(string field, string message) => field switch
    {
        "accountExternalId" or "accountId" => "There is no account with this external id that you may edit.",
        "subject" => "Please enter a subject (at most 200 characters).",
        "rootCause" => "Please enter the root cause; it is required to resolve a complaint.",
        "satisfaction" => "Please choose the customer's satisfaction with the handling (1 to 5).",
        "receivedAt" => "The receipt date must not lie in the future.",
        _ => message,
    };
    public override string PanelIntro => "The account's complaints, open ones first.";
    public override string NoComplaintsForAccount => "No complaints from this account.";
    public override string AllOfAccount(int count) => $"All {count:N0} complaints of this account";
}

internal sealed class GermanComplaintsText : ComplaintsText
{
    public override string Title => "Beschwerden";
    public override string Intro => "Beschwerden aller Kunden mit Frist (SLA), Status und Bestätigung durch den Kunden.";
    public override string IntroOwn => "Beschwerden Ihrer Kunden mit Frist (SLA), Status und Bestätigung durch den Kunden.";
    public override string NewComplaint => "Neue Beschwerde";
    public override string NewComplaintIntro => "Die Frist ergibt sich aus dem Schweregrad; verantwortlich ist zunächst der Betreuer des Kunden.";
    public override string AccountExternalId => "Kunde (externe ID)";
    public override string AccountExternalIdHint => "z. B. K-10001";
    public override string Category => "Kategorie";
    public override string Severity => "Schweregrad";
    public override string Subject => "Betreff";
    public override string Description => "Beschreibung";
    public override string ReceivedAt => "Eingegangen am";
    public override string ReceivedAtHint => "Leer lassen für jetzt.";
    public override string Record => "Beschwerde erfassen";
    public override string Received => "Eingang";
    public override string Due => "Frist";
    public override string Overdue => "Überfällig";
    public override string OverdueOnly => "Nur überfällige";
    public override string OpenOnly => "Nur offene";
    public override string NoComplaintsTitle => "Noch keine Beschwerden";
    public override string NoComplaintsText => "Hier, über die API oder per Import erfasste Beschwerden erscheinen in dieser Liste.";
    public override string NoMatchesText => "Keine Beschwerde passt zu diesen Filtern.";
    public override string Statistics => "Auswertung";
    public override string StatisticsIntro => "Alle Beschwerden im Bereich der Liste; die Termintreue zählt erledigte Beschwerden und offene nach Fristablauf.";
    public override string OpenComplaints => "Offen";
    public override string OverdueComplaints => "Überfällig";
    public override string MedianResolution => "Median der Bearbeitungszeit";
    public override string SlaAdherence => "Termintreue (SLA)";
    public override string ReopenRate => "Wieder geöffnet";
    public override string MeanSatisfaction => "Zufriedenheit mit der Bearbeitung";
    public override string ByCategory => "Nach Kategorie";
    public override string ByTouchpoint => "Nach Kontaktpunkt";
    public override string BySeverity => "Nach Schweregrad";
    public override string ByPhase => "Nach Geschäftsphase";
    public override string NotSet => "nicht angegeben";
    public override string Complaints => "Beschwerden";
    public override string ComplaintsCount(int count) => count == 1 ? "1 Beschwerde" : $"{count:N0} Beschwerden";
    public override string OverdueCount(int count) => $"{count:N0} überfällig";
    public override string DaysValue(double days) => days.ToString(days < 10 ? "0.0" : "0", CultureInfo.CurrentCulture) + " Tage";
    public override string OfBase(int n) => $"von {n:N0}";
    public override string ChartSummary(string group) => $"Beschwerden {group.ToLowerInvariant()}: Anzahl und Anteil überfälliger";
    public override string BackToComplaints => "Beschwerden";
    public override string Details => "Angaben";
    public override string Contact => "Ansprechpartner";
    public override string RootCause => "Ursache";
    public override string RootCauseHint => "Pflichtfeld: Warum ist es passiert? (intern)";
    public override string Resolution => "Lösung";
    public override string ResolutionHint => "Was getan wurde – das liest der Kunde auf der Bestätigungsseite.";
    public override string History => "Verlauf";
    public override string NextSteps => "Nächster Schritt";
    public override string NoNextSteps => "Die Beschwerde ist abgeschlossen: Der Kunde hat die Lösung bestätigt.";
    public override string Note => "Notiz (optional)";
    public override string CustomerAnswer => "Antwort des Kunden";
    public override string CustomerAnswerIntro => "Erfassen Sie, was der Kunde Ihnen gesagt hat, oder schicken Sie ihm den Bestätigungslink unten.";
    public override string Satisfaction => "Zufriedenheit mit der Bearbeitung";
    public override string CustomerLink => "Bestätigungslink für den Kunden";
    public override string CustomerLinkHint => "Schicken Sie diesen Link an den Kunden: Er bestätigt die Lösung oder öffnet die Beschwerde wieder, ohne Anmeldung.";
    public override string Escalated => "Eskaliert";
    public override string ReopenCount => "Wieder geöffnet";
    public override string AcknowledgedAt => "Eingangsbestätigung";
    public override string ResolvedAt => "Gelöst";
    public override string ConfirmedAt => "Bestätigt";
    public override string SlaPeriodStarted => "Frist läuft seit";
    public override string Customer => "Kunde (Link)";
    public override string System => "System";
    public override string NotAllowedNow => "Dieser Schritt ist im aktuellen Status der Beschwerde nicht möglich.";
    public override string ChangedMeanwhile => "Jemand anderes hat die Beschwerde inzwischen geändert. Hier ist ihr aktueller Stand.";
    public override string Done(ComplaintAction action) => action switch
    {
        ComplaintAction.Acknowledge => "Eingang der Beschwerde bestätigt.",
        ComplaintAction.Start => "Die Bearbeitung hat begonnen.",
        ComplaintAction.Resolve => "Beschwerde gelöst. Schicken Sie dem Kunden den Bestätigungslink.",
        ComplaintAction.Confirm => "Die Bestätigung des Kunden ist erfasst.",
        _ => "Beschwerde mit neuer Frist wieder geöffnet.",
    };
    public override string Created => "Beschwerde erfasst.";
    public override string ActionName(ComplaintAction action) => action switch
    {
        ComplaintAction.Acknowledge => "Eingang bestätigen",
        ComplaintAction.Start => "Bearbeitung beginnen",
        ComplaintAction.Resolve => "Als gelöst markieren",
        ComplaintAction.Confirm => "Kunde bestätigt",
        _ => "Kunde öffnet wieder",
    };
    public override string SatisfactionLabel(int value) => value switch
    {
        1 => "1 – sehr unzufrieden",
        2 => "2 – unzufrieden",
        3 => "3 – teils, teils",
        4 => "4 – zufrieden",
        _ => "5 – sehr zufrieden",
    };
    public override string StatusName(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Received => "Eingegangen",
        ComplaintStatus.Acknowledged => "Eingang bestätigt",
        ComplaintStatus.InProgress => "In Bearbeitung",
        ComplaintStatus.Resolved => "Gelöst",
        ComplaintStatus.Confirmed => "Vom Kunden bestätigt",
        _ => "Wieder geöffnet",
    };
    public override string SeverityName(ComplaintSeverity severity) => severity switch
    {
        ComplaintSeverity.Low => "Gering",
        ComplaintSeverity.Medium => "Mittel",
        ComplaintSeverity.High => "Hoch",
        _ => "Kritisch",
    };
    public override string CategoryName(ComplaintCategory category) => category switch
    {
        ComplaintCategory.ProductQuality => "Produktqualität",
        ComplaintCategory.Delivery => "Lieferung",
        ComplaintCategory.Installation => "Montage & Inbetriebnahme",
        ComplaintCategory.Service => "Service",
        ComplaintCategory.SpareParts => "Ersatzteile",
        ComplaintCategory.Documentation => "Dokumentation",
        ComplaintCategory.Invoicing => "Rechnung",
        ComplaintCategory.Communication => "Kommunikation",
        _ => "Sonstiges",
    };
    public override string EventName(ComplaintEventKind kind) => kind switch
    {
        ComplaintEventKind.Received => "Eingegangen",
        ComplaintEventKind.Acknowledged => "Eingang bestätigt",
        ComplaintEventKind.Started => "Bearbeitung begonnen",
        ComplaintEventKind.Resolved => "Gelöst",
        ComplaintEventKind.Confirmed => "Vom Kunden bestätigt",
        ComplaintEventKind.Reopened => "Wieder geöffnet",
        ComplaintEventKind.Escalated => "Eskaliert: Frist überschritten",
        _ => "Geändert",
    };
    public override string FieldProblem(string field, string message) => field switch
    {
        "accountExternalId" or "accountId" => "Es gibt keinen Kunden mit dieser externen ID, den Sie bearbeiten dürfen.",
        "subject" => "Bitte geben Sie einen Betreff ein (höchstens 200 Zeichen).",
        "rootCause" => "Bitte geben Sie die Ursache an; sie ist Pflicht, um eine Beschwerde als gelöst zu markieren.",
        "satisfaction" => "Bitte wählen Sie die Zufriedenheit des Kunden mit der Bearbeitung (1 bis 5).",
        "receivedAt" => "Das Eingangsdatum darf nicht in der Zukunft liegen.",
        _ => message,
    };
    public override string PanelIntro => "Die Beschwerden des Kunden, offene zuerst.";
    public override string NoComplaintsForAccount => "Keine Beschwerden dieses Kunden.";
    public override string AllOfAccount(int count) => $"Alle {count:N0} Beschwerden dieses Kunden";
}

/// <summary>Short access for markup: <c>@C.Title</c>.</summary>
internal static class ComplaintsUi
{
    public static ComplaintsText C => ComplaintsText.Current;
}
