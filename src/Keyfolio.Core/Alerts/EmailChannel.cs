using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Keyfolio.Core.Alerts;

/// <summary>
/// Sends each alert as one plain-text e-mail (UTF-8, so Chinese reads as written) over SMTP: STARTTLS that must
/// succeed, TLS from the start, or — to a relay on this machine only — no encryption; authenticated when a user name
/// is set. The server's certificate must be trusted by the system, or match the SHA-256 fingerprint configured for a
/// relay with a certificate of its own. Never writes the password, the recipients or the text to a log or an outcome.
/// </summary>
internal sealed class EmailChannel(AlertOptions options, AlertSecrets secrets, TimeProvider time) : IAlertChannel
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public const string ChannelName = "email";

    public string Name => ChannelName;

    public bool IsOn => Email.IsOn;

    /// <summary>The mail server in use: the configured one, else the one set on Settings.</summary>
    private EmailOptions Email => options.Email.IsOn ? options.Email : secrets.StoredEmail ?? options.Email;

    public async Task<DeliveryAttempt> SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        var email = Email;
        using var message = Build(alert);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (email.CertificateSha256 is { } pin && certificate is not null
                && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(pin), SHA256.HashData(certificate.GetRawCertData())));
        try
        {
            var socket = email.Security switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(email.Host!, email.EffectivePort, socket, cancellationToken).ConfigureAwait(false);
            if (email.UserName is { } user)
            {
                await secrets.WithSmtpPassword(password => client.AuthenticateAsync(user, password, cancellationToken)).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return new DeliveryAttempt(true, "SMTP accepted");
        }
        catch (AuthenticationException)
        {
            return new DeliveryAttempt(false, "SMTP refused the user name or password");
        }
        catch (SslHandshakeException)
        {
            return new DeliveryAttempt(false, "SMTP certificate not trusted");
        }
        catch (SmtpCommandException exception)
        {
            return new DeliveryAttempt(false, "SMTP " + ((int)exception.StatusCode).ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception exception) when (exception is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException or NotSupportedException)
        {
            return new DeliveryAttempt(false, "no answer from the mail server");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(false, "no answer in time");
        }
    }

    internal MimeMessage Build(AlertEvent alert)
    {
        var email = Email;
        var culture = options.Culture;
        var title = AlertTexts.Title(alert.Type).For(culture);
        var subject = alert.ConnectionLabel is null ? $"Keyfolio: {title}" : $"Keyfolio: {title} — {alert.ConnectionLabel}";
        var lines = new List<string> { alert.Message.For(culture), string.Empty, alert.Fix.For(culture), string.Empty };
        if (alert.ConnectionLabel is not null)
        {
            lines.Add($"{alert.ConnectionLabel} ({alert.ExchangeName})");
        }

        lines.Add(alert.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        var message = new MimeMessage { Subject = subject, Date = time.GetUtcNow() };
        message.From.Add(MailboxAddress.Parse(email.From!));
        foreach (var to in email.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Headers.Add("X-Keyfolio-Alert", AlertCodes.ToCode(alert.Type));
        message.Headers.Add("X-Keyfolio-Severity", AlertCodes.ToCode(alert.Severity));
        var body = new TextPart("plain") { Text = string.Join("\n", lines) };
        body.ContentType.Charset = "utf-8";
        message.Body = body;
        return message;
    }
}
