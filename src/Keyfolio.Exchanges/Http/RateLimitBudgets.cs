using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Http;

/// <summary>
/// Every rate-limit budget of the process, keyed the way each exchange counts (per IP, or per account and endpoint),
/// so all connections to one exchange share them. A call takes its cost in every budget it counts against and holds it
/// until one window after its answer; when room would come later than allowed, or the exchange has banned us until a
/// time, it is refused with that time. Per-IP budgets admit this node's share of the address's limit: the whole of it,
/// or the limit divided by <see cref="AddressShare"/> when several nodes send from one address.
/// </summary>
internal sealed class RateLimitBudgets(TimeProvider time)
{
    private const string PerAddressScope = "ip:";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SlidingWindowBudget> _budgets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _fullLimits = new(StringComparer.Ordinal);
    private int _addressShare = 1;
    private readonly ConcurrentDictionary<string, string> _accountOfKey = new(StringComparer.Ordinal);
    private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Records which exchange account a key belongs to, so keys of one account share its budgets.</summary>
    public void LinkAccount(ExchangeId exchange, string apiKey, string accountId) =>
        _accountOfKey[exchange.ToName() + "|" + Fingerprint(apiKey)] = "account:" + accountId;

    /// <summary>
    /// How many nodes send from this node's egress address, at least 1. Each per-IP budget admits the rule's limit
    /// divided by it (rounded down, at least 1) per window; a change applies at once to the budgets in use, whose held
    /// calls stay counted, and wakes the calls waiting for room.
    /// </summary>
    public int AddressShare
    {
        get
        {
            lock (_lock)
            {
                return _addressShare;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (_lock)
            {
                if (value == _addressShare)
                {
                    return;
                }

                _addressShare = value;
                foreach (var (key, full) in _fullLimits)
                {
                    _budgets[key].Limit = ShareOf(full);
                }
            }

            WakeWaiting();
        }
    }

    public IReadOnlyList<string> BudgetKeys(ExchangeId exchange, IReadOnlyList<RateLimitRule> rules, Uri baseUrl, string? apiKey)
    {
        var keys = new string[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            keys[i] = string.Concat(exchange.ToName(), "|", rules[i].Name, "|", Scope(exchange, rules[i], baseUrl, apiKey));
        }

        return keys;
    }

    /// <summary>
    /// Admits the call in every budget it counts against, waiting for room when it fits within
    /// <paramref name="maxWait"/>; otherwise refuses it with the earliest time calls may resume. The lease must be
    /// answered (<see cref="Answered"/>) when the attempt ends, however it ends.
    /// </summary>
    public async ValueTask<BudgetAdmission> AcquireAsync(
        IReadOnlyList<string> keys, IReadOnlyList<RateLimitRule> rules, int cost, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + maxWait;
        while (true)
        {
            Task answered;
            DateTimeOffset now;
            DateTimeOffset? retryAt;
            lock (_lock)
            {
                now = time.GetUtcNow();
                if (TryTake(keys, rules, cost, now, out var lease, out retryAt))
                {
                    return new BudgetAdmission(lease, now);
                }

                answered = _answered.Task;
            }

            // Room made only by answers to calls in flight: the soonest it can come is one window after now.
            var resumeAt = retryAt ?? now + LongestWindow(rules);
            if (resumeAt > deadline || (retryAt is null && now >= deadline))
            {
                return new BudgetAdmission(null, resumeAt);
            }

            var wakeAt = retryAt ?? deadline;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wakeAt - now, time, timeout.Token);
            await Task.WhenAny(answered, delay).ConfigureAwait(false);
            await timeout.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The synchronous decision behind <see cref="AcquireAsync"/>: all budgets admit the call, or none.</summary>
    public bool TryTake(
        IReadOnlyList<string> keys, IReadOnlyList<RateLimitRule> rules, int cost, DateTimeOffset now, out BudgetLease? lease, out DateTimeOffset? retryAt)
    {
        lock (_lock)
        {
            var budgets = new SlidingWindowBudget[keys.Count];
            var fits = true;
            var waitingOnAnswers = false;
            DateTimeOffset? latest = null;
            for (var i = 0; i < keys.Count; i++)
            {
                budgets[i] = Budget(keys[i], rules[i]);
                if (!budgets[i].Fits(now, cost, out var at))
                {
                    fits = false;
                    waitingOnAnswers |= at is null;
                    latest = at is { } known && (latest is null || known > latest) ? known : latest;
                }
            }

            if (!fits)
            {
                lease = null;
                retryAt = waitingOnAnswers ? null : latest;
                return false;
            }

            var uses = new BudgetUse[budgets.Length];
            for (var i = 0; i < budgets.Length; i++)
            {
                uses[i] = budgets[i].Take(cost);
            }

            lease = new BudgetLease(uses);
            retryAt = null;
            return true;
        }
    }

    /// <summary>Notes that the leased call has been answered (or will never be sent), and wakes waiting calls.</summary>
    public void Answered(BudgetLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            foreach (var use in lease.Uses)
            {
                use.AnsweredAt ??= now;
            }
        }

        WakeWaiting();
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

    private void WakeWaiting()
    {
        TaskCompletionSource wake;
        lock (_lock)
        {
            wake = _answered;
            _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    private int ShareOf(int limit) => Math.Max(1, limit / _addressShare);

    private static TimeSpan LongestWindow(IReadOnlyList<RateLimitRule> rules) =>
        rules.Count == 0 ? TimeSpan.Zero : rules.Max(rule => rule.Window);

    private SlidingWindowBudget Budget(string key, RateLimitRule rule)
    {
        if (!_budgets.TryGetValue(key, out var budget))
        {
            // A margin over the window absorbs the difference between our clock's ticks and the server's window edges.
            var margin = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, rule.Window.Ticks / 50));
            var perAddress = IsPerAddress(key);
            budget = new SlidingWindowBudget(perAddress ? ShareOf(rule.Limit) : rule.Limit, rule.Window + margin);
            _budgets[key] = budget;
            if (perAddress)
            {
                _fullLimits[key] = rule.Limit;
            }
        }

        return budget;
    }

    /// <summary>Whether the budget's key (exchange, rule name and scope, in that order) counts per address.</summary>
    private static bool IsPerAddress(string key)
    {
        var afterExchange = key.IndexOf('|', StringComparison.Ordinal) + 1;
        var scope = key.IndexOf('|', afterExchange) + 1;
        return key.AsSpan(scope).StartsWith(PerAddressScope, StringComparison.Ordinal);
    }

    private string Scope(ExchangeId exchange, RateLimitRule rule, Uri baseUrl, string? apiKey)
    {
        if (rule.Scope == RateLimitScope.Ip || apiKey is null)
        {
            return PerAddressScope + baseUrl.GetLeftPart(UriPartial.Authority);
        }

        var fingerprint = Fingerprint(apiKey);
        return _accountOfKey.TryGetValue(exchange.ToName() + "|" + fingerprint, out var account) ? account : "key:" + fingerprint;
    }

    internal static string Fingerprint(string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)).AsSpan(0, 12));
}

/// <summary>A budget's answer: admitted with a lease to answer when the attempt ends, or refused until <see cref="At"/>.</summary>
internal readonly record struct BudgetAdmission(BudgetLease? Lease, DateTimeOffset At)
{
    public bool Granted => Lease is not null;
}

/// <summary>An admitted call's shares of the budgets it counts against.</summary>
internal sealed class BudgetLease(IReadOnlyList<BudgetUse> uses)
{
    public IReadOnlyList<BudgetUse> Uses { get; } = uses;
}
