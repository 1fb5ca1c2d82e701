using System.Globalization;
using Rapport.Analytics.Retention;
using Rapport.Core.Data;

namespace Rapport.Core.Retention.Scoring;

/// <summary>
/// The tasks a run creates for account owners (docs/retention.md#early-warning-signals, docs/retention.md#tasks-and-playbooks):
/// <list type="bullet">
/// <item>a newly raised signal of at least the configured severity creates the steps of the enabled playbook whose
/// trigger is <c>signal:&lt;type&gt;</c> (key-contact change, renewal), else one task to look into the signal;</item>
/// <item>a change into a lifecycle phase found on the run's day creates the steps of the enabled playbook whose trigger is
/// <c>phase:&lt;phase&gt;</c> (win-back on termination, onboarding on exploration);</item>
/// <item>accounts in termination get no per-signal tasks — the win-back playbook is their plan.</item>
/// </list>
/// Each task carries an origin key (<c>signal:42</c>, <c>playbook:renewal:signal:42:1</c>,
/// <c>playbook:win_back:2026-03-01:2</c>) that is unique per account, so a second run creates nothing twice. Titles are in
/// the owner's language; due dates count from the run's day.
/// </summary>
internal static class PlaybookTasks
{
    public static List<TaskRow> Build(DateOnly asOf, IReadOnlyDictionary<long, AccountFacts> facts, IReadOnlyList<AccountEvaluation> evaluations,
        IReadOnlyList<NewSignal> raised, IReadOnlyList<Playbook> playbooks, SignalSeverity minimum)
    {
        var byTrigger = playbooks.Where(p => p.Enabled && p.Steps.Count > 0).ToDictionary(p => p.Trigger, StringComparer.Ordinal);
        var phaseOf = evaluations.ToDictionary(e => e.Score.AccountId, e => e.Phase);
        var tasks = new List<TaskRow>();

        foreach (var s in raised)
        {
            if (s.Severity < minimum || !facts.TryGetValue(s.AccountId, out var account)
                || phaseOf.GetValueOrDefault(s.AccountId) == Accounts.LifecyclePhase.Termination)
            {
                continue;
            }
            var id = s.Id.ToString(CultureInfo.InvariantCulture);
            if (byTrigger.TryGetValue("signal:" + EnumText.ToText(s.Type), out var playbook))
            {
                tasks.AddRange(Steps(playbook, account, asOf, s.Explanation, $"playbook:{playbook.Code}:signal:{id}"));
            }
            else
            {
                tasks.Add(new TaskRow(s.AccountId, account.OwnerUserId, SignalTaskTitles.For(s.Type, account.OwnerLanguage), s.Explanation,
                    asOf.AddDays(s.Severity switch { SignalSeverity.High => 3, SignalSeverity.Medium => 7, _ => 14 }),
                    TaskOrigin.Signal, "signal:" + id));
            }
        }

        foreach (var change in evaluations.SelectMany(e => e.Changes).Where(c => c.Notify))
        {
            if (facts.TryGetValue(change.AccountId, out var account)
                && byTrigger.TryGetValue("phase:" + EnumText.ToText(change.Phase), out var playbook))
            {
                tasks.AddRange(Steps(playbook, account, asOf, change.Reason,
                    $"playbook:{playbook.Code}:{change.ChangedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
            }
        }
        return tasks;
    }

    private static IEnumerable<TaskRow> Steps(Playbook playbook, AccountFacts account, DateOnly asOf, string details, string keyPrefix) =>
        playbook.Steps.OrderBy(s => s.StepNo).Select(step => new TaskRow(account.AccountId, account.OwnerUserId,
            account.OwnerLanguage == "de" ? step.TitleDe : step.TitleEn, details, asOf.AddDays(step.DueDays), TaskOrigin.Playbook,
            $"{keyPrefix}:{step.StepNo.ToString(CultureInfo.InvariantCulture)}"));
}

/// <summary>Titles of the task a signal creates when no playbook handles its type (English and German).</summary>
public static class SignalTaskTitles
{
    public static string For(SignalType type, string language)
    {
        var (en, de) = type switch
        {
            SignalType.PurchaseFrequencyFalling => ("Orders are overdue: get in touch with the customer", "Bestellungen bleiben aus: Kontakt zum Kunden aufnehmen"),
            SignalType.RevenueFalling => ("Revenue is falling: review the account", "Umsatz rückläufig: Kunden analysieren"),
            SignalType.CommunicationPatternChanged => ("Contact has thinned out: reach out to the customer", "Kontakt ist abgerissen: auf den Kunden zugehen"),
            SignalType.KeyContactLeft => ("Key contact left: rebuild the relationship", "Schlüsselkontakt ausgeschieden: Beziehung neu aufbauen"),
            SignalType.DetractorAnswer => ("Detractor answer: call the respondent back", "Kritiker-Antwort: Befragten zurückrufen"),
            SignalType.LoyaltyIndexFall => ("Loyalty fell: discuss the survey results with the customer", "Kundentreue gesunken: Befragungsergebnis mit dem Kunden besprechen"),
            SignalType.CaptiveRelationship => ("Captive relationship: strengthen the attachment", "Gebundener Kunde: Verbundenheit stärken"),
            SignalType.ComplaintPastSla => ("Complaint past its SLA: resolve it now", "Beschwerde überfällig: jetzt lösen"),
            SignalType.ContractDeadline => ("Contract deadline ahead: prepare the renewal", "Vertragsfrist naht: Verlängerung vorbereiten"),
            _ => ("Look into the early-warning signal", "Frühwarnsignal prüfen"),
        };
        return language == "de" ? de : en;
    }
}
