namespace Keyfolio.Simulator;

/// <summary>
/// A fault injected into one exchange's answers, optionally only for the listed API keys. Every setting
/// is off by default; several may be combined (latency with a share of 5xx answers, for instance).
/// </summary>
public sealed record SimulatorFault
{
    public string Exchange { get; init; } = "";

    /// <summary>When set, the fault touches only requests made with these keys.</summary>
    public IReadOnlyList<string>? ApiKeys { get; init; }

    /// <summary>When set, the fault touches only requests to these paths (one wallet's endpoint, say), and wins over
    /// a fault without paths for them.</summary>
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>Added before every answer.</summary>
    public int LatencyMs { get; init; }

    /// <summary>A random extra delay of up to this many milliseconds.</summary>
    public int JitterMs { get; init; }

    /// <summary>The share of requests (0 to 1) answered with the exchange's internal-error answer.</summary>
    public double ErrorRate { get; init; }

    /// <summary>429 (rate limited) or 418 (IP banned), in the exchange's own form, for every request.</summary>
    public int? ForcedStatus { get; init; }

    /// <summary>The <c>Retry-After</c> sent with a forced 429 or 418.</summary>
    public int RetryAfterSeconds { get; init; } = 60;

    /// <summary>Requests are accepted and never answered, until the client gives up.</summary>
    public bool Hang { get; init; }

    /// <summary>Successful answers arrive cut short, so their JSON does not parse.</summary>
    public bool MalformedJson { get; init; }

    /// <summary>Every request gets the exchange's maintenance answer.</summary>
    public bool Maintenance { get; init; }
}
