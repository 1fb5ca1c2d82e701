using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;

namespace Rapport.Web.Features.Accounts;

/// <summary>Columns the account list can be sorted by.</summary>
public enum AccountSort { Name, Country, BusinessType, Segment, LifecyclePhase, Owner }

/// <summary>Who owns an account, as a filter: anyone, nobody, or one user.</summary>
public readonly record struct OwnerFilter(bool Unassigned, long? UserId)
{
    public const string UnassignedText = "none";

    public static OwnerFilter Anyone => default;

    public bool IsSet => Unassigned || UserId is not null;

    public static OwnerFilter Parse(string? text) => text switch
    {
        null or "" => Anyone,
        UnassignedText => new OwnerFilter(true, null),
        _ when long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) => new OwnerFilter(false, id),
        _ => Anyone,
    };

    public override string? ToString() => Unassigned ? UnassignedText : UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record AccountListFilter
{
    public const int DefaultPageSize = 25;
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100];

    public string? Search { get; init; }
    public Segment? Segment { get; init; }
    public LifecyclePhase? LifecyclePhase { get; init; }
    public BusinessType? BusinessType { get; init; }
    public bool? KeyAccount { get; init; }
    public OwnerFilter Owner { get; init; }
    public AccountSort Sort { get; init; }
    public bool Descending { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    public bool HasCriteria => !string.IsNullOrWhiteSpace(Search) || Segment is not null || LifecyclePhase is not null
        || BusinessType is not null || KeyAccount is not null || Owner.IsSet;
}

public sealed record AccountListRow(
    long Id,
    string ExternalId,
    string Name,
    string? Industry,
    string? Country,
    BusinessType? BusinessType,
    bool KeyAccount,
    Segment Segment,
    LifecyclePhase? LifecyclePhase,
    string? OwnerName);

public sealed record AccountListPage(IReadOnlyList<AccountListRow> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public int FirstRow => TotalCount == 0 ? 0 : ((Page - 1) * PageSize) + 1;

    public int LastRow => Math.Min(TotalCount, Page * PageSize);
}

public sealed record OwnerOption(long Id, string Name);

/// <summary>
/// The account list, filtered, sorted and paged in the database: one COUNT and one page query over the
/// accounts the user may see, so the list stays fast with tens of thousands of accounts.
/// </summary>
internal sealed class AccountListQuery(IDbContextFactory<RapportDbContext> dbFactory)
{
    public async Task<AccountListPage> RunAsync(Caller user, AccountListFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.VisibleAccounts(user), filter);

        var total = await query.CountAsync(cancellationToken);
        var pageSize = AccountListFilter.PageSizes.Contains(filter.PageSize) ? filter.PageSize : AccountListFilter.DefaultPageSize;
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);

        var items = await Sort(query, filter.Sort, filter.Descending)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(a => new AccountListRow(
                a.Id, a.ExternalId, a.Name, a.Industry, a.Country, a.BusinessType, a.KeyAccount, a.Segment, a.LifecyclePhase,
                a.Owner == null ? null : a.Owner.DisplayName))
            .ToListAsync(cancellationToken);
        return new AccountListPage(items, page, pageSize, total);
    }

    /// <summary>Users that own at least one visible account, for the owner filter.</summary>
    public async Task<IReadOnlyList<OwnerOption>> OwnersAsync(Caller user, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.VisibleAccounts(user);
        return await db.Users
            .Where(u => visible.Any(a => a.OwnerUserId == u.Id))
            .OrderBy(u => u.DisplayName)
            .Select(u => new OwnerOption(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    internal static IQueryable<Account> Filter(IQueryable<Account> query, AccountListFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Name: any part; external id: its beginning. Both case-insensitive, in the form the indexes of
            // migration 0003 serve (a trigram index on lower(name), a pattern index on lower(external_id)).
            var term = LikePattern.Escape(filter.Search.Trim().ToLowerInvariant());
            var anywhere = "%" + term + "%";
            var prefix = term + "%";
            query = query.Where(a => EF.Functions.Like(a.Name.ToLower(), anywhere, LikePattern.EscapeText)
                || EF.Functions.Like(a.ExternalId.ToLower(), prefix, LikePattern.EscapeText));
        }
        if (filter.Segment is { } segment)
        {
            query = query.Where(a => a.Segment == segment);
        }
        if (filter.LifecyclePhase is { } phase)
        {
            query = query.Where(a => a.LifecyclePhase == phase);
        }
        if (filter.BusinessType is { } businessType)
        {
            query = query.Where(a => a.BusinessType == businessType);
        }
        if (filter.KeyAccount is { } keyAccount)
        {
            query = query.Where(a => a.KeyAccount == keyAccount);
        }
        if (filter.Owner.Unassigned)
        {
            query = query.Where(a => a.OwnerUserId == null);
        }
        else if (filter.Owner.UserId is { } ownerId)
        {
            query = query.Where(a => a.OwnerUserId == ownerId);
        }
        return query;
    }

    // Enums are stored as text; sorting by the text would order segments alphabetically, so sort by domain order instead.
    private static IQueryable<Account> Sort(IQueryable<Account> query, AccountSort sort, bool descending)
    {
        IOrderedQueryable<Account> ordered = sort switch
        {
            AccountSort.Country => By(query, a => a.Country, descending),
            AccountSort.BusinessType => By(query,
                a => a.BusinessType == BusinessType.Product ? 0
                    : a.BusinessType == BusinessType.Plant ? 1
                    : a.BusinessType == BusinessType.System ? 2
                    : a.BusinessType == BusinessType.Supplier ? 3 : 4,
                descending),
            AccountSort.Segment => By(query,
                a => a.Segment == Segment.Prospect ? 0
                    : a.Segment == Segment.New ? 1
                    : a.Segment == Segment.Regular ? 2 : 3,
                descending),
            AccountSort.LifecyclePhase => By(query,
                a => a.LifecyclePhase == LifecyclePhase.Initiation ? 0
                    : a.LifecyclePhase == LifecyclePhase.Exploration ? 1
                    : a.LifecyclePhase == LifecyclePhase.Expansion ? 2
                    : a.LifecyclePhase == LifecyclePhase.Maturity ? 3
                    : a.LifecyclePhase == LifecyclePhase.Endangerment ? 4
                    : a.LifecyclePhase == LifecyclePhase.Termination ? 5
                    : a.LifecyclePhase == LifecyclePhase.Revitalization ? 6 : 7,
                descending),
            AccountSort.Owner => By(query, a => a.Owner == null ? null : a.Owner.DisplayName, descending),
            _ => By(query, a => a.Name, descending),
        };
        // A unique tie-breaker keeps paging stable when many rows share the sort key.
        return sort == AccountSort.Name
            ? ordered.ThenBy(a => a.Id)
            : ordered.ThenBy(a => a.Name).ThenBy(a => a.Id);
    }

    private static IOrderedQueryable<Account> By<TKey>(IQueryable<Account> query, System.Linq.Expressions.Expression<Func<Account, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key) : query.OrderBy(key);
}

/// <summary>Escapes user text for a LIKE pattern so that % and _ match literally.</summary>
internal static class LikePattern
{
    public const string EscapeText = "\\";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
