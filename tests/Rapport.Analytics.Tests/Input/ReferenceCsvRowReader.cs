using System.Text;

namespace Rapport.Analytics.Tests.Input;

/// <summary>
/// The original char-by-char reader, kept verbatim as an oracle: the optimised <c>CsvRowReader</c> must split
/// every input into the same records, fields and line numbers.
/// </summary>
internal sealed class ReferenceCsvRowReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly char[] _buffer = new char[1 << 16];
    private int _bufferPos;
    private int _bufferLen;
    private char[] _field = new char[1024];
    private int _fieldLen;
    private int[] _starts = new int[64];
    private int[] _ends = new int[64];
    private long _line = 1;

    /// <param name="reader">The text to read; disposed with this reader.</param>
    /// <param name="delimiter">Field delimiter, usually <c>,</c> or <c>;</c>.</param>
    public ReferenceCsvRowReader(TextReader reader, char delimiter)
    {
        _reader = reader;
        _delimiter = delimiter;
    }

    /// <summary>A reader whose first physical line is numbered <paramref name="firstLine"/> (e.g. 2 after a header read elsewhere).</summary>
    public static ReferenceCsvRowReader StartingAtLine(TextReader reader, char delimiter, long firstLine) =>
        new(reader, delimiter) { _line = firstLine };

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Physical line (1-based) on which the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The field at <paramref name="index"/> of the current record; empty when the record is shorter.</summary>
    public ReadOnlySpan<char> this[int index] =>
        index < FieldCount ? _field.AsSpan(_starts[index], _ends[index] - _starts[index]) : [];

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

    private bool ReadRecord()
    {
        _fieldLen = 0;
        FieldCount = 0;
        LineNumber = _line;
        var start = 0;
        var inQuotes = false;
        var quotedField = false;
        var any = false;

        while (true)
        {
            if (_bufferPos >= _bufferLen)
            {
                _bufferLen = _reader.Read(_buffer, 0, _buffer.Length);
                _bufferPos = 0;
                if (_bufferLen == 0)
                {
                    if (!any)
                    {
                        return false;
                    }
                    EndField(start);
                    return true;
                }
            }

            var c = _buffer[_bufferPos++];
            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (PeekChar() == '"')
                    {
                        _bufferPos++;
                        Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }
                    Append(c);
                }
                continue;
            }

            if (c == _delimiter)
            {
                EndField(start);
                start = _fieldLen;
                quotedField = false;
            }
            else if (c == '\n')
            {
                _line++;
                EndField(start);
                return true;
            }
            else if (c == '\r')
            {
                if (PeekChar() == '\n')
                {
                    _bufferPos++;
                }
                _line++;
                EndField(start);
                return true;
            }
            else if (c == '"' && _fieldLen == start && !quotedField)
            {
                inQuotes = true;
                quotedField = true;
            }
            else
            {
                Append(c);
            }
        }
    }

    private int PeekChar()
    {
        if (_bufferPos >= _bufferLen)
        {
            _bufferLen = _reader.Read(_buffer, 0, _buffer.Length);
            _bufferPos = 0;
            if (_bufferLen == 0)
            {
                return -1;
            }
        }
        return _buffer[_bufferPos];
    }

    private void Append(char c)
    {
        if (_fieldLen == _field.Length)
        {
            Array.Resize(ref _field, _field.Length * 2);
        }
        _field[_fieldLen++] = c;
    }

    private void EndField(int start)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _ends, _ends.Length * 2);
        }
        _starts[FieldCount] = start;
        _ends[FieldCount] = _fieldLen;
        FieldCount++;
    }

    /// <summary>Disposes the underlying reader.</summary>
    public void Dispose() => _reader.Dispose();
}
