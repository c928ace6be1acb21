namespace Keyfolio.Simulator.Throttling;

/// <summary>The limits each exchange publishes (REFERENCE.md "Rate limits"), by rule name.</summary>
internal static class RateLimitRules
{
    public static readonly RateLimitRule BinanceWeight = new("binance.weight", 6000, TimeSpan.FromMinutes(1), RateScope.Ip);
    public static readonly RateLimitRule BinanceSapiWeight = new("binance.sapi-weight", 12000, TimeSpan.FromMinutes(1), RateScope.Ip);
    public static readonly RateLimitRule OkxAccountBalance = new("okx.account-balance", 10, TimeSpan.FromSeconds(2), RateScope.Uid);
    public static readonly RateLimitRule OkxAccountConfig = new("okx.account-config", 5, TimeSpan.FromSeconds(2), RateScope.Uid);
    public static readonly RateLimitRule OkxAssetBalances = new("okx.asset-balances", 6, TimeSpan.FromSeconds(1), RateScope.Uid);
    public static readonly RateLimitRule OkxPublic = new("okx.public", 20, TimeSpan.FromSeconds(2), RateScope.Ip);
    public static readonly RateLimitRule HtxAccounts = new("htx.accounts", 100, TimeSpan.FromSeconds(2), RateScope.Uid);
    public static readonly RateLimitRule HtxAccountBalance = new("htx.account-balance", 100, TimeSpan.FromSeconds(2), RateScope.Uid);
    public static readonly RateLimitRule HtxUser = new("htx.user", 20, TimeSpan.FromSeconds(2), RateScope.Uid);
    public static readonly RateLimitRule HtxPublic = new("htx.public", 100, TimeSpan.FromSeconds(1), RateScope.Ip);
    public static readonly RateLimitRule BitfinexWallets = new("bitfinex.wallets", 45, TimeSpan.FromMinutes(1), RateScope.Ip);
    public static readonly RateLimitRule BitfinexPermissions = new("bitfinex.permissions", 90, TimeSpan.FromMinutes(1), RateScope.Ip);
    public static readonly RateLimitRule BitfinexPublic = new("bitfinex.public", 90, TimeSpan.FromMinutes(1), RateScope.Ip);
    public static readonly RateLimitRule HitBtcPrivate = new("hitbtc.private", 20, TimeSpan.FromSeconds(1), RateScope.Key);
    public static readonly RateLimitRule HitBtcPublic = new("hitbtc.public", 30, TimeSpan.FromSeconds(1), RateScope.Ip);
    public static readonly RateLimitRule GatePrivate = new("gate.private", 200, TimeSpan.FromSeconds(10), RateScope.Uid);
    public static readonly RateLimitRule GatePublic = new("gate.public", 200, TimeSpan.FromSeconds(10), RateScope.Ip);
    public static readonly RateLimitRule BittrexPrivate = new("bittrex.private", 60, TimeSpan.FromMinutes(1), RateScope.Key);
    public static readonly RateLimitRule BittrexPublic = new("bittrex.public", 60, TimeSpan.FromMinutes(1), RateScope.Ip);

    public static IReadOnlyList<RateLimitRule> All { get; } =
    [
        BinanceWeight, BinanceSapiWeight,
        OkxAccountBalance, OkxAccountConfig, OkxAssetBalances, OkxPublic,
        HtxAccounts, HtxAccountBalance, HtxUser, HtxPublic,
        BitfinexWallets, BitfinexPermissions, BitfinexPublic,
        HitBtcPrivate, HitBtcPublic,
        GatePrivate, GatePublic,
        BittrexPrivate, BittrexPublic,
    ];

    public static IReadOnlyList<string> Known { get; } = [.. All.Select(rule => rule.Name)];
}
