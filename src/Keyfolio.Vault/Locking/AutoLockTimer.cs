namespace Keyfolio.Vault.Locking;

/// <summary>
/// Fires once when the vault has been idle (no <see cref="Touch"/>) for the idle timeout, or unlocked for the
/// absolute timeout, whichever comes first. One timer, re-armed for the nearest deadline.
/// </summary>
internal sealed class AutoLockTimer(TimeProvider time, TimeSpan idleTimeout, TimeSpan absoluteTimeout, Action<VaultStateChangeReason> expire) : IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private DateTimeOffset _unlockedAt;
    private DateTimeOffset _lastActivity;
    private long _generation;

    public void Start()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _unlockedAt = _lastActivity = time.GetUtcNow();
            var generation = ++_generation;
            _timer = time.CreateTimer(_ => OnTick(generation), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Arm();
        }
    }

    public void Touch()
    {
        lock (_gate)
        {
            _lastActivity = time.GetUtcNow();
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _generation++;
            _timer?.Dispose();
            _timer = null;
        }
    }

    public void Dispose() => Stop();

    private void OnTick(long generation)
    {
        VaultStateChangeReason? reason = null;
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }

            var now = time.GetUtcNow();
            if (now >= AbsoluteDeadline)
            {
                reason = VaultStateChangeReason.AbsoluteTimeout;
            }
            else if (now >= IdleDeadline)
            {
                reason = VaultStateChangeReason.IdleTimeout;
            }
            else
            {
                Arm();
                return;
            }

            _generation++;
            _timer?.Dispose();
            _timer = null;
        }

        expire(reason.Value);
    }

    private DateTimeOffset IdleDeadline => Add(_lastActivity, idleTimeout);

    private DateTimeOffset AbsoluteDeadline => Add(_unlockedAt, absoluteTimeout);

    private void Arm()
    {
        var next = IdleDeadline < AbsoluteDeadline ? IdleDeadline : AbsoluteDeadline;
        if (next == DateTimeOffset.MaxValue)
        {
            return;
        }

        var due = next - time.GetUtcNow();
        _timer!.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private static DateTimeOffset Add(DateTimeOffset start, TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan || DateTimeOffset.MaxValue - start <= timeout ? DateTimeOffset.MaxValue : start + timeout;
}
