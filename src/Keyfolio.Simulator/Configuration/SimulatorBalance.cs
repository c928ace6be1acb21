namespace Keyfolio.Simulator;

/// <summary>An asset held in one wallet of an account.</summary>
public sealed record SimulatorBalance
{
    /// <summary>The exchange's own wallet kind: spot/funding, exchange/margin/funding, …</summary>
    public string Wallet { get; init; } = "spot";

    public string Asset { get; init; } = "";

    public decimal Free { get; init; }

    public decimal Locked { get; init; }
}
