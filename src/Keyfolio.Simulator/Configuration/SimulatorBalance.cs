using System.Text.Json.Serialization;

namespace Keyfolio.Simulator;

/// <summary>An asset held in one wallet of an account.</summary>
public sealed record SimulatorBalance
{
    /// <summary>The exchange's own wallet kind: spot/funding, exchange/margin/funding, …</summary>
    public string Wallet { get; init; } = "spot";

    public string Asset { get; init; } = "";

    public decimal Free { get; init; }

    public decimal Locked { get; init; }

    /// <summary>For a wallet kept per trading pair (Binance isolated margin): the pair, e.g. <c>BTCUSDT</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary>Borrowed and not yet repaid (margin, unified and trading accounts); free and locked include what was borrowed,
    /// so the wallet's net holding is free + locked − borrowed − interest.</summary>
    public decimal Borrowed { get; init; }

    /// <summary>Interest owed on what was borrowed.</summary>
    public decimal Interest { get; init; }

    /// <summary>Unrealised profit (or, negative, loss) of open positions (futures, swaps, options, trading accounts).</summary>
    public decimal UnrealisedPnl { get; init; }

    /// <summary>The net holding: free + locked − borrowed − interest + unrealised profit and loss.</summary>
    [JsonIgnore]
    public decimal Net => Free + Locked - Borrowed - Interest + UnrealisedPnl;
}
