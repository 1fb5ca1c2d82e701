using Microsoft.Extensions.Localization;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Webhooks;

/// <summary>
/// Names the string resources of the webhook admin page: <c>IStringLocalizer&lt;WebhooksTexts&gt;</c> reads WebhooksTexts.resx (English) and
/// WebhooksTexts.de.resx next to this file (docs/ui.md, "Texts and languages").
/// </summary>
internal sealed class WebhooksTexts;

/// <summary>The webhook texts that depend on a code.</summary>
internal static class WebhooksTextsExtensions
{
    /// <summary>The name of an event type; unknown types show as they are.</summary>
    public static string EventTypeName(this IStringLocalizer<WebhooksTexts> w, string type) => w.Known("EventTypeName", type, type);

    /// <summary>The form's text for a refused field, else the API's message.</summary>
    public static string FieldProblem(this IStringLocalizer<WebhooksTexts> w, string field, string message) =>
        w.Known("FieldProblem", field, message);
}
