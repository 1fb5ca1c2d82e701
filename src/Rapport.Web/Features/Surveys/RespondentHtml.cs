using System.Globalization;
using System.Net;
using System.Text;
using Rapport.Analytics.Survey;
using Rapport.Core.Surveys;

namespace Rapport.Web.Features.Surveys;

/// <summary>Server-rendered, script-free HTML of the respondent pages: one column, large touch targets, labelled controls.</summary>
internal static class RespondentHtml
{
    private const string Style = """
        *{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}
        main{max-width:44rem;margin:0 auto;padding:1rem}header{display:flex;justify-content:space-between;align-items:center;gap:1rem}
        h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}a{color:#0b5cad}
        fieldset{border:1px solid #c9d1d9;border-radius:.5rem;background:#fff;margin:0 0 1rem;padding:.75rem 1rem}
        legend{font-weight:600;padding:0 .25rem}.opts{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.5rem}
        .opts label,.check{display:flex;align-items:center;gap:.4rem;min-height:44px;padding:.25rem .6rem;border:1px solid #c9d1d9;border-radius:.4rem;background:#fafbfc}
        input[type=radio],input[type=checkbox]{width:1.3rem;height:1.3rem}select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #8c959f;border-radius:.4rem}
        textarea{min-height:8rem}.buttons{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.5rem 0}
        button{font:inherit;min-height:48px;padding:.5rem 1.25rem;border-radius:.4rem;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}
        button.secondary{background:#fff;color:#0b5cad}.errors{border:2px solid #b42318;background:#fff4f2;padding:.75rem 1rem;border-radius:.5rem}
        .hint{color:#57606a;font-size:.95rem}.scale-ends{display:flex;justify-content:space-between;color:#57606a;font-size:.9rem}
        :focus-visible{outline:3px solid #f3a712;outline-offset:2px}
        """;

    public static string Page(RespondentTexts t, string title, string body, string? switchHref = null)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"").Append(t.Lang).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\"><title>").Append(E(title)).Append(" – ").Append(E(t.Title)).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head><body><main><header><strong>").Append(E(t.Title)).Append("</strong>");
        if (switchHref is not null)
        {
            sb.Append("<a href=\"").Append(E(switchHref)).Append("\" lang=\"").Append(t.SwitchLang).Append("\" hreflang=\"").Append(t.SwitchLang)
                .Append("\">").Append(E(t.Switch)).Append("</a>");
        }
        sb.Append("</header>").Append(body).Append("</main></body></html>");
        return sb.ToString();
    }

    public static string Message(RespondentTexts t, string title, string text) =>
        Page(t, title, $"<h1>{E(title)}</h1><p>{E(text)}</p>");

    public static string Step(RespondentTexts t, string supplier, string token, string step, RespondentState state,
        IReadOnlyList<PageQuestion> questions, string antiforgeryField, string antiforgeryToken, IReadOnlyList<string> errors,
        IReadOnlyDictionary<AnswerKey, AnswerValue> shown)
    {
        var lang = t.Lang;
        var steps = RespondentSteps.All.Where(s => RespondentSteps.Questions(s, state).Count > 0).ToList();
        var heading = step switch
        {
            "phases" => t.StepPhases,
            "contacts" => t.StepContacts,
            "ratings" => t.StepRatings,
            "phase" => t.StepPhase,
            "loyalty" => t.StepLoyalty,
            _ => t.StepOpen,
        };
        var body = new StringBuilder();
        body.Append("<p class=\"hint\">").Append(E(string.Format(CultureInfo.InvariantCulture, t.Progress, steps.IndexOf(step) + 1, steps.Count)))
            .Append(" · ").Append(E(string.Format(CultureInfo.InvariantCulture, t.ClosesOn,
                state.ClosesOn.ToString(lang == "de" ? "dd.MM.yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture)))).Append("</p>");
        body.Append("<h1>").Append(E(heading.Replace("{supplier}", supplier, StringComparison.Ordinal))).Append("</h1>");
        if (step == "phases")
        {
            body.Append("<p>").Append(E(t.Intro)).Append("</p>");
        }
        if (errors.Count > 0)
        {
            body.Append("<div class=\"errors\" role=\"alert\" tabindex=\"-1\" id=\"errors\"><h2>").Append(E(t.ErrorsTitle)).Append("</h2><ul>");
            foreach (var e in errors)
            {
                body.Append("<li>").Append(E(e)).Append("</li>");
            }
            body.Append("</ul></div>");
        }
        body.Append("<form method=\"post\" action=\"/s/").Append(E(token)).Append("?lang=").Append(lang).Append("\" novalidate>")
            .Append("<input type=\"hidden\" name=\"").Append(E(antiforgeryField)).Append("\" value=\"").Append(E(antiforgeryToken)).Append("\">")
            .Append("<input type=\"hidden\" name=\"step\" value=\"").Append(E(step)).Append("\">");

        string? group = null;
        var n = 0;
        foreach (var q in questions)
        {
            var groupName = step switch
            {
                "contacts" or "ratings" or "phase" => q.Phase!.Name(lang),
                _ => null,
            };
            if (groupName != group && groupName is not null)
            {
                body.Append("<h2>").Append(E(groupName)).Append("</h2>");
                if (step == "contacts")
                {
                    body.Append("<p class=\"hint\">").Append(E(t.ContactsHint.Replace("{supplier}", supplier, StringComparison.Ordinal))).Append("</p>");
                }
            }
            group = groupName;
            var text = SurveyTemplate.Render(q.Item.Text(lang), supplier, q.Phase?.Name(lang), q.Touchpoint?.Name(lang));
            shown.TryGetValue(q.Key, out var current);
            var id = "q" + (++n).ToString(CultureInfo.InvariantCulture);
            var name = RespondentSteps.FieldName(q.Key);
            if (RespondentSteps.IsCheckbox(q.Item))
            {
                var label = q.Item.Code == ItemCodes.TouchpointMain ? t.MainContact + " (" + q.Touchpoint!.Name(lang) + ")" : q.Touchpoint!.Name(lang);
                body.Append("<div><label class=\"check\" for=\"").Append(id).Append("\"><input type=\"checkbox\" id=\"").Append(id)
                    .Append("\" name=\"").Append(E(name)).Append("\" value=\"1\"").Append(current?.Value == 1 ? " checked" : string.Empty)
                    .Append("><span>").Append(E(label)).Append("</span></label></div>");
                continue;
            }
            if (q.Item.Scale == SurveyItemScale.Text)
            {
                if (q.Item.Code == ItemCodes.CompetitorName && q.Phase!.Competitors.Count > 0)
                {
                    body.Append("<div><label for=\"").Append(id).Append("\"><strong>").Append(E(text)).Append("</strong></label><select id=\"").Append(id)
                        .Append("\" name=\"").Append(E(name)).Append("\"><option value=\"\">").Append(E(t.NoCompetitor)).Append("</option>");
                    foreach (var c in q.Phase.Competitors)
                    {
                        body.Append("<option").Append(current?.Text == c ? " selected" : string.Empty).Append('>').Append(E(c)).Append("</option>");
                    }
                    body.Append("</select></div>");
                }
                else
                {
                    body.Append("<div><label for=\"").Append(id).Append("\"><strong>").Append(E(text)).Append("</strong></label><textarea id=\"").Append(id)
                        .Append("\" name=\"").Append(E(name)).Append("\" maxlength=\"").Append(AnswerRules.MaxTextLength).Append("\">")
                        .Append(E(current?.Text ?? string.Empty)).Append("</textarea></div>");
                }
                continue;
            }
            body.Append("<fieldset><legend>").Append(E(text)).Append("</legend>");
            var (min, max, labels) = q.Item.Scale switch
            {
                SurveyItemScale.YN => (0, 1, new[] { t.No, t.Yes }),
                SurveyItemScale.R11 => (0, 10, Enumerable.Range(0, 11).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray()),
                _ => (1, 5, t.Scales[q.Item.Scale].Select((l, i) => $"{i + 1} – {l}").ToArray()),
            };
            if (q.Item.Scale == SurveyItemScale.R11)
            {
                body.Append("<div class=\"scale-ends\"><span>").Append(E(t.R11Low)).Append("</span><span>").Append(E(t.R11High)).Append("</span></div>");
            }
            body.Append("<div class=\"opts\">");
            var order = q.Item.Scale == SurveyItemScale.YN ? new[] { 1, 0 } : Enumerable.Range(min, max - min + 1).ToArray();
            foreach (var v in order)
            {
                var optionId = id + "_" + v.ToString(CultureInfo.InvariantCulture);
                body.Append("<label for=\"").Append(optionId).Append("\"><input type=\"radio\" id=\"").Append(optionId).Append("\" name=\"")
                    .Append(E(name)).Append("\" value=\"").Append(v.ToString(CultureInfo.InvariantCulture)).Append('"')
                    .Append(current?.Value == v ? " checked" : string.Empty).Append("><span>").Append(E(labels[v - min])).Append("</span></label>");
            }
            body.Append("</div></fieldset>");
        }

        var last = RespondentSteps.Next(step, state) is null;
        body.Append("<div class=\"buttons\">");
        body.Append("<button type=\"submit\" name=\"go\" value=\"").Append(last ? "submit" : "next").Append("\">")
            .Append(E(last ? t.Submit : t.Next)).Append("</button>");
        if (RespondentSteps.Previous(step, state) is not null)
        {
            body.Append("<button type=\"submit\" class=\"secondary\" name=\"go\" value=\"back\">").Append(E(t.Back)).Append("</button>");
        }
        body.Append("<button type=\"submit\" class=\"secondary\" name=\"go\" value=\"later\">").Append(E(t.SaveLater)).Append("</button>");
        body.Append("</div></form>");
        return Page(t, heading.Replace("{supplier}", supplier, StringComparison.Ordinal), body.ToString(),
            $"/s/{token}?lang={t.SwitchLang}&step={step}");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
