using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Survey;
using Rapport.Core.Data;
using Rapport.Core.Common;

namespace Rapport.Core.Surveys;

/// <summary>What a respondent's page needs: the invitation, the wave, the survey design and the answers so far.</summary>
public sealed record RespondentState(
    long InvitationId, long WaveId, string WaveName, DateOnly ClosesOn, InvitationStatus Status, string Language,
    SurveyDefinition Survey, IReadOnlyDictionary<AnswerKey, AnswerValue> Answers);

/// <summary>
/// The respondent's side of an invitation (docs/surveys.md#waves-invitations-and-anonymity): open by token, save and continue later, submit. Unknown tokens
/// are not found; a submitted invitation is <see cref="SurveyErrors.Completed"/> and a
/// wave outside its dates <see cref="SurveyErrors.WaveClosed"/> — neither ever returns the answers.
/// </summary>
public sealed class RespondentSessions(RapportDbContext db, TimeProvider time)
{
    /// <summary>The state behind a link.</summary>
    public async Task<Result<RespondentState>> OpenAsync(string? token, CancellationToken ct = default)
    {
        var invitation = await SurveyInvitations.ResolveAsync(db, token, ct);
        var refusal = Refuse(invitation);
        if (refusal is not null)
        {
            return refusal;
        }
        var survey = (await SurveyDefinition.LoadAsync(db, invitation!.Wave!.SurveyId, ct))!;
        var answers = await LoadAnswersAsync(survey, invitation, tracked: false, ct);
        return Result<RespondentState>.Ok(StateOf(invitation, survey, answers.ToDictionary(a => a.Key, a => a.Value)));
    }

    /// <summary>
    /// Validates <paramref name="inputs"/> against the questionnaire's rules and the answers so far and stores them;
    /// on any error nothing changes and the error lists each rejected answer.
    /// </summary>
    public async Task<Result<RespondentState>> SaveAsync(string? token, IReadOnlyList<AnswerInput> inputs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var invitation = await SurveyInvitations.ResolveAsync(db, token, ct);
        var refusal = Refuse(invitation);
        if (refusal is not null)
        {
            return refusal;
        }
        var survey = (await SurveyDefinition.LoadAsync(db, invitation!.Wave!.SurveyId, ct))!;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        invitation = await LockAsync(invitation.Id, ct);
        refusal = Refuse(invitation);
        if (refusal is not null)
        {
            return refusal;
        }
        var rows = await LoadAnswersAsync(survey, invitation, tracked: true, ct);
        var current = rows.ToDictionary(r => r.Key, r => r.Value);
        var check = AnswerRules.Apply(survey, current, inputs);
        if (!check.IsValid)
        {
            return SurveyErrors.InvalidAnswers(check.Errors);
        }
        var now = time.GetUtcNow();
        foreach (var (key, _, row) in rows)
        {
            if (!check.Answers.ContainsKey(key))
            {
                db.ResponseAnswers.Remove(row!);
            }
        }
        foreach (var (key, value) in check.Answers)
        {
            var existing = rows.FirstOrDefault(r => r.Key == key).Row;
            if (existing is null)
            {
                db.ResponseAnswers.Add(new ResponseAnswer
                {
                    WaveId = invitation.WaveId, InvitationId = invitation.Id, RespondentKey = invitation.RespondentKey,
                    AccountId = invitation.AccountId, ContactId = invitation.ContactId, ItemCode = key.ItemCode,
                    PhaseId = key.Phase is null ? null : survey.Phase(key.Phase)!.Id,
                    TouchpointId = key.Touchpoint is null ? null : survey.Touchpoint(key.Touchpoint)!.Id,
                    Value = ToDecimal(value.Value), Text = value.Text, UpdatedAt = now,
                });
            }
            else if (existing.Value != ToDecimal(value.Value) || existing.Text != value.Text)
            {
                existing.Value = ToDecimal(value.Value);
                existing.Text = value.Text;
                existing.UpdatedAt = now;
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        if (invitation.Status is InvitationStatus.Pending or InvitationStatus.Sent)
        {
            await db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, InvitationStatus.Started)
                .SetProperty(i => i.StartedAt, i => i.StartedAt ?? now), ct);
            invitation.Status = InvitationStatus.Started;
        }
        await tx.CommitAsync(ct);
        return Result<RespondentState>.Ok(StateOf(invitation, survey, check.Answers));
    }

    /// <summary>Submits the answers: the invitation is completed and its link shows only a thank-you page from now on.</summary>
    public async Task<Result<bool>> SubmitAsync(string? token, CancellationToken ct = default)
    {
        var invitation = await SurveyInvitations.ResolveAsync(db, token, ct);
        var refusal = Refuse(invitation);
        if (refusal is not null)
        {
            return refusal;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        invitation = await LockAsync(invitation!.Id, ct);
        refusal = Refuse(invitation);
        if (refusal is not null)
        {
            return refusal;
        }
        var now = time.GetUtcNow();
        await db.ResponseAnswers.Where(r => r.WaveId == invitation.WaveId && r.RespondentKey == invitation.RespondentKey)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.SubmittedAt, now), ct);
        await db.Invitations.Where(i => i.Id == invitation!.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, InvitationStatus.Completed)
            .SetProperty(i => i.StartedAt, i => i.StartedAt ?? now)
            .SetProperty(i => i.CompletedAt, now), ct);
        await AddDetractorEventAsync(invitation, ct);
        await tx.CommitAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>A submitted recommendation of 0–6 is a detractor (docs/definitions.md#net-promoter-score): the webhook event goes out with the submission.</summary>
    private async Task AddDetractorEventAsync(Invitation invitation, CancellationToken ct)
    {
        var recommendation = await db.ResponseAnswers.AsNoTracking()
            .Where(r => r.WaveId == invitation.WaveId && r.RespondentKey == invitation.RespondentKey && r.ItemCode == ItemCodes.LoyRecommend)
            .Select(r => r.Value).FirstOrDefaultAsync(ct);
        if (recommendation is not { } value || !DetractorEvents.IsDetractor(value))
        {
            return;
        }
        var anonymous = await db.Waves.Where(w => w.Id == invitation.WaveId).Select(w => w.Survey!.Anonymous).SingleAsync(ct);
        DetractorEvents.Add(db, invitation.WaveId, invitation.Id, invitation.AccountId, anonymous ? null : invitation.ContactId, anonymous, (int)value);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    // One writer per invitation: a second tab or a double submit waits instead of racing on the answer rows.
    private async Task<Invitation> LockAsync(long invitationId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM invitations WHERE id = {0} FOR UPDATE", [invitationId], ct);
        return await db.Invitations.AsNoTracking().Include(i => i.Wave).SingleAsync(i => i.Id == invitationId, ct);
    }

    private Error? Refuse(Invitation? invitation)
    {
        if (invitation is null)
        {
            return SurveyErrors.NotFound("There is no survey behind this link.");
        }
        if (invitation.Status == InvitationStatus.Completed)
        {
            return SurveyErrors.Completed("This survey has already been submitted.");
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var wave = invitation.Wave!;
        return wave.IsOpenOn(today)
            ? null
            : SurveyErrors.WaveClosed(today < wave.OpensOn
                ? $"This survey opens on {wave.OpensOn:yyyy-MM-dd}."
                : $"This survey closed on {wave.ClosesOn:yyyy-MM-dd}.");
    }

    private static RespondentState StateOf(Invitation invitation, SurveyDefinition survey, IReadOnlyDictionary<AnswerKey, AnswerValue> answers) =>
        new(invitation.Id, invitation.WaveId, invitation.Wave!.Name, invitation.Wave.ClosesOn, invitation.Status, invitation.Language,
            survey, answers);

    private async Task<List<(AnswerKey Key, AnswerValue Value, ResponseAnswer? Row)>> LoadAnswersAsync(
        SurveyDefinition survey, Invitation invitation, bool tracked, CancellationToken ct)
    {
        var query = db.ResponseAnswers.Where(r => r.WaveId == invitation.WaveId && r.RespondentKey == invitation.RespondentKey);
        var rows = await (tracked ? query.AsTracking() : query.AsNoTracking()).ToListAsync(ct);
        return rows.Select(r => (
                new AnswerKey(r.ItemCode,
                    r.PhaseId is null ? null : survey.Phases.FirstOrDefault(p => p.Id == r.PhaseId)?.Code ?? "#" + r.PhaseId,
                    r.TouchpointId is null ? null : survey.Touchpoints.FirstOrDefault(t => t.Id == r.TouchpointId)?.Code ?? "#" + r.TouchpointId),
                new AnswerValue(r.Value is null ? null : (double)r.Value.Value, r.Text),
                tracked ? r : null))
            .ToList();
    }

    private static decimal? ToDecimal(double? value) => value is null ? null : (decimal)value.Value;
}
