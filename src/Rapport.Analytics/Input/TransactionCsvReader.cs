using System.Runtime.CompilerServices;

namespace Rapport.Analytics.Input;

/// <summary>
/// Streams the lines of a transaction CSV (docs/definitions.md#transactions-and-clv-models, docs/cli.md#analyze-commands): one <see cref="TransactionLine"/> per readable row,
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

    /// <summary>Physical line (header = 1) of the row read last; lets a sink name the row in its own errors.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the file from the start. Enumerate once. Allocates a string per line; see <see cref="ReadInto{TSink}"/>.</summary>
    public IEnumerable<TransactionLine> Read()
    {
        var (parser, columns) = Open();
        using (parser)
        {
            while (true)
            {
                var row = Next(parser, columns, out var customer, out var day, out var value, out var category);
                if (row == RowOutcome.End)
                {
                    yield break;
                }
                if (row == RowOutcome.Line)
                {
                    yield return new TransactionLine(customer.ToString(), day, value, category.IsEmpty ? null : category.ToString());
                }
            }
        }
    }

    /// <summary>
    /// Reads the file from the start and hands every readable line to <paramref name="sink"/> as spans: the same lines
    /// and skip counts as <see cref="Read"/>, without a string per line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadInto<TSink>(TSink sink)
        where TSink : ITransactionSink
    {
        ArgumentNullException.ThrowIfNull(sink);
        var (parser, columns) = Open();
        using (parser)
        {
            while (true)
            {
                var row = Next(parser, columns, out var customer, out var day, out var value, out var category);
                if (row == RowOutcome.End)
                {
                    return;
                }
                if (row == RowOutcome.Line)
                {
                    sink.Add(customer, day, value, category);
                }
            }
        }
    }

    private enum RowOutcome
    {
        End,
        Skipped,
        Line,
    }

    private readonly record struct Columns(int Customer, int Date, int Amount, int Quantity, int Price, int Category, bool CommaDecimal);

    private (CsvRowReader Parser, Columns Columns) Open()
    {
        if (options.AmountColumn is null && (options.QuantityColumn is null || options.PriceColumn is null))
        {
            throw new AnalyticsInputException("Give either --amount-col, or both --quantity-col and --price-col.");
        }

        var (parser, header, delimiter) = CsvSource.Open(path);
        try
        {
            var columns = new Columns(
                CsvSource.Require(path, header, options.CustomerColumn, "--customer-col"),
                CsvSource.Require(path, header, options.DateColumn, "--date-col"),
                options.AmountColumn is null ? -1 : CsvSource.Require(path, header, options.AmountColumn, "--amount-col"),
                options.AmountColumn is not null ? -1 : CsvSource.Require(path, header, options.QuantityColumn!, "--quantity-col"),
                options.AmountColumn is not null ? -1 : CsvSource.Require(path, header, options.PriceColumn!, "--price-col"),
                options.CategoryColumn is null ? -1 : CsvSource.Require(path, header, options.CategoryColumn, "--category-col"),
                delimiter == ';');
            return (parser, columns);
        }
        catch
        {
            parser.Dispose();
            throw;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RowOutcome Next(
        CsvRowReader parser, Columns columns,
        out ReadOnlySpan<char> customer, out DateOnly day, out double value, out ReadOnlySpan<char> category)
    {
        customer = default;
        day = default;
        value = 0;
        category = default;
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
            return RowOutcome.End;
        }

        RowsRead++;
        LineNumber = parser.LineNumber;
        customer = parser[columns.Customer].Trim();
        if (customer.IsEmpty)
        {
            Skipped.Add(SkipCounter.MissingCustomer);
            return RowOutcome.Skipped;
        }
        if (!CellParsers.TryParseDate(parser[columns.Date], options.DateFormat, out day))
        {
            Skipped.Add(SkipCounter.UnreadableDate);
            return RowOutcome.Skipped;
        }

        if (columns.Amount >= 0)
        {
            if (!CellParsers.TryParseNumber(parser[columns.Amount], columns.CommaDecimal, out value))
            {
                Skipped.Add(SkipCounter.UnreadableAmount);
                return RowOutcome.Skipped;
            }
        }
        else
        {
            if (!CellParsers.TryParseNumber(parser[columns.Quantity], columns.CommaDecimal, out var q)
                || !CellParsers.TryParseNumber(parser[columns.Price], columns.CommaDecimal, out var p))
            {
                Skipped.Add(SkipCounter.UnreadableAmount);
                return RowOutcome.Skipped;
            }
            value = q * p;
        }

        if (columns.Category >= 0)
        {
            category = parser[columns.Category].Trim();
        }
        return RowOutcome.Line;
    }
}
