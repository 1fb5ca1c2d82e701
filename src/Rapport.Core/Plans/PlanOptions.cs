namespace Rapport.Core.Plans;

/// <summary>The <c>Rapport:Plans</c> configuration section (environment: <c>Rapport__Plans__ReminderIntervalMinutes=30</c>).</summary>
public sealed class PlanOptions
{
    public const string Section = "Rapport:Plans";

    /// <summary>Run the review-reminder job in this process.</summary>
    public bool ReminderJobEnabled { get; set; } = true;

    /// <summary>Minutes between two runs of the review-reminder job.</summary>
    public int ReminderIntervalMinutes { get; set; } = 60;
}
