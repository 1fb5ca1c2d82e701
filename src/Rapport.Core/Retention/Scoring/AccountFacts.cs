using Rapport.Analytics.Retention;

namespace Rapport.Core.Retention.Scoring;

/// <summary>A contract as the scoring job sees it.</summary>
public sealed record ContractInfo(long Id, string ContractNo, DateOnly StartDate, DateOnly? EndDate, int? NoticeDays, bool AutoRenew, DateOnly? TerminatedOn)
{
    /// <summary>
    /// Running on <paramref name="day"/>: started, and not past its end — an auto-renewing contract without notice runs on
    /// past the end date it carries (as on the account page).
    /// </summary>
    public bool RunsOn(DateOnly day) =>
        StartDate <= day && (EndDate is not { } end || day <= end || (AutoRenew && (TerminatedOn is null || TerminatedOn > day)));

    /// <summary>Notice given by <paramref name="day"/> (the contract may still run until its end).</summary>
    public bool NoticeGivenBy(DateOnly day) => TerminatedOn is { } t && t <= day;

    public ContractFact ToFact() => new(Id.ToString(System.Globalization.CultureInfo.InvariantCulture), EndDate, NoticeDays, AutoRenew, TerminatedOn);
}

/// <summary>Interaction counts of an account around one evaluation day (docs/retention.md#early-warning-signals communication pattern).</summary>
public struct InteractionPoint
{
    /// <summary>Interactions in the 90 days ending with the day.</summary>
    public int Last90Days { get; set; }

    /// <summary>Interactions in the 365 days before those 90.</summary>
    public int PriorYear { get; set; }

    /// <summary>Inbound contacts in the 90 days ending with the day (inbound interactions, plus complaints when a source adds them).</summary>
    public int InboundLast90Days { get; set; }

    /// <summary>Of those, complaints (filled by a complaint fact source).</summary>
    public int InboundComplaintsLast90Days { get; set; }

    /// <summary>Usual share of complaints among inbound contacts (null: unknown, taken as 0).</summary>
    public double? UsualInboundComplaintShare { get; set; }
}

/// <summary>The loyalty figures of an account in one survey wave (docs/definitions.md#loyalty-index-and-its-make-up).</summary>
public sealed record WaveLoyalty(long WaveId, string WaveName, DateOnly ClosesOn, int Respondents, double LoyaltyIndex, double? Attachment, double? LockIn)
{
    public LoyaltyWaveFact ToFact() => new(WaveId.ToString(System.Globalization.CultureInfo.InvariantCulture), WaveName, ClosesOn, LoyaltyIndex);
}

/// <summary>
/// Everything the scoring job knows about one account: master data, its transaction summaries, and what the fact
/// sources (<see cref="IScoringFactSource"/>) added. A source adding facts of a new kind (complaints) fills the
/// lists and counters meant for it.
/// </summary>
public sealed class AccountFacts(long accountId)
{
    public long AccountId { get; } = accountId;
    public string ExternalId { get; set; } = "";
    public long? OwnerUserId { get; set; }

    /// <summary>The owner's UI language (<c>en</c>/<c>de</c>) for task titles.</summary>
    public string OwnerLanguage { get; set; } = "en";

    public DateOnly CreatedOn { get; set; }
    public Accounts.LifecyclePhase? Phase { get; set; }
    public DateOnly? PhaseSince { get; set; }

    /// <summary>The day of the account's last scores (the previous run's as-of day).</summary>
    public DateOnly? LastScoredOn { get; set; }

    /// <summary>The last day in termination according to the stored phase history (the day before it left termination).</summary>
    public DateOnly? LastDayInTermination { get; set; }

    public AccountTransactions? Transactions { get; set; }
    public List<ContractInfo> Contracts { get; } = [];

    /// <summary>Per calendar step (only evaluation steps are filled); null without interactions.</summary>
    public InteractionPoint[]? Interactions { get; set; }

    /// <summary>Contacts in a key buying role, for accounts where one of them left.</summary>
    public List<ContactFact> KeyContacts { get; } = [];

    public List<RecommendAnswerFact> RecommendAnswers { get; } = [];
    public List<WaveLoyalty> Waves { get; } = [];
    public List<ComplaintFact> Complaints { get; } = [];

    /// <summary>Display names of evidence (e.g. <c>contract:17</c> → <c>SV-10001-03</c>), filled by the sources.</summary>
    public Dictionary<string, string> EvidenceLabels { get; } = new(StringComparer.Ordinal);

    /// <summary>The interaction counts at <paramref name="step"/>, creating the array on first use.</summary>
    public ref InteractionPoint InteractionsAt(int step, int steps)
    {
        Interactions ??= new InteractionPoint[steps];
        return ref Interactions[step];
    }
}
