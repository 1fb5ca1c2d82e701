using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Rapport.Analytics.Input;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Import;

/// <summary>The current row of a <see cref="CsvRowReader"/> seen through a <see cref="ColumnMap"/>: no allocation per field.</summary>
internal sealed class CsvRecord(CsvRowReader reader, ColumnMap map) : IFieldValues
{
    public bool IsPresent(int field) => map.SourceIndex[field] >= 0;

    public ReadOnlySpan<char> Get(int field)
    {
        var i = map.SourceIndex[field];
        return i < 0 ? [] : reader[i];
    }
}

/// <summary>CSV writing helpers (RFC 4180 quoting).</summary>
internal static class CsvText
{
    private static readonly SearchValues<char> NeedsQuote = SearchValues.Create("\"\r\n,;");

    public static void AppendField(StringBuilder sb, ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny(NeedsQuote) < 0 && (value.IsEmpty || (!char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]))))
        {
            sb.Append(value);
            return;
        }
        sb.Append('"');
        foreach (var c in value)
        {
            if (c == '"')
            {
                sb.Append('"');
            }
            sb.Append(c);
        }
        sb.Append('"');
    }

    /// <summary>The whole current record re-encoded as one CSV line (without line end).</summary>
    public static string Record(CsvRowReader reader, char delimiter, StringBuilder sb)
    {
        sb.Clear();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (i > 0)
            {
                sb.Append(delimiter);
            }
            AppendField(sb, reader[i]);
        }
        return sb.ToString();
    }
}

/// <summary>Finds where a file stops being UTF-8, to name the row as the user counts it.</summary>
internal static class Utf8Scan
{
    /// <summary>The 1-based physical line holding the first invalid UTF-8 byte, or null when the file is valid.</summary>
    public static long? FirstInvalidLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 16];
        var chars = new char[1 << 16];
        var carry = 0;
        long line = 1;
        while (true)
        {
            var n = stream.Read(buffer, carry, buffer.Length - carry);
            var total = carry + n;
            var final = n == 0;
            if (total == 0)
            {
                return null;
            }
            var span = buffer.AsSpan(0, total);
            var consumed = 0;
            while (consumed < total)
            {
                var status = Utf8.ToUtf16(span[consumed..], chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: final);
                line += span.Slice(consumed, read).Count((byte)'\n');
                consumed += read;
                if (status == OperationStatus.InvalidData)
                {
                    return line;
                }
                if (status == OperationStatus.NeedMoreData || status == OperationStatus.Done)
                {
                    break;
                }
            }
            if (final)
            {
                return null;
            }
            carry = total - consumed;
            span[consumed..].CopyTo(buffer);
        }
    }
}
