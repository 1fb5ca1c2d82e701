using System.Globalization;
using System.Net;
using System.Text;
using Rapport.Core.Identity;
using Rapport.Core.Webhooks;
using Rapport.Testing;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Complaints;

/// <summary>The webhooks admin API with a local receiver: secret shown once, signed test send, delivery log.</summary>
public sealed class WebhooksApiTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task CreateTestListDelete_LocalReceiver_SignedTestEventInDeliveryLog()
    {
        await using var receiver = new WebhookReceiver();
        var admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);

        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsync("/api/v1/webhooks", Json($$"""
            {"url":"{{receiver.Url}}","eventTypes":["complaint.overdue","signal.raised"],"description":"CRM bridge"}
            """)), HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("subscription").GetProperty("id").GetInt64();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(["complaint.overdue", "signal.raised"], created.GetProperty("subscription").GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()));

        var test = await HttpAssert.JsonAsync(await admin.Http.PostAsync($"/api/v1/webhooks/{id}/test", null));
        Assert.True(test.GetProperty("delivered").GetBoolean());
        Assert.Equal(200, test.GetProperty("statusCode").GetInt32());
        var request = Assert.Single(receiver.Requests);
        Assert.True(WebhookSignature.Verify(secret, long.Parse(request.Headers["X-Rapport-Timestamp"], CultureInfo.InvariantCulture),
            request.Body, request.Headers["X-Rapport-Signature"]));

        var list = await admin.Http.GetStringAsync("/api/v1/webhooks");
        Assert.Contains(receiver.Url, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        var one = await HttpAssert.JsonAsync(await admin.Http.GetAsync($"/api/v1/webhooks/{id}"));
        Assert.Equal(1, one.GetProperty("delivered").GetInt32());
        var log = await HttpAssert.JsonAsync(await admin.Http.GetAsync($"/api/v1/webhooks/{id}/deliveries"));
        var entry = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal(("webhook.test", "delivered", 1), (entry.GetProperty("eventType").GetString(), entry.GetProperty("status").GetString(),
            entry.GetProperty("attemptCount").GetInt32()));
        var failedOnly = await HttpAssert.JsonAsync(await admin.Http.GetAsync($"/api/v1/webhooks/{id}/deliveries?status=failed"));
        Assert.Equal(0, failedOnly.GetProperty("totalCount").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        await HttpAssert.ProblemAsync(await admin.Http.GetAsync($"/api/v1/webhooks/{id}/deliveries"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await admin.Http.PostAsync($"/api/v1/webhooks/{id}/test", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_BadInput_Returns400NamingFields()
    {
        var admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);

        var response = await admin.Http.PostAsync("/api/v1/webhooks", Json("""{"url":"ftp://example.com/x","eventTypes":["account.renamed"],"secret":"short"}"""));

        var errors = (await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _), errors.ToString());
        Assert.Contains("complaint.overdue", errors.GetProperty("eventTypes[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("secret", out _), errors.ToString());
        await HttpAssert.FieldErrorAsync(await admin.Http.GetAsync("/api/v1/webhooks/1/deliveries?status=lost"), "status");
    }

    [Fact]
    public async Task Webhooks_NotAdmin_Forbidden()
    {
        var manager = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.Http.GetAsync("/api/v1/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.Http.PostAsync("/api/v1/webhooks", Json("""{"url":"https://example.com"}"""))).StatusCode);
    }
}
