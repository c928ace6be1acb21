using System.Globalization;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Storage;
using Keyfolio.Vault.Audit;
using Microsoft.Extensions.Logging;
using Keyfolio.Exchanges.Logging;

namespace Keyfolio.Core.Alerts;

/// <summary>
/// Delivers the queued alerts to every channel that is on, oldest first: an alert a receiver refused or did not answer
/// is tried again later, each wait twice the one before (30 s, 1 min, 2 min … up to an hour), until it is delivered or
/// the attempts run out. Each attempt is written to the audit log — the channel and the outcome, never the alert's
/// text or the receiver's address. Needs no unlocked vault. The host runs it in the background, apart from the sync.
/// </summary>
public sealed partial class AlertDispatcher
{
    private const string Actor = "alerts";
    private const int Batch = 50;

    /// <summary>How long a server's claim on sending one alert lasts: well past the channels' own time limits.</summary>
    private static readonly TimeSpan DeliveryClaim = TimeSpan.FromMinutes(5);

    /// <summary>The test's outcome for a channel whose secret is in the locked vault.</summary>
    internal const string WaitsForVault = "not sent: its secret is in the vault, which is locked";

    private readonly AlertRepository _alerts;
    private readonly AuditTrail _audit;
    private readonly AlertOptions _options;
    private readonly AlertRulesService _rules;
    private readonly AlertChannelSecrets _channelSecrets;
    private readonly IReadOnlyList<IAlertChannel> _channels;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertDispatcher> _logger;
    private readonly SemaphoreSlim _delivering = new(1, 1);
    private readonly string _holder = ClaimHolder.NewName();

    internal AlertDispatcher(KeyfolioDatabase database, AuditTrail audit, AlertOptions options, AlertRulesService rules, AlertChannelSecrets channelSecrets, IReadOnlyList<IAlertChannel> channels, TimeProvider time, ILogger<AlertDispatcher> logger)
    {
        _alerts = new AlertRepository(database);
        _audit = audit;
        _options = options;
        _rules = rules;
        _channelSecrets = channelSecrets;
        _channels = channels;
        _time = time;
        _logger = logger;
    }

    /// <summary>The names of the channels that are configured (whether or not the person paused them).</summary>
    public IReadOnlyList<string> ChannelsOn => [.. _channels.Where(c => c.IsOn).Select(c => c.Name)];

    /// <summary>
    /// Sends every alert that is due to every channel that is on and not paused; in quiet hours only the critical ones
    /// (the others wait for the end). A channel whose secret is in the locked vault waits too. Returns how many were delivered.
    /// </summary>
    public async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        await _delivering.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rules = await _rules.GetAsync(cancellationToken).ConfigureAwait(false);
            var criticalOnly = rules.Quiet?.Contains(_time.GetUtcNow()) == true;
            var waiting = await _channelSecrets.PrepareAsync(cancellationToken).ConfigureAwait(false);
            var delivered = 0;
            foreach (var channel in _channels.Where(c => c.IsOn && !rules.Paused.Contains(c.Name) && !waiting.Contains(c.Name)))
            {
                delivered += await DeliverToAsync(channel, criticalOnly, cancellationToken).ConfigureAwait(false);
            }

            return delivered;
        }
        finally
        {
            _delivering.Release();
        }
    }

    /// <summary>
    /// Sends one test alert to every channel that is on, now and once (not queued, not retried), and says how each went;
    /// each attempt is written to the audit log like any delivery.
    /// </summary>
    public async Task<IReadOnlyList<(string Channel, bool Delivered, string Outcome)>> SendTestAsync(CancellationToken cancellationToken)
    {
        var alert = new AlertEvent
        {
            Type = AlertType.Test,
            Severity = AlertSeverity.Info,
            Message = AlertTexts.TestMessage,
            Fix = AlertTexts.NothingToDo,
            At = _time.GetUtcNow(),
        };
        var results = new List<(string, bool, string)>();
        var paused = (await _rules.GetAsync(cancellationToken).ConfigureAwait(false)).Paused;
        var waiting = await _channelSecrets.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var channel in _channels.Where(c => c.IsOn && !paused.Contains(c.Name)))
        {
            if (waiting.Contains(channel.Name))
            {
                results.Add((channel.Name, false, WaitsForVault));
                continue;
            }

            var attempt = await channel.SendAsync(alert, cancellationToken).ConfigureAwait(false);
            results.Add((channel.Name, attempt.Delivered, attempt.Outcome));
            await AuditAsync(alert, $"{channel.Name} {AlertCodes.ToCode(alert.Type)}: {(attempt.Delivered ? "delivered" : "failed")} ({attempt.Outcome})", cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>When the next failed delivery is due again; null when none waits.</summary>
    public async Task<DateTimeOffset?> NextRetryAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? next = null;
        var since = _time.GetUtcNow() - _options.DeliverWithin;
        foreach (var channel in _channels.Where(c => c.IsOn))
        {
            if (await _alerts.NextRetryAsync(channel.Name, since, _options.MaxAttempts, cancellationToken).ConfigureAwait(false) is { } at && (next is null || at < next))
            {
                next = at;
            }
        }

        return next;
    }

    private async Task<int> DeliverToAsync(IAlertChannel channel, bool criticalOnly, CancellationToken cancellationToken)
    {
        var delivered = 0;
        var now = _time.GetUtcNow();
        var pending = await _alerts.PendingAsync(channel.Name, now, now - _options.DeliverWithin, _options.MaxAttempts, Batch, criticalOnly, cancellationToken).ConfigureAwait(false);
        foreach (var (alert, attempts) in pending)
        {
            // Another server on the database may be sending it, or have sent it since the list was read.
            if (!await _alerts.TryClaimDeliveryAsync(alert.Id, channel.Name, _holder, _time.GetUtcNow(), _time.GetUtcNow() + DeliveryClaim, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var attempt = await channel.SendAsync(alert, cancellationToken).ConfigureAwait(false);
            var at = _time.GetUtcNow();
            DateTimeOffset? next = null;
            string outcome;
            if (attempt.Delivered)
            {
                delivered++;
                outcome = $"{channel.Name} {AlertCodes.ToCode(alert.Type)} #{alert.Id.ToString(CultureInfo.InvariantCulture)}: delivered ({attempt.Outcome})";
            }
            else
            {
                var wait = TimeSpan.FromTicks(Math.Min(_options.RetryMaxDelay.Ticks, _options.RetryBaseDelay.Ticks * (1L << Math.Min(attempts, 20))));
                next = at + wait;
                var last = attempts + 1 >= _options.MaxAttempts;
                outcome = $"{channel.Name} {AlertCodes.ToCode(alert.Type)} #{alert.Id.ToString(CultureInfo.InvariantCulture)}: failed ({attempt.Outcome})" + (last ? ", given up" : $", next attempt at {next.Value.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
                LogDeliveryFailed(_logger, channel.Name, alert.Id, attempt.Outcome);
            }

            await _alerts.RecordAttemptAsync(alert.Id, channel.Name, attempt.Delivered, at, next, attempt.Outcome, cancellationToken).ConfigureAwait(false);
            await AuditAsync(alert, outcome, cancellationToken).ConfigureAwait(false);
            if (!attempt.Delivered)
            {
                // The receiver is failing: the rest wait for the next round rather than each meeting the same failure now.
                break;
            }
        }

        return delivered;
    }

    /// <summary>
    /// Records the attempt. A log that refuses entries (its chain found broken) does not stop the alert that says so:
    /// sending an alert uses no key and changes nothing, and the refusal is logged instead.
    /// </summary>
    private async Task AuditAsync(AlertEvent alert, string outcome, CancellationToken cancellationToken)
    {
        try
        {
            await _audit.AppendAsync(new AuditEvent(Actor, AuditAction.AlertDelivery) { ConnectionId = alert.ConnectionId, Outcome = outcome }, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            LogAuditRefused(_logger, alert.Id, exception.Problem.ToString());
        }
    }

    [LoggerMessage(EventId = KeyfolioEventIds.AlertDeliveryFailed, Level = LogLevel.Warning, Message = "Alert {AlertId} could not be delivered to the {Channel} channel ({Outcome}); it is tried again later")]
    private static partial void LogDeliveryFailed(ILogger logger, string channel, long alertId, string outcome);

    [LoggerMessage(EventId = KeyfolioEventIds.AlertDeliveryNotAudited, Level = LogLevel.Warning, Message = "The delivery of alert {AlertId} could not be written to the audit log ({Problem})")]
    private static partial void LogAuditRefused(ILogger logger, long alertId, string problem);
}
