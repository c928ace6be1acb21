namespace Keyfolio.Exchanges;

/// <summary>The wallet or account type a balance sits in, in one vocabulary for all exchanges.</summary>
public enum WalletKind
{
    /// <summary>Spot or exchange trading wallet (Binance spot, HTX spot, Bitfinex "exchange", HitBTC trading, Gate spot, Bittrex).</summary>
    Spot,

    /// <summary>The funding wallet where the exchange keeps it apart (OKX funding, Bitfinex funding, HitBTC wallet, HTX OTC).</summary>
    Funding,

    /// <summary>OKX's trading account (unified account for spot, margin and derivatives).</summary>
    Trading,

    Margin,

    Futures,
}
