using Microsoft.Extensions.Localization;

namespace Rapport.Web.Components.Localization;

/// <summary>
/// Names the one table of enum member labels, EnumLabels.resx and EnumLabels.de.resx, keyed
/// <c>&lt;EnumType&gt;.&lt;Member&gt;</c> (docs/ui.md, "Texts and languages").
/// </summary>
internal sealed class EnumLabels;

internal static class EnumLabelExtensions
{
    /// <summary>The label of an enum member in the current UI language, e.g. <c>E.Label(Segment.Regular)</c>.</summary>
    public static string Label<TEnum>(this IStringLocalizer<EnumLabels> labels, TEnum value)
        where TEnum : struct, Enum =>
        labels[typeof(TEnum).Name + "." + value.ToString()];
}
