using Rapport.Analytics.Survey;

namespace Rapport.Core.Surveys;

/// <summary>An item of a survey template: code, scale, level, section and its English and German wording.</summary>
/// <remarks>Wording may hold <c>{supplier}</c>, <c>{phase}</c>, <c>{touchpoint}</c>, filled in when the item is shown.</remarks>
public sealed record TemplateItem(
    string Code, SurveyItemScale Scale, SurveyItemLevel Level, SurveyItemSection Section, string TextEn, string TextDe);

/// <summary>
/// The standard relationship questionnaire <c>relationship-standard</c> (docs/surveys.md#item-codes) in English and German. The order
/// is the respondent's path: phases and touchpoints, loyalty, motives, relationship quality, the open question.
/// </summary>
public static class SurveyTemplate
{
    /// <summary>The template name of the standard questionnaire.</summary>
    public const string RelationshipStandard = "relationship-standard";

    /// <summary>Templates a survey can be created from.</summary>
    public static IReadOnlyList<string> Names { get; } = [RelationshipStandard];

    private const SurveyItemLevel G = SurveyItemLevel.Global;
    private const SurveyItemLevel P = SurveyItemLevel.Phase;
    private const SurveyItemLevel T = SurveyItemLevel.Touchpoint;

    /// <summary>Every item of docs/surveys.md#item-codes.</summary>
    public static IReadOnlyList<TemplateItem> Items { get; } =
    [
        new(ItemCodes.PhaseInvolved, SurveyItemScale.YN, P, SurveyItemSection.Phases,
            "Were you personally involved in the phase “{phase}”?",
            "Waren Sie persönlich an der Phase „{phase}“ beteiligt?"),
        new(ItemCodes.TouchpointContact, SurveyItemScale.YN, T, SurveyItemSection.Phases,
            "In the phase “{phase}”, did you have contact with {supplier}'s {touchpoint}?",
            "Hatten Sie in der Phase „{phase}“ Kontakt mit dem Bereich {touchpoint} von {supplier}?"),
        new(ItemCodes.TouchpointSatisfaction, SurveyItemScale.S5, T, SurveyItemSection.Phases,
            "How satisfied were you with {touchpoint} in the phase “{phase}”?",
            "Wie zufrieden waren Sie in der Phase „{phase}“ mit dem Bereich {touchpoint}?"),
        new(ItemCodes.TouchpointMain, SurveyItemScale.YN, T, SurveyItemSection.Phases,
            "{touchpoint} was my main contact in the phase “{phase}”.",
            "{touchpoint} war in der Phase „{phase}“ mein Hauptansprechpartner."),
        new(ItemCodes.PhaseSatisfaction, SurveyItemScale.S5, P, SurveyItemSection.Phases,
            "Overall, how satisfied were you with {supplier} in the phase “{phase}”?",
            "Wie zufrieden waren Sie insgesamt mit {supplier} in der Phase „{phase}“?"),
        new(ItemCodes.CompetitorName, SurveyItemScale.Text, P, SurveyItemSection.Phases,
            "Which competitor would you consider in the phase “{phase}”?",
            "Welchen Wettbewerber würden Sie in der Phase „{phase}“ in Betracht ziehen?"),
        new(ItemCodes.CompetitorRelative, SurveyItemScale.Relative5, P, SurveyItemSection.Phases,
            "Compared with that competitor, {supplier} in the phase “{phase}” is …",
            "Im Vergleich zu diesem Wettbewerber ist {supplier} in der Phase „{phase}“ …"),

        new(ItemCodes.LoyRepurchase, SurveyItemScale.A5, G, SurveyItemSection.Loyalty,
            "We will buy from {supplier} again.",
            "Wir werden wieder bei {supplier} kaufen."),
        new(ItemCodes.LoyRecommend, SurveyItemScale.R11, G, SurveyItemSection.Loyalty,
            "How likely is it that you would recommend {supplier} to a colleague or business partner?",
            "Wie wahrscheinlich ist es, dass Sie {supplier} einem Kollegen oder Geschäftspartner weiterempfehlen?"),
        new(ItemCodes.LoyFirstChoice, SurveyItemScale.YN, G, SurveyItemSection.Loyalty,
            "{supplier} is our first choice for this kind of product or service.",
            "{supplier} ist für diese Art von Produkten bzw. Leistungen unsere erste Wahl."),
        new(ItemCodes.LoyCrossBuy, SurveyItemScale.A5, G, SurveyItemSection.Loyalty,
            "We would also buy other products or services from {supplier}.",
            "Wir würden auch andere Produkte oder Leistungen von {supplier} beziehen."),

        new("MOT_ATT_1", SurveyItemScale.A5, G, SurveyItemSection.Motives,
            "We stay with {supplier} because we are convinced of them.",
            "Wir bleiben bei {supplier}, weil wir von ihm überzeugt sind."),
        new("MOT_ATT_2", SurveyItemScale.A5, G, SurveyItemSection.Motives,
            "We stay with {supplier} because of the personal relationship.",
            "Wir bleiben bei {supplier} wegen der persönlichen Beziehung."),
        new("MOT_ATT_3", SurveyItemScale.A5, G, SurveyItemSection.Motives,
            "We stay with {supplier} because they are the ideal partner for us.",
            "Wir bleiben bei {supplier}, weil er der ideale Partner für uns ist."),
        new("MOT_ATT_4", SurveyItemScale.A5, G, SurveyItemSection.Motives,
            "We stay with {supplier} because we trust them to meet our expectations in future.",
            "Wir bleiben bei {supplier}, weil wir ihm zutrauen, unsere Erwartungen auch künftig zu erfüllen."),
        new("MOT_CAL_1", SurveyItemScale.A5, G, SurveyItemSection.Motives,
            "We stay with {supplier} because of attractive prices, discounts or payment terms.",
            "Wir bleiben bei {supplier} wegen attraktiver Preise, Rabatte oder Zahlungsbedingungen."),
        new("MOT_CAL_2", SurveyItemScale.A5, G, SurveyItemSection.Motives,
            "We stay with {supplier} because they are the best of the available alternatives.",
            "Wir bleiben bei {supplier}, weil er die beste der verfügbaren Alternativen ist."),
        new("MOT_CAL_3", SurveyItemScale.A5, G, SurveyItemSection.Motives,
            "We stay with {supplier} because it pays off economically.",
            "Wir bleiben bei {supplier}, weil es sich wirtschaftlich für uns lohnt."),
        new("MOT_LCK_1", SurveyItemScale.A5, G, SurveyItemSection.Motives,
            "We stay with {supplier} because of contract terms.",
            "Wir bleiben bei {supplier} aufgrund vertraglicher Bindungen."),
        new("MOT_LCK_2", SurveyItemScale.A5, G, SurveyItemSection.Motives,
            "We stay with {supplier} because switching would be technically difficult (standards, integration).",
            "Wir bleiben bei {supplier}, weil ein Wechsel technisch schwierig wäre (Standards, Integration)."),
        new("MOT_LCK_3", SurveyItemScale.A5, G, SurveyItemSection.Motives,
            "We stay with {supplier} because there is hardly any alternative.",
            "Wir bleiben bei {supplier}, weil es kaum eine Alternative gibt."),
        new("MOT_LCK_4", SurveyItemScale.A5, G, SurveyItemSection.Motives,
            "We stay with {supplier} because switching costs are too high.",
            "Wir bleiben bei {supplier}, weil die Wechselkosten zu hoch wären."),

        new("RQ_SAT_1", SurveyItemScale.S5, G, SurveyItemSection.Relationship,
            "Overall, how satisfied are you with {supplier}?",
            "Wie zufrieden sind Sie insgesamt mit {supplier}?"),
        new("RQ_SAT_2", SurveyItemScale.S5, G, SurveyItemSection.Relationship,
            "How satisfied are you with the business relationship with {supplier} as a whole?",
            "Wie zufrieden sind Sie mit der Geschäftsbeziehung zu {supplier} insgesamt?"),
        new("RQ_TRU_1", SurveyItemScale.A5, G, SurveyItemSection.Relationship,
            "We trust our contact persons at {supplier}.",
            "Wir vertrauen unseren Ansprechpartnern bei {supplier}."),
        new("RQ_TRU_2", SurveyItemScale.A5, G, SurveyItemSection.Relationship,
            "We trust {supplier} as a company.",
            "Wir vertrauen {supplier} als Unternehmen."),
        new("RQ_TRU_3", SurveyItemScale.A5, G, SurveyItemSection.Relationship,
            "{supplier} keeps its promises.",
            "{supplier} hält, was es verspricht."),
        new("RQ_COM_1", SurveyItemScale.A5, G, SurveyItemSection.Relationship,
            "We want our relationship with {supplier} to last.",
            "Wir möchten, dass unsere Beziehung zu {supplier} lange besteht."),
        new("RQ_COM_2", SurveyItemScale.A5, G, SurveyItemSection.Relationship,
            "We are willing to invest effort to keep the relationship with {supplier}.",
            "Wir sind bereit, uns für den Erhalt der Beziehung zu {supplier} einzusetzen."),

        new(ItemCodes.OpenImprove, SurveyItemScale.Text, G, SurveyItemSection.Open,
            "What should {supplier} improve?",
            "Was sollte {supplier} verbessern?"),
    ];

    /// <summary>Fills the placeholders of an item's wording.</summary>
    public static string Render(string text, string supplier, string? phase = null, string? touchpoint = null) =>
        text.Replace("{supplier}", supplier, StringComparison.Ordinal)
            .Replace("{phase}", phase ?? string.Empty, StringComparison.Ordinal)
            .Replace("{touchpoint}", touchpoint ?? string.Empty, StringComparison.Ordinal);

    /// <summary>The scale of an item as the analytics know it, or null for text items.</summary>
    public static ItemScale? ToAnalyticsScale(SurveyItemScale scale) => scale switch
    {
        SurveyItemScale.A5 => ItemScale.A5,
        SurveyItemScale.S5 => ItemScale.S5,
        SurveyItemScale.R11 => ItemScale.R11,
        SurveyItemScale.YN => ItemScale.YN,
        SurveyItemScale.Relative5 => ItemScale.Relative5,
        _ => null,
    };
}
