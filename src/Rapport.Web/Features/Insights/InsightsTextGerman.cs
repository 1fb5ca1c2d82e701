using System.Globalization;
using Rapport.Analytics.Survey;

namespace Rapport.Web.Features.Insights;

/// <summary>German, in the terms of the glossary (docs/domain.md#glossary): Kundentreue-Index, Verbundenheit, Zweckbindung, Gebundenheit, Kontaktpunkt, Geschäftsphase, Welle.</summary>
internal sealed class InsightsTextGerman : InsightsText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("de");

    public override string DataTable => "Datentabelle";
    public override string Respondents => "Befragte";
    public override string NoAnswers => "keine Antworten";
    public override string ShowAccounts => "Kunden anzeigen";

    public override string FewerThan(int minGroupSize) => $"weniger als {minGroupSize} Befragte";

    public override string AnalysisViews => "Analyseansichten";
    public override string LoyaltyTitle => "Kundentreue";
    public override string LoyaltyIntro =>
        "Der Kundentreue-Index und was ihn trägt: Verbundenheit, Zweckbindung und Gebundenheit je Gruppe – zwei Gruppen können denselben Index aus ganz verschiedenen Gründen erreichen. Mit Erste-Wahl-Quote, Weiterempfehlung, NPS und Beziehungsqualität.";
    public override string PhasesTitle => "Phasen & Kontaktpunkte";
    public override string PhasesIntro =>
        "Wie jeder unserer Bereiche in jeder Phase der Geschäftsbeziehung abschneidet, wie viele Kunden ihn dort erleben und wie stark er ihre Zufriedenheit bewegt.";
    public override string DriversTitle => "Treiberanalyse";
    public override string DriversIntro =>
        "Welche Kontaktpunkte die Zufriedenheit in einer Phase treiben (relative Gewichte) und wo anzusetzen ist: die Wichtigkeits-Leistungs-Matrix.";
    public override string CompetitorsTitle => "Wettbewerber nach Phase";
    public override string CompetitorsIntro => "Welche Wettbewerber Kunden in jeder Phase in Betracht ziehen und wie wir im Vergleich abschneiden.";
    public override string DrillDownTitle => "Kunden hinter der Kennzahl";
    public override string DrillDownIntro => "Die Kunden, deren Befragte die Kennzahl bilden, von der Sie kommen.";
    public override string ReportTitle => "Wellenbericht";
    public override string ReportIntro => "Alle Analysen einer Welle, eine Ansicht pro Seite.";

    public override string Wave => "Welle";
    public override string CompareBy => "Vergleichen nach";
    public override string NoGroups => "Keine Gruppen";
    public override string OtherAccounts => "Übrige Kunden";
    public override string NotSpecified => "keine Angabe";
    public override string FiltersIgnored => "Einige Filter konnten nicht verwendet werden:";

    public override string WaveOption(string survey, string wave, int respondents) =>
        $"{survey} · {wave} ({respondents.ToString("N0", Culture)} Befragte)";

    public override string WaveSummary(string survey, string wave, int respondents) =>
        $"Welle {wave} von „{survey}“ · {respondents.ToString("N0", Culture)} Befragte";

    public override string AnonymousNote(int minGroupSize) =>
        $"Anonyme Befragung: Gruppen mit weniger als {minGroupSize} Befragten werden ausgeblendet, einzelne Antworten nie gezeigt.";

    public override string NamedNote => "Befragung mit Namen: Die Detailansichten nennen die Befragten.";

    public override string Export => "Export";
    public override string ExportCsv => "CSV";
    public override string ExportXlsx => "Excel (XLSX)";
    public override string PrintableReport => "Druckbericht";

    public override string NoWavesTitle => "Noch keine Befragungsergebnisse";
    public override string NoWavesText =>
        "Die Analysen erscheinen, sobald eine Welle einer Beziehungsstudie Antworten hat. Legen Sie eine Befragung an, laden Sie Ansprechpartner zu einer Welle ein oder importieren Sie anderswo erhobene Antworten.";
    public override string GoToSurveys => "Zu den Befragungen";
    public override string NoRespondentsTitle => "Keine Befragten für diese Filter";
    public override string NoRespondentsText => "Wählen Sie eine andere Welle oder weniger Filter.";
    public override string NotFoundTitle => "Diese Welle gibt es nicht";

    public override string LoyaltyIndex => "Kundentreue-Index";
    public override string Attachment => "Verbundenheit";
    public override string Calculative => "Zweckbindung";
    public override string LockIn => "Gebundenheit";
    public override string Captive => "gebunden (captive)";
    public override string CaptiveHint => "Gebunden (captive): Die Gebundenheit überwiegt die Verbundenheit – treu auf dem Papier, ein verdecktes Abwanderungsrisiko.";
    public override string CaptiveAccountsLabel => "Gebundene Kunden";

    public override string CaptiveAccounts(int captive, int accounts) =>
        $"{captive.ToString("N0", Culture)} von {accounts.ToString("N0", Culture)} Kunden";

    public override string FirstChoiceRate => "Erste-Wahl-Quote";
    public override string RecommendationRate => "Weiterempfehlungsquote";
    public override string Nps => "NPS";
    public override string NpsInterval => "95-%-Intervall";

    public override string IntervalMethod(string method) => method == "adjusted-wald" ? "adjustiertes Wald-Intervall" : "Wald-Intervall";

    public override string Promoters => "Promotoren";
    public override string Passives => "Passive";
    public override string Detractors => "Kritiker";

    public override string NpsCategoryName(NpsCategory category) => category switch
    {
        Rapport.Analytics.Survey.NpsCategory.Promoter => "Promotoren",
        Rapport.Analytics.Survey.NpsCategory.Passive => "Passive",
        _ => "Kritiker",
    };

    public override string RelationshipQuality => "Beziehungsqualität";
    public override string Satisfaction => "Zufriedenheit";
    public override string Trust => "Vertrauen";
    public override string Commitment => "Commitment";
    public override string Overall => "Alle Befragten";
    public override string Group => "Gruppe";
    public override string MakeUpTitle => "Kundentreue-Index und seine Zusammensetzung";

    public override string MakeUpDescription(string groupedBy) =>
        $"Gestapelte Balken je {groupedBy}: die Anteile Verbundenheit, Zweckbindung und Gebundenheit, die zusammen den Kundentreue-Index (0–100) der Befragten mit vollständigen Motiven ergeben.";

    public override string MakeUpCaption =>
        "Jeder Balken ergibt den Kundentreue-Index der Befragten, die alle Motive beantwortet haben; der Index in der Tabelle zählt alle mit einer Treue-Antwort.";
    public override string NpsTitle => "Net Promoter Score mit 95-%-Intervall";
    public override string FiguresTitle => "Kennzahlen je Gruppe";
    public override string QualityTitle => "Beziehungsqualität";
    public override string TrendsTitle => "Über die Wellen";
    public override string TrendsDescription => "Kundentreue-Index, seine Anteile und die Beziehungsqualität (0–100) je Welle, mit denselben Filtern.";
    public override string NpsTrendTitle => "NPS je Welle";
    public override string OneWaveOnly => "Die Befragung hat bisher eine Welle: Entwicklungen erscheinen mit der nächsten Welle.";

    public override string HeatMapTitle => "Leistung jedes Kontaktpunkts in jeder Phase";
    public override string HeatMapDescription =>
        "Heatmap der Phasen (Zeilen) und Kontaktpunkte (Spalten): mittlere Zufriedenheit der Befragten mit Kontakt, dunkler ist besser, mit Zahl der Antworten und Beteiligung.";
    public override string HeatMapCaption =>
        "Mittlere Zufriedenheit von 1 (sehr unzufrieden) bis 5 (sehr zufrieden) der Befragten mit Kontakt; darunter die Zahl der Antworten und die Beteiligung (Anteil der an der Phase beteiligten Befragten mit Kontakt).";
    public override string Performance => "Leistung";
    public override string Involvement => "Beteiligung";
    public override string Impact => "Wirkung";
    public override string PhaseSatisfactionTitle => "Zufriedenheit je Phase";
    public override string LongitudinalTitle => "Wirkung der Kontaktpunkte entlang der Phasen";
    public override string LongitudinalDescription =>
        "Eine Linie je Kontaktpunkt über die geordneten Phasen: seine Wirkung auf die Phasenzufriedenheit (relatives Gewicht, % der Varianz); die Punktgröße zeigt die Beteiligung.";
    public override string LongitudinalCaption =>
        "Wirkung = relatives Gewicht der Bewertung des Kontaktpunkts für die Phasenzufriedenheit (% erklärter Varianz). Je größer der Punkt, desto mehr Befragte der Phase hatten Kontakt: ein kleiner Punkt weit oben ist ein Bereich, der zählt, obwohl ihn wenige erleben.";
    public override string MainContactTitle => "Vergleich Hauptansprechpartner";
    public override string MainContactIntro =>
        "Die Wirkung eines Kontaktpunkts bei allen Befragten der Phase und bei denen, für die er der Hauptansprechpartner war.";
    public override string WithContact => "Mit Kontakt";
    public override string AsMainContact => "Als Hauptansprechpartner";
    public override string MainContactImpact => "Wirkung als Hauptansprechpartner";
    public override string DriversOfPhase => "Treiber dieser Phase";

    public override string OverallModel => "Gesamt";

    public override string DriverChartTitle(string? phase) =>
        phase is null ? "Was die Gesamtzufriedenheit treibt" : $"Was die Zufriedenheit in „{phase}“ treibt";

    public override string DriverChartDescription =>
        "Anteil an der erklärten Varianz (R²) je Treiber, mit dem 95-%-Perzentil-Bootstrap-Intervall als Fehlerbalken.";
    public override string ShareOfRSquared => "Anteil an R²";
    public override string Rating => "Bewertung";
    public override string ContactIndicator => "Kontakt";
    public override string InvolvedIndicator => "beteiligt";

    public override string ModelSummary(int n, string rSquared, string method) =>
        $"{n.ToString("N0", Culture)} Befragte · R² = {rSquared} · {method}";

    public override string MethodName(string method) => method == "shapley" ? "Shapley-Wert (LMG)" : "relative Gewichte nach Johnson";

    public override string BootstrapInterval(int resamples) =>
        $"95-%-Bootstrap-Intervall ({resamples.ToString("N0", Culture)} Stichproben)";

    public override string Driver => "Treiber";
    public override string ImportancePerformanceTitle => "Wichtigkeits-Leistungs-Matrix";
    public override string ImportancePerformanceDescription =>
        "Kontaktpunkte nach ihrer Wirkung auf die Phasenzufriedenheit (rechts = wichtiger) und ihrer Leistung (oben = besser), geteilt an den Medianen.";
    public override string Importance => "Wirkung (Wichtigkeit)";
    public override string Quadrant => "Quadrant";

    public override string QuadrantName(ImportancePerformanceQuadrant quadrant) => quadrant switch
    {
        ImportancePerformanceQuadrant.StrengthToKeep => "Stärken erhalten",
        ImportancePerformanceQuadrant.PriorityToImprove => "Vorrangig verbessern",
        ImportancePerformanceQuadrant.Secondary => "Nachrangig",
        _ => "Mögliche Überinvestition",
    };

    public override string ChoosePhaseForMatrix => "Wählen Sie eine Phase, um ihre Wichtigkeits-Leistungs-Matrix zu sehen.";
    public override string NoModel => "Für diese Befragten ließ sich kein Modell schätzen.";

    public override string CompetitorChartTitle(string phase) => $"Genannte Wettbewerber in „{phase}“";

    public override string CompetitorChartDescription =>
        "Je Wettbewerber: wie die Befragten, die ihn in Betracht ziehen, uns im Vergleich sehen – schlechter, etwa gleich oder besser – in % ihrer Vergleiche.";
    public override string WeAreWorse => "Wir schlechter";
    public override string AboutTheSame => "Etwa gleich";
    public override string WeAreBetter => "Wir besser";
    public override string Mentions => "Nennungen";
    public override string MeanComparison => "Mittlerer Vergleich (1–5)";
    public override string ShareOfComparisons => "% der Vergleiche";
    public override string NoCompetitorsNamed => "In dieser Phase wurde kein Wettbewerber genannt.";
    public override string CompetitorColumn => "Wettbewerber";

    public override string FigureBehind => "Kennzahl";
    public override string Competitor => "Wettbewerber";
    public override string NpsCategoryLabel => "NPS-Kategorie";
    public override string AllRespondentsOfView => "Alle Befragten mit diesen Filtern";

    public override string DrillDownSummary(int respondents, int accounts) =>
        $"{respondents.ToString("N0", Culture)} Befragte aus {accounts.ToString("N0", Culture)} Kunden";

    public override string RespondentsHiddenNote => "Anonyme Befragung: Einzelne Befragte werden nie aufgeführt.";

    public override string DrillDownSuppressed(int minGroupSize) =>
        $"Hinter dieser Kennzahl stehen weniger als {minGroupSize} Befragte: In einer anonymen Befragung wird nichts aufgeführt.";

    public override string RespondentList => "Befragte";
    public override string Recommendation => "Weiterempfehlung (0–10)";
    public override string LoyaltyScore => "Treuewert";
    public override string Submitted => "Abgeschickt";
    public override string BackToAnalysis => "Zurück zur Analyse";
    public override string UnknownRole => "Rolle unbekannt";

    public override string ReportFor(string survey, string wave) => $"{survey} – Welle {wave}";

    public override string PrintHint => "Drucken Sie diese Seite oder speichern Sie sie als PDF mit dem Druckbefehl Ihres Browsers (Strg+P); jede Ansicht beginnt auf einer neuen Seite.";

    public override string AccountPanelTitle => "Kundentreue und Befragungsantworten";
    public override string AccountPanelIntro => "Die Befragten dieses Kunden in den Beziehungsstudien, Welle für Welle.";
    public override string AccountNoAnswers => "Von diesem Kunden gibt es noch keine Befragungsantworten.";
    public override string AccountMakeUpTitle => "Zusammensetzung der Kundentreue je Welle";

    public override string NpsByRoleTitle(string wave) => $"NPS nach Rolle im Buying Center (Welle {wave})";

    public override string AnswersOverWaves => "Antworten über die Wellen (Mittelwerte)";
    public override string Question => "Frage";

    public override string RespondentsOfWave(string wave) => $"Befragte in Welle {wave}";

    public override string ItemName(string code) => code switch
    {
        ItemCodes.LoyRepurchase => "Wieder kaufen",
        ItemCodes.LoyRecommend => "Weiterempfehlen (0–10)",
        ItemCodes.LoyFirstChoice => "Erste Wahl (ja = 1)",
        ItemCodes.LoyCrossBuy => "Auch andere Produkte kaufen",
        "MOT_ATT_1" => "Bleiben: überzeugt",
        "MOT_ATT_2" => "Bleiben: persönliche Beziehung",
        "MOT_ATT_3" => "Bleiben: idealer Partner",
        "MOT_ATT_4" => "Bleiben: Vertrauen in künftige Leistung",
        "MOT_CAL_1" => "Bleiben: Preise, Rabatte, Konditionen",
        "MOT_CAL_2" => "Bleiben: beste der Alternativen",
        "MOT_CAL_3" => "Bleiben: wirtschaftlich lohnend",
        "MOT_LCK_1" => "Bleiben: vertragliche Bindung",
        "MOT_LCK_2" => "Bleiben: Wechsel technisch schwierig",
        "MOT_LCK_3" => "Bleiben: kaum Alternativen",
        "MOT_LCK_4" => "Bleiben: Wechselkosten zu hoch",
        "RQ_SAT_1" => "Gesamtzufriedenheit",
        "RQ_SAT_2" => "Zufriedenheit mit der Geschäftsbeziehung",
        "RQ_TRU_1" => "Vertrauen in die Ansprechpartner",
        "RQ_TRU_2" => "Vertrauen in das Unternehmen",
        "RQ_TRU_3" => "Hält, was es verspricht",
        "RQ_COM_1" => "Beziehung soll lange bestehen",
        "RQ_COM_2" => "Bereit, in die Beziehung zu investieren",
        _ => code,
    };
}
