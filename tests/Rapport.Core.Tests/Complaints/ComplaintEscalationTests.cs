using Microsoft.EntityFrameworkCore;
using Rapport.Core.Complaints;
using Rapport.Core.Events;
using Rapport.Core.Retention;
using Rapport.Testing;

namespace Rapport.Core.Tests.Complaints;

public sealed class ComplaintEscalationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly ComplaintFixtures f = new(database);

    private async Task<int> EscalateAsync()
    {
        await using var db = f.NewContext();
        return await new ComplaintEscalation(db, f.Clock).RunOnceAsync();
    }

    [Fact]
    public async Task RunOnceAsync_OverdueComplaint_EscalatesOnceWithOneTaskAndOneEvent()
    {
        var owner = await f.NewUserAsync("de");
        var accountId = await f.NewAccountAsync(owner.Id);
        var complaint = await f.ReceiveAsync(accountId, ComplaintSeverity.Critical, subject: "Line 2 stands still");
        var notYetDue = await f.ReceiveAsync(accountId, ComplaintSeverity.Low);

        f.Clock.Set(complaint.DueAt.AddMinutes(1));
        var first = await EscalateAsync();
        var second = await EscalateAsync();

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        await using var db = f.NewContext();
        var escalated = await db.Complaints.SingleAsync(c => c.Id == complaint.Id);
        Assert.Equal(complaint.DueAt.AddMinutes(1), escalated.EscalatedAt);
        Assert.Null((await db.Complaints.SingleAsync(c => c.Id == notYetDue.Id)).EscalatedAt);
        var task = await db.Tasks.SingleAsync(t => t.AccountId == accountId);
        Assert.Equal($"complaint:{complaint.Id}:overdue", task.OriginKey);
        Assert.Equal(TaskOrigin.Complaint, task.Origin);
        Assert.Equal(owner.Id, task.OwnerUserId);
        Assert.Equal("Beschwerde überfällig: Line 2 stands still", task.Title);
        var events = await db.OutboxEvents.Where(e => e.AccountId == accountId).ToListAsync();
        var overdue = Assert.Single(events);
        Assert.Equal(EventTypes.ComplaintOverdue, overdue.Type);
        Assert.Contains($"\"complaintId\":{complaint.Id}", overdue.Payload.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Single(await db.ComplaintEvents.Where(e => e.ComplaintId == complaint.Id && e.Kind == ComplaintEventKind.Escalated).ToListAsync());
    }

    [Fact]
    public async Task RunOnceAsync_SeveralInstancesAtOnce_EscalateEachComplaintOnce()
    {
        var accountId = await f.NewAccountAsync();
        var complaints = new List<Complaint>();
        for (var i = 0; i < 12; i++)
        {
            complaints.Add(await f.ReceiveAsync(accountId, ComplaintSeverity.Critical, subject: $"Complaint {i}"));
        }
        f.Clock.Set(complaints.Max(c => c.DueAt).AddHours(1));

        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(EscalateAsync)));

        await using var db = f.NewContext();
        Assert.Equal(12, await db.Tasks.CountAsync(t => t.AccountId == accountId));
        Assert.Equal(12, await db.OutboxEvents.CountAsync(e => e.AccountId == accountId));
        Assert.Equal(12, await db.ComplaintEvents.CountAsync(e => e.AccountId == accountId && e.Kind == ComplaintEventKind.Escalated));
        Assert.True(counts.Sum() >= 12);
    }

    [Fact]
    public async Task RunOnceAsync_ReopenedAndLateAgain_SecondTaskWithReopenKey()
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId, ComplaintSeverity.Critical);
        f.Clock.Set(complaint.DueAt.AddHours(1));
        await EscalateAsync();
        await f.ResolveAsync(complaint.Id);
        await using (var db = f.NewContext())
        {
            var reopened = ComplaintFixtures.Check(await f.Workflow(db).ReopenAsync(complaint.Id, ComplaintActor.Customer));
            Assert.Null(reopened.EscalatedAt);
            f.Clock.Set(reopened.DueAt.AddHours(1));
        }

        await EscalateAsync();

        await using var check = f.NewContext();
        var keys = await check.Tasks.Where(t => t.AccountId == accountId).OrderBy(t => t.Id).Select(t => t.OriginKey).ToListAsync();
        Assert.Equal([$"complaint:{complaint.Id}:overdue", $"complaint:{complaint.Id}:overdue:reopened-1"], keys);
    }

    [Fact]
    public async Task RunOnceAsync_ResolvedBeforeDeadline_NotEscalated()
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId, ComplaintSeverity.Critical);
        await f.ResolveAsync(complaint.Id);
        f.Clock.Set(complaint.DueAt.AddDays(3));

        await EscalateAsync();

        await using var db = f.NewContext();
        Assert.Null((await db.Complaints.SingleAsync(c => c.Id == complaint.Id)).EscalatedAt);
        Assert.False(await db.Tasks.AnyAsync(t => t.AccountId == accountId));
    }
}
