using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Rapport.Analytics.Input;

/// <summary>
/// Opens a CSV file the way docs/import.md#file-format describes: UTF-8 (a BOM is accepted), comma or semicolon detected from the
/// header line, a header row. Invalid UTF-8 raises <see cref="DecoderFallbackException"/> while reading, which
/// callers turn into an error naming the file and row, never silently replaced characters.
/// </summary>
public static class CsvSource
{
    /// <summary>Strict UTF-8: invalid bytes throw rather than becoming U+FFFD.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Opens <paramref name="path"/>; returns a streaming reader positioned after the header, the trimmed header, and the delimiter.</summary>
    /// <exception cref="AnalyticsInputException">The file is missing, empty or not UTF-8 in its header.</exception>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope",
        Justification = "The returned reader owns the stream; it is disposed here only when opening fails.")]
    public static (CsvRowReader Reader, string[] Header, char Delimiter) Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new AnalyticsInputException($"{path}: file not found.");
        }
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return Open(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Like <see cref="Open(string)"/> over a stream; <paramref name="name"/> is used in messages.</summary>
    public static (CsvRowReader Reader, string[] Header, char Delimiter) Open(Stream stream, string name)
    {
        var text = HasUtf16Or32ByteOrderMark(stream)
            ? new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16)
            : (TextReader)new StrictUtf8TextReader(stream);
        string? first;
        try
        {
            first = text.ReadLine();
        }
        catch (DecoderFallbackException)
        {
            text.Dispose();
            throw new AnalyticsInputException($"{name}: row 1 is not valid UTF-8 (save the file as UTF-8).");
        }
        if (string.IsNullOrWhiteSpace(first))
        {
            text.Dispose();
            throw new AnalyticsInputException($"{name}: the file is empty (a header row is required).");
        }

        var delimiter = first.Count(c => c == ';') > first.Count(c => c == ',') ? ';' : ',';
        using var headerReader = new CsvRowReader(new StringReader(first), delimiter);
        headerReader.Read();
        var header = headerReader.ToArray().Select(h => h.Trim()).ToArray();
        var reader = new CsvRowReaderAfterHeader(text, delimiter);
        return (reader.Reader, header, delimiter);
    }

    /// <summary>
    /// Files saved as UTF-16/32 with a byte order mark keep being read as such (as <see cref="StreamReader"/> always
    /// did); everything else goes through the strict UTF-8 decoder, whose errors name the right row.
    /// </summary>
    private static bool HasUtf16Or32ByteOrderMark(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return false;
        }
        var start = stream.Position;
        Span<byte> head = stackalloc byte[4];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        head = head[..n];
        return head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
    }

    /// <summary>Index of <paramref name="column"/> in <paramref name="header"/> (exact, then case-insensitive), or an error naming file and column.</summary>
    public static int Require(string path, string[] header, string column, string optionName)
    {
        var i = Find(header, column);
        if (i < 0)
        {
            throw new AnalyticsInputException(
                $"{path}: column '{column}' (given by {optionName}) is not in the header. Columns: {string.Join(", ", header)}.");
        }
        return i;
    }

    /// <summary>Index of <paramref name="column"/> (exact, then case-insensitive), or -1.</summary>
    public static int Find(string[] header, string column)
    {
        var i = Array.IndexOf(header, column);
        return i >= 0 ? i : Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Wraps the rest of the text so that line numbers continue from line 2.</summary>
    private sealed class CsvRowReaderAfterHeader(TextReader rest, char delimiter)
    {
        public CsvRowReader Reader { get; } = CsvRowReader.StartingAtLine(rest, delimiter, 2);
    }
}
