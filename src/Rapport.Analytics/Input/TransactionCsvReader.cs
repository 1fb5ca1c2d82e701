namespace Rapport.Analytics.Input;

/// <summary>
/// Streams the lines of a transaction CSV (SPEC §4.6, §7.2): one <see cref="TransactionLine"/> per readable row,
/// never holding the file in memory. Rows without a customer, with an unreadable date or an unreadable amount are
/// skipped and counted in <see cref="Skipped"/>; a missing column is an <see cref="AnalyticsInputException"/>.
/// Negative amounts are returned (revenue KPIs use net amounts); the models leave them out themselves.
/// </summary>
public sealed class TransactionCsvReader(string path, TransactionCsvOptions options)
{
    /// <summary>Rows skipped so far, by reason.</summary>
    public SkipCounter Skipped { get; } = new();

    /// <summary>Data rows read so far (excluding the header).</summary>
    public long RowsRead { get; private set; }

    /// <summary>Reads the file from the start. Enumerate once.</summary>
    public IEnumerable<TransactionLine> Read()
    {
        if (options.AmountColumn is null && (options.QuantityColumn is null || options.PriceColumn is null))
        {
            throw new AnalyticsInputException("Give either --amount-col, or both --quantity-col and --price-col.");
        }

        var (parser, header, delimiter) = CsvSource.Open(path);
        using (parser)
        {
            var customer = CsvSource.Require(path, header, options.CustomerColumn, "--customer-col");
            var date = CsvSource.Require(path, header, options.DateColumn, "--date-col");
            var amount = options.AmountColumn is null ? -1 : CsvSource.Require(path, header, options.AmountColumn, "--amount-col");
            var quantity = options.AmountColumn is not null ? -1 : CsvSource.Require(path, header, options.QuantityColumn!, "--quantity-col");
            var price = options.AmountColumn is not null ? -1 : CsvSource.Require(path, header, options.PriceColumn!, "--price-col");
            var category = options.CategoryColumn is null ? -1 : CsvSource.Require(path, header, options.CategoryColumn, "--category-col");
            var commaDecimal = delimiter == ';';

            while (true)
            {
                bool more;
                try
                {
                    more = parser.Read();
                }
                catch (System.Text.DecoderFallbackException)
                {
                    throw new AnalyticsInputException($"{path}: row {parser.LineNumber} is not valid UTF-8 (save the file as UTF-8).");
                }
                if (!more)
                {
                    yield break;
                }

                RowsRead++;
                var c = parser[customer].Trim();
                if (c.IsEmpty)
                {
                    Skipped.Add(SkipCounter.MissingCustomer);
                    continue;
                }
                if (!CellParsers.TryParseDate(parser[date], options.DateFormat, out var day))
                {
                    Skipped.Add(SkipCounter.UnreadableDate);
                    continue;
                }

                double value;
                if (amount >= 0)
                {
                    if (!CellParsers.TryParseNumber(parser[amount], commaDecimal, out value))
                    {
                        Skipped.Add(SkipCounter.UnreadableAmount);
                        continue;
                    }
                }
                else
                {
                    if (!CellParsers.TryParseNumber(parser[quantity], commaDecimal, out var q)
                        || !CellParsers.TryParseNumber(parser[price], commaDecimal, out var p))
                    {
                        Skipped.Add(SkipCounter.UnreadableAmount);
                        continue;
                    }
                    value = q * p;
                }

                string? cat = null;
                if (category >= 0)
                {
                    var k = parser[category].Trim();
                    cat = k.IsEmpty ? null : k.ToString();
                }
                yield return new TransactionLine(c.ToString(), day, value, cat);
            }
        }
    }
}
