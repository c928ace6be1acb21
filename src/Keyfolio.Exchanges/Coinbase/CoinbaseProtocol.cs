using System.Globalization;
using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Coinbase;

internal sealed class CoinbaseProtocol : ExchangeProtocol
{
    /// <summary>
    /// Advanced Trade REST: private endpoints 30 requests a second per user, public endpoints 10 a second per IP address
    /// (Advanced Trade, "REST API Rate Limits": https://docs.cloud.coinbase.com/advanced-trade/docs/rest-api-rate-limits,
    /// the page the CDP documentation replaced and no longer carries; no later figure is published). Keys of one CDP
    /// organization are one user's, so they share the private budget (<see cref="CoinbaseConnector"/> links them).
    /// </summary>
    private static readonly RateLimitRule Private = new("private", 30, TimeSpan.FromSeconds(1), RateLimitScope.Account);
    private static readonly RateLimitRule Public = new("public", 10, TimeSpan.FromSeconds(1), RateLimitScope.Ip);

    public override ExchangeId Exchange => ExchangeId.Coinbase;

    /// <summary><c>GET /api/v3/brokerage/time</c> (public): <c>{"iso","epochSeconds","epochMillis"}</c>, the numbers as strings
    /// (Advanced Trade API, "Get Server Time": https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-server-time).</summary>
    public override ClockSource Clock { get; } = new ClockSource.Endpoint(CoinbasePaths.Time, CoinbaseResponses.ServerTime);

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) => call.Signed ? [Private] : [Public];

    /// <summary>A fresh JWT per request, bound to its method, host and path (the query is not part of the <c>uri</c> claim).</summary>
    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var url = ExchangeUris.Combine(baseUrl, call.Path, call.Query);
        var credentials = account.Credentials;
        var jwt = CoinbaseSigner.Jwt(credentials.Secret, credentials.ApiKey, CoinbaseSigner.Uri(call.Method.Method, url.Authority, url.AbsolutePath), context.Now, CoinbaseSigner.NewNonce());
        signature = jwt;
        var request = new HttpRequestMessage(call.Method, url);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + jwt);
        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => CoinbaseErrors.Classify(response);

    /// <summary>
    /// Correctly signed JWTs get a 401 now and then, accepted on the next attempt ("Intermittent 401 Unauthorized for
    /// valid CDP JWTs depending on HTTP client / TLS stack": https://github.com/coinbase/coinbase-advanced-py/issues/132;
    /// also #19), so a 401 is sent once more with a fresh JWT before it is diagnosed.
    /// </summary>
    public override bool RetriesRefusalOnce(ExchangeError refusal) => refusal.Code == "401";
}

/// <summary>The paths Keyfolio calls (Advanced Trade API: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api).</summary>
internal static class CoinbasePaths
{
    public const string Time = "/api/v3/brokerage/time";
    public const string Accounts = "/api/v3/brokerage/accounts";
    public const string KeyPermissions = "/api/v3/brokerage/key_permissions";
    public const string PublicProducts = "/api/v3/brokerage/market/products";

    /// <summary>The most accounts one page may hold ("By default, displays 49 (max 250)").</summary>
    public const int AccountsPageSize = 250;

    public static string AccountsQuery(string? cursor) =>
        "limit=" + AccountsPageSize.ToString(CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(cursor) ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
}
