using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Components.Shell;

/// <summary>A menu label: a key of a string resource (<see cref="Texts"/> names it), or none for an unnamed group.</summary>
internal sealed record NavLabel(Type? Texts, string Key)
{
    public static readonly NavLabel None = new(null, "");

    public static NavLabel Shared(string key) => new(typeof(SharedTexts), key);

    public string Text(IStringLocalizerFactory localizers) => Texts is null ? Key : localizers.Create(Texts)[Key];
}

internal sealed record NavLinkItem(string Href, NavLabel Label, string Icon, bool AdminOnly = false);

internal sealed record NavGroup(NavLabel Label, IReadOnlyList<NavLinkItem> Items);

/// <summary>
/// The navigation of all product areas (docs/domain.md#users, docs/domain.md#retention-management). An entry is shown only when a page with its address exists
/// in this build, so the menu never leads to a placeholder: areas appear as their pages are built.
/// </summary>
internal static class NavCatalog
{
    public static readonly IReadOnlyList<NavGroup> All =
    [
        new(NavLabel.None, [
            new("/", NavLabel.Shared("Dashboard"), "home"),
            new("/accounts", NavLabel.Shared("Accounts"), "building"),
            new("/surveys", NavLabel.Shared("Surveys"), "clipboard"),
        ]),
        new(NavLabel.Shared("Analytics"), [
            new("/analytics/loyalty", NavLabel.Shared("LoyaltyAnalysis"), "heart"),
            new("/analytics/phases", NavLabel.Shared("PhasesAndTouchpoints"), "route"),
            new("/analytics/drivers", NavLabel.Shared("Drivers"), "bars"),
            new("/analytics/competitors", NavLabel.Shared("Competitors"), "flag"),
        ]),
        new(NavLabel.Shared("Retention"), [
            new("/retention/portfolio", NavLabel.Shared("Portfolio"), "grid"),
            new("/retention/risks", NavLabel.Shared("RiskList"), "alert"),
            new("/retention/kpis", NavLabel.Shared("Kpis"), "trend"),
            new("/retention/acquisition", new NavLabel(typeof(Features.Retention.RetentionTexts), "AcquisitionNav"), "people"),
        ]),
        new(NavLabel.None, [
            new("/complaints", NavLabel.Shared("Complaints"), "message"),
            new("/loyalty", NavLabel.Shared("LoyaltyProgram"), "star"),
            new("/plans", NavLabel.Shared("AccountPlans"), "map"),
            new("/tasks", NavLabel.Shared("Tasks"), "check"),
        ]),
        new(NavLabel.Shared("Admin"), [
            new("/admin/users", NavLabel.Shared("Users"), "users", AdminOnly: true),
            new("/admin/tokens", NavLabel.Shared("Tokens"), "key", AdminOnly: true),
            new("/admin/master-data", NavLabel.Shared("MasterData"), "list", AdminOnly: true),
            new("/admin/imports", NavLabel.Shared("Imports"), "upload", AdminOnly: true),
            new("/admin/webhooks", new NavLabel(typeof(Features.Webhooks.WebhooksTexts), "Title"), "globe", AdminOnly: true),
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
