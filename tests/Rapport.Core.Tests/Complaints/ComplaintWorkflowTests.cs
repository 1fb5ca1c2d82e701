using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Common;
using Rapport.Core.Complaints;
using Rapport.Testing;

namespace Rapport.Core.Tests.Complaints;

public sealed class ComplaintWorkflowTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly ComplaintFixtures f = new(database);
    private ComplaintActor Anna = null!;

    public async Task InitializeAsync() => Anna = await f.ActorAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReceiveAsync_HighSeverity_DueAfterThreeBusinessDaysAndHistoryStarts()
    {
        var owner = await f.NewUserAsync();
        var accountId = await f.NewAccountAsync(owner.Id);

        var complaint = await f.ReceiveAsync(accountId, ComplaintSeverity.High);

        Assert.Equal(ComplaintStatus.Received, complaint.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero), complaint.DueAt);
        Assert.Equal(owner.Id, complaint.OwnerUserId);
        await using var db = f.NewContext();
        var history = await db.ComplaintEvents.Where(e => e.ComplaintId == complaint.Id).ToListAsync();
        var received = Assert.Single(history);
        Assert.Equal(ComplaintEventKind.Received, received.Kind);
        Assert.Equal(Anna.Name, received.Actor);
        var entityId = complaint.Id.ToString(CultureInfo.InvariantCulture);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Entity == "complaint" && a.EntityId == entityId && a.Action == "create"));
    }

    [Fact]
    public async Task Transitions_FullLoop_RecordEveryStepWithDates()
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId);

        await using var db = f.NewContext();
        var workflow = f.Workflow(db);
        f.Clock.Advance(TimeSpan.FromHours(1));
        var acknowledged = ComplaintFixtures.Check(await workflow.AcknowledgeAsync(complaint.Id, Anna, "Called the buyer back"));
        f.Clock.Advance(TimeSpan.FromHours(1));
        ComplaintFixtures.Check(await workflow.StartAsync(complaint.Id, Anna));
        f.Clock.Advance(TimeSpan.FromDays(1));
        var resolved = ComplaintFixtures.Check(await workflow.ResolveAsync(complaint.Id, "Carrier missed pick-up", "Sent by express", Anna));
        var confirmed = ComplaintFixtures.Check(await workflow.ConfirmAsync(complaint.Id, 4, Anna, "Customer confirmed by phone"));

        Assert.Equal(ComplaintFixtures.Start.AddHours(1), acknowledged.AcknowledgedAt);
        Assert.Equal(ComplaintFixtures.Start.AddHours(2).AddDays(1), resolved.ResolvedAt);
        Assert.NotNull(resolved.CustomerTokenHash);
        Assert.Equal(ComplaintStatus.Confirmed, confirmed.Status);
        Assert.Equal((short)4, confirmed.HandlingSatisfaction);
        var kinds = await db.ComplaintEvents.Where(e => e.ComplaintId == complaint.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
        Assert.Equal([ComplaintEventKind.Received, ComplaintEventKind.Acknowledged, ComplaintEventKind.Started, ComplaintEventKind.Resolved, ComplaintEventKind.Confirmed], kinds);
        var note = await db.ComplaintEvents.Where(e => e.ComplaintId == complaint.Id && e.Kind == ComplaintEventKind.Acknowledged).Select(e => e.Note).SingleAsync();
        Assert.Equal("Called the buyer back", note);
    }

    [Theory]
    [InlineData(ComplaintAction.Start)]
    [InlineData(ComplaintAction.Resolve)]
    [InlineData(ComplaintAction.Confirm)]
    [InlineData(ComplaintAction.Reopen)]
    public async Task Transition_NotAllowedFromReceived_IsInvalidTransitionAndChangesNothing(ComplaintAction action)
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId);
        await using var db = f.NewContext();
        var workflow = f.Workflow(db);

        var result = action switch
        {
            ComplaintAction.Start => await workflow.StartAsync(complaint.Id, Anna),
            ComplaintAction.Resolve => await workflow.ResolveAsync(complaint.Id, "cause", null, Anna),
            ComplaintAction.Confirm => await workflow.ConfirmAsync(complaint.Id, 5, Anna),
            _ => await workflow.ReopenAsync(complaint.Id, Anna),
        };

        Assert.Equal("complaint.invalid_transition", result.Error?.Code);
        Assert.Contains("possible now: acknowledge", result.Error!.Message, StringComparison.Ordinal);
        await using var check = f.NewContext();
        Assert.Equal(ComplaintStatus.Received, await check.Complaints.Where(c => c.Id == complaint.Id).Select(c => c.Status).SingleAsync());
        Assert.Equal(1, await check.ComplaintEvents.CountAsync(e => e.ComplaintId == complaint.Id));
    }

    [Fact]
    public async Task ConfirmAsync_ConfirmedComplaint_IsInvalidTransitionSayingClosed()
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId);
        await f.ResolveAsync(complaint.Id);
        await using var db = f.NewContext();
        ComplaintFixtures.Check(await f.Workflow(db).ConfirmAsync(complaint.Id, 5, Anna));

        var again = await f.Workflow(db).ReopenAsync(complaint.Id, Anna);

        Assert.Equal("complaint.invalid_transition", again.Error?.Code);
        Assert.Contains("it is closed", again.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task ResolveAsync_WithoutRootCause_IsInvalidNamingRootCause(string? rootCause)
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId);
        await using var db = f.NewContext();
        ComplaintFixtures.Check(await f.Workflow(db).AcknowledgeAsync(complaint.Id, Anna));
        ComplaintFixtures.Check(await f.Workflow(db).StartAsync(complaint.Id, Anna));

        var result = await f.Workflow(db).ResolveAsync(complaint.Id, rootCause, null, Anna);

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Equal("rootCause", result.Error!.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(6)]
    public async Task ConfirmAsync_SatisfactionMissingOrOutOfScale_IsInvalidNamingSatisfaction(int? satisfaction)
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId);
        await f.ResolveAsync(complaint.Id);
        await using var db = f.NewContext();

        var result = await f.Workflow(db).ConfirmAsync(complaint.Id, satisfaction, Anna);

        Assert.Equal("satisfaction", result.Error?.Field);
        Assert.Equal(ComplaintStatus.Resolved, await db.Complaints.Where(c => c.Id == complaint.Id).Select(c => c.Status).SingleAsync());
    }

    [Fact]
    public async Task ReopenAsync_ResolvedComplaint_NewSlaPeriodFromNowAndCountsReopening()
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId, ComplaintSeverity.Critical);
        await f.ResolveAsync(complaint.Id);
        f.Clock.Set(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        await using var db = f.NewContext();

        var reopened = ComplaintFixtures.Check(await f.Workflow(db).ReopenAsync(complaint.Id, Anna, "Still late"));

        Assert.Equal(ComplaintStatus.Reopened, reopened.Status);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 12, 0, 0, TimeSpan.Zero), reopened.DueAt);
        Assert.True(ComplaintStatuses.IsAllowed(reopened.Status, ComplaintAction.Resolve));
        Assert.True(ComplaintStatuses.IsAllowed(reopened.Status, ComplaintAction.Start));
    }

    [Fact]
    public async Task ReceiveAsync_BadInput_IsInvalidNamingField()
    {
        var accountId = await f.NewAccountAsync();
        await using var db = f.NewContext();
        var workflow = f.Workflow(db);

        var noSubject = await workflow.ReceiveAsync(new NewComplaint(accountId, ComplaintCategory.Service, ComplaintSeverity.Low, " "), Anna);
        var badTouchpoint = await workflow.ReceiveAsync(new NewComplaint(accountId, ComplaintCategory.Service, ComplaintSeverity.Low, "x", Touchpoint: "kitchen"), Anna);
        var future = await workflow.ReceiveAsync(new NewComplaint(accountId, ComplaintCategory.Service, ComplaintSeverity.Low, "x", ReceivedAt: f.Clock.GetUtcNow().AddDays(2)), Anna);
        var foreignContact = await workflow.ReceiveAsync(new NewComplaint(accountId, ComplaintCategory.Service, ComplaintSeverity.Low, "x", ContactId: 987654321), Anna);

        Assert.Equal("subject", noSubject.Error?.Field);
        Assert.Equal("touchpoint", badTouchpoint.Error?.Field);
        Assert.Contains("logistics", badTouchpoint.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("receivedAt", future.Error?.Field);
        Assert.Equal("contactId", foreignContact.Error?.Field);
        Assert.Equal(0, await db.Complaints.CountAsync(c => c.AccountId == accountId));
    }

    [Fact]
    public async Task UpdateAsync_SeverityRaised_MovesDeadlineOfCurrentPeriod()
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId, ComplaintSeverity.Low);
        await using var db = f.NewContext();

        var updated = ComplaintFixtures.Check(await f.Workflow(db).UpdateAsync(complaint.Id,
            new ComplaintChanges(ComplaintCategory.Delivery, ComplaintSeverity.Critical, complaint.Subject, null, "logistics", "delivery", null, null), Anna));

        Assert.Equal(ComplaintFixtures.Start.AddDays(1), updated.DueAt);
        Assert.Equal("dueAt, severity", await db.ComplaintEvents
            .Where(e => e.ComplaintId == complaint.Id && e.Kind == ComplaintEventKind.Updated).Select(e => e.Note).SingleAsync());
    }

    [Fact]
    public async Task ConcurrentTransitions_SecondSaveOfSameStatus_IsConflict()
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId);
        await f.ResolveAsync(complaint.Id);
        await using var first = f.NewContext();
        await using var second = f.NewContext();
        // Both load the resolved complaint; the first confirms, the second's reopen must not overwrite it.
        var loaded = await second.Complaints.AsTracking().SingleAsync(c => c.Id == complaint.Id);
        ComplaintFixtures.Check(await f.Workflow(first).ConfirmAsync(complaint.Id, 5, Anna));

        var result = await f.Workflow(second).ReopenAsync(loaded.Id, Anna);

        Assert.Equal("complaint.changed_meanwhile", result.Error?.Code);
        await using var check = f.NewContext();
        Assert.Equal(ComplaintStatus.Confirmed, await check.Complaints.Where(c => c.Id == complaint.Id).Select(c => c.Status).SingleAsync());
    }

    [Fact]
    public async Task CustomerLink_ConfirmThroughToken_RecordsCustomerAndSatisfaction()
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId);
        var resolved = await f.ResolveAsync(complaint.Id);
        await using var db = f.NewContext();
        var tokens = await ComplaintTokens.LoadAsync(db, null);
        var token = tokens.TokenFor(resolved.Id, resolved.CustomerTokenNonce!);

        var view = await f.Workflow(db).OpenLinkAsync(token);
        var confirmed = await f.Workflow(db).ConfirmByLinkAsync(token, 5, "Thanks");
        var answeredAgain = await f.Workflow(db).ReopenByLinkAsync(token, "changed my mind");

        Assert.True(view.Value!.AwaitsAnswer);
        Assert.Equal("Express shipment sent", view.Value.Resolution);
        Assert.Equal(ComplaintStatus.Confirmed, confirmed.Value!.Status);
        Assert.Equal("complaint.invalid_transition", answeredAgain.Error?.Code);
        var last = await db.ComplaintEvents.Where(e => e.ComplaintId == complaint.Id).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(("customer", ComplaintEventKind.Confirmed, "Thanks"), (last.Actor, last.Kind, last.Note));
    }

    [Fact]
    public async Task CustomerLink_ReopenThroughToken_ThenResolveAgain_OldLinkUnknown()
    {
        var accountId = await f.NewAccountAsync();
        var complaint = await f.ReceiveAsync(accountId);
        var resolved = await f.ResolveAsync(complaint.Id);
        await using var db = f.NewContext();
        var tokens = await ComplaintTokens.LoadAsync(db, null);
        var oldToken = tokens.TokenFor(resolved.Id, resolved.CustomerTokenNonce!);

        var reopened = await f.Workflow(db).ReopenByLinkAsync(oldToken, "Parts still missing");
        ComplaintFixtures.Check(await f.Workflow(db).ResolveAsync(complaint.Id, "Second carrier failed too", "Delivered by our own van", Anna));

        Assert.Equal(ComplaintStatus.Reopened, reopened.Value!.Status);
        Assert.Equal(ErrorKind.NotFound, (await f.Workflow(db).OpenLinkAsync(oldToken)).Error?.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task OpenLinkAsync_UnknownOrMalformedToken_NotFound(string token)
    {
        await using var db = f.NewContext();

        var result = await f.Workflow(db).OpenLinkAsync(token);

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
    }
}
