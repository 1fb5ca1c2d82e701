namespace Rapport.Core.Retention.Scoring;

/// <summary>
/// The days a run looks at. Index 0 is the as-of day D. A run evaluates the lifecycle at D and — on the first run,
/// to give phase history and "P(alive) over time" a past — at D − 30·k for k = 1..backfill steps ("evaluation days").
/// Each evaluation day e also needs P(alive) at e − 90 (the purchase-frequency signal): with 30-day steps that is the
/// day three steps earlier, so the calendar is D − 30·k for k = 0..steps + 3 and lookups are by step.
/// </summary>
public sealed class ScoringCalendar
{
    /// <summary>Days between two evaluation days.</summary>
    public const int StepDays = 30;

    /// <summary>"P(alive) dropped by … in 90 days" (docs/retention.md#early-warning-signals): three steps.</summary>
    public const int DropSteps = 3;

    private ScoringCalendar(DateOnly asOf, int backfillSteps)
    {
        AsOf = asOf;
        BackfillSteps = backfillSteps;
        Days = [.. Enumerable.Range(0, backfillSteps + DropSteps + 1).Select(k => asOf.AddDays(-StepDays * k))];
    }

    /// <summary>A calendar for <paramref name="asOf"/>; <paramref name="backfillMonths"/> = 0 evaluates D alone.</summary>
    public static ScoringCalendar For(DateOnly asOf, int backfillMonths) =>
        new(asOf, backfillMonths <= 0 ? 0 : (int)Math.Round(backfillMonths * 30.4375 / StepDays));

    public DateOnly AsOf { get; }

    /// <summary>Evaluation days before D.</summary>
    public int BackfillSteps { get; }

    /// <summary>All days, D first then backwards in 30-day steps.</summary>
    public IReadOnlyList<DateOnly> Days { get; }

    /// <summary>The steps that are evaluated, oldest first (so phases carry forward to D, which comes last).</summary>
    public IEnumerable<int> EvaluationStepsOldestFirst => Enumerable.Range(0, BackfillSteps + 1).Reverse();

    /// <summary>Whether the full set of facts is needed at <paramref name="step"/> (evaluation days), or only P(alive).</summary>
    public bool IsEvaluated(int step) => step <= BackfillSteps;

    /// <summary>The step of "90 days before" <paramref name="step"/>.</summary>
    public static int NinetyDaysBefore(int step) => step + DropSteps;
}
