using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Okx;

internal sealed class OkxProtocol : ExchangeProtocol
{
    /// <summary>Private limits are per account (User ID) per endpoint, public ones per IP (OKX API v5, "Rate limits" and each endpoint's rule: https://www.okx.com/docs-v5/en/).</summary>
    private static readonly Dictionary<string, RateLimitRule[]> Rules = new(StringComparer.Ordinal)
    {
        ["/api/v5/account/balance"] = [new("balance", 10, TimeSpan.FromSeconds(2), RateLimitScope.Account)],
        ["/api/v5/account/config"] = [new("config", 5, TimeSpan.FromSeconds(2), RateLimitScope.Account)],
        ["/api/v5/asset/balances"] = [new("asset-balances", 6, TimeSpan.FromSeconds(1), RateLimitScope.Account)],

        // https://www.okx.com/docs-v5/en/#financial-product-simple-earn-flexible-get-saving-balance: 6 requests per second, User ID.
        [OkxPaths.SavingsBalance] = [new("savings-balance", 6, TimeSpan.FromSeconds(1), RateLimitScope.Account)],

        // https://www.okx.com/docs-v5/en/#financial-product-on-chain-earn-get-active-orders: 3 requests per second, User ID.
        [OkxPaths.OnChainOrders] = [new("staking-defi-orders-active", 3, TimeSpan.FromSeconds(1), RateLimitScope.Account)],
        // https://www.okx.com/docs-v5/en/#sub-account-rest-api-get-sub-account-list: 2 requests per second (20 per 2 s), User ID.
        [OkxPaths.SubAccountList] = [new("subaccount-list", 20, TimeSpan.FromSeconds(2), RateLimitScope.Account)],

        // https://www.okx.com/docs-v5/en/#sub-account-rest-api-get-sub-account-trading-balance: 6 requests per 2 s, User ID.
        [OkxPaths.SubAccountTrading] = [new("subaccount-trading-balances", 6, TimeSpan.FromSeconds(2), RateLimitScope.Account)],

        // https://www.okx.com/docs-v5/en/#sub-account-rest-api-get-sub-account-funding-balance: 6 requests per 2 s, User ID
        // (the limit as OKX's SDK documents it, okx-api).
        [OkxPaths.SubAccountFunding] = [new("subaccount-funding-balances", 6, TimeSpan.FromSeconds(2), RateLimitScope.Account)],
        ["/api/v5/public/time"] = [new("time", 10, TimeSpan.FromSeconds(2), RateLimitScope.Ip)],
        ["/api/v5/market/tickers"] = [new("tickers", 20, TimeSpan.FromSeconds(2), RateLimitScope.Ip)],
    };

    private static readonly RateLimitRule[] Other = [new("other", 5, TimeSpan.FromSeconds(2), RateLimitScope.Account)];

    public override ExchangeId Exchange => ExchangeId.Okx;

    public override ClockSource Clock { get; } = new ClockSource.Endpoint(
        "/api/v5/public/time",
        body => JsonValues.TryParse(body) is { } document
            && document.RootElement.TryGetProperty("data", out var data) && data.GetArrayLength() > 0
            && JsonValues.UnixMilliseconds(data[0], "ts") is { } time ? time : null);

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) => Rules.GetValueOrDefault(call.Path, Other);

    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var credentials = account.Credentials;
        var timestamp = OkxSigner.Timestamp(context.Now);
        var requestPath = string.IsNullOrEmpty(call.Query) ? call.Path : call.Path + "?" + call.Query;
        signature = OkxSigner.Sign(credentials.Secret, OkxSigner.PreHash(timestamp, call.Method.Method, requestPath, call.Body));
        var request = new HttpRequestMessage(call.Method, ExchangeUris.Combine(baseUrl, call.Path, call.Query));
        request.Headers.TryAddWithoutValidation("OK-ACCESS-KEY", credentials.ApiKey);
        request.Headers.TryAddWithoutValidation("OK-ACCESS-SIGN", signature);
        request.Headers.TryAddWithoutValidation("OK-ACCESS-TIMESTAMP", timestamp);
        request.Headers.TryAddWithoutValidation("OK-ACCESS-PASSPHRASE", credentials.HasPassphrase ? credentials.PassphraseText() : string.Empty);
        if (account.Endpoint.Environment == ExchangeEnvironment.Demo)
        {
            request.Headers.TryAddWithoutValidation("x-simulated-trading", "1");
        }

        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => OkxErrors.Classify(response);
}

/// <summary>The paths of OKX's earn and sub-account reads.</summary>
internal static class OkxPaths
{
    public const string SubAccountList = "/api/v5/users/subaccount/list";
    public const string SubAccountTrading = "/api/v5/account/subaccount/balances";
    public const string SubAccountFunding = "/api/v5/asset/subaccount/balances";
    public const string SavingsBalance = "/api/v5/finance/savings/balance";
    public const string OnChainOrders = "/api/v5/finance/staking-defi/orders-active";
}
