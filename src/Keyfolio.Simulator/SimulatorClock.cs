namespace Keyfolio.Simulator;

/// <summary>
/// The simulated exchange's own clock: the host's time plus an offset that tests and the fault
/// configuration can set, so clients can be exercised against a server whose clock is wrong.
/// </summary>
public sealed class SimulatorClock(TimeProvider host)
{
    private long _offsetTicks;

    public SimulatorClock()
        : this(TimeProvider.System)
    {
    }

    /// <summary>How far the simulated server's clock is ahead of the host (negative: behind).</summary>
    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public DateTimeOffset UtcNow => host.GetUtcNow() + Offset;

    public long UnixMilliseconds => UtcNow.ToUnixTimeMilliseconds();
}
