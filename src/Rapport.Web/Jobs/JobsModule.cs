namespace Rapport.Web.Jobs;

/// <summary>
/// Every background job of the host, in one place. Each only schedules a Core use case; with several app instances
/// the use cases coordinate in PostgreSQL (advisory locks, claimed rows), so every instance may run every job.
/// </summary>
internal sealed class JobsModule : FeatureModule
{
    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHostedService<ScoringWorker>();
        services.AddHostedService<SurveyRemindersJob>();
        services.AddHostedService<ComplaintEscalationJob>();
        services.AddHostedService<WebhookDeliveryJob>();
        services.AddHostedService<LoyaltyPointsJob>();
        services.AddHostedService<PlanReviewRemindersJob>();
    }
}
