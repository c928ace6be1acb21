namespace Keyfolio.Exchanges.Http;

/// <summary>
/// One rate limit, counted the safe way round: a call holds its share from the moment it is admitted until one
/// window after its answer arrives. The exchange counts the call somewhere in between — and a busy server may count
/// it long after it was sent — so only the answer proves the count has happened. Two calls that can land in the same
/// server window were therefore both held when the later one was admitted, whether the server's windows are fixed or
/// sliding. Not thread-safe: the owner locks.
/// </summary>
internal sealed class SlidingWindowBudget(int limit, TimeSpan window)
{
    private readonly List<BudgetUse> _uses = [];
    private int _held;

    /// <summary>
    /// The cost this budget admits per window. It may change while calls are held (a node's share of an address
    /// changes): the calls it holds stay counted, and a lower limit admits nothing new until they leave the window.
    /// </summary>
    public int Limit { get; set; } = limit;

    public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;

    /// <summary>
    /// Whether <paramref name="cost"/> fits at <paramref name="now"/>. When it does not, <paramref name="retryAt"/> is
    /// the earliest time it may, or null when only the answer to a call still in flight can make room.
    /// </summary>
    public bool Fits(DateTimeOffset now, int cost, out DateTimeOffset? retryAt)
    {
        Prune(now);
        if (BlockedUntil > now)
        {
            retryAt = BlockedUntil;
            return false;
        }

        // A call costlier than the whole limit may still go alone, or it would never go.
        if (_held + cost <= Limit || _held == 0)
        {
            retryAt = null;
            return true;
        }

        retryAt = null;
        var excess = _held + cost - Limit;
        foreach (var use in _uses.Where(u => u.AnsweredAt is not null).OrderBy(u => u.AnsweredAt))
        {
            excess -= use.Cost;
            if (excess <= 0)
            {
                retryAt = use.AnsweredAt!.Value + window;
                break;
            }
        }

        return false;
    }

    public BudgetUse Take(int cost)
    {
        var use = new BudgetUse(cost);
        _uses.Add(use);
        _held += cost;
        return use;
    }

    private void Prune(DateTimeOffset now)
    {
        var left = 0;
        foreach (var use in _uses)
        {
            if (use.AnsweredAt is { } answered && answered + window <= now)
            {
                _held -= use.Cost;
                left++;
            }
        }

        if (left > 0)
        {
            _uses.RemoveAll(u => u.AnsweredAt is { } answered && answered + window <= now);
        }
    }
}

/// <summary>One admitted call's share of a budget; in flight until its answer (or the end of the attempt) is noted.</summary>
internal sealed class BudgetUse(int cost)
{
    public int Cost { get; } = cost;

    public DateTimeOffset? AnsweredAt { get; set; }
}
