namespace Keyfolio.Exchanges;

/// <summary>Which of an exchange's systems a key belongs to.</summary>
public enum ExchangeEnvironment
{
    /// <summary>Real money.</summary>
    Live,

    /// <summary>A separate test system with its own host and keys (Binance spot testnet, Gate TestNet, HitBTC demo).</summary>
    Testnet,

    /// <summary>Demo trading on the live host with demo keys (OKX: header <c>x-simulated-trading: 1</c>).</summary>
    Demo,
}
