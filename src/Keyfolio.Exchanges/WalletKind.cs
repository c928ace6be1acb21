namespace Keyfolio.Exchanges;

/// <summary>The wallet or account type a balance sits in, in one vocabulary for all exchanges. Stored by name, so
/// members may be added but never renamed.</summary>
public enum WalletKind
{
    /// <summary>Spot or exchange trading wallet (Binance spot, HTX spot, Bitfinex "exchange", HitBTC trading, Gate spot, Bittrex).</summary>
    Spot,

    /// <summary>The funding wallet where the exchange keeps it apart (OKX funding, Bitfinex funding, HitBTC wallet, HTX OTC).</summary>
    Funding,

    /// <summary>OKX's trading account (unified account for spot, margin and derivatives).</summary>
    Trading,

    /// <summary>Cross or isolated margin, counted net of borrowings and interest.</summary>
    Margin,

    /// <summary>Futures and perpetual swaps: wallet balance plus unrealised profit and loss.</summary>
    Futures,

    /// <summary>Savings and earn products (flexible and locked), where the exchange keeps them apart from spot.</summary>
    Earn,

    /// <summary>Staked assets and on-chain earn positions.</summary>
    Staking,

    /// <summary>Options accounts.</summary>
    Options,
}
