using Rapport.Core.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Retention;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Retention;

/// <summary>
/// Retention KPIs (docs/definitions.md#retention-kpis, <c>/api/v1/analytics/kpis</c>), acquisition (docs/definitions.md#lead-scoring-and-look-alikes, <c>/api/v1/acquisition/…</c>) and
/// cross-sell (docs/definitions.md#cross-sell-recommendations, <c>/api/v1/accounts/{id}/cross-sell</c>), over the accounts the caller may see.
/// </summary>
internal static class RetentionAnalyticsApi
{
    private const string CrossSellCacheKey = "rapport.cross-sell-model";
    private static readonly TimeSpan CrossSellCacheFor = TimeSpan.FromMinutes(10);

    public static RouteGroupBuilder MapRetentionAnalyticsApi(this RouteGroupBuilder api)
    {
        var analytics = api.MapGroup("/analytics").WithTags("Retention");
        analytics.MapGet("/kpis", KpisAsync).WithName("GetRetentionKpis")
            .WithSummary("Retention KPIs of a period [from, to) on the orders and contracts in the database, with the field names of 'rapport analyze kpis --json'; optional breakdown and acquisition cost per channel.");
        analytics.MapGet("/kpis/trend", TrendAsync).WithName("GetRetentionKpiTrend")
            .WithSummary("The retention KPIs of consecutive months, quarters or years ending at 'to' (default: the start of the current quarter), oldest first.");

        var acquisition = api.MapGroup("/acquisition").WithTags("Retention");
        acquisition.MapGet("/leads", LeadsAsync).WithName("GetLeadScores")
            .WithSummary("Open leads (accounts without orders) scored by P(win) with their top features and a value-weighted score, best first.");
        acquisition.MapGet("/lookalikes", LookAlikesAsync).WithName("GetLookAlikes")
            .WithSummary("Prospects ranked by their similarity to the most valuable customers.");

        api.MapGet("/accounts/{id:long}/cross-sell", CrossSellAsync).WithName("GetCrossSell").WithTags("Retention")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Product categories similar accounts buy and this one does not, ranked by lift, with support, confidence and the reason.");
        return analytics;
    }

    /// <param name="from">First day of the period (yyyy-MM-dd, inclusive); required.</param>
    /// <param name="to">End of the period (yyyy-MM-dd, exclusive); required, after 'from'.</param>
    /// <param name="activeWindowDays">W: active on a day with a transaction in the W days ending that day (default 365).</param>
    /// <param name="segment">Only accounts of this segment (prospect, new, regular, lost).</param>
    /// <param name="businessType">Only accounts of this business type (product, plant, system, supplier).</param>
    /// <param name="groupBy">Breakdowns, comma-separated: segment, businessType, acquisitionChannel.</param>
    internal static async Task<Results<Ok<KpisOutput>, ValidationProblem>> KpisAsync(
        RapportDbContext db, Caller user, CancellationToken ct,
        string? from = null, string? to = null, string? activeWindowDays = null, string? segment = null, string? businessType = null, string? groupBy = null)
    {
        var errors = new FieldErrors();
        var start = Day(from, "from", errors, required: true);
        var end = Day(to, "to", errors, required: true);
        var window = Window(activeWindowDays, errors);
        var groupings = Groupings(groupBy, errors);
        var seg = InputRules.Enum<Segment>(segment, "segment", errors);
        var type = InputRules.Enum<BusinessType>(businessType, "businessType", errors);
        if (!errors.Any && RetentionKpiQuery.Validate(start!.Value, end!.Value, window) is { } invalid)
        {
            errors.Add(invalid.Field ?? "from", invalid.Message);
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var period = new KpiPeriod(start!.Value, end!.Value);
        var scope = await ScopeAsync(db, user, seg, type, ct);
        var result = await new RetentionKpiQuery(db).ComputeAsync(
            new KpiRequest([period], window, scope, groupings.Select(g => g.Grouping).ToList(), Acquisition: true), ct);
        if (result.Error is { } error)
        {
            return error.ToValidationProblem();
        }
        var computed = result.Value![0];
        var names = groupings.ToDictionary(g => g.Grouping, g => g.Name);
        return TypedResults.Ok(KpisOutput.Of(period, window, computed.Kpis,
            computed.Groups.Select(g => KpiGroupOutput.Of(names[g.Grouping], g)).ToList(),
            computed.Acquisition.Select(ChannelAcquisitionOutput.Of).ToList()));
    }

    /// <param name="to">End of the last period (yyyy-MM-dd, exclusive); default: the first day of the current quarter.</param>
    /// <param name="unit">month, quarter (default) or year.</param>
    /// <param name="periods">Number of periods (default 12 months, 8 quarters, 5 years; at most 40).</param>
    /// <param name="activeWindowDays">W (default 365).</param>
    /// <param name="segment">Only accounts of this segment.</param>
    /// <param name="businessType">Only accounts of this business type.</param>
    internal static async Task<Results<Ok<KpiTrendOutput>, ValidationProblem>> TrendAsync(
        RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct,
        string? to = null, string? unit = null, string? periods = null, string? activeWindowDays = null, string? segment = null, string? businessType = null)
    {
        var errors = new FieldErrors();
        var end = Day(to, "to", errors, required: false) ?? KpiPeriods.LastCompleteQuarter(DateOnly.FromDateTime(clock.GetLocalNow().Date)).To;
        var trendUnit = InputRules.Enum<TrendUnit>(unit, "unit", errors) ?? TrendUnit.Quarter;
        var count = KpiPeriods.DefaultTrendLength(trendUnit);
        if (!string.IsNullOrWhiteSpace(periods) && (!int.TryParse(periods, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 40))
        {
            errors.Add("periods", $"'periods' must be a whole number from 1 to 40 (got '{periods}').");
        }
        var window = Window(activeWindowDays, errors);
        var seg = InputRules.Enum<Segment>(segment, "segment", errors);
        var type = InputRules.Enum<BusinessType>(businessType, "businessType", errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var trend = KpiPeriods.Trend(end, trendUnit, count);
        var scope = await ScopeAsync(db, user, seg, type, ct);
        var result = await new RetentionKpiQuery(db).ComputeAsync(new KpiRequest(trend, window, scope, []), ct);
        if (result.Error is { } error)
        {
            return error.ToValidationProblem();
        }
        return TypedResults.Ok(new KpiTrendOutput(EnumText.ToText(trendUnit), window,
            result.Value!.Select(r => KpisOutput.Of(r.Period, window, r.Kpis)).ToList()));
    }

    internal static async Task<Results<Ok<LeadsPage>, ValidationProblem>> LeadsAsync(
        RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var scope = await ScopeAsync(db, user, null, null, ct);
        var scores = await new LeadScoring(db).ScoreAsync(DateOnly.FromDateTime(clock.GetLocalNow().Date), scope.AccountIds, ct);
        var model = scores.Model is { } m
            ? new LeadModelOutput(m.Won, m.Lost, m.TrainingCount, m.HoldoutCount, m.Auc, m.Brier, m.BrierUncalibrated, m.Calibrated)
            : null;
        var items = scores.Leads.Skip(paging.Skip).Take(paging.PageSize)
            .Select(l => new LeadOutput(LeadAccountOutput.Of(l.Account), l.Account.Interactions, l.Score, l.RawScore, l.ExpectedValue, l.ValueWeightedScore,
                l.TopFeatures.Select(f => new LeadFeatureOutput(f.Feature, f.Value, f.Contribution)).ToList()))
            .ToList();
        return TypedResults.Ok(new LeadsPage(model, scores.UnavailableReason, scores.ValueBasis, items, paging.Page, paging.PageSize, scores.Leads.Count));
    }

    internal static async Task<Results<Ok<LookAlikesPage>, ValidationProblem>> LookAlikesAsync(
        RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var scope = await ScopeAsync(db, user, null, null, ct);
        var ranking = await new LeadScoring(db).LookAlikesAsync(DateOnly.FromDateTime(clock.GetLocalNow().Date), scope.AccountIds, ct);
        var items = ranking.Prospects.Skip(paging.Skip).Take(paging.PageSize)
            .Select(p => new LookAlikeOutput(LeadAccountOutput.Of(p.Account), p.Similarity, LeadAccountOutput.Of(p.MostSimilarCustomer), p.ExpectedValue))
            .ToList();
        return TypedResults.Ok(new LookAlikesPage(ranking.ValueBasis, ranking.ReferenceCustomers, items, paging.Page, paging.PageSize, ranking.Prospects.Count));
    }

    internal static async Task<Results<Ok<CrossSellOutput>, ProblemHttpResult>> CrossSellAsync(
        long id, RapportDbContext db, Caller user, IMemoryCache cache, CancellationToken ct)
    {
        if (!await db.VisibleAccounts(user).AnyAsync(a => a.Id == id, ct))
        {
            return ApiProblems.NotFound("account", id);
        }
        var suggestions = await CrossSellModelAsync(db, cache, ct);
        return TypedResults.Ok(new CrossSellOutput(id, suggestions.For(id)));
    }

    /// <summary>
    /// The association rules over all accounts, mined at most every few minutes: they change slowly, and the account page
    /// asks for them on every view.
    /// </summary>
    internal static async Task<CrossSellSuggestions> CrossSellModelAsync(RapportDbContext db, IMemoryCache cache, CancellationToken ct)
    {
        if (cache.TryGetValue(CrossSellCacheKey, out CrossSellSuggestions? cached) && cached is not null)
        {
            return cached;
        }
        var fitted = await CrossSellSuggestions.FitAsync(db, ct);
        cache.Set(CrossSellCacheKey, fitted, CrossSellCacheFor);
        return fitted;
    }

    private static Task<KpiScope> ScopeAsync(RapportDbContext db, Caller user, Segment? segment, BusinessType? businessType, CancellationToken ct) =>
        user.SeesAllAccounts
            ? Task.FromResult(new KpiScope { Segment = segment, BusinessType = businessType })
            : KpiScope.ForUserAsync(db, user.Id, user.Role, segment, businessType, ct);

    private static DateOnly? Day(string? text, string field, FieldErrors errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(field, $"'{field}' is required (a date, yyyy-MM-dd).");
            }
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors.Add(field, $"'{text}' is not a date; use yyyy-MM-dd.");
        return null;
    }

    private static int Window(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 365;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 36_525)
        {
            return days;
        }
        errors.Add("activeWindowDays", $"'activeWindowDays' must be a whole number of days from 1 to 36525 (got '{text}').");
        return 365;
    }

    private static List<(KpiGrouping Grouping, string Name)> Groupings(string? text, FieldErrors errors)
    {
        var result = new List<(KpiGrouping, string)>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            (KpiGrouping, string)? grouping = part.ToLowerInvariant() switch
            {
                "segment" => (KpiGrouping.Segment, "segment"),
                "businesstype" or "business_type" => (KpiGrouping.BusinessType, "businessType"),
                "acquisitionchannel" or "acquisition_channel" or "channel" => (KpiGrouping.AcquisitionChannel, "acquisitionChannel"),
                _ => null,
            };
            if (grouping is not { } g)
            {
                errors.Add("groupBy", $"Unknown groupBy '{part}'; expected segment, businessType or acquisitionChannel.");
            }
            else if (!result.Contains(g))
            {
                result.Add(g);
            }
        }
        return result;
    }
}
