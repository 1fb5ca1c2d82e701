using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Rapport.Core.Webhooks;

/// <summary>The outcome of one HTTP attempt.</summary>
/// <param name="StatusCode">The receiver's status code; null when no answer came (timeout, connection refused).</param>
public sealed record WebhookAttempt(long DeliveryId, bool Delivered, int? StatusCode, string? Error);

/// <summary>
/// Delivers the outbox to the subscriptions (docs/webhooks.md). A round has two steps, both safe with several app
/// instances: <see cref="FanOutAsync"/> turns new outbox events into one pending delivery per matching active subscription
/// and advances the cursor (the cursor row is locked <c>FOR UPDATE SKIP LOCKED</c>, so one instance fans out at a
/// time); <see cref="DeliverDueAsync"/> claims due deliveries with <c>FOR UPDATE SKIP LOCKED</c> and a lease, POSTs
/// them signed, and records the outcome — delivered on 2xx, else a retry with exponential backoff and jitter until
/// <see cref="WebhookOptions.MaxAttempts"/>, then failed.
/// </summary>
public sealed partial class WebhookDispatcher(
    NpgsqlDataSource dataSource,
    HttpClient http,
    WebhookSecrets secrets,
    WebhookOptions options,
    TimeProvider clock,
    ILogger logger)
{
    public const string TestEventType = "webhook.test";
    public const string EventHeader = "X-Rapport-Event";
    public const string DeliveryHeader = "X-Rapport-Delivery";
    public const string TimestampHeader = "X-Rapport-Timestamp";
    public const string SignatureHeader = "X-Rapport-Signature";

    private const int FanOutBatch = 1000;
    private const int MaxErrorLength = 500;

    /// <summary>Fans out, then delivers what is due; returns the attempts made.</summary>
    public async Task<IReadOnlyList<WebhookAttempt>> RunOnceAsync(CancellationToken ct = default)
    {
        while (await FanOutAsync(ct) == FanOutBatch)
        {
        }
        return await DeliverDueAsync(ct);
    }

    /// <summary>
    /// Creates the deliveries of outbox events after the cursor and moves the cursor; returns the events passed.
    /// Events are taken in id order up to the first gap in the ids that is younger than
    /// <see cref="WebhookOptions.OutboxGapWaitSeconds"/>: a missing id may belong to a transaction that has not committed yet.
    /// </summary>
    public async Task<int> FanOutAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long cursor;
        await using (var cmd = new NpgsqlCommand(
            "SELECT last_event_id FROM webhook_dispatch_cursor WHERE name = 'outbox' FOR UPDATE SKIP LOCKED", conn, tx))
        {
            if (await cmd.ExecuteScalarAsync(ct) is not long value)
            {
                // Another instance is fanning out right now.
                return 0;
            }
            cursor = value;
        }
        var events = new List<(long Id, DateTimeOffset OccurredAt)>();
        await using (var cmd = new NpgsqlCommand("SELECT id, occurred_at FROM outbox_events WHERE id > $1 ORDER BY id LIMIT $2", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = cursor });
            cmd.Parameters.Add(new NpgsqlParameter { Value = FanOutBatch });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                events.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1)));
            }
        }
        var (last, passed) = AcceptedUpTo(cursor, events, now, TimeSpan.FromSeconds(options.OutboxGapWaitSeconds));
        if (passed == 0)
        {
            return 0;
        }
        await using (var cmd = new NpgsqlCommand(
            """
            INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, next_attempt_at, created_at)
            SELECT s.id, e.id, e.type, $3, $3
            FROM outbox_events e
            JOIN webhook_subscriptions s ON s.is_active AND (cardinality(s.event_types) = 0 OR e.type = ANY (s.event_types))
            WHERE e.id > $1 AND e.id <= $2
            ORDER BY e.id, s.id
            ON CONFLICT DO NOTHING
            """, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = cursor });
            cmd.Parameters.Add(new NpgsqlParameter { Value = last });
            cmd.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using (var cmd = new NpgsqlCommand(
            "UPDATE webhook_dispatch_cursor SET last_event_id = $1, updated_at = now() WHERE name = 'outbox'", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = last });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return passed;
    }

    /// <summary>The last id the cursor may move to, and how many events that passes: ids in order, stopping at the first
    /// gap after the cursor whose next event is younger than <paramref name="gapWait"/>.</summary>
    internal static (long Last, int Passed) AcceptedUpTo(long cursor, IReadOnlyList<(long Id, DateTimeOffset OccurredAt)> events,
        DateTimeOffset now, TimeSpan gapWait)
    {
        var last = cursor;
        var passed = 0;
        foreach (var (id, occurredAt) in events)
        {
            if (id != last + 1 && now - occurredAt < gapWait)
            {
                break;
            }
            last = id;
            passed++;
        }
        return (last, passed);
    }

    /// <summary>Claims the due deliveries (a batch), sends them and records each outcome.</summary>
    public async Task<IReadOnlyList<WebhookAttempt>> DeliverDueAsync(CancellationToken ct = default)
    {
        var claimed = await ClaimAsync(ct);
        if (claimed.Count == 0)
        {
            return [];
        }
        var results = new WebhookAttempt[claimed.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, claimed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = ct },
            async (i, token) =>
            {
                var attempt = await SendAsync(claimed[i], token);
                await RecordAsync(claimed[i], attempt, retry: true, token);
                results[i] = attempt;
            });
        return results;
    }

    /// <summary>Sends a <c>webhook.test</c> event to the subscription once, now, and logs it as a delivery (no retries).
    /// Null when the subscription does not exist.</summary>
    public async Task<WebhookAttempt?> SendTestAsync(long subscriptionId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        Claimed? claimed = null;
        await using (var cmd = dataSource.CreateCommand(
            """
            WITH d AS (
                INSERT INTO webhook_deliveries (subscription_id, event_type, next_attempt_at, locked_until, created_at)
                SELECT id, $2, $3, $4, $3 FROM webhook_subscriptions WHERE id = $1
                RETURNING id, subscription_id, attempt_count
            )
            SELECT d.id, d.subscription_id, d.attempt_count, s.url, s.secret_protected
            FROM d JOIN webhook_subscriptions s ON s.id = d.subscription_id
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = subscriptionId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = TestEventType });
            cmd.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            cmd.Parameters.Add(new NpgsqlParameter { Value = now + Lease, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                claimed = new Claimed(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                    TestEventType, null, null, null, null);
            }
        }
        if (claimed is null)
        {
            return null;
        }
        var attempt = await SendAsync(claimed, ct);
        await RecordAsync(claimed, attempt, retry: false, ct);
        return attempt;
    }

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1: the initial delay doubled per attempt, capped,
    /// then a random share of up to half of it taken off (jitter), so that receivers that come back are not hit in step.</summary>
    public static TimeSpan Backoff(int attempts, WebhookOptions options, double random)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var full = Math.Min(options.MaxRetryDelaySeconds, options.InitialRetryDelaySeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(full * (1 - (0.5 * Math.Clamp(random, 0, 1))));
    }

    /// <summary>The JSON body: <c>{id, type, occurredAt, accountId, data}</c>, <c>data</c> being the event's payload.</summary>
    public static string Body(long? eventId, string type, DateTimeOffset occurredAt, long? accountId, string dataJson)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", eventId ?? 0);
            writer.WriteString("type", type);
            writer.WriteString("occurredAt", occurredAt.ToUniversalTime());
            if (accountId is { } account)
            {
                writer.WriteNumber("accountId", account);
            }
            else
            {
                writer.WriteNull("accountId");
            }
            writer.WritePropertyName("data");
            writer.WriteRawValue(dataJson);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private TimeSpan Timeout => TimeSpan.FromSeconds(Math.Max(0.1, options.TimeoutSeconds));

    // A claimed batch is sent Concurrency requests at a time; the lease covers the slowest case with a margin.
    private TimeSpan Lease => (Timeout * Math.Ceiling((double)Math.Max(1, options.BatchSize) / Math.Max(1, options.Concurrency))) + TimeSpan.FromSeconds(30);

    private sealed record Claimed(long Id, long SubscriptionId, int AttemptCount, string Url, string SecretProtected, string EventType,
        long? EventId, DateTimeOffset? OccurredAt, long? AccountId, string? Payload);

    private async Task<List<Claimed>> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var claimed = new List<Claimed>();
        await using var cmd = dataSource.CreateCommand(
            """
            WITH due AS (
                SELECT d.id
                FROM webhook_deliveries d
                JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.is_active
                WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.locked_until IS NULL OR d.locked_until <= $1)
                ORDER BY d.next_attempt_at, d.id
                LIMIT $2
                FOR UPDATE OF d SKIP LOCKED
            ), claimed AS (
                UPDATE webhook_deliveries d SET locked_until = $3 FROM due WHERE d.id = due.id
                RETURNING d.id, d.subscription_id, d.attempt_count, d.event_type, d.event_id
            )
            SELECT c.id, c.subscription_id, c.attempt_count, s.url, s.secret_protected, c.event_type, e.id, e.occurred_at, e.account_id, e.payload::text
            FROM claimed c
            JOIN webhook_subscriptions s ON s.id = c.subscription_id
            LEFT JOIN outbox_events e ON e.id = c.event_id
            ORDER BY c.id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Math.Max(1, options.BatchSize) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now + Lease, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new Claimed(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return claimed;
    }

    private async Task<WebhookAttempt> SendAsync(Claimed delivery, CancellationToken ct)
    {
        string secret;
        try
        {
            secret = secrets.Unprotect(delivery.SecretProtected);
        }
        catch (CryptographicException)
        {
            return new WebhookAttempt(delivery.Id, false, null,
                "The signing secret cannot be decrypted (the data-protection key ring changed); create the subscription again.");
        }
        var now = clock.GetUtcNow();
        var body = delivery.EventId is { } eventId
            ? Body(eventId, delivery.EventType, delivery.OccurredAt!.Value, delivery.AccountId, delivery.Payload!)
            : Body(null, TestEventType, now, null, JsonSerializer.Serialize(new
            {
                subscriptionId = delivery.SubscriptionId,
                message = "A test event from Rapport: the endpoint is reachable if this arrives with a valid signature.",
            }, JsonSerializerOptions.Web));
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Rapport-Webhooks", "1.0"));
        request.Headers.Add(EventHeader, delivery.EventId is null ? TestEventType : delivery.EventType);
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new WebhookAttempt(delivery.Id, true, code, null);
            }
            var text = await ReadSnippetAsync(response, timeout.Token);
            return new WebhookAttempt(delivery.Id, false, code,
                Shorten($"HTTP {code} {response.ReasonPhrase}{(string.IsNullOrWhiteSpace(text) ? "" : ": " + text)}"));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(delivery.Id, false, null,
                string.Create(CultureInfo.InvariantCulture, $"No answer within {Timeout.TotalSeconds:0.#} s."));
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttempt(delivery.Id, false, null, Shorten(ex.Message));
        }
    }

    private async Task RecordAsync(Claimed delivery, WebhookAttempt attempt, bool retry, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var attempts = delivery.AttemptCount + 1;
        var status = attempt.Delivered ? WebhookDeliveryStatus.Delivered
            : !retry || attempts >= options.MaxAttempts ? WebhookDeliveryStatus.Failed
            : WebhookDeliveryStatus.Pending;
        var next = status == WebhookDeliveryStatus.Pending ? now + Backoff(attempts, options, Random.Shared.NextDouble()) : now;
        await using var cmd = dataSource.CreateCommand(
            """
            UPDATE webhook_deliveries
            SET attempt_count = $2, last_attempt_at = $3, last_status_code = $4, last_error = $5, status = $6,
                delivered_at = CASE WHEN $6 = 'delivered' THEN $3 END, next_attempt_at = $7, locked_until = NULL
            WHERE id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = delivery.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = attempts });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)attempt.StatusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)attempt.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Data.EnumText.ToText(status), NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = next, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await cmd.ExecuteNonQueryAsync(ct);
        if (status == WebhookDeliveryStatus.Failed && retry)
        {
            GaveUp(logger, delivery.Id, delivery.Url, attempts, attempt.Error ?? "");
        }
    }

    private static async Task<string> ReadSnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            return text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static string Shorten(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to {Url} failed after {Attempts} attempt(s): {Error}")]
    private static partial void GaveUp(ILogger logger, long deliveryId, string url, int attempts, string error);
}
