using System.Globalization;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Retention;

/// <summary>
/// Strings of the retention KPI and acquisition pages (English and German; a missing translation is a compile error).
/// Shared words (segments, business types, channels) come from <see cref="UiText"/>.
/// </summary>
internal abstract class KpiText
{
    private static readonly KpiText English = new EnglishKpiText();
    private static readonly KpiText German = new GermanKpiText();

    public static KpiText Current => UiCultures.IsGerman(CultureInfo.CurrentUICulture) ? German : English;

    /// <summary>The table in the language of <paramref name="ui"/> (for labels built from the shared table, e.g. navigation).</summary>
    public static KpiText For(UiText ui) => ui is GermanText ? German : English;

    // Navigation and pages
    public abstract string AcquisitionNav { get; }
    public abstract string KpisTitle { get; }
    public abstract string KpisIntro { get; }
    public abstract string KpisScopeOwn { get; }
    public abstract string AcquisitionTitle { get; }
    public abstract string AcquisitionIntro { get; }

    // Period form
    public abstract string PeriodForm { get; }
    public abstract string From { get; }
    public abstract string To { get; }
    public abstract string ToHint { get; }
    public abstract string ActiveWindow { get; }
    public abstract string ActiveWindowHint { get; }
    public abstract string TrendUnitLabel { get; }
    public abstract string UnitName(Core.Retention.TrendUnit unit);
    public abstract string Show { get; }
    public abstract string Presets { get; }
    public abstract string LastQuarter { get; }
    public abstract string Last12Months { get; }
    public abstract string LastYear { get; }
    public abstract string PeriodCaption(string from, string toInclusive, int days, int window);
    public abstract string InvalidPeriod { get; }
    public abstract string PeriodError(string field);

    // KPIs with their definitions (docs/definitions.md#retention-kpis)
    public abstract string RetentionRate { get; }
    public abstract string RetentionRateHelp { get; }
    public abstract string ChurnRate { get; }
    public abstract string ChurnRateHelp { get; }
    public abstract string RepeatPurchaseRate { get; }
    public abstract string RepeatPurchaseRateHelp { get; }
    public abstract string CrossSellRate { get; }
    public abstract string CrossSellRateHelp { get; }
    public abstract string UpSellRate { get; }
    public abstract string UpSellRateHelp { get; }
    public abstract string RevenueRetention { get; }
    public abstract string RevenueRetentionHelp { get; }
    public abstract string Revenue { get; }
    public abstract string RevenueHelp { get; }
    public abstract string NewCustomers { get; }
    public abstract string NewCustomersHelp { get; }
    public abstract string CustomersAtStart { get; }
    public abstract string CustomersAtEnd { get; }
    public abstract string Retained { get; }
    public abstract string OfCustomers(string part, string whole);
    public abstract string Undefined { get; }
    public abstract string Definitions { get; }

    // Trend
    public abstract string Trend { get; }
    public abstract string TrendIntro(string unit, int count);
    public abstract string TrendChartTitle { get; }
    public abstract string RevenueChartTitle { get; }
    public abstract string Period { get; }

    // Breakdowns
    public abstract string BySegment { get; }
    public abstract string ByBusinessType { get; }
    public abstract string Group { get; }
    public abstract string UnknownValue { get; }
    public abstract string NoActivity { get; }

    // Acquisition cost
    public abstract string AcquisitionCost { get; }
    public abstract string AcquisitionCostIntro { get; }
    public abstract string Channel { get; }
    public abstract string Cost { get; }
    public abstract string CostPerNewCustomer { get; }
    public abstract string MeanClv { get; }
    public abstract string ClvToCac { get; }
    public abstract string Total { get; }
    public abstract string WithoutCost(int count);

    // CLV
    public abstract string ClvDistribution { get; }
    public abstract string ClvDistributionIntro { get; }
    public abstract string ClvNotAvailable { get; }
    public abstract string ClvChartTitle { get; }
    public abstract string AccountsWithClv { get; }
    public abstract string Median { get; }
    public abstract string Mean { get; }
    public abstract string Range1090 { get; }
    public abstract string Accounts { get; }

    // Leads
    public abstract string Leads { get; }
    public abstract string LeadsIntro { get; }
    public abstract string LeadModel(int won, int lost, string auc);
    public abstract string LeadsUnavailable { get; }
    public abstract string NoOpenLeads { get; }
    public abstract string Lead { get; }
    public abstract string WinProbability { get; }
    public abstract string ExpectedValue { get; }
    public abstract string ValueWeighted { get; }
    public abstract string TopFeatures { get; }
    public abstract string ValueBasis(string basis);
    public abstract string FeatureName(string feature);
    public abstract string Interactions { get; }

    // Look-alikes
    public abstract string LookAlikes { get; }
    public abstract string LookAlikesIntro(int reference);
    public abstract string Similarity { get; }
    public abstract string MostSimilarCustomer { get; }
    public abstract string NoProspects { get; }

    // Cross-sell panel
    public abstract string CrossSell { get; }
    public abstract string CrossSellIntro { get; }
    public abstract string NoCrossSell { get; }
    public abstract string Category { get; }
    public abstract string Confidence { get; }
    public abstract string Lift { get; }
    public abstract string Support { get; }
    public abstract string CrossSellReason(string because, string category, string confidence, string lift, int accounts);

    // Charts and numbers
    public abstract string ShowMore { get; }
}

internal sealed class EnglishKpiText : KpiText
{
    public override string AcquisitionNav => "Acquisition";
    public override string KpisTitle => "Retention KPIs";
    public override string KpisIntro => "Retention, churn, repeat purchase, cross- and up-sell, revenue retention and new customers of a period, with their trend, by segment and business type.";
    public override string KpisScopeOwn => "Counted over your own and shared accounts.";
    public override string AcquisitionTitle => "Acquisition";
    public override string AcquisitionIntro => "Open leads scored by their chance to become customers, and prospects that resemble your most valuable customers.";

    public override string PeriodForm => "Period";
    public override string From => "From";
    public override string To => "To (exclusive)";
    public override string ToHint => "The period ends the day before.";
    public override string ActiveWindow => "Active window (days)";
    public override string ActiveWindowHint => "A customer is active on a day with a purchase in this many days up to it, or a running contract.";
    public override string TrendUnitLabel => "Trend by";
    public override string UnitName(Core.Retention.TrendUnit unit) => unit switch
    {
        Core.Retention.TrendUnit.Month => "Months",
        Core.Retention.TrendUnit.Quarter => "Quarters",
        _ => "Years",
    };
    public override string Show => "Show";
    public override string Presets => "Quick periods";
    public override string LastQuarter => "Last quarter";
    public override string Last12Months => "Last 12 months";
    public override string LastYear => "Last calendar year";
    public override string PeriodCaption(string from, string toInclusive, int days, int window) =>
        $"{from} – {toInclusive} ({days} days), active window {window} days";
    public override string InvalidPeriod => "The period could not be shown:";
    public override string PeriodError(string field) => field switch
    {
        "to" => "'To' must be after 'From'.",
        "from" => "'From' is too early for the preceding period and the active window.",
        "activeWindowDays" => "The active window must be between 1 and 36,525 days.",
        _ => "Enter the dates as dates (yyyy-MM-dd).",
    };

    public override string RetentionRate => "Retention rate";
    public override string RetentionRateHelp => "Share of the customers active at the start who are still active at the end.";
    public override string ChurnRate => "Churn rate";
    public override string ChurnRateHelp => "1 − retention rate: customers active at the start who are no longer active at the end.";
    public override string RepeatPurchaseRate => "Repeat purchase rate";
    public override string RepeatPurchaseRateHelp => "Share of the customers buying in the period who bought on at least two days.";
    public override string CrossSellRate => "Cross-sell rate";
    public override string CrossSellRateHelp => "Share of the customers buying in the period who bought a product category they had never bought before.";
    public override string UpSellRate => "Up-sell rate";
    public override string UpSellRateHelp => "Share of the retained customers whose revenue reached at least 110 % of the preceding period of equal length.";
    public override string RevenueRetention => "Revenue retention";
    public override string RevenueRetentionHelp => "Revenue of the customers active at the start, against their revenue in the preceding period (net).";
    public override string Revenue => "Revenue";
    public override string RevenueHelp => "All order lines of the period, returns included.";
    public override string NewCustomers => "New customers";
    public override string NewCustomersHelp => "Customers whose first purchase lies in the period.";
    public override string CustomersAtStart => "Active at start";
    public override string CustomersAtEnd => "Active at end";
    public override string Retained => "Retained";
    public override string OfCustomers(string part, string whole) => $"{part} of {whole}";
    public override string Undefined => "n/a";
    public override string Definitions => "How the figures are defined";

    public override string Trend => "Trend";
    public override string TrendIntro(string unit, int count) => $"The same figures for the last {count} {unit.ToLowerInvariant()} up to the end of the period.";
    public override string TrendChartTitle => "Retention, repeat purchase and cross-sell rate per period";
    public override string RevenueChartTitle => "Revenue per period";
    public override string Period => "Period";

    public override string BySegment => "By segment";
    public override string ByBusinessType => "By business type";
    public override string Group => "Group";
    public override string UnknownValue => "Not set";
    public override string NoActivity => "No customer was active or bought in this period.";

    public override string AcquisitionCost => "New customers and acquisition cost per channel";
    public override string AcquisitionCostIntro => "New customers of the period by acquisition channel; the cost is the sum of their recorded acquisition costs.";
    public override string Channel => "Channel";
    public override string Cost => "Cost";
    public override string CostPerNewCustomer => "Cost per new customer";
    public override string MeanClv => "Mean CLV";
    public override string ClvToCac => "CLV / CAC";
    public override string Total => "Total";
    public override string WithoutCost(int count) => count == 1 ? "1 new customer has no recorded acquisition cost." : $"{count} new customers have no recorded acquisition cost.";

    public override string ClvDistribution => "Customer lifetime value";
    public override string ClvDistributionIntro => "How the CLV of the accounts is distributed, and CLV against acquisition cost.";
    public override string ClvNotAvailable => "CLVs appear here once the scoring job has computed account scores.";
    public override string ClvChartTitle => "Accounts per CLV range";
    public override string AccountsWithClv => "Accounts with a CLV";
    public override string Median => "Median";
    public override string Mean => "Mean";
    public override string Range1090 => "10th – 90th percentile";
    public override string Accounts => "Accounts";

    public override string Leads => "Lead scores";
    public override string LeadsIntro => "Accounts without orders, by their chance to win (a logistic regression on won and lost leads), with the features that moved each score most.";
    public override string LeadModel(int won, int lost, string auc) => $"Learnt from {won} won and {lost} lost leads; AUC on held-out leads {auc}.";
    public override string LeadsUnavailable => "No lead scores yet:";
    public override string NoOpenLeads => "There are no open leads.";
    public override string Lead => "Lead";
    public override string WinProbability => "Chance to win";
    public override string ExpectedValue => "Value of similar customers";
    public override string ValueWeighted => "Value-weighted score";
    public override string TopFeatures => "What moves the score";
    public override string ValueBasis(string basis) => basis == "clv"
        ? "Value: mean CLV of the 10 most similar customers."
        : "Value: mean net revenue of the last 12 months of the 10 most similar customers.";
    public override string FeatureName(string feature) => feature switch
    {
        "employees" => "Employees",
        "interactions" => "Interactions (12 months)",
        "industry" => "Industry",
        "region" => "Region",
        "business_type" => "Business type",
        "channel" => "Channel",
        _ => feature,
    };
    public override string Interactions => "Interactions";

    public override string LookAlikes => "Look-alike prospects";
    public override string LookAlikesIntro(int reference) => $"Prospects ranked by their similarity (industry, region, size, business type) to the most valuable of {reference} customers.";
    public override string Similarity => "Similarity";
    public override string MostSimilarCustomer => "Most similar top customer";
    public override string NoProspects => "There are no prospects.";

    public override string CrossSell => "Cross-sell";
    public override string CrossSellIntro => "Product categories that accounts buying the same as this one also buy — and this one does not yet.";
    public override string NoCrossSell => "No suggestion: the account buys nothing yet, or no category goes notably often with what it buys.";
    public override string Category => "Category";
    public override string Confidence => "Confidence";
    public override string Lift => "Lift";
    public override string Support => "Support";
    public override string CrossSellReason(string because, string category, string confidence, string lift, int accounts) =>
        $"{confidence} of the accounts buying {because} also buy {category} ({accounts} accounts) — {lift} times as often as accounts in general.";

    public override string ShowMore => "Show all";
}

internal sealed class GermanKpiText : KpiText
{
    public override string AcquisitionNav => "Akquise";
    public override string KpisTitle => "Kennzahlen der Kundenbindung";
    public override string KpisIntro => "Bindungs- und Abwanderungsquote, Wiederkauf, Cross- und Up-Selling, Umsatzbindung und Neukunden eines Zeitraums, mit Verlauf, nach Zielgruppe und Geschäftstyp.";
    public override string KpisScopeOwn => "Gezählt über Ihre eigenen und mit Ihnen geteilten Kunden.";
    public override string AcquisitionTitle => "Akquise";
    public override string AcquisitionIntro => "Offene Leads nach ihrer Chance, Kunde zu werden, und Interessenten, die Ihren wertvollsten Kunden ähneln.";

    public override string PeriodForm => "Zeitraum";
    public override string From => "Von";
    public override string To => "Bis (ausschließlich)";
    public override string ToHint => "Der Zeitraum endet am Vortag.";
    public override string ActiveWindow => "Aktivitätsfenster (Tage)";
    public override string ActiveWindowHint => "Ein Kunde ist an einem Tag aktiv, wenn er in so vielen Tagen bis dahin gekauft hat oder ein Vertrag läuft.";
    public override string TrendUnitLabel => "Verlauf nach";
    public override string UnitName(Core.Retention.TrendUnit unit) => unit switch
    {
        Core.Retention.TrendUnit.Month => "Monaten",
        Core.Retention.TrendUnit.Quarter => "Quartalen",
        _ => "Jahren",
    };
    public override string Show => "Anzeigen";
    public override string Presets => "Schnellauswahl";
    public override string LastQuarter => "Letztes Quartal";
    public override string Last12Months => "Letzte 12 Monate";
    public override string LastYear => "Letztes Kalenderjahr";
    public override string PeriodCaption(string from, string toInclusive, int days, int window) =>
        $"{from} – {toInclusive} ({days} Tage), Aktivitätsfenster {window} Tage";
    public override string InvalidPeriod => "Der Zeitraum kann nicht angezeigt werden:";
    public override string PeriodError(string field) => field switch
    {
        "to" => "„Bis“ muss nach „Von“ liegen.",
        "from" => "„Von“ liegt zu früh für den Vorzeitraum und das Aktivitätsfenster.",
        "activeWindowDays" => "Das Aktivitätsfenster muss zwischen 1 und 36.525 Tagen liegen.",
        _ => "Bitte die Datumsangaben als Datum eingeben (JJJJ-MM-TT).",
    };

    public override string RetentionRate => "Bindungsquote";
    public override string RetentionRateHelp => "Anteil der zu Beginn aktiven Kunden, die am Ende noch aktiv sind.";
    public override string ChurnRate => "Abwanderungsquote";
    public override string ChurnRateHelp => "1 − Bindungsquote: zu Beginn aktive Kunden, die am Ende nicht mehr aktiv sind.";
    public override string RepeatPurchaseRate => "Wiederkaufrate";
    public override string RepeatPurchaseRateHelp => "Anteil der im Zeitraum kaufenden Kunden, die an mindestens zwei Tagen gekauft haben.";
    public override string CrossSellRate => "Cross-Selling-Quote";
    public override string CrossSellRateHelp => "Anteil der im Zeitraum kaufenden Kunden, die eine zuvor nie gekaufte Produktkategorie gekauft haben.";
    public override string UpSellRate => "Up-Selling-Quote";
    public override string UpSellRateHelp => "Anteil der gebundenen Kunden, deren Umsatz mindestens 110 % des gleich langen Vorzeitraums erreichte.";
    public override string RevenueRetention => "Umsatzbindung";
    public override string RevenueRetentionHelp => "Umsatz der zu Beginn aktiven Kunden im Verhältnis zu ihrem Umsatz im Vorzeitraum (netto).";
    public override string Revenue => "Umsatz";
    public override string RevenueHelp => "Alle Auftragspositionen des Zeitraums, Gutschriften eingerechnet.";
    public override string NewCustomers => "Neukunden";
    public override string NewCustomersHelp => "Kunden, deren erster Kauf im Zeitraum liegt.";
    public override string CustomersAtStart => "Aktiv zu Beginn";
    public override string CustomersAtEnd => "Aktiv am Ende";
    public override string Retained => "Gebunden";
    public override string OfCustomers(string part, string whole) => $"{part} von {whole}";
    public override string Undefined => "k. A.";
    public override string Definitions => "So sind die Kennzahlen definiert";

    public override string Trend => "Verlauf";
    public override string TrendIntro(string unit, int count) => $"Dieselben Kennzahlen für die letzten {count} {unit} bis zum Ende des Zeitraums.";
    public override string TrendChartTitle => "Bindungs-, Wiederkauf- und Cross-Selling-Quote je Zeitraum";
    public override string RevenueChartTitle => "Umsatz je Zeitraum";
    public override string Period => "Zeitraum";

    public override string BySegment => "Nach Zielgruppe";
    public override string ByBusinessType => "Nach Geschäftstyp";
    public override string Group => "Gruppe";
    public override string UnknownValue => "Nicht gesetzt";
    public override string NoActivity => "In diesem Zeitraum war kein Kunde aktiv oder hat gekauft.";

    public override string AcquisitionCost => "Neukunden und Akquisekosten je Kanal";
    public override string AcquisitionCostIntro => "Neukunden des Zeitraums nach Akquisekanal; die Kosten sind die Summe ihrer erfassten Akquisekosten.";
    public override string Channel => "Kanal";
    public override string Cost => "Kosten";
    public override string CostPerNewCustomer => "Kosten je Neukunde";
    public override string MeanClv => "Mittlerer CLV";
    public override string ClvToCac => "CLV / CAC";
    public override string Total => "Gesamt";
    public override string WithoutCost(int count) => count == 1 ? "Für 1 Neukunden sind keine Akquisekosten erfasst." : $"Für {count} Neukunden sind keine Akquisekosten erfasst.";

    public override string ClvDistribution => "Kundenwert (CLV)";
    public override string ClvDistributionIntro => "Wie sich der CLV der Kunden verteilt, und CLV im Verhältnis zu den Akquisekosten.";
    public override string ClvNotAvailable => "CLVs erscheinen hier, sobald der Scoring-Job Kundenwerte berechnet hat.";
    public override string ClvChartTitle => "Kunden je CLV-Bereich";
    public override string AccountsWithClv => "Kunden mit CLV";
    public override string Median => "Median";
    public override string Mean => "Mittelwert";
    public override string Range1090 => "10. – 90. Perzentil";
    public override string Accounts => "Kunden";

    public override string Leads => "Lead-Scores";
    public override string LeadsIntro => "Kunden ohne Aufträge nach ihrer Gewinnchance (logistische Regression auf gewonnenen und verlorenen Leads), mit den Merkmalen, die den Score am stärksten bewegen.";
    public override string LeadModel(int won, int lost, string auc) => $"Gelernt aus {won} gewonnenen und {lost} verlorenen Leads; AUC auf zurückgehaltenen Leads {auc}.";
    public override string LeadsUnavailable => "Noch keine Lead-Scores:";
    public override string NoOpenLeads => "Es gibt keine offenen Leads.";
    public override string Lead => "Lead";
    public override string WinProbability => "Gewinnchance";
    public override string ExpectedValue => "Wert ähnlicher Kunden";
    public override string ValueWeighted => "Wertgewichteter Score";
    public override string TopFeatures => "Was den Score bewegt";
    public override string ValueBasis(string basis) => basis == "clv"
        ? "Wert: mittlerer CLV der 10 ähnlichsten Kunden."
        : "Wert: mittlerer Nettoumsatz der letzten 12 Monate der 10 ähnlichsten Kunden.";
    public override string FeatureName(string feature) => feature switch
    {
        "employees" => "Mitarbeiter",
        "interactions" => "Kontakte (12 Monate)",
        "industry" => "Branche",
        "region" => "Region",
        "business_type" => "Geschäftstyp",
        "channel" => "Kanal",
        _ => feature,
    };
    public override string Interactions => "Kontakte";

    public override string LookAlikes => "Ähnliche Interessenten (Look-alikes)";
    public override string LookAlikesIntro(int reference) => $"Interessenten nach ihrer Ähnlichkeit (Branche, Region, Größe, Geschäftstyp) mit den wertvollsten von {reference} Kunden.";
    public override string Similarity => "Ähnlichkeit";
    public override string MostSimilarCustomer => "Ähnlichster Top-Kunde";
    public override string NoProspects => "Es gibt keine Interessenten.";

    public override string CrossSell => "Cross-Selling";
    public override string CrossSellIntro => "Produktkategorien, die Kunden mit demselben Einkauf auch kaufen – dieser Kunde aber noch nicht.";
    public override string NoCrossSell => "Kein Vorschlag: Der Kunde kauft noch nichts, oder keine Kategorie geht auffällig oft mit seinem Einkauf einher.";
    public override string Category => "Kategorie";
    public override string Confidence => "Konfidenz";
    public override string Lift => "Lift";
    public override string Support => "Support";
    public override string CrossSellReason(string because, string category, string confidence, string lift, int accounts) =>
        $"{confidence} der Kunden, die {because} kaufen, kaufen auch {category} ({accounts} Kunden) – {lift}-mal so oft wie Kunden allgemein.";

    public override string ShowMore => "Alle anzeigen";
}

/// <summary>Short access for markup: <c>@R.KpisTitle</c>.</summary>
internal static class KpiUi
{
    public static KpiText R => KpiText.Current;
}
