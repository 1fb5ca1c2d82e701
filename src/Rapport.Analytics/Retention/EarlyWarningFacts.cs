namespace Rapport.Analytics.Retention;

/// <summary>Kinds of early-warning signal (Frühwarnsignal, docs/retention.md#early-warning-signals).</summary>
public enum SignalType
{
    /// <summary>Time since the last order well beyond the usual rhythm, or P(alive) dropping.</summary>
    PurchaseFrequencyFalling,
    /// <summary>Last-12-month revenue ≤ 70 % of the 12 months before.</summary>
    RevenueFalling,
    /// <summary>Far fewer interactions than usual, or inbound contacts turning into complaints.</summary>
    CommunicationPatternChanged,
    /// <summary>A decider or buyer was marked inactive.</summary>
    KeyContactLeft,
    /// <summary>A respondent answered 0–6 to the recommendation question.</summary>
    DetractorAnswer,
    /// <summary>The account's loyalty index fell by ≥ 10 points between waves.</summary>
    LoyaltyIndexFall,
    /// <summary>Lock-in component above the attachment component (docs/definitions.md#loyalty-index-and-its-make-up).</summary>
    CaptiveRelationship,
    /// <summary>A complaint still open after its SLA.</summary>
    ComplaintPastSla,
    /// <summary>A contract end or notice deadline within 90 days.</summary>
    ContractDeadline,
}

/// <summary>Severity of a signal; high signals put the account into endangerment (docs/retention.md#lifecycle-phases rule 5).</summary>
public enum SignalSeverity
{
    /// <summary>Worth a look.</summary>
    Low,
    /// <summary>Act soon.</summary>
    Medium,
    /// <summary>Act now.</summary>
    High,
}

/// <summary>A link to the evidence: <paramref name="Kind"/> is order, contact, response, wave, complaint or contract.</summary>
public sealed record EvidenceReference(string Kind, string Id);

/// <summary>One early-warning signal: type, severity, the day it applies to, an explanation with the numbers, and the evidence.</summary>
public sealed record EarlyWarningSignal(
    SignalType Type, SignalSeverity Severity, DateOnly Date, string Explanation, IReadOnlyList<EvidenceReference> Evidence);

/// <summary>A contact of the account, for the key-contact signal.</summary>
/// <param name="Id">Contact id (evidence).</param>
/// <param name="Name">Display name used in the explanation.</param>
/// <param name="Role">Buying role (user, influencer, buyer, decider, gatekeeper, initiator); null if unknown.</param>
/// <param name="Active">False once the contact left or was marked inactive.</param>
/// <param name="InactiveSince">When the contact was marked inactive, if known.</param>
public sealed record ContactFact(string Id, string Name, string? Role, bool Active, DateOnly? InactiveSince = null);

/// <summary>An answer to the recommendation question (LOY_RECOMMEND, 0–10).</summary>
public sealed record RecommendAnswerFact(string ResponseId, DateOnly AnsweredOn, int Score, string? ContactName = null);

/// <summary>The account's loyalty index (0–100, docs/definitions.md#loyalty-index-and-its-make-up) in one survey wave.</summary>
public sealed record LoyaltyWaveFact(string WaveId, string WaveName, DateOnly ClosedOn, double LoyaltyIndex);

/// <summary>A complaint; <paramref name="SlaDue"/> is the last day within its SLA.</summary>
public sealed record ComplaintFact(string Id, DateOnly ReceivedOn, DateOnly SlaDue, DateOnly? ResolvedOn, string? Severity = null);

/// <summary>A contract; <paramref name="EndDate"/> is its current term's last day (null: open-ended), <paramref name="NoticeDays"/> the notice period.</summary>
public sealed record ContractFact(string Id, DateOnly? EndDate, int? NoticeDays, bool AutoRenew, DateOnly? TerminatedOn = null);

/// <summary>
/// What the early-warning rules look at for one account on one day. Every part is optional: a rule whose facts
/// are missing raises nothing.
/// </summary>
public sealed record AccountSignalFacts
{
    /// <summary>The day evaluated.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Day of the last order.</summary>
    public DateOnly? LastOrderDate { get; init; }

    /// <summary>Id of the last order (evidence).</summary>
    public string? LastOrderId { get; init; }

    /// <summary>The customer's expected time between purchases in days (e.g. mean gap between its transactions, or from the CLV model).</summary>
    public double? ExpectedInterPurchaseDays { get; init; }

    /// <summary>P(alive) now, in [0, 1].</summary>
    public double? PAlive { get; init; }

    /// <summary>P(alive) 90 days before <see cref="AsOf"/>.</summary>
    public double? PAlive90DaysAgo { get; init; }

    /// <summary>Net revenue of the last 12 months.</summary>
    public decimal? RevenueLast12Months { get; init; }

    /// <summary>Net revenue of the 12 months before those.</summary>
    public decimal? RevenuePrior12Months { get; init; }

    /// <summary>Interactions (all channels, both directions) in the last 90 days.</summary>
    public int InteractionsLast90Days { get; init; }

    /// <summary>The account's usual number of interactions per 90 days (e.g. over the preceding year); null if unknown.</summary>
    public double? UsualInteractionsPer90Days { get; init; }

    /// <summary>Inbound contacts (from the customer) in the last 90 days.</summary>
    public int InboundLast90Days { get; init; }

    /// <summary>Of those, how many were complaints.</summary>
    public int InboundComplaintsLast90Days { get; init; }

    /// <summary>The usual share of complaints among inbound contacts (0–1); null is taken as 0.</summary>
    public double? UsualInboundComplaintShare { get; init; }

    /// <summary>The account's contacts.</summary>
    public IReadOnlyList<ContactFact> Contacts { get; init; } = [];

    /// <summary>Answers to the recommendation question.</summary>
    public IReadOnlyList<RecommendAnswerFact> RecommendAnswers { get; init; } = [];

    /// <summary>Loyalty index per wave (any order; compared by <see cref="LoyaltyWaveFact.ClosedOn"/>).</summary>
    public IReadOnlyList<LoyaltyWaveFact> LoyaltyWaves { get; init; } = [];

    /// <summary>Attachment component of the loyalty decomposition (docs/definitions.md#loyalty-index-and-its-make-up) in the latest wave.</summary>
    public double? AttachmentComponent { get; init; }

    /// <summary>Lock-in component in the latest wave.</summary>
    public double? LockInComponent { get; init; }

    /// <summary>The wave the components come from (evidence).</summary>
    public string? ComponentsWaveId { get; init; }

    /// <summary>Complaints of the account.</summary>
    public IReadOnlyList<ComplaintFact> Complaints { get; init; } = [];

    /// <summary>Contracts of the account.</summary>
    public IReadOnlyList<ContractFact> Contracts { get; init; } = [];
}

/// <summary>Thresholds of the early-warning rules; defaults follow docs/retention.md#early-warning-signals, severities are documented per rule.</summary>
public sealed record EarlyWarningOptions
{
    /// <summary>Purchase frequency: signal when days since the last order exceed this multiple of the expected inter-purchase time (1.5).</summary>
    public double OverdueFactor { get; init; } = 1.5;

    /// <summary>… high severity beyond this multiple (3).</summary>
    public double OverdueFactorHigh { get; init; } = 3;

    /// <summary>Purchase frequency: signal when P(alive) dropped by at least this much in 90 days (0.2) …</summary>
    public double PAliveDrop { get; init; } = 0.2;

    /// <summary>… high severity from this drop (0.4).</summary>
    public double PAliveDropHigh { get; init; } = 0.4;

    /// <summary>Revenue falling: last 12 months ≤ this share of the 12 months before (0.7) …</summary>
    public decimal RevenueShare { get; init; } = 0.7m;

    /// <summary>… high severity at or below this share (0.4).</summary>
    public decimal RevenueShareHigh { get; init; } = 0.4m;

    /// <summary>Communication: interactions in the last 90 days ≤ this share of the usual rate (0.5).</summary>
    public double InteractionShare { get; init; } = 0.5;

    /// <summary>Communication: the usual rate must be at least this many interactions per 90 days to judge a fall (2).</summary>
    public double MinUsualInteractions { get; init; } = 2;

    /// <summary>Complaint shift: at least this many inbound contacts in 90 days (3) …</summary>
    public int MinInbound { get; init; } = 3;

    /// <summary>… with a complaint share of at least this (0.5) …</summary>
    public double ComplaintShare { get; init; } = 0.5;

    /// <summary>… that exceeds the usual share by at least this (0.25).</summary>
    public double ComplaintShareRise { get; init; } = 0.25;

    /// <summary>Buying roles whose departure is signalled.</summary>
    public IReadOnlyList<string> KeyRoles { get; init; } = ["decider", "buyer"];

    /// <summary>Days a departure (with known date), a detractor answer or a loyalty fall stays signalled (180).</summary>
    public int LookbackDays { get; init; } = 180;

    /// <summary>Recommendation scores up to this are detractors (6); up to <see cref="DetractorScoreHigh"/> high severity.</summary>
    public int DetractorScore { get; init; } = 6;

    /// <summary>Detractor scores up to this are high severity (3).</summary>
    public int DetractorScoreHigh { get; init; } = 3;

    /// <summary>Loyalty index fall between consecutive waves that is signalled (10 points) …</summary>
    public double LoyaltyFall { get; init; } = 10;

    /// <summary>… high severity from this fall (20 points).</summary>
    public double LoyaltyFallHigh { get; init; } = 20;

    /// <summary>Complaints overdue by at least this many days are high severity (14).</summary>
    public int ComplaintOverdueHighDays { get; init; } = 14;

    /// <summary>Contract end or notice deadline within this many days (90) …</summary>
    public int ContractHorizonDays { get; init; } = 90;

    /// <summary>… high severity within this many days (30).</summary>
    public int ContractUrgentDays { get; init; } = 30;
}
