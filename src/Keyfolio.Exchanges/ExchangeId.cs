namespace Keyfolio.Exchanges;

/// <summary>The exchanges Keyfolio connects to.</summary>
public enum ExchangeId
{
    Binance,
    Okx,
    Htx,
    Bitfinex,
    HitBtc,
    Gate,
    Bittrex,
    Kraken,
    Bybit,
    Kucoin,
    Coinbase,
}
