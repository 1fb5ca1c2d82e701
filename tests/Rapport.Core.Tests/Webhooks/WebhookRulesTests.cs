using Rapport.Core.Webhooks;

namespace Rapport.Core.Tests.Webhooks;

public sealed class WebhookRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public void AcceptedUpTo_ContiguousIds_PassesAll()
    {
        var (last, passed) = WebhookDispatcher.AcceptedUpTo(10, [(11, Now), (12, Now), (13, Now)], Now, Wait);

        Assert.Equal((13L, 3), (last, passed));
    }

    [Fact]
    public void AcceptedUpTo_YoungGap_StopsBeforeIt()
    {
        // Id 12 is taken by a transaction that may still commit.
        var (last, passed) = WebhookDispatcher.AcceptedUpTo(10, [(11, Now), (13, Now.AddSeconds(-5)), (14, Now)], Now, Wait);

        Assert.Equal((11L, 1), (last, passed));
    }

    [Fact]
    public void AcceptedUpTo_OldGap_MovesPast()
    {
        var (last, passed) = WebhookDispatcher.AcceptedUpTo(10, [(13, Now.AddMinutes(-5)), (14, Now)], Now, Wait);

        Assert.Equal((14L, 2), (last, passed));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(4, 80)]
    [InlineData(10, 600)]
    public void Backoff_NoJitter_DoublesUpToCap(int attempts, double expectedSeconds)
    {
        var options = new WebhookOptions { InitialRetryDelaySeconds = 10, MaxRetryDelaySeconds = 600 };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WebhookDispatcher.Backoff(attempts, options, 0));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds / 2), WebhookDispatcher.Backoff(attempts, options, 1));
    }

    [Theory]
    [InlineData("ftp://example.com/hook", "url")]
    [InlineData("/relative", "url")]
    [InlineData("https://user:pw@example.com/hook", "url")]
    [InlineData("", "url")]
    public void Validate_BadUrl_NamesUrl(string url, string field)
    {
        var errors = WebhookSubscriptions.Validate(new NewWebhookSubscription(url));

        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void Validate_UnknownEventTypeAndShortSecret_NamesEach()
    {
        var errors = WebhookSubscriptions.Validate(new NewWebhookSubscription("https://example.com/hook", ["signal.raised", "account.renamed"], Secret: "short"));

        Assert.Equal(["eventTypes[1]", "secret"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Sign_KnownVector_MatchesHmacSha256Hex()
    {
        // HMAC-SHA256(key "whsec_test", "1700000000.{}") computed with: printf '1700000000.{}' | openssl dgst -sha256 -hmac whsec_test
        var signature = WebhookSignature.Sign("whsec_test", 1_700_000_000, "{}");

        Assert.Equal("sha256=35495024f4ef3f94e5a93e22221544c4b75e9a42300cd965ab81cb85cd994e91", signature);
    }
}
