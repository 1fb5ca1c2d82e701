using System.Globalization;
using Rapport.Analytics.Retention;
using Rapport.Core.Retention;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Retention;

/// <summary>
/// Strings of the retention pages (portfolio, risk list, tasks, account health) in English and German; a missing
/// translation is a compile error. German uses the glossary terms of docs/domain.md#glossary.
/// </summary>
internal abstract class RetentionText
{
    private static readonly RetentionText English = new EnglishRetentionText();
    private static readonly RetentionText German = new GermanRetentionText();

    public static RetentionText Current => UiCultures.IsGerman(CultureInfo.CurrentUICulture) ? German : English;

    // Portfolio
    public abstract string PortfolioTitle { get; }
    public abstract string PortfolioIntro { get; }
    public abstract string Accounts { get; }
    public abstract string ShareOfAccounts { get; }
    public abstract string Revenue12Months { get; }
    public abstract string Clv { get; }
    public abstract string MedianTimeInPhase { get; }
    public abstract string ShowAccounts { get; }
    public abstract string Distribution { get; }
    public abstract string FlowsTitle { get; }
    public abstract string FlowsFromTo { get; }
    public abstract string NoFlows { get; }
    public abstract string NotScoredTitle { get; }
    public abstract string NotScoredText { get; }
    public abstract string LastScored { get; }
    public abstract string OpenRiskList { get; }

    // Risk list
    public abstract string RiskListTitle { get; }
    public abstract string RiskListIntro { get; }
    public abstract string PAlive { get; }
    public abstract string ClvAtRisk { get; }
    public abstract string Signals { get; }
    public abstract string OnlyMine { get; }
    public abstract string NoRisksTitle { get; }
    public abstract string NoRisksText { get; }

    // Tasks
    public abstract string TasksTitle { get; }
    public abstract string TasksIntro { get; }
    public abstract string OpenTasks { get; }
    public abstract string CompletedTasks { get; }
    public abstract string Task { get; }
    public abstract string Due { get; }
    public abstract string Origin { get; }
    public abstract string MarkDone { get; }
    public abstract string Reopen { get; }
    public abstract string Overdue { get; }
    public abstract string NoTasksTitle { get; }
    public abstract string NoTasksText { get; }
    public abstract string NoCompletedTasks { get; }
    public abstract string Completed { get; }
    public abstract string WhyThisTask { get; }

    // Account health
    public abstract string HealthTitle { get; }
    public abstract string HealthIntro { get; }
    public abstract string ExpectedOrders12Months { get; }
    public abstract string LoyaltyIndex { get; }
    public abstract string PhaseReason { get; }
    public abstract string PAliveOverTime { get; }
    public abstract string PhaseHistory { get; }
    public abstract string OpenSignals { get; }
    public abstract string NoSignals { get; }
    public abstract string NoPhaseHistory { get; }
    public abstract string Evidence { get; }
    public abstract string RaisedOn { get; }
    public abstract string Date { get; }
    public abstract string AllTasks { get; }
    public abstract string NoOpenTasks { get; }
    public abstract string NotScoredYet { get; }
    public abstract string NoModel { get; }

    public abstract string ScoredOn(string date);

    public abstract string WaveLabel(string wave);

    public abstract string PAliveChartTitle(string account);

    public abstract string FlowsPeriod(string from, string to);

    public abstract string DurationDays(double days);

    public abstract string SignalTypeName(SignalType type);

    public abstract string SeverityName(SignalSeverity severity);

    public abstract string TaskStatusName(AccountTaskStatus status);

    public abstract string TaskOriginName(TaskOrigin origin);

    public abstract string EvidenceKindName(string kind);

    public abstract string SortPAlive { get; }
}

internal sealed class EnglishRetentionText : RetentionText
{
    private static readonly CultureInfo C = CultureInfo.GetCultureInfo("en");

    public override string PortfolioTitle => "Portfolio by lifecycle phase";
    public override string PortfolioIntro => "Where the accounts stand in the customer lifecycle, what they bring, how long they have been there, and how they moved over the last 12 months.";
    public override string Accounts => "Accounts";
    public override string ShareOfAccounts => "Share";
    public override string Revenue12Months => "Revenue (12 months)";
    public override string Clv => "CLV";
    public override string MedianTimeInPhase => "Median time in phase";
    public override string ShowAccounts => "Show accounts";
    public override string Distribution => "Accounts by phase";
    public override string FlowsTitle => "Flows between phases";
    public override string FlowsFromTo => "From ↓ / to →";
    public override string NoFlows => "No account changed its phase in this period.";
    public override string NotScoredTitle => "No scores yet";
    public override string NotScoredText => "The scoring job has not run yet. It runs every night and at the first start; an administrator can start it with rapport score.";
    public override string LastScored => "Last scored";
    public override string OpenRiskList => "Open the risk list";
    public override string RiskListTitle => "Risk list";
    public override string RiskListIntro => "Accounts by CLV at risk: the part of the customer lifetime value in doubt, from P(alive) and the open early-warning signals. Valuable accounts whose future is uncertain come first.";
    public override string PAlive => "P(alive)";
    public override string ClvAtRisk => "CLV at risk";
    public override string Signals => "Signals";
    public override string OnlyMine => "Only my accounts";
    public override string NoRisksTitle => "Nothing on the risk list";
    public override string NoRisksText => "No scored account matches. Accounts appear here once the scoring job has computed their CLV.";
    public override string TasksTitle => "My tasks";
    public override string TasksIntro => "Tasks for your accounts from early-warning signals and playbooks, the most urgent first.";
    public override string OpenTasks => "Open";
    public override string CompletedTasks => "Done";
    public override string Task => "Task";
    public override string Due => "Due";
    public override string Origin => "Origin";
    public override string MarkDone => "Mark done";
    public override string Reopen => "Reopen";
    public override string Overdue => "overdue";
    public override string NoTasksTitle => "No open tasks";
    public override string NoTasksText => "Nothing to do right now. New tasks appear when a signal is raised on one of your accounts.";
    public override string NoCompletedTasks => "No completed tasks yet.";
    public override string Completed => "Completed";
    public override string WhyThisTask => "Why";
    public override string HealthTitle => "Account health";
    public override string HealthIntro => "Lifecycle phase, purchase probability and value from the scoring job, with the early-warning signals behind them.";
    public override string ExpectedOrders12Months => "Expected orders (12 months)";
    public override string LoyaltyIndex => "Loyalty index";
    public override string PhaseReason => "Why this phase";
    public override string PAliveOverTime => "P(alive) over time";
    public override string PhaseHistory => "Phase history";
    public override string OpenSignals => "Early-warning signals";
    public override string NoSignals => "No open early-warning signals.";
    public override string NoPhaseHistory => "No phase changes recorded yet.";
    public override string Evidence => "Evidence";
    public override string RaisedOn => "Raised";
    public override string Date => "Date";
    public override string AllTasks => "All my tasks";
    public override string NoOpenTasks => "No open tasks on this account.";
    public override string NotScoredYet => "This account has not been scored yet.";
    public override string NoModel => "not available";
    public override string SortPAlive => "P(alive)";

    public override string ScoredOn(string date) => "Scored on " + date;

    public override string WaveLabel(string wave) => "wave " + wave;

    public override string PAliveChartTitle(string account) => "P(alive) over time – " + account;

    public override string FlowsPeriod(string from, string to) => $"Changes of phase from {from} to {to}.";

    public override string DurationDays(double days) => days switch
    {
        < 1 => "less than a day",
        < 60 => string.Format(C, "{0:N0} days", days),
        < 730 => string.Format(C, "{0:N0} months", days / 30.4375),
        _ => string.Format(C, "{0:N1} years", days / 365.25),
    };

    public override string SignalTypeName(SignalType type) => type switch
    {
        SignalType.PurchaseFrequencyFalling => "Purchase frequency falling",
        SignalType.RevenueFalling => "Revenue falling",
        SignalType.CommunicationPatternChanged => "Communication pattern changed",
        SignalType.KeyContactLeft => "Key contact left",
        SignalType.DetractorAnswer => "Detractor answer",
        SignalType.LoyaltyIndexFall => "Loyalty index fell",
        SignalType.CaptiveRelationship => "Captive relationship",
        SignalType.ComplaintPastSla => "Complaint past its SLA",
        SignalType.ContractDeadline => "Contract deadline",
        _ => type.ToString(),
    };

    public override string SeverityName(SignalSeverity severity) => severity switch
    {
        SignalSeverity.High => "high",
        SignalSeverity.Medium => "medium",
        _ => "low",
    };

    public override string TaskStatusName(AccountTaskStatus status) => status switch
    {
        AccountTaskStatus.InProgress => "in progress",
        AccountTaskStatus.Done => "done",
        AccountTaskStatus.Cancelled => "cancelled",
        _ => "open",
    };

    public override string TaskOriginName(TaskOrigin origin) => origin switch
    {
        TaskOrigin.Signal => "signal",
        TaskOrigin.Playbook => "playbook",
        TaskOrigin.Plan => "account plan",
        TaskOrigin.Complaint => "complaint",
        _ => "manual",
    };

    public override string EvidenceKindName(string kind) => kind switch
    {
        "order" => "order",
        "contact" => "contact",
        "contract" => "contract",
        "wave" => "survey wave",
        "response" => "survey answer",
        "complaint" => "complaint",
        _ => kind,
    };
}

internal sealed class GermanRetentionText : RetentionText
{
    private static readonly CultureInfo C = CultureInfo.GetCultureInfo("de");

    public override string PortfolioTitle => "Portfolio nach Lebenszyklusphase";
    public override string PortfolioIntro => "Wo die Kunden im Kundenlebenszyklus stehen, was sie bringen, wie lange sie schon dort sind und wie sie sich in den letzten 12 Monaten bewegt haben.";
    public override string Accounts => "Kunden";
    public override string ShareOfAccounts => "Anteil";
    public override string Revenue12Months => "Umsatz (12 Monate)";
    public override string Clv => "CLV";
    public override string MedianTimeInPhase => "Median der Verweildauer";
    public override string ShowAccounts => "Kunden anzeigen";
    public override string Distribution => "Kunden nach Phase";
    public override string FlowsTitle => "Wechsel zwischen den Phasen";
    public override string FlowsFromTo => "Von ↓ / nach →";
    public override string NoFlows => "In diesem Zeitraum hat kein Kunde die Phase gewechselt.";
    public override string NotScoredTitle => "Noch keine Bewertung";
    public override string NotScoredText => "Der Bewertungslauf ist noch nicht gelaufen. Er läuft jede Nacht und beim ersten Start; ein Administrator kann ihn mit rapport score starten.";
    public override string LastScored => "Zuletzt bewertet";
    public override string OpenRiskList => "Risikoliste öffnen";
    public override string RiskListTitle => "Risikoliste";
    public override string RiskListIntro => "Kunden nach gefährdetem CLV: der Teil des Kundenwerts, der nach P(aktiv) und den offenen Frühwarnsignalen unsicher ist. Wertvolle Kunden mit unsicherer Zukunft stehen oben.";
    public override string PAlive => "P(aktiv)";
    public override string ClvAtRisk => "Gefährdeter CLV";
    public override string Signals => "Signale";
    public override string OnlyMine => "Nur meine Kunden";
    public override string NoRisksTitle => "Nichts auf der Risikoliste";
    public override string NoRisksText => "Kein bewerteter Kunde passt. Kunden erscheinen hier, sobald der Bewertungslauf ihren CLV berechnet hat.";
    public override string TasksTitle => "Meine Aufgaben";
    public override string TasksIntro => "Aufgaben zu Ihren Kunden aus Frühwarnsignalen und Maßnahmenplänen, die dringendsten zuerst.";
    public override string OpenTasks => "Offen";
    public override string CompletedTasks => "Erledigt";
    public override string Task => "Aufgabe";
    public override string Due => "Fällig";
    public override string Origin => "Herkunft";
    public override string MarkDone => "Erledigt";
    public override string Reopen => "Wieder öffnen";
    public override string Overdue => "überfällig";
    public override string NoTasksTitle => "Keine offenen Aufgaben";
    public override string NoTasksText => "Gerade ist nichts zu tun. Neue Aufgaben entstehen, wenn bei einem Ihrer Kunden ein Signal ausgelöst wird.";
    public override string NoCompletedTasks => "Noch keine erledigten Aufgaben.";
    public override string Completed => "Erledigt am";
    public override string WhyThisTask => "Anlass";
    public override string HealthTitle => "Kundengesundheit";
    public override string HealthIntro => "Lebenszyklusphase, Kaufwahrscheinlichkeit und Kundenwert aus dem Bewertungslauf, mit den Frühwarnsignalen dahinter.";
    public override string ExpectedOrders12Months => "Erwartete Aufträge (12 Monate)";
    public override string LoyaltyIndex => "Kundentreue-Index";
    public override string PhaseReason => "Warum diese Phase";
    public override string PAliveOverTime => "P(aktiv) im Zeitverlauf";
    public override string PhaseHistory => "Phasenverlauf";
    public override string OpenSignals => "Frühwarnsignale";
    public override string NoSignals => "Keine offenen Frühwarnsignale.";
    public override string NoPhaseHistory => "Noch keine Phasenwechsel erfasst.";
    public override string Evidence => "Belege";
    public override string RaisedOn => "Ausgelöst";
    public override string Date => "Datum";
    public override string AllTasks => "Alle meine Aufgaben";
    public override string NoOpenTasks => "Keine offenen Aufgaben zu diesem Kunden.";
    public override string NotScoredYet => "Dieser Kunde wurde noch nicht bewertet.";
    public override string NoModel => "nicht verfügbar";
    public override string SortPAlive => "P(aktiv)";

    public override string ScoredOn(string date) => "Bewertet am " + date;

    public override string WaveLabel(string wave) => "Welle " + wave;

    public override string PAliveChartTitle(string account) => "P(aktiv) im Zeitverlauf – " + account;

    public override string FlowsPeriod(string from, string to) => $"Phasenwechsel vom {from} bis {to}.";

    public override string DurationDays(double days) => days switch
    {
        < 1 => "weniger als ein Tag",
        < 60 => string.Format(C, "{0:N0} Tage", days),
        < 730 => string.Format(C, "{0:N0} Monate", days / 30.4375),
        _ => string.Format(C, "{0:N1} Jahre", days / 365.25),
    };

    public override string SignalTypeName(SignalType type) => type switch
    {
        SignalType.PurchaseFrequencyFalling => "Kaufhäufigkeit sinkt",
        SignalType.RevenueFalling => "Umsatz rückläufig",
        SignalType.CommunicationPatternChanged => "Kommunikationsmuster verändert",
        SignalType.KeyContactLeft => "Schlüsselkontakt ausgeschieden",
        SignalType.DetractorAnswer => "Kritiker-Antwort",
        SignalType.LoyaltyIndexFall => "Kundentreue-Index gesunken",
        SignalType.CaptiveRelationship => "Gebundener Kunde",
        SignalType.ComplaintPastSla => "Beschwerde überfällig",
        SignalType.ContractDeadline => "Vertragsfrist",
        _ => type.ToString(),
    };

    public override string SeverityName(SignalSeverity severity) => severity switch
    {
        SignalSeverity.High => "hoch",
        SignalSeverity.Medium => "mittel",
        _ => "niedrig",
    };

    public override string TaskStatusName(AccountTaskStatus status) => status switch
    {
        AccountTaskStatus.InProgress => "in Arbeit",
        AccountTaskStatus.Done => "erledigt",
        AccountTaskStatus.Cancelled => "abgebrochen",
        _ => "offen",
    };

    public override string TaskOriginName(TaskOrigin origin) => origin switch
    {
        TaskOrigin.Signal => "Signal",
        TaskOrigin.Playbook => "Maßnahmenplan",
        TaskOrigin.Plan => "Kundenplan",
        TaskOrigin.Complaint => "Beschwerde",
        _ => "manuell",
    };

    public override string EvidenceKindName(string kind) => kind switch
    {
        "order" => "Auftrag",
        "contact" => "Ansprechpartner",
        "contract" => "Vertrag",
        "wave" => "Befragungswelle",
        "response" => "Befragungsantwort",
        "complaint" => "Beschwerde",
        _ => kind,
    };
}

/// <summary>Short access for markup: <c>@R.PortfolioTitle</c> (imported with <c>using static</c>).</summary>
internal static class RetentionUi
{
    public static RetentionText R => RetentionText.Current;
}
