namespace Keyfolio.Exchanges.Http;

/// <summary>
/// A sliding log of the cost spent under one limit. A sliding window never lets more than the limit through in any
/// window of its length, so it also stays under a server that counts in fixed windows. Calls are reserved in time
/// order, possibly in the near future, so waiting callers go through in turn. Not thread-safe: the owner locks.
/// </summary>
internal sealed class SlidingWindowBudget(int limit, TimeSpan window)
{
    private readonly Queue<(DateTimeOffset At, int Cost)> _spent = new();
    private DateTimeOffset _lastReservation = DateTimeOffset.MinValue;
    private int _total;

    public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;

    /// <summary>The earliest time at or after <paramref name="now"/> when <paramref name="cost"/> fits.</summary>
    public DateTimeOffset EarliestStart(DateTimeOffset now, int cost)
    {
        Prune(now);
        var start = Max(now, Max(_lastReservation, BlockedUntil));
        var inWindow = _total;
        foreach (var (at, spent) in _spent)
        {
            if (inWindow + cost <= limit)
            {
                break;
            }

            inWindow -= spent;
            start = Max(start, at + window);
        }

        return start;
    }

    public void Reserve(DateTimeOffset at, int cost)
    {
        _spent.Enqueue((at, cost));
        _total += cost;
        _lastReservation = at;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_spent.TryPeek(out var oldest) && oldest.At + window <= now)
        {
            _spent.Dequeue();
            _total -= oldest.Cost;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
