using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Core.Complaints;
using Rapport.Core.Data;

namespace Rapport.Web.Jobs;

/// <summary>Escalates overdue complaints every <see cref="ComplaintOptions.EscalationIntervalSeconds"/> (<see cref="ComplaintEscalation"/>).</summary>
internal sealed class ComplaintEscalationJob(IDbContextFactory<RapportDbContext> contexts, IOptions<ComplaintOptions> options, TimeProvider time,
    ILogger<ComplaintEscalationJob> logger) : RecurringJob(time, logger)
{
    protected override bool Enabled => options.Value.EscalationEnabled;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.EscalationIntervalSeconds));

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var escalated = await new ComplaintEscalation(db, Clock).RunOnceAsync(cancellationToken);
        if (escalated > 0 && Logger.IsEnabled(LogLevel.Information))
        {
            Logger.LogInformation("Escalated {Count} overdue complaint(s).", escalated);
        }
    }
}
