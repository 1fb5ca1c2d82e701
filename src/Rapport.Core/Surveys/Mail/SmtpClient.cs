using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Rapport.Core.Surveys.Mail;

/// <summary>Configuration section <c>Rapport:Smtp</c>: where invitation e-mails go.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Rapport:Smtp";

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>Upgrade the connection with STARTTLS before authenticating.</summary>
    public bool UseStartTls { get; set; }

    /// <summary>With a user name, the client authenticates with AUTH LOGIN.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address, e.g. <c>surveys@example.com</c>.</summary>
    public string Sender { get; set; } = "surveys@localhost";

    /// <summary>The sender's display name.</summary>
    public string SenderName { get; set; } = "Rapport";

    /// <summary>The site's public address, prefixed to the respondent links in e-mails (<c>https://rapport.example.com</c>).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Seconds to wait for the server.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>An e-mail: one recipient, a subject and a plain-text body.</summary>
public sealed record MailMessage(string To, string? ToName, string Subject, string Body);

/// <summary>Sends e-mail.</summary>
public interface IMailSender
{
    /// <summary>Sends <paramref name="message"/>; throws <see cref="SmtpException"/> when the server refuses it.</summary>
    Task SendAsync(MailMessage message, CancellationToken ct = default);
}

/// <summary>The server answered with an error, or the conversation broke off.</summary>
public sealed class SmtpException(string message) : Exception(message);

/// <summary>
/// A small SMTP client (RFC 5321) over <see cref="TcpClient"/>: EHLO, optional STARTTLS and AUTH LOGIN, one message per
/// connection as UTF-8 plain text in base64. Enough for invitation mail through a relay; MailKit does not restore here.
/// </summary>
public sealed class SmtpMailSender(SmtpOptions options) : IMailSender
{
    /// <inheritdoc />
    public async Task SendAsync(MailMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsAddress(message.To))
        {
            throw new SmtpException($"'{message.To}' is not an e-mail address.");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var token = timeout.Token;
        using var client = new TcpClient();
        await client.ConnectAsync(options.Host, options.Port, token);
        Stream stream = client.GetStream();
        var session = new Session(stream);
        try
        {
            await session.ExpectAsync(220, token);
            await session.CommandAsync("EHLO " + Environment.MachineName, 250, token);
            if (options.UseStartTls)
            {
                await session.CommandAsync("STARTTLS", 220, token);
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host }, token);
                stream = ssl;
                session.Dispose();
                session = new Session(stream);
                await session.CommandAsync("EHLO " + Environment.MachineName, 250, token);
            }
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await session.CommandAsync("AUTH LOGIN", 334, token);
                await session.CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(options.UserName)), 334, token);
                await session.CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Password ?? string.Empty)), 235, token);
            }
            await session.CommandAsync($"MAIL FROM:<{options.Sender}>", 250, token);
            await session.CommandAsync($"RCPT TO:<{message.To}>", 250, token);
            await session.CommandAsync("DATA", 354, token);
            await session.WriteRawAsync(Compose(message) + ".\r\n", token);
            await session.ExpectAsync(250, token);
            await session.CommandAsync("QUIT", 221, token);
        }
        finally
        {
            session.Dispose();
            await stream.DisposeAsync();
        }
    }

    /// <summary>The message as sent after DATA (headers, blank line, base64 body), lines ending in CRLF.</summary>
    internal string Compose(MailMessage message)
    {
        var sb = new StringBuilder();
        sb.Append("From: ").Append(EncodeWord(options.SenderName)).Append(" <").Append(options.Sender).Append(">\r\n");
        sb.Append("To: ").Append(message.ToName is null ? string.Empty : EncodeWord(message.ToName) + " ").Append('<').Append(message.To).Append(">\r\n");
        sb.Append("Subject: ").Append(EncodeWord(message.Subject)).Append("\r\n");
        sb.Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)).Append("\r\n");
        sb.Append("Message-ID: <").Append(Guid.NewGuid().ToString("N")).Append('@').Append(options.Sender.Split('@').Last()).Append(">\r\n");
        sb.Append("MIME-Version: 1.0\r\n");
        sb.Append("Content-Type: text/plain; charset=utf-8\r\n");
        sb.Append("Content-Transfer-Encoding: base64\r\n\r\n");
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Body.ReplaceLineEndings("\r\n")));
        for (var i = 0; i < body.Length; i += 76)
        {
            sb.Append(body.AsSpan(i, Math.Min(76, body.Length - i))).Append("\r\n");
        }
        return sb.ToString();
    }

    private static string EncodeWord(string text) =>
        text.All(c => c is >= ' ' and <= '~') ? text : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    private static bool IsAddress(string address) =>
        address.Length is > 2 and < 255 && address.Count(c => c == '@') == 1 && !address.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '\r' or '\n');

    /// <summary>The replies of the server are read through a reader of its own that leaves the stream open.</summary>
    private sealed class Session(Stream stream) : IDisposable
    {
        private readonly StreamReader _reader = new(stream, Encoding.ASCII, false, 1024, leaveOpen: true);

        public async Task CommandAsync(string command, int expected, CancellationToken ct)
        {
            await WriteRawAsync(command + "\r\n", ct);
            await ExpectAsync(expected, ct);
        }

        public async Task WriteRawAsync(string text, CancellationToken ct)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
            await stream.FlushAsync(ct);
        }

        public async Task ExpectAsync(int expected, CancellationToken ct)
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(ct) ?? throw new SmtpException("The SMTP server closed the connection.");
                if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                {
                    throw new SmtpException($"Unexpected SMTP reply: {line}");
                }
                if (line.Length > 3 && line[3] == '-')
                {
                    continue;
                }
                if (code != expected)
                {
                    throw new SmtpException($"SMTP server replied {line} (expected {expected}).");
                }
                return;
            }
        }

        public void Dispose() => _reader.Dispose();
    }
}
