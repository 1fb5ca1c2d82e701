using System.Globalization;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Common;

namespace Rapport.Core.Insights;

/// <summary>What the groups of a loyalty, NPS or relationship-quality view are split by (docs/definitions.md#filters).</summary>
public enum InsightGroupBy
{
    /// <summary>No groups: the overall figures only.</summary>
    None,

    /// <summary>The account's segment (prospect, new, regular, lost).</summary>
    Segment,

    /// <summary>The account's business type.</summary>
    BusinessType,

    /// <summary>The account's region (blank = "").</summary>
    Region,

    /// <summary>The account's industry (blank = "").</summary>
    Industry,

    /// <summary>Key account or not ("true"/"false").</summary>
    KeyAccount,

    /// <summary>The respondent's buying role (unknown = "").</summary>
    BuyingRole,

    /// <summary>The account owner's e-mail (no owner = "").</summary>
    Owner,
}

/// <summary>
/// The filters every analytics view takes (docs/definitions.md#filters): a wave and the account and respondent attributes. Null means
/// "not filtered". Without a wave the most recent wave with responses is used.
/// </summary>
public sealed record InsightFilter
{
    /// <summary>The wave analysed; null for the latest wave (by closing date) that has submitted responses.</summary>
    public long? WaveId { get; init; }

    /// <summary>Only accounts in this segment.</summary>
    public Segment? Segment { get; init; }

    /// <summary>Only accounts of this business type.</summary>
    public BusinessType? BusinessType { get; init; }

    /// <summary>Only accounts in this region (exact, case-insensitive).</summary>
    public string? Region { get; init; }

    /// <summary>Only accounts in this industry (exact, case-insensitive).</summary>
    public string? Industry { get; init; }

    /// <summary>Only key accounts (true) or only other accounts (false).</summary>
    public bool? KeyAccount { get; init; }

    /// <summary>Only respondents with this buying role.</summary>
    public BuyingRole? BuyingRole { get; init; }

    /// <summary>Only accounts owned by this user.</summary>
    public long? OwnerUserId { get; init; }

    /// <summary>How loyalty, NPS and relationship quality are split into groups.</summary>
    public InsightGroupBy GroupBy { get; init; }

    /// <summary>True when an account attribute (segment, business type, region, industry, key account, owner) is filtered.</summary>
    public bool FiltersAccounts => Segment is not null || BusinessType is not null || Region is not null || Industry is not null
        || KeyAccount is not null || OwnerUserId is not null;
}

/// <summary>The filters as they arrive in a query string (all text), before <see cref="InsightFilters.Parse"/> checks them.</summary>
/// <param name="WaveId">Wave id (integer).</param>
/// <param name="Segment">prospect, new, regular or lost.</param>
/// <param name="BusinessType">product, plant, system or supplier.</param>
/// <param name="Region">Any text.</param>
/// <param name="Industry">Any text.</param>
/// <param name="KeyAccount">true or false.</param>
/// <param name="BuyingRole">user, influencer, buyer, decider, gatekeeper or initiator.</param>
/// <param name="Owner">The owner's user id, or "me".</param>
/// <param name="GroupBy">segment, businessType, region, industry, keyAccount, buyingRole or owner.</param>
public sealed record InsightFilterInput(
    string? WaveId = null, string? Segment = null, string? BusinessType = null, string? Region = null, string? Industry = null,
    string? KeyAccount = null, string? BuyingRole = null, string? Owner = null, string? GroupBy = null);

/// <summary>Checks the text filters of a query string (API and UI share the messages).</summary>
public static class InsightFilters
{
    /// <summary>
    /// Parses <paramref name="input"/>; every invalid parameter gives one validation error naming it.
    /// <c>owner=me</c> resolves to <paramref name="currentUserId"/>. Blank values mean "not filtered".
    /// </summary>
    public static (InsightFilter Filter, IReadOnlyList<Error> Errors) Parse(InsightFilterInput input, long currentUserId)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<Error>();
        long? waveId = null;
        if (Blank(input.WaveId) is { } w)
        {
            if (long.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                waveId = id;
            }
            else
            {
                errors.Add(InsightErrors.Invalid($"'{w}' is not a wave id (a positive whole number).", "waveId"));
            }
        }
        bool? keyAccount = null;
        if (Blank(input.KeyAccount) is { } k)
        {
            if (bool.TryParse(k, out var b))
            {
                keyAccount = b;
            }
            else
            {
                errors.Add(InsightErrors.Invalid($"'{k}' is not allowed; use true or false.", "keyAccount"));
            }
        }
        long? owner = null;
        if (Blank(input.Owner) is { } o)
        {
            if (o.Equals("me", StringComparison.OrdinalIgnoreCase))
            {
                owner = currentUserId;
            }
            else if (long.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                owner = id;
            }
            else
            {
                errors.Add(InsightErrors.Invalid($"'{o}' is not allowed; give the owner's user id or 'me'.", "owner"));
            }
        }
        var groupBy = InsightGroupBy.None;
        if (Blank(input.GroupBy) is { } g)
        {
            if (TryParseGroupBy(g, out var parsed))
            {
                groupBy = parsed;
            }
            else
            {
                errors.Add(InsightErrors.Invalid($"'{g}' is not allowed; use one of: {string.Join(", ", GroupByNames)}.", "groupBy"));
            }
        }
        var filter = new InsightFilter
        {
            WaveId = waveId,
            Segment = Enum<Segment>(input.Segment, "segment", errors),
            BusinessType = Enum<BusinessType>(input.BusinessType, "businessType", errors),
            Region = Blank(input.Region),
            Industry = Blank(input.Industry),
            KeyAccount = keyAccount,
            BuyingRole = Enum<BuyingRole>(input.BuyingRole, "buyingRole", errors),
            OwnerUserId = owner,
            GroupBy = groupBy,
        };
        return (filter, errors);
    }

    /// <summary>The accepted <c>groupBy</c> values (camelCase, as the filter parameters are named).</summary>
    public static IReadOnlyList<string> GroupByNames { get; } =
        ["segment", "businessType", "region", "industry", "keyAccount", "buyingRole", "owner"];

    /// <summary>The query-string name of a grouping (camelCase); "" for <see cref="InsightGroupBy.None"/>.</summary>
    public static string GroupByName(InsightGroupBy groupBy) => groupBy == InsightGroupBy.None ? "" : GroupByNames[(int)groupBy - 1];

    /// <summary>Parses a grouping by its camelCase or snake_case name, ignoring case.</summary>
    public static bool TryParseGroupBy(string? text, out InsightGroupBy groupBy)
    {
        groupBy = InsightGroupBy.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var key = text.Trim().Replace("_", "", StringComparison.Ordinal);
        for (var i = 0; i < GroupByNames.Count; i++)
        {
            if (GroupByNames[i].Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                groupBy = (InsightGroupBy)(i + 1);
                return true;
            }
        }
        return false;
    }

    private static T? Enum<T>(string? text, string field, List<Error> errors) where T : struct, System.Enum
    {
        if (Blank(text) is not { } value)
        {
            return null;
        }
        if (EnumText.TryParse<T>(value, out var parsed))
        {
            return parsed;
        }
        errors.Add(InsightErrors.Invalid($"'{value}' is not allowed; use one of: {EnumText.AllowedValues<T>()}.", field));
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
