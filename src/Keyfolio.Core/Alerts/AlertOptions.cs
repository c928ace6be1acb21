using System.Globalization;

namespace Keyfolio.Core.Alerts;

/// <summary>When alerts are raised and how their deliveries are retried. Never holds a channel's secret.</summary>
public sealed class AlertOptions
{
    /// <summary>A key expiring within each of these raises one alert (default 7 days, then 1 day).</summary>
    public IList<TimeSpan> ExpiryThresholds { get; } = [TimeSpan.FromDays(7), TimeSpan.FromDays(1)];

    /// <summary>A key without a successful use for this long is unused.</summary>
    public TimeSpan UnusedAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Balances not read for longer than this raise an alert (once per reading that went stale).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>This many failed unlocks since the last successful one raise an alert.</summary>
    public int UnlockFailureThreshold { get; set; } = 5;

    /// <summary>A fall of the portfolio's value by more than this many per cent between readings raises an alert; null (default) is off.</summary>
    public int? ValueDropPercent { get; set; }

    /// <summary>Whether alerts may carry amounts; off by default.</summary>
    public bool IncludeFigures { get; set; }

    /// <summary>The first retry of a failed delivery waits this long; each next one twice as long, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A delivery is given up after this many attempts.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Alerts older than this are no longer sent to a channel (one configured later does not get the backlog).</summary>
    public TimeSpan DeliverWithin { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the background check runs even when nothing wakes it (expiry approaching with no sync).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The language of the alerts sent: <c>en</c> (default) or <c>zh-Hans</c>.</summary>
    public string Language { get; set; } = "en";

    internal CultureInfo Culture => CultureInfo.GetCultureInfo(Language);

    /// <summary>The webhook channel; off until it has a URL.</summary>
    public WebhookOptions Webhook { get; } = new();

    /// <summary>The e-mail channel; off until it has a host, a sender and a recipient.</summary>
    public EmailOptions Email { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (ExpiryThresholds.Count == 0 || ExpiryThresholds.Any(t => t <= TimeSpan.Zero || t > TimeSpan.FromDays(365)))
        {
            throw new ArgumentException("Each expiry threshold must be more than zero and at most 365 days.", nameof(ExpiryThresholds));
        }

        if (UnusedAfter < TimeSpan.FromDays(1) || UnlockFailureThreshold < 1 || MaxAttempts < 1)
        {
            throw new ArgumentException($"{nameof(UnusedAfter)} must be at least a day, {nameof(UnlockFailureThreshold)} and {nameof(MaxAttempts)} at least 1.", nameof(UnusedAfter));
        }

        if (ValueDropPercent is < 1 or > 90)
        {
            throw new ArgumentException($"{nameof(ValueDropPercent)} must be from 1 to 90 per cent, or unset.", nameof(ValueDropPercent));
        }

        if (Language is not ("en" or "zh-Hans" or "zh-Hant" or "ja" or "ko"))
        {
            throw new ArgumentException($"{nameof(Language)} must be en, zh-Hans, zh-Hant, ja or ko.", nameof(Language));
        }

        if (Webhook.Url is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException("The webhook URL must be an absolute http or https address.", nameof(Webhook));
        }

        Email.Validate();

        if (StaleAfter < TimeSpan.FromHours(1) || StaleAfter > TimeSpan.FromDays(30))
        {
            throw new ArgumentException($"{nameof(StaleAfter)} must be from 1 hour to 30 days.", nameof(StaleAfter));
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay || DeliverWithin <= TimeSpan.Zero || CheckInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"{nameof(RetryBaseDelay)} must be positive and at most {nameof(RetryMaxDelay)}; {nameof(DeliverWithin)} positive; {nameof(CheckInterval)} at least a second.", nameof(RetryBaseDelay));
        }
    }
}
