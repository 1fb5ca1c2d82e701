using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Events;
using Rapport.Core.Webhooks;
using Rapport.Testing;

namespace Rapport.Core.Tests.Webhooks;

/// <summary>Dispatcher against a real database and a local HTTP receiver; a fresh database per test, since every active
/// subscription receives every event.</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xUnit disposes the fields in IAsyncLifetime.DisposeAsync.")]
public sealed class WebhookDispatcherTests : IAsyncLifetime
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private readonly WebhookSecrets secrets = new(new EphemeralDataProtectionProvider());
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly WebhookReceiver receiver = new();
    private TestCluster cluster = null!;
    private string name = null!;
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        cluster = await TestPostgres.GetClusterAsync();
        name = await cluster.CreateDatabaseAsync();
        dataSource = NpgsqlDataSource.Create(cluster.ConnectionStringFor(name));
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        http.Dispose();
        await dataSource.DisposeAsync();
        await cluster.DropDatabaseAsync(name);
    }

    private RapportDbContext NewContext() => new(DataServiceCollectionExtensions.CreateOptions(dataSource));

    private WebhookDispatcher Dispatcher(WebhookOptions? options = null) =>
        new(dataSource, http, secrets, options ?? new WebhookOptions { InitialRetryDelaySeconds = 10, MaxRetryDelaySeconds = 60 }, clock, NullLogger.Instance);

    private async Task<CreatedWebhook> SubscribeAsync(params string[] eventTypes)
    {
        await using var db = NewContext();
        var result = await new WebhookSubscriptions(db, secrets, clock).CreateAsync(new NewWebhookSubscription(receiver.Url, eventTypes), null, "admin@test.rapport");
        return result.Value ?? throw new InvalidOperationException(result.Error?.Message);
    }

    private async Task<long> AddEventsAsync(int count, string type = EventTypes.SignalRaised)
    {
        await using var db = NewContext();
        var account = new Account { ExternalId = $"W-{Guid.NewGuid():N}", Name = "Webhook test AG" };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        for (var i = 0; i < count; i++)
        {
            Outbox.Add(db, type, account.Id, new { signal = "revenue_falling", severity = "high", n = i, note = "Umsatz −35 % „Brenner“" });
        }
        await db.SaveChangesAsync();
        return account.Id;
    }

    private async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = NewContext();
        return await db.WebhookDeliveries.OrderBy(d => d.Id).ToListAsync();
    }

    [Fact]
    public async Task RunOnceAsync_EventForSubscriber_PostsSignedJsonThatVerifies()
    {
        var created = await SubscribeAsync();
        var accountId = await AddEventsAsync(1);

        var attempts = await Dispatcher().RunOnceAsync();

        var attempt = Assert.Single(attempts);
        Assert.True(attempt.Delivered);
        var request = Assert.Single(receiver.Requests);
        var timestamp = long.Parse(request.Headers["X-Rapport-Timestamp"], CultureInfo.InvariantCulture);
        var signature = request.Headers["X-Rapport-Signature"];
        // Recomputed here independently of WebhookSignature, as a receiver would (docs/webhooks.md).
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(created.Secret), Encoding.UTF8.GetBytes($"{timestamp}.{request.Body}")));
        Assert.Equal(expected, signature);
        Assert.True(WebhookSignature.Verify(created.Secret, timestamp, request.Body, signature));
        Assert.False(WebhookSignature.Verify(created.Secret + "x", timestamp, request.Body, signature));
        Assert.Equal("signal.raised", request.Headers["X-Rapport-Event"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("signal.raised", root.GetProperty("type").GetString());
        Assert.Equal(accountId, root.GetProperty("accountId").GetInt64());
        Assert.Equal("revenue_falling", root.GetProperty("data").GetProperty("signal").GetString());
        Assert.Equal("Umsatz −35 % „Brenner“", root.GetProperty("data").GetProperty("note").GetString());
        Assert.True(root.TryGetProperty("occurredAt", out _));
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal(request.Headers["X-Rapport-Delivery"], delivery.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(root.GetProperty("id").GetInt64(), delivery.EventId);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 1, 200), (delivery.Status, delivery.AttemptCount, delivery.LastStatusCode));
        Assert.NotNull(delivery.DeliveredAt);
    }

    [Fact]
    public async Task RunOnceAsync_ReceiverAnswers500ThenOk_RetriesAfterBackoffAndDelivers()
    {
        await SubscribeAsync();
        await AddEventsAsync(1);
        receiver.Respond = n => n == 1 ? 500 : 200;
        var dispatcher = Dispatcher();

        await dispatcher.RunOnceAsync();
        var afterFailure = Assert.Single(await DeliveriesAsync());
        var notYetDue = await dispatcher.RunOnceAsync();
        clock.Advance(TimeSpan.FromSeconds(11));
        var retried = await dispatcher.RunOnceAsync();

        Assert.Equal((WebhookDeliveryStatus.Pending, 1, 500), (afterFailure.Status, afterFailure.AttemptCount, afterFailure.LastStatusCode));
        Assert.StartsWith("HTTP 500", afterFailure.LastError, StringComparison.Ordinal);
        Assert.Contains("receiver says no", afterFailure.LastError, StringComparison.Ordinal);
        // First retry after 10 s less up to half of it as jitter.
        Assert.InRange(afterFailure.NextAttemptAt - afterFailure.LastAttemptAt!.Value, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        Assert.Empty(notYetDue);
        Assert.True(Assert.Single(retried).Delivered);
        var delivered = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Delivered, 2, 200), (delivered.Status, delivered.AttemptCount, delivered.LastStatusCode));
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task RunOnceAsync_ReceiverAlwaysFails_GivesUpAfterMaxAttempts()
    {
        await SubscribeAsync();
        await AddEventsAsync(1);
        receiver.Respond = _ => 503;
        var dispatcher = Dispatcher(new WebhookOptions { MaxAttempts = 3, InitialRetryDelaySeconds = 1, MaxRetryDelaySeconds = 2 });

        for (var round = 0; round < 6; round++)
        {
            await dispatcher.RunOnceAsync();
            clock.Advance(TimeSpan.FromSeconds(3));
        }

        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Failed, 3, 503), (delivery.Status, delivery.AttemptCount, delivery.LastStatusCode));
        Assert.Null(delivery.DeliveredAt);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task RunOnceAsync_TwoDispatchersAtOnce_DeliverEveryEventExactlyOnce()
    {
        await SubscribeAsync();
        await AddEventsAsync(40);
        receiver.Delay = TimeSpan.FromMilliseconds(20);
        var options = new WebhookOptions { BatchSize = 7, Concurrency = 3 };
        var first = Dispatcher(options);
        var second = Dispatcher(options);

        async Task DrainAsync(WebhookDispatcher d)
        {
            for (var i = 0; i < 20; i++)
            {
                await d.RunOnceAsync();
            }
        }
        await Task.WhenAll(Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)));

        var ids = receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct().Count());
        var deliveries = await DeliveriesAsync();
        Assert.Equal(40, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal((WebhookDeliveryStatus.Delivered, 1), (d.Status, d.AttemptCount)));
    }

    [Fact]
    public async Task FanOutAsync_SubscriptionForOneType_GetsOnlyThatType()
    {
        await SubscribeAsync(EventTypes.ComplaintOverdue);
        await AddEventsAsync(2, EventTypes.SignalRaised);
        await AddEventsAsync(1, EventTypes.ComplaintOverdue);

        await Dispatcher().RunOnceAsync();

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("complaint.overdue", request.Headers["X-Rapport-Event"]);
        Assert.Single(await DeliveriesAsync());
    }

    [Fact]
    public async Task RunOnceAsync_ReceiverTooSlow_RecordsTimeout()
    {
        await SubscribeAsync();
        await AddEventsAsync(1);
        receiver.Delay = TimeSpan.FromSeconds(3);

        var attempt = Assert.Single(await Dispatcher(new WebhookOptions { TimeoutSeconds = 0.3 }).RunOnceAsync());

        Assert.False(attempt.Delivered);
        Assert.Null(attempt.StatusCode);
        Assert.Equal("No answer within 0.3 s.", attempt.Error);
    }

    [Fact]
    public async Task SendTestAsync_Subscription_SendsSignedTestEventAndLogsIt()
    {
        var created = await SubscribeAsync(EventTypes.ComplaintOverdue);

        var attempt = await Dispatcher().SendTestAsync(created.Subscription.Id);

        Assert.True(attempt!.Delivered);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("webhook.test", request.Headers["X-Rapport-Event"]);
        Assert.True(WebhookSignature.Verify(created.Secret, long.Parse(request.Headers["X-Rapport-Timestamp"], CultureInfo.InvariantCulture),
            request.Body, request.Headers["X-Rapport-Signature"]));
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal(("webhook.test", null, WebhookDeliveryStatus.Delivered), (delivery.EventType, delivery.EventId, delivery.Status));
        Assert.Null(await Dispatcher().SendTestAsync(created.Subscription.Id + 1000));
    }

    [Fact]
    public async Task FanOutAsync_EventsBeforeSubscriptionWasFannedOut_AreNotSentToLaterSubscriber()
    {
        await AddEventsAsync(3);
        await Dispatcher().FanOutAsync();
        await SubscribeAsync();
        await AddEventsAsync(1);

        await Dispatcher().RunOnceAsync();

        Assert.Single(receiver.Requests);
    }
}
