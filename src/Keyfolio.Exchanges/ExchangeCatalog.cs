namespace Keyfolio.Exchanges;

/// <summary>The descriptors of all exchanges — names, credential fields and format rules, hosts, guides — available
/// without any HTTP setup (for forms, the <c>guide</c> command, the QR importer).</summary>
public static class ExchangeCatalog
{
    /// <summary>The registration list: one line per exchange, in the order Keyfolio lists them
    /// (docs/adding-an-exchange.md). Everything else about an exchange lives in its folder.</summary>
    internal static IReadOnlyList<ExchangeRegistration> Registrations { get; } =
    [
        new(Binance.BinanceDescriptor.Instance, transport => new Binance.BinanceConnector(transport)),
        new(Okx.OkxDescriptor.Instance, transport => new Okx.OkxConnector(transport)),
        new(Htx.HtxDescriptor.Instance, transport => new Htx.HtxConnector(transport)),
        new(Bitfinex.BitfinexDescriptor.Instance, transport => new Bitfinex.BitfinexConnector(transport)),
        new(HitBtc.HitBtcDescriptor.Instance, transport => new HitBtc.HitBtcConnector(transport)),
        new(Gate.GateDescriptor.Instance, transport => new Gate.GateConnector(transport)),
        new(Bittrex.BittrexDescriptor.Instance, transport => new Bittrex.BittrexConnector(transport)),
        new(Kraken.KrakenDescriptor.Instance, transport => new Kraken.KrakenConnector(transport)),
        new(Bybit.BybitDescriptor.Instance, transport => new Bybit.BybitConnector(transport)),
        new(Kucoin.KucoinDescriptor.Instance, transport => new Kucoin.KucoinConnector(transport)),
        new(Coinbase.CoinbaseDescriptor.Instance, transport => new Coinbase.CoinbaseConnector(transport)),
    ];

    public static IReadOnlyList<ExchangeDescriptor> All { get; } = [.. Registrations.Select(r => r.Descriptor)];

    private static readonly Dictionary<ExchangeId, ExchangeDescriptor> ById = All.ToDictionary(d => d.Id);

    public static ExchangeDescriptor Get(ExchangeId exchange) =>
        ById.TryGetValue(exchange, out var descriptor) ? descriptor : throw new ArgumentOutOfRangeException(nameof(exchange), exchange, "Unknown exchange.");
}
