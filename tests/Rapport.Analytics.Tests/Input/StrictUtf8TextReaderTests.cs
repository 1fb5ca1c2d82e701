using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Rapport.Analytics.Input;

namespace Rapport.Analytics.Tests.Input;

public sealed class StrictUtf8TextReaderTests
{
    [Fact]
    public void Read_MultiByteCharactersAcrossByteBufferBoundaries_DecodedLikeUtf8Encoding()
    {
        var text = string.Concat(Enumerable.Repeat("é€😀a", 30000));
        using var reader = new StrictUtf8TextReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(text, reader.ReadToEnd());
    }

    [Fact]
    public void Read_AnyTextInTinyStreamChunks_DecodedLikeStreamReader()
    {
        var texts = Gen.Elements("a", "ü", "€", "😀", "\n", "\uFEFF").ArrayOf().Select(string.Concat);
        var cases = from text in texts from chunk in Gen.Choose(1, 5) from bom in Gen.Elements(true, false) select (text, chunk, bom);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Arb.From(cases), c =>
        {
            var bytes = Encoding.UTF8.GetBytes((c.bom ? "\uFEFF" : "") + c.text);
            using var expected = new StreamReader(new MemoryStream(bytes), CsvSource.StrictUtf8, detectEncodingFromByteOrderMarks: true);
            using var reader = new StrictUtf8TextReader(new ChunkedStream(bytes, c.chunk));
            return reader.ReadToEnd() == expected.ReadToEnd();
        }));
    }

    [Fact]
    public void Read_InvalidByte_ValidPrefixFirstThenDecoderFallbackException()
    {
        var bytes = Encoding.UTF8.GetBytes("abc\nde").Concat(new byte[] { 0xFF, (byte)'x' }).ToArray();
        using var reader = new StrictUtf8TextReader(new ChunkedStream(bytes, 3));
        var buffer = new char[1 << 13];
        var text = new StringBuilder();

        var error = Record.Exception(() =>
        {
            int n;
            while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                text.Append(buffer, 0, n);
            }
        });

        Assert.IsType<DecoderFallbackException>(error);
        Assert.Equal("abc\nde", text.ToString());
    }

    [Fact]
    public void Read_TruncatedSequenceAtEnd_Throws()
    {
        using var reader = new StrictUtf8TextReader(new MemoryStream([(byte)'a', 0xE2, 0x82]));

        Assert.Throws<DecoderFallbackException>(() => reader.ReadToEnd());
    }

    [Fact]
    public void Open_Utf16WithByteOrderMark_StillRead()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a;b\n1;2\n")).ToArray();

        var (reader, header, delimiter) = CsvSource.Open(new MemoryStream(bytes), "utf16.csv");
        using (reader)
        {
            Assert.Equal(["a", "b"], header);
            Assert.Equal(';', delimiter);
            Assert.True(reader.Read());
            Assert.Equal("2", reader.GetString(1));
        }
    }

    /// <summary>Returns at most <c>chunk</c> bytes per read.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
