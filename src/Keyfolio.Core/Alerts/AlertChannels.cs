using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Core.Alerts;

/// <summary>How a webhook's body is shaped: Keyfolio's own signed JSON, or the form a notification service expects.</summary>
public enum WebhookPreset
{
    /// <summary><c>{type, severity, connection, exchange, message, fix, at}</c>, signed in <c>X-Keyfolio-Signature</c>.</summary>
    Json,

    /// <summary>An ntfy topic URL: the text as the body, the severity as <c>Priority</c> and <c>Tags</c>.</summary>
    Ntfy,

    /// <summary>A Slack incoming webhook: <c>{"text": …}</c>.</summary>
    Slack,

    /// <summary>A Discord webhook: <c>{"content": …}</c>.</summary>
    Discord,
}

/// <summary>The webhook channel: where alerts are posted and in which form. Its secret is given apart (<see cref="AlertSecrets"/>).</summary>
public sealed class WebhookOptions
{
    /// <summary>The receiver's address; null turns the channel off. It can itself be a credential (Slack's and Discord's
    /// carry a token in their path), so it is never logged or written to the audit log.</summary>
    public Uri? Url { get; set; }

    public WebhookPreset Preset { get; set; } = WebhookPreset.Json;
}

/// <summary>How the connection to the mail server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP upgraded with STARTTLS, which must succeed (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,

    /// <summary>No encryption: allowed only to a relay on this machine's loopback address.</summary>
    None,
}

/// <summary>The e-mail channel: the mail server, who sends and who receives. Its password is given apart (<see cref="AlertSecrets"/>).</summary>
public sealed class EmailOptions
{
    /// <summary>The mail server's host name; null turns the channel off.</summary>
    public string? Host { get; set; }

    /// <summary>The port; null takes the one of <see cref="Security"/> (587 for STARTTLS, 465 for TLS, 25 without).</summary>
    public int? Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>The user name to authenticate with; null sends without authenticating.</summary>
    public string? UserName { get; set; }

    /// <summary>The sender's address.</summary>
    public string? From { get; set; }

    /// <summary>Who receives the alerts.</summary>
    public IList<string> To { get; } = [];

    /// <summary>
    /// For a relay with a certificate of its own making: the SHA-256 fingerprint (hex) of the certificate to accept when
    /// it does not chain to a trusted root. Null accepts only certificates the system trusts.
    /// </summary>
    public string? CertificateSha256 { get; set; }

    public bool IsOn => Host is not null && From is not null && To.Count > 0;

    public int EffectivePort => Port ?? Security switch { SmtpSecurity.Tls => 465, SmtpSecurity.None => 25, _ => 587 };

    /// <summary>Throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public void Validate()
    {
        if (Host is null)
        {
            return;
        }

        if (Uri.CheckHostName(Host) == UriHostNameType.Unknown)
        {
            throw new ArgumentException("The mail server must be a host name or an IP address.", nameof(Host));
        }

        if (Port is < 1 or > 65535)
        {
            throw new ArgumentException("The mail server's port must be from 1 to 65535.", nameof(Port));
        }

        if (Security == SmtpSecurity.None && !IsLoopback(Host))
        {
            throw new ArgumentException("Mail without encryption is sent only to a relay on this machine (localhost, 127.0.0.1 or ::1); use STARTTLS or TLS for any other server.", nameof(Security));
        }

        if (From is null || !System.Net.Mail.MailAddress.TryCreate(From, out _))
        {
            throw new ArgumentException("The sender must be an e-mail address.", nameof(From));
        }

        if (To.Count == 0 || To.Any(to => !System.Net.Mail.MailAddress.TryCreate(to, out _)))
        {
            throw new ArgumentException("Give at least one recipient, each an e-mail address.", nameof(To));
        }

        if (CertificateSha256 is { } pin && (pin.Length != 64 || !pin.All(char.IsAsciiHexDigit)))
        {
            throw new ArgumentException("The certificate fingerprint must be 64 hexadecimal digits (SHA-256).", nameof(CertificateSha256));
        }
    }

    internal static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
}

/// <summary>Where a channel's secret comes from.</summary>
public enum ChannelSecretSource
{
    None,

    /// <summary>Given by configuration (<c>KEYFOLIO_ALERTS__WEBHOOK__SECRET</c>, <c>KEYFOLIO_ALERTS__SMTP__PASSWORD</c>).</summary>
    Environment,

    /// <summary>Stored encrypted in the vault and read from it while the vault is unlocked.</summary>
    Vault,
}

/// <summary>
/// The channels' secrets in use: given by configuration for deployments that keep secrets in the environment, or read
/// from the vault while it is unlocked (<see cref="AlertChannelSecrets"/>). Held as pinned bytes, used in place (the
/// webhook's HMAC is computed here), never returned, printed or stored. One from the environment wins over the vault's.
/// </summary>
public sealed class AlertSecrets : IDisposable
{
    private readonly Lock _gate = new();
    private byte[]? _webhook;
    private char[]? _smtpPassword;
    private bool _webhookFromVault;
    private bool _smtpFromVault;
    private WebhookOptions? _vaultWebhook;
    private EmailOptions? _storedEmail;

    /// <summary>True when a webhook secret is in use, so bodies are signed.</summary>
    public bool HasWebhookSecret
    {
        get
        {
            lock (_gate)
            {
                return _webhook is { Length: > 0 };
            }
        }
    }

    /// <summary>The webhook kept in the vault (its address can be a credential), while the vault is unlocked; null otherwise.</summary>
    internal WebhookOptions? VaultWebhook
    {
        get
        {
            lock (_gate)
            {
                return _vaultWebhook;
            }
        }
    }

    /// <summary>The mail server set on Settings (nothing secret: its password is apart), or null.</summary>
    internal EmailOptions? StoredEmail
    {
        get
        {
            lock (_gate)
            {
                return _storedEmail;
            }
        }

        set
        {
            lock (_gate)
            {
                _storedEmail = value;
            }
        }
    }

    /// <summary>Uses the webhook read from the vault until the vault locks.</summary>
    internal void UseWebhookFromVault(Uri url, WebhookPreset preset)
    {
        lock (_gate)
        {
            _vaultWebhook = new WebhookOptions { Url = url, Preset = preset };
        }
    }

    /// <summary>Forgets the webhook read from the vault.</summary>
    internal void ForgetVaultWebhook()
    {
        lock (_gate)
        {
            _vaultWebhook = null;
        }
    }

    /// <summary>Where the secret in use for <paramref name="channel"/> came from.</summary>
    public ChannelSecretSource SourceOf(string channel)
    {
        lock (_gate)
        {
            return channel switch
            {
                WebhookChannel.ChannelName => _webhook is null ? ChannelSecretSource.None : _webhookFromVault ? ChannelSecretSource.Vault : ChannelSecretSource.Environment,
                EmailChannel.ChannelName => _smtpPassword is null ? ChannelSecretSource.None : _smtpFromVault ? ChannelSecretSource.Vault : ChannelSecretSource.Environment,
                _ => ChannelSecretSource.None,
            };
        }
    }

    /// <summary>Sets (or, with an empty value, clears) the webhook secret given by configuration.</summary>
    public void SetWebhookSecret(ReadOnlySpan<char> secret)
    {
        lock (_gate)
        {
            Clear();
            if (!secret.IsEmpty)
            {
                _webhook = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(secret), pinned: true);
                Encoding.UTF8.GetBytes(secret, _webhook);
            }
        }
    }

    /// <summary>Sets (or, with an empty value, clears) the mail server's password given by configuration.</summary>
    public void SetSmtpPassword(ReadOnlySpan<char> password)
    {
        lock (_gate)
        {
            ClearSmtp();
            if (!password.IsEmpty)
            {
                _smtpPassword = GC.AllocateArray<char>(password.Length, pinned: true);
                password.CopyTo(_smtpPassword);
            }
        }
    }

    /// <summary>Takes the secret the vault holds for <paramref name="channel"/> (UTF-8), unless configuration gave one.</summary>
    internal void UseFromVault(string channel, ReadOnlySpan<byte> secret)
    {
        lock (_gate)
        {
            if (channel == WebhookChannel.ChannelName && (_webhook is null || _webhookFromVault))
            {
                if (_webhook is null || !CryptographicOperations.FixedTimeEquals(_webhook, secret))
                {
                    Clear();
                    _webhook = GC.AllocateArray<byte>(secret.Length, pinned: true);
                    secret.CopyTo(_webhook);
                }

                _webhookFromVault = true;
            }
            else if (channel == EmailChannel.ChannelName && (_smtpPassword is null || _smtpFromVault))
            {
                ClearSmtp();
                _smtpPassword = GC.AllocateArray<char>(Encoding.UTF8.GetCharCount(secret), pinned: true);
                Encoding.UTF8.GetChars(secret, _smtpPassword);
                _smtpFromVault = true;
            }
        }
    }

    /// <summary>Forgets the secrets read from the vault (on locking, or when removed from it); those from configuration stay.</summary>
    internal void ForgetVaultSecrets(string? channel = null)
    {
        lock (_gate)
        {
            if (channel is null)
            {
                _vaultWebhook = null;
            }

            if (_webhookFromVault && channel is null or WebhookChannel.ChannelName)
            {
                Clear();
            }

            if (_smtpFromVault && channel is null or EmailChannel.ChannelName)
            {
                ClearSmtp();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="use"/> with the mail server's password (empty when none is set). MailKit takes credentials as
    /// a string, so one lives only for the authentication and is left to the collector.
    /// </summary>
    internal T WithSmtpPassword<T>(Func<string, T> use)
    {
        string password;
        lock (_gate)
        {
            password = _smtpPassword is null ? string.Empty : new string(_smtpPassword);
        }

        return use(password);
    }

    /// <summary>HMAC-SHA256 of <paramref name="body"/> under the webhook secret, or false when none is set.</summary>
    internal bool TrySignWebhook(ReadOnlySpan<byte> body, Span<byte> mac)
    {
        lock (_gate)
        {
            if (_webhook is not { Length: > 0 } secret)
            {
                return false;
            }

            HMACSHA256.HashData(secret, body, mac);
            return true;
        }
    }

    public override string ToString() => $"AlertSecrets(webhook: {(HasWebhookSecret ? "***" : "none")}, smtp: {(_smtpPassword is null ? "none" : "***")})";

    public void Dispose()
    {
        lock (_gate)
        {
            Clear();
            ClearSmtp();
            _vaultWebhook = null;
        }
    }

    private void ClearSmtp()
    {
        if (_smtpPassword is { } old)
        {
            Array.Clear(old);
        }

        _smtpPassword = null;
        _smtpFromVault = false;
    }

    private void Clear()
    {
        if (_webhook is { } old)
        {
            CryptographicOperations.ZeroMemory(old);
        }

        _webhook = null;
        _webhookFromVault = false;
    }
}

/// <summary>How one attempt to deliver an alert went: delivered, or why not (never the receiver's address or answer body).</summary>
internal sealed record DeliveryAttempt(bool Delivered, string Outcome);

/// <summary>One way of telling the person: each alert queued is sent to every channel that is on.</summary>
internal interface IAlertChannel
{
    /// <summary>The name deliveries are recorded under (<c>webhook</c>, <c>email</c>).</summary>
    string Name { get; }

    bool IsOn { get; }

    Task<DeliveryAttempt> SendAsync(AlertEvent alert, CancellationToken cancellationToken);
}
