namespace Keyfolio.Simulator;

/// <summary>How the simulator is hosted; the exchanges' behaviour comes from <see cref="SimulatorConfig"/>.</summary>
public sealed class SimulatorHostOptions
{
    /// <summary>The host clock the exchanges' clocks, rate-limit windows and latency follow; tests pass a controllable one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the sites listen; loopback by default. Ports come from the configuration's <c>ports</c>, or are free ports.
    /// </summary>
    public System.Net.IPAddress ListenAddress { get; init; } = System.Net.IPAddress.Loopback;
}
