using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Rapport.Analytics.Retention;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Core.Retention;

/// <summary>Account attributes the KPIs can be broken down by.</summary>
public enum KpiGrouping { Segment, BusinessType, AcquisitionChannel }

/// <summary>Length of the periods of a KPI trend.</summary>
public enum TrendUnit { Month, Quarter, Year }

/// <summary>A period <c>[From, To)</c> of calendar days.</summary>
public sealed record KpiPeriod(DateOnly From, DateOnly To)
{
    /// <summary>Days in the period.</summary>
    public int Days => To.DayNumber - From.DayNumber;
}

/// <summary>
/// The accounts the KPIs are computed over: those a user may see (<see cref="AccountIds"/>; null = all accounts) and
/// optionally only one segment and/or business type.
/// </summary>
public sealed record KpiScope
{
    /// <summary>All accounts, no filter.</summary>
    public static KpiScope All { get; } = new();

    /// <summary>The accounts that may be counted; null for all.</summary>
    public IReadOnlyCollection<long>? AccountIds { get; init; }

    public Segment? Segment { get; init; }

    public BusinessType? BusinessType { get; init; }

    /// <summary>The scope of a user (docs/security.md#roles-and-account-access via <see cref="AccountAccess"/>): account managers count only their own and shared accounts.</summary>
    public static async Task<KpiScope> ForUserAsync(RapportDbContext db, long userId, UserRole role,
        Segment? segment = null, BusinessType? businessType = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        long[]? ids = AccountAccess.SeesAllAccounts(role)
            ? null
            : await db.VisibleAccounts(userId, role).Select(a => a.Id).ToArrayAsync(ct);
        return new KpiScope { AccountIds = ids, Segment = segment, BusinessType = businessType };
    }

    /// <summary>
    /// Adds the scope's conditions on the accounts, aliased <c>a</c> in the query, to <paramref name="where"/> and their
    /// parameters to <paramref name="parameters"/>: the one translation of a scope into SQL for the queries over raw SQL.
    /// </summary>
    internal void AddConditions(List<string> where, List<NpgsqlParameter> parameters)
    {
        if (AccountIds is { } ids)
        {
            where.Add("a.id = ANY (@ids)");
            parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids.ToArray() });
        }
        if (Segment is { } segment)
        {
            where.Add("a.segment = @segment");
            parameters.Add(new NpgsqlParameter("segment", EnumText.ToText(segment)));
        }
        if (BusinessType is { } businessType)
        {
            where.Add("a.business_type = @business_type");
            parameters.Add(new NpgsqlParameter("business_type", EnumText.ToText(businessType)));
        }
    }
}

/// <summary>What to compute: KPIs of one or more periods over a scope, optionally broken down and with acquisition figures.</summary>
/// <param name="Periods">The periods (validated by <see cref="RetentionKpiQuery.Validate"/>).</param>
/// <param name="ActiveWindowDays">W of docs/definitions.md#retention-kpis (≥ 1).</param>
/// <param name="Scope">The accounts.</param>
/// <param name="Groupings">Breakdowns wanted for every period (may be empty).</param>
/// <param name="Acquisition">Whether to add new customers and acquisition cost by channel.</param>
/// <param name="DetailedPeriods">How many of the first periods get the breakdowns and acquisition figures (default all); the others only totals.</param>
public sealed record KpiRequest(
    IReadOnlyList<KpiPeriod> Periods, int ActiveWindowDays, KpiScope Scope,
    IReadOnlyList<KpiGrouping> Groupings, bool Acquisition = false, int DetailedPeriods = int.MaxValue);

/// <summary>The KPIs of the accounts sharing one value of a grouping attribute.</summary>
/// <param name="Grouping">The attribute.</param>
/// <param name="Key">Its value as stored (<c>regular</c>, <c>plant</c>, <c>trade_fair</c>) or <see cref="RetentionKpiQuery.Unknown"/> when not set.</param>
/// <param name="Kpis">The KPIs of these accounts.</param>
public sealed record KpiGroup(KpiGrouping Grouping, string Key, RetentionKpis Kpis);

/// <summary>New customers of a period and what acquiring them cost, for one channel or <see cref="Rapport.Analytics.Acquisition.AcquisitionEconomics.Total"/>.</summary>
/// <param name="Channel">Acquisition channel as stored, <see cref="RetentionKpiQuery.Unknown"/>, or <c>total</c>.</param>
/// <param name="NewCustomers">N: accounts of the channel whose first transaction lies in the period.</param>
/// <param name="NewCustomersWithCost">Of those, the accounts with a recorded acquisition cost.</param>
/// <param name="Cost">Sum of the recorded acquisition costs of the new customers (ADR 0017).</param>
/// <param name="CostPerNewCustomer">CAC = cost / N; null when N = 0.</param>
/// <param name="MeanClv">Mean CLV of the new customers whose CLV is known (account scores); null when none is.</param>
/// <param name="ClvToCac">Mean CLV / CAC; null when either is missing or CAC is 0.</param>
public sealed record ChannelAcquisition(
    string Channel, int NewCustomers, int NewCustomersWithCost, decimal Cost, decimal? CostPerNewCustomer, double? MeanClv, double? ClvToCac);

/// <summary>The KPIs of one period: all accounts of the scope, the breakdowns asked for, acquisition by channel.</summary>
public sealed record KpiPeriodResult(
    KpiPeriod Period, RetentionKpis Kpis, IReadOnlyList<KpiGroup> Groups, IReadOnlyList<ChannelAcquisition> Acquisition);
