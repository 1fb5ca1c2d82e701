using Rapport.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Retention;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Retention;

/// <summary>A step of a playbook: a task title in English and German and its due days after the trigger.</summary>
public sealed record PlaybookStepDto(int StepNo, string TitleEn, string TitleDe, int DueDays);

/// <summary>A playbook (Maßnahmenplan): tasks created for the account owner when its trigger fires (docs/retention.md).</summary>
public sealed record PlaybookDto(string Code, string Trigger, bool Enabled, string NameEn, string NameDe, IReadOnlyList<PlaybookStepDto> Steps);

/// <summary>Body of <c>PUT /api/v1/playbooks/{code}</c>: switch it on or off and, optionally, replace its steps.</summary>
public sealed record PlaybookInput(bool? Enabled, IReadOnlyList<PlaybookStepInput>? Steps);

/// <summary>One step of <see cref="PlaybookInput"/>; steps are numbered in the order given.</summary>
public sealed record PlaybookStepInput(string? TitleEn, string? TitleDe, int? DueDays);

/// <summary><c>/api/v1/playbooks</c>: which playbooks the scoring job uses, and their steps.</summary>
internal static class PlaybooksApi
{
    public static void MapPlaybooks(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/playbooks").WithTags("Tasks");
        group.MapGet("/", ListAsync).WithName("ListPlaybooks").WithSummary("The playbooks with their triggers and steps.");
        group.MapPut("/{code}", UpdateAsync).WithName("UpdatePlaybook").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Enables or disables a playbook and optionally replaces its steps (title EN/DE, due days 0–365).");
    }

    internal static async Task<Ok<List<PlaybookDto>>> ListAsync(RapportDbContext db, CancellationToken ct)
    {
        var playbooks = await db.Playbooks.Include(p => p.Steps).OrderBy(p => p.Code).ToListAsync(ct);
        return TypedResults.Ok(playbooks.Select(ToDto).ToList());
    }

    internal static async Task<Results<Ok<PlaybookDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string code, PlaybookInput input, RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct)
    {
        var playbook = await db.Playbooks.AsTracking().Include(p => p.Steps).FirstOrDefaultAsync(p => p.Code == code, ct);
        if (playbook is null)
        {
            return ApiProblems.NotFound("playbook", code);
        }
        var errors = new FieldErrors();
        var steps = new List<PlaybookStep>();
        if (input.Steps is { } given)
        {
            if (given.Count == 0)
            {
                errors.Add("steps", "A playbook needs at least one step; disable it instead.");
            }
            for (var i = 0; i < given.Count; i++)
            {
                var s = given[i];
                var en = InputRules.Text(s.TitleEn);
                var de = InputRules.Text(s.TitleDe);
                if (en is null or { Length: > 200 })
                {
                    errors.Add($"steps[{i}].titleEn", "The English title is required (at most 200 characters).");
                }
                if (de is null or { Length: > 200 })
                {
                    errors.Add($"steps[{i}].titleDe", "The German title is required (at most 200 characters).");
                }
                if (s.DueDays is not (>= 0 and <= 365))
                {
                    errors.Add($"steps[{i}].dueDays", "Due days must be between 0 and 365.");
                }
                steps.Add(new PlaybookStep { PlaybookCode = code, StepNo = i + 1, TitleEn = en ?? "", TitleDe = de ?? "", DueDays = s.DueDays ?? 0 });
            }
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        if (input.Enabled is { } enabled)
        {
            playbook.Enabled = enabled;
        }
        if (input.Steps is not null)
        {
            // Steps keep their numbers: update those that stay (a delete and an insert of the same key in one context clash).
            foreach (var step in steps)
            {
                if (playbook.Steps.FirstOrDefault(s => s.StepNo == step.StepNo) is { } existing)
                {
                    existing.TitleEn = step.TitleEn;
                    existing.TitleDe = step.TitleDe;
                    existing.DueDays = step.DueDays;
                }
                else
                {
                    playbook.Steps.Add(step);
                }
            }
            foreach (var extra in playbook.Steps.Where(s => s.StepNo > steps.Count).ToList())
            {
                playbook.Steps.Remove(extra);
                db.PlaybookSteps.Remove(extra);
            }
        }
        playbook.UpdatedAt = clock.GetUtcNow();
        await AuditTrail.SaveAsync(db, user, AuditTrail.Update, "playbook", () => code, new { playbook.Enabled, Steps = steps.Count }, ct);
        return TypedResults.Ok(ToDto(playbook));
    }

    private static PlaybookDto ToDto(Playbook p) => new(p.Code, p.Trigger, p.Enabled, p.NameEn, p.NameDe,
        [.. p.Steps.OrderBy(s => s.StepNo).Select(s => new PlaybookStepDto(s.StepNo, s.TitleEn, s.TitleDe, s.DueDays))]);
}
