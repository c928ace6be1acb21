namespace Keyfolio.Simulator.Tests;

public sealed class SimulatorClockTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void The_server_clock_follows_the_configured_offset()
    {
        var host = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var clock = new SimulatorClock(new FixedTime(host)) { Offset = TimeSpan.FromMinutes(-2) };

        Assert.Equal(host.AddMinutes(-2), clock.UtcNow);
        Assert.Equal(host.AddMinutes(-2).ToUnixTimeMilliseconds(), clock.UnixMilliseconds);
    }
}
