namespace Keyfolio.Exchanges;

/// <summary>The descriptors of all exchanges — names, credential fields and format rules, hosts, guides — available
/// without any HTTP setup (for forms, the <c>guide</c> command, the QR importer).</summary>
public static class ExchangeCatalog
{
    public static IReadOnlyList<ExchangeDescriptor> All { get; } =
    [
        Binance.BinanceDescriptor.Instance,
        Okx.OkxDescriptor.Instance,
        Htx.HtxDescriptor.Instance,
        Bitfinex.BitfinexDescriptor.Instance,
        HitBtc.HitBtcDescriptor.Instance,
        Gate.GateDescriptor.Instance,
        Bittrex.BittrexDescriptor.Instance,
    ];

    public static ExchangeDescriptor Get(ExchangeId exchange) =>
        All.FirstOrDefault(d => d.Id == exchange) ?? throw new ArgumentOutOfRangeException(nameof(exchange), exchange, "Unknown exchange.");
}
