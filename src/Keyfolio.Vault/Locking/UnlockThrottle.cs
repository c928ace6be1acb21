namespace Keyfolio.Vault.Locking;

/// <summary>
/// A growing delay after each wrong password in a row: the base delay after the first failure, doubling up
/// to a ceiling, cleared by a success. Driven by <see cref="TimeProvider"/>. The vault calls it under its
/// attempt lock, so it needs no locking of its own.
/// </summary>
internal sealed class UnlockThrottle(TimeProvider time, TimeSpan baseDelay, TimeSpan maxDelay)
{
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public int ConsecutiveFailures { get; private set; }

    /// <summary>How long the next attempt still has to wait.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var remaining = _notBefore - time.GetUtcNow();
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }

    /// <summary>Waits until the next attempt is allowed.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var remaining = Remaining;
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, time, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Counts a failure and returns the delay now imposed on the next attempt.</summary>
    public TimeSpan RecordFailure()
    {
        ConsecutiveFailures++;
        var delay = DelayAfter(ConsecutiveFailures);
        _notBefore = time.GetUtcNow() + delay;
        return delay;
    }

    public void Reset()
    {
        ConsecutiveFailures = 0;
        _notBefore = DateTimeOffset.MinValue;
    }

    public TimeSpan DelayAfter(int failures)
    {
        if (failures <= 0)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - 1, 30);
        var delay = TimeSpan.FromTicks(Math.Min(baseDelay.Ticks * (1L << doublings), maxDelay.Ticks));
        return delay < TimeSpan.Zero || delay > maxDelay ? maxDelay : delay;
    }
}
