namespace Rapport.Core.Tests.Retention;

/// <summary>
/// Each lifecycle rule of docs/retention.md#lifecycle-phases and each early-warning signal of docs/retention.md#early-warning-signals, on constructed order histories that go
/// through the whole job: the SQL summaries, the fitted models, the rules, and what is written.
/// </summary>
public sealed class LifecycleAndSignalJobTests(ConstructedHistories db) : IClassFixture<ConstructedHistories>
{
    [Fact]
    public async Task Rule1_NoTransaction_InitiationSinceTheAccountWasCreated()
    {
        var (phase, rule, _, since) = await db.PhaseAsync("L-INIT");

        Assert.Equal(("initiation", 1), (phase, rule));
        Assert.Equal(new DateOnly(2020, 12, 1), since);
    }

    [Fact]
    public async Task Rule2_NoTransactionForAYear_TerminationOnTheDayTheActiveWindowEnded()
    {
        var (phase, rule, reason, since) = await db.PhaseAsync("L-LAPSED");
        var history = await db.HistoryAsync("L-LAPSED");

        Assert.Equal(("termination", 2), (phase, rule));
        Assert.StartsWith("Not active (last transaction 2024-06-13, 382 days ago, and no running contract)", reason, StringComparison.Ordinal);
        Assert.EndsWith(">termination@2025-06-13", history[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("termination", history[0], StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2025, 6, 13), since);
    }

    [Fact]
    public async Task Rule2_NoticeGivenOnTheContract_TerminationFromTheEvaluationAfterTheNotice()
    {
        var (phase, rule, reason, since) = await db.PhaseAsync("L-NOTICE");
        var history = await db.HistoryAsync("L-NOTICE");

        Assert.Equal(("termination", 2), (phase, rule));
        Assert.Equal("The contract is terminated.", reason);
        Assert.Equal(">termination@2025-05-15", history[^1][history[^1].IndexOf('>', StringComparison.Ordinal)..]);
        Assert.Equal(new DateOnly(2025, 5, 15), since);
        Assert.DoesNotContain("termination", history[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rule2_WeeklyBuyerSilentForNineMonths_TerminationByPAliveWhileStillActive()
    {
        var (phase, rule, reason, _) = await db.PhaseAsync("L-SILENT");
        var signals = await db.SignalsAsync("L-SILENT");

        Assert.Equal(("termination", 2), (phase, rule));
        Assert.Equal("P(alive) is 0.00, below 0.15.", reason);
        Assert.Equal([">maturity@2024-07-05", "maturity>endangerment@2024-11-02", "endangerment>termination@2024-12-02"], await db.HistoryAsync("L-SILENT"));
        var (severity, explanation, evidence) = signals["purchase_frequency_falling"];
        Assert.Equal("high", severity);
        Assert.StartsWith("Purchase frequency falling: the last order was 273 days ago (2024-09-30), 39.0× the usual 7 days between orders", explanation, StringComparison.Ordinal);
        Assert.Contains("\"label\": \"L-SILENT-a144\"", evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rule3_BuyingAgainAfterTwoYears_RevitalizationAfterTermination()
    {
        var (phase, rule, reason, since) = await db.PhaseAsync("L-REVIVED");
        var history = await db.HistoryAsync("L-REVIVED");

        Assert.Equal(("revitalization", 3), (phase, rule));
        Assert.Contains("in termination until", reason, StringComparison.Ordinal);
        Assert.StartsWith(">termination@", history[0], StringComparison.Ordinal);
        Assert.StartsWith("termination>revitalization@", history[^1], StringComparison.Ordinal);
        Assert.True(since >= new DateOnly(2025, 2, 1));
    }

    [Fact]
    public async Task Rule4_FirstOrderThisYearAndTwoOrders_ExplorationSinceTheFirstOrder()
    {
        var (phase, rule, reason, since) = await db.PhaseAsync("L-NEW");

        Assert.Equal(("exploration", 4), (phase, rule));
        Assert.Equal("First transaction on 2025-03-10, within the last 365 days, and only 2 transaction(s) so far.", reason);
        Assert.Equal(new DateOnly(2025, 3, 10), since);
    }

    [Fact]
    public async Task Rule5_DeciderLeftWithoutSuccessor_EndangermentByHighSignal()
    {
        var (phase, rule, reason, since) = await db.PhaseAsync("L-AT-RISK");
        var signals = await db.SignalsAsync("L-AT-RISK");

        Assert.Equal(("endangerment", 5), (phase, rule));
        Assert.Equal(new DateOnly(2025, 6, 1), since);
        Assert.Equal("A high-severity early-warning signal is open.", reason);
        var (severity, explanation, evidence) = signals["key_contact_left"];
        Assert.Equal("high", severity);
        Assert.Equal("Key contact left: Karl Weggang (decider) is inactive since 2025-06-01; 0 active decider(s) remain. The relationship has to be rebuilt.", explanation);
        Assert.Contains("\"label\": \"Karl Weggang\"", evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rule6_RevenueDoubled_Expansion()
    {
        var (phase, rule, reason, _) = await db.PhaseAsync("L-GROWING");

        Assert.Equal(("expansion", 6), (phase, rule));
        Assert.Equal("Revenue of the last 12 months (24,000.00) is 200 % of the 12 months before (12,000.00), at least 120 %.", reason);
    }

    [Fact]
    public async Task Rule7_SteadyMonthlyBuyer_Maturity()
    {
        var (phase, rule, _, _) = await db.PhaseAsync("L-STEADY");

        Assert.Equal(("maturity", 7), (phase, rule));
        Assert.Empty(await db.SignalsAsync("L-STEADY"));
    }

    [Fact]
    public async Task RevenueFalling_ThirdOfThePriorYear_HighSignalAndEndangerment()
    {
        var signals = await db.SignalsAsync("S-REVENUE");

        Assert.Equal(("high", "Revenue falling: 12,000.00 in the last 12 months is 33 % of the 36,000.00 in the 12 months before (threshold 70 %)."),
            (signals["revenue_falling"].Severity, signals["revenue_falling"].Explanation));
        Assert.Equal("endangerment", (await db.PhaseAsync("S-REVENUE")).Phase);
    }

    [Fact]
    public async Task CommunicationPatternChanged_OneInteractionInsteadOfTwelve_LowSignal()
    {
        var (severity, explanation, _) = (await db.SignalsAsync("S-QUIET"))["communication_pattern_changed"];

        Assert.Equal("low", severity);
        Assert.StartsWith("Communication pattern changed: 1 interactions in the last 90 days against usually 12.", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SurveySignals_DetractorLoyaltyFallAndCaptive_RaisedWithWavesAsEvidence()
    {
        var signals = await db.SignalsAsync("S-SURVEY");

        Assert.Equal("high", signals["detractor_answer"].Severity);
        Assert.StartsWith("Detractor answer: A respondent rated the likelihood to recommend 2 of 10 on 2025-05-10", signals["detractor_answer"].Explanation, StringComparison.Ordinal);
        Assert.Equal("high", signals["loyalty_index_fall"].Severity);
        Assert.StartsWith("Loyalty index fell by", signals["loyalty_index_fall"].Explanation, StringComparison.Ordinal);
        Assert.Contains("\"label\": \"Wave 2025\"", signals["loyalty_index_fall"].Evidence, StringComparison.Ordinal);
        Assert.Equal("medium", signals["captive_relationship"].Severity);
    }

    [Fact]
    public async Task ContractDeadline_EndAndNoticeWithinNinetyDays_MediumSignalWithRenewalPlaybookWithoutOwner()
    {
        var (severity, explanation, evidence) = (await db.SignalsAsync("S-CONTRACT"))["contract_deadline"];
        var tasks = await db.RowsAsync("""
            SELECT t.origin, t.title, t.due_on::text FROM tasks t JOIN accounts a ON a.id = t.account_id
            WHERE a.external_id = 'S-CONTRACT' AND t.origin_key LIKE 'playbook:renewal:signal:%' ORDER BY t.origin_key
            """);

        Assert.Equal("medium", severity);
        Assert.Equal("Contract deadline: the contract ends on 2025-08-31, in 62 days and must be renewed; the notice deadline (30 days before the end on 2025-08-31) is 2025-08-01, in 32 days.", explanation);
        Assert.Contains("\"label\": \"C-DEADLINE\"", evidence, StringComparison.Ordinal);
        Assert.Equal(["playbook | Review usage and value of the contract | 2025-07-07", "playbook | Prepare the renewal offer | 2025-07-14",
            "playbook | Hold the renewal meeting with the decider | 2025-07-30"], tasks);
    }

    [Fact]
    public async Task ComplaintPastSla_FromAnAddedFactSource_HighSignalWithTheComplaintAsEvidence()
    {
        var (severity, explanation, evidence) = (await db.SignalsAsync("S-COMPLAINT"))["complaint_past_sla"];

        Assert.Equal("high", severity);
        Assert.Equal("Complaint past its SLA: received 2025-06-01 (medium severity), due 2025-06-10, still open 20 day(s) later.", explanation);
        Assert.Contains("\"label\": \"B-77\"", evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_KeyContactLeftWithGermanOwner_PlaybookInGermanForTheOwner()
    {
        var tasks = await db.RowsAsync("""
            SELECT t.title, u.email FROM tasks t JOIN accounts a ON a.id = t.account_id JOIN users u ON u.id = t.owner_user_id
            WHERE a.external_id = 'L-AT-RISK' ORDER BY t.origin_key
            """);

        Assert.Equal(["Nachfolger des ausgeschiedenen Kontakts ermitteln | owner@test.rapport",
            "Dem Nachfolger das Betreuungsteam vorstellen | owner@test.rapport", "Buying Center aktualisieren | owner@test.rapport"], tasks);
    }

    [Fact]
    public async Task Models_FittedOnTheWholeBase_PAliveAndClvForEveryBuyingAccount()
    {
        var missing = await db.RowsAsync("""
            SELECT a.external_id FROM accounts a JOIN account_scores s ON s.account_id = a.id
            WHERE s.transactions > 0 AND (s.p_alive IS NULL OR s.clv IS NULL OR s.expected_transactions_12m IS NULL)
            """);

        Assert.Empty(missing);
        Assert.Equal(ConstructedHistories.Fillers + 13, db.Run.ScoredAccounts);
        Assert.Equal(["r", "alpha", "a", "b"], db.Run.Model.BgNbd!.Keys);
    }

    [Fact]
    public async Task RiskShare_OpenSignalsWeighedBySeverity_ClvAtRiskIsClvTimesRiskShare()
    {
        // 1 − P(alive) × Π (1 − w), w = 0.3 / 0.1 / 0.02 for high / medium / low.
        var wrong = await db.RowsAsync("""
            SELECT a.external_id FROM account_scores s JOIN accounts a ON a.id = s.account_id
            CROSS JOIN LATERAL (SELECT coalesce(exp(sum(ln(1 - CASE g.severity WHEN 'high' THEN 0.3 WHEN 'medium' THEN 0.1 ELSE 0.02 END))), 1) AS keep
                                FROM signals g WHERE g.account_id = s.account_id AND g.resolved_on IS NULL) k
            WHERE s.p_alive IS NOT NULL
              AND (abs(s.risk_share - (1 - s.p_alive * k.keep)) > 1e-9 OR abs(s.clv_at_risk - round(s.clv * s.risk_share::numeric, 2)) > 0.011)
            """);
        var steady = await db.RowsAsync("SELECT s.risk_share = 1 - s.p_alive FROM account_scores s JOIN accounts a ON a.id = s.account_id WHERE a.external_id = 'L-STEADY'");

        Assert.Empty(wrong);
        Assert.Equal(["True"], steady);
    }
}
