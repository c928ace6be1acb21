using System.Collections.Concurrent;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Binance;

internal sealed class BinanceProtocol : ExchangeProtocol
{
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
        "/api/v3/time",
        body => JsonValues.TryParse(body) is { } document && JsonValues.UnixMilliseconds(document.RootElement, "serverTime") is { } time ? time : null);

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) => call.Path switch
    {
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
}
