using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Http;

/// <summary>
/// Every rate-limit budget of the process, keyed the way each exchange counts (per IP, or per account and endpoint),
/// so all connections to one exchange share them. A call reserves its cost in every budget it counts against; when
/// that means waiting longer than allowed, or the exchange has banned us until a time, it is refused with that time.
/// </summary>
internal sealed class RateLimitBudgets(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SlidingWindowBudget> _budgets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _accountOfKey = new(StringComparer.Ordinal);

    /// <summary>Records which exchange account a key belongs to, so keys of one account share its budgets.</summary>
    public void LinkAccount(ExchangeId exchange, string apiKey, string accountId) =>
        _accountOfKey[exchange.ToName() + "|" + Fingerprint(apiKey)] = "account:" + accountId;

    public IReadOnlyList<string> BudgetKeys(ExchangeId exchange, IReadOnlyList<RateLimitRule> rules, Uri baseUrl, string? apiKey)
    {
        var keys = new string[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            keys[i] = string.Concat(exchange.ToName(), "|", rules[i].Name, "|", Scope(exchange, rules[i], baseUrl, apiKey));
        }

        return keys;
    }

    /// <summary>Reserves the call; returns how long to wait before sending, or the time calls may resume when refused.</summary>
    public Reservation Reserve(IReadOnlyList<string> keys, IReadOnlyList<RateLimitRule> rules, int cost, TimeSpan maxWait)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var budgets = new SlidingWindowBudget[keys.Count];
            var start = now;
            for (var i = 0; i < keys.Count; i++)
            {
                budgets[i] = Budget(keys[i], rules[i]);
                var earliest = budgets[i].EarliestStart(now, cost);
                start = earliest > start ? earliest : start;
            }

            if (start - now > maxWait)
            {
                return new Reservation(false, TimeSpan.Zero, start);
            }

            foreach (var budget in budgets)
            {
                budget.Reserve(start, cost);
            }

            return new Reservation(true, start - now, start);
        }
    }

    /// <summary>Obeys the exchange: nothing under these budgets is sent before <paramref name="until"/>.</summary>
    public void Block(IReadOnlyList<string> keys, IReadOnlyList<RateLimitRule> rules, DateTimeOffset until)
    {
        lock (_lock)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                var budget = Budget(keys[i], rules[i]);
                if (until > budget.BlockedUntil)
                {
                    budget.BlockedUntil = until;
                }
            }
        }
    }

    private SlidingWindowBudget Budget(string key, RateLimitRule rule)
    {
        if (!_budgets.TryGetValue(key, out var budget))
        {
            // A margin over the window absorbs the time between our send and the server's count.
            var margin = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, rule.Window.Ticks / 50));
            budget = new SlidingWindowBudget(rule.Limit, rule.Window + margin);
            _budgets[key] = budget;
        }

        return budget;
    }

    private string Scope(ExchangeId exchange, RateLimitRule rule, Uri baseUrl, string? apiKey)
    {
        if (rule.Scope == RateLimitScope.Ip || apiKey is null)
        {
            return "ip:" + baseUrl.GetLeftPart(UriPartial.Authority);
        }

        var fingerprint = Fingerprint(apiKey);
        return _accountOfKey.TryGetValue(exchange.ToName() + "|" + fingerprint, out var account) ? account : "key:" + fingerprint;
    }

    internal static string Fingerprint(string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)).AsSpan(0, 12));
}

/// <summary>A budget's answer: granted after <see cref="Wait"/>, or refused until <see cref="At"/>.</summary>
internal readonly record struct Reservation(bool Granted, TimeSpan Wait, DateTimeOffset At);
