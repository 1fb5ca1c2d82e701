using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Analytics.Acquisition;
using Rapport.Analytics.Retention;
using Rapport.Core.Data;

namespace Rapport.Core.Retention;

/// <summary>An account as a lead or a reference customer: its identity and the features of docs/definitions.md#lead-scoring-and-look-alikes.</summary>
public sealed record LeadAccount(long Id, string ExternalId, string Name, string? Industry, string? Region, int? Employees,
    string? BusinessType, string? AcquisitionChannel, int Interactions, DateOnly? FirstContact);

/// <summary>How one feature moved a lead's score (log-odds relative to an average lead; positive raises P(win)).</summary>
public sealed record LeadFeature(string Feature, string Value, double Contribution);

/// <summary>A scored open lead.</summary>
/// <param name="Account">The prospect.</param>
/// <param name="Score">P(win), calibrated.</param>
/// <param name="RawScore">P(win) of the logistic model before calibration.</param>
/// <param name="ExpectedValue">Mean value (CLV, or revenue of the last 12 months, see <see cref="LeadScores.ValueBasis"/>) of the 10 most similar customers.</param>
/// <param name="ValueWeightedScore">Score × expected value (docs/definitions.md#lead-scoring-and-look-alikes).</param>
/// <param name="TopFeatures">The largest contributions, largest first.</param>
public sealed record ScoredLead(LeadAccount Account, double Score, double RawScore, double ExpectedValue, double ValueWeightedScore, IReadOnlyList<LeadFeature> TopFeatures);

/// <summary>The lead model: what it learnt from and how well it did on held-out leads.</summary>
public sealed record LeadModelSummary(int Won, int Lost, int TrainingCount, int HoldoutCount, double? Auc, double? Brier, double? BrierUncalibrated, bool Calibrated);

/// <summary>The open leads scored, best first; <see cref="Model"/> is null (and <see cref="UnavailableReason"/> says why) without enough history.</summary>
/// <param name="ValueBasis"><c>clv</c> when account scores exist, else <c>revenue_12m</c>.</param>
public sealed record LeadScores(LeadModelSummary? Model, string? UnavailableReason, string ValueBasis, IReadOnlyList<ScoredLead> Leads);

/// <summary>A prospect ranked by its similarity to the most valuable customers.</summary>
public sealed record LookAlikeProspect(LeadAccount Account, double Similarity, LeadAccount MostSimilarCustomer, double ExpectedValue);

/// <summary>The look-alike ranking; <see cref="ReferenceCustomers"/> customers were compared against.</summary>
public sealed record LookAlikeRanking(string ValueBasis, int ReferenceCustomers, IReadOnlyList<LookAlikeProspect> Prospects);

/// <summary>
/// Lead scoring and look-alikes of docs/definitions.md#lead-scoring-and-look-alikes on the accounts in the database (ADR 0017):
/// <list type="bullet">
/// <item>A lead is an account. <b>Won</b>: it has orders and the year before its first order lies within the recorded
/// interactions (so its pre-sale interactions are known). <b>Lost</b>: no orders although first contacted at least
/// <see cref="DecisionDays"/> ago. <b>Open</b> (scored): no orders, first contacted more recently or not at all.</item>
/// <item>Features: industry, size (employees), region (else country), business type, acquisition channel, and the
/// interactions in the year before the decision (first order; first contact + 365 days for lost leads; today for open ones).</item>
/// <item>Value-weighted score = P(win) × the mean value of the 10 most similar customers, value being the CLV from
/// account scores when at least half of the customers have one, else the net revenue of the last 12 months.</item>
/// </list>
/// Training uses at most <see cref="MaxTrainingLeads"/> leads and the similarity search at most
/// <see cref="MaxReferenceCustomers"/> customers (seeded samples), so both stay fast at 50,000 accounts.
/// </summary>
public sealed class LeadScoring(RapportDbContext db)
{
    /// <summary>Days a lead has to turn into a customer before it counts as lost.</summary>
    public const int DecisionDays = 365;

    /// <summary>Fewer won or lost leads than this give no model (with fewer, the held-out AUC says nothing).</summary>
    public const int MinLeadsPerOutcome = 5;

    public const int MaxTrainingLeads = 5_000;

    public const int MaxReferenceCustomers = 1_000;

    private const int Seed = 42;

    private static readonly FeatureSchema Schema = new(["employees", "interactions"], ["industry", "region", "business_type", "channel"]);

    private sealed record Lead(LeadAccount Account, DateOnly? FirstOrder, bool? Won);

    /// <summary>Scores the open leads among <paramref name="visibleAccountIds"/> (null = all), best first.</summary>
    public async Task<LeadScores> ScoreAsync(DateOnly today, IReadOnlyCollection<long>? visibleAccountIds, CancellationToken ct = default)
    {
        var (leads, values, basis) = await LoadAsync(today, ct);
        var open = leads.Where(l => l.FirstOrder is null && l.Won is null && Visible(l.Account.Id, visibleAccountIds)).ToList();
        var history = leads.Where(l => l.Won is not null).ToList();
        var won = history.Count(l => l.Won == true);
        var lost = history.Count - won;
        if (won < MinLeadsPerOutcome || lost < MinLeadsPerOutcome)
        {
            return new LeadScores(null,
                $"Lead scoring needs at least {MinLeadsPerOutcome} won and {MinLeadsPerOutcome} lost leads with known pre-sale interactions (there are {won} won and {lost} lost).", basis, []);
        }

        var sample = Sample(history, MaxTrainingLeads, l => l.Won == true);
        var model = LeadScoringModel.Train(Schema, sample.Select(l => new LabeledLead(l.Account.ExternalId, Features(l.Account), l.Won == true)).ToList());
        var expected = ExpectedValues(leads, values, open.Select(l => l.Account).ToList());
        var scored = open.Select(l =>
            {
                var score = model.Score(Features(l.Account));
                var value = expected.GetValueOrDefault(l.Account.Id);
                return new ScoredLead(l.Account, score.Probability, score.RawProbability, value,
                    LeadScoringModel.ValueWeighted(score.Probability, value),
                    score.TopFeatures.Select(f => new LeadFeature(f.Feature, f.Value, f.Contribution)).ToList());
            })
            .OrderByDescending(s => s.Score).ThenBy(s => s.Account.ExternalId, StringComparer.Ordinal)
            .ToList();
        var e = model.Evaluation;
        return new LeadScores(new LeadModelSummary(won, lost, e.TrainingCount, e.HoldoutCount, e.Auc, e.Brier, e.BrierUncalibrated, model.Platt is not null),
            null, basis, scored);
    }

    /// <summary>Ranks the prospects (accounts without orders) among <paramref name="visibleAccountIds"/> by similarity to the most valuable customers.</summary>
    public async Task<LookAlikeRanking> LookAlikesAsync(DateOnly today, IReadOnlyCollection<long>? visibleAccountIds, CancellationToken ct = default)
    {
        var (leads, values, basis) = await LoadAsync(today, ct);
        var prospects = leads.Where(l => l.FirstOrder is null && Visible(l.Account.Id, visibleAccountIds)).Select(l => l.Account).ToList();
        var customers = Sample(leads.Where(l => l.FirstOrder is not null && values.ContainsKey(l.Account.Id)).ToList(), MaxReferenceCustomers, _ => true);
        if (customers.Count == 0 || prospects.Count == 0)
        {
            return new LookAlikeRanking(basis, customers.Count, []);
        }
        var byExternalId = customers.ToDictionary(c => c.Account.ExternalId, c => c.Account, StringComparer.Ordinal);
        var ranking = LookAlikes.Rank(SimilaritySchema,
            customers.Select(c => new ValuedAccount(c.Account.ExternalId, SimilarityFeatures(c.Account), values[c.Account.Id])).ToList(),
            prospects.Select(p => new Prospect(p.ExternalId, SimilarityFeatures(p))).ToList());
        var prospectById = prospects.ToDictionary(p => p.ExternalId, StringComparer.Ordinal);
        return new LookAlikeRanking(basis, customers.Count, ranking
            .Select(m => new LookAlikeProspect(prospectById[m.ProspectId], m.Similarity, byExternalId[m.MostSimilarTopAccountId], m.ExpectedValue))
            .ToList());
    }

    /// <summary>Look-alikes compare what a company is (industry, region, size, business type), not how it was approached.</summary>
    private static readonly FeatureSchema SimilaritySchema = new(["employees"], ["industry", "region", "business_type"]);

    private static FeatureRow SimilarityFeatures(LeadAccount a) =>
        new([a.Employees ?? double.NaN], [a.Industry, a.Region, a.BusinessType]);

    private static FeatureRow Features(LeadAccount a) =>
        new([a.Employees ?? double.NaN, a.Interactions], [a.Industry, a.Region, a.BusinessType, a.AcquisitionChannel]);

    private static bool Visible(long id, IReadOnlyCollection<long>? visible) => visible is null || visible.Contains(id);

    private static Dictionary<long, double> ExpectedValues(List<Lead> leads, Dictionary<long, double> values, List<LeadAccount> prospects)
    {
        var customers = Sample(leads.Where(l => l.FirstOrder is not null && values.ContainsKey(l.Account.Id)).ToList(), MaxReferenceCustomers, _ => true);
        if (customers.Count == 0 || prospects.Count == 0)
        {
            return [];
        }
        var ids = prospects.ToDictionary(p => p.ExternalId, p => p.Id, StringComparer.Ordinal);
        return LookAlikes.Rank(SimilaritySchema,
                customers.Select(c => new ValuedAccount(c.Account.ExternalId, SimilarityFeatures(c.Account), values[c.Account.Id])).ToList(),
                prospects.Select(p => new Prospect(p.ExternalId, SimilarityFeatures(p))).ToList())
            .ToDictionary(m => ids[m.ProspectId], m => m.ExpectedValue);
    }

    /// <summary>At most <paramref name="max"/> items, keeping the share of each class (seeded, so results are reproducible).</summary>
    private static List<Lead> Sample(List<Lead> items, int max, Func<Lead, bool> positive)
    {
        if (items.Count <= max)
        {
            return items;
        }
        var random = new Random(Seed);
        var result = new List<Lead>(max);
        foreach (var group in items.GroupBy(positive))
        {
            var members = group.OrderBy(l => l.Account.Id).ToArray();
            random.Shuffle(members);
            result.AddRange(members.Take((int)Math.Max(1, Math.Round((double)members.Length * max / items.Count))));
        }
        return result;
    }

    /// <summary>All accounts with their lead features and labels, and the value of each customer.</summary>
    private async Task<(List<Lead> Leads, Dictionary<long, double> Values, string Basis)> LoadAsync(DateOnly today, CancellationToken ct)
    {
        await using var lease = await ContextConnection.OpenAsync(db, ct);
        var connection = lease.Connection;
        var leads = new List<Lead>();
        await using (var command = new NpgsqlCommand(LeadSql, connection) { CommandTimeout = 0 })
        {
            command.Parameters.AddWithValue("today", today);
            command.Parameters.AddWithValue("decision_days", DecisionDays);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                DateOnly? firstOrder = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9);
                var account = new LeadAccount(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7), (int)reader.GetInt64(8),
                    reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10));
                leads.Add(new Lead(account, firstOrder, reader.IsDBNull(11) ? null : reader.GetBoolean(11)));
            }
        }

        var customers = leads.Where(l => l.FirstOrder is not null).Select(l => l.Account.Id).ToArray();
        var clv = await AccountScores.ReadClvAsync(connection, customers, ct);
        // CLVs are the value once the scoring job has scored most customers; before its first run they are missing.
        if (clv.Count > 0 && clv.Count * 2 >= customers.Length)
        {
            return (leads, clv.ToDictionary(), "clv");
        }
        // Without CLVs the value of a customer is its net revenue of the last 12 months, read from the KPI facts.
        var values = new Dictionary<long, double>();
        var year = new RetentionKpiOptions { From = today.AddDays(-364), To = today.AddDays(1), ActiveWindowDays = 1 };
        await KpiFacts.ScanAsync(connection, KpiScope.All, account =>
            values[account.Id] = (double)RetentionKpiHistories.Evaluate(account.History, year).Revenue, ct);
        return (leads, values, "revenue_12m");
    }

    // decision: the first order of a customer, the end of the decision time of a lead without orders first contacted
    // long enough ago, else tomorrow (interactions up to today count for open leads). won: true / false / null (open or
    // a customer whose year before the first order predates the recorded interactions).
    private const string LeadSql = """
        WITH observed AS (SELECT min(occurred_at)::date AS since FROM interactions)
        SELECT a.id, a.external_id, a.name, a.industry, coalesce(a.region, a.country), a.employees, a.business_type,
               a.acquisition_channel,
               (SELECT count(*) FROM interactions i
                WHERE i.account_id = a.id AND i.occurred_at >= d.decision - @decision_days AND i.occurred_at < d.decision) AS interactions,
               fo.first_order, fc.first_contact,
               CASE WHEN fo.first_order IS NOT NULL THEN
                        CASE WHEN fo.first_order - @decision_days >= observed.since THEN true END
                    WHEN fc.first_contact <= @today - @decision_days THEN false
               END AS won
        FROM accounts a
        CROSS JOIN observed
        LEFT JOIN LATERAL (SELECT min(o.order_date) AS first_order FROM orders o WHERE o.account_id = a.id) fo ON true
        LEFT JOIN LATERAL (SELECT min(i.occurred_at)::date AS first_contact FROM interactions i WHERE i.account_id = a.id) fc ON true
        CROSS JOIN LATERAL (SELECT CASE WHEN fo.first_order IS NOT NULL THEN fo.first_order
                                        WHEN fc.first_contact <= @today - @decision_days THEN fc.first_contact + @decision_days
                                        ELSE @today + 1 END AS decision) d
        ORDER BY a.id
        """;
}
