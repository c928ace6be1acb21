namespace Keyfolio.Simulator;

/// <summary>The exchange names the simulator serves, and the extra regional sites.</summary>
public static class SimulatorExchanges
{
    public const string Binance = "binance";
    public const string Okx = "okx";
    public const string Htx = "htx";
    public const string Bitfinex = "bitfinex";
    public const string HitBtc = "hitbtc";
    public const string Gate = "gate";
    public const string Bittrex = "bittrex";

    /// <summary>Binance.US, for accounts with <c>"region": "us"</c>.</summary>
    public const string BinanceUs = "binance-us";

    /// <summary>OKX's EEA entity (my.okx.com), for accounts with <c>"region": "eea"</c>.</summary>
    public const string OkxEea = "okx-eea";

    /// <summary>OKX's US entity (app.okx.com), for accounts with <c>"region": "us"</c>.</summary>
    public const string OkxUs = "okx-us";

    /// <summary>The name of the admin endpoint in the endpoints JSON.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Binance, Okx, Htx, Bitfinex, HitBtc, Gate, Bittrex];

    /// <summary>Every site with its own port: the seven exchanges and the three regional sites.</summary>
    public static IReadOnlyList<string> Sites { get; } = [Binance, Okx, Htx, Bitfinex, HitBtc, Gate, Bittrex, BinanceUs, OkxEea, OkxUs];

    /// <summary>The permission vocabulary shared by every exchange (docs/exchange-permissions.md).</summary>
    public static IReadOnlyList<string> Permissions { get; } = ["read", "spot", "margin", "futures", "withdraw", "transfer"];

    internal static string SiteFor(string exchange, string region) => (exchange, region) switch
    {
        (Binance, "us") => BinanceUs,
        (Okx, "eea") => OkxEea,
        (Okx, "us") => OkxUs,
        _ => exchange,
    };

    internal static string ExchangeOfSite(string site) => site switch
    {
        BinanceUs => Binance,
        OkxEea or OkxUs => Okx,
        _ => site,
    };

    internal static IReadOnlyList<string> RegionsOf(string exchange) => exchange switch
    {
        Binance => ["com", "us"],
        Okx => ["global", "eea", "us"],
        _ => ["global"],
    };

    internal static string DefaultRegion(string exchange) => exchange == Binance ? "com" : "global";

    internal static IReadOnlyList<string> WalletsOf(string exchange) => exchange switch
    {
        Binance => ["spot", "funding"],
        Okx => ["spot", "funding"],
        Htx => ["spot", "margin", "otc", "point"],
        Bitfinex => ["exchange", "margin", "funding"],
        HitBtc => ["spot", "wallet"],
        Gate => ["spot"],
        _ => ["spot"],
    };
}
