namespace Rapport.Core.Loyalty;

/// <summary>The <c>Rapport:Loyalty</c> configuration section (environment: <c>Rapport__Loyalty__PointsExpireAfterMonths=36</c>).</summary>
public sealed class LoyaltyOptions
{
    public const string Section = "Rapport:Loyalty";

    /// <summary>Points expire this many months after they were booked (FIFO); 0 turns expiry off.</summary>
    public int PointsExpireAfterMonths { get; set; } = 24;

    /// <summary>Run the background job (earning for new orders, then expiry) in this process.</summary>
    public bool JobEnabled { get; set; } = true;

    /// <summary>Minutes between two runs of the background job.</summary>
    public int JobIntervalMinutes { get; set; } = 60;
}
