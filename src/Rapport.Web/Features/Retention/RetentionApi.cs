using Rapport.Core.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;
using Rapport.Web.Features.Identity;
using DomainPhase = Rapport.Core.Accounts.LifecyclePhase;

namespace Rapport.Web.Features.Retention;

/// <summary>
/// Retention management in the API (docs/retention.md#lifecycle-phases, docs/retention.md#early-warning-signals, docs/domain.md#retention-management, docs/api.md): scoring runs, account health, signals and timeline,
/// tasks, the risk list and the portfolio board.
/// </summary>
internal static class RetentionApi
{
    public static RouteGroupBuilder MapRetentionApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/scoring/runs").WithTags("Scoring").RequireAuthorization(Policies.Admin);
        runs.MapPost("/", RequestRunAsync).WithName("RequestScoringRun")
            .WithSummary("Requests a scoring run (or joins the one already queued): 202 with the run; poll GET /scoring/runs/{id} for its status.");
        runs.MapGet("/{id:long}", GetRunAsync).WithName("GetScoringRun").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A scoring run: status (queued, running, succeeded, failed), stage, counts, fitted models, timings, error.");
        runs.MapGet("/", ListRunsAsync).WithName("ListScoringRuns").WithSummary("Scoring runs, newest first.");

        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapGet("/{id:long}/health", HealthAsync).WithName("GetAccountHealth").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Lifecycle phase, P(alive), expected transactions in 12 months, CLV, loyalty index and open signals with explanations and evidence.");
        accounts.MapGet("/{id:long}/signals", SignalsAsync).WithName("ListAccountSignals").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Paged early-warning signals of an account; status open (default), resolved or all.");
        accounts.MapGet("/{id:long}/timeline", TimelineAsync).WithName("GetAccountTimeline").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Paged timeline, newest first: orders, interactions, phase changes, signals, tasks, survey responses; filter with kinds=order,signal,...");

        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", ListTasksAsync).WithName("ListTasks")
            .WithSummary("Paged tasks on visible accounts; mine=true for the caller's own, status=open,in_progress,... , accountId.");
        tasks.MapPatch("/{id:long}", PatchTaskAsync).WithName("UpdateTask").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Sets a task's status (open, in_progress, done, cancelled): its owner, or whoever may edit the account.");

        PlaybooksApi.MapPlaybooks(api);

        var retention = api.MapGroup("/retention").WithTags("Retention");
        retention.MapGet("/risks", RisksAsync).WithName("ListRisks")
            .WithSummary("Paged risk list: scored accounts by CLV at risk = CLV × riskShare, riskShare = 1 − P(alive) × Π (1 − weight of each open signal); sort clvAtRisk (default, largest first), clv, pAlive, revenue, signals, name; '-' for the other direction.");
        retention.MapGet("/portfolio", PortfolioAsync).WithName("GetPortfolio")
            .WithSummary("Accounts by lifecycle phase (count, revenue of the last 12 months, CLV, median days in phase) and the flows between phases over the last 12 months.");
        return retention;
    }

    internal static async Task<Results<Accepted<ScoringRunDto>, ValidationProblem>> RequestRunAsync(
        ScoringRunInput? input, RapportDbContext db, Caller user, ScoringCoordinator coordinator, ScoringWakeUp wakeUp, CancellationToken ct)
    {
        DateOnly asOf = coordinator.Today;
        if (InputRules.Text(input?.AsOf) is { } text
            && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
        {
            return ApiProblems.Validation("asOf", $"'{text}' is not an ISO date (yyyy-MM-dd).");
        }
        var request = await coordinator.RequestAsync(ScoringTrigger.Api, asOf, user.Id, ct);
        wakeUp.Wake();
        var run = await db.ScoringRuns.FirstAsync(r => r.Id == request.RunId, ct);
        return TypedResults.Accepted($"/api/v1/scoring/runs/{run.Id}", ScoringRunDto.From(run));
    }

    internal static async Task<Results<Ok<ScoringRunDto>, ProblemHttpResult>> GetRunAsync(long id, RapportDbContext db, CancellationToken ct)
    {
        var run = await db.ScoringRuns.FirstOrDefaultAsync(r => r.Id == id, ct);
        return run is null ? ApiProblems.NotFound("scoring run", id) : TypedResults.Ok(ScoringRunDto.From(run));
    }

    internal static async Task<Results<Ok<PagedResult<ScoringRunDto>>, ValidationProblem>> ListRunsAsync(
        RapportDbContext db, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await paging.ReadAsync(db.ScoringRuns, q => q.OrderByDescending(r => r.Id), ct);
        return TypedResults.Ok(new PagedResult<ScoringRunDto>([.. result.Items.Select(ScoringRunDto.From)], result.Page, result.PageSize, result.TotalCount));
    }

    internal static async Task<Results<Ok<AccountHealthDto>, ProblemHttpResult>> HealthAsync(
        long id, RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct)
    {
        var health = await AccountHealthQuery.ReadAsync(db, db.VisibleAccounts(user), id, Today(clock), ct: ct);
        return health is null ? ApiProblems.NotFound("account", id) : TypedResults.Ok(AccountHealthDto.From(health));
    }

    /// <param name="status">open (default), resolved or all.</param>
    internal static async Task<Results<Ok<PagedResult<SignalDto>>, ValidationProblem, ProblemHttpResult>> SignalsAsync(
        long id, RapportDbContext db, Caller user, CancellationToken ct, string? status = null, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        var state = InputRules.Text(status)?.ToLowerInvariant() ?? "open";
        if (state is not ("open" or "resolved" or "all"))
        {
            errors.Add("status", $"Unknown status '{status}'; expected one of open, resolved, all.");
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        if (!await db.VisibleAccounts(user).AnyAsync(a => a.Id == id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        var query = db.Signals.Where(s => s.AccountId == id);
        query = state switch
        {
            "open" => query.Where(s => s.ResolvedOn == null),
            "resolved" => query.Where(s => s.ResolvedOn != null),
            _ => query,
        };
        var result = await paging.ReadAsync(query,
            q => q.OrderBy(s => s.ResolvedOn != null).ThenByDescending(s => s.RaisedOn).ThenByDescending(s => s.Id), ct);
        return TypedResults.Ok(new PagedResult<SignalDto>(
            [.. result.Items.Select(s => SignalDto.From(AccountHealthQuery.ToHealthSignal(s)))], result.Page, result.PageSize, result.TotalCount));
    }

    /// <param name="kinds">Comma-separated: order, interaction, phase_change, signal, task, survey_response (default all).</param>
    internal static async Task<Results<Ok<PagedResult<TimelineEntryDto>>, ValidationProblem, ProblemHttpResult>> TimelineAsync(
        long id, RapportDbContext db, Caller user, CancellationToken ct, string? kinds = null, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        var selected = ParseList<TimelineKind>(kinds, "kinds", errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        if (!await db.VisibleAccounts(user).AnyAsync(a => a.Id == id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        var (items, total) = await AccountTimeline.ReadAsync(db, id, selected, paging.Skip, paging.PageSize, ct);
        return TypedResults.Ok(new PagedResult<TimelineEntryDto>(
            [.. items.Select(e => new TimelineEntryDto(e.At, e.Kind, e.Id, e.Title, e.Detail))], paging.Page, paging.PageSize, total));
    }

    /// <param name="mine">Only tasks the caller owns.</param>
    /// <param name="status">Comma-separated statuses: open, in_progress, done, cancelled (default all).</param>
    internal static async Task<Results<Ok<PagedResult<TaskDto>>, ValidationProblem>> ListTasksAsync(
        RapportDbContext db, Caller user, CancellationToken ct, bool? mine = null, string? status = null, long? accountId = null,
        int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        var statuses = ParseList<AccountTaskStatus>(status, "status", errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var filtered = TaskQueries.Filter(db, db.VisibleAccounts(user), new TaskFilter(mine == true ? user.Id : null, statuses, accountId));
        var result = await paging.ReadAsync(filtered, q => TaskQueries.Project(db, TaskQueries.Order(q)), ct);
        return TypedResults.Ok(new PagedResult<TaskDto>([.. result.Items.Select(TaskDto.From)], result.Page, result.PageSize, result.TotalCount));
    }

    internal static async Task<Results<Ok<TaskDto>, ValidationProblem, ProblemHttpResult>> PatchTaskAsync(
        long id, TaskPatch input, RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var status = InputRules.Enum<AccountTaskStatus>(input.Status, "status", errors);
        if (status is null && !errors.Any)
        {
            errors.Add("status", $"The status is required; expected one of {EnumText.AllowedValues<AccountTaskStatus>()}.");
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var (task, failure) = await TaskQueries.SetStatusAsync(db, db.VisibleAccounts(user), id, user.Id, user.CanWrite, status!.Value, clock.GetUtcNow(), ct);
        return failure switch
        {
            TaskUpdateFailure.NotFound => ApiProblems.NotFound("task", id),
            TaskUpdateFailure.Forbidden => ApiProblems.Forbidden("Only the task's owner or someone who may edit the account can change the task."),
            _ => TypedResults.Ok(TaskDto.From(task!)),
        };
    }

    /// <param name="sort">clvAtRisk (default, largest first), clv, pAlive (lowest first), revenue, signals, name; prefix '-' to reverse.</param>
    /// <param name="phase">Only accounts in this lifecycle phase.</param>
    internal static async Task<Results<Ok<PagedResult<RiskDto>>, ValidationProblem>> RisksAsync(
        RapportDbContext db, Caller user, CancellationToken ct, string? sort = null, string? phase = null, bool? mine = null,
        int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        var lifecyclePhase = InputRules.Enum<DomainPhase>(phase, "phase", errors);
        var (order, descending) = ParseRiskSort(sort, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var visible = db.VisibleAccounts(user);
        if (mine == true)
        {
            visible = visible.Where(a => a.OwnerUserId == user.Id);
        }
        var result = await paging.ReadAsync(PortfolioQueries.Risks(db, visible, lifecyclePhase), q => PortfolioQueries.Order(q, order, descending), ct);
        return TypedResults.Ok(new PagedResult<RiskDto>([.. result.Items.Select(RiskDto.From)], result.Page, result.PageSize, result.TotalCount));
    }

    internal static async Task<Ok<Portfolio>> PortfolioAsync(RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await PortfolioQueries.ReadAsync(db, db.VisibleAccounts(user), Today(clock), ct));

    /// <summary>
    /// "clvAtRisk" and the other names; the natural direction of each (largest CLV at risk, CLV, revenue and signals first;
    /// lowest P(alive) first; names A–Z) unless reversed with '-'.
    /// </summary>
    internal static (RiskSort Sort, bool Descending) ParseRiskSort(string? sort, FieldErrors errors)
    {
        var text = InputRules.Text(sort) ?? "clvAtRisk";
        var reversed = text.StartsWith('-');
        var name = text.TrimStart('-');
        if (!Enum.TryParse<RiskSort>(name, ignoreCase: true, out var value) || !Enum.IsDefined(value))
        {
            errors.Add("sort", $"Unknown sort '{sort}'; expected one of clvAtRisk, clv, pAlive, revenue, signals, name (prefix '-' to reverse).");
            return (RiskSort.ClvAtRisk, true);
        }
        var naturallyDescending = value is RiskSort.ClvAtRisk or RiskSort.Clv or RiskSort.Revenue or RiskSort.Signals;
        return (value, naturallyDescending != reversed);
    }

    private static List<T> ParseList<T>(string? text, string field, FieldErrors errors) where T : struct, Enum
    {
        var list = new List<T>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (InputRules.Enum<T>(part, field, errors) is { } value)
            {
                list.Add(value);
            }
        }
        return list;
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
