using Microsoft.EntityFrameworkCore;

namespace Rapport.Core.Complaints;

/// <summary>The facts of one complaint that the statistics need.</summary>
public sealed record ComplaintFacts(
    ComplaintCategory Category,
    ComplaintSeverity Severity,
    int? TouchpointId,
    int? PhaseId,
    ComplaintStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? ResolvedAt,
    int ReopenCount,
    short? HandlingSatisfaction);

/// <summary>The figures of a group of complaints (docs/complaints.md).</summary>
/// <param name="Count">Complaints in the group.</param>
/// <param name="Open">Received, acknowledged, in progress or reopened.</param>
/// <param name="Overdue">Open and past the deadline.</param>
/// <param name="Resolved">Resolved or confirmed.</param>
/// <param name="MedianResolutionDays">Median of (latest resolution − receipt) in days over the resolved ones; null when none.</param>
/// <param name="SlaAdherence">Share (0–1) of the complaints whose SLA outcome is known — resolved, or open and overdue —
/// that were resolved by their deadline; null when none is known yet.</param>
/// <param name="SlaKnown">The denominator of <paramref name="SlaAdherence"/>.</param>
/// <param name="ResolvedOnce">Complaints resolved at least once (now resolved or confirmed, or reopened since): the base of <paramref name="ReopenRate"/>.</param>
/// <param name="ReopenRate">Share (0–1) of the complaints resolved at least once that were reopened; null when none.</param>
/// <param name="MeanHandlingSatisfaction">Mean satisfaction with the handling (1–5) of the confirmed ones; null when none.</param>
/// <param name="SatisfactionResponses">How many satisfaction answers the mean rests on.</param>
public sealed record ComplaintFigures(
    int Count,
    int Open,
    int Overdue,
    int Resolved,
    double? MedianResolutionDays,
    double? SlaAdherence,
    int SlaKnown,
    int ResolvedOnce,
    double? ReopenRate,
    double? MeanHandlingSatisfaction,
    int SatisfactionResponses);

/// <summary>The figures of one group; <see cref="Key"/> is the enum text or master-data code, <c>none</c> when not set.</summary>
public sealed record ComplaintGroupFigures(string Key, string? NameEn, string? NameDe, ComplaintFigures Figures)
{
    public const string NoneKey = "none";

    public string? Name(string language) => language == "de" ? NameDe : NameEn;
}

/// <summary>Complaint statistics by category, severity, touchpoint and phase, with the total.</summary>
public sealed record ComplaintStatisticsReport(
    ComplaintFigures Total,
    IReadOnlyList<ComplaintGroupFigures> ByCategory,
    IReadOnlyList<ComplaintGroupFigures> BySeverity,
    IReadOnlyList<ComplaintGroupFigures> ByTouchpoint,
    IReadOnlyList<ComplaintGroupFigures> ByPhase);

/// <summary>Computes <see cref="ComplaintFigures"/>; pure, so the definitions are tested on constructed sets.</summary>
public static class ComplaintStatistics
{
    /// <summary>The figures of <paramref name="complaints"/> as of <paramref name="now"/> (for "overdue").</summary>
    public static ComplaintFigures Compute(IReadOnlyCollection<ComplaintFacts> complaints, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaints);
        var open = 0;
        var overdue = 0;
        var slaMet = 0;
        var everResolved = 0;
        var reopened = 0;
        var resolutionDays = new List<double>();
        var satisfactions = new List<int>();
        foreach (var c in complaints)
        {
            if (ComplaintStatuses.IsOpen(c.Status))
            {
                open++;
                if (c.DueAt < now)
                {
                    overdue++;
                }
            }
            else if (c.ResolvedAt is { } resolvedAt)
            {
                resolutionDays.Add((resolvedAt - c.ReceivedAt).TotalDays);
                if (resolvedAt <= c.DueAt)
                {
                    slaMet++;
                }
            }
            if (c.ResolvedAt is not null || c.ReopenCount > 0)
            {
                everResolved++;
                if (c.ReopenCount > 0)
                {
                    reopened++;
                }
            }
            if (c.HandlingSatisfaction is { } s)
            {
                satisfactions.Add(s);
            }
        }
        var slaKnown = resolutionDays.Count + overdue;
        return new ComplaintFigures(
            complaints.Count,
            open,
            overdue,
            resolutionDays.Count,
            Median(resolutionDays),
            slaKnown == 0 ? null : (double)slaMet / slaKnown,
            slaKnown,
            everResolved,
            everResolved == 0 ? null : (double)reopened / everResolved,
            satisfactions.Count == 0 ? null : satisfactions.Average(),
            satisfactions.Count);
    }

    /// <summary>The median (mean of the two middle values for an even count); null for no values.</summary>
    public static double? Median(List<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /// <summary>
    /// Reads the facts of the complaints in <paramref name="complaints"/> (already restricted to what the user may see and
    /// to any filter) and computes the report; groups follow the master-data order, groups without complaints are left out.
    /// </summary>
    public static async Task<ComplaintStatisticsReport> RunAsync(Data.RapportDbContext db, IQueryable<Complaint> complaints,
        DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var facts = await complaints
            .Select(c => new ComplaintFacts(c.Category, c.Severity, c.TouchpointId, c.PhaseId, c.Status, c.ReceivedAt, c.DueAt,
                c.ResolvedAt, c.ReopenCount, c.HandlingSatisfaction))
            .ToListAsync(ct);
        var touchpoints = await db.Touchpoints.OrderBy(t => t.SortOrder).Select(t => new { t.Id, t.Code, t.NameEn, t.NameDe }).ToListAsync(ct);
        var phases = await db.BusinessPhases.OrderBy(p => p.SortOrder).Select(p => new { p.Id, p.Code, p.NameEn, p.NameDe }).ToListAsync(ct);

        List<ComplaintGroupFigures> ByEnum<T>(Func<ComplaintFacts, T> key) where T : struct, Enum =>
            Enum.GetValues<T>()
                .Select(v => (Value: v, Facts: facts.Where(f => EqualityComparer<T>.Default.Equals(key(f), v)).ToList()))
                .Where(g => g.Facts.Count > 0)
                .Select(g => new ComplaintGroupFigures(Data.EnumText.ToText(g.Value), null, null, Compute(g.Facts, now)))
                .ToList();

        List<ComplaintGroupFigures> ByMaster(Func<ComplaintFacts, int?> key, IEnumerable<(int Id, string Code, string En, string De)> items)
        {
            var groups = items
                .Select(i => (Item: i, Facts: facts.Where(f => key(f) == i.Id).ToList()))
                .Where(g => g.Facts.Count > 0)
                .Select(g => new ComplaintGroupFigures(g.Item.Code, g.Item.En, g.Item.De, Compute(g.Facts, now)))
                .ToList();
            var none = facts.Where(f => key(f) is null).ToList();
            if (none.Count > 0)
            {
                groups.Add(new ComplaintGroupFigures(ComplaintGroupFigures.NoneKey, null, null, Compute(none, now)));
            }
            return groups;
        }

        return new ComplaintStatisticsReport(
            Compute(facts, now),
            ByEnum(f => f.Category),
            ByEnum(f => f.Severity),
            ByMaster(f => f.TouchpointId, touchpoints.Select(t => (t.Id, t.Code, t.NameEn, t.NameDe))),
            ByMaster(f => f.PhaseId, phases.Select(p => (p.Id, p.Code, p.NameEn, p.NameDe))));
    }
}
