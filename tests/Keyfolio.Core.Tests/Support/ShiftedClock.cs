namespace Keyfolio.Core.Tests.Support;

/// <summary>
/// The system clock moved on by hand: the test says "ten days later" with <see cref="Advance"/> and everything the core
/// computes from the time (expiry, unused keys, retry times) follows, while timers and timestamps stay the system's.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
