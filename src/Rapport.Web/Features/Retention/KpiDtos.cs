using Rapport.Analytics.Retention;
using Rapport.Core.Retention;

namespace Rapport.Web.Features.Retention;

/// <summary>
/// Retention KPIs of one period with the field names of <c>rapport analyze kpis --json</c> (docs/cli.md#analyze-commands, docs/api.md). Rates are
/// null when their denominator is empty.
/// </summary>
public sealed record KpisOutput(
    DateOnly From, DateOnly To, int ActiveWindowDays,
    int CustomersAtStart, int NewCustomers, int CustomersAtEnd, int RetainedCustomers,
    double? RetentionRate, double? ChurnRate, double? RepeatPurchaseRate, double? CrossSellRate, double? UpSellRate,
    decimal Revenue, double? RevenueRetention,
    IReadOnlyList<KpiGroupOutput> Groups,
    IReadOnlyList<ChannelAcquisitionOutput> Acquisition)
{
    public static KpisOutput Of(KpiPeriod period, int window, RetentionKpis k,
        IReadOnlyList<KpiGroupOutput>? groups = null, IReadOnlyList<ChannelAcquisitionOutput>? acquisition = null) =>
        new(period.From, period.To, window, k.CustomersAtStart, k.NewCustomers, k.CustomersAtEnd, k.RetainedCustomers,
            k.RetentionRate, k.ChurnRate, k.RepeatPurchaseRate, k.CrossSellRate, k.UpSellRate, k.Revenue, k.RevenueRetention,
            groups ?? [], acquisition ?? []);
}

/// <summary>The KPIs of the accounts with one value of the <c>groupBy</c> attribute (<c>group</c>, as in the CLI's groups).</summary>
public sealed record KpiGroupOutput(
    string GroupBy, string Group,
    int CustomersAtStart, int NewCustomers, int CustomersAtEnd, int RetainedCustomers,
    double? RetentionRate, double? ChurnRate, double? RepeatPurchaseRate, double? CrossSellRate, double? UpSellRate,
    decimal Revenue, double? RevenueRetention)
{
    public static KpiGroupOutput Of(string groupBy, KpiGroup g) =>
        new(groupBy, g.Key, g.Kpis.CustomersAtStart, g.Kpis.NewCustomers, g.Kpis.CustomersAtEnd, g.Kpis.RetainedCustomers,
            g.Kpis.RetentionRate, g.Kpis.ChurnRate, g.Kpis.RepeatPurchaseRate, g.Kpis.CrossSellRate, g.Kpis.UpSellRate,
            g.Kpis.Revenue, g.Kpis.RevenueRetention);
}

/// <summary>New customers of the period and their acquisition cost for one channel (or <c>total</c>).</summary>
public sealed record ChannelAcquisitionOutput(
    string Channel, int NewCustomers, int NewCustomersWithCost, decimal Cost, decimal? CostPerNewCustomer, double? MeanClv, double? ClvToCac)
{
    public static ChannelAcquisitionOutput Of(ChannelAcquisition a) =>
        new(a.Channel, a.NewCustomers, a.NewCustomersWithCost, a.Cost, a.CostPerNewCustomer, a.MeanClv, a.ClvToCac);
}

/// <summary>Consecutive periods of one length, oldest first.</summary>
public sealed record KpiTrendOutput(string Unit, int ActiveWindowDays, IReadOnlyList<KpisOutput> Periods);

/// <summary>A lead or customer account as the acquisition routes show it.</summary>
public sealed record LeadAccountOutput(long Id, string ExternalId, string Name, string? Industry, string? Region, int? Employees,
    string? BusinessType, string? AcquisitionChannel)
{
    public static LeadAccountOutput Of(LeadAccount a) =>
        new(a.Id, a.ExternalId, a.Name, a.Industry, a.Region, a.Employees, a.BusinessType, a.AcquisitionChannel);
}

/// <summary>A feature's contribution to a lead score, in log-odds against an average lead.</summary>
public sealed record LeadFeatureOutput(string Feature, string Value, double Contribution);

/// <summary>A scored open lead.</summary>
public sealed record LeadOutput(LeadAccountOutput Account, int Interactions, double Score, double RawScore, double ExpectedValue,
    double ValueWeightedScore, IReadOnlyList<LeadFeatureOutput> TopFeatures);

/// <summary>How the lead model was trained and how well it predicted held-out leads.</summary>
public sealed record LeadModelOutput(int Won, int Lost, int TrainingCount, int HoldoutCount, double? Auc, double? Brier, double? BrierUncalibrated, bool Calibrated);

/// <summary>One page of scored leads, best first, with the model; <c>model</c> is null and <c>unavailableReason</c> says why without enough history.</summary>
public sealed record LeadsPage(LeadModelOutput? Model, string? UnavailableReason, string ValueBasis,
    IReadOnlyList<LeadOutput> Items, int Page, int PageSize, int TotalCount);

/// <summary>A prospect ranked by similarity to the most valuable customers.</summary>
public sealed record LookAlikeOutput(LeadAccountOutput Account, double Similarity, LeadAccountOutput MostSimilarCustomer, double ExpectedValue);

/// <summary>One page of look-alike prospects, most similar first.</summary>
public sealed record LookAlikesPage(string ValueBasis, int ReferenceCustomers, IReadOnlyList<LookAlikeOutput> Items, int Page, int PageSize, int TotalCount);

/// <summary>Cross-sell suggestions of an account, best first.</summary>
public sealed record CrossSellOutput(long AccountId, IReadOnlyList<CrossSellSuggestion> Items);
