using Rapport.Core.Accounts;
using Rapport.Core.Common;
using Rapport.Core.Complaints;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Testing;

namespace Rapport.Core.Tests.Complaints;

/// <summary>Accounts, users and a workflow over a test database, with a clock the test moves.</summary>
internal sealed class ComplaintFixtures(TestDatabase database)
{
    /// <summary>Wednesday 2026-03-04 09:00 UTC (10:00 in Berlin).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);

    public ManualClock Clock { get; } = new(Start);

    public ComplaintSla Sla { get; } = new(new ComplaintOptions());

    private ComplaintActor? actor;

    /// <summary>A staff user who acts in the tests (created once per fixture).</summary>
    public async Task<ComplaintActor> ActorAsync()
    {
        if (actor is null)
        {
            var user = await NewUserAsync();
            actor = ComplaintActor.User(Caller.From(user));
        }
        return actor;
    }

    public RapportDbContext NewContext() => new(DataServiceCollectionExtensions.CreateOptions(database.DataSource));

    public ComplaintWorkflow Workflow(RapportDbContext db) => new(db, Sla, Clock);

    public async Task<User> NewUserAsync(string language = "en")
    {
        await using var db = NewContext();
        var user = new User
        {
            Email = $"owner-{Guid.NewGuid():N}@test.rapport",
            DisplayName = "Olga Owner",
            Role = UserRole.AccountManager,
            PreferredLanguage = language,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public async Task<long> NewAccountAsync(long? ownerId = null)
    {
        await using var db = NewContext();
        var account = new Account { ExternalId = $"C-{Guid.NewGuid():N}", Name = "Complaint test GmbH", OwnerUserId = ownerId };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    public async Task<Complaint> ReceiveAsync(long accountId, ComplaintSeverity severity = ComplaintSeverity.High, DateTimeOffset? receivedAt = null,
        string subject = "Spare parts delivered late")
    {
        await using var db = NewContext();
        var result = await Workflow(db).ReceiveAsync(
            new NewComplaint(accountId, ComplaintCategory.Delivery, severity, subject, Touchpoint: "logistics", Phase: "delivery", ReceivedAt: receivedAt),
            await ActorAsync());
        return result.Value ?? throw new InvalidOperationException(result.Error!.Message);
    }

    /// <summary>Moves a complaint through acknowledge, start and resolve.</summary>
    public async Task<Complaint> ResolveAsync(long complaintId)
    {
        await using var db = NewContext();
        var workflow = Workflow(db);
        var by = await ActorAsync();
        Check(await workflow.AcknowledgeAsync(complaintId, by));
        Check(await workflow.StartAsync(complaintId, by));
        return Check(await workflow.ResolveAsync(complaintId, "Carrier missed the pick-up", "Express shipment sent", by));
    }

    public static Complaint Check(Result<Complaint> result) =>
        result.Value ?? throw new InvalidOperationException(result.Error!.Message);
}
