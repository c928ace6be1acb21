using System.Collections.Concurrent;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Binance;

/// <summary>
/// Binance's signing, refusals and weights. One instance per API family, because each host tells its time at its own
/// path: spot and wallet <c>/api/v3/time</c> (api.binance.com), USDⓈ-M futures <c>/fapi/v1/time</c> (fapi.binance.com),
/// COIN-M futures <c>/dapi/v1/time</c> (dapi.binance.com).
/// </summary>
internal sealed class BinanceProtocol(string timePath = BinanceProtocol.SpotTime) : ExchangeProtocol
{
    public const string SpotTime = "/api/v3/time";

    /// <summary>USDⓈ-M Futures, "Check Server Time" (https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Check-Server-Time).</summary>
    public const string UsdsFuturesTime = "/fapi/v1/time";

    /// <summary>COIN-M Futures, "Check Server time" (https://developers.binance.com/docs/derivatives/coin-margined-futures/market-data/Check-Server-time).</summary>
    public const string CoinFuturesTime = "/dapi/v1/time";

    /// <summary>Every <c>/api/*</c> endpoint shares 6,000 request weight per minute per IP (Binance Spot API, "LIMITS":
    /// https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits).</summary>
    private static readonly RateLimitRule[] ApiWeight = [new("weight", 6000, TimeSpan.FromMinutes(1), RateLimitScope.Ip)];

    /// <summary>USDⓈ-M futures (fapi) count 2,400 request weight per minute per IP of their own (USDⓈ-M Futures,
    /// "Account Balance V2", WebSocket answer <c>rateLimits</c> REQUEST_WEIGHT 2400 per MINUTE:
    /// https://developers.binance.com/docs/derivatives/usds-margined-futures/account/websocket-api).</summary>
    private static readonly RateLimitRule[] FapiWeight = [new("fapi weight", 2400, TimeSpan.FromMinutes(1), RateLimitScope.Ip)];

    /// <summary>COIN-M futures (dapi) count 2,400 request weight per minute per IP of their own (COIN-M Futures, "Account
    /// Information", <c>rateLimits</c> REQUEST_WEIGHT 2400 per MINUTE:
    /// https://developers.binance.com/docs/derivatives/coin-margined-futures/account/websocket-api/Account-Information).</summary>
    private static readonly RateLimitRule[] DapiWeight = [new("dapi weight", 2400, TimeSpan.FromMinutes(1), RateLimitScope.Ip)];

    /// <summary>Each IP-limited <c>/sapi/*</c> endpoint has an independent 12,000 weight per minute per IP (Binance, "Rate
    /// limits", /api/* and /sapi/* differ: https://developers.binance.com/zh-CN/docs/products/caas/basics/4.rate-limits);
    /// every SAPI endpoint Keyfolio calls is marked "Request Weight(IP)".</summary>
    private static readonly ConcurrentDictionary<string, RateLimitRule[]> SapiWeight = new(StringComparer.Ordinal);

    public override ExchangeId Exchange => ExchangeId.Binance;

    public override ClockSource Clock { get; } = new ClockSource.Endpoint(
        timePath,
        body => JsonValues.TryParse(body) is { } document && JsonValues.UnixMilliseconds(document.RootElement, "serverTime") is { } time ? time : null);

    /// <summary>"Query Sub-account Assets" counts 60 of the account's (UID) request weight, not the IP's ("Request
    /// Weight(UID) 60": https://developers.binance.com/docs/sub_account/asset-management/Query-Sub-account-Assets-V3). The
    /// UID pool's size, 180,000 per minute, is ccxt's figure; Binance's pages name UID limits without it.</summary>
    private static readonly RateLimitRule[] SapiUidWeight = [new("sapi uid weight", 180000, TimeSpan.FromMinutes(1), RateLimitScope.Account)];

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) => call.Path switch
    {
        BinancePaths.SubAccountAssets => SapiUidWeight,
        var path when path.StartsWith("/sapi/", StringComparison.Ordinal) =>
            SapiWeight.GetOrAdd(path, p => [new("sapi weight " + p, 12000, TimeSpan.FromMinutes(1), RateLimitScope.Ip)]),
        var path when path.StartsWith("/fapi/", StringComparison.Ordinal) => FapiWeight,
        var path when path.StartsWith("/dapi/", StringComparison.Ordinal) => DapiWeight,
        _ => ApiWeight,
    };

    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var query = BinanceSigner.SignedQuery(account.Credentials.Secret, call.Query, context.Now, out signature);
        var request = new HttpRequestMessage(call.Method, ExchangeUris.Combine(baseUrl, call.Path, query));
        request.Headers.TryAddWithoutValidation("X-MBX-APIKEY", account.Credentials.ApiKey);
        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => BinanceErrors.Classify(response);
}

/// <summary>The wallet endpoints Keyfolio reads (docs/exchanges.md, Binance).</summary>
internal static class BinancePaths
{
    public const string SpotAccount = "/api/v3/account";
    public const string FundingAssets = "/sapi/v1/asset/get-funding-asset";
    public const string FlexibleEarn = "/sapi/v1/simple-earn/flexible/position";
    public const string LockedEarn = "/sapi/v1/simple-earn/locked/position";
    public const string CrossMargin = "/sapi/v1/margin/account";
    public const string IsolatedMargin = "/sapi/v1/margin/isolated/account";
    public const string ApiRestrictions = "/sapi/v1/account/apiRestrictions";
    public const string WalletSummary = "/sapi/v1/asset/wallet/balance";
    public const string UsdsFuturesAccount = "/fapi/v3/account";
    public const string SubAccountList = "/sapi/v1/sub-account/list";
    public const string SubAccountAssets = "/sapi/v3/sub-account/assets";
    public const string SubAccountStatus = "/sapi/v1/sub-account/status";
    public const string SubAccountFutures = "/sapi/v2/sub-account/futures/account";
    public const string SubAccountMargin = "/sapi/v1/sub-account/margin/account";
    public const string CoinFuturesAccount = "/dapi/v1/account";
}
