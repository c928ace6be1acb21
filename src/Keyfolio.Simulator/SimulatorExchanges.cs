using Keyfolio.Simulator.Exchanges;
using Keyfolio.Simulator.Exchanges.Binance;
using Keyfolio.Simulator.Exchanges.Bitfinex;
using Keyfolio.Simulator.Exchanges.Bittrex;
using Keyfolio.Simulator.Exchanges.Bybit;
using Keyfolio.Simulator.Exchanges.Coinbase;
using Keyfolio.Simulator.Exchanges.Gate;
using Keyfolio.Simulator.Exchanges.HitBtc;
using Keyfolio.Simulator.Exchanges.Htx;
using Keyfolio.Simulator.Exchanges.Kraken;
using Keyfolio.Simulator.Exchanges.Kucoin;
using Keyfolio.Simulator.Exchanges.Okx;

namespace Keyfolio.Simulator;

/// <summary>The exchanges the simulator serves, and their regional sites.</summary>
public static class SimulatorExchanges
{
    /// <summary>The name of the admin endpoint in the endpoints JSON.</summary>
    public const string Admin = "admin";

    /// <summary>The registration list: one line per exchange (docs/adding-an-exchange.md). Everything else about an
    /// exchange lives in its folder under <c>Exchanges/</c>.</summary>
    internal static IReadOnlyList<SimulatedExchange> Registered { get; } =
    [
        BinanceSite.Definition,
        OkxSite.Definition,
        HtxSite.Definition,
        BitfinexSite.Definition,
        HitBtcSite.Definition,
        GateSite.Definition,
        BittrexSite.Definition,
        KrakenSite.Definition,
        BybitSite.Definition,
        KucoinSite.Definition,
        CoinbaseSite.Definition,
    ];

    public static IReadOnlyList<string> All { get; } = [.. Registered.Select(e => e.Name)];

    /// <summary>Every site with its own port: each exchange's own, then the regional sites.</summary>
    public static IReadOnlyList<string> Sites { get; } = [.. All, .. Registered.SelectMany(e => e.Sites.Skip(1))];

    /// <summary>The permission vocabulary shared by every exchange (docs/exchange-permissions.md).</summary>
    public static IReadOnlyList<string> Permissions { get; } = ["read", "spot", "margin", "futures", "withdraw", "transfer"];

    /// <summary>The exchange a name in a configuration file names, or <c>null</c>.</summary>
    internal static SimulatedExchange? Find(string? exchange) => Registered.FirstOrDefault(e => e.Name == exchange);

    internal static string SiteFor(string exchange, string region) => Find(exchange)?.SiteFor(region) ?? exchange;

    internal static string ExchangeOfSite(string site) => Registered.FirstOrDefault(e => e.Sites.Contains(site))?.Name ?? site;

    internal static SimulatedExchange OfSite(string site) =>
        Registered.FirstOrDefault(e => e.Sites.Contains(site)) ?? throw new ArgumentException($"'{site}' is not a simulated site.", nameof(site));

    internal static IReadOnlyList<string> RegionsOf(string exchange) => Find(exchange)?.Regions ?? ["global"];

    internal static string DefaultRegion(string exchange) => Find(exchange)?.DefaultRegion ?? "global";

    internal static IReadOnlyList<string> WalletsOf(string exchange) => Find(exchange)?.Wallets ?? ["spot"];
}
