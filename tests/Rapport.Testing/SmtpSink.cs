using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rapport.Testing;

/// <summary>A received message: envelope and the decoded plain-text body.</summary>
public sealed record SinkMessage(string From, IReadOnlyList<string> To, string Data, string Body);

/// <summary>
/// A local SMTP server on loopback that accepts every message and keeps it, for tests of outgoing mail. Speaks just
/// enough SMTP for <c>SmtpMailSender</c>: EHLO/HELO, AUTH LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SmtpSink()
    {
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<SinkMessage> Messages { get; } = new();

    /// <summary>Set to make the sink refuse recipients with this address.</summary>
    public string? RejectRecipient { get; set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ready");
        string from = string.Empty;
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250-sink");
                    await writer.WriteLineAsync("250 AUTH LOGIN");
                    break;
                case "AUTH":
                    await writer.WriteLineAsync("334 VXNlcm5hbWU6");
                    await reader.ReadLineAsync();
                    await writer.WriteLineAsync("334 UGFzc3dvcmQ6");
                    await reader.ReadLineAsync();
                    await writer.WriteLineAsync("235 ok");
                    break;
                case "MAIL":
                    from = line[(line.IndexOf('<') + 1)..line.IndexOf('>')];
                    await writer.WriteLineAsync("250 ok");
                    break;
                case "RCPT":
                    var rcpt = line[(line.IndexOf('<') + 1)..line.IndexOf('>')];
                    if (rcpt == RejectRecipient)
                    {
                        await writer.WriteLineAsync("550 no such user");
                    }
                    else
                    {
                        to.Add(rcpt);
                        await writer.WriteLineAsync("250 ok");
                    }
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } d && d != ".")
                    {
                        data.Append(d.StartsWith("..", StringComparison.Ordinal) ? d[1..] : d).Append("\r\n");
                    }
                    var text = data.ToString();
                    var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    var body = Encoding.UTF8.GetString(Convert.FromBase64String(text[(split + 4)..].Replace("\r\n", "", StringComparison.Ordinal)));
                    Messages.Enqueue(new SinkMessage(from, to.ToList(), text, body));
                    to.Clear();
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _listener.Dispose();
        _stop.Dispose();
    }
}
