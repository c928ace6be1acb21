namespace Keyfolio.Exchanges.Http;

/// <summary>How an exchange counts one of its limits (each exchange's protocol cites its documentation; docs/exchanges.md).</summary>
internal enum RateLimitScope
{
    /// <summary>Shared by every call from this host's IP address (Binance weight, public endpoints).</summary>
    Ip,

    /// <summary>Per exchange account: every key of one account shares it (OKX, HTX, Gate private endpoints).</summary>
    Account,
}

/// <summary>A limit of <paramref name="Limit"/> cost units per <paramref name="Window"/>, counted per <paramref name="Scope"/>;
/// <paramref name="Name"/> separates per-endpoint limits.</summary>
internal sealed record RateLimitRule(string Name, int Limit, TimeSpan Window, RateLimitScope Scope);
