namespace Keyfolio.Exchanges;

/// <summary>Tunables of the exchange connectors. Never holds credentials.</summary>
public sealed class ExchangeClientOptions
{
    public const string SectionName = "Keyfolio:Exchanges";

    /// <summary>How long one request may take before it counts as unanswered.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of idempotent reads after a transient failure (5xx, timeout, connection failure). Never after a refusal.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's delay; later ones back off exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The longest a call waits for rate-limit budget; beyond it the call is refused with "rate limited until T".</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Pace calls by each exchange's published rate limits. Turn off only against a simulator or proxy that
    /// does not limit, such as in benchmarks.</summary>
    public bool RespectRateLimits { get; set; } = true;

    /// <summary>How often an exchange's clock offset is measured again when no timestamp error asks for it sooner.</summary>
    public TimeSpan ClockResyncInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Where per-key state lives (Bitfinex and Kraken nonces, unless another <see cref="INonceStore"/> is given). Defaults to <c>keyfolio/exchanges</c> under the per-user data folder.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Routes every connection of an exchange (optionally of one region and environment) to another base URL,
    /// such as a simulator or a proxy, while each connection keeps its own region and environment.</summary>
    public IList<ExchangeHostOverride> HostOverrides { get; } = [];

    internal string ResolvedStateDirectory => StateDirectory ?? Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "keyfolio",
        "exchanges");
}

/// <summary>A base URL for an exchange; <see cref="Region"/> and <see cref="Environment"/> left empty match any.</summary>
public sealed class ExchangeHostOverride
{
    public ExchangeId Exchange { get; set; }

    public string? Region { get; set; }

    public ExchangeEnvironment? Environment { get; set; }

    public Uri? BaseUrl { get; set; }
}
