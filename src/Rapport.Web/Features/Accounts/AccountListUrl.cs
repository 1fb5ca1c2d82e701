using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Web.Features.Dashboard;
using Rapport.Web.Features.Identity;
using Rapport.Web.Features.Insights;
using Rapport.Web.Features.Retention;
using Rapport.Web.Features.Surveys;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// The account list's state lives in its URL (<c>/accounts?q=…&amp;segment=regular&amp;sort=name&amp;page=2</c>), so
/// searches can be bookmarked and shared, and the back button works. Enum values use their snake_case text.
/// </summary>
internal static class AccountListUrl
{
    public const string Path = "/accounts";

    public static AccountListFilter Parse(
        string? search, string? segment, string? phase, string? type, string? key, string? owner,
        string? sort, string? dir, int? page, int? size) => new()
        {
            Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            Segment = EnumText.TryParse<Segment>(segment, out var s) ? s : null,
            LifecyclePhase = EnumText.TryParse<LifecyclePhase>(phase, out var p) ? p : null,
            BusinessType = EnumText.TryParse<BusinessType>(type, out var b) ? b : null,
            KeyAccount = key switch { "yes" => true, "no" => false, _ => null },
            Owner = OwnerFilter.Parse(owner),
            Sort = EnumText.TryParse<AccountSort>(sort, out var o) ? o : AccountSort.Name,
            Descending = dir == "desc",
            Page = page is > 0 ? page.Value : 1,
            PageSize = size is { } n && AccountListFilter.PageSizes.Contains(n) ? n : AccountListFilter.DefaultPageSize,
        };

    /// <summary>True when the query string has a parameter without a value (<c>?segment=&amp;q=x</c>).</summary>
    public static bool HasEmptyParameters(string queryString) =>
        QueryHelpers.ParseQuery(queryString).Any(p => p.Value.All(string.IsNullOrEmpty));

    public static string For(AccountListFilter filter)
    {
        var query = new Dictionary<string, string?>();
        Add(query, "q", filter.Search);
        Add(query, "segment", filter.Segment is { } s ? EnumText.ToText(s) : null);
        Add(query, "phase", filter.LifecyclePhase is { } p ? EnumText.ToText(p) : null);
        Add(query, "type", filter.BusinessType is { } b ? EnumText.ToText(b) : null);
        Add(query, "key", filter.KeyAccount switch { true => "yes", false => "no", null => null });
        Add(query, "owner", filter.Owner.ToString());
        Add(query, "sort", filter.Sort == AccountSort.Name ? null : EnumText.ToText(filter.Sort));
        Add(query, "dir", filter.Descending ? "desc" : null);
        Add(query, "page", filter.Page > 1 ? filter.Page.ToString(CultureInfo.InvariantCulture) : null);
        Add(query, "size", filter.PageSize != AccountListFilter.DefaultPageSize ? filter.PageSize.ToString(CultureInfo.InvariantCulture) : null);
        return QueryHelpers.AddQueryString(Path, query);
    }

    /// <summary>The URL that sorts by <paramref name="sort"/>: toggles direction on the current column, back to page 1.</summary>
    public static string SortedBy(AccountListFilter filter, AccountSort sort) =>
        For(filter with { Sort = sort, Descending = filter.Sort == sort && !filter.Descending, Page = 1 });

    public static string OnPage(AccountListFilter filter, int page) => For(filter with { Page = page });

    private static void Add(Dictionary<string, string?> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query[name] = value;
        }
    }
}
