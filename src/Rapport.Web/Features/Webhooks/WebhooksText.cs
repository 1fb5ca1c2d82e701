using System.Globalization;
using Rapport.Core.Webhooks;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Webhooks;

/// <summary>The webhook admin page's strings (English and German); a missing translation is a compile error.</summary>
internal abstract class WebhooksText
{
    private static readonly WebhooksText English = new EnglishWebhooksText();
    private static readonly WebhooksText German = new GermanWebhooksText();

    public static WebhooksText Current => UiCultures.IsGerman(CultureInfo.CurrentUICulture) ? German : English;

    public abstract string Title { get; }
    public abstract string Intro { get; }
    public abstract string NewSubscription { get; }
    public abstract string Url { get; }
    public abstract string UrlHint { get; }
    public abstract string Description { get; }
    public abstract string EventTypes { get; }
    public abstract string EventTypesHint { get; }
    public abstract string AllEventTypes { get; }
    public abstract string Secret { get; }
    public abstract string SecretHint { get; }
    public abstract string Create { get; }
    public abstract string CreatedTitle { get; }
    public abstract string SecretOnce { get; }
    public abstract string Subscriptions { get; }
    public abstract string NoSubscriptions { get; }
    public abstract string Created { get; }
    public abstract string Deliveries { get; }
    public abstract string LastAttempt { get; }
    public abstract string ShowLog { get; }
    public abstract string SendTest { get; }
    public abstract string Delete { get; }
    public abstract string Deleted { get; }
    public abstract string TestDelivered(int? statusCode);
    public abstract string TestFailed(string? error);
    public abstract string DeliveryLog(string url);
    public abstract string NoDeliveries { get; }
    public abstract string Event { get; }
    public abstract string Attempts { get; }
    public abstract string Response { get; }
    public abstract string NextAttempt { get; }
    public abstract string DeliveredAt { get; }
    public abstract string Actions { get; }
    public abstract string Verification { get; }
    public abstract string EventTypeName(string type);
    public abstract string StatusName(WebhookDeliveryStatus status);
    public abstract string FieldProblem(string field, string message);
}

internal sealed class EnglishWebhooksText : WebhooksText
{
    public override string Title => "Webhooks";
    public override string Intro => "Rapport sends signed events to other systems: early-warning signals, detractor answers, overdue complaints and lifecycle phase changes. Failed deliveries are retried with growing pauses.";
    public override string NewSubscription => "New subscription";
    public override string Url => "Receiver URL";
    public override string UrlHint => "https://… — the receiver must answer 2xx within the timeout.";
    public override string Description => "Description";
    public override string EventTypes => "Events";
    public override string EventTypesHint => "None ticked means all events.";
    public override string AllEventTypes => "All events";
    public override string Secret => "Signing secret (optional)";
    public override string SecretHint => "Leave empty to have a strong secret generated.";
    public override string Create => "Create subscription";
    public override string CreatedTitle => "Subscription created";
    public override string SecretOnce => "Copy the signing secret now: it is shown only this once. The receiver checks the X-Rapport-Signature header with it.";
    public override string Subscriptions => "Subscriptions";
    public override string NoSubscriptions => "No subscriptions yet.";
    public override string Created => "Created";
    public override string Deliveries => "Deliveries";
    public override string LastAttempt => "Last attempt";
    public override string ShowLog => "Delivery log";
    public override string SendTest => "Send test";
    public override string Delete => "Delete";
    public override string Deleted => "Subscription deleted.";
    public override string TestDelivered(int? statusCode) => $"Test event delivered (HTTP {statusCode}).";
    public override string TestFailed(string? error) => $"Test event not delivered: {error}";
    public override string DeliveryLog(string url) => $"Delivery log: {url}";
    public override string NoDeliveries => "Nothing delivered yet.";
    public override string Event => "Event";
    public override string Attempts => "Attempts";
    public override string Response => "Last answer";
    public override string NextAttempt => "Next attempt";
    public override string DeliveredAt => "Delivered";
    public override string Actions => "Actions";
    public override string Verification => "How receivers verify the signature: docs/webhooks.md.";
    public override string EventTypeName(string type) => type switch
    {
        Rapport.Core.Events.EventTypes.SignalRaised => "Early-warning signal raised",
        Rapport.Core.Events.EventTypes.DetractorResponse => "Detractor answer in a survey",
        Rapport.Core.Events.EventTypes.ComplaintOverdue => "Complaint overdue",
        Rapport.Core.Events.EventTypes.LifecyclePhaseChanged => "Lifecycle phase changed",
        WebhookDispatcher.TestEventType => "Test event",
        _ => type,
    };
    public override string StatusName(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => "Pending",
        WebhookDeliveryStatus.Delivered => "Delivered",
        _ => "Failed",
    };
    public override string FieldProblem(string field, string message) => field switch
    {
        "url" => "Please enter an absolute http:// or https:// URL without user name or password.",
        "secret" => $"The secret must be {WebhookSecrets.MinLength}–{WebhookSecrets.MaxLength} characters long, or empty.",
        _ => message,
    };
}

internal sealed class GermanWebhooksText : WebhooksText
{
    public override string Title => "Webhooks";
    public override string Intro => "Rapport sendet signierte Ereignisse an andere Systeme: Frühwarnsignale, Antworten von Kritikern, überfällige Beschwerden und Wechsel der Lebenszyklusphase. Fehlgeschlagene Zustellungen werden mit wachsenden Pausen wiederholt.";
    public override string NewSubscription => "Neues Abonnement";
    public override string Url => "Empfänger-URL";
    public override string UrlHint => "https://… – der Empfänger muss innerhalb der Wartezeit mit 2xx antworten.";
    public override string Description => "Beschreibung";
    public override string EventTypes => "Ereignisse";
    public override string EventTypesHint => "Keine Auswahl bedeutet alle Ereignisse.";
    public override string AllEventTypes => "Alle Ereignisse";
    public override string Secret => "Signaturschlüssel (optional)";
    public override string SecretHint => "Leer lassen, um einen starken Schlüssel erzeugen zu lassen.";
    public override string Create => "Abonnement anlegen";
    public override string CreatedTitle => "Abonnement angelegt";
    public override string SecretOnce => "Kopieren Sie den Signaturschlüssel jetzt: Er wird nur dieses eine Mal angezeigt. Der Empfänger prüft damit den Header X-Rapport-Signature.";
    public override string Subscriptions => "Abonnements";
    public override string NoSubscriptions => "Noch keine Abonnements.";
    public override string Created => "Angelegt";
    public override string Deliveries => "Zustellungen";
    public override string LastAttempt => "Letzter Versuch";
    public override string ShowLog => "Zustellprotokoll";
    public override string SendTest => "Test senden";
    public override string Delete => "Löschen";
    public override string Deleted => "Abonnement gelöscht.";
    public override string TestDelivered(int? statusCode) => $"Testereignis zugestellt (HTTP {statusCode}).";
    public override string TestFailed(string? error) => $"Testereignis nicht zugestellt: {error}";
    public override string DeliveryLog(string url) => $"Zustellprotokoll: {url}";
    public override string NoDeliveries => "Noch nichts zugestellt.";
    public override string Event => "Ereignis";
    public override string Attempts => "Versuche";
    public override string Response => "Letzte Antwort";
    public override string NextAttempt => "Nächster Versuch";
    public override string DeliveredAt => "Zugestellt";
    public override string Actions => "Aktionen";
    public override string Verification => "Wie Empfänger die Signatur prüfen: docs/webhooks.md.";
    public override string EventTypeName(string type) => type switch
    {
        Rapport.Core.Events.EventTypes.SignalRaised => "Frühwarnsignal ausgelöst",
        Rapport.Core.Events.EventTypes.DetractorResponse => "Kritiker-Antwort in einer Befragung",
        Rapport.Core.Events.EventTypes.ComplaintOverdue => "Beschwerde überfällig",
        Rapport.Core.Events.EventTypes.LifecyclePhaseChanged => "Lebenszyklusphase gewechselt",
        WebhookDispatcher.TestEventType => "Testereignis",
        _ => type,
    };
    public override string StatusName(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => "Ausstehend",
        WebhookDeliveryStatus.Delivered => "Zugestellt",
        _ => "Fehlgeschlagen",
    };
    public override string FieldProblem(string field, string message) => field switch
    {
        "url" => "Bitte geben Sie eine absolute http://- oder https://-URL ohne Benutzername oder Passwort ein.",
        "secret" => $"Der Schlüssel muss {WebhookSecrets.MinLength}–{WebhookSecrets.MaxLength} Zeichen lang sein oder leer bleiben.",
        _ => message,
    };
}

/// <summary>The create form of <c>/admin/webhooks</c>.</summary>
public sealed class WebhookForm
{
    public string? Url { get; set; }
    public string? Description { get; set; }
    public string[]? EventTypes { get; set; }
    public string? Secret { get; set; }
}

/// <summary>The row buttons of the subscription table: <c>test:{id}</c> or <c>delete:{id}</c>.</summary>
public sealed class WebhookCommandForm
{
    public string? Command { get; set; }
}

/// <summary>Short access for markup: <c>@W.Title</c>.</summary>
internal static class WebhooksUi
{
    public static WebhooksText W => WebhooksText.Current;
}
