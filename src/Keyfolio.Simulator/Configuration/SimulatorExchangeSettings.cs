namespace Keyfolio.Simulator;

/// <summary>Start-up state of one exchange; both can be changed at run time through <see cref="SimulatorControl"/>.</summary>
public sealed class SimulatorExchangeSettings
{
    /// <summary>How far the exchange's clock is ahead of the host (negative: behind), in milliseconds.</summary>
    public long ClockOffsetMs { get; set; }

    /// <summary>Answer every request with the exchange's HTTP 451 restricted-location refusal.</summary>
    public bool RestrictedLocation { get; set; }
}
