using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Drivers;
using Rapport.Analytics.Survey;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Core.Common;
using Rapport.Core.Identity;

namespace Rapport.Core.Insights;

/// <summary>
/// Relationship-quality analytics over the survey answers in the database (docs/definitions.md, issue #5): loyalty, NPS,
/// relationship quality, phases × touchpoints, drivers, importance–performance, main contacts, competitors, trends,
/// drill-down and account figures. All figures come from the Rapport.Analytics survey library on the wave's submitted
/// answers; this class only selects the respondents (filters, the viewer's accounts) and applies the survey's anonymity.
/// </summary>
/// <remarks>
/// Anonymity (docs/surveys.md#waves-invitations-and-anonymity): when the survey is anonymous, a group with fewer respondents than its minimum group size is
/// suppressed (null figures, its respondent count kept), and further groups are suppressed, smallest first, until the
/// suppressed respondents number at least the minimum or none are, so that no hidden group can be recovered as the
/// overall figure minus the shown groups. Individual respondents are never listed. See ADR 0012.
/// </remarks>
public sealed class InsightQueries(RapportDbContext db, InsightCache cache)
{
    /// <summary>Largest bootstrap the drivers view runs (the CLI allows more; a request must stay responsive).</summary>
    public const int MaxBootstrap = 2000;

    private const string OverallPhase = "overall";
    private static readonly int RecommendIndex = PackedAnswers.GlobalIndex[ItemCodes.LoyRecommend];
    private static readonly int OverallSatisfactionIndex = PackedAnswers.GlobalIndex[ItemCodes.SatisfactionItems[0]];

    /// <summary>The waves with their submitted respondents that <paramref name="viewer"/> may see, newest first.</summary>
    public async Task<IReadOnlyList<InsightWaveSummary>> WavesAsync(Caller viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var waves = await WaveInfoQuery().ToListAsync(ct);
        var result = new List<InsightWaveSummary>(waves.Count);
        foreach (var wave in waves.OrderByDescending(w => w.ClosesOn).ThenByDescending(w => w.WaveId))
        {
            var context = await ContextAsync(wave.WaveId, new InsightFilter { WaveId = wave.WaveId }, viewer, ct);
            result.Add(new InsightWaveSummary(wave.WaveId, wave.WaveName, wave.SurveyId, wave.SurveyName, wave.Anonymous, wave.MinGroupSize,
                wave.OpensOn, wave.ClosesOn, context?.Rows.Length ?? 0));
        }
        return result;
    }

    /// <summary>Loyalty index and its make-up (docs/definitions.md#loyalty-index-and-its-make-up), overall and per group of <see cref="InsightFilter.GroupBy"/>.</summary>
    public async Task<Result<LoyaltyView>> LoyaltyAsync(InsightFilter filter, Caller viewer, CancellationToken ct = default)
    {
        var prepared = await PrepareAsync(filter, viewer, ct);
        if (prepared.Error is { } error)
        {
            return error;
        }
        var c = prepared.Value!;
        return Result<LoyaltyView>.Ok(LoyaltyOf(cache, c, filter.GroupBy));
    }

    /// <summary>Net Promoter Score with its interval (docs/definitions.md#net-promoter-score), overall and per group.</summary>
    /// <param name="filter">Wave and filters.</param>
    /// <param name="viewer">Whose accounts count.</param>
    /// <param name="interval">Interval method; by default adjusted-Wald below 30 answers, Wald otherwise (as the CLI).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Result<NpsView>> NpsAsync(InsightFilter filter, Caller viewer,
        NpsIntervalMethod interval = NpsIntervalMethod.Auto, CancellationToken ct = default)
    {
        var prepared = await PrepareAsync(filter, viewer, ct);
        if (prepared.Error is { } error)
        {
            return error;
        }
        var c = prepared.Value!;
        return Result<NpsView>.Ok(NpsOf(cache, c, filter.GroupBy, interval));
    }

    /// <summary>Relationship quality (docs/definitions.md#relationship-quality): satisfaction, trust, commitment and their index, overall and per group.</summary>
    public async Task<Result<RelationshipQualityView>> RelationshipQualityAsync(InsightFilter filter, Caller viewer, CancellationToken ct = default)
    {
        var prepared = await PrepareAsync(filter, viewer, ct);
        if (prepared.Error is { } error)
        {
            return error;
        }
        var c = prepared.Value!;
        return Result<RelationshipQualityView>.Ok(QualityOf(cache, c, filter.GroupBy));
    }

    /// <summary>Phases × touchpoints (docs/definitions.md#phases-and-touchpoints): involvement, performance, impact and main-contact impact per cell, in survey order.</summary>
    public async Task<Result<PhasesView>> PhasesAsync(InsightFilter filter, Caller viewer, CancellationToken ct = default)
    {
        var prepared = await PrepareAsync(filter, viewer, ct);
        if (prepared.Error is { } error)
        {
            return error;
        }
        var c = prepared.Value!;
        return Result<PhasesView>.Ok(new PhasesView(c.Wave, c.Rows.Length, PhaseFigures(cache, c)));
    }

    /// <summary>
    /// Key drivers (docs/definitions.md#key-drivers) with the CLI's figures: the touchpoints as drivers of <c>PH_SAT</c> of <paramref name="phase"/>,
    /// or, without a phase, the phases as drivers of overall satisfaction (<c>RQ_SAT_1</c>). Ratings a respondent did not
    /// give (no contact, not involved) enter with the mean and a 0/1 indicator, as the impacts of docs/definitions.md#phases-and-touchpoints (ADR 0012).
    /// </summary>
    /// <param name="filter">Wave and filters.</param>
    /// <param name="viewer">Whose accounts count.</param>
    /// <param name="phase">A phase code of the survey, or null for the overall model.</param>
    /// <param name="method">Relative weights (default) or Shapley (falls back to relative weights above 15 variables).</param>
    /// <param name="bootstrap">Percentile-bootstrap resamples for the intervals, 0..<see cref="MaxBootstrap"/>.</param>
    /// <param name="seed">Seed of the bootstrap (same seed, same intervals as <c>rapport analyze drivers --seed</c>).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Result<DriversView>> DriversAsync(InsightFilter filter, Caller viewer, string? phase = null,
        ImportanceMethod method = ImportanceMethod.RelativeWeights, int bootstrap = 0, int seed = 1, CancellationToken ct = default)
    {
        if (bootstrap is < 0 or > MaxBootstrap)
        {
            return InsightErrors.Invalid(string.Create(CultureInfo.InvariantCulture, $"Give a number of bootstrap resamples from 0 to {MaxBootstrap}."), "bootstrap");
        }
        var prepared = await PrepareAsync(filter, viewer, ct);
        if (prepared.Error is { } error)
        {
            return error;
        }
        var c = prepared.Value!;
        var phaseCode = phase is null ? null : PhaseCode(c, phase);
        if (phase is not null && phaseCode is null)
        {
            return UnknownPhase(c, phase);
        }
        return Result<DriversView>.Ok(DriversOf(cache, c, phaseCode, method, bootstrap, seed));
    }

    /// <summary>The importance–performance grid of one phase (docs/definitions.md#phases-and-touchpoints): touchpoint impact vs mean satisfaction, split at the medians.</summary>
    public async Task<Result<ImportancePerformanceView>> ImportancePerformanceAsync(InsightFilter filter, Caller viewer, string phase,
        CancellationToken ct = default)
    {
        var prepared = await PrepareAsync(filter, viewer, ct);
        if (prepared.Error is { } error)
        {
            return error;
        }
        var c = prepared.Value!;
        var code = PhaseCode(c, phase);
        if (code is null)
        {
            return UnknownPhase(c, phase);
        }
        var figures = PhaseFigures(cache, c).First(p => p.Phase == code);
        var grid = ImportancePerformance.Classify(figures.Touchpoints.Select(t =>
            new ImportancePerformanceInput(t.Touchpoint, t.Impact ?? double.NaN, t.Performance ?? double.NaN)));
        var items = figures.Touchpoints.Select((t, i) => new ImportancePerformanceFigures(t.Touchpoint, t.NameEn, t.NameDe, t.Impact, t.Performance,
            t.N, grid.Items[i].Quadrant)).ToList();
        return Result<ImportancePerformanceView>.Ok(new ImportancePerformanceView(c.Wave, code, figures.NameEn, figures.NameDe, figures.N,
            Number(grid.ImportanceMedian), Number(grid.PerformanceMedian), items));
    }

    /// <summary>Per phase: each touchpoint's impact among all involved respondents and among those whose main contact it was.</summary>
    public async Task<Result<MainContactView>> MainContactAsync(InsightFilter filter, Caller viewer, CancellationToken ct = default)
    {
        var prepared = await PrepareAsync(filter, viewer, ct);
        if (prepared.Error is { } error)
        {
            return error;
        }
        var c = prepared.Value!;
        var phases = MainContactsOf(cache, c);
        return Result<MainContactView>.Ok(new MainContactView(c.Wave, c.Rows.Length, phases));
    }

    /// <summary>Competitors by phase (docs/definitions.md#phases-and-touchpoints): who is named and how the supplier compares.</summary>
    public async Task<Result<CompetitorsView>> CompetitorsAsync(InsightFilter filter, Caller viewer, CancellationToken ct = default)
    {
        var prepared = await PrepareAsync(filter, viewer, ct);
        if (prepared.Error is { } error)
        {
            return error;
        }
        var c = prepared.Value!;
        var phases = CompetitorsOf(cache, c);
        return Result<CompetitorsView>.Ok(new CompetitorsView(c.Wave, c.Rows.Length, phases));
    }

    /// <summary>
    /// The waves of the survey of <see cref="InsightFilter.WaveId"/> (or of the latest wave) in date order, each with its
    /// overall loyalty, NPS and relationship quality under the same filters.
    /// </summary>
    public async Task<Result<TrendsView>> TrendsAsync(InsightFilter filter, Caller viewer, CancellationToken ct = default)
    {
        var prepared = await PrepareAsync(filter, viewer, ct);
        if (prepared.Error is { } error)
        {
            return error;
        }
        var first = prepared.Value!;
        var waves = await WaveInfoQuery(w => w.SurveyId == first.Wave.SurveyId).ToListAsync(ct);
        var points = new List<TrendPoint>();
        foreach (var wave in waves.OrderBy(w => w.OpensOn).ThenBy(w => w.WaveId))
        {
            var c = wave.WaveId == first.Wave.WaveId ? first : await ContextAsync(wave.WaveId, filter with { WaveId = wave.WaveId }, viewer, ct);
            if (c is null)
            {
                continue;
            }
            points.Add(TrendOf(cache, c));
        }
        return Result<TrendsView>.Ok(new TrendsView(first.Wave.SurveyId, first.Wave.SurveyName, points));
    }

    /// <summary>
    /// The accounts and — when the survey is not anonymous — the respondents behind a figure: the filtered respondents
    /// narrowed by <paramref name="target"/>. In an anonymous survey a set below the minimum group size lists nothing.
    /// </summary>
    /// <param name="filter">Wave and filters (with <see cref="InsightFilter.GroupBy"/> when the target names a group).</param>
    /// <param name="viewer">Whose accounts count.</param>
    /// <param name="target">Group, phase, touchpoint, competitor or NPS category of the figure.</param>
    /// <param name="page">1-based page of both lists.</param>
    /// <param name="pageSize">1..500.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Result<DrillDownView>> DrillDownAsync(InsightFilter filter, Caller viewer, DrillDownTarget target,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (page < 1)
        {
            return InsightErrors.Invalid("The page must be 1 or more.", "page");
        }
        if (pageSize is < 1 or > 500)
        {
            return InsightErrors.Invalid("The page size must be from 1 to 500.", "pageSize");
        }
        if (target.Group is not null && filter.GroupBy == InsightGroupBy.None)
        {
            return InsightErrors.Invalid("A group needs groupBy to say what it is a value of.", "group");
        }
        if ((target.Touchpoint is not null || target.Competitor is not null) && target.Phase is null)
        {
            return InsightErrors.Invalid("A touchpoint or competitor needs the phase it was named in.", "phase");
        }
        var prepared = await PrepareAsync(filter, viewer, ct);
        if (prepared.Error is { } error)
        {
            return error;
        }
        var c = prepared.Value!;
        var phaseIndex = -1;
        if (target.Phase is not null)
        {
            var code = PhaseCode(c, target.Phase);
            if (code is null)
            {
                return UnknownPhase(c, target.Phase);
            }
            phaseIndex = c.Survey.Phases.Select(p => p.Code).ToList().IndexOf(code);
        }
        string? touchpoint = null;
        if (target.Touchpoint is not null)
        {
            touchpoint = c.Survey.Touchpoints.FirstOrDefault(t => t.Code.Equals(target.Touchpoint.Trim(), StringComparison.OrdinalIgnoreCase))?.Code;
            if (touchpoint is null)
            {
                return InsightErrors.Invalid($"'{target.Touchpoint}' is not a touchpoint of this survey; use one of: {string.Join(", ", c.Survey.Touchpoints.Select(t => t.Code))}.",
                    "touchpoint");
            }
        }

        var touchpointIndex = touchpoint is null ? -1 : c.Snapshot.Touchpoints.ToList().IndexOf(touchpoint);
        var cellKey = string.Create(CultureInfo.InvariantCulture,
            $"drill|{target.Group}|{phaseIndex}|{touchpoint}|{target.Competitor?.Trim().ToUpperInvariant()}|{target.Category}");
        var rows = cache.GetOrCompute(c.Snapshot, c.Selection, cellKey, () =>
        {
            var selected = new List<int>();
            for (var k = 0; k < c.Rows.Length; k++)
            {
                var row = c.Rows[k];
                if (target.Group is not null && !string.Equals(c.GroupKeys![k], target.Group, StringComparison.Ordinal))
                {
                    continue;
                }
                if (target.Category is { } category)
                {
                    var recommend = c.Snapshot.Item(row, RecommendIndex);
                    if (double.IsNaN(recommend) || NetPromoterScore.Classify(recommend) != category)
                    {
                        continue;
                    }
                }
                if (phaseIndex >= 0 && !InCell(c.Snapshot, row, phaseIndex, touchpointIndex, target.Competitor))
                {
                    continue;
                }
                selected.Add(row);
            }
            return selected.ToArray();
        });

        var threshold = c.Wave.Threshold;
        var suppressed = rows.Length < threshold;
        var byAccount = suppressed
            ? []
            : rows.GroupBy(r => c.Snapshot.AccountIds[r]).ToDictionary(g => g.Key, g => g.ToArray());
        var ids = byAccount.Keys.ToArray();
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.ExternalId, a.Name }).ToDictionaryAsync(a => a.Id, ct);
        // Sorted without figures; the loyalty index is computed for the accounts of the page only. Culture sort keys are
        // made once per account: comparing them is the culture comparison, without its cost per comparison.
        var compareInfo = CultureInfo.CurrentCulture.CompareInfo;
        var sortKeys = accounts.ToDictionary(a => a.Key, a => compareInfo.GetSortKey(a.Value.Name, CompareOptions.IgnoreCase));
        var order = byAccount
            .Where(kv => accounts.ContainsKey(kv.Key))
            .OrderByDescending(kv => kv.Value.Length).ThenBy(kv => sortKeys[kv.Key], Comparer<SortKey>.Create(SortKey.Compare)).ThenBy(kv => kv.Key)
            .Select(kv => kv.Key)
            .ToList();
        var accountItems = order.Skip((page - 1) * pageSize).Take(pageSize).Select(id =>
        {
            var a = accounts[id];
            var members = byAccount[id];
            double? index = members.Length < threshold ? null : Number(Loyalty(c.Snapshot, members).LoyaltyIndex);
            return new DrillDownAccount(a.Id, a.ExternalId, a.Name, members.Length, index);
        }).ToList();
        var accountPage = new InsightPage<DrillDownAccount>(accountItems, page, pageSize, order.Count);

        InsightPage<DrillDownRespondent>? respondentPage = null;
        if (!c.Wave.Anonymous)
        {
            // Rows ascend, and the snapshot is in respondent-key order: each account's respondents are in key order already.
            var ordered = order.SelectMany(id => byAccount[id]).ToList();
            var pageRows = ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList();
            var contactIds = pageRows.Select(r => c.Snapshot.ContactIds[r]).OfType<long>().Distinct().ToArray();
            var contacts = await db.Contacts.AsNoTracking().Where(x => contactIds.Contains(x.Id))
                .Select(x => new { x.Id, x.FirstName, x.LastName }).ToDictionaryAsync(x => x.Id, ct);
            var items = pageRows.Select(r =>
            {
                var contactId = c.Snapshot.ContactIds[r];
                var name = contactId is { } cid && contacts.TryGetValue(cid, out var person)
                    ? string.Join(' ', new[] { person.FirstName, person.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)))
                    : null;
                var loyalty = LoyaltyIndex.Respondent(c.Snapshot.Items(r));
                return new DrillDownRespondent(c.Snapshot.Keys[r], c.Snapshot.AccountIds[r], accounts[c.Snapshot.AccountIds[r]].Name, contactId, name,
                    c.Snapshot.Roles[r], Number(c.Snapshot.Item(r, RecommendIndex)), Number(loyalty.Score), c.Snapshot.Submitted[r]);
            }).ToList();
            respondentPage = new InsightPage<DrillDownRespondent>(items, page, pageSize, ordered.Count);
        }
        return Result<DrillDownView>.Ok(new DrillDownView(c.Wave, rows.Length, suppressed, c.Wave.Anonymous, accountPage, respondentPage));
    }

    /// <summary>
    /// An account's survey figures per wave it answered (oldest first): loyalty make-up, NPS overall and by buying role,
    /// relationship quality, mean answers; its respondents and their answers when the survey is not anonymous.
    /// </summary>
    /// <param name="accountId">The account; not found when it does not exist or is not visible to <paramref name="viewer"/>.</param>
    /// <param name="viewer">The user asking.</param>
    /// <param name="surveyId">Only waves of this survey; null for all surveys.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Result<AccountInsightsView>> AccountAsync(long accountId, Caller viewer, long? surveyId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var account = await db.VisibleAccounts(viewer.Id, viewer.Role, viewer.SharedAccountIds).AsNoTracking()
            .Where(a => a.Id == accountId).Select(a => new { a.Id, a.ExternalId, a.Name }).FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return InsightErrors.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no account with id {accountId}."), "id");
        }
        var waveIds = await db.ResponseAnswers.AsNoTracking().Where(r => r.AccountId == accountId && r.SubmittedAt != null)
            .Select(r => r.WaveId).Distinct().ToListAsync(ct);
        var waves = await WaveInfoQuery(w => waveIds.Contains(w.Id) && (surveyId == null || w.SurveyId == surveyId)).ToListAsync(ct);
        var result = new List<AccountWaveFigures>();
        foreach (var wave in waves.OrderBy(w => w.OpensOn).ThenBy(w => w.WaveId))
        {
            if (await cache.OpenAsync(db, wave.WaveId, ct) is not { } opened)
            {
                continue;
            }
            var snapshot = opened.Snapshot;
            var rows = Enumerable.Range(0, snapshot.Count).Where(i => snapshot.AccountIds[i] == accountId).ToArray();
            if (rows.Length == 0)
            {
                continue;
            }
            var threshold = wave.Threshold;
            var hide = rows.Length < threshold;
            var nps = Nps(snapshot, rows, NpsIntervalMethod.Auto);
            var roles = rows.GroupBy(r => RoleText(snapshot.Roles[r]), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var roleNps = Nps(snapshot, g.ToArray(), NpsIntervalMethod.Auto);
                    return NpsFigures(g.Key, roleNps, hide || roleNps.N < threshold);
                }).ToList();
            var items = PackedAnswers.GlobalItems.Select((code, g) =>
            {
                var values = rows.Select(r => snapshot.Item(r, g)).Where(v => !double.IsNaN(v)).ToList();
                return new ItemFigure(code, values.Count, hide || values.Count == 0 ? null : values.Average());
            }).ToList();
            IReadOnlyList<AccountRespondent>? respondents = null;
            if (!wave.Anonymous)
            {
                var contactIds = rows.Select(r => snapshot.ContactIds[r]).OfType<long>().Distinct().ToArray();
                var contacts = await db.Contacts.AsNoTracking().Where(x => contactIds.Contains(x.Id))
                    .Select(x => new { x.Id, x.FirstName, x.LastName }).ToDictionaryAsync(x => x.Id, ct);
                respondents = rows.Select(r =>
                {
                    var contactId = snapshot.ContactIds[r];
                    var name = contactId is { } cid && contacts.TryGetValue(cid, out var person)
                        ? string.Join(' ', new[] { person.FirstName, person.LastName }.Where(x => !string.IsNullOrWhiteSpace(x)))
                        : null;
                    return new AccountRespondent(snapshot.Keys[r], contactId, name, snapshot.Roles[r], snapshot.Submitted[r],
                        snapshot.Items(r).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
                }).ToList();
            }
            result.Add(new AccountWaveFigures(wave, rows.Length, hide, LoyaltyFigures(null, Loyalty(snapshot, rows), hide),
                NpsFigures(null, nps, hide || nps.N < threshold), roles, QualityFigures(null, Quality(snapshot, rows), hide), items, respondents));
        }
        return Result<AccountInsightsView>.Ok(new AccountInsightsView(account.Id, account.ExternalId, account.Name, result));
    }

    // ---- selection ----------------------------------------------------------------------------------------------

    /// <summary>The wave, its survey, its respondents in memory and the rows the filter and the viewer select.</summary>
    /// <param name="Wave">The wave.</param>
    /// <param name="Survey">Its survey's design.</param>
    /// <param name="Snapshot">Its respondents in memory.</param>
    /// <param name="Rows">The selected respondents (rows of the snapshot, ascending).</param>
    /// <param name="GroupKeys">Per selected row its group value (null without groupBy).</param>
    /// <param name="GroupNames">The group values in ordinal order.</param>
    /// <param name="GroupIndex">Per selected row the position of its group in <paramref name="GroupNames"/>.</param>
    /// <param name="Selection">Fingerprint of rows, groups and threshold: the key of cached results.</param>
    private sealed record Context(InsightWave Wave, SurveyDefinition Survey, WaveSnapshot Snapshot, int[] Rows, string[]? GroupKeys,
        string[]? GroupNames, int[]? GroupIndex, string Selection);

    private static readonly string[] RoleTexts = Enum.GetValues<BuyingRole>().Select(r => EnumText.ToText(r)).ToArray();

    private static string RoleText(BuyingRole? role) => role is { } r ? RoleTexts[(int)r] : "";

    private IQueryable<InsightWave> WaveInfoQuery(System.Linq.Expressions.Expression<Func<Wave, bool>>? predicate = null) =>
        from w in db.Waves.AsNoTracking().Where(predicate ?? (x => true))
        join s in db.Surveys on w.SurveyId equals s.Id
        select new InsightWave(w.Id, w.Name, s.Id, s.Name, s.Anonymous, s.MinGroupSize, w.OpensOn, w.ClosesOn);

    private async Task<Result<Context>> PrepareAsync(InsightFilter filter, Caller viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(viewer);
        var waveId = filter.WaveId;
        if (waveId is null)
        {
            waveId = await db.Waves.AsNoTracking()
                .Where(w => db.ResponseAnswers.Any(r => r.WaveId == w.Id && r.SubmittedAt != null))
                .OrderByDescending(w => w.ClosesOn).ThenByDescending(w => w.Id).Select(w => (long?)w.Id).FirstOrDefaultAsync(ct);
            if (waveId is null)
            {
                return InsightErrors.NotFound("There is no wave with submitted responses yet.", "waveId");
            }
        }
        var context = await ContextAsync(waveId.Value, filter, viewer, ct);
        if (context is null)
        {
            return InsightErrors.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no wave with id {waveId}."), "waveId");
        }
        return Result<Context>.Ok(context);
    }

    private async Task<Context?> ContextAsync(long waveId, InsightFilter filter, Caller viewer, CancellationToken ct)
    {
        var opened = await cache.OpenAsync(db, waveId, ct);
        if (opened is null)
        {
            return null;
        }
        var (wave, survey, snapshot) = opened.Value;

        // Account attributes are read per request (they change: segments, owners, visibility); the answers are cached.
        Dictionary<long, string>? accounts = null;
        var accountGroup = filter.GroupBy is not (InsightGroupBy.None or InsightGroupBy.BuyingRole);
        if (filter.FiltersAccounts || !viewer.SeesAllAccounts || accountGroup)
        {
            var query = db.VisibleAccounts(viewer.Id, viewer.Role, viewer.SharedAccountIds).AsNoTracking();
            if (filter.Segment is { } segment)
            {
                query = query.Where(a => a.Segment == segment);
            }
            if (filter.BusinessType is { } type)
            {
                query = query.Where(a => a.BusinessType == type);
            }
            if (filter.Region is { } region)
            {
                var r = region.ToLower(CultureInfo.InvariantCulture);
                query = query.Where(a => a.Region != null && a.Region.ToLower() == r);
            }
            if (filter.Industry is { } industry)
            {
                var i = industry.ToLower(CultureInfo.InvariantCulture);
                query = query.Where(a => a.Industry != null && a.Industry.ToLower() == i);
            }
            if (filter.KeyAccount is { } key)
            {
                query = query.Where(a => a.KeyAccount == key);
            }
            if (filter.OwnerUserId is { } owner)
            {
                query = query.Where(a => a.OwnerUserId == owner);
            }
            accounts = filter.GroupBy switch
            {
                InsightGroupBy.Segment => await ToMapAsync(query.Select(a => new { a.Id, a.Segment }), a => a.Id, a => EnumText.ToText(a.Segment), ct),
                InsightGroupBy.BusinessType => await ToMapAsync(query.Select(a => new { a.Id, a.BusinessType }), a => a.Id,
                    a => a.BusinessType is { } t ? EnumText.ToText(t) : "", ct),
                InsightGroupBy.Region => await ToMapAsync(query.Select(a => new { a.Id, a.Region }), a => a.Id, a => a.Region ?? "", ct),
                InsightGroupBy.Industry => await ToMapAsync(query.Select(a => new { a.Id, a.Industry }), a => a.Id, a => a.Industry ?? "", ct),
                InsightGroupBy.KeyAccount => await ToMapAsync(query.Select(a => new { a.Id, a.KeyAccount }), a => a.Id, a => a.KeyAccount ? "true" : "false", ct),
                InsightGroupBy.Owner => await ToMapAsync(query.Select(a => new { a.Id, Email = a.Owner == null ? null : a.Owner.Email }), a => a.Id, a => a.Email ?? "", ct),
                _ => await ToMapAsync(query.Select(a => new { a.Id }), a => a.Id, _ => "", ct),
            };
        }

        var rows = new List<int>(snapshot.Count);
        var keys = filter.GroupBy == InsightGroupBy.None ? null : new List<string>(snapshot.Count);
        for (var i = 0; i < snapshot.Count; i++)
        {
            string? group = null;
            if (accounts is not null && !accounts.TryGetValue(snapshot.AccountIds[i], out group))
            {
                continue;
            }
            if (filter.BuyingRole is { } role && snapshot.Roles[i] != role)
            {
                continue;
            }
            rows.Add(i);
            keys?.Add(filter.GroupBy == InsightGroupBy.BuyingRole ? RoleText(snapshot.Roles[i]) : group ?? "");
        }
        var selected = rows.ToArray();
        string[]? names = null;
        int[]? index = null;
        if (keys is not null)
        {
            names = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var position = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
            index = keys.Select(k => position[k]).ToArray();
        }
        return new Context(wave, survey, snapshot, selected, keys?.ToArray(), names, index,
            InsightCache.Fingerprint(selected, index, names, wave.Threshold));
    }

    private static async Task<Dictionary<long, string>> ToMapAsync<T>(IQueryable<T> query, Func<T, long> id, Func<T, string> value, CancellationToken ct)
    {
        var map = new Dictionary<long, string>();
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            map[id(row)] = value(row);
        }
        return map;
    }

    internal static SurveyLayout Layout(SurveyDefinition survey) => new(
        survey.Phases.Select(p => p.Id).ToArray(), survey.Phases.Select(p => p.Code).ToArray(),
        survey.Touchpoints.Select(t => t.Id).ToArray(), survey.Touchpoints.Select(t => t.Code).ToArray());

    private static string? PhaseCode(Context c, string phase) =>
        c.Survey.Phases.FirstOrDefault(p => p.Code.Equals(phase.Trim(), StringComparison.OrdinalIgnoreCase))?.Code;

    private static Error UnknownPhase(Context c, string phase) => InsightErrors.Invalid($"'{phase}' is not a phase of this survey; use one of: {string.Join(", ", c.Survey.Phases.Select(p => p.Code))}.", "phase");

    /// <summary>
    /// Whether a respondent is behind a cell: named the competitor in the phase, or was involved in the phase (and had
    /// contact with the touchpoint) — the rules of <see cref="WaveSnapshot.InvolvedIn"/>, read from the packed answers.
    /// </summary>
    private static bool InCell(WaveSnapshot snapshot, int row, int phase, int touchpoint, string? competitor)
    {
        if (competitor is not null)
        {
            return snapshot.Competitor(row, phase) is { } name && name.Trim().Equals(competitor.Trim(), StringComparison.OrdinalIgnoreCase);
        }
        return snapshot.IsInvolved(row, phase) && (touchpoint < 0 || snapshot.HadContact(row, phase, touchpoint));
    }

    // ---- views, shared by the requests and the warm-up -------------------------------------------------------------

    private static LoyaltyView LoyaltyOf(InsightCache cache, Context c, InsightGroupBy groupBy) =>
        cache.GetOrCompute(c.Snapshot, c.Selection, "loyalty|" + groupBy, () =>
        {
            // Three independent passes over the respondents: one per core when the machine has them to spare.
            List<LoyaltyFigures> groups = [];
            LoyaltyResult? result = null;
            CaptiveAccounts? captive = null;
            Parallel.Invoke(
                () => groups = Groups(c, rows => Loyalty(c.Snapshot, rows), r => r.N, (r, key, hide) => LoyaltyFigures(key, r, hide)),
                () => result = Loyalty(c.Snapshot, c.Rows),
                () => captive = Captive(c));
            var overall = LoyaltyFigures(null, result!, result!.N < c.Wave.Threshold);
            return new LoyaltyView(c.Wave, groupBy, overall, groups, captive!);
        });

    private static NpsView NpsOf(InsightCache cache, Context c, InsightGroupBy groupBy, NpsIntervalMethod interval) =>
        cache.GetOrCompute(c.Snapshot, c.Selection, "nps|" + groupBy + "|" + interval, () =>
        {
            var groups = Groups(c, rows => Nps(c.Snapshot, rows, interval), r => r.N, (r, key, hide) => NpsFigures(key, r, hide));
            var overallResult = Nps(c.Snapshot, c.Rows, interval);
            var overall = NpsFigures(null, overallResult, overallResult.N < c.Wave.Threshold);
            return new NpsView(c.Wave, groupBy, overall, groups);
        });

    private static RelationshipQualityView QualityOf(InsightCache cache, Context c, InsightGroupBy groupBy) =>
        cache.GetOrCompute(c.Snapshot, c.Selection, "quality|" + groupBy, () =>
        {
            var groups = Groups(c, rows => Quality(c.Snapshot, rows), QualityBase, (r, key, hide) => QualityFigures(key, r, hide));
            var result = Quality(c.Snapshot, c.Rows);
            var overall = QualityFigures(null, result, QualityBase(result) < c.Wave.Threshold);
            return new RelationshipQualityView(c.Wave, groupBy, overall, groups);
        });

    private static TrendPoint TrendOf(InsightCache cache, Context c) =>
        cache.GetOrCompute(c.Snapshot, c.Selection, "trend", () =>
        {
            var loyalty = Loyalty(c.Snapshot, c.Rows);
            var nps = Nps(c.Snapshot, c.Rows, NpsIntervalMethod.Auto);
            var quality = Quality(c.Snapshot, c.Rows);
            return new TrendPoint(c.Wave, c.Rows.Length, LoyaltyFigures(null, loyalty, loyalty.N < c.Wave.Threshold),
                NpsFigures(null, nps, nps.N < c.Wave.Threshold), QualityFigures(null, quality, QualityBase(quality) < c.Wave.Threshold));
        });

    private static List<MainContactPhase> MainContactsOf(InsightCache cache, Context c) =>
        cache.GetOrCompute(c.Snapshot, c.Selection, "main", () =>
        {
            var impacts = new PhaseImpact[c.Survey.Phases.Count];
            Parallel.For(0, impacts.Length, p => impacts[p] = ImpactOf(cache, c, p, null));
            return c.Survey.Phases.Select((p, index) =>
            {
                var impact = impacts[index];
                return new MainContactPhase(p.Code, p.NameEn, p.NameDe, impact.N, Number(impact.RSquared),
                    impact.Touchpoints.Select((t, i) => new MainContactFigures(t.Touchpoint, c.Survey.Touchpoints[i].NameEn, c.Survey.Touchpoints[i].NameDe,
                        t.ContactN, Number(t.Impact), Number(t.Share), t.MainContactN, Number(t.MainContactImpact))).ToList(), impact.Note);
            }).ToList();
        });

    /// <summary>The impacts of one phase, shared by the phase view and the main-contact view.</summary>
    private static PhaseImpact ImpactOf(InsightCache cache, Context c, int phase, PhaseResponses? involved) =>
        cache.GetOrCompute(c.Snapshot, c.Selection, string.Create(CultureInfo.InvariantCulture, $"impact|{phase}"), () =>
            TouchpointAnalysis.Impact(involved ?? c.Snapshot.InvolvedIn(c.Rows, phase), c.Snapshot.Phases[phase], c.Snapshot.Touchpoints, c.Wave.Threshold));

    private static List<PhaseCompetitorFigures> CompetitorsOf(InsightCache cache, Context c) =>
        cache.GetOrCompute(c.Snapshot, c.Selection, "competitors", () =>
        {
            var tallies = c.Snapshot.Phases.Select((phase, p) => CompetitorAnalysis.Phase(phase,
                c.Rows.Select(row => new CompetitorMention(c.Snapshot.Competitor(row, p), c.Snapshot.PhaseValue(row, p, 2))), c.Wave.Threshold)).ToList();
            return tallies.Select((p, i) => new PhaseCompetitorFigures(p.Phase, c.Survey.Phases[i].NameEn, c.Survey.Phases[i].NameDe,
                p.Competitors.Select(t => new CompetitorFigures(t.Name, t.Mentions, t.Worse, t.Same, t.Better, Number(t.MeanRelative))).ToList()))
                .ToList();
        });

    private static DriversView DriversOf(InsightCache cache, Context c, string? phaseCode, ImportanceMethod method, int bootstrap, int seed) =>
        cache.GetOrCompute(c.Snapshot, c.Selection, string.Create(CultureInfo.InvariantCulture, $"drivers|{phaseCode}|{method}|{bootstrap}|{seed}"),
            () => Drivers(c, phaseCode, new DriverImportanceOptions { Method = method, BootstrapResamples = bootstrap, Seed = seed }));

    /// <summary>
    /// Computes the unfiltered views of a freshly loaded wave for a user who sees every account, so that the first
    /// requests find them cached. Runs in the background; a failure only means the request computes them itself.
    /// </summary>
    internal static void Warm(InsightCache cache, InsightWave wave, SurveyDefinition survey, WaveSnapshot snapshot)
    {
        var rows = Enumerable.Range(0, snapshot.Count).ToArray();
        var c = new Context(wave, survey, snapshot, rows, null, null, null, InsightCache.Fingerprint(rows, null, null, wave.Threshold));
        LoyaltyOf(cache, c, InsightGroupBy.None);
        NpsOf(cache, c, InsightGroupBy.None, NpsIntervalMethod.Auto);
        QualityOf(cache, c, InsightGroupBy.None);
        TrendOf(cache, c);
        CompetitorsOf(cache, c);
        PhaseFigures(cache, c);
        DriversOf(cache, c, null, ImportanceMethod.RelativeWeights, 0, 1);
        MainContactsOf(cache, c);
    }

    // ---- figures -------------------------------------------------------------------------------------------------

    private static LoyaltyResult Loyalty(WaveSnapshot snapshot, IReadOnlyList<int> rows)
    {
        var acc = new LoyaltyAccumulator();
        var items = snapshot.Items(0);
        foreach (var row in rows)
        {
            items.Row = row;
            acc.Add(items);
        }
        return acc.Result;
    }

    private static NpsResult Nps(WaveSnapshot snapshot, IReadOnlyList<int> rows, NpsIntervalMethod interval)
    {
        var acc = new NpsAccumulator();
        foreach (var row in rows)
        {
            acc.Add(snapshot.Item(row, RecommendIndex));
        }
        return acc.Compute(interval);
    }

    private static RelationshipQualityResult Quality(WaveSnapshot snapshot, IReadOnlyList<int> rows)
    {
        var acc = new RelationshipQualityAccumulator();
        var items = snapshot.Items(0);
        foreach (var row in rows)
        {
            items.Row = row;
            acc.Add(items);
        }
        return acc.Result;
    }

    /// <summary>Groups in ordinal order of their value, with small groups suppressed as the class remarks describe.</summary>
    private static List<TFigures> Groups<TResult, TFigures>(Context c, Func<int[], TResult> compute, Func<TResult, int> size,
        Func<TResult, string, bool, TFigures> figures)
    {
        if (c.GroupNames is null || c.GroupIndex is null)
        {
            return [];
        }
        var members = c.GroupNames.Select(_ => new List<int>()).ToArray();
        for (var k = 0; k < c.Rows.Length; k++)
        {
            members[c.GroupIndex[k]].Add(c.Rows[k]);
        }
        var groups = c.GroupNames.Zip(members, (name, list) => new KeyValuePair<string, List<int>>(name, list));
        var results = groups.Select(g => (Key: g.Key, Result: compute(g.Value.ToArray()), Respondents: g.Value.Count)).ToList();
        var hidden = Suppress(results.Select(r => Math.Min(r.Respondents, size(r.Result))).ToArray(), c.Wave.Threshold);
        return results.Select((r, i) => figures(r.Result, r.Key, hidden[i])).ToList();
    }

    /// <summary>
    /// Which groups to suppress: those below <paramref name="threshold"/>, then the smallest others until the suppressed
    /// groups together reach the threshold (complementary suppression) or every group is suppressed.
    /// </summary>
    internal static bool[] Suppress(int[] sizes, int threshold)
    {
        var hidden = sizes.Select(n => n < threshold).ToArray();
        if (threshold <= 0)
        {
            return hidden;
        }
        var sum = sizes.Where((n, i) => hidden[i]).Sum();
        foreach (var i in Enumerable.Range(0, sizes.Length).Where(i => !hidden[i]).OrderBy(i => sizes[i]).ThenBy(i => i))
        {
            if (sum == 0 || sum >= threshold)
            {
                break;
            }
            hidden[i] = true;
            sum += sizes[i];
        }
        return hidden;
    }

    /// <summary>The smallest base of the three dimensions: a dimension answered by few would give them away.</summary>
    private static int QualityBase(RelationshipQualityResult r) => Math.Min(r.SatisfactionN, Math.Min(r.TrustN, r.CommitmentN));

    private static LoyaltyFigures LoyaltyFigures(string? group, LoyaltyResult r, bool hide) => hide
        ? new LoyaltyFigures(group, r.N, null, null, null, new LoyaltyComponentFigures(null, null, null), null, r.Respondents,
            r.FirstChoiceN, r.RecommendationN, r.DecompositionN, true)
        : new LoyaltyFigures(group, r.N, Number(r.LoyaltyIndex), Number(r.FirstChoiceRate), Number(r.RecommendationRate),
            new LoyaltyComponentFigures(Number(r.Components.Attachment), Number(r.Components.Calculative), Number(r.Components.LockIn)),
            r.Captive, r.Respondents, r.FirstChoiceN, r.RecommendationN, r.DecompositionN, false);

    private static NpsFigures NpsFigures(string? group, NpsResult r, bool hide)
    {
        var interval = r.Interval == NpsIntervalMethod.AdjustedWald ? "adjusted-wald" : "wald";
        return hide
            ? new NpsFigures(group, r.N, null, null, null, null, null, null, null, interval, null, true)
            : new NpsFigures(group, r.N, r.Promoters, r.Passives, r.Detractors, Number(r.Nps), Number(r.StandardError), Number(r.CiLow),
                Number(r.CiHigh), interval, Number(r.RecommendationRate), false);
    }

    private static RelationshipQualityFigures QualityFigures(string? group, RelationshipQualityResult r, bool hide) => hide
        ? new RelationshipQualityFigures(group, r.Respondents, r.SatisfactionN, null, r.TrustN, null, r.CommitmentN, null, null, true)
        : new RelationshipQualityFigures(group, r.Respondents, r.SatisfactionN, Number(r.Satisfaction), r.TrustN, Number(r.Trust),
            r.CommitmentN, Number(r.Commitment), Number(r.Index), false);

    private static CaptiveAccounts Captive(Context c)
    {
        var accounts = 0;
        var captive = 0;
        foreach (var group in c.Rows.GroupBy(r => c.Snapshot.AccountIds[r]))
        {
            var rows = group.ToArray();
            if (rows.Length < Math.Max(c.Wave.Threshold, 1))
            {
                continue;
            }
            var result = Loyalty(c.Snapshot, rows);
            if (result.Captive is { } isCaptive)
            {
                accounts++;
                captive += isCaptive ? 1 : 0;
            }
        }
        return new CaptiveAccounts(accounts, captive, accounts == 0 ? null : (double)captive / accounts);
    }

    private static List<PhaseFigures> PhaseFigures(InsightCache cache, Context c) =>
        cache.GetOrCompute(c.Snapshot, c.Selection, "phases", () =>
        {
            // Phases are independent: one per core when the machine has them to spare.
            var overview = new PhaseOverview[c.Snapshot.Phases.Count];
            Parallel.For(0, overview.Length, p =>
            {
                var involved = c.Snapshot.InvolvedIn(c.Rows, p);
                overview[p] = TouchpointAnalysis.Phase(involved, c.Snapshot.Phases[p], p + 1, c.Snapshot.Touchpoints, c.Wave.Threshold,
                    impact: ImpactOf(cache, c, p, involved));
            });
            return overview.Select((p, i) => new PhaseFigures(p.Phase, c.Survey.Phases[i].NameEn, c.Survey.Phases[i].NameDe, p.Order, p.N,
                Number(p.Satisfaction),
                p.Touchpoints.Select((t, j) => new PhaseTouchpointFigures(t.Touchpoint, c.Survey.Touchpoints[j].NameEn, c.Survey.Touchpoints[j].NameDe,
                    Number(t.Involvement), Number(t.Performance), Number(t.TopTwoBox), t.N, Number(t.Impact), Number(t.MainContactImpact))).ToList()))
                .ToList();
        });

    private static DriversView Drivers(Context c, string? phase, DriverImportanceOptions options)
    {
        var method = options.Method == ImportanceMethod.Shapley ? "shapley" : "relative-weights";
        PhaseResponses responses;
        IReadOnlyList<string> variables;
        string modelPhase;
        string target;
        if (phase is null)
        {
            // The phases as "touchpoints" of one pseudo-phase whose satisfaction is the overall satisfaction: the same
            // missing-by-design model, with involvement in place of contact.
            responses = c.Snapshot.Overall(c.Rows, OverallSatisfactionIndex);
            variables = c.Snapshot.Phases;
            modelPhase = OverallPhase;
            target = ItemCodes.SatisfactionItems[0];
        }
        else
        {
            var index = c.Snapshot.Phases.ToList().IndexOf(phase);
            responses = c.Snapshot.InvolvedIn(c.Rows, index);
            variables = c.Snapshot.Touchpoints;
            modelPhase = phase;
            target = ItemCodes.PhaseSatisfaction + ":" + phase;
        }
        try
        {
            var result = TouchpointAnalysis.ImpactModel(responses, modelPhase, variables, options);
            if (result.N < c.Wave.Threshold)
            {
                return new DriversView(c.Wave, phase, target, result.N, null, method, [], options.BootstrapResamples, options.Seed, 0,
                    string.Create(CultureInfo.InvariantCulture, $"Suppressed: {result.N} respondents, fewer than the minimum group size {c.Wave.Threshold}."), true);
            }
            var drivers = result.Drivers.Select(d => Driver(d, phase is null)).ToList();
            return new DriversView(c.Wave, phase, target, result.N, Number(result.RSquared),
                result.Method == ImportanceMethod.Shapley ? "shapley" : "relative-weights", drivers, result.BootstrapResamples, options.Seed,
                result.BootstrapFailures, null, false);
        }
        catch (DegenerateDataException ex)
        {
            return new DriversView(c.Wave, phase, target, 0, null, method, [], options.BootstrapResamples, options.Seed, 0, ex.Message, false);
        }
    }

    private static DriverFigures Driver(DriverWeight d, bool overall)
    {
        var colon = d.Name.IndexOf(':', StringComparison.Ordinal);
        var code = d.Name[(colon + 1)..];
        var rating = d.Name.StartsWith(ItemCodes.TouchpointSatisfaction + ":", StringComparison.Ordinal);
        var name = overall
            ? (rating ? ItemCodes.PhaseSatisfaction : ItemCodes.PhaseInvolved) + ":" + code
            : d.Name;
        return new DriverFigures(name, Number(d.Weight), Number(d.Share), Number(d.CiLow), Number(d.CiHigh), code, rating ? "rating" : "contact");
    }

    private static double? Number(double value) => double.IsFinite(value) ? value : null;
}
