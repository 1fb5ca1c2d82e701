using Rapport.Analytics.Retention;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;

namespace Rapport.Core.Tests.Retention;

/// <summary>The pure parts of the scoring job: calendar, signal identity, contracts, settings, phase mapping.</summary>
public sealed class ScoringUnitTests
{
    private static readonly DateOnly Day = new(2025, 6, 30);

    [Fact]
    public void Calendar_FirstRunWithTwelveMonths_ThirteenEvaluationDaysAndThreeMoreForTheDrop()
    {
        var calendar = ScoringCalendar.For(Day, 12);

        Assert.Equal(16, calendar.Days.Count);
        Assert.Equal(Day, calendar.Days[0]);
        Assert.Equal(Day.AddDays(-90), calendar.Days[ScoringCalendar.NinetyDaysBefore(0)]);
        Assert.Equal(Enumerable.Range(0, 13).Reverse(), calendar.EvaluationStepsOldestFirst);
        Assert.True(calendar.IsEvaluated(12));
        Assert.False(calendar.IsEvaluated(13));
    }

    [Fact]
    public void Calendar_NoBackfill_OnlyTheDayEvaluated()
    {
        var calendar = ScoringCalendar.For(Day, 0);

        Assert.Equal([0], calendar.EvaluationStepsOldestFirst);
        Assert.Equal(4, calendar.Days.Count);
    }

    [Fact]
    public void SignalKeys_PerItemTypes_IncludeTheItemOthersOnlyTheType()
    {
        EarlyWarningSignal Signal(SignalType type, params EvidenceReference[] evidence) => new(type, SignalSeverity.Medium, Day, "x", evidence);

        Assert.Equal("contract_deadline:contract:17", SignalKeys.For(Signal(SignalType.ContractDeadline, new EvidenceReference("contract", "17"))));
        Assert.Equal("key_contact_left:contact:5", SignalKeys.For(Signal(SignalType.KeyContactLeft, new EvidenceReference("contact", "5"))));
        Assert.Equal("loyalty_index_fall:wave:9", SignalKeys.For(Signal(SignalType.LoyaltyIndexFall, new EvidenceReference("wave", "8"), new EvidenceReference("wave", "9"))));
        Assert.Equal("revenue_falling", SignalKeys.For(Signal(SignalType.RevenueFalling)));
        Assert.Equal("purchase_frequency_falling", SignalKeys.For(Signal(SignalType.PurchaseFrequencyFalling, new EvidenceReference("order", "3"))));
    }

    [Fact]
    public void ContractInfo_RunsOn_AutoRenewalRunsOnPastItsEndUntilNotice()
    {
        var plain = new ContractInfo(1, "C1", new(2024, 1, 1), new(2025, 1, 31), 90, false, null);
        var renewing = plain with { AutoRenew = true };
        var noticed = renewing with { TerminatedOn = new DateOnly(2025, 3, 1) };

        Assert.True(plain.RunsOn(new(2025, 1, 31)));
        Assert.False(plain.RunsOn(new(2025, 2, 1)));
        Assert.False(plain.RunsOn(new(2023, 12, 31)));
        Assert.True(renewing.RunsOn(new(2025, 6, 1)));
        Assert.True(noticed.RunsOn(new(2025, 2, 28)));
        Assert.False(noticed.RunsOn(new(2025, 3, 1)));
    }

    [Fact]
    public void ContractTerminated_NoticeGivenAndNoOtherRunningContract_OnlyThen()
    {
        var noticed = new ContractInfo(1, "C1", new(2024, 1, 1), new(2025, 12, 31), 90, false, new DateOnly(2025, 5, 15));
        var other = new ContractInfo(2, "C2", new(2024, 1, 1), null, 30, false, null);

        Assert.True(AccountEvaluator.ContractTerminated([noticed], Day));
        Assert.False(AccountEvaluator.ContractTerminated([noticed], new(2025, 5, 14)));
        Assert.False(AccountEvaluator.ContractTerminated([noticed, other], Day));
        Assert.False(AccountEvaluator.ContractTerminated([noticed], new(2026, 1, 1)));
    }

    [Fact]
    public void Options_InvalidSetting_MessageNamesIt()
    {
        var error = Assert.Throws<ScoringOptionsException>(() => new ScoringOptions { NightlyAt = "25:00" }.Validate());
        var weight = Assert.Throws<ScoringOptionsException>(() => new ScoringOptions { Signals = { RiskWeightHigh = 2 } }.Validate());

        Assert.Contains("Rapport:Scoring:NightlyAt", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rapport:Scoring:Signals:RiskWeightHigh", weight.Message, StringComparison.Ordinal);
        new ScoringOptions().Validate();
    }

    [Fact]
    public void LifecyclePhases_DomainAndAnalyticsEnums_MapByName()
    {
        foreach (var phase in Enum.GetValues<Core.Accounts.LifecyclePhase>())
        {
            Assert.Equal(phase.ToString(), LifecyclePhases.ToAnalytics(phase).ToString());
            Assert.Equal(phase, LifecyclePhases.ToDomain(LifecyclePhases.ToAnalytics(phase)));
        }
        Assert.Equal(Enum.GetValues<Core.Accounts.LifecyclePhase>().Length, Enum.GetValues<Analytics.Retention.LifecyclePhase>().Length);
    }

    [Fact]
    public void SignalTaskTitles_EveryType_EnglishAndGerman()
    {
        foreach (var type in Enum.GetValues<SignalType>())
        {
            var en = SignalTaskTitles.For(type, "en");
            var de = SignalTaskTitles.For(type, "de");
            Assert.NotEqual(en, de);
            Assert.DoesNotContain("Look into", en, StringComparison.Ordinal);
        }
    }
}
