using Microsoft.Extensions.Localization;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Surveys;

/// <summary>
/// Names the string resources of the survey pages for staff: <c>IStringLocalizer&lt;SurveyTexts&gt;</c> reads SurveyTexts.resx (English) and
/// SurveyTexts.de.resx next to this file (docs/ui.md, "Texts and languages").
/// </summary>
internal sealed class SurveyTexts;

/// <summary>The survey texts that depend on a number or a code.</summary>
internal static class SurveyTextsExtensions
{
    public static string ItemCount(this IStringLocalizer<SurveyTexts> s, int items) => s.Count("ItemCount", items);

    public static string SendInvitations(this IStringLocalizer<SurveyTexts> s, int pending) => s.Count("SendInvitations", pending);

    public static string MailResultTitle(this IStringLocalizer<SurveyTexts> s, bool reminders) =>
        reminders ? s["MailResultTitle.Reminders"] : s["MailResultTitle.Invitations"];

    public static string LanguageName(this IStringLocalizer<SurveyTexts> s, string code) =>
        code == "de" ? s["LanguageName.de"] : s["LanguageName.Other"];

    /// <summary>The message of a refused form post (<c>?error=</c>); a general one for unknown codes.</summary>
    public static string Error(this IStringLocalizer<SurveyTexts> s, string code) => s.Known("Error", code, s["Error.Other"]);

    /// <summary>The confirmation after a form post (<c>?done=</c>), or null for none or an unknown code.</summary>
    public static string? Done(this IStringLocalizer<SurveyTexts> s, string? code, string? item)
    {
        if (code is null)
        {
            return null;
        }
        var text = s["Done." + code, code, item ?? ""];
        return text.ResourceNotFound ? null : text.Value;
    }
}
