using Microsoft.AspNetCore.Components;
using Rapport.Core.Insights;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Dashboard;
using Rapport.Web.Features.Identity;
using Rapport.Web.Features.Retention;
using Rapport.Web.Features.Surveys;
using Rapport.Core.Common;

namespace Rapport.Web.Features.Insights;

/// <summary>
/// What every analytics page does first: tidy the URL, find the user, parse the filters of the query string (the
/// analytics API's names) and load the waves and filter choices.
/// </summary>
public abstract class InsightsPageBase : ComponentBase
{
    [Inject] private CallerAccessor CurrentUsers { get; set; } = null!;
    [Inject] private protected InsightsPageQuery PageQuery { get; set; } = null!;
    [Inject] private protected InsightQueries Insights { get; set; } = null!;
    [Inject] private protected NavigationManager Navigation { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "waveId")] public string? WaveId { get; set; }
    [SupplyParameterFromQuery(Name = "segment")] public string? Segment { get; set; }
    [SupplyParameterFromQuery(Name = "businessType")] public string? BusinessType { get; set; }
    [SupplyParameterFromQuery(Name = "region")] public string? Region { get; set; }
    [SupplyParameterFromQuery(Name = "industry")] public string? Industry { get; set; }
    [SupplyParameterFromQuery(Name = "keyAccount")] public string? KeyAccount { get; set; }
    [SupplyParameterFromQuery(Name = "buyingRole")] public string? BuyingRole { get; set; }
    [SupplyParameterFromQuery(Name = "owner")] public string? Owner { get; set; }
    [SupplyParameterFromQuery(Name = "groupBy")] public string? GroupBy { get; set; }

    /// <summary>The page's context once loaded; null while nobody is signed in (the layout shows why).</summary>
    private protected InsightsPageContext? Context { get; private set; }

    private protected InsightFilter Filter => Context!.Filter;

    /// <summary>The grouping when the URL names none (the loyalty view compares segments by default).</summary>
    private protected virtual string? DefaultGroupBy => null;

    protected sealed override async Task OnParametersSetAsync()
    {
        // A submitted filter form sends every field, empty ones too; answer with the short, shareable URL.
        // (Before any await: a redirect is only possible while nothing has been rendered.)
        var uri = new Uri(Navigation.Uri);
        if (InsightsUrl.HasEmptyParameters(uri.Query))
        {
            Navigation.NavigateTo(InsightsUrl.WithoutEmptyParameters(uri));
            return;
        }
        var user = await CurrentUsers.GetAsync();
        if (user is null)
        {
            return;
        }
        var input = new InsightFilterInput(WaveId, Segment, BusinessType, Region, Industry, KeyAccount, BuyingRole, Owner,
            string.Equals(GroupBy, "none", StringComparison.OrdinalIgnoreCase) ? null : GroupBy ?? DefaultGroupBy);
        Context = await PageQuery.LoadAsync(user, input);
        if (!Context.NoData)
        {
            await LoadViewAsync();
        }
    }

    /// <summary>Loads the page's figures for <see cref="Filter"/> and <see cref="Context"/>.</summary>
    private protected abstract Task LoadViewAsync();

    /// <summary>The message of a failed query when the wave (or phase) asked for does not exist.</summary>
    private protected static string? NotFoundMessage<T>(Result<T>? result) =>
        result?.Error is { Kind: ErrorKind.NotFound } error ? error.Message : null;
}
