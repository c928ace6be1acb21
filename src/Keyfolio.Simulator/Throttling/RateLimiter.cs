using System.Collections.Concurrent;
using Keyfolio.Simulator.Accounts;

namespace Keyfolio.Simulator.Throttling;

/// <summary>The outcome of counting one request against a rule's current window.</summary>
internal readonly record struct RateDecision(bool Allowed, int Limit, int Used, DateTimeOffset ResetAt)
{
    public int Remaining => Math.Max(0, Limit - Used);

    public int RetryAfterSeconds(DateTimeOffset now) => Math.Max(1, (int)Math.Ceiling((ResetAt - now).TotalSeconds));
}

/// <summary>
/// Fixed windows aligned to the epoch (Binance's minute starts on the minute), counted per rule, scope and
/// endpoint. A request over the limit is refused and not counted.
/// </summary>
internal sealed class RateLimiter(SimulatorRateLimits settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<WindowKey, Window> _windows = new();

    public bool Enabled => settings.Enabled;

    /// <summary>The limit in force for a rule: the configured one (<c>rateLimits.limits</c>), else the rule's own.</summary>
    public int LimitOf(RateLimitRule rule) => settings.Limits.TryGetValue(rule.Name, out var configured) ? configured : rule.Limit;

    public RateDecision Hit(RateLimitRule rule, string scope, string endpoint, int cost = 1)
    {
        var limit = LimitOf(rule);
        var now = time.GetUtcNow();
        var windowTicks = rule.Window.Ticks;
        var start = now.UtcTicks - (now.UtcTicks % windowTicks);
        var resetAt = new DateTimeOffset(start + windowTicks, TimeSpan.Zero);
        if (!settings.Enabled)
        {
            return new RateDecision(true, limit, 0, resetAt);
        }

        var window = _windows.GetOrAdd(new WindowKey(rule.Name, scope, endpoint), static _ => new Window());
        lock (window)
        {
            if (window.Start != start)
            {
                window.Start = start;
                window.Used = 0;
                window.Refusals = 0;
            }

            if (window.Used + cost > limit)
            {
                window.Refusals++;
                return new RateDecision(false, limit, window.Used, resetAt);
            }

            window.Used += cost;
            return new RateDecision(true, limit, window.Used, resetAt);
        }
    }

    /// <summary>How many requests of the current window were refused (Binance bans an address that keeps going).</summary>
    public int Refusals(RateLimitRule rule, string scope, string endpoint) =>
        _windows.TryGetValue(new WindowKey(rule.Name, scope, endpoint), out var window) ? window.Refusals : 0;

    public static string ScopeOf(RateLimitRule rule, string clientIp, SimAccount? account) => rule.Scope switch
    {
        RateScope.Uid => account?.Uid ?? clientIp,
        RateScope.Key => account?.ApiKey ?? clientIp,
        _ => clientIp,
    };

    private readonly record struct WindowKey(string Rule, string Scope, string Endpoint);

    private sealed class Window
    {
        public long Start { get; set; }

        public int Used { get; set; }

        public int Refusals { get; set; }
    }
}
