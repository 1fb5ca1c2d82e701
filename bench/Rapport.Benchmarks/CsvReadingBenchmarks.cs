using BenchmarkDotNet.Attributes;
using Rapport.Analytics.Input;
using Rapport.Analytics.Retention;

namespace Rapport.Benchmarks;

/// <summary>
/// Streams the UCI Online Retail file (541,909 lines, 48 MB) through the shared CSV readers.
/// Set RAPPORT_ONLINE_RETAIL to point elsewhere; the default is the shared reference data.
/// Run: <c>dotnet run -c Release --project bench/Rapport.Benchmarks -- --filter *CsvReading*</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class CsvReadingBenchmarks
{
    private static readonly string DataFile =
        Environment.GetEnvironmentVariable("RAPPORT_ONLINE_RETAIL") ?? "/work/shared/data/online-retail/online_retail.csv";

    private static readonly TransactionCsvOptions Options = new()
    {
        CustomerColumn = "CustomerID",
        DateColumn = "InvoiceDate",
        QuantityColumn = "Quantity",
        PriceColumn = "UnitPrice",
    };

    [Benchmark(Description = "CsvRowReader: all records, no field access")]
    public long RowsOnly()
    {
        var (reader, _, _) = CsvSource.Open(DataFile);
        using (reader)
        {
            long fields = 0;
            while (reader.Read())
            {
                fields += reader.FieldCount;
            }
            return fields;
        }
    }

    [Benchmark(Description = "TransactionCsvReader.Read (TransactionLine per row)")]
    public double TransactionLines()
    {
        var total = 0.0;
        foreach (var line in new TransactionCsvReader(DataFile, Options).Read())
        {
            total += line.Amount;
        }
        return total;
    }

    [Benchmark(Description = "TransactionCsvReader.ReadInto (spans, no string per row)")]
    public double TransactionSpans()
    {
        var sink = new SumSink();
        new TransactionCsvReader(DataFile, Options).ReadInto(sink);
        return sink.Total;
    }

    [Benchmark(Description = "Retention KPIs end to end (ReadInto + RetentionKpiAccumulator)")]
    public int RetentionKpis()
    {
        var accumulator = new RetentionKpiAccumulator(new RetentionKpiOptions { From = new DateOnly(2011, 1, 1), To = new DateOnly(2011, 7, 1) });
        new TransactionCsvReader(DataFile, Options).ReadInto(accumulator);
        return accumulator.Result().CustomersAtStart;
    }

    private sealed class SumSink : ITransactionSink
    {
        public double Total { get; private set; }

        public void Add(ReadOnlySpan<char> customer, DateOnly date, double amount, ReadOnlySpan<char> category) => Total += amount;
    }
}
