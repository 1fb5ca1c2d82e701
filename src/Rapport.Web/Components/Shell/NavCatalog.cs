using System.Reflection;
using Microsoft.AspNetCore.Components;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Components.Shell;

internal sealed record NavLinkItem(string Href, Func<UiText, string> Label, string Icon, bool AdminOnly = false);

internal sealed record NavGroup(Func<UiText, string> Label, IReadOnlyList<NavLinkItem> Items);

/// <summary>
/// The navigation of all product areas (docs/domain.md#users, docs/domain.md#retention-management). An entry is shown only when a page with its address exists
/// in this build, so the menu never leads to a placeholder: areas appear as their pages are built.
/// </summary>
internal static class NavCatalog
{
    public static readonly IReadOnlyList<NavGroup> All =
    [
        new(_ => "", [
            new("/", t => t.Dashboard, "home"),
            new("/accounts", t => t.Accounts, "building"),
            new("/surveys", t => t.Surveys, "clipboard"),
        ]),
        new(t => t.Analytics, [
            new("/analytics/loyalty", t => t.LoyaltyAnalysis, "heart"),
            new("/analytics/phases", t => t.PhasesAndTouchpoints, "route"),
            new("/analytics/drivers", t => t.Drivers, "bars"),
            new("/analytics/competitors", t => t.Competitors, "flag"),
        ]),
        new(t => t.Retention, [
            new("/retention/portfolio", t => t.Portfolio, "grid"),
            new("/retention/risks", t => t.RiskList, "alert"),
            new("/retention/kpis", t => t.Kpis, "trend"),
            new("/retention/acquisition", t => Features.Retention.KpiText.For(t).AcquisitionNav, "people"),
        ]),
        new(_ => "", [
            new("/complaints", t => t.Complaints, "message"),
            new("/loyalty", t => t.LoyaltyProgram, "star"),
            new("/plans", t => t.AccountPlans, "map"),
            new("/tasks", t => t.Tasks, "check"),
        ]),
        new(t => t.Admin, [
            new("/admin/users", t => t.Users, "users", AdminOnly: true),
            new("/admin/tokens", t => t.Tokens, "key", AdminOnly: true),
            new("/admin/master-data", t => t.MasterData, "list", AdminOnly: true),
            new("/admin/imports", t => t.Imports, "upload", AdminOnly: true),
            new("/admin/webhooks", _ => "Webhooks", "globe", AdminOnly: true),
        ]),
    ];

    private static readonly HashSet<string> Routes = FindRoutes(typeof(NavCatalog).Assembly);

    /// <summary>The groups with only the entries whose pages exist (and admin entries only for admins).</summary>
    public static IReadOnlyList<NavGroup> Visible(bool isAdmin) => Visible(All, Routes, isAdmin);

    internal static IReadOnlyList<NavGroup> Visible(IReadOnlyList<NavGroup> groups, IReadOnlySet<string> routes, bool isAdmin) =>
        groups
            .Select(g => g with { Items = g.Items.Where(i => routes.Contains(i.Href) && (isAdmin || !i.AdminOnly)).ToList() })
            .Where(g => g.Items.Count > 0)
            .ToList();

    /// <summary>The literal routes (without parameters) of the routable components in <paramref name="assembly"/>.</summary>
    internal static HashSet<string> FindRoutes(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => "/" + r.Template.Trim('/'))
            .Where(r => !r.Contains('{', StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
