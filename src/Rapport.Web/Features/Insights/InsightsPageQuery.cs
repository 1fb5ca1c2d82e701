using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Insights;
using Rapport.Core.Common;

namespace Rapport.Web.Features.Insights;

/// <summary>An account owner offered in the analytics filter.</summary>
public sealed record InsightOwnerOption(long Id, string Name, string Email);

/// <summary>The choices of the analytics filter bar besides the fixed vocabularies (segment, business type, buying role).</summary>
public sealed record InsightFilterOptions(IReadOnlyList<string> Regions, IReadOnlyList<string> Industries, IReadOnlyList<InsightOwnerOption> Owners);

/// <summary>The names of the phases and touchpoints by code, for pages that get only codes (the drill-down).</summary>
public sealed record InsightNames(
    IReadOnlyDictionary<string, (string En, string De)> Phases, IReadOnlyDictionary<string, (string En, string De)> Touchpoints);

/// <summary>What every analytics page starts from: the user, the parsed filter and its errors, the waves and the filter choices.</summary>
public sealed record InsightsPageContext(
    Caller User,
    Caller Viewer,
    InsightFilter Filter,
    IReadOnlyList<Error> Errors,
    IReadOnlyList<InsightWaveSummary> Waves,
    InsightFilterOptions Options)
{
    /// <summary>True when no wave has answers the user may see: the pages show how to run a survey instead.</summary>
    public bool NoData => Waves.All(w => w.Respondents == 0);
}

/// <summary>Loads the context of an analytics page; the figures themselves come from <see cref="InsightQueries"/>.</summary>
internal sealed class InsightsPageQuery(IDbContextFactory<RapportDbContext> dbFactory, InsightQueries insights)
{
    public async Task<InsightsPageContext> LoadAsync(Caller user, InsightFilterInput input, CancellationToken cancellationToken = default)
    {
        var viewer = user;
        var (filter, errors) = InsightFilters.Parse(input, user.Id);
        var waves = await insights.WavesAsync(viewer, cancellationToken);
        var options = await OptionsAsync(user, cancellationToken);
        return new InsightsPageContext(user, viewer, filter, errors, waves, options);
    }

    public async Task<InsightNames> NamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var phases = await db.BusinessPhases.Select(p => new { p.Code, p.NameEn, p.NameDe }).ToListAsync(cancellationToken);
        var touchpoints = await db.Touchpoints.Select(t => new { t.Code, t.NameEn, t.NameDe }).ToListAsync(cancellationToken);
        return new InsightNames(
            phases.ToDictionary(p => p.Code, p => (p.NameEn, p.NameDe), StringComparer.OrdinalIgnoreCase),
            touchpoints.ToDictionary(t => t.Code, t => (t.NameEn, t.NameDe), StringComparer.OrdinalIgnoreCase));
    }

    private async Task<InsightFilterOptions> OptionsAsync(Caller user, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.VisibleAccounts(user);
        var regions = await visible.Where(a => a.Region != null && a.Region != "").Select(a => a.Region!).Distinct().OrderBy(r => r)
            .ToListAsync(cancellationToken);
        var industries = await visible.Where(a => a.Industry != null && a.Industry != "").Select(a => a.Industry!).Distinct().OrderBy(i => i)
            .ToListAsync(cancellationToken);
        var owners = await db.Users
            .Where(u => visible.Any(a => a.OwnerUserId == u.Id))
            .OrderBy(u => u.DisplayName)
            .Select(u => new InsightOwnerOption(u.Id, u.DisplayName, u.Email))
            .ToListAsync(cancellationToken);
        return new InsightFilterOptions(regions, industries, owners);
    }
}
