using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Rapport.Core.Import;

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format into a byte buffer of its own and streams the bytes through
/// <see cref="NpgsqlConnection.BeginRawBinaryCopyAsync(string, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// <para>
/// Exists because <see cref="NpgsqlBinaryImporter"/> costs client CPU per value, and the order import writes about ten
/// million values per million lines; the measurements are in ADR 0019 ("Client side").
/// </para>
/// <para>
/// Usage: <see cref="StartAsync"/>, then per row <see cref="StartRow"/> followed by exactly that many typed writes, then
/// <see cref="CompleteAsync"/>. The typed writes are synchronous and allocation-free; when the buffer is full it is
/// written to the COPY stream synchronously. Disposing without <see cref="CompleteAsync"/> cancels the COPY
/// (nothing is inserted) and leaves the connection usable. Server errors surface as <see cref="PostgresException"/>
/// from <see cref="CompleteAsync"/>, as with the importer.
/// </para>
/// <para>
/// Dates are written as they are: unlike Npgsql's default mapping, <see cref="DateOnly.MinValue"/> and
/// <see cref="DateOnly.MaxValue"/> become 0001-01-01 and 9999-12-31, not -infinity and infinity.
/// </para>
/// </remarks>
internal sealed class PgBinaryCopyWriter : IAsyncDisposable
{
    private const int DefaultBufferSize = 64 * 1024;

    /// <summary>Largest numeric value: length, 4 header int16s and at most 9 base-10000 digits (32 decimal digits).</summary>
    private const int MaxNumericBytes = 4 + 8 + (2 * 9);

    private const ushort NumericPositive = 0x0000;
    private const ushort NumericNegative = 0x4000;

    /// <summary>Days from 0001-01-01 to PostgreSQL's date epoch 2000-01-01.</summary>
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private static readonly ulong[] Pow10 = [1, 10, 100, 1000];

    /// <summary>Strict: a lone surrogate must fail loudly instead of being stored as U+FFFD.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<byte> Header =>
        [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0,
         0, 0, 0, 0, // flags: no OIDs
         0, 0, 0, 0]; // header extension length

    private NpgsqlRawCopyStream? _stream;
    private byte[] _buffer;
    private int _position;
    private int _columnsExpected;
    private int _columnsWritten;
    private bool _inRow;
    private bool _completed;

    private PgBinaryCopyWriter(NpgsqlRawCopyStream stream, int bufferSize)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
        Header.CopyTo(_buffer);
        _position = Header.Length;
    }

    /// <summary>Number of rows started so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Starts <paramref name="copyCommand"/> (a <c>COPY ... FROM STDIN (FORMAT BINARY)</c>) on an open connection.</summary>
    /// <param name="connection">An open connection; it is busy with the COPY until the writer is completed or disposed.</param>
    /// <param name="copyCommand">The COPY command; its column list fixes the order of the typed writes in each row.</param>
    /// <param name="cancellationToken">Cancels starting the COPY.</param>
    /// <param name="bufferSize">Bytes buffered before they are sent (at least 256).</param>
    public static async Task<PgBinaryCopyWriter> StartAsync(
        NpgsqlConnection connection, string copyCommand, CancellationToken cancellationToken, int bufferSize = DefaultBufferSize)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(copyCommand);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 256);
        var stream = await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken);
        if (!stream.CanWrite)
        {
            await stream.DisposeAsync();
            throw new ArgumentException("The command must be a COPY ... FROM STDIN (FORMAT BINARY).", nameof(copyCommand));
        }
        return new PgBinaryCopyWriter(stream, bufferSize);
    }

    /// <summary>Starts a row of <paramref name="columns"/> values; the previous row must be complete.</summary>
    public void StartRow(short columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        CheckRowComplete();
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), columns);
        _position += 2;
        _columnsExpected = columns;
        _columnsWritten = 0;
        _inRow = true;
        Rows++;
    }

    /// <summary>Writes SQL NULL.</summary>
    public void WriteNull()
    {
        NextColumn();
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), -1);
        _position += 4;
    }

    /// <summary>Writes a <c>bigint</c>.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Fixed(8), value);

    /// <summary>Writes an <c>integer</c>.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Fixed(4), value);

    /// <summary>Writes a <c>date</c> (days since 2000-01-01).</summary>
    public void WriteDate(DateOnly value) => BinaryPrimitives.WriteInt32BigEndian(Fixed(4), value.DayNumber - PostgresEpochDay);

    /// <summary>Starts a value of <paramref name="bytes"/> bytes: writes its length and returns where the value goes.</summary>
    private Span<byte> Fixed(int bytes)
    {
        NextColumn();
        Ensure(4 + bytes);
        var span = _buffer.AsSpan(_position, 4 + bytes);
        BinaryPrimitives.WriteInt32BigEndian(span, bytes);
        _position += 4 + bytes;
        return span[4..];
    }

    /// <summary>Writes <c>text</c> as UTF-8; null writes SQL NULL.</summary>
    /// <exception cref="EncoderFallbackException">The string holds a lone surrogate.</exception>
    public void WriteText(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }
        NextColumn();
        // Most values are short: encode straight into the buffer when the worst case fits, else measure first.
        var worst = Utf8.GetMaxByteCount(value.Length);
        if (worst > _buffer.Length - _position - 4)
        {
            var exact = Utf8.GetByteCount(value);
            Ensure(4 + exact);
        }
        var written = Utf8.GetBytes(value, _buffer.AsSpan(_position + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), written);
        _position += 4 + written;
    }

    /// <summary>Writes a <c>numeric</c>; null writes SQL NULL.</summary>
    public void WriteNumeric(decimal? value)
    {
        if (value is { } v)
        {
            WriteNumeric(v);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>
    /// Writes a <c>numeric</c> with the decimal's own scale as display scale, so 12.50 is stored as 12.50. A column with
    /// a smaller declared scale rounds on the server, as it does for any other client.
    /// </summary>
    public void WriteNumeric(decimal value)
    {
        NextColumn();
        Ensure(MaxNumericBytes);

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((ulong)(uint)bits[1] << 32) | (uint)bits[0];

        // Base-10000 digits are aligned on the decimal point: pad the fraction to a multiple of four decimal digits.
        var pad = (4 - (scale % 4)) % 4;
        mantissa *= Pow10[pad];
        var fractionGroups = (scale + 3) / 4;

        // Least significant group first; the extraction stops at the most significant non-zero group.
        Span<short> groups = stackalloc short[10];
        var count = 0;
        while (mantissa > ulong.MaxValue)
        {
            var (quotient, remainder) = UInt128.DivRem(mantissa, 10000);
            groups[count++] = (short)(ulong)remainder;
            mantissa = quotient;
        }
        var small = (ulong)mantissa;
        while (small != 0)
        {
            groups[count++] = (short)(small % 10000);
            small /= 10000;
        }

        var span = _buffer.AsSpan(_position);
        if (count == 0)
        {
            // Zero (also the decimal's negative zero) is positive with no digits, as PostgreSQL stores it.
            BinaryPrimitives.WriteInt32BigEndian(span, 8);
            BinaryPrimitives.WriteInt16BigEndian(span[4..], 0);
            BinaryPrimitives.WriteInt16BigEndian(span[6..], 0);
            BinaryPrimitives.WriteUInt16BigEndian(span[8..], NumericPositive);
            BinaryPrimitives.WriteInt16BigEndian(span[10..], (short)scale);
            _position += 12;
            return;
        }

        var weight = count - fractionGroups - 1;
        var lowest = 0;
        while (groups[lowest] == 0)
        {
            lowest++;
        }
        var digits = count - lowest;

        BinaryPrimitives.WriteInt32BigEndian(span, 8 + (2 * digits));
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)digits);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], negative ? NumericNegative : NumericPositive);
        BinaryPrimitives.WriteInt16BigEndian(span[10..], (short)scale);
        var offset = 12;
        for (var i = count - 1; i >= lowest; i--)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[offset..], groups[i]);
            offset += 2;
        }
        _position += offset;
    }

    /// <summary>
    /// Writes the trailer, sends the rest and ends the COPY; throws the server's <see cref="PostgresException"/> when
    /// the COPY failed (the connection is usable afterwards).
    /// </summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new InvalidOperationException("The COPY has already ended.");
        CheckRowComplete();
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), -1);
        _position += 2;
        await stream.WriteAsync(_buffer.AsMemory(0, _position), cancellationToken);
        _position = 0;
        _completed = true;
        _stream = null;
        // Disposing the raw stream sends CopyDone and reads the server's verdict; Npgsql ends the COPY either way.
        await stream.DisposeAsync();
    }

    /// <summary>Cancels the COPY when <see cref="CompleteAsync"/> did not run, so nothing is inserted.</summary>
    public async ValueTask DisposeAsync()
    {
        var stream = _stream;
        _stream = null;
        if (stream is null || _completed)
        {
            return;
        }
        try
        {
            await stream.CancelAsync();
        }
        catch (PostgresException)
        {
            // The server had already rejected this COPY (its error arrives in reply to the cancel); the COPY is being
            // abandoned anyway, and throwing from here would hide the exception that led to the disposal.
        }
        catch (ObjectDisposedException)
        {
            // A failed send already ended the COPY (and broke the connection): there is nothing left to cancel.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private void NextColumn()
    {
        if (!_inRow || _columnsWritten == _columnsExpected)
        {
            throw new InvalidOperationException(_inRow
                ? $"Row {Rows} declared {_columnsExpected} columns; another value was written."
                : "StartRow must be called before writing values.");
        }
        _columnsWritten++;
    }

    private void CheckRowComplete()
    {
        if (_inRow && _columnsWritten != _columnsExpected)
        {
            throw new InvalidOperationException($"Row {Rows} declared {_columnsExpected} columns but {_columnsWritten} were written.");
        }
        ObjectDisposedException.ThrowIf(_stream is null, this);
    }

    /// <summary>Makes room for <paramref name="bytes"/> more bytes, sending the buffer first when they do not fit.</summary>
    private void Ensure(int bytes)
    {
        if (_buffer.Length - _position >= bytes)
        {
            return;
        }
        Flush();
        if (_buffer.Length < bytes)
        {
            // Only a single value larger than the whole buffer (a very long text) gets here.
            _buffer = new byte[Math.Max(bytes, _buffer.Length * 2)];
        }
    }

    private void Flush()
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(PgBinaryCopyWriter));
        if (_position > 0)
        {
            stream.Write(_buffer, 0, _position);
            _position = 0;
        }
    }
}
