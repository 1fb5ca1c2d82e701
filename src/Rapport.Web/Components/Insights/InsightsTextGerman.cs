namespace Rapport.Web.Components.Insights;

internal sealed class InsightsTextGerman : InsightsText
{
    public override string DataTable => "Datentabelle";
    public override string Respondents => "Befragte";
    public override string NoAnswers => "keine Antworten";
    public override string ShowAccounts => "Kunden anzeigen";

    public override string FewerThan(int minGroupSize) => $"weniger als {minGroupSize} Befragte";
}
