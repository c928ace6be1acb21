using System.Globalization;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Kucoin;

internal sealed class KucoinProtocol : ExchangeProtocol
{
    /// <summary>
    /// KuCoin counts weights in resource pools over 30 s: private pools per account (each sub-account its own UID),
    /// the public pool per IP; the VIP 0 quotas are Spot 4000, Futures 2000, Management 2000, Earn 2000 and Public 2000
    /// (KuCoin API, "Rate Limit": https://www.kucoin.com/docs-new/rate-limit). Each call's weight is its cost.
    /// </summary>
    private static readonly RateLimitRule Spot = new("spot", 4000, TimeSpan.FromSeconds(30), RateLimitScope.Account);
    private static readonly RateLimitRule Futures = new("futures", 2000, TimeSpan.FromSeconds(30), RateLimitScope.Account);
    private static readonly RateLimitRule Management = new("management", 2000, TimeSpan.FromSeconds(30), RateLimitScope.Account);
    private static readonly RateLimitRule Earn = new("earn", 2000, TimeSpan.FromSeconds(30), RateLimitScope.Account);
    private static readonly RateLimitRule Public = new("public", 2000, TimeSpan.FromSeconds(30), RateLimitScope.Ip);

    /// <summary>The pool of each private path (KuCoin API, each endpoint's "API-RATE-LIMIT-POOL").</summary>
    private static readonly Dictionary<string, RateLimitRule[]> Pools = new(StringComparer.Ordinal)
    {
        [KucoinPaths.Accounts] = [Management],
        [KucoinPaths.ApiKey] = [Management],
        [KucoinPaths.CrossMargin] = [Spot],
        [KucoinPaths.IsolatedMargin] = [Spot],
        [KucoinPaths.FuturesOverview] = [Futures],
        [KucoinPaths.EarnHoldings] = [Earn],
        [KucoinPaths.UserInfo] = [Management],
        [KucoinPaths.SubAccounts] = [Management],
        [KucoinPaths.SubAccountFutures] = [Futures],
    };

    public override ExchangeId Exchange => ExchangeId.Kucoin;

    /// <summary><c>GET /api/v1/timestamp</c> on the spot and the futures host: <c>{"code":"200000","data":1729100692873}</c>.</summary>
    public override ClockSource Clock { get; } = new ClockSource.Endpoint(
        KucoinPaths.Timestamp,
        body => JsonValues.TryParse(body) is { } document
            && document.RootElement.TryGetProperty("data", out var data) && JsonValues.Long(data) is { } ms and > 0
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null);

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) =>
        call.Signed ? Pools.GetValueOrDefault(call.Path, [Spot]) : [Public];

    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var credentials = account.Credentials;
        var timestamp = context.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        signature = KucoinSigner.Sign(credentials.Secret, KucoinSigner.PreHash(timestamp, call.Method.Method, KucoinSigner.RequestPath(call.Path, call.Query), call.Body));
        var request = new HttpRequestMessage(call.Method, ExchangeUris.Combine(baseUrl, call.Path, call.Query));
        request.Headers.TryAddWithoutValidation("KC-API-KEY", credentials.ApiKey);
        request.Headers.TryAddWithoutValidation("KC-API-SIGN", signature);
        request.Headers.TryAddWithoutValidation("KC-API-TIMESTAMP", timestamp);
        request.Headers.TryAddWithoutValidation("KC-API-PASSPHRASE", KucoinSigner.Passphrase(credentials.Secret, credentials.Passphrase));
        request.Headers.TryAddWithoutValidation("KC-API-KEY-VERSION", KucoinSigner.KeyVersion);
        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => KucoinErrors.Classify(response);
}

/// <summary>The paths Keyfolio calls (KuCoin API: https://www.kucoin.com/docs-new/).</summary>
internal static class KucoinPaths
{
    public const string Timestamp = "/api/v1/timestamp";
    public const string Accounts = "/api/v1/accounts";
    public const string ApiKey = "/api/v1/user/api-key";
    public const string CrossMargin = "/api/v3/margin/accounts";
    public const string IsolatedMargin = "/api/v3/isolated/accounts";
    public const string FuturesOverview = "/api/v1/account-overview";
    public const string EarnHoldings = "/api/v1/earn/hold-assets";
    public const string AllTickers = "/api/v1/market/allTickers";
    public const string UserInfo = "/api/v2/user-info";
    public const string SubAccounts = "/api/v2/sub-accounts";
    public const string SubAccountFutures = "/api/v1/account-overview-all";
}
