namespace Keyfolio.Simulator.Throttling;

/// <summary>Who shares a budget: the caller's address, the account (uid), or the API key.</summary>
internal enum RateScope
{
    Ip,
    Uid,
    Key,
}

/// <summary>One counted limit of one exchange: at most <see cref="Limit"/> units per <see cref="Window"/>.</summary>
internal sealed record RateLimitRule(string Name, int Limit, TimeSpan Window, RateScope Scope);
