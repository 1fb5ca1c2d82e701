namespace Rapport.Web.Features.Surveys;

/// <summary>
/// Names the respondent pages' texts, RespondentTexts.resx (English) and RespondentTexts.de.resx, for
/// <c>IStringLocalizer&lt;RespondentTexts&gt;</c>; the questions themselves come from the survey's items.
/// </summary>
internal sealed class RespondentTexts;
