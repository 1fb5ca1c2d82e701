namespace Rapport.Core.Surveys;

/// <summary>Answer scale of a survey item: the scales of docs/surveys.md#item-codes plus free text.</summary>
public enum SurveyItemScale { A5, S5, R11, YN, Relative5, Text }

/// <summary>Whether an item is asked once, per chosen phase, or per chosen phase and touchpoint.</summary>
public enum SurveyItemLevel { Global, Phase, Touchpoint }

/// <summary>The part of the questionnaire an item belongs to; the respondent pages show the sections in this order.</summary>
public enum SurveyItemSection { Phases, Loyalty, Motives, Relationship, Open, Custom }

/// <summary>Items of the template keep their meaning (docs/surveys.md#item-codes); custom items are added by admins and analysts.</summary>
public enum SurveyItemKind { Standard, Custom }

/// <summary>Where an invitation is: created, e-mailed, answers saved, submitted.</summary>
public enum InvitationStatus { Pending, Sent, Started, Completed }

/// <summary>A relationship survey (Befragung) designed from a template.</summary>
public sealed class Survey
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Template { get; set; }
    public bool Anonymous { get; set; }
    public int MinGroupSize { get; set; } = 5;
    public long? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<SurveyItem> Items { get; } = [];
    public List<SurveyPhase> Phases { get; } = [];
    public List<SurveyTouchpoint> Touchpoints { get; } = [];
    public List<SurveyCompetitor> Competitors { get; } = [];
    public List<Wave> Waves { get; } = [];
}

/// <summary>A question of a survey, with English and German wording.</summary>
public sealed class SurveyItem
{
    public long Id { get; set; }
    public long SurveyId { get; set; }
    public required string Code { get; set; }
    public SurveyItemScale Scale { get; set; }
    public SurveyItemLevel Level { get; set; }
    public SurveyItemSection Section { get; set; }
    public required string TextEn { get; set; }
    public required string TextDe { get; set; }
    public int SortOrder { get; set; }
    public SurveyItemKind Kind { get; set; }

    /// <summary>The wording in <paramref name="language"/> ("de" or English otherwise).</summary>
    public string Text(string language) => language == "de" ? TextDe : TextEn;
}

/// <summary>A business phase the survey asks about, in questionnaire order.</summary>
public sealed class SurveyPhase
{
    public long SurveyId { get; set; }
    public int PhaseId { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A touchpoint the survey asks about in every phase, in questionnaire order.</summary>
public sealed class SurveyTouchpoint
{
    public long SurveyId { get; set; }
    public int TouchpointId { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A competitor offered for <c>CMP_NAME</c> in one phase.</summary>
public sealed class SurveyCompetitor
{
    public long SurveyId { get; set; }
    public int PhaseId { get; set; }
    public int CompetitorId { get; set; }
}

/// <summary>One run of a survey (Welle), open from <see cref="OpensOn"/> to <see cref="ClosesOn"/> inclusive.</summary>
public sealed class Wave
{
    public long Id { get; set; }
    public long SurveyId { get; set; }
    public Survey? Survey { get; set; }
    public required string Name { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether respondents can answer on <paramref name="today"/>.</summary>
    public bool IsOpenOn(DateOnly today) => today >= OpensOn && today <= ClosesOn;
}

/// <summary>A personal invitation of one contact to one wave. Only the token's hash and nonce are stored (ADR 0008).</summary>
public sealed class Invitation
{
    public long Id { get; set; }
    public long WaveId { get; set; }
    public Wave? Wave { get; set; }
    public long AccountId { get; set; }
    public long? ContactId { get; set; }
    public required byte[] TokenHash { get; set; }
    public required byte[] TokenNonce { get; set; }
    public InvitationStatus Status { get; set; }
    public string Language { get; set; } = "de";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public int ReminderCount { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The respondent key of answers given through this invitation.</summary>
    public string RespondentKey => RespondentKeys.ForInvitation(Id);
}

/// <summary>One answer to one item (for one phase and touchpoint where the item has them), the long format of docs/import.md#columns.</summary>
public sealed class ResponseAnswer
{
    public long Id { get; set; }
    public long WaveId { get; set; }
    public long? InvitationId { get; set; }
    public required string RespondentKey { get; set; }
    public long AccountId { get; set; }
    public long? ContactId { get; set; }
    public required string ItemCode { get; set; }
    public int? PhaseId { get; set; }
    public int? TouchpointId { get; set; }
    public decimal? Value { get; set; }
    public string? Text { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Respondent keys within a wave.</summary>
public static class RespondentKeys
{
    /// <summary>The key of answers given through invitation <paramref name="invitationId"/>.</summary>
    public static string ForInvitation(long invitationId) =>
        "inv-" + invitationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
