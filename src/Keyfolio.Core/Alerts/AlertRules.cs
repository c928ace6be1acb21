namespace Keyfolio.Core.Alerts;

/// <summary>
/// What the person chose to be told and when: the events that raise alerts, the thresholds, the quiet hours and the
/// channels held back. Kept in the settings table; what was never chosen comes from <see cref="AlertOptions"/>.
/// </summary>
public sealed record AlertRules
{
    /// <summary>The events that can be turned off: every type but the test alert and <see cref="AlwaysOn"/>.</summary>
    public static readonly IReadOnlyList<AlertType> Optional =
    [
        AlertType.KeyFailing, AlertType.KeyRecovered, AlertType.KeyExpiring, AlertType.TransferRight, AlertType.TradeRight,
        AlertType.KeyUnused, AlertType.BalanceIncomplete, AlertType.BalanceStale, AlertType.UnlockFailures,
    ];

    /// <summary>A key that can withdraw and a broken audit log are dangers in themselves: they always raise an alert.</summary>
    public static readonly IReadOnlyList<AlertType> AlwaysOn = [AlertType.WithdrawRight, AlertType.AuditChainBroken];

    /// <summary>The channels that can be held back (the in-app list always has every alert).</summary>
    public static readonly IReadOnlyList<string> PausableChannels = [WebhookChannel.ChannelName, EmailChannel.ChannelName];

    public const int MaxExpiryThresholds = 4;

    /// <summary>Events that raise no alert.</summary>
    public IReadOnlySet<AlertType> Off { get; init; } = new HashSet<AlertType>();

    /// <summary>A key expiring within each of these raises one alert, the nearest last.</summary>
    public required IReadOnlyList<TimeSpan> ExpiryThresholds { get; init; }

    public required TimeSpan UnusedAfter { get; init; }

    public required TimeSpan StaleAfter { get; init; }

    public required int UnlockFailureThreshold { get; init; }

    /// <summary>When only critical alerts go out to the channels; null when there are no quiet hours.</summary>
    public QuietHours? Quiet { get; init; }

    /// <summary>Channels that are configured but get nothing for now (their alerts stay in the app).</summary>
    public IReadOnlySet<string> Paused { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// A fall of the portfolio's value by more than this share (whole per cent, 1 to 90) between two readings raises
    /// <see cref="AlertType.ValueDrop"/>; null, the default, raises nothing.
    /// </summary>
    public int? ValueDropPercent { get; init; }

    /// <summary>Whether alerts may carry amounts (the values before and after a drop). Off by default: an alert goes to
    /// channels the person may not control end to end (a chat service, a mail provider).</summary>
    public bool IncludeFigures { get; init; }

    public bool IsOn(AlertType type) => type == AlertType.ValueDrop ? ValueDropPercent is not null : AlwaysOn.Contains(type) || !Off.Contains(type);

    /// <summary>The rules as configured, before the person chose anything.</summary>
    public static AlertRules From(AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AlertRules
        {
            ExpiryThresholds = [.. options.ExpiryThresholds.OrderByDescending(t => t)],
            UnusedAfter = options.UnusedAfter,
            StaleAfter = options.StaleAfter,
            UnlockFailureThreshold = options.UnlockFailureThreshold,
            ValueDropPercent = options.ValueDropPercent,
            IncludeFigures = options.IncludeFigures,
        };
    }
}

/// <summary>
/// A daily span, in the person's time zone, during which only critical alerts are sent; the others wait for its end
/// (the in-app list shows them at once). A span whose end is before its start runs over midnight (22:00–07:00).
/// </summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To, string TimeZoneId)
{
    public bool Contains(DateTimeOffset at)
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
        return From < To ? local >= From && local < To : local >= From || local < To;
    }

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>The span as people write it: <c>22:00-07:00</c>.</summary>
    public string Span => $"{From:HH\\:mm}-{To:HH\\:mm}";
}
