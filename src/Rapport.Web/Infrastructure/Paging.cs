using Rapport.Core.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Rapport.Web.Infrastructure;

/// <summary>One page of a list (docs/api.md#paging): <c>{items, page, pageSize, totalCount}</c>.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

/// <summary>A validated <c>?page=&amp;pageSize=</c> pair.</summary>
internal readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    // Offsets beyond this are a scan of the whole table per request; nobody pages that far by hand.
    private const int MaxOffset = 10_000_000;

    public int Skip => (Page - 1) * PageSize;

    public static PageRequest Validate(int? page, int? pageSize, FieldErrors errors)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p < 1)
        {
            errors.Add("page", "The page must be 1 or more.");
        }
        if (size is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"The page size must be between 1 and {MaxPageSize}.");
        }
        else if ((long)(p - 1) * size > MaxOffset)
        {
            errors.Add("page", $"The page lies beyond the first {MaxOffset:N0} records; narrow the filters instead.");
        }
        return new PageRequest(Math.Max(p, 1), Math.Clamp(size, 1, MaxPageSize));
    }

    /// <summary>Counts <paramref name="filtered"/> and reads one page of its ordered projection.</summary>
    public async Task<PagedResult<T>> ReadAsync<TEntity, T>(
        IQueryable<TEntity> filtered, Func<IQueryable<TEntity>, IQueryable<T>> orderAndProject, CancellationToken ct)
    {
        var total = await filtered.CountAsync(ct);
        var items = total <= Skip ? [] : await orderAndProject(filtered).Skip(Skip).Take(PageSize).ToListAsync(ct);
        return new PagedResult<T>(items, Page, PageSize, total);
    }

    /// <summary>
    /// A page read as a "deferred join": the ordered filter yields only the keys of the page — from an index alone where
    /// the order is indexed, however far the offset — and only those rows are then read and projected (with joins such as
    /// the owner's e-mail). <paramref name="order"/> gets the total count, to pick a plan that suits the result size.
    /// </summary>
    /// <param name="key">The key of a row (its id).</param>
    /// <param name="rowsWithKeys">The rows whose keys are in the given query, e.g. <c>ids =&gt; db.Accounts.Where(a =&gt; ids.Contains(a.Id))</c>.</param>
    public async Task<PagedResult<T>> ReadByKeysAsync<TEntity, T>(IQueryable<TEntity> filtered, Expression<Func<TEntity, long>> key,
        Func<IQueryable<long>, IQueryable<TEntity>> rowsWithKeys, Func<IQueryable<TEntity>, int, IOrderedQueryable<TEntity>> order,
        Expression<Func<TEntity, T>> projection, CancellationToken ct)
    {
        var total = await filtered.CountAsync(ct);
        if (total <= Skip)
        {
            return new PagedResult<T>([], Page, PageSize, total);
        }
        var pageKeys = order(filtered, total).Skip(Skip).Take(PageSize).Select(key);
        var items = await order(rowsWithKeys(pageKeys), total).Select(projection).ToListAsync(ct);
        return new PagedResult<T>(items, Page, PageSize, total);
    }
}
