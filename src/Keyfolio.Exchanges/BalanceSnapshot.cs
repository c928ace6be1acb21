namespace Keyfolio.Exchanges;

/// <summary>
/// The balances of one connection at one time, per wallet. <see cref="Wallets"/> says which wallets were read and
/// which failed (with the failure), so a missing wallet is never mistaken for an empty one.
/// </summary>
public sealed record BalanceSnapshot(IReadOnlyList<AssetBalance> Balances, IReadOnlyList<WalletReading> Wallets, DateTimeOffset At)
{
    /// <summary>True when every wallet the connector reads was read.</summary>
    public bool IsComplete => Wallets.All(w => w.Failure is null);
}

/// <summary>One asset in one wallet. <see cref="Asset"/> is the common ticker (<c>USDT</c>), <see cref="ExchangeAsset"/>
/// the exchange's own code (<c>UST</c> on Bitfinex, <c>usdt</c> on HTX).</summary>
public sealed record AssetBalance(WalletKind Wallet, string Asset, string ExchangeAsset, decimal Free, decimal Locked, decimal Total);

/// <summary>Whether a wallet was read; <see cref="Failure"/> says why not.</summary>
public sealed record WalletReading(WalletKind Wallet, Diagnosis? Failure = null);
