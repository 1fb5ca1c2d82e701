using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Rapport.Analytics.Input;

/// <summary>
/// A streaming RFC 4180 CSV reader: quoted fields (with doubled quotes, delimiters and line breaks inside),
/// <c>\n</c> or <c>\r\n</c> line ends, and the physical line number where each record starts, so that errors can
/// name the row as a user counts it (the header is line 1). Fields are exposed as spans over a reused buffer:
/// nothing is allocated per row unless the caller asks for strings.
/// </summary>
/// <remarks>
/// Rules, for edge cases: a quote opens a quoted field only as the first character of a field; inside it a doubled
/// quote is one quote and the next single quote closes it, after which characters are appended to the same field
/// literally (<c>"ab"c</c> is <c>abc</c>). A lone <c>\r</c> outside quotes ends a record; inside quotes only
/// <c>\n</c> advances the line count. Input that ends inside quotes ends the record there.
/// </remarks>
public sealed class CsvRowReader : IDisposable
{
    private const int DefaultBufferSize = 1 << 16;

    private readonly TextReader _reader;
    private readonly char _delimiter;

    // Records are parsed in place: fields are ranges of _buffer. Unescaping quoted fields only ever shortens the
    // text, so it is written back over characters already consumed and never overtakes the read position; each field
    // starts where its text starts, so only the part of a field after a doubled or closing quote is ever moved.
    private char[] _buffer;
    private int _bufferPos;
    private int _bufferLen;
    private bool _eof;
    private int[] _starts = new int[64];
    private int[] _ends = new int[64];
    private long _line = 1;

    /// <param name="reader">The text to read; disposed with this reader.</param>
    /// <param name="delimiter">Field delimiter, usually <c>,</c> or <c>;</c>.</param>
    public CsvRowReader(TextReader reader, char delimiter)
        : this(reader, delimiter, DefaultBufferSize)
    {
    }

    /// <summary>With a given initial buffer size (tests use tiny buffers to exercise refills mid-record).</summary>
    internal CsvRowReader(TextReader reader, char delimiter, int bufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 2);
        _reader = reader;
        _delimiter = delimiter;
        _buffer = new char[bufferSize];
    }

    /// <summary>A reader whose first physical line is numbered <paramref name="firstLine"/> (e.g. 2 after a header read elsewhere).</summary>
    public static CsvRowReader StartingAtLine(TextReader reader, char delimiter, long firstLine) =>
        new(reader, delimiter) { _line = firstLine };

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Physical line (1-based) on which the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The field at <paramref name="index"/> of the current record; empty when the record is shorter.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (uint)index < (uint)FieldCount ? _buffer.AsSpan(_starts[index], _ends[index] - _starts[index]) : [];
    }

    /// <summary>The field as a string (empty when missing).</summary>
    public string GetString(int index) => this[index].ToString();

    /// <summary>All fields of the current record as strings.</summary>
    public string[] ToArray()
    {
        var result = new string[FieldCount];
        for (var i = 0; i < FieldCount; i++)
        {
            result[i] = GetString(i);
        }
        return result;
    }

    /// <summary>Reads the next record. Returns false at the end of the input. Blank lines are skipped.</summary>
    /// <exception cref="DecoderFallbackException">The input is not valid in its encoding.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        while (true)
        {
            if (!ReadRecord())
            {
                return false;
            }
            if (FieldCount > 1 || _ends[0] > _starts[0])
            {
                return true;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadRecord()
    {
        FieldCount = 0;
        LineNumber = _line;
        var record = _bufferPos;
        var read = _bufferPos;
        var write = _bufferPos;
        var fieldStart = _bufferPos;
        var inQuotes = false;
        var quotedField = false;

        while (true)
        {
            if (read >= _bufferLen && !Refill(ref record, ref read, ref write, ref fieldStart))
            {
                _bufferPos = read;
                if (read == record)
                {
                    return false;
                }
                EndField(fieldStart, write);
                return true;
            }

            var rest = _buffer.AsSpan(read, _bufferLen - read);
            var stop = inQuotes ? IndexOfAny(rest, '"', '\n', '"', '\n') : IndexOfAny(rest, _delimiter, '"', '\n', '\r');
            var run = stop < 0 ? rest.Length : stop;
            if (write != read && run > 0)
            {
                rest[..run].CopyTo(_buffer.AsSpan(write));
            }
            read += run;
            write += run;
            if (stop < 0)
            {
                continue;
            }

            var c = _buffer[read];
            if (inQuotes)
            {
                if (c == '\n')
                {
                    _line++;
                    _buffer[write++] = c;
                    read++;
                    continue;
                }
                // A quote: doubled means a literal quote, otherwise it closes the quoted part.
                if (read + 1 >= _bufferLen)
                {
                    Refill(ref record, ref read, ref write, ref fieldStart);
                }
                if (read + 1 < _bufferLen && _buffer[read + 1] == '"')
                {
                    _buffer[write++] = '"';
                    read += 2;
                }
                else
                {
                    inQuotes = false;
                    read++;
                }
                continue;
            }

            if (c == _delimiter)
            {
                EndField(fieldStart, write);
                // The next field starts in place; the delimiter stays behind as a gap, so nothing is moved.
                read++;
                write = read;
                fieldStart = write;
                quotedField = false;
            }
            else if (c == '\n')
            {
                _line++;
                EndField(fieldStart, write);
                _bufferPos = read + 1;
                return true;
            }
            else if (c == '\r')
            {
                if (read + 1 >= _bufferLen)
                {
                    Refill(ref record, ref read, ref write, ref fieldStart);
                }
                read++;
                if (read < _bufferLen && _buffer[read] == '\n')
                {
                    read++;
                }
                _line++;
                EndField(fieldStart, write);
                _bufferPos = read;
                return true;
            }
            else if (write == fieldStart && !quotedField)
            {
                inQuotes = true;
                quotedField = true;
                read++;
                write = read;
                fieldStart = write;
            }
            else
            {
                _buffer[write++] = '"';
                read++;
            }
        }
    }

    /// <summary>
    /// Makes room and reads more text after the unconsumed part of the buffer, moving the current record to the
    /// front (or growing the buffer when the record fills it). Returns false at the end of the input.
    /// </summary>
    private bool Refill(ref int record, ref int read, ref int write, ref int fieldStart)
    {
        if (_eof)
        {
            return false;
        }
        if (record > 0)
        {
            _buffer.AsSpan(record, _bufferLen - record).CopyTo(_buffer);
            for (var i = 0; i < FieldCount; i++)
            {
                _starts[i] -= record;
                _ends[i] -= record;
            }
            read -= record;
            write -= record;
            fieldStart -= record;
            _bufferLen -= record;
            record = 0;
        }
        if (_bufferLen == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var n = _reader.Read(_buffer, _bufferLen, _buffer.Length - _bufferLen);
        if (n == 0)
        {
            _eof = true;
            return false;
        }
        _bufferLen += n;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EndField(int start, int end)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _ends, _ends.Length * 2);
        }
        _starts[FieldCount] = start;
        _ends[FieldCount] = end;
        FieldCount++;
    }

    /// <summary>
    /// Index of the first of four characters, vectorised. Written out here rather than calling
    /// <c>MemoryExtensions.IndexOfAny</c>/<c>SearchValues</c> because those generic BCL paths start as unoptimised
    /// tier-0 code in a fresh process, which made a one-shot CLI run over a large file several times slower than the
    /// steady state; this method is compiled fully optimised on first use.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IndexOfAny(ReadOnlySpan<char> span, char a, char b, char c, char d)
    {
        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(span));
        var i = 0;
        var n = span.Length;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<ushort>.Count)
        {
            var (va, vb, vc, vd) = (Vector256.Create((ushort)a), Vector256.Create((ushort)b), Vector256.Create((ushort)c), Vector256.Create((ushort)d));
            for (; i <= n - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var hits = Vector256.Equals(v, va) | Vector256.Equals(v, vb) | Vector256.Equals(v, vc) | Vector256.Equals(v, vd);
                if (hits != Vector256<ushort>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(hits.ExtractMostSignificantBits());
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<ushort>.Count)
        {
            var (va, vb, vc, vd) = (Vector128.Create((ushort)a), Vector128.Create((ushort)b), Vector128.Create((ushort)c), Vector128.Create((ushort)d));
            for (; i <= n - Vector128<ushort>.Count; i += Vector128<ushort>.Count)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                var hits = Vector128.Equals(v, va) | Vector128.Equals(v, vb) | Vector128.Equals(v, vc) | Vector128.Equals(v, vd);
                if (hits != Vector128<ushort>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(hits.ExtractMostSignificantBits());
                }
            }
        }
        for (; i < n; i++)
        {
            var ch = span[i];
            if (ch == a || ch == b || ch == c || ch == d)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Disposes the underlying reader.</summary>
    public void Dispose() => _reader.Dispose();
}
