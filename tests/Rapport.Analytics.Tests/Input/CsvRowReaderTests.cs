using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Rapport.Analytics.Input;

namespace Rapport.Analytics.Tests.Input;

public sealed class CsvRowReaderTests
{
    private static List<(long Line, string[] Fields)> ReadAll(string text, char delimiter = ',', int bufferSize = 1 << 16, int chunk = int.MaxValue)
    {
        using var reader = new CsvRowReader(new ChunkedReader(text, chunk), delimiter, bufferSize);
        var records = new List<(long, string[])>();
        while (reader.Read())
        {
            records.Add((reader.LineNumber, reader.ToArray()));
        }
        return records;
    }

    private static List<(long Line, string[] Fields)> ReadAllReference(string text, char delimiter)
    {
        using var reader = new ReferenceCsvRowReader(new StringReader(text), delimiter);
        var records = new List<(long, string[])>();
        while (reader.Read())
        {
            records.Add((reader.LineNumber, reader.ToArray()));
        }
        return records;
    }

    [Fact]
    public void Read_QuotedFieldWithDelimiterNewlineAndDoubledQuotes_UnescapesIntoOneField()
    {
        var records = ReadAll("a,\"x, \"\"y\"\"\nz\",b\nc,d,e\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "x, \"y\"\nz", "b"], records[0].Fields);
        Assert.Equal(["c", "d", "e"], records[1].Fields);
    }

    [Fact]
    public void Read_QuoteInsideUnquotedFieldAndTextAfterClosingQuote_KeptLiterally()
    {
        var records = ReadAll("ab\"c,\"q\"r,\"\"\n");

        Assert.Equal(["ab\"c", "qr", ""], Assert.Single(records).Fields);
    }

    [Fact]
    public void Read_CrLfLineEnds_EndRecordsWithoutCarriageReturns()
    {
        var records = ReadAll("a,b\r\nc,d\r\n\r\ne,f");

        Assert.Equal([(1L, "a|b"), (2L, "c|d"), (4L, "e|f")], records.Select(r => (r.Line, string.Join('|', r.Fields))));
    }

    [Fact]
    public void Read_CrLfSplitAcrossBufferRefills_CountsOneLine()
    {
        var text = "ab,c\r\nde,f\r\ng,h\r\n";
        for (var chunk = 1; chunk <= text.Length; chunk++)
        {
            var records = ReadAll(text, bufferSize: 2, chunk: chunk);
            Assert.Equal([1L, 2L, 3L], records.Select(r => r.Line));
            Assert.Equal(["g", "h"], records[2].Fields);
        }
    }

    [Fact]
    public void Read_MultiLineRecords_LaterRecordsNamedByTheirPhysicalLine()
    {
        var records = ReadAll("id,text\n1,\"two\nlines\"\n2,\"three\r\nphysical\nlines\"\n3,plain\n");

        Assert.Equal([1L, 2L, 4L, 7L], records.Select(r => r.Line));
        Assert.Equal("three\r\nphysical\nlines", records[2].Fields[1]);
    }

    [Fact]
    public void Read_RecordLongerThanBuffer_GrowsAndKeepsFields()
    {
        var longField = new string('x', 5000);
        var records = ReadAll($"a,\"{longField}\"\"\",b\nc\n", bufferSize: 16, chunk: 7);

        Assert.Equal(["a", longField + "\"", "b"], records[0].Fields);
        Assert.Equal(["c"], records[1].Fields);
    }

    [Fact]
    public void Read_IndexBeyondFieldCount_ReturnsEmpty()
    {
        using var reader = new CsvRowReader(new StringReader("a,b\n"), ',');
        Assert.True(reader.Read());

        Assert.True(reader[2].IsEmpty);
        Assert.True(reader[-1].IsEmpty);
    }

    [Fact]
    public void Read_EndsInsideQuotes_EndsRecordThere()
    {
        var records = ReadAll("a,\"open\nstill");

        Assert.Equal(["a", "open\nstill"], Assert.Single(records).Fields);
    }

    [Fact]
    public void Read_AnyTextAnyBufferSize_SameRecordsAsReferenceReader()
    {
        var alphabet = "ab,;\" \r\n".ToCharArray();
        var texts = Gen.Elements(alphabet).ArrayOf().Select(a => new string(a));
        var cases =
            from text in texts
            from bufferSize in Gen.Choose(2, 9)
            from chunk in Gen.Choose(1, 5)
            from delimiter in Gen.Elements(',', ';')
            select (text, bufferSize, chunk, delimiter);
        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            var expected = ReadAllReference(c.text, c.delimiter);
            var actual = ReadAll(c.text, c.delimiter, c.bufferSize, c.chunk);
            return expected.Count == actual.Count
                && expected.Zip(actual).All(p => p.First.Line == p.Second.Line && p.First.Fields.SequenceEqual(p.Second.Fields));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void Read_LongRecordsMostlyPlainText_SameRecordsAsReferenceReader()
    {
        // Long runs between stop characters exercise the vectorised search (16 or 32 chars per step) and its tail.
        var chars = Gen.Frequency((40, Gen.Elements("abcdefghij0123456789 .".ToCharArray())), (1, Gen.Elements(",;\"\r\n".ToCharArray())));
        var cases =
            from length in Gen.Choose(0, 3000)
            from text in Gen.ArrayOf(chars, length).Select(a => new string(a))
            from bufferSize in Gen.Choose(16, 400)
            from chunk in Gen.Choose(1, 500)
            select (text, bufferSize, chunk);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Arb.From(cases), c =>
        {
            var expected = ReadAllReference(c.text, ',');
            var actual = ReadAll(c.text, ',', c.bufferSize, c.chunk);
            return expected.Count == actual.Count
                && expected.Zip(actual).All(p => p.First.Line == p.Second.Line && p.First.Fields.SequenceEqual(p.Second.Fields));
        }));
    }

    [Fact]
    public void Open_Utf8Bom_HeaderWithoutBomAndCommaDetected()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Kunde,Datum\nMüller,2011-01-02\n")).ToArray();

        var (reader, header, delimiter) = CsvSource.Open(new MemoryStream(bytes), "bom.csv");
        using (reader)
        {
            Assert.Equal(["Kunde", "Datum"], header);
            Assert.Equal(',', delimiter);
            Assert.True(reader.Read());
            Assert.Equal("Müller", reader.GetString(0));
            Assert.Equal(2, reader.LineNumber);
        }
    }

    [Fact]
    public void TransactionReader_SemicolonFileWithCommaDecimals_ParsesAmounts()
    {
        using var file = new TempFile("kunde;datum;betrag\nA;02.01.2011;\"1,5\"\nB;03.01.2011;-2,25\nC;04.01.2011;3.5\n");
        var reader = new TransactionCsvReader(file.Path, new TransactionCsvOptions
        {
            CustomerColumn = "kunde",
            DateColumn = "datum",
            AmountColumn = "betrag",
            DateFormat = "dd.MM.yyyy",
        });

        var lines = reader.Read().ToList();

        Assert.Equal([1.5, -2.25, 3.5], lines.Select(l => l.Amount));
        Assert.Equal(new DateOnly(2011, 1, 3), lines[1].Date);
    }

    [Fact]
    public void TransactionReader_InvalidUtf8AfterMultiLineRecord_ErrorNamesFileAndRow()
    {
        var bytes = Encoding.UTF8.GetBytes("c,d,a,note\nA,2011-01-01,1,\"two\nlines\"\nB,2011-01-02,2,ok\n")
            .Concat(new byte[] { (byte)'C', (byte)',', 0xC3, 0x28, (byte)'\n' }).ToArray();
        using var file = new TempFile(bytes);
        var reader = new TransactionCsvReader(file.Path, new TransactionCsvOptions { CustomerColumn = "c", DateColumn = "d", AmountColumn = "a" });

        var error = Assert.Throws<AnalyticsInputException>(() => reader.Read().ToList());

        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("row 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransactionReader_SpanSinkAndEnumerable_SameLinesAndSkips()
    {
        using var file = new TempFile("c,d,q,p,k\nA,2011-01-01,2,1.5,x\n,2011-01-01,1,1,x\nB,bad,1,1,y\nC,2011-01-02,z,1,\nD,2011-01-03 10:00:00,-1,4,\n");
        var options = new TransactionCsvOptions { CustomerColumn = "c", DateColumn = "d", QuantityColumn = "q", PriceColumn = "p", CategoryColumn = "k" };
        var enumerated = new TransactionCsvReader(file.Path, options);
        var streamed = new TransactionCsvReader(file.Path, options);
        var sink = new ListSink();

        var expected = enumerated.Read().ToList();
        streamed.ReadInto(sink);

        Assert.Equal([new TransactionLine("A", new DateOnly(2011, 1, 1), 3, "x"), new TransactionLine("D", new DateOnly(2011, 1, 3), -4, null)], expected);
        Assert.Equal(expected, sink.Lines);
        Assert.Equal(enumerated.Skipped.ToDictionary(), streamed.Skipped.ToDictionary());
        Assert.Equal(1, streamed.Skipped[SkipCounter.MissingCustomer]);
        Assert.Equal(1, streamed.Skipped[SkipCounter.UnreadableDate]);
        Assert.Equal(1, streamed.Skipped[SkipCounter.UnreadableAmount]);
        Assert.Equal(5, streamed.RowsRead);
    }

    private sealed class ListSink : ITransactionSink
    {
        public List<TransactionLine> Lines { get; } = [];

        public void Add(ReadOnlySpan<char> customer, DateOnly date, double amount, ReadOnlySpan<char> category) =>
            Lines.Add(new TransactionLine(customer.ToString(), date, amount, category.IsEmpty ? null : category.ToString()));
    }

    /// <summary>Hands out at most <c>chunk</c> characters per call, as a slow stream would.</summary>
    private sealed class ChunkedReader(string text, int chunk) : TextReader
    {
        private int _pos;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), text.Length - _pos);
            text.CopyTo(_pos, buffer, index, n);
            _pos += n;
            return n;
        }
    }
}

/// <summary>A temporary file deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string text)
        : this(Encoding.UTF8.GetBytes(text))
    {
    }

    public TempFile(byte[] bytes)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rapport-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(Path, bytes);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
