namespace Keyfolio.Simulator.Throttling;

/// <summary>The limits every exchange publishes, as each exchange's site declares them, by rule name.</summary>
internal static class RateLimitRules
{
    public static IReadOnlyList<RateLimitRule> All { get; } = [.. SimulatorExchanges.Registered.SelectMany(e => e.RateLimits)];

    public static IReadOnlyList<string> Known { get; } = [.. All.Select(rule => rule.Name)];
}
