using System.Text;

namespace Rapport.Core.Import;

/// <summary>
/// The rejects file of <c>--skip-invalid</c> (docs/import.md): the file's header with a <c>reason</c> column added, then
/// each rejected line as it was read followed by its reasons, in the file's delimiter; UTF-8 without a BOM.
/// </summary>
internal sealed class RejectsFile : IAsyncDisposable
{
    private readonly StreamWriter _file;
    private readonly char _delimiter;
    private readonly StringBuilder _line = new();

    private RejectsFile(StreamWriter file, char delimiter)
    {
        _file = file;
        _delimiter = delimiter;
    }

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes its header line.</summary>
    public static async Task<RejectsFile> CreateAsync(string path, string[] header, char delimiter, CancellationToken ct)
    {
        var rejects = new RejectsFile(new StreamWriter(path, append: false, new UTF8Encoding(false)), delimiter);
        try
        {
            foreach (var h in header)
            {
                CsvText.AppendField(rejects._line, h);
                rejects._line.Append(delimiter);
            }
            rejects._line.Append("reason");
            await rejects._file.WriteLineAsync(rejects._line, ct);
            return rejects;
        }
        catch
        {
            await rejects.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes one rejected line: <paramref name="raw"/> as read (already CSV) and the quoted reason.</summary>
    public async Task WriteAsync(string? raw, string reason, CancellationToken ct)
    {
        _line.Clear();
        _line.Append(raw).Append(_delimiter);
        CsvText.AppendField(_line, reason);
        await _file.WriteLineAsync(_line, ct);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
