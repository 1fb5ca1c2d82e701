using System.Globalization;
using System.Text;

namespace Rapport.Benchmarks.Import;

/// <summary>
/// Writes realistic account and order files (docs/import.md#columns): accounts with industries and countries, orders of 1–9 lines over eight
/// years, 2,000 SKUs in 20 categories, quantities, net amounts with cents, some returns (negative lines), margins.
/// Deterministic for a seed.
/// </summary>
public static class OrderFileGenerator
{
    private static readonly string[] Industries = ["machinery", "automotive", "chemicals", "food", "energy", "electronics", "logistics"];
    private static readonly string[] Countries = ["DE", "AT", "CH", "FR", "IT", "PL", "NL", "CZ"];

    public static void WriteAccounts(string path, int accounts, int seed = 1)
    {
        var random = new Random(seed);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.WriteLine("external_id,name,industry,country,employees,business_type,acquisition_channel,acquired_on,key_account");
        string[] types = ["product", "plant", "system", "supplier"];
        string[] channels = ["direct", "trade_fair", "referral", "online", "indirect", "classic"];
        for (var i = 1; i <= accounts; i++)
        {
            var acquired = new DateOnly(2012, 1, 1).AddDays(random.Next(0, 4000));
            w.WriteLine(string.Join(',',
                $"K{i:D6}", $"\"Kunde {i} GmbH\"", Industries[random.Next(Industries.Length)], Countries[random.Next(Countries.Length)],
                random.Next(5, 5000).ToString(CultureInfo.InvariantCulture), types[random.Next(types.Length)], channels[random.Next(channels.Length)],
                acquired.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), random.Next(10) == 0 ? "true" : "false"));
        }
    }

    /// <summary>
    /// Writes about <paramref name="lines"/> order lines (exactly, the last order is cut short); order numbers are
    /// <paramref name="orderPrefix"/> followed by eight digits.
    /// </summary>
    public static void WriteOrders(string path, long lines, int accounts, int seed = 2, char orderPrefix = 'A')
    {
        var random = new Random(seed);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.WriteLine("order_id,account_external_id,order_date,net_amount,product_sku,product_category,quantity,currency,margin");
        var start = new DateOnly(2018, 1, 1);
        long written = 0;
        var order = 0;
        var sb = new StringBuilder(128);
        while (written < lines)
        {
            order++;
            var account = random.Next(1, accounts + 1);
            var date = start.AddDays(random.Next(0, 8 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var count = random.Next(1, 10);
            for (var l = 0; l < count && written < lines; l++, written++)
            {
                var sku = random.Next(1, 2001);
                var quantity = random.Next(1, 50) * (random.Next(40) == 0 ? -1 : 1);
                var price = Math.Round((decimal)(5 + (sku % 97) * 3.17), 2);
                var amount = quantity * price;
                var margin = Math.Round(amount * (decimal)(0.1 + random.NextDouble() * 0.3), 2);
                sb.Clear();
                sb.Append(orderPrefix).Append(order.ToString("D8", CultureInfo.InvariantCulture)).Append(',')
                  .Append('K').Append(account.ToString("D6", CultureInfo.InvariantCulture)).Append(',')
                  .Append(date).Append(',')
                  .Append(amount.ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
                  .Append("SKU-").Append(sku.ToString("D5", CultureInfo.InvariantCulture)).Append(',')
                  .Append("cat-").Append((sku % 20).ToString("D2", CultureInfo.InvariantCulture)).Append(',')
                  .Append(quantity.ToString(CultureInfo.InvariantCulture)).Append(",EUR,")
                  .Append(margin.ToString("0.00", CultureInfo.InvariantCulture));
                w.WriteLine(sb);
            }
        }
    }
}
