using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Binance;

internal sealed class BinanceProtocol : ExchangeProtocol
{
    /// <summary>Request weight per minute per IP (Binance Spot API, "LIMITS": https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits); SAPI is counted in the same pool to stay on the safe side.</summary>
    private static readonly RateLimitRule[] Weight = [new("weight", 6000, TimeSpan.FromMinutes(1), RateLimitScope.Ip)];

    public override ExchangeId Exchange => ExchangeId.Binance;

    public override ClockSource Clock { get; } = new ClockSource.Endpoint(
        "/api/v3/time",
        body => JsonValues.TryParse(body) is { } document && JsonValues.UnixMilliseconds(document.RootElement, "serverTime") is { } time ? time : null);

    public override IReadOnlyList<RateLimitRule> RulesFor(ExchangeCall call) => Weight;

    public override HttpRequestMessage CreateSignedRequest(ExchangeCall call, Uri baseUrl, ExchangeAccount account, SigningContext context, out string signature)
    {
        var query = BinanceSigner.SignedQuery(account.Credentials.Secret, call.Query, context.Now, out signature);
        var request = new HttpRequestMessage(call.Method, ExchangeUris.Combine(baseUrl, call.Path, query));
        request.Headers.TryAddWithoutValidation("X-MBX-APIKEY", account.Credentials.ApiKey);
        return request;
    }

    public override ExchangeError? Classify(ExchangeResponse response) => BinanceErrors.Classify(response);
}
