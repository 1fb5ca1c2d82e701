using System.Globalization;
using Rapport.Core.Plans;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Plans;

/// <summary>The account plans' UI strings (English and German); a missing translation is a compile error.</summary>
internal abstract class PlanText
{
    private static readonly PlanText English = new EnglishPlanText();
    private static readonly PlanText German = new GermanPlanText();

    public static PlanText Current => UiCultures.IsGerman(CultureInfo.CurrentUICulture) ? German : English;

    public abstract string Title { get; }
    public abstract string Intro { get; }
    public abstract string ReviewsDue { get; }
    public abstract string NoReviewsDue { get; }
    public abstract string AllPlans { get; }
    public abstract string NoPlans { get; }
    public abstract string Plan { get; }
    public abstract string Owner { get; }
    public abstract string NextReview { get; }
    public abstract string LastReview { get; }
    public abstract string Cadence { get; }
    public abstract string OpenActions { get; }
    public abstract string Overdue { get; }
    public abstract string OpenGoals { get; }
    public abstract string Due { get; }
    public abstract string Archived { get; }
    public abstract string NewPlan { get; }
    public abstract string NewPlanIntro { get; }
    public abstract string KeyAccount { get; }
    public abstract string ChooseAccount { get; }
    public abstract string NoKeyAccountsWithoutPlan { get; }
    public abstract string CreatePlan { get; }
    public abstract string ReviewIntro { get; }
    public abstract string ReviewNote { get; }
    public abstract string MarkReviewed { get; }
    public abstract string Reviews { get; }
    public abstract string NoReviews { get; }
    public abstract string Goals { get; }
    public abstract string NoGoals { get; }
    public abstract string Goal { get; }
    public abstract string TargetDate { get; }
    public abstract string Description { get; }
    public abstract string AddGoal { get; }
    public abstract string RelationshipMap { get; }
    public abstract string RelationshipMapIntro { get; }
    public abstract string SupplierPeople { get; }
    public abstract string BuyingCenter { get; }
    public abstract string SupplierPerson { get; }
    public abstract string Contact { get; }
    public abstract string Strength { get; }
    public abstract string CoverageNote { get; }
    public abstract string AddMapEntry { get; }
    public abstract string NotCovered { get; }
    public abstract string LeftCompany { get; }
    public abstract string NoMapEntries { get; }
    public abstract string Assessment { get; }
    public abstract string AssessmentIntro { get; }
    public abstract string Level { get; }
    public abstract string Layer { get; }
    public abstract string Score { get; }
    public abstract string AssessedOn { get; }
    public abstract string AddAssessment { get; }
    public abstract string History { get; }
    public abstract string NotAssessed { get; }
    public abstract string Actions { get; }
    public abstract string NoActions { get; }
    public abstract string Action { get; }
    public abstract string DueOn { get; }
    public abstract string AddAction { get; }
    public abstract string AddActionHint { get; }
    public abstract string MarkDone { get; }
    public abstract string CancelAction { get; }
    public abstract string Reopen { get; }
    public abstract string NoGoalOption { get; }
    public abstract string Saved { get; }
    public abstract string ReadOnlyHint { get; }
    public abstract string OpenPlan { get; }
    public abstract string NoPlanForAccount { get; }
    public abstract string CreatePlanLink { get; }
    public abstract string Note { get; }
    public abstract string Changed { get; }

    public abstract string CadenceDays(int days);
    public abstract string LevelName(RelationshipLevel level);
    public abstract string LayerName(StructureLayer layer);
    public abstract string GoalStatusName(GoalStatus status);
    public abstract string ActionStatusName(PlanActionStatus status);
    public abstract string StrengthName(int strength);
    public abstract string ScoreName(int score);
    public abstract string ReviewDueSince(int days);
}

internal sealed class EnglishPlanText : PlanText
{
    public override string Title => "Account plans";
    public override string Intro => "Special-Relationship-Agenda for key accounts: goals, who covers whom, the state of the relationship and the actions.";
    public override string ReviewsDue => "Reviews due";
    public override string NoReviewsDue => "No review is due.";
    public override string AllPlans => "Plans";
    public override string NoPlans => "No account plans yet.";
    public override string Plan => "Plan";
    public override string Owner => "Owner";
    public override string NextReview => "Next review";
    public override string LastReview => "Last review";
    public override string Cadence => "Review cadence";
    public override string OpenActions => "Open actions";
    public override string Overdue => "overdue";
    public override string OpenGoals => "Open goals";
    public override string Due => "due";
    public override string Archived => "archived";
    public override string NewPlan => "New account plan";
    public override string NewPlanIntro => "Plans are for key accounts; an account has one active plan.";
    public override string KeyAccount => "Key account";
    public override string ChooseAccount => "— choose a key account —";
    public override string NoKeyAccountsWithoutPlan => "Every key account you work on has a plan.";
    public override string CreatePlan => "Create plan";
    public override string ReviewIntro => "After the review the next one is due after the cadence; open review reminders are closed.";
    public override string ReviewNote => "Review note";
    public override string MarkReviewed => "Mark as reviewed";
    public override string Reviews => "Reviews";
    public override string NoReviews => "Not reviewed yet.";
    public override string Goals => "Relationship goals";
    public override string NoGoals => "No goals yet.";
    public override string Goal => "Goal";
    public override string TargetDate => "Target date";
    public override string Description => "Description";
    public override string AddGoal => "Add goal";
    public override string RelationshipMap => "Relationship map";
    public override string RelationshipMapIntro => "Which of our people covers which member of the buying center, and how strong the tie is.";
    public override string SupplierPeople => "Our people";
    public override string BuyingCenter => "Buying center";
    public override string SupplierPerson => "Our person";
    public override string Contact => "Contact";
    public override string Strength => "Strength";
    public override string CoverageNote => "How";
    public override string AddMapEntry => "Add to map";
    public override string NotCovered => "not covered";
    public override string LeftCompany => "left the company";
    public override string NoMapEntries => "Nobody is mapped yet.";
    public override string Assessment => "Relationship levels";
    public override string AssessmentIntro => "Information & communication, trust and power — on the visible surface and in the hidden deep structure (1 poor – 5 excellent).";
    public override string Level => "Level";
    public override string Layer => "Layer";
    public override string Score => "Score";
    public override string AssessedOn => "Assessed on";
    public override string AddAssessment => "Record assessment";
    public override string History => "History";
    public override string NotAssessed => "not assessed";
    public override string Actions => "Actions";
    public override string NoActions => "No actions yet.";
    public override string Action => "Action";
    public override string DueOn => "Due";
    public override string AddAction => "Add action";
    public override string AddActionHint => "The action also appears in its owner's tasks.";
    public override string MarkDone => "Done";
    public override string CancelAction => "Cancel";
    public override string Reopen => "Reopen";
    public override string NoGoalOption => "— no goal —";
    public override string Saved => "Saved.";
    public override string ReadOnlyHint => "You can view this plan but not change it.";
    public override string OpenPlan => "Open the plan";
    public override string NoPlanForAccount => "This key account has no account plan yet.";
    public override string CreatePlanLink => "Create one";
    public override string Note => "Note";
    public override string Changed => "Status";

    public override string CadenceDays(int days) => $"every {days} days";
    public override string LevelName(RelationshipLevel level) => level switch
    {
        RelationshipLevel.InformationCommunication => "Information & communication",
        RelationshipLevel.Trust => "Trust",
        _ => "Power",
    };
    public override string LayerName(StructureLayer layer) => layer == StructureLayer.Surface ? "Surface (visible)" : "Deep structure (hidden)";
    public override string GoalStatusName(GoalStatus status) => status switch
    {
        GoalStatus.Open => "open",
        GoalStatus.Achieved => "achieved",
        _ => "dropped",
    };
    public override string ActionStatusName(PlanActionStatus status) => status switch
    {
        PlanActionStatus.Open => "open",
        PlanActionStatus.Done => "done",
        _ => "cancelled",
    };
    public override string StrengthName(int strength) => strength switch
    {
        <= 1 => "1 – weak",
        2 => "2",
        3 => "3 – working",
        4 => "4",
        _ => "5 – strong",
    };
    public override string ScoreName(int score) => score switch
    {
        <= 1 => "1 – poor",
        2 => "2 – weak",
        3 => "3 – fair",
        4 => "4 – good",
        _ => "5 – excellent",
    };
    public override string ReviewDueSince(int days) => days <= 0 ? "due today" : $"due for {days} days";
}

internal sealed class GermanPlanText : PlanText
{
    public override string Title => "Kundenpläne";
    public override string Intro => "Special-Relationship-Agenda für Key Accounts: Ziele, wer wen betreut, der Stand der Beziehung und die Maßnahmen.";
    public override string ReviewsDue => "Fällige Reviews";
    public override string NoReviewsDue => "Kein Review ist fällig.";
    public override string AllPlans => "Pläne";
    public override string NoPlans => "Noch keine Kundenpläne.";
    public override string Plan => "Plan";
    public override string Owner => "Verantwortlich";
    public override string NextReview => "Nächstes Review";
    public override string LastReview => "Letztes Review";
    public override string Cadence => "Review-Rhythmus";
    public override string OpenActions => "Offene Maßnahmen";
    public override string Overdue => "überfällig";
    public override string OpenGoals => "Offene Ziele";
    public override string Due => "fällig";
    public override string Archived => "archiviert";
    public override string NewPlan => "Neuer Kundenplan";
    public override string NewPlanIntro => "Kundenpläne gibt es für Key Accounts; ein Kunde hat einen aktiven Plan.";
    public override string KeyAccount => "Key Account";
    public override string ChooseAccount => "— Key Account wählen —";
    public override string NoKeyAccountsWithoutPlan => "Jeder Ihrer Key Accounts hat einen Plan.";
    public override string CreatePlan => "Plan anlegen";
    public override string ReviewIntro => "Nach dem Review ist das nächste nach dem Rhythmus fällig; offene Review-Erinnerungen werden geschlossen.";
    public override string ReviewNote => "Notiz zum Review";
    public override string MarkReviewed => "Als geprüft markieren";
    public override string Reviews => "Reviews";
    public override string NoReviews => "Noch nicht geprüft.";
    public override string Goals => "Beziehungsziele";
    public override string NoGoals => "Noch keine Ziele.";
    public override string Goal => "Ziel";
    public override string TargetDate => "Zieltermin";
    public override string Description => "Beschreibung";
    public override string AddGoal => "Ziel hinzufügen";
    public override string RelationshipMap => "Beziehungslandkarte";
    public override string RelationshipMapIntro => "Wer von uns welches Mitglied des Buying Centers betreut und wie stark die Beziehung ist.";
    public override string SupplierPeople => "Unsere Leute";
    public override string BuyingCenter => "Buying Center";
    public override string SupplierPerson => "Unsere Person";
    public override string Contact => "Ansprechpartner";
    public override string Strength => "Stärke";
    public override string CoverageNote => "Wie";
    public override string AddMapEntry => "Zur Landkarte hinzufügen";
    public override string NotCovered => "nicht betreut";
    public override string LeftCompany => "hat das Unternehmen verlassen";
    public override string NoMapEntries => "Noch niemand zugeordnet.";
    public override string Assessment => "Beziehungsebenen";
    public override string AssessmentIntro => "Information & Kommunikation, Vertrauen und Macht — an der sichtbaren Oberfläche und in der verborgenen Tiefenstruktur (1 schlecht – 5 sehr gut).";
    public override string Level => "Ebene";
    public override string Layer => "Schicht";
    public override string Score => "Bewertung";
    public override string AssessedOn => "Bewertet am";
    public override string AddAssessment => "Bewertung erfassen";
    public override string History => "Verlauf";
    public override string NotAssessed => "nicht bewertet";
    public override string Actions => "Maßnahmen";
    public override string NoActions => "Noch keine Maßnahmen.";
    public override string Action => "Maßnahme";
    public override string DueOn => "Fällig";
    public override string AddAction => "Maßnahme hinzufügen";
    public override string AddActionHint => "Die Maßnahme erscheint auch in den Aufgaben der verantwortlichen Person.";
    public override string MarkDone => "Erledigt";
    public override string CancelAction => "Verwerfen";
    public override string Reopen => "Wieder öffnen";
    public override string NoGoalOption => "— kein Ziel —";
    public override string Saved => "Gespeichert.";
    public override string ReadOnlyHint => "Sie können diesen Plan ansehen, aber nicht ändern.";
    public override string OpenPlan => "Plan öffnen";
    public override string NoPlanForAccount => "Für diesen Key Account gibt es noch keinen Kundenplan.";
    public override string CreatePlanLink => "Jetzt anlegen";
    public override string Note => "Notiz";
    public override string Changed => "Status";

    public override string CadenceDays(int days) => $"alle {days} Tage";
    public override string LevelName(RelationshipLevel level) => level switch
    {
        RelationshipLevel.InformationCommunication => "Information & Kommunikation",
        RelationshipLevel.Trust => "Vertrauen",
        _ => "Macht",
    };
    public override string LayerName(StructureLayer layer) => layer == StructureLayer.Surface ? "Oberfläche (sichtbar)" : "Tiefenstruktur (verborgen)";
    public override string GoalStatusName(GoalStatus status) => status switch
    {
        GoalStatus.Open => "offen",
        GoalStatus.Achieved => "erreicht",
        _ => "verworfen",
    };
    public override string ActionStatusName(PlanActionStatus status) => status switch
    {
        PlanActionStatus.Open => "offen",
        PlanActionStatus.Done => "erledigt",
        _ => "verworfen",
    };
    public override string StrengthName(int strength) => strength switch
    {
        <= 1 => "1 – schwach",
        2 => "2",
        3 => "3 – tragfähig",
        4 => "4",
        _ => "5 – stark",
    };
    public override string ScoreName(int score) => score switch
    {
        <= 1 => "1 – schlecht",
        2 => "2 – schwach",
        3 => "3 – mittel",
        4 => "4 – gut",
        _ => "5 – sehr gut",
    };
    public override string ReviewDueSince(int days) => days <= 0 ? "heute fällig" : $"seit {days} Tagen fällig";
}
