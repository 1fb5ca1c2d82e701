namespace Rapport.Core.Plans;

/// <summary>Whether a plan is worked on; archived plans are history.</summary>
public enum PlanStatus { Active, Archived }

/// <summary>
/// An account plan (Special-Relationship-Agenda / Kundenplan, docs/loyalty-and-plans.md#account-plans) for a key account: relationship goals, the
/// relationship map, assessments, actions; reviewed every <see cref="ReviewCadenceDays"/> days.
/// </summary>
public sealed class AccountPlan
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public long? OwnerUserId { get; set; }
    public PlanStatus Status { get; set; } = PlanStatus.Active;
    public int ReviewCadenceDays { get; set; } = 90;

    /// <summary>The owner gets a review task on this day (and the review moves it on by the cadence).</summary>
    public DateOnly NextReviewOn { get; set; }

    public DateOnly? LastReviewedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Where a goal stands.</summary>
public enum GoalStatus { Open, Achieved, Dropped }

/// <summary>A relationship goal of a plan.</summary>
public sealed class PlanGoal
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public long AccountId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public DateOnly? TargetOn { get; set; }
    public GoalStatus Status { get; set; } = GoalStatus.Open;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One line of the relationship map: a supplier person (user) who covers a buying-center member (contact).</summary>
public sealed class RelationshipMapEntry
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public long AccountId { get; set; }
    public long UserId { get; set; }
    public long ContactId { get; set; }

    /// <summary>Strength of the tie: 1 (weak) – 5 (strong).</summary>
    public short Strength { get; set; }

    public string? CoverageNote { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The three levels of a business relationship that an account plan assesses.</summary>
public enum RelationshipLevel
{
    /// <summary>Information and communication: who knows what, how openly and how often it is shared.</summary>
    InformationCommunication,

    /// <summary>Trust: reliability, goodwill, confidence in each other's competence.</summary>
    Trust,

    /// <summary>Power: dependencies, influence and how it is used.</summary>
    Power,
}

/// <summary>The visible surface structure (formal, observable) or the hidden deep structure (informal, felt) of a level.</summary>
public enum StructureLayer { Surface, Deep }

/// <summary>An assessment of one level on one layer; assessments are kept as history, the latest one counts.</summary>
public sealed class PlanAssessment
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public long AccountId { get; set; }
    public RelationshipLevel Level { get; set; }
    public StructureLayer Layer { get; set; }

    /// <summary>1 (poor) – 5 (excellent).</summary>
    public short Score { get; set; }

    public string? Note { get; set; }
    public DateOnly AssessedOn { get; set; }
    public long? AssessedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Where an action stands; mirrored on its task.</summary>
public enum PlanActionStatus { Open, Done, Cancelled }

/// <summary>An action of a plan, with owner and due date; it also appears as a task (origin plan).</summary>
public sealed class PlanAction
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public long AccountId { get; set; }
    public long? GoalId { get; set; }
    public required string Title { get; set; }
    public string? Details { get; set; }
    public long? OwnerUserId { get; set; }
    public DateOnly? DueOn { get; set; }
    public PlanActionStatus Status { get; set; } = PlanActionStatus.Open;
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The origin key of the task that mirrors the action.</summary>
    public static string TaskKey(long actionId) => "plan-action:" + actionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A review of a plan: when, by whom, what was noted, and the next review it set.</summary>
public sealed class PlanReview
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public long AccountId { get; set; }
    public DateOnly ReviewedOn { get; set; }
    public long? ReviewedByUserId { get; set; }
    public string? Note { get; set; }
    public DateOnly NextReviewOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
