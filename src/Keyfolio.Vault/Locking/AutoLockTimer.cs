namespace Keyfolio.Vault.Locking;

/// <summary>
/// Fires once when the vault has been idle (no <see cref="Touch"/>) for the idle timeout, or unlocked for the
/// absolute timeout, whichever comes first. One timer, re-armed for the nearest deadline; <see cref="Change"/> moves
/// both deadlines of the running unlock at once.
/// </summary>
internal sealed class AutoLockTimer(TimeProvider time, TimeSpan idleTimeout, TimeSpan absoluteTimeout, Action<VaultStateChangeReason> expire) : IDisposable
{
    private readonly Lock _gate = new();
    private TimeSpan _idleTimeout = idleTimeout;
    private TimeSpan _absoluteTimeout = absoluteTimeout;
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

    /// <summary>
    /// Takes new timeouts, counted from the same unlock and the same last activity: a deadline that has already passed
    /// under the new times locks at once.
    /// </summary>
    public void Change(TimeSpan idle, TimeSpan absolute)
    {
        lock (_gate)
        {
            _idleTimeout = idle;
            _absoluteTimeout = absolute;
            if (_timer is not null)
            {
                Arm();
            }
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

    private DateTimeOffset IdleDeadline => Add(_lastActivity, _idleTimeout);

    private DateTimeOffset AbsoluteDeadline => Add(_unlockedAt, _absoluteTimeout);

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
