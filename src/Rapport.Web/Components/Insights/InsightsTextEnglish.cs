namespace Rapport.Web.Components.Insights;

internal sealed class InsightsTextEnglish : InsightsText
{
    public override string DataTable => "Data table";
    public override string Respondents => "Respondents";
    public override string NoAnswers => "no answers";
    public override string ShowAccounts => "show the accounts";

    public override string FewerThan(int minGroupSize) => $"fewer than {minGroupSize} respondents";
}
