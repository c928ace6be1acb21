using Keyfolio.Exchanges;

namespace Keyfolio.Core.Alerts;

/// <summary>What an alert is about. Each has a stable code (<see cref="AlertCodes"/>) that channels send and the database keeps.</summary>
public enum AlertType
{
    /// <summary>A key's status changed to a failure: invalid, wrong passphrase, IP not allowed, expired, missing permission…</summary>
    KeyFailing,

    /// <summary>A failing key works again.</summary>
    KeyRecovered,

    /// <summary>A key expires within one of the thresholds (7 days, then 1 day by default).</summary>
    KeyExpiring,

    /// <summary>A key can now withdraw funds.</summary>
    WithdrawRight,

    /// <summary>A key can now transfer funds between accounts.</summary>
    TransferRight,

    /// <summary>A key can now trade.</summary>
    TradeRight,

    /// <summary>A key has not been used successfully for the unused period (30 days by default).</summary>
    KeyUnused,

    /// <summary>A connection's latest balance reading missed a wallet.</summary>
    BalanceIncomplete,

    /// <summary>A connection's balances have not been read for longer than the stale period (a day by default).</summary>
    BalanceStale,

    /// <summary>The audit log's chain was found broken (or its key file cannot be read).</summary>
    AuditChainBroken,

    /// <summary>Unlocking failed more often than the threshold since the last successful unlock.</summary>
    UnlockFailures,

    /// <summary>The portfolio's value fell by more than the chosen share between two readings (off unless a share is chosen).</summary>
    ValueDrop,

    /// <summary>Sent on request to try the channels; never queued or kept.</summary>
    Test,
}

/// <summary>How much an alert matters.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>The stable codes of alert types and severities; codes never change once released.</summary>
public static class AlertCodes
{
    private static readonly Dictionary<AlertType, string> Types = new()
    {
        [AlertType.KeyFailing] = "key.failing",
        [AlertType.KeyRecovered] = "key.recovered",
        [AlertType.KeyExpiring] = "key.expiring",
        [AlertType.WithdrawRight] = "key.withdraw_right",
        [AlertType.TransferRight] = "key.transfer_right",
        [AlertType.TradeRight] = "key.trade_right",
        [AlertType.KeyUnused] = "key.unused",
        [AlertType.BalanceIncomplete] = "balance.incomplete",
        [AlertType.BalanceStale] = "balance.stale",
        [AlertType.AuditChainBroken] = "audit.chain_broken",
        [AlertType.UnlockFailures] = "vault.unlock_failures",
        [AlertType.ValueDrop] = "portfolio.value_drop",
        [AlertType.Test] = "alert.test",
    };

    private static readonly Dictionary<string, AlertType> ByCode = Types.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string ToCode(AlertType type) =>
        Types.TryGetValue(type, out var code) ? code : throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown alert type.");

    public static bool TryParse(string code, out AlertType type) => ByCode.TryGetValue(code, out type);

    /// <summary>The event's name as the person reads it (Settings, the CLI).</summary>
    public static LocalizedText Title(AlertType type) => AlertTexts.Title(type);

    public static string ToCode(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        AlertSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static AlertSeverity ParseSeverity(string code) => code switch
    {
        "info" => AlertSeverity.Info,
        "warning" => AlertSeverity.Warning,
        "critical" => AlertSeverity.Critical,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}

/// <summary>
/// One alert as it is queued: what happened, how much it matters, the connection it concerns (label and exchange,
/// never the key), and a message and fix in every language Keyfolio speaks. Never carries a key or a secret, nor a balance figure
/// unless the person chose to have figures in alerts (<see cref="AlertRules.IncludeFigures"/>).
/// </summary>
public sealed record AlertEvent
{
    public long Id { get; init; }

    public required AlertType Type { get; init; }

    public required AlertSeverity Severity { get; init; }

    /// <summary>The connection the alert concerns; null for the vault and the audit log.</summary>
    public string? ConnectionId { get; init; }

    public string? ConnectionLabel { get; init; }

    public ExchangeId? Exchange { get; init; }

    public required LocalizedText Message { get; init; }

    public required LocalizedText Fix { get; init; }

    /// <summary>When the event was detected.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>When the person read it in the app; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; init; }

    /// <summary>The exchange's name as people know it, or null.</summary>
    public string? ExchangeName => Exchange is { } exchange ? ExchangeCatalog.Get(exchange).DisplayName : null;
}
