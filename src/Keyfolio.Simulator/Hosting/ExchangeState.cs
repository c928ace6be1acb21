namespace Keyfolio.Simulator.Hosting;

/// <summary>What can change about one exchange while the simulator runs: its clock, its counters, 451 mode.</summary>
internal sealed class ExchangeState(TimeProvider time, SimulatorExchangeSettings settings)
{
    private volatile bool _restrictedLocation = settings.RestrictedLocation;

    public SimulatorClock Clock { get; } = new(time) { Offset = TimeSpan.FromMilliseconds(settings.ClockOffsetMs) };

    public ExchangeCounters Counters { get; } = new();

    public bool RestrictedLocation
    {
        get => _restrictedLocation;
        set => _restrictedLocation = value;
    }
}
