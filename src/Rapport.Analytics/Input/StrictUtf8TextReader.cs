using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Rapport.Analytics.Input;

/// <summary>
/// Decodes UTF-8 strictly (a leading BOM is dropped) and hands out every character before the first invalid byte
/// before it throws <see cref="DecoderFallbackException"/>. A <see cref="StreamReader"/> decodes whole buffers at
/// once, so its error surfaces while an earlier record is being read and the reported row would be wrong; here the
/// CSV reader reaches the broken record first, and the error names it.
/// </summary>
internal sealed class StrictUtf8TextReader(Stream stream) : TextReader
{
    private const int ByteBufferSize = 1 << 16;
    private const int CharBufferSize = 1 << 12;

    private readonly byte[] _bytes = new byte[ByteBufferSize];
    private int _bytePos;
    private int _byteLen;
    private bool _streamEnd;
    private bool _started;
    private bool _invalidAhead;
    private long _bytesConsumed;

    // Small reads (ReadLine for the header, Peek) go through this buffer; large reads decode straight into the caller's.
    private readonly char[] _chars = new char[CharBufferSize];
    private int _charPos;
    private int _charLen;

    public override int Peek()
    {
        if (_charPos == _charLen && !FillChars())
        {
            return -1;
        }
        return _chars[_charPos];
    }

    public override int Read()
    {
        if (_charPos == _charLen && !FillChars())
        {
            return -1;
        }
        return _chars[_charPos++];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }
        if (_charPos < _charLen)
        {
            var n = Math.Min(buffer.Length, _charLen - _charPos);
            _chars.AsSpan(_charPos, n).CopyTo(buffer);
            _charPos += n;
            return n;
        }
        if (buffer.Length < CharBufferSize)
        {
            return FillChars() ? Read(buffer) : 0;
        }
        return Decode(buffer);
    }

    private bool FillChars()
    {
        _charPos = 0;
        _charLen = Decode(_chars);
        return _charLen > 0;
    }

    /// <summary>Decodes into <paramref name="destination"/> (at least 2 chars); 0 at the end of the stream.</summary>
    private int Decode(Span<char> destination)
    {
        if (!_started)
        {
            _started = true;
            FillBytes();
            if (_byteLen - _bytePos >= 3 && _bytes.AsSpan(_bytePos, 3).SequenceEqual("\uFEFF"u8))
            {
                _bytePos += 3;
                _bytesConsumed += 3;
            }
        }

        while (true)
        {
            if (_invalidAhead)
            {
                throw new DecoderFallbackException($"Invalid UTF-8 at byte offset {_bytesConsumed}.");
            }
            var status = Utf8.ToUtf16(
                _bytes.AsSpan(_bytePos, _byteLen - _bytePos), destination,
                out var bytesRead, out var written, replaceInvalidSequences: false, isFinalBlock: _streamEnd);
            _bytePos += bytesRead;
            _bytesConsumed += bytesRead;
            switch (status)
            {
                case OperationStatus.DestinationTooSmall:
                    return written;
                case OperationStatus.InvalidData:
                    _invalidAhead = true;
                    if (written > 0)
                    {
                        return written;
                    }
                    continue;
                default:
                    // Done (everything decoded) or NeedMoreData (a sequence is split at the end of the bytes read).
                    if (written > 0)
                    {
                        return written;
                    }
                    if (_streamEnd)
                    {
                        return 0;
                    }
                    FillBytes();
                    continue;
            }
        }
    }

    /// <summary>Keeps the undecoded tail and reads more bytes after it, until at least 4 bytes are there or the stream ends.</summary>
    private void FillBytes()
    {
        var tail = _byteLen - _bytePos;
        _bytes.AsSpan(_bytePos, tail).CopyTo(_bytes);
        _bytePos = 0;
        _byteLen = tail;
        while (_byteLen < 4 || _byteLen == tail)
        {
            var n = stream.Read(_bytes, _byteLen, ByteBufferSize - _byteLen);
            if (n == 0)
            {
                _streamEnd = true;
                return;
            }
            _byteLen += n;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stream.Dispose();
        }
        base.Dispose(disposing);
    }
}
