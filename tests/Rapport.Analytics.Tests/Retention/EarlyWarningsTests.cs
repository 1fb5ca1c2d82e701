using Rapport.Analytics.Retention;

namespace Rapport.Analytics.Tests.Retention;

public sealed class EarlyWarningsTests
{
    private static readonly DateOnly AsOf = new(2024, 6, 30);
    private static readonly AccountSignalFacts Quiet = new() { AsOf = AsOf };
    private static readonly EarlyWarningOptions Options = new();

    [Fact]
    public void Evaluate_NoFacts_NoSignals() => Assert.Empty(EarlyWarnings.Evaluate(Quiet));

    [Fact]
    public void PurchaseFrequency_OverdueBeyondOneAndHalfGaps_MediumWithNumbers()
    {
        // 100 days since 2024-03-22 against a usual 60-day gap: 1.67× > 1.5×.
        var facts = Quiet with { LastOrderDate = new DateOnly(2024, 3, 22), LastOrderId = "SO-7", ExpectedInterPurchaseDays = 60 };

        var signal = Assert.Single(EarlyWarnings.Evaluate(facts));

        Assert.Equal(SignalType.PurchaseFrequencyFalling, signal.Type);
        Assert.Equal(SignalSeverity.Medium, signal.Severity);
        Assert.Contains("100 days ago", signal.Explanation, StringComparison.Ordinal);
        Assert.Contains("1.7×", signal.Explanation, StringComparison.Ordinal);
        Assert.Equal([new EvidenceReference("order", "SO-7")], signal.Evidence);
        Assert.Empty(EarlyWarnings.PurchaseFrequency(facts with { ExpectedInterPurchaseDays = 67 }, Options));
    }

    [Fact]
    public void PurchaseFrequency_PAliveDrop_MediumFromPointTwoHighFromPointFour()
    {
        var medium = Assert.Single(EarlyWarnings.PurchaseFrequency(Quiet with { PAlive = 0.6, PAlive90DaysAgo = 0.8 }, Options));
        var high = Assert.Single(EarlyWarnings.PurchaseFrequency(Quiet with { PAlive = 0.3, PAlive90DaysAgo = 0.8 }, Options));

        Assert.Equal(SignalSeverity.Medium, medium.Severity);
        Assert.Contains("from 0.80 to 0.60", medium.Explanation, StringComparison.Ordinal);
        Assert.Equal(SignalSeverity.High, high.Severity);
        Assert.Empty(EarlyWarnings.PurchaseFrequency(Quiet with { PAlive = 0.61, PAlive90DaysAgo = 0.8 }, Options));
    }

    [Fact]
    public void RevenueFalling_SeventyPercentOfPriorYear_Medium()
    {
        var signal = Assert.Single(EarlyWarnings.RevenueFalling(Quiet with { RevenueLast12Months = 70_000m, RevenuePrior12Months = 100_000m }, Options));

        Assert.Equal(SignalType.RevenueFalling, signal.Type);
        Assert.Equal(SignalSeverity.Medium, signal.Severity);
        Assert.Contains("70,000.00", signal.Explanation, StringComparison.Ordinal);
        Assert.Empty(EarlyWarnings.RevenueFalling(Quiet with { RevenueLast12Months = 70_001m, RevenuePrior12Months = 100_000m }, Options));
        Assert.Equal(SignalSeverity.High, Assert.Single(EarlyWarnings.RevenueFalling(Quiet with { RevenueLast12Months = 40_000m, RevenuePrior12Months = 100_000m }, Options)).Severity);
        Assert.Empty(EarlyWarnings.RevenueFalling(Quiet with { RevenueLast12Months = -5m, RevenuePrior12Months = 0m }, Options));
    }

    [Fact]
    public void CommunicationPattern_HalfTheUsualInteractions_Low()
    {
        var signal = Assert.Single(EarlyWarnings.CommunicationPattern(Quiet with { InteractionsLast90Days = 4, UsualInteractionsPer90Days = 8 }, Options));

        Assert.Equal(SignalType.CommunicationPatternChanged, signal.Type);
        Assert.Equal(SignalSeverity.Low, signal.Severity);
        Assert.Contains("4 interactions", signal.Explanation, StringComparison.Ordinal);
        Assert.Empty(EarlyWarnings.CommunicationPattern(Quiet with { InteractionsLast90Days = 5, UsualInteractionsPer90Days = 8 }, Options));
    }

    [Fact]
    public void CommunicationPattern_InboundShiftsToComplaints_Medium()
    {
        var facts = Quiet with { InboundLast90Days = 4, InboundComplaintsLast90Days = 3, UsualInboundComplaintShare = 0.1 };

        var signal = Assert.Single(EarlyWarnings.CommunicationPattern(facts, Options));

        Assert.Equal(SignalSeverity.Medium, signal.Severity);
        Assert.Contains("3 of 4 inbound", signal.Explanation, StringComparison.Ordinal);
        Assert.Empty(EarlyWarnings.CommunicationPattern(facts with { UsualInboundComplaintShare = 0.6 }, Options));
    }

    [Fact]
    public void KeyContactLeft_OnlyDeciderInactive_HighOtherBuyerRemaining_Medium()
    {
        var facts = Quiet with
        {
            Contacts =
            [
                new ContactFact("c1", "Anna Berger", "decider", false, new DateOnly(2024, 6, 1)),
                new ContactFact("c2", "Ben Kraus", "buyer", false),
                new ContactFact("c3", "Cem Aydin", "buyer", true),
                new ContactFact("c4", "Dora Fink", "user", false),
                new ContactFact("c5", "Emil Roth", "decider", false, new DateOnly(2023, 1, 1)),
            ],
        };

        var signals = EarlyWarnings.KeyContactLeft(facts, Options).ToList();

        Assert.Equal(2, signals.Count);
        Assert.Equal(SignalSeverity.High, signals[0].Severity);
        Assert.Equal(new DateOnly(2024, 6, 1), signals[0].Date);
        Assert.Contains("Anna Berger (decider)", signals[0].Explanation, StringComparison.Ordinal);
        Assert.Equal(SignalSeverity.Medium, signals[1].Severity);
        Assert.Equal([new EvidenceReference("contact", "c2")], signals[1].Evidence);
    }

    [Fact]
    public void DetractorAnswers_ScoresUpToSixWithinLookback_SeverityByScore()
    {
        var facts = Quiet with
        {
            RecommendAnswers =
            [
                new RecommendAnswerFact("r1", new DateOnly(2024, 5, 1), 6, "Anna Berger"),
                new RecommendAnswerFact("r2", new DateOnly(2024, 5, 2), 2),
                new RecommendAnswerFact("r3", new DateOnly(2024, 5, 3), 7),
                new RecommendAnswerFact("r4", new DateOnly(2023, 5, 3), 0),
            ],
        };

        var signals = EarlyWarnings.DetractorAnswers(facts, Options).ToList();

        Assert.Equal(["r1", "r2"], signals.Select(s => s.Evidence.Single().Id));
        Assert.Equal([SignalSeverity.Medium, SignalSeverity.High], signals.Select(s => s.Severity));
        Assert.All(signals, s => Assert.Equal(SignalType.DetractorAnswer, s.Type));
        Assert.Contains("Anna Berger rated the likelihood to recommend 6 of 10", signals[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void LoyaltyIndexFall_TenPointsBetweenLatestWaves_MediumNamingBothWaves()
    {
        var facts = Quiet with
        {
            LoyaltyWaves =
            [
                new LoyaltyWaveFact("w3", "Spring 2024", new DateOnly(2024, 4, 30), 62),
                new LoyaltyWaveFact("w1", "Spring 2023", new DateOnly(2023, 4, 30), 50),
                new LoyaltyWaveFact("w2", "Autumn 2023", new DateOnly(2023, 10, 31), 72),
            ],
        };

        var signal = Assert.Single(EarlyWarnings.LoyaltyIndexFall(facts, Options));

        Assert.Equal(SignalType.LoyaltyIndexFall, signal.Type);
        Assert.Equal(SignalSeverity.Medium, signal.Severity);
        Assert.Contains("fell by 10 points, from 72 (Autumn 2023) to 62 (Spring 2024)", signal.Explanation, StringComparison.Ordinal);
        Assert.Equal(["w2", "w3"], signal.Evidence.Select(e => e.Id));
        Assert.Empty(EarlyWarnings.LoyaltyIndexFall(facts with { AsOf = new DateOnly(2025, 1, 1) }, Options));
    }

    [Fact]
    public void Captive_LockInAboveAttachment_Medium()
    {
        var signal = Assert.Single(EarlyWarnings.Captive(Quiet with { LockInComponent = 30, AttachmentComponent = 20, ComponentsWaveId = "w3" }));

        Assert.Equal(SignalType.CaptiveRelationship, signal.Type);
        Assert.Equal(SignalSeverity.Medium, signal.Severity);
        Assert.Contains("lock-in (30) than on attachment (20)", signal.Explanation, StringComparison.Ordinal);
        Assert.Empty(EarlyWarnings.Captive(Quiet with { LockInComponent = 20, AttachmentComponent = 20 }));
    }

    [Fact]
    public void ComplaintsPastSla_OpenAfterDueDay_MediumThenHighAfterTwoWeeks()
    {
        var facts = Quiet with
        {
            Complaints =
            [
                new ComplaintFact("k1", new DateOnly(2024, 6, 20), new DateOnly(2024, 6, 27), null),
                new ComplaintFact("k2", new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 10), null),
                new ComplaintFact("k3", new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 10), new DateOnly(2024, 6, 29)),
                new ComplaintFact("k4", new DateOnly(2024, 6, 28), new DateOnly(2024, 6, 30), null),
                new ComplaintFact("k5", new DateOnly(2024, 6, 28), new DateOnly(2024, 6, 29), null, "critical"),
            ],
        };

        var signals = EarlyWarnings.ComplaintsPastSla(facts, Options).ToList();

        Assert.Equal(["k1", "k2", "k5"], signals.Select(s => s.Evidence.Single().Id));
        Assert.Equal([SignalSeverity.Medium, SignalSeverity.High, SignalSeverity.High], signals.Select(s => s.Severity));
        Assert.Equal(new DateOnly(2024, 6, 28), signals[0].Date);
        Assert.Contains("still open 3 day(s) later", signals[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ContractDeadlines_EndOrNoticeWithinNinetyDays_SeverityByUrgencyAndRenewal()
    {
        var facts = Quiet with
        {
            Contracts =
            [
                new ContractFact("ends-in-80", new DateOnly(2024, 9, 18), null, AutoRenew: false),
                new ContractFact("ends-in-20", new DateOnly(2024, 7, 20), null, AutoRenew: false),
                new ContractFact("renews-in-60", new DateOnly(2024, 8, 29), null, AutoRenew: true),
                new ContractFact("notice-in-25", new DateOnly(2024, 12, 31), 159, AutoRenew: true),
                new ContractFact("far", new DateOnly(2025, 12, 31), 90, AutoRenew: false),
                new ContractFact("terminated", new DateOnly(2024, 9, 18), 30, AutoRenew: false, TerminatedOn: new DateOnly(2024, 5, 1)),
            ],
        };

        var signals = EarlyWarnings.ContractDeadlines(facts, Options).ToDictionary(s => s.Evidence.Single().Id);

        Assert.Equal(5, signals.Count);
        Assert.Equal(SignalSeverity.Medium, signals["ends-in-80"].Severity);
        Assert.Contains("in 80 days", signals["ends-in-80"].Explanation, StringComparison.Ordinal);
        Assert.Equal(SignalSeverity.High, signals["ends-in-20"].Severity);
        Assert.Equal(SignalSeverity.Low, signals["renews-in-60"].Severity);
        Assert.Equal(SignalSeverity.High, signals["notice-in-25"].Severity);
        Assert.Contains("notice deadline (159 days before the end on 2024-12-31) is 2024-07-25, in 25 days", signals["notice-in-25"].Explanation, StringComparison.Ordinal);
        Assert.Equal(SignalSeverity.High, signals["terminated"].Severity);
        Assert.All(signals.Values, s => Assert.Equal(SignalType.ContractDeadline, s.Type));
    }

    [Fact]
    public void Evaluate_SeveralRules_HighSignalsFirst()
    {
        var facts = Quiet with
        {
            LockInComponent = 30,
            AttachmentComponent = 20,
            RevenueLast12Months = 10m,
            RevenuePrior12Months = 100m,
            InteractionsLast90Days = 0,
            UsualInteractionsPer90Days = 6,
        };

        var signals = EarlyWarnings.Evaluate(facts);

        Assert.Equal([SignalSeverity.High, SignalSeverity.Medium, SignalSeverity.Low], signals.Select(s => s.Severity));
        Assert.Equal([SignalType.RevenueFalling, SignalType.CaptiveRelationship, SignalType.CommunicationPatternChanged], signals.Select(s => s.Type));
    }
}
