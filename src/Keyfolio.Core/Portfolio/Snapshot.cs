using Keyfolio.Exchanges;

namespace Keyfolio.Core.Portfolio;

/// <summary>An asset amount in one wallet of one connection at the time of a snapshot, with the USD price then.</summary>
public sealed record Holding(WalletKind Wallet, string Asset, string ExchangeAsset, decimal Free, decimal Locked, decimal Total, decimal? UsdPrice)
{
    /// <summary>Null when the asset had no price.</summary>
    public decimal? UsdValue => UsdPrice is { } price ? price * Total : null;
}

/// <summary>Whether a wallet was read in a snapshot; a wallet that failed is named, never taken for an empty one.</summary>
public sealed record WalletStatus(WalletKind Wallet, DiagnosisCategory? Failure);

/// <summary>The holdings of a connection at one time, written in one transaction.</summary>
public sealed record Snapshot(
    long Id,
    string ConnectionId,
    DateTimeOffset TakenAt,
    IReadOnlyList<WalletStatus> Wallets,
    IReadOnlyList<Holding> Holdings)
{
    /// <summary>True when every wallet was read.</summary>
    public bool IsComplete => Wallets.All(w => w.Failure is null);

    /// <summary>The value of the priced holdings.</summary>
    public decimal TotalUsd => Holdings.Sum(h => h.UsdValue ?? 0m);

    public int UnpricedCount => Holdings.Count(h => h.UsdPrice is null && h.Total != 0m);
}
