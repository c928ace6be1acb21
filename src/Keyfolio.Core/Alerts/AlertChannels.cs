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

/// <summary>
/// The channels' secrets, given by configuration (<c>KEYFOLIO_ALERTS__WEBHOOK__SECRET</c>) for deployments that keep
/// secrets in the environment: held as pinned bytes, used in place (the webhook's HMAC is computed here), never
/// returned, printed or stored.
/// </summary>
public sealed class AlertSecrets : IDisposable
{
    private readonly Lock _gate = new();
    private byte[]? _webhook;

    /// <summary>True when a webhook secret is set, so bodies are signed.</summary>
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

    /// <summary>Sets (or, with an empty value, clears) the webhook secret.</summary>
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

    public override string ToString() => HasWebhookSecret ? "AlertSecrets(webhook: ***)" : "AlertSecrets(none)";

    public void Dispose()
    {
        lock (_gate)
        {
            Clear();
        }
    }

    private void Clear()
    {
        if (_webhook is { } old)
        {
            CryptographicOperations.ZeroMemory(old);
        }

        _webhook = null;
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
