using Rapport.Core.Common;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Rapport.Analytics.Drivers;
using Rapport.Analytics.Survey;
using Rapport.Core.Data;
using Rapport.Core.Insights;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Insights;

/// <summary>
/// The filters of every analytics route (docs/definitions.md#filters), as text so that a bad value is a 400 naming the parameter, plus
/// <c>format</c>: json (default), csv or xlsx.
/// </summary>
public sealed record AnalyticsFilterQuery(
    string? WaveId = null, string? Segment = null, string? BusinessType = null, string? Region = null, string? Industry = null,
    string? KeyAccount = null, string? BuyingRole = null, string? Owner = null, string? GroupBy = null, string? Format = null)
{
    internal InsightFilterInput ToInput() => new(WaveId, Segment, BusinessType, Region, Industry, KeyAccount, BuyingRole, Owner, GroupBy);
}

/// <summary><c>/analytics/loyalty</c>: the overall figures with the field names of <c>rapport analyze loyalty --json</c>, groups, captive accounts.</summary>
public sealed record LoyaltyOutput(
    int N, double? LoyaltyIndex, double? FirstChoiceRate, double? RecommendationRate, LoyaltyComponentFigures Components, bool? Captive,
    int Respondents, int FirstChoiceN, int RecommendationN, int DecompositionN, bool Suppressed, string? GroupBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<LoyaltyFigures>? Groups,
    CaptiveAccounts CaptiveAccounts, InsightWave Wave);

/// <summary><c>/analytics/nps</c>: the overall figures with the field names of <c>rapport analyze nps --json</c>, and groups.</summary>
public sealed record NpsOutput(
    int N, int? Promoters, int? Passives, int? Detractors, double? Nps, double? StandardError, double? CiLow, double? CiHigh, string Interval,
    double? RecommendationRate, bool Suppressed, string? GroupBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NpsFigures>? Groups, InsightWave Wave);

/// <summary><c>/analytics/relationship-quality</c>: the overall dimension scores and groups.</summary>
public sealed record RelationshipQualityOutput(
    int Respondents, int SatisfactionN, double? Satisfaction, int TrustN, double? Trust, int CommitmentN, double? Commitment, double? Index,
    bool Suppressed, string? GroupBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RelationshipQualityFigures>? Groups, InsightWave Wave);

/// <summary><c>/api/v1/analytics/...</c> and <c>/api/v1/accounts/{id}/loyalty</c>: relationship-quality analytics (docs/definitions.md, docs/api.md).</summary>
internal static class AnalyticsApi
{
    public static RouteGroupBuilder MapAnalyticsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/analytics").WithTags("Analytics")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/waves", WavesAsync).WithName("AnalyticsWaves")
            .WithSummary("The survey waves with the number of submitted respondents the user may see, newest first.");
        group.MapGet("/loyalty", LoyaltyAsync).WithName("AnalyticsLoyalty")
            .WithSummary("Loyalty index, first-choice and recommendation rates and the attachment/calculative/lock-in make-up; ?format=csv|xlsx exports.");
        group.MapGet("/nps", NpsAsync).WithName("AnalyticsNps")
            .WithSummary("Net Promoter Score with its 95% interval, optionally per group; ?ci=wald|adjusted-wald.");
        group.MapGet("/relationship-quality", RelationshipQualityAsync).WithName("AnalyticsRelationshipQuality")
            .WithSummary("Satisfaction, trust, commitment and the relationship-quality index.");
        group.MapGet("/phases", PhasesAsync).WithName("AnalyticsPhases")
            .WithSummary("Phases × touchpoints: involvement, performance, impact and main-contact impact; suppressed cells are null.");
        group.MapGet("/drivers", DriversAsync).WithName("AnalyticsDrivers")
            .WithSummary("Key drivers: touchpoints for a phase's satisfaction (?phase=), or phases for overall satisfaction; ?bootstrap=&seed= for intervals.");
        group.MapGet("/importance-performance", ImportancePerformanceAsync).WithName("AnalyticsImportancePerformance")
            .WithSummary("Importance–performance grid of one phase (?phase=), split at the medians.");
        group.MapGet("/main-contacts", MainContactsAsync).WithName("AnalyticsMainContacts")
            .WithSummary("Per phase: each touchpoint's impact overall and among respondents whose main contact it was.");
        group.MapGet("/competitors", CompetitorsAsync).WithName("AnalyticsCompetitors")
            .WithSummary("Competitors named per phase and how the supplier compares with them.");
        group.MapGet("/trends", TrendsAsync).WithName("AnalyticsTrends")
            .WithSummary("The waves of the survey in date order with loyalty, NPS and relationship quality under the same filters.");
        group.MapGet("/drilldown", DrillDownAsync).WithName("AnalyticsDrillDown")
            .WithSummary("The accounts (and, unless the survey is anonymous, the respondents) behind a figure: ?group=&phase=&touchpoint=&competitor=&category=.");
        api.MapGet("/accounts/{id:long}/loyalty", AccountAsync).WithName("AccountLoyalty").WithTags("Accounts", "Analytics")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An account's loyalty make-up, NPS by buying role and answers over the survey waves.");
        return group;
    }

    internal static async Task<Ok<IReadOnlyList<InsightWaveSummary>>> WavesAsync(InsightQueries insights, Caller user, CancellationToken ct) =>
        TypedResults.Ok(await insights.WavesAsync(user, ct));

    internal static Task<Results<Ok<LoyaltyOutput>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> LoyaltyAsync(
        [AsParameters] AnalyticsFilterQuery query, InsightQueries insights, Caller user, CancellationToken ct) =>
        RunAsync(query, user, "loyalty", null, (f, v) => insights.LoyaltyAsync(f, v, ct),
            view => new LoyaltyOutput(view.Overall.N, view.Overall.LoyaltyIndex, view.Overall.FirstChoiceRate, view.Overall.RecommendationRate,
                view.Overall.Components, view.Overall.Captive, view.Overall.Respondents, view.Overall.FirstChoiceN, view.Overall.RecommendationN,
                view.Overall.DecompositionN, view.Overall.Suppressed, GroupByName(view.GroupBy), Groups(view.GroupBy, view.Groups),
                view.CaptiveAccounts, view.Wave),
            InsightExport.Table, ct);

    /// <param name="query">Filters and format.</param>
    /// <param name="ci">wald or adjusted-wald; by default adjusted-wald below 30 answers.</param>
    /// <param name="insights">The analytics.</param>
    /// <param name="user">The caller.</param>
    /// <param name="ct">Cancellation.</param>
    internal static Task<Results<Ok<NpsOutput>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> NpsAsync(
        [AsParameters] AnalyticsFilterQuery query, string? ci, InsightQueries insights, Caller user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var interval = InputRules.Text(ci) switch
        {
            null => NpsIntervalMethod.Auto,
            "wald" => NpsIntervalMethod.Wald,
            "adjusted-wald" => NpsIntervalMethod.AdjustedWald,
            var other => Invalid(errors, "ci", $"'{other}' is not allowed; use wald or adjusted-wald.", NpsIntervalMethod.Auto),
        };
        return RunAsync(query, user, "nps", errors, (f, v) => insights.NpsAsync(f, v, interval, ct),
            view => new NpsOutput(view.Overall.N, view.Overall.Promoters, view.Overall.Passives, view.Overall.Detractors, view.Overall.Nps,
                view.Overall.StandardError, view.Overall.CiLow, view.Overall.CiHigh, view.Overall.Interval, view.Overall.RecommendationRate,
                view.Overall.Suppressed, GroupByName(view.GroupBy), Groups(view.GroupBy, view.Groups), view.Wave),
            InsightExport.Table, ct);
    }

    internal static Task<Results<Ok<RelationshipQualityOutput>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> RelationshipQualityAsync(
        [AsParameters] AnalyticsFilterQuery query, InsightQueries insights, Caller user, CancellationToken ct) =>
        RunAsync(query, user, "relationship-quality", null, (f, v) => insights.RelationshipQualityAsync(f, v, ct),
            view => new RelationshipQualityOutput(view.Overall.Respondents, view.Overall.SatisfactionN, view.Overall.Satisfaction, view.Overall.TrustN,
                view.Overall.Trust, view.Overall.CommitmentN, view.Overall.Commitment, view.Overall.Index, view.Overall.Suppressed,
                GroupByName(view.GroupBy), Groups(view.GroupBy, view.Groups), view.Wave),
            InsightExport.Table, ct);

    internal static Task<Results<Ok<PhasesView>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> PhasesAsync(
        [AsParameters] AnalyticsFilterQuery query, InsightQueries insights, Caller user, CancellationToken ct) =>
        RunAsync(query, user, "phases", null, (f, v) => insights.PhasesAsync(f, v, ct), view => view, InsightExport.Table, ct);

    /// <param name="query">Filters and format.</param>
    /// <param name="phase">A phase code: its touchpoints as drivers of its satisfaction; without: the phases as drivers of overall satisfaction.</param>
    /// <param name="method">relative-weights (default) or shapley.</param>
    /// <param name="bootstrap">Bootstrap resamples for 95% percentile intervals, 0 (default) to 2000.</param>
    /// <param name="seed">Seed of the bootstrap (default 1).</param>
    /// <param name="insights">The analytics.</param>
    /// <param name="user">The caller.</param>
    /// <param name="ct">Cancellation.</param>
    internal static Task<Results<Ok<DriversView>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> DriversAsync(
        [AsParameters] AnalyticsFilterQuery query, string? phase, string? method, int? bootstrap, int? seed, InsightQueries insights,
        Caller user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var importance = InputRules.Text(method) switch
        {
            null or "relative-weights" => ImportanceMethod.RelativeWeights,
            "shapley" => ImportanceMethod.Shapley,
            var other => Invalid(errors, "method", $"'{other}' is not allowed; use relative-weights or shapley.", ImportanceMethod.RelativeWeights),
        };
        return RunAsync(query, user, "drivers", errors,
            (f, v) => insights.DriversAsync(f, v, InputRules.Text(phase), importance, bootstrap ?? 0, seed ?? 1, ct), view => view, InsightExport.Table, ct);
    }

    /// <param name="query">Filters and format.</param>
    /// <param name="phase">The phase code (required).</param>
    /// <param name="insights">The analytics.</param>
    /// <param name="user">The caller.</param>
    /// <param name="ct">Cancellation.</param>
    internal static Task<Results<Ok<ImportancePerformanceView>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ImportancePerformanceAsync(
        [AsParameters] AnalyticsFilterQuery query, string? phase, InsightQueries insights, Caller user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (InputRules.Text(phase) is null)
        {
            errors.Add("phase", "Give the phase (its code) whose touchpoints to place.");
        }
        return RunAsync(query, user, "importance-performance", errors,
            (f, v) => insights.ImportancePerformanceAsync(f, v, phase!.Trim(), ct), view => view, InsightExport.Table, ct);
    }

    internal static Task<Results<Ok<MainContactView>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> MainContactsAsync(
        [AsParameters] AnalyticsFilterQuery query, InsightQueries insights, Caller user, CancellationToken ct) =>
        RunAsync(query, user, "main-contacts", null, (f, v) => insights.MainContactAsync(f, v, ct), view => view, InsightExport.Table, ct);

    internal static Task<Results<Ok<CompetitorsView>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> CompetitorsAsync(
        [AsParameters] AnalyticsFilterQuery query, InsightQueries insights, Caller user, CancellationToken ct) =>
        RunAsync(query, user, "competitors", null, (f, v) => insights.CompetitorsAsync(f, v, ct), view => view, InsightExport.Table, ct);

    internal static Task<Results<Ok<TrendsView>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> TrendsAsync(
        [AsParameters] AnalyticsFilterQuery query, InsightQueries insights, Caller user, CancellationToken ct) =>
        RunAsync(query, user, "trends", null, (f, v) => insights.TrendsAsync(f, v, ct), view => view, InsightExport.Table, ct);

    /// <param name="query">Filters (with groupBy when <paramref name="group"/> is given) and format.</param>
    /// <param name="group">A value of groupBy ("" = blank).</param>
    /// <param name="phase">Respondents involved in this phase.</param>
    /// <param name="touchpoint">With phase: who had contact with this touchpoint.</param>
    /// <param name="competitor">With phase: who named this competitor.</param>
    /// <param name="category">promoter, passive or detractor.</param>
    /// <param name="page">1-based page of the lists.</param>
    /// <param name="pageSize">1–500, default 50.</param>
    /// <param name="insights">The analytics.</param>
    /// <param name="user">The caller.</param>
    /// <param name="ct">Cancellation.</param>
    internal static Task<Results<Ok<DrillDownView>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> DrillDownAsync(
        [AsParameters] AnalyticsFilterQuery query, string? group, string? phase, string? touchpoint, string? competitor, string? category,
        int? page, int? pageSize, InsightQueries insights, Caller user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        NpsCategory? npsCategory = InputRules.Text(category) switch
        {
            null => null,
            "promoter" => NpsCategory.Promoter,
            "passive" => NpsCategory.Passive,
            "detractor" => NpsCategory.Detractor,
            var other => Invalid<NpsCategory?>(errors, "category", $"'{other}' is not allowed; use promoter, passive or detractor.", null),
        };
        var target = new DrillDownTarget(group, InputRules.Text(phase), InputRules.Text(touchpoint), InputRules.Text(competitor), npsCategory);
        return RunAsync(query, user, "drilldown", errors,
            (f, v) => insights.DrillDownAsync(f, v, target, paging.Page, paging.PageSize, ct), view => view, InsightExport.Table, ct);
    }

    /// <param name="id">The account.</param>
    /// <param name="surveyId">Only the waves of this survey.</param>
    /// <param name="format">json (default), csv or xlsx.</param>
    /// <param name="insights">The analytics.</param>
    /// <param name="user">The caller.</param>
    /// <param name="ct">Cancellation.</param>
    internal static async Task<Results<Ok<AccountInsightsView>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> AccountAsync(
        long id, long? surveyId, string? format, InsightQueries insights, Caller user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var kind = Format(format, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await insights.AccountAsync(id, user, surveyId, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        return kind == ExportKind.Json
            ? TypedResults.Ok(result.Value!)
            : await FileAsync(InsightExport.Table(result.Value!), kind, $"account-{id}-loyalty", ct);
    }

    // ---- plumbing --------------------------------------------------------------------------------------------------

    private enum ExportKind { Json, Csv, Xlsx }

    private static async Task<Results<Ok<TOut>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> RunAsync<TView, TOut>(
        AnalyticsFilterQuery query, Caller user, string name, FieldErrors? errors,
        Func<InsightFilter, Caller, Task<Result<TView>>> compute, Func<TView, TOut> json, Func<TView, InsightTable> table,
        CancellationToken ct)
    {
        errors ??= new FieldErrors();
        var kind = Format(query.Format, errors);
        var (filter, filterErrors) = InsightFilters.Parse(query.ToInput(), user.Id);
        foreach (var e in filterErrors)
        {
            errors.Add(e.Field ?? "request", e.Message);
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await compute(filter, user);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var view = result.Value!;
        if (kind == ExportKind.Json)
        {
            return TypedResults.Ok(json(view));
        }
        return await FileAsync(table(view), kind, name, ct);
    }

    private static async Task<FileContentHttpResult> FileAsync(InsightTable table, ExportKind kind, string name, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        if (kind == ExportKind.Csv)
        {
            await InsightExport.WriteCsvAsync(table, buffer, ct);
            return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", name + ".csv");
        }
        await InsightExport.WriteXlsxAsync(table, buffer, ct);
        return TypedResults.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    private static ExportKind Format(string? format, FieldErrors errors) => InputRules.Text(format)?.ToLowerInvariant() switch
    {
        null or "json" => ExportKind.Json,
        "csv" => ExportKind.Csv,
        "xlsx" => ExportKind.Xlsx,
        var other => Invalid(errors, "format", $"'{other}' is not allowed; use json, csv or xlsx.", ExportKind.Json),
    };

    private static T Invalid<T>(FieldErrors errors, string field, string message, T fallback)
    {
        errors.Add(field, message);
        return fallback;
    }


    private static string? GroupByName(InsightGroupBy groupBy) => groupBy == InsightGroupBy.None ? null : InsightFilters.GroupByName(groupBy);

    private static IReadOnlyList<T>? Groups<T>(InsightGroupBy groupBy, IReadOnlyList<T> groups) => groupBy == InsightGroupBy.None ? null : groups;
}
