using Rapport.Core.Complaints;

namespace Rapport.Core.Tests.Complaints;

public sealed class ComplaintStatisticsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = T0.AddDays(30);

    private static ComplaintFacts Facts(ComplaintStatus status, double resolvedAfterDays = double.NaN, double dueAfterDays = 3,
        int reopens = 0, short? satisfaction = null, ComplaintCategory category = ComplaintCategory.Delivery) =>
        new(category, ComplaintSeverity.High, 7, 4, status, T0, T0.AddDays(dueAfterDays),
            double.IsNaN(resolvedAfterDays) ? null : T0.AddDays(resolvedAfterDays), reopens, satisfaction);

    [Fact]
    public void Compute_ConstructedSet_GivesDefinedFigures()
    {
        ComplaintFacts[] set =
        [
            Facts(ComplaintStatus.Confirmed, resolvedAfterDays: 1, satisfaction: 5),             // in SLA
            Facts(ComplaintStatus.Confirmed, resolvedAfterDays: 2, reopens: 1, satisfaction: 2), // in SLA (of the reopened period)
            Facts(ComplaintStatus.Resolved, resolvedAfterDays: 5),                                // late
            Facts(ComplaintStatus.Resolved, resolvedAfterDays: 10, dueAfterDays: 12),             // in SLA
            Facts(ComplaintStatus.InProgress, dueAfterDays: 40),                                  // open, not due
            Facts(ComplaintStatus.Reopened, resolvedAfterDays: 3, dueAfterDays: 20, reopens: 1),  // open, overdue
            Facts(ComplaintStatus.Received, dueAfterDays: 29),                                    // open, overdue
        ];

        var figures = ComplaintStatistics.Compute(set, Now);

        Assert.Equal(7, figures.Count);
        Assert.Equal(3, figures.Open);
        Assert.Equal(2, figures.Overdue);
        Assert.Equal(4, figures.Resolved);
        // Resolution days 1, 2, 5, 10 → median 3.5.
        Assert.Equal(3.5, figures.MedianResolutionDays!.Value, 10);
        // 3 of the 4 resolved met the deadline, 2 open ones are past it: 3 / 6.
        Assert.Equal(6, figures.SlaKnown);
        Assert.Equal(0.5, figures.SlaAdherence!.Value, 10);
        // Resolved at least once: the 4 resolved and the reopened one; reopened: 2 of 5.
        Assert.Equal(5, figures.ResolvedOnce);
        Assert.Equal(0.4, figures.ReopenRate!.Value, 10);
        Assert.Equal(3.5, figures.MeanHandlingSatisfaction!.Value, 10);
        Assert.Equal(2, figures.SatisfactionResponses);
    }

    [Fact]
    public void Compute_NothingResolvedOrDue_FiguresWithoutBaseAreNull()
    {
        var figures = ComplaintStatistics.Compute([Facts(ComplaintStatus.Received, dueAfterDays: 60)], Now);

        Assert.Equal((1, 1, 0), (figures.Count, figures.Open, figures.Overdue));
        Assert.Null(figures.MedianResolutionDays);
        Assert.Null(figures.SlaAdherence);
        Assert.Null(figures.ReopenRate);
        Assert.Null(figures.MeanHandlingSatisfaction);
    }

    [Fact]
    public void Median_OddCount_MiddleValue()
    {
        Assert.Equal(2.0, ComplaintStatistics.Median([5.0, 1.0, 2.0]));
    }
}
