using Npgsql;
using Rapport.Analytics.Retention;
using Rapport.Core.Data;
using Rapport.Core.Retention;

namespace Rapport.Core.Tests.Retention;

/// <summary>
/// The reference the database KPIs are checked against: every order line and contract of the database fed into
/// <see cref="RetentionKpiAccumulator"/> (the computation behind <c>rapport analyze kpis</c>), per account attribute group.
/// Fine for test-sized databases only — it reads all lines.
/// </summary>
internal static class KpiReference
{
    public static async Task<(RetentionKpis All, Dictionary<string, RetentionKpis> BySegment)> ComputeAsync(
        NpgsqlDataSource dataSource, KpiPeriod period, int window, KpiScope? scope = null)
    {
        var options = new RetentionKpiOptions { From = period.From, To = period.To, ActiveWindowDays = window, TrackCategories = true };
        var all = new RetentionKpiAccumulator(options);
        var bySegment = new Dictionary<string, RetentionKpiAccumulator>(StringComparer.Ordinal);
        var accounts = new Dictionary<long, string>();
        await using (var cmd = dataSource.CreateCommand("SELECT id, segment, business_type FROM accounts"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var id = reader.GetInt64(0);
                var segment = reader.GetString(1);
                var businessType = reader.IsDBNull(2) ? null : reader.GetString(2);
                if ((scope?.AccountIds is { } ids && !ids.Contains(id))
                    || (scope?.Segment is { } s && EnumText.ToText(s) != segment)
                    || (scope?.BusinessType is { } b && EnumText.ToText(b) != businessType))
                {
                    continue;
                }
                accounts[id] = segment;
            }
        }
        RetentionKpiAccumulator Of(long account)
        {
            var segment = accounts[account];
            if (!bySegment.TryGetValue(segment, out var acc))
            {
                bySegment[segment] = acc = new RetentionKpiAccumulator(options);
            }
            return acc;
        }

        await using (var cmd = dataSource.CreateCommand("SELECT account_id, order_date, net_amount, btrim(product_category) FROM order_lines"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var account = reader.GetInt64(0);
                if (!accounts.ContainsKey(account))
                {
                    continue;
                }
                var customer = account.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var date = reader.GetFieldValue<DateOnly>(1);
                var amount = reader.GetDecimal(2);
                var category = reader.IsDBNull(3) ? null : reader.GetString(3);
                all.Add(customer, date, amount, category);
                Of(account).Add(customer, date, amount, category);
            }
        }
        await using (var cmd = dataSource.CreateCommand("SELECT account_id, start_date, least(end_date, terminated_on) FROM contracts"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var account = reader.GetInt64(0);
                var start = reader.GetFieldValue<DateOnly>(1);
                DateOnly? end = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2);
                if (!accounts.ContainsKey(account) || end < start)
                {
                    continue;
                }
                var customer = account.ToString(System.Globalization.CultureInfo.InvariantCulture);
                all.AddContract(customer, start, end);
                Of(account).AddContract(customer, start, end);
            }
        }
        return (all.Result(), bySegment.ToDictionary(kv => kv.Key, kv => kv.Value.Result(), StringComparer.Ordinal));
    }
}
