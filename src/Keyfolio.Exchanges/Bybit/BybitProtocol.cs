using System.Globalization;
using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Bybit;

internal sealed class BybitProtocol : ExchangeProtocol
{
    /// <summary>600 requests in 5 s per IP address across api.bybit.com, api.bytick.com and the regional hosts, private
    /// calls included (Bybit V5, "Rate Limit Rules" → "IP Limit": https://bybit-exchange.github.io/docs/v5/rate-limit).</summary>
    private static readonly RateLimitRule Ip = new("ip", 600, TimeSpan.FromSeconds(5), RateLimitScope.Ip);

    /// <summary>Per UID per endpoint in a rolling one-second window, each endpoint with its own limit (same page,
    /// "API Rate Limit" and its table). The Earn position pages state no limit: they count like Earn's fixed-term
    /// position (10/s, https://bybit-exchange.github.io/docs/v5/finance/earn/fixed-saving/position).</summary>
    private static readonly Dictionary<string, RateLimitRule[]> Rules = new(StringComparer.Ordinal)
    {
        ["/v5/account/wallet-balance"] = [Ip, new("wallet-balance", 50, TimeSpan.FromSeconds(1), RateLimitScope.Account)],
        ["/v5/account/info"] = [Ip, new("account-info", 50, TimeSpan.FromSeconds(1), RateLimitScope.Account)],
        ["/v5/asset/transfer/query-account-coins-balance"] = [Ip, new("coins-balance", 5, TimeSpan.FromSeconds(1), RateLimitScope.Account)],
        ["/v5/user/query-api"] = [Ip, new("query-api", 10, TimeSpan.FromSeconds(1), RateLimitScope.Account)],
        ["/v5/earn/position"] = [Ip, new("earn-position", 10, TimeSpan.FromSeconds(1), RateLimitScope.Account)],
        ["/v5/earn/fixed-term/position"] = [Ip, new("earn-fixed-term-position", 10, TimeSpan.FromSeconds(1), RateLimitScope.Account)],
    };

    private static readonly RateLimitRule[] OtherPrivate = [Ip, new("other-private", 10, TimeSpan.FromSeconds(1), RateLimitScope.Account)];
    private static readonly RateLimitRule[] Public = [Ip];

    public override ExchangeId Exchange => ExchangeId.Bybit;

    /// <summary><c>GET /v5/market/time</c>: <c>result.timeNano</c>, else the envelope's <c>time</c> in milliseconds
    /// (https://bybit-exchange.github.io/docs/v5/market/time).</summary>
    public override ClockSource Clock { get; } = new ClockSource.Endpoint("/v5/market/time", BybitResponses.ServerTime);

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) =>
        call.Signed ? Rules.GetValueOrDefault(call.Path, OtherPrivate) : Public;

    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var apiKey = account.Credentials.ApiKey;
        var timestamp = context.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var payload = call.Method == HttpMethod.Get ? call.Query : call.Body;
        signature = BybitSigner.Sign(account.Credentials.Secret, BybitSigner.StringToSign(timestamp, apiKey, BybitSigner.DefaultRecvWindow, payload));
        var request = new HttpRequestMessage(call.Method, ExchangeUris.Combine(baseUrl, call.Path, call.Query));
        request.Headers.TryAddWithoutValidation("X-BAPI-API-KEY", apiKey);
        request.Headers.TryAddWithoutValidation("X-BAPI-TIMESTAMP", timestamp);
        request.Headers.TryAddWithoutValidation("X-BAPI-RECV-WINDOW", BybitSigner.DefaultRecvWindow);
        request.Headers.TryAddWithoutValidation("X-BAPI-SIGN", signature);
        if (call.Body is not null)
        {
            request.Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(call.Body)) { Headers = { ContentType = new("application/json") } };
        }

        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => BybitErrors.Classify(response);
}
